using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.MqttSn.Tests.Client
{
    [TestClass]
    public class ReceiveTests
    {
        [TestMethod]
        public void Qos2_duplicate_Publish_is_delivered_once()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.In("08 0C 41 00 10 00 05 31");
            Assert.AreEqual("message 1 16 qos2 1", g.Events.Take());
            Assert.AreEqual("04 0F 00 05", g.Out());
            g.In("08 0C C1 00 10 00 05 31");
            Assert.AreEqual(string.Empty, g.Events.Take());
            Assert.AreEqual("04 0F 00 05", g.Out());
            g.In("04 10 00 05");
            Assert.AreEqual("04 0E 00 05", g.Out());
            g.In("04 10 00 05");
            Assert.AreEqual("04 0E 00 05", g.Out());
            g.In("08 0C 41 00 10 00 05 32");
            Assert.AreEqual("message 1 16 qos2 2", g.Events.Take());
        }

        [TestMethod]
        public void Qos2_beyond_the_id_memory_is_left_unacknowledged_for_the_gateway_to_resend()
        {
            var o = ScriptedGateway.Options();
            o.MaxInboundQos2 = 1;
            var g = new ScriptedGateway(o);
            g.Connected();
            g.In("08 0C 41 00 10 00 05 31");
            g.Out();
            g.In("08 0C 41 00 10 00 06 32");
            Assert.AreEqual(string.Empty, g.Out());
            Assert.AreEqual("message 1 16 qos2 1", g.Events.Take());
            Assert.AreEqual(1, g.Client.RefusedQos2);
            g.In("04 10 00 05");
            Assert.AreEqual("04 0E 00 05", g.Out());
            g.In("08 0C C1 00 10 00 06 32");
            Assert.AreEqual("message 1 16 qos2 2", g.Events.Take());
            Assert.AreEqual("04 0F 00 06", g.Out());
        }

        [TestMethod]
        public void Publish_with_an_unknown_normal_topic_id_gets_PubAck_invalid_topic_id_section_6_10()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.In("08 0C 20 00 33 00 07 31");
            Assert.AreEqual(string.Empty, g.Events.Take());
            Assert.AreEqual("07 0D 00 33 00 07 02", g.Out());
        }

        [TestMethod]
        public void Publish_while_disconnected_is_ignored()
        {
            var g = new ScriptedGateway();
            g.In("08 0C 21 00 10 00 05 31");
            Assert.AreEqual(string.Empty, g.Events.Take());
            Assert.AreEqual(string.Empty, g.Out());
        }
    }
}
