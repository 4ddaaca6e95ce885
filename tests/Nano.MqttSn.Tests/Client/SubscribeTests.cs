using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Tests.Client
{
    [TestClass]
    public class SubscribeTests
    {
        [TestMethod]
        public void Wildcard_subscription_then_gateway_Register_then_Publish_section_6_9_and_6_10()
        {
            var g = new ScriptedGateway();
            g.Connected();
            byte[] filter = Bytes.Ascii("s/+/t");
            Assert.AreEqual(SnClientResult.Ok, g.Client.Subscribe(filter, 0, 5, 1, g.Now, out int msgId));
            Assert.AreEqual("0A 12 20 00 01 73 2F 2B 2F 74", g.Out());
            g.In("08 13 20 00 00 00 01 00");
            Assert.AreEqual("subscribed 1 qos1 0 0", g.Events.Take());
            Assert.AreEqual(0, g.Client.Topics.Count);

            g.In("0B 0A 00 09 00 01 73 2F 78 2F 74");
            Assert.AreEqual("07 0B 00 09 00 01 00", g.Out());
            g.In("0A 0C 20 00 09 00 02 32 30 35");
            Assert.AreEqual("message 0 9 qos1 205", g.Events.Take());
            Assert.AreEqual("07 0D 00 09 00 02 00", g.Out());
        }

        [TestMethod]
        public void Plain_name_subscription_stores_the_SubAck_topic_id()
        {
            var g = new ScriptedGateway();
            g.Connected();
            byte[] name = Bytes.Ascii("x/y");
            g.Client.Subscribe(name, 0, 3, 0, g.Now, out _);
            Assert.AreEqual("08 12 00 00 01 78 2F 79", g.Out());
            g.In("08 13 00 00 03 00 01 00");
            Assert.AreEqual("subscribed 1 qos0 3 0", g.Events.Take());
            Assert.AreEqual(3, g.Client.Topics.Find(name, 0, 3));
            g.In("09 0C 10 00 03 00 00 6F 6B");
            Assert.AreEqual("message 0 3 qos0 retain ok", g.Events.Take());
            Assert.AreEqual(string.Empty, g.Out());
        }

        [TestMethod]
        public void Predefined_and_short_subscriptions_and_their_publishes()
        {
            var g = new ScriptedGateway();
            g.Connected();
            Assert.AreEqual(SnClientResult.Ok, g.Client.Subscribe(SnTopicIdType.Predefined, 0x0010, 2, g.Now, out _));
            Assert.AreEqual("07 12 41 00 01 00 10", g.Out());
            g.In("08 13 40 00 10 00 01 00");
            Assert.AreEqual("subscribed 1 qos2 16 0", g.Events.Take());
            Assert.AreEqual(SnClientResult.Ok, g.Client.Subscribe(SnTopicIdType.Short, 0x6162, 0, g.Now, out _));
            Assert.AreEqual("07 12 02 00 02 61 62", g.Out());
            g.In("08 13 00 00 00 00 02 00");
            g.Events.Take();
            g.In("08 0C 01 00 10 00 00 41");
            g.In("08 0C 02 61 62 00 00 42");
            Assert.AreEqual("message 1 16 qos0 A | message 2 24930 qos0 B", g.Events.Take());
        }

        [TestMethod]
        public void Subscribe_is_resent_with_DUP_section_6_13()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.Client.Subscribe(SnTopicIdType.Predefined, 0x0010, 1, g.Now, out _);
            Assert.AreEqual("07 12 21 00 01 00 10", g.Out());
            g.Advance(10000);
            Assert.AreEqual("07 12 A1 00 01 00 10", g.Out());
            g.In("08 13 20 00 10 00 01 00");
            Assert.AreEqual("subscribed 1 qos1 16 0", g.Events.Take());
        }

        [TestMethod]
        public void Unsubscribe_by_name_and_by_short_name()
        {
            var g = new ScriptedGateway();
            g.Connected();
            byte[] filter = Bytes.Ascii("a/#");
            Assert.AreEqual(SnClientResult.Ok, g.Client.Unsubscribe(filter, 0, 3, g.Now, out int msgId));
            Assert.AreEqual("08 14 00 00 01 61 2F 23", g.Out());
            g.In("04 15 00 01");
            Assert.AreEqual("unsubscribed 1 0", g.Events.Take());
            Assert.AreEqual(SnClientResult.Ok, g.Client.Unsubscribe(SnTopicIdType.Short, 0x6162, g.Now, out _));
            Assert.AreEqual("07 14 02 00 02 61 62", g.Out());
            g.In("04 15 00 02");
            Assert.AreEqual("unsubscribed 2 0", g.Events.Take());
        }

        [TestMethod]
        public void Invalid_filters_and_qos_are_refused_locally()
        {
            var g = new ScriptedGateway();
            g.Connected();
            byte[] bad = Bytes.Ascii("a/#/b");
            Assert.AreEqual(SnClientResult.InvalidArgument, g.Client.Subscribe(bad, 0, 5, 0, g.Now, out _));
            Assert.AreEqual(SnClientResult.InvalidArgument, g.Client.Subscribe(SnTopicIdType.Predefined, 1, -1, g.Now, out _));
            Assert.AreEqual(SnClientResult.InvalidArgument, g.Client.Subscribe(SnTopicIdType.Normal, 1, 0, g.Now, out _));
            Assert.AreEqual(string.Empty, g.Out());
        }
    }
}
