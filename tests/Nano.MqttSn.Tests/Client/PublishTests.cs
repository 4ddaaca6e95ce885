using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Tests.Client
{
    [TestClass]
    public class PublishTests
    {
        private static readonly byte[] Hi = Bytes.Ascii("hi");

        [TestMethod]
        public void Register_stores_the_assigned_topic_id_section_6_5()
        {
            var o = ScriptedGateway.Options();
            o.MaxQueuedRequests = 0;
            var g = new ScriptedGateway(o);
            g.Connected();
            byte[] name = Bytes.Ascii("a/b");
            Assert.AreEqual(SnClientResult.Ok, g.Client.Register(name, 0, 3, g.Now, out int msgId));
            Assert.AreEqual(1, msgId);
            Assert.AreEqual("09 0A 00 00 00 01 61 2F 62", g.Out());
            Assert.AreEqual(SnClientResult.Busy, g.Client.Register(name, 0, 3, g.Now, out _));
            g.In("07 0B 00 05 00 01 00");
            Assert.AreEqual("registered 1 5 0", g.Events.Take());
            Assert.AreEqual(5, g.Client.Topics.Find(name, 0, 3));
            byte[] copy = new byte[8];
            Assert.AreEqual(3, g.Client.Topics.CopyName(5, copy, 1));
            Assert.AreEqual("a/b", Bytes.Text(copy, 1, 3));
        }

        [TestMethod]
        public void Register_with_a_wildcard_is_refused_locally()
        {
            var g = new ScriptedGateway();
            g.Connected();
            byte[] name = Bytes.Ascii("a/#");
            Assert.AreEqual(SnClientResult.InvalidArgument, g.Client.Register(name, 0, 3, g.Now, out _));
            Assert.AreEqual(string.Empty, g.Out());
        }

        [TestMethod]
        public void Gateway_Register_is_answered_with_RegAck_section_6_10()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.In("09 0A 00 07 00 09 63 2F 64");
            Assert.AreEqual("07 0B 00 07 00 09 00", g.Out());
            Assert.IsTrue(g.Client.Topics.Contains(7));
        }

        [TestMethod]
        public void Gateway_Register_with_topic_id_zero_is_rejected_as_invalid_topic_id()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.In("09 0A 00 00 00 09 63 2F 64");
            Assert.AreEqual("07 0B 00 00 00 09 02", g.Out());
            Assert.AreEqual(0, g.Client.Topics.Count);
        }

        [TestMethod]
        public void Gateway_Register_beyond_the_table_capacity_is_rejected()
        {
            var o = ScriptedGateway.Options();
            o.MaxTopics = 1;
            var g = new ScriptedGateway(o);
            g.Connected();
            g.In("09 0A 00 07 00 09 63 2F 64");
            Assert.AreEqual("07 0B 00 07 00 09 00", g.Out());
            g.In("09 0A 00 08 00 0A 63 2F 65");
            Assert.AreEqual("07 0B 00 08 00 0A 01", g.Out());
            Assert.IsFalse(g.Client.Topics.Contains(8));
        }

        [TestMethod]
        public void Qos_minus1_needs_no_connection_and_only_predefined_or_short_topics_section_6_8()
        {
            var g = new ScriptedGateway();
            Assert.AreEqual(SnClientResult.Ok, g.Client.Publish(SnQos.MinusOne, SnTopicIdType.Short, 0x7465, false, Hi, 0, 2, g.Now, out int msgId));
            Assert.AreEqual(0, msgId);
            Assert.AreEqual("09 0C 62 74 65 00 00 68 69", g.Out());
            Assert.AreEqual(SnClientResult.Ok, g.Client.Publish(SnQos.MinusOne, SnTopicIdType.Predefined, 3, true, Hi, 0, 2, g.Now, out _));
            Assert.AreEqual("09 0C 71 00 03 00 00 68 69", g.Out());
            Assert.AreEqual(SnClientResult.InvalidArgument, g.Client.Publish(SnQos.MinusOne, SnTopicIdType.Normal, 3, false, Hi, 0, 2, g.Now, out _));
            Assert.AreEqual(SnClientResult.WrongState, g.Client.Publish(0, SnTopicIdType.Predefined, 3, false, Hi, 0, 2, g.Now, out _));
            Assert.AreEqual(SnClientState.Disconnected, g.Client.State);
        }

        [TestMethod]
        public void Qos0_is_sent_once_with_msg_id_zero()
        {
            var g = new ScriptedGateway();
            g.Connected();
            Assert.AreEqual(SnClientResult.Ok, g.Client.Publish(0, SnTopicIdType.Normal, 5, false, Hi, 0, 2, g.Now, out int msgId));
            Assert.AreEqual(0, msgId);
            Assert.AreEqual("09 0C 00 00 05 00 00 68 69", g.Out());
            g.Advance(20000);
            Assert.AreEqual(string.Empty, g.Out());
        }

        [TestMethod]
        public void Qos1_is_resent_with_DUP_after_T_RETRY_and_completes_on_PubAck_section_6_13()
        {
            var o = ScriptedGateway.Options();
            o.MaxQueuedRequests = 0;
            var g = new ScriptedGateway(o);
            g.Connected();
            Assert.AreEqual(SnClientResult.Ok, g.Client.Publish(1, SnTopicIdType.Normal, 5, false, Hi, 0, 2, g.Now, out int msgId));
            Assert.AreEqual("09 0C 20 00 05 00 01 68 69", g.Out());
            Assert.AreEqual(SnClientResult.Busy, g.Client.Publish(1, SnTopicIdType.Normal, 5, false, Hi, 0, 2, g.Now, out _));
            g.Advance(10000);
            Assert.AreEqual("09 0C A0 00 05 00 01 68 69", g.Out());
            g.In("07 0D 00 05 00 02 00");
            Assert.AreEqual(string.Empty, g.Events.Take());
            g.In("07 0D 00 05 00 01 00");
            Assert.AreEqual("published 1 0", g.Events.Take());
            g.Advance(10000);
            Assert.AreEqual(string.Empty, g.Out());
        }

        [TestMethod]
        public void Qos1_gives_up_after_N_RETRY_and_the_gateway_is_lost()
        {
            var o = ScriptedGateway.Options();
            o.MaxRetries = 2;
            var g = new ScriptedGateway(o);
            g.Connected();
            g.Client.Publish(1, SnTopicIdType.Predefined, 9, false, Hi, 0, 2, g.Now, out int msgId);
            Assert.AreEqual("09 0C 21 00 09 00 01 68 69", g.Out());
            g.Advance(10000);
            Assert.AreEqual("09 0C A1 00 09 00 01 68 69", g.Out());
            g.Advance(10000);
            Assert.AreEqual("09 0C A1 00 09 00 01 68 69", g.Out());
            Assert.AreEqual(string.Empty, g.Events.Take());
            g.Advance(10000);
            Assert.AreEqual(string.Empty, g.Out());
            Assert.AreEqual("published 1 -1 | disconnected Lost 0", g.Events.Take());
            Assert.AreEqual(SnClientState.Disconnected, g.Client.State);
        }

        [TestMethod]
        public void Qos2_flow_PubRec_PubRel_PubComp_with_PubRel_retry()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.Client.Publish(2, SnTopicIdType.Normal, 5, false, Hi, 0, 2, g.Now, out int msgId);
            Assert.AreEqual("09 0C 40 00 05 00 01 68 69", g.Out());
            g.In("04 0F 00 01");
            Assert.AreEqual("04 10 00 01", g.Out());
            g.Advance(10000);
            Assert.AreEqual("04 10 00 01", g.Out());
            g.In("04 0F 00 01");
            Assert.AreEqual("04 10 00 01", g.Out());
            Assert.AreEqual(string.Empty, g.Events.Take());
            g.In("04 0E 00 01");
            Assert.AreEqual("published 1 0", g.Events.Take());
            g.Advance(10000);
            Assert.AreEqual(string.Empty, g.Out());
        }

        [TestMethod]
        public void Invalid_topic_id_PubAck_completes_and_forgets_the_normal_id_section_6_7()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.In("09 0A 00 05 00 09 63 2F 64");
            g.Out();
            g.Client.Publish(1, SnTopicIdType.Normal, 5, false, Hi, 0, 2, g.Now, out int msgId);
            g.Out();
            g.In("07 0D 00 05 00 01 02");
            Assert.AreEqual("published 1 2", g.Events.Take());
            Assert.IsFalse(g.Client.Topics.Contains(5));
        }

        [TestMethod]
        public void Congestion_PubAck_for_qos0_is_reported_with_msg_id_zero()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.Client.Publish(0, SnTopicIdType.Predefined, 5, false, Hi, 0, 2, g.Now, out _);
            g.Out();
            g.In("07 0D 00 05 00 00 01");
            Assert.AreEqual("published 0 1", g.Events.Take());
        }

        [TestMethod]
        public void Oversized_publish_is_refused()
        {
            var o = ScriptedGateway.Options();
            o.MaxPacketSize = 40;
            var g = new ScriptedGateway(o);
            g.Connected();
            byte[] big = new byte[34];
            Assert.AreEqual(SnClientResult.TooLarge, g.Client.Publish(1, SnTopicIdType.Normal, 5, false, big, 0, 34, g.Now, out _));
            Assert.AreEqual(SnClientResult.Ok, g.Client.Publish(1, SnTopicIdType.Normal, 5, false, big, 0, 33, g.Now, out _));
        }

        [TestMethod]
        public void Full_transmit_queue_is_reported()
        {
            var o = ScriptedGateway.Options();
            o.TransmitQueueLength = 2;
            var g = new ScriptedGateway(o);
            Assert.AreEqual(SnClientResult.Ok, g.Client.Publish(-1, SnTopicIdType.Predefined, 5, false, Hi, 0, 2, g.Now, out _));
            Assert.AreEqual(SnClientResult.Ok, g.Client.Publish(-1, SnTopicIdType.Predefined, 5, false, Hi, 0, 2, g.Now, out _));
            Assert.AreEqual(SnClientResult.QueueFull, g.Client.Publish(-1, SnTopicIdType.Predefined, 5, false, Hi, 0, 2, g.Now, out _));
            Assert.AreEqual(1, g.Client.DroppedDatagrams);
            Assert.AreEqual(-1, g.Client.NextDatagram(new byte[4], 0, out _));
            Assert.AreEqual(2, g.Client.PendingDatagrams);
        }
    }
}
