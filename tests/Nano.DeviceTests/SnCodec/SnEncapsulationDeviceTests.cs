#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.MqttSn.Codec;

namespace Nano.DeviceTests.SnCodec
{
    /// <summary>The forwarder encapsulation 0xFE (§5.5): Length covers only the envelope header.</summary>
    [TestClass]
    public class SnEncapsulationDeviceTests
    {
        [TestMethod]
        public void Envelope_encodes_ctrl_node_id_and_the_inner_message_section_5_5()
        {
            EncapsulatedMessage m = new EncapsulatedMessage();
            m.Ctrl = 1;
            m.NodeId = Hex.Parse("AA BB");
            m.NodeIdLength = 2;
            m.Inner = Hex.Parse("03 01 00");
            m.InnerLength = 3;
            byte[] dst = new byte[16];
            int n = m.Encode(dst, 0);
            Assert.AreEqual(8, n);
            Hex.AssertOctets("05 FE 01 AA BB 03 01 00", dst, 0, n);

            EncapsulatedMessage d = new EncapsulatedMessage();
            Assert.AreEqual((int)SnError.None, (int)d.Decode(dst, 0, n));
            Assert.AreEqual(1, d.Radius);
            Assert.AreEqual("AA BB", Hex.Format(dst, d.NodeIdOffset, d.NodeIdLength));
            Assert.AreEqual(5, d.InnerOffset);
            Assert.AreEqual(3, d.InnerLength);
        }

        [TestMethod]
        public void The_message_set_decodes_the_inner_message_too_section_5_5()
        {
            byte[] b = Hex.Parse("05 FE 00 AA BB 0B 0C 30 00 01 00 02 32 31 2E 35");
            SnMessageSet set = new SnMessageSet();
            byte type;
            Assert.AreEqual((int)SnError.None, (int)set.Decode(b, 0, b.Length, out type));
            Assert.AreEqual((int)SnMessageType.Encapsulated, (int)type);
            Assert.AreEqual(2, set.Encapsulated.NodeIdLength);
            Assert.AreEqual(2, set.Publish.MsgId);
            Assert.AreEqual("32 31 2E 35", Hex.Format(b, set.Publish.DataOffset, set.Publish.DataLength));
        }

        [TestMethod]
        public void An_envelope_without_node_id_or_without_inner_message_is_BadEncapsulation_section_5_5()
        {
            SnMessageSet set = new SnMessageSet();
            byte type;
            byte[] noNodeId = Hex.Parse("03 FE 00 03 01 00");
            Assert.AreEqual((int)SnError.BadEncapsulation, (int)set.Decode(noNodeId, 0, noNodeId.Length, out type));
            byte[] noInner = Hex.Parse("04 FE 00 01");
            Assert.AreEqual((int)SnError.BadEncapsulation, (int)set.Decode(noInner, 0, noInner.Length, out type));
        }

        [TestMethod]
        public void An_envelope_inside_an_envelope_is_BadEncapsulation_section_5_5()
        {
            byte[] b = Hex.Parse("04 FE 00 01 04 FE 00 01 03 01 00");
            byte type;
            Assert.AreEqual((int)SnError.BadEncapsulation, (int)new SnMessageSet().Decode(b, 0, b.Length, out type));
        }

        [TestMethod]
        public void A_malformed_inner_message_is_reported_with_its_own_error_section_5_5()
        {
            SnMessageSet set = new SnMessageSet();
            byte type;
            byte[] trailing = Hex.Parse("04 FE 00 01 03 01 00 00");
            Assert.AreEqual((int)SnError.TrailingBytes, (int)set.Decode(trailing, 0, trailing.Length, out type));
            byte[] unknown = Hex.Parse("04 FE 00 01 02 03");
            Assert.AreEqual((int)SnError.UnknownMessageType, (int)set.Decode(unknown, 0, unknown.Length, out type));
        }
    }
}
