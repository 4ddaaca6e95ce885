using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests.Security
{
    [TestClass]
    public sealed class AbuseLimitTests
    {
        [TestMethod]
        public void Topics_deeper_than_MaxTopicLevels_are_refused_in_SUBSCRIBE_and_close_the_connection_in_PUBLISH()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxTopicLevels = 3 });
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "a/b/c", 1, "a/b/c/d", 1, "#", 1));
            Assert.AreEqual("90050001" + "01" + "80" + "01", c.Next().Hex);
            c.Send(Packets.Publish("a/b/c", "y"));
            Assert.AreEqual("a/b/c", c.Next().Topic);
            c.Send(Packets.Publish("a/b/c/d", "x", qos: 1, packetId: 5));
            c.ExpectNothing();
            Assert.IsTrue(c.WantsClose, "refused by closing, never acknowledged and dropped");
            Assert.AreEqual(1L, broker.Engine.Statistics.PublishesRejected);
            Assert.AreEqual(1L, broker.Engine.Statistics.ProtocolErrors);
            Assert.AreEqual(1L, broker.Engine.Statistics.SubscriptionsRefused);
        }

        [TestMethod]
        public void The_publish_rate_limit_holds_input_back_until_tokens_refill_without_dropping()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxPublishRate = 10, PublishBurst = 2 });
            ScriptedClient sub = broker.Connect("s");
            sub.Send(Packets.Subscribe(1, "t", 0));
            sub.Drain();
            ScriptedClient pub = broker.Connect("p");
            for (int i = 0; i < 5; i++)
            {
                pub.Send(Packets.Publish("t", i.ToString()));
            }
            Assert.AreEqual(2, sub.Drain().Count, "the burst passes at once");
            Assert.AreEqual(1L, broker.Engine.Statistics.PublishesThrottled);
            broker.Advance(99);
            Assert.AreEqual(0, sub.Drain().Count, "one token takes 100 ms at 10/s");
            broker.Advance(1);
            Assert.AreEqual(1, sub.Drain().Count);
            broker.Advance(1000);
            Assert.AreEqual(2, sub.Drain().Count);
            Assert.AreEqual(0L, broker.Engine.Statistics.MessagesDropped);
            Assert.IsTrue(broker.Engine.Statistics.PublishesThrottled >= 2);
        }
    }
}
