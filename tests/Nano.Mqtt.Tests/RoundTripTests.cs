using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Codec;
using static Nano.Mqtt.Tests.TestBytes;

namespace Nano.Mqtt.Tests
{
    /// <summary>Every packet type: encode, then decode, and compare fields and exact sizes, at levels 3 and 4.</summary>
    [TestClass]
    public sealed class RoundTripTests
    {
        private static byte[] Encode(int size, System.Func<byte[], int, int> encode)
        {
            // Encode at an offset inside a larger buffer; the bytes around the packet must stay untouched.
            byte[] dst = new byte[size + 7];
            for (int i = 0; i < dst.Length; i++)
            {
                dst[i] = 0xEE;
            }

            int written = encode(dst, 3);
            Assert.AreEqual(size, written);
            Assert.AreEqual(0xEE, dst[2]);
            Assert.AreEqual(0xEE, dst[3 + size]);
            return dst;
        }

        [TestMethod]
        [DataRow(ProtocolLevel.V31)]
        [DataRow(ProtocolLevel.V311)]
        public void Connect_with_all_fields_round_trips(byte level)
        {
            var p = new ConnectPacket
            {
                ProtocolLevel = level,
                CleanSession = true,
                KeepAlive = 65535,
                ClientId = Slice("client-\u00e9"),
                HasWill = true,
                WillQos = 2,
                WillRetain = true,
                WillTopic = Slice("will/topic"),
                WillMessage = Slice(new byte[] { 0, 1, 2, 255 }),
                HasUserName = true,
                UserName = Slice("user"),
                HasPassword = true,
                Password = Slice(new byte[] { 0xFF, 0x00, 0x80 }),
            };
            byte[] b = Encode(p.GetSize(), p.Encode);
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 3, p.GetSize(), out ConnectPacket d));
            Assert.AreEqual(level, d.ProtocolLevel);
            Assert.IsTrue(d.CleanSession);
            Assert.AreEqual(65535, d.KeepAlive);
            Assert.AreEqual("client-\u00e9", Text(d.ClientId));
            Assert.IsTrue(d.HasWill);
            Assert.AreEqual(2, d.WillQos);
            Assert.IsTrue(d.WillRetain);
            Assert.AreEqual("will/topic", Text(d.WillTopic));
            CollectionAssert.AreEqual(new byte[] { 0, 1, 2, 255 }, Copy(d.WillMessage));
            Assert.IsTrue(d.HasUserName);
            Assert.AreEqual("user", Text(d.UserName));
            Assert.IsTrue(d.HasPassword);
            CollectionAssert.AreEqual(new byte[] { 0xFF, 0x00, 0x80 }, Copy(d.Password));
            Assert.AreSame(b, d.ClientId.Buffer);
        }

        [TestMethod]
        [DataRow(ProtocolLevel.V31, "100E00064D5149736470030000000000")]
        [DataRow(ProtocolLevel.V311, "100C00044D515454040000000000")]
        public void Minimal_connect_has_exact_bytes(byte level, string hex)
        {
            var p = new ConnectPacket { ProtocolLevel = level, ClientId = Slice(string.Empty) };
            byte[] b = new byte[p.GetSize()];
            Assert.AreEqual(b.Length, p.Encode(b, 0));
            Assert.AreEqual(hex, ToHex(b, 0, b.Length));

            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 0, b.Length, out ConnectPacket d));
            Assert.AreEqual(level, d.ProtocolLevel);
            Assert.IsFalse(d.CleanSession || d.HasWill || d.HasUserName || d.HasPassword);
            Assert.AreEqual(0, d.ClientId.Length);
        }

        [TestMethod]
        [DataRow(ProtocolLevel.V31, false, ConnectReturnCode.Accepted)]
        [DataRow(ProtocolLevel.V31, false, ConnectReturnCode.IdentifierRejected)]
        [DataRow(ProtocolLevel.V311, true, ConnectReturnCode.Accepted)]
        [DataRow(ProtocolLevel.V311, false, ConnectReturnCode.NotAuthorized)]
        public void ConnAck_round_trips(byte level, bool sessionPresent, ConnectReturnCode code)
        {
            var p = new ConnAckPacket { SessionPresent = sessionPresent, ReturnCode = code };
            byte[] b = Encode(4, p.Encode);
            Assert.AreEqual("2002" + (sessionPresent ? "01" : "00") + ((byte)code).ToString("X2"), ToHex(b, 3, 4));
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 3, 4, level, out ConnAckPacket d));
            Assert.AreEqual(sessionPresent, d.SessionPresent);
            Assert.AreEqual(code, d.ReturnCode);
        }

        [TestMethod]
        [DataRow(ProtocolLevel.V31, (byte)0, false, false)]
        [DataRow(ProtocolLevel.V31, (byte)1, true, true)]
        [DataRow(ProtocolLevel.V31, (byte)2, false, true)]
        [DataRow(ProtocolLevel.V311, (byte)0, false, true)]
        [DataRow(ProtocolLevel.V311, (byte)1, true, false)]
        [DataRow(ProtocolLevel.V311, (byte)2, true, true)]
        public void Publish_round_trips_from_separate_topic_and_payload_buffers(byte level, byte qos, bool dup, bool retain)
        {
            byte[] topicStore = Ascii("....a/b/c....");
            byte[] payloadStore = new byte[300];
            for (int i = 0; i < payloadStore.Length; i++)
            {
                payloadStore[i] = (byte)i;
            }

            var p = new PublishPacket
            {
                Dup = dup,
                Qos = qos,
                Retain = retain,
                PacketId = qos > 0 ? (ushort)0xBEEF : (ushort)0,
                Topic = new ByteSlice(topicStore, 4, 5),
                Payload = new ByteSlice(payloadStore, 10, 200),
            };
            int size = p.GetSize();
            Assert.AreEqual(1 + 2 + 2 + 5 + (qos > 0 ? 2 : 0) + 200, size);
            byte[] b = Encode(size, p.Encode);
            Assert.AreEqual(0x30 | (dup ? 8 : 0) | (qos << 1) | (retain ? 1 : 0), b[3]);
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 3, size, level, out PublishPacket d));
            Assert.AreEqual(dup, d.Dup);
            Assert.AreEqual(qos, d.Qos);
            Assert.AreEqual(retain, d.Retain);
            Assert.AreEqual(p.PacketId, d.PacketId);
            Assert.AreEqual("a/b/c", Text(d.Topic));
            CollectionAssert.AreEqual(Copy(p.Payload), Copy(d.Payload));
        }

        [TestMethod]
        public void Publish_with_empty_payload_round_trips()
        {
            var p = new PublishPacket { Retain = true, Topic = Slice("t") };
            byte[] b = Encode(p.GetSize(), p.Encode);
            Assert.AreEqual("3103000174", ToHex(b, 3, 5));
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 3, 5, ProtocolLevel.V311, out PublishPacket d));
            Assert.AreEqual(0, d.Payload.Length);
            Assert.IsTrue(d.Retain);
        }

        [TestMethod]
        [DataRow(ProtocolLevel.V31, PacketType.PubAck, "4002")]
        [DataRow(ProtocolLevel.V31, PacketType.PubRec, "5002")]
        [DataRow(ProtocolLevel.V31, PacketType.PubRel, "6202")]
        [DataRow(ProtocolLevel.V31, PacketType.PubComp, "7002")]
        [DataRow(ProtocolLevel.V311, PacketType.PubAck, "4002")]
        [DataRow(ProtocolLevel.V311, PacketType.PubRec, "5002")]
        [DataRow(ProtocolLevel.V311, PacketType.PubRel, "6202")]
        [DataRow(ProtocolLevel.V311, PacketType.PubComp, "7002")]
        public void Acks_round_trip(byte level, PacketType type, string header)
        {
            var p = new AckPacket(type, 0x1234);
            byte[] b = Encode(4, p.Encode);
            Assert.AreEqual(header + "1234", ToHex(b, 3, 4));
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 3, 4, level, out AckPacket d));
            Assert.AreEqual(type, d.Type);
            Assert.AreEqual(0x1234, d.PacketId);
        }

        [TestMethod]
        [DataRow(ProtocolLevel.V31)]
        [DataRow(ProtocolLevel.V311)]
        public void Subscribe_round_trips_with_several_filters(byte level)
        {
            var p = new SubscribePacket
            {
                PacketId = 10,
                Count = 3,
                Filters = new[] { Slice("a/+"), Slice("#"), Slice("$SYS/x/#") },
                RequestedQos = new byte[] { 0, 1, 2 },
            };
            int size = p.GetSize();
            Assert.AreEqual(2 + 2 + (2 + 3 + 1) + (2 + 1 + 1) + (2 + 8 + 1), size);
            byte[] b = Encode(size, p.Encode);
            Assert.AreEqual(0x82, b[3]);
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 3, size, level, 8, out SubscribePacket d));
            Assert.AreEqual(10, d.PacketId);
            Assert.AreEqual(3, d.Count);
            TopicFilterReader r = d.GetReader();
            string[] expected = { "a/+", "#", "$SYS/x/#" };
            for (int i = 0; i < 3; i++)
            {
                Assert.IsTrue(r.Next(out int off, out int len, out byte qos));
                Assert.AreEqual(expected[i], System.Text.Encoding.UTF8.GetString(r.Buffer, off, len));
                Assert.AreEqual(i, qos);
            }

            Assert.IsFalse(r.Next(out _, out _, out _));
        }

        [TestMethod]
        [DataRow(ProtocolLevel.V31, "00010200")]
        [DataRow(ProtocolLevel.V311, "0001028000")]
        public void SubAck_round_trips(byte level, string codesHex)
        {
            byte[] codes = Hex(codesHex);
            var p = new SubAckPacket { PacketId = 7, ReturnCodes = new ByteSlice(codes, 0, codes.Length) };
            int size = p.GetSize();
            Assert.AreEqual(4 + codes.Length, size);
            byte[] b = Encode(size, p.Encode);
            Assert.AreEqual("90" + (2 + codes.Length).ToString("X2") + "0007" + codesHex, ToHex(b, 3, size));
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 3, size, level, out SubAckPacket d));
            Assert.AreEqual(7, d.PacketId);
            CollectionAssert.AreEqual(codes, Copy(d.ReturnCodes));
        }

        [TestMethod]
        [DataRow(ProtocolLevel.V31)]
        [DataRow(ProtocolLevel.V311)]
        public void Unsubscribe_round_trips(byte level)
        {
            var p = new UnsubscribePacket { PacketId = 65535, Count = 2, Filters = new[] { Slice("a/#"), Slice("b") } };
            int size = p.GetSize();
            byte[] b = Encode(size, p.Encode);
            Assert.AreEqual("A20AFFFF0003612F23000162", ToHex(b, 3, size));
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 3, size, level, 8, out UnsubscribePacket d));
            Assert.AreEqual(65535, d.PacketId);
            Assert.AreEqual(2, d.Count);
            TopicFilterReader r = d.GetReader();
            Assert.IsTrue(r.Next(out int off, out int len, out byte qos));
            Assert.AreEqual("a/#", System.Text.Encoding.UTF8.GetString(r.Buffer, off, len));
            Assert.AreEqual(0, qos);
            Assert.IsTrue(r.Next(out off, out len, out _));
            Assert.AreEqual("b", System.Text.Encoding.UTF8.GetString(r.Buffer, off, len));
            Assert.IsFalse(r.Next(out _, out _, out _));
        }

        [TestMethod]
        [DataRow(ProtocolLevel.V31)]
        [DataRow(ProtocolLevel.V311)]
        public void UnsubAck_round_trips(byte level)
        {
            var p = new UnsubAckPacket { PacketId = 513 };
            byte[] b = Encode(4, p.Encode);
            Assert.AreEqual("B0020201", ToHex(b, 3, 4));
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 3, 4, level, out UnsubAckPacket d));
            Assert.AreEqual(513, d.PacketId);
        }

        [TestMethod]
        [DataRow(ProtocolLevel.V31, PacketType.PingReq, "C000")]
        [DataRow(ProtocolLevel.V31, PacketType.PingResp, "D000")]
        [DataRow(ProtocolLevel.V31, PacketType.Disconnect, "E000")]
        [DataRow(ProtocolLevel.V311, PacketType.PingReq, "C000")]
        [DataRow(ProtocolLevel.V311, PacketType.PingResp, "D000")]
        [DataRow(ProtocolLevel.V311, PacketType.Disconnect, "E000")]
        public void Header_only_packets_round_trip(byte level, PacketType type, string hex)
        {
            var p = new HeaderOnlyPacket(type);
            byte[] b = Encode(2, p.Encode);
            Assert.AreEqual(hex, ToHex(b, 3, 2));
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 3, 2, level, out HeaderOnlyPacket d));
            Assert.AreEqual(type, d.Type);
        }

        [TestMethod]
        public void Encoders_return_minus_one_and_write_nothing_when_the_packet_does_not_fit()
        {
            var publish = new PublishPacket { Qos = 1, PacketId = 1, Topic = Slice("a/b"), Payload = Slice("hello") };
            byte[] dst = new byte[publish.GetSize() - 1];
            Assert.AreEqual(-1, publish.Encode(dst, 0));
            CollectionAssert.AreEqual(new byte[dst.Length], dst);
            Assert.AreEqual(-1, publish.Encode(new byte[100], 100 - publish.GetSize() + 1));
            Assert.AreEqual(-1, new AckPacket(PacketType.PubAck, 1).Encode(new byte[3], 0));
            Assert.AreEqual(-1, new HeaderOnlyPacket(PacketType.PingReq).Encode(new byte[1], 0));
            Assert.AreEqual(-1, new ConnAckPacket().Encode(new byte[4], 1));
            Assert.AreEqual(-1, new UnsubAckPacket { PacketId = 1 }.Encode(null, 0));
        }

        [TestMethod]
        public void Unencodable_packets_report_minus_one_size()
        {
            Assert.AreEqual(-1, new PublishPacket { Qos = 3, Topic = Slice("a") }.GetSize());
            Assert.AreEqual(-1, new PublishPacket { Topic = new ByteSlice(new byte[70000], 0, 70000) }.GetSize());
            Assert.AreEqual(-1, new ConnectPacket { ProtocolLevel = 5 }.GetSize());
            Assert.AreEqual(-1, new SubscribePacket { PacketId = 1 }.GetSize());
            Assert.AreEqual(-1, new SubscribePacket { PacketId = 1, Count = 2, Filters = new[] { Slice("a") }, RequestedQos = new byte[2] }.GetSize());
            Assert.AreEqual(-1, new UnsubscribePacket { PacketId = 1, Count = 0, Filters = new ByteSlice[0] }.GetSize());
            Assert.AreEqual(-1, new SubAckPacket { PacketId = 1 }.GetSize());
            Assert.AreEqual(-1, new AckPacket(PacketType.Publish, 1).Encode(new byte[4], 0));
            Assert.AreEqual(-1, new PublishPacket { Topic = new ByteSlice(new byte[2], 1, 5) }.GetSize());
        }
    }
}
