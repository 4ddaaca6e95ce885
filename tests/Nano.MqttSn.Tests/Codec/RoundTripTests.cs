using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Tests.Codec
{
    [TestClass]
    public class RoundTripTests
    {
        private static byte[] Encoded(int size, System.Func<byte[], int, int> encode, string expectedHex)
        {
            byte[] dst = new byte[size + 3];
            int n = encode(dst, 3);
            Assert.AreEqual(size, n);
            Assert.AreEqual(expectedHex, Bytes.ToHex(dst, 3, n));
            byte[] exact = new byte[n];
            System.Array.Copy(dst, 3, exact, 0, n);
            return exact;
        }

        [TestMethod]
        public void Advertise()
        {
            var m = new AdvertiseMessage { GwId = 7, Duration = 900 };
            byte[] b = Encoded(m.GetSize(), m.Encode, "05 00 07 03 84");
            var d = new AdvertiseMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(7, d.GwId);
            Assert.AreEqual(900, d.Duration);
        }

        [TestMethod]
        public void SearchGw()
        {
            var m = new SearchGwMessage { Radius = 1 };
            byte[] b = Encoded(m.GetSize(), m.Encode, "03 01 01");
            var d = new SearchGwMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(1, d.Radius);
        }

        [TestMethod]
        public void GwInfo_from_gateway_and_from_client_with_GwAdd()
        {
            var m = new GwInfoMessage { GwId = 3 };
            byte[] b = Encoded(m.GetSize(), m.Encode, "03 02 03");
            var d = new GwInfoMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(3, d.GwId);
            Assert.AreEqual(0, d.GwAddLength);

            byte[] add = Bytes.Hex("C0 A8 01 02");
            m = new GwInfoMessage { GwId = 3, GwAdd = add, GwAddLength = 4 };
            b = Encoded(m.GetSize(), m.Encode, "07 02 03 C0 A8 01 02");
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual("C0 A8 01 02", Bytes.ToHex(b, d.GwAddOffset, d.GwAddLength));
        }

        [TestMethod]
        public void Connect_with_will_and_clean_session()
        {
            byte[] id = Bytes.Ascii("node");
            var m = new ConnectMessage { Will = true, CleanSession = true, Duration = 60, ClientId = id, ClientIdLength = 4 };
            byte[] b = Encoded(m.GetSize(), m.Encode, "0A 04 0C 01 00 3C 6E 6F 64 65");
            var d = new ConnectMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.IsTrue(d.Will);
            Assert.IsTrue(d.CleanSession);
            Assert.AreEqual(60, d.Duration);
            Assert.AreEqual("node", Bytes.Text(b, d.ClientIdOffset, d.ClientIdLength));
        }

        [TestMethod]
        public void ConnAck_WillTopicResp_WillMsgResp()
        {
            var m = new ReturnCodeMessage { MsgType = SnMessageType.ConnAck, ReturnCode = SnReturnCode.Congestion };
            byte[] b = Encoded(3, m.Encode, "03 05 01");
            var d = new ReturnCodeMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, 3));
            Assert.AreEqual(SnMessageType.ConnAck, d.MsgType);
            Assert.AreEqual(SnReturnCode.Congestion, d.ReturnCode);

            m = new ReturnCodeMessage { MsgType = SnMessageType.WillTopicResp, ReturnCode = SnReturnCode.Accepted };
            Encoded(3, m.Encode, "03 1B 00");
            m = new ReturnCodeMessage { MsgType = SnMessageType.WillMsgResp, ReturnCode = SnReturnCode.NotSupported };
            b = Encoded(3, m.Encode, "03 1D 03");
            Assert.AreEqual(SnError.None, d.Decode(b, 0, 3));
            Assert.AreEqual(SnMessageType.WillMsgResp, d.MsgType);
        }

        [TestMethod]
        public void Header_only_messages()
        {
            Encoded(2, new HeaderOnlyMessage { MsgType = SnMessageType.WillTopicReq }.Encode, "02 06");
            Encoded(2, new HeaderOnlyMessage { MsgType = SnMessageType.WillMsgReq }.Encode, "02 08");
            byte[] b = Encoded(2, new HeaderOnlyMessage { MsgType = SnMessageType.PingResp }.Encode, "02 17");
            var d = new HeaderOnlyMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, 2));
            Assert.AreEqual(SnMessageType.PingResp, d.MsgType);
        }

        [TestMethod]
        public void WillTopic_with_qos_and_retain_and_the_empty_delete_form()
        {
            byte[] t = Bytes.Ascii("dead");
            var m = new WillTopicMessage { MsgType = SnMessageType.WillTopic, Qos = 1, Retain = true, Topic = t, TopicLength = 4 };
            byte[] b = Encoded(m.GetSize(), m.Encode, "07 07 30 64 65 61 64");
            var d = new WillTopicMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(1, d.Qos);
            Assert.IsTrue(d.Retain);
            Assert.AreEqual("dead", Bytes.Text(b, d.TopicOffset, d.TopicLength));

            m = new WillTopicMessage { MsgType = SnMessageType.WillTopicUpd };
            b = Encoded(m.GetSize(), m.Encode, "02 1A");
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(SnMessageType.WillTopicUpd, d.MsgType);
            Assert.AreEqual(0, d.TopicLength);
        }

        [TestMethod]
        public void WillMsg_and_WillMsgUpd()
        {
            byte[] data = Bytes.Ascii("bye");
            var m = new WillMsgMessage { MsgType = SnMessageType.WillMsg, Data = data, DataLength = 3 };
            byte[] b = Encoded(m.GetSize(), m.Encode, "05 09 62 79 65");
            var d = new WillMsgMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual("bye", Bytes.Text(b, d.DataOffset, d.DataLength));
            m.MsgType = SnMessageType.WillMsgUpd;
            Encoded(m.GetSize(), m.Encode, "05 1C 62 79 65");
        }

        [TestMethod]
        public void Register_and_RegAck()
        {
            byte[] name = Bytes.Ascii("a/b");
            var m = new RegisterMessage { TopicId = 0, MsgId = 0x1234, TopicName = name, TopicNameLength = 3 };
            byte[] b = Encoded(m.GetSize(), m.Encode, "09 0A 00 00 12 34 61 2F 62");
            var d = new RegisterMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(0, d.TopicId);
            Assert.AreEqual(0x1234, d.MsgId);
            Assert.AreEqual("a/b", Bytes.Text(b, d.TopicNameOffset, d.TopicNameLength));

            var a = new TopicAckMessage { MsgType = SnMessageType.RegAck, TopicId = 0x0101, MsgId = 0x1234, ReturnCode = 0 };
            b = Encoded(7, a.Encode, "07 0B 01 01 12 34 00");
            var da = new TopicAckMessage();
            Assert.AreEqual(SnError.None, da.Decode(b, 0, 7));
            Assert.AreEqual(SnMessageType.RegAck, da.MsgType);
            Assert.AreEqual(0x0101, da.TopicId);
            Assert.AreEqual(0x1234, da.MsgId);
        }

        [TestMethod]
        public void Publish_qos1_normal_topic_id()
        {
            byte[] data = Bytes.Ascii("21.5");
            var m = new PublishMessage { Qos = 1, Retain = true, TopicIdType = SnTopicIdType.Normal, TopicId = 0x0001, MsgId = 0x0002, Data = data, DataLength = 4 };
            byte[] b = Encoded(m.GetSize(), m.Encode, "0B 0C 30 00 01 00 02 32 31 2E 35");
            var d = new PublishMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(1, d.Qos);
            Assert.IsTrue(d.Retain);
            Assert.IsFalse(d.Dup);
            Assert.AreEqual(1, d.TopicId);
            Assert.AreEqual(2, d.MsgId);
            Assert.AreEqual("21.5", Bytes.Text(b, d.DataOffset, d.DataLength));
        }

        [TestMethod]
        public void Publish_qos_minus1_short_name_encodes_qos_bits_11()
        {
            var m = new PublishMessage { Qos = SnQos.MinusOne, TopicIdType = SnTopicIdType.Short, TopicId = ('t' << 8) | 'e', Data = new byte[] { 1 }, DataLength = 1 };
            byte[] b = Encoded(m.GetSize(), m.Encode, "08 0C 62 74 65 00 00 01");
            var d = new PublishMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(SnQos.MinusOne, d.Qos);
            Assert.AreEqual(SnTopicIdType.Short, d.TopicIdType);
            Assert.AreEqual(0x7465, d.TopicId);
        }

        [TestMethod]
        public void Publish_qos2_dup_predefined()
        {
            var m = new PublishMessage { Dup = true, Qos = 2, TopicIdType = SnTopicIdType.Predefined, TopicId = 5, MsgId = 9 };
            byte[] b = Encoded(m.GetSize(), m.Encode, "07 0C C1 00 05 00 09");
            var d = new PublishMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.IsTrue(d.Dup);
            Assert.AreEqual(2, d.Qos);
            Assert.AreEqual(SnTopicIdType.Predefined, d.TopicIdType);
            Assert.AreEqual(0, d.DataLength);
        }

        [TestMethod]
        public void Publish_qos_minus1_paho_extended_long_topic_form_is_tolerated()
        {
            byte[] b = Bytes.Hex("0B 0C 60 00 03 00 00 61 2F 62 FF");
            var d = new PublishMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(SnQos.MinusOne, d.Qos);
            Assert.AreEqual("a/b", Bytes.Text(b, d.TopicNameOffset, d.TopicNameLength));
            Assert.AreEqual("FF", Bytes.ToHex(b, d.DataOffset, d.DataLength));
            byte[] again = new byte[d.GetSize()];
            Assert.AreEqual(11, d.Encode(again, 0));
            CollectionAssert.AreEqual(b, again);
        }

        [TestMethod]
        public void PubAck_PubRec_PubRel_PubComp_UnsubAck()
        {
            var a = new TopicAckMessage { MsgType = SnMessageType.PubAck, TopicId = 1, MsgId = 2, ReturnCode = SnReturnCode.InvalidTopicId };
            byte[] b = Encoded(7, a.Encode, "07 0D 00 01 00 02 02");
            var da = new TopicAckMessage();
            Assert.AreEqual(SnError.None, da.Decode(b, 0, 7));
            Assert.AreEqual(SnMessageType.PubAck, da.MsgType);
            Assert.AreEqual(SnReturnCode.InvalidTopicId, da.ReturnCode);

            Encoded(4, new MsgIdMessage { MsgType = SnMessageType.PubComp, MsgId = 0x0102 }.Encode, "04 0E 01 02");
            Encoded(4, new MsgIdMessage { MsgType = SnMessageType.PubRec, MsgId = 0x0102 }.Encode, "04 0F 01 02");
            Encoded(4, new MsgIdMessage { MsgType = SnMessageType.PubRel, MsgId = 0x0102 }.Encode, "04 10 01 02");
            b = Encoded(4, new MsgIdMessage { MsgType = SnMessageType.UnsubAck, MsgId = 0x0102 }.Encode, "04 15 01 02");
            var dm = new MsgIdMessage();
            Assert.AreEqual(SnError.None, dm.Decode(b, 0, 4));
            Assert.AreEqual(SnMessageType.UnsubAck, dm.MsgType);
            Assert.AreEqual(0x0102, dm.MsgId);
        }

        [TestMethod]
        public void Subscribe_by_wildcard_name_predefined_and_short()
        {
            byte[] f = Bytes.Ascii("s/+/t");
            var m = new SubscribeMessage { MsgType = SnMessageType.Subscribe, Dup = true, Qos = 2, TopicIdType = SnTopicIdType.Normal, MsgId = 1, TopicName = f, TopicNameLength = 5 };
            byte[] b = Encoded(m.GetSize(), m.Encode, "0A 12 C0 00 01 73 2F 2B 2F 74");
            var d = new SubscribeMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.IsTrue(d.Dup);
            Assert.AreEqual(2, d.Qos);
            Assert.AreEqual("s/+/t", Bytes.Text(b, d.TopicNameOffset, d.TopicNameLength));

            m = new SubscribeMessage { MsgType = SnMessageType.Subscribe, Qos = 1, TopicIdType = SnTopicIdType.Predefined, MsgId = 2, TopicId = 0x0010 };
            b = Encoded(m.GetSize(), m.Encode, "07 12 21 00 02 00 10");
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(0x10, d.TopicId);
            Assert.AreEqual(SnTopicIdType.Predefined, d.TopicIdType);

            m = new SubscribeMessage { MsgType = SnMessageType.Unsubscribe, Qos = 2, Dup = true, TopicIdType = SnTopicIdType.Short, MsgId = 3, TopicId = 0x6162 };
            b = Encoded(m.GetSize(), m.Encode, "07 14 02 00 03 61 62");
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(SnMessageType.Unsubscribe, d.MsgType);
            Assert.AreEqual(0x6162, d.TopicId);
        }

        [TestMethod]
        public void SubAck_for_wildcard_has_topic_id_zero()
        {
            var m = new SubAckMessage { Qos = 1, TopicId = 0, MsgId = 1, ReturnCode = 0 };
            byte[] b = Encoded(8, m.Encode, "08 13 20 00 00 00 01 00");
            var d = new SubAckMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, 8));
            Assert.AreEqual(1, d.Qos);
            Assert.AreEqual(0, d.TopicId);
            Assert.AreEqual(1, d.MsgId);
        }

        [TestMethod]
        public void PingReq_with_and_without_client_id()
        {
            byte[] b = Encoded(2, new PingReqMessage().Encode, "02 16");
            var d = new PingReqMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, 2));
            Assert.AreEqual(0, d.ClientIdLength);
            byte[] id = Bytes.Ascii("n1");
            var m = new PingReqMessage { ClientId = id, ClientIdLength = 2 };
            b = Encoded(4, m.Encode, "04 16 6E 31");
            Assert.AreEqual(SnError.None, d.Decode(b, 0, 4));
            Assert.AreEqual("n1", Bytes.Text(b, d.ClientIdOffset, d.ClientIdLength));
        }

        [TestMethod]
        public void Disconnect_with_and_without_duration()
        {
            byte[] b = Encoded(2, new DisconnectMessage().Encode, "02 18");
            var d = new DisconnectMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, 2));
            Assert.IsFalse(d.HasDuration);
            b = Encoded(4, new DisconnectMessage { HasDuration = true, Duration = 300 }.Encode, "04 18 01 2C");
            Assert.AreEqual(SnError.None, d.Decode(b, 0, 4));
            Assert.IsTrue(d.HasDuration);
            Assert.AreEqual(300, d.Duration);
        }

        [TestMethod]
        public void Encapsulated_forwarder_envelope_counts_only_up_to_node_id()
        {
            byte[] inner = Bytes.Hex("03 01 00");
            byte[] node = Bytes.Hex("AA BB");
            var m = new EncapsulatedMessage { Ctrl = 0x01, NodeId = node, NodeIdLength = 2, Inner = inner, InnerLength = 3 };
            byte[] b = Encoded(m.GetSize(), m.Encode, "05 FE 01 AA BB 03 01 00");
            var d = new EncapsulatedMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(1, d.Radius);
            Assert.AreEqual("AA BB", Bytes.ToHex(b, d.NodeIdOffset, d.NodeIdLength));
            var s = new SearchGwMessage();
            Assert.AreEqual(SnError.None, s.Decode(b, d.InnerOffset, d.InnerLength));
            Assert.AreEqual(0, s.Radius);
            Assert.AreEqual(SnError.None, new SnMessageSet().Decode(b, 0, b.Length, out byte type));
            Assert.AreEqual(SnMessageType.Encapsulated, type);
        }

        [TestMethod]
        public void Long_length_form_is_used_from_256_octets_and_round_trips()
        {
            byte[] data = new byte[300];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)i;
            }

            var m = new PublishMessage { Qos = 0, TopicIdType = SnTopicIdType.Normal, TopicId = 1, Data = data, DataLength = 300 };
            Assert.AreEqual(309, m.GetSize());
            byte[] b = new byte[309];
            Assert.AreEqual(309, m.Encode(b, 0));
            Assert.AreEqual("01 01 35 0C 00 00 01 00 00 00 01", Bytes.ToHex(b, 0, 11));
            var d = new PublishMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(300, d.DataLength);
            Assert.AreEqual(9, d.DataOffset);
            CollectionAssert.AreEqual(data, b[9..]);
        }

        [TestMethod]
        public void Short_length_form_up_to_255_octets()
        {
            var m = new PublishMessage { TopicId = 1, Data = new byte[248], DataLength = 248 };
            Assert.AreEqual(255, m.GetSize());
            byte[] b = new byte[255];
            Assert.AreEqual(255, m.Encode(b, 0));
            Assert.AreEqual(0xFF, b[0]);
            m.DataLength = 249;
            Assert.AreEqual(258, m.GetSize());
        }

        [TestMethod]
        public void Long_length_form_is_accepted_for_small_messages()
        {
            byte[] b = Bytes.Hex("01 00 06 18 01 2C");
            var d = new DisconnectMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 0, b.Length));
            Assert.AreEqual(300, d.Duration);
            b = Bytes.Hex("01 00 0D 0C 20 00 01 00 02 32 31 2E 35");
            var p = new PublishMessage();
            Assert.AreEqual(SnError.None, p.Decode(b, 0, b.Length));
            Assert.AreEqual("21.5", Bytes.Text(b, p.DataOffset, p.DataLength));
        }

        [TestMethod]
        public void Encode_returns_DoesNotFit_when_the_destination_is_too_small()
        {
            var m = new PublishMessage { TopicId = 1, Data = new byte[10], DataLength = 10 };
            Assert.AreEqual(SnWire.DoesNotFit, m.Encode(new byte[16], 0));
            Assert.AreEqual(SnWire.DoesNotFit, m.Encode(new byte[17], 1));
            Assert.AreEqual(17, m.Encode(new byte[17], 0));
            Assert.AreEqual(SnWire.DoesNotFit, new SearchGwMessage().Encode(null, 0));
            m.DataLength = 65535;
            Assert.AreEqual(SnWire.DoesNotFit, m.GetSize());
        }

        [TestMethod]
        public void Decode_reads_at_an_offset_inside_a_larger_buffer()
        {
            byte[] b = Bytes.Hex("EE EE 04 0F 00 07 EE");
            var d = new MsgIdMessage();
            Assert.AreEqual(SnError.None, d.Decode(b, 2, 4));
            Assert.AreEqual(SnMessageType.PubRec, d.MsgType);
            Assert.AreEqual(7, d.MsgId);
        }
    }
}
