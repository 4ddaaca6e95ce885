using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Tests.Codec
{
    /// <summary>Facts stated in the reference: fixed sizes (§5.4), the type table (§5.2.2), the flags octet (§5.3.4).</summary>
    [TestClass]
    public class LayoutTests
    {
        [TestMethod]
        public void Fixed_sizes_of_section_5_4()
        {
            Assert.AreEqual(7, new PublishMessage { TopicId = 1 }.GetSize());
            Assert.AreEqual(7, new TopicAckMessage { MsgType = SnMessageType.PubAck }.GetSize());
            Assert.AreEqual(7, new TopicAckMessage { MsgType = SnMessageType.RegAck }.GetSize());
            Assert.AreEqual(8, new SubAckMessage().GetSize());
            Assert.AreEqual(3, new ReturnCodeMessage { MsgType = SnMessageType.ConnAck }.GetSize());
            Assert.AreEqual(3, new SearchGwMessage().GetSize());
            Assert.AreEqual(2, new HeaderOnlyMessage { MsgType = SnMessageType.PingResp }.GetSize());
            Assert.AreEqual(4, new MsgIdMessage { MsgType = SnMessageType.PubRel }.GetSize());
            Assert.AreEqual(5, new AdvertiseMessage().GetSize());
            Assert.AreEqual(2, new DisconnectMessage().GetSize());
            Assert.AreEqual(4, new DisconnectMessage { HasDuration = true }.GetSize());
        }

        [TestMethod]
        public void Publish_header_costs_9_octets_in_the_long_form_section_11()
        {
            var m = new PublishMessage { TopicId = 1, DataLength = 300, Data = new byte[300] };
            Assert.AreEqual(309, m.GetSize());
        }

        [TestMethod]
        public void Twenty_seven_message_types_plus_the_envelope_are_known_section_5_2_2()
        {
            int known = 0;
            for (int t = 0; t < 256; t++)
            {
                if (SnMessageType.IsKnown(t))
                {
                    known++;
                }
            }

            Assert.AreEqual(28, known);
            Assert.IsTrue(SnMessageType.IsKnown(0xFE));
            Assert.IsFalse(SnMessageType.IsKnown(0x03));
            Assert.IsFalse(SnMessageType.IsKnown(0x11));
            Assert.IsFalse(SnMessageType.IsKnown(0x19));
            Assert.IsFalse(SnMessageType.IsKnown(0xFF));
        }

        [TestMethod]
        public void Qos_bits_of_the_flags_octet_section_5_3_4()
        {
            Assert.AreEqual(0x00, SnFlags.QosBits(0));
            Assert.AreEqual(0x20, SnFlags.QosBits(1));
            Assert.AreEqual(0x40, SnFlags.QosBits(2));
            Assert.AreEqual(0x60, SnFlags.QosBits(-1));
            Assert.AreEqual(-1, SnFlags.GetQos(0x60));
            Assert.AreEqual(2, SnFlags.GetQos(0xC3));
            Assert.AreEqual(SnTopicIdType.Reserved, SnFlags.GetTopicIdType(0xFF));
        }
    }
}
