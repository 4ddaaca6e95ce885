#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using Nano.DeviceTests.Support;
using Nano.Mqtt;
using Nano.Mqtt.Codec;

namespace Nano.DeviceTests.Codec
{
    /// <summary>Encoding and decoding every packet type into packets allocated once allocates nothing.</summary>
    [TestClass]
    public class CodecAllocationDeviceTests
    {
        private const int Warmups = 3;
        private const int Iterations = 50;
        private static readonly byte[] Wire = new byte[256];
        private static readonly ConnectPacket Connect = new ConnectPacket();
        private static readonly ConnAckPacket ConnAck = new ConnAckPacket();
        private static readonly PublishPacket Publish = new PublishPacket();
        private static readonly AckPacket Ack = new AckPacket();
        private static readonly SubscribePacket Subscribe = new SubscribePacket(2);
        private static readonly SubAckPacket SubAck = new SubAckPacket();
        private static readonly UnsubscribePacket Unsubscribe = new UnsubscribePacket(2);
        private static readonly UnsubAckPacket UnsubAck = new UnsubAckPacket();
        private static readonly HeaderOnlyPacket HeaderOnly = new HeaderOnlyPacket();
        private static readonly ConnectPacket ConnectIn = new ConnectPacket();
        private static readonly PublishPacket PublishIn = new PublishPacket();
        private static readonly SubscribePacket SubscribeIn = new SubscribePacket();
        private static readonly UnsubscribePacket UnsubscribeIn = new UnsubscribePacket();
        private static readonly SubAckPacket SubAckIn = new SubAckPacket();
        private static readonly byte[] Stream = TestData.Hex("C0 00 30 05 00 01 74 01 02 E0 00");
        private static readonly FrameReader Reader = new FrameReader(64);
        private static int failures;

        static CodecAllocationDeviceTests()
        {
            byte[] text = TestData.Ascii("sensors/kitchen/+");
            Connect.ProtocolLevel = ProtocolLevel.V311;
            Connect.CleanSession = true;
            Connect.KeepAlive = 30;
            Connect.ClientId.Set(text, 0, 7);
            Connect.HasWill = true;
            Connect.WillTopic.Set(text, 0, 7);
            Connect.WillMessage.Set(text, 8, 7);
            Connect.HasUserName = true;
            Connect.UserName.Set(text, 0, 3);
            Connect.HasPassword = true;
            Connect.Password.Set(text, 4, 3);
            Publish.Qos = 1;
            Publish.PacketId = 5;
            Publish.Topic.Set(text, 0, 15);
            Publish.Payload.Set(new byte[64], 0, 64);
            Subscribe.PacketId = 6;
            Subscribe.Count = 2;
            Subscribe.Filters[0].Set(text, 0, 17);
            Subscribe.Filters[1].Set(text, 0, 7);
            Subscribe.RequestedQos[1] = 2;
            SubAck.PacketId = 6;
            SubAck.ReturnCodes.Set(new byte[] { 0, 2 }, 0, 2);
            Unsubscribe.PacketId = 7;
            Unsubscribe.Count = 2;
            Unsubscribe.Filters[0].Set(text, 0, 17);
            Unsubscribe.Filters[1].Set(text, 0, 7);
            UnsubAck.PacketId = 7;
        }

        [TestMethod]
        public void Connect_encode_and_decode_allocate_nothing()
        {
            AssertNothingAllocated(ConnectRound, "CONNECT");
        }

        [TestMethod]
        public void ConnAck_encode_and_decode_allocate_nothing()
        {
            AssertNothingAllocated(ConnAckRound, "CONNACK");
        }

        [TestMethod]
        public void Publish_encode_and_decode_allocate_nothing()
        {
            AssertNothingAllocated(PublishRound, "PUBLISH");
        }

        [TestMethod]
        public void Acks_encode_and_decode_allocate_nothing()
        {
            AssertNothingAllocated(AckRound, "PUBACK/PUBREC/PUBREL/PUBCOMP");
        }

        [TestMethod]
        public void Subscribe_encode_decode_and_reading_its_filters_allocate_nothing()
        {
            AssertNothingAllocated(SubscribeRound, "SUBSCRIBE");
        }

        [TestMethod]
        public void SubAck_encode_and_decode_allocate_nothing()
        {
            AssertNothingAllocated(SubAckRound, "SUBACK");
        }

        [TestMethod]
        public void Unsubscribe_encode_decode_and_reading_its_filters_allocate_nothing()
        {
            AssertNothingAllocated(UnsubscribeRound, "UNSUBSCRIBE");
        }

        [TestMethod]
        public void UnsubAck_encode_and_decode_allocate_nothing()
        {
            AssertNothingAllocated(UnsubAckRound, "UNSUBACK");
        }

        [TestMethod]
        public void Header_only_packets_encode_and_decode_allocate_nothing()
        {
            AssertNothingAllocated(HeaderOnlyRound, "PINGREQ/PINGRESP/DISCONNECT");
        }

        [TestMethod]
        public void Frame_reader_allocates_nothing_whole_or_byte_by_byte()
        {
            AssertNothingAllocated(FrameRound, "FrameReader");
        }

        [TestMethod]
        public void Malformed_packets_are_rejected_without_allocating()
        {
            AssertNothingAllocated(MalformedRound, "malformed");
        }

        internal static void AssertNothingAllocated(Operation op, string what)
        {
            failures = 0;
            long bytes = Allocation.Measure(op, Warmups, Iterations);
            Console.WriteLine(what + ": " + bytes.ToString() + " B over " + Iterations.ToString() + " rounds");
            Assert.AreEqual(0, failures, what + " round failed");
            Assert.AreEqual(0L, bytes, what + " allocated");
        }

        private static void Check(bool ok)
        {
            if (!ok)
            {
                failures++;
            }
        }

        private static void ConnectRound()
        {
            int n = Connect.Encode(Wire, 0);
            Check(ConnectIn.Decode(Wire, 0, n) == MqttError.None && ConnectIn.KeepAlive == 30);
        }

        private static void ConnAckRound()
        {
            int n = ConnAck.Encode(Wire, 0);
            Check(ConnAck.Decode(Wire, 0, n, ProtocolLevel.V311) == MqttError.None);
        }

        private static void PublishRound()
        {
            int n = Publish.Encode(Wire, 0);
            Check(n == Publish.GetSize());
            Check(PublishIn.Decode(Wire, 0, n, ProtocolLevel.V311) == MqttError.None && PublishIn.Payload.Length == 64);
        }

        private static void AckRound()
        {
            for (int t = (int)PacketType.PubAck; t <= (int)PacketType.PubComp; t++)
            {
                int n = Ack.Set((PacketType)t, 9).Encode(Wire, 0);
                Check(Ack.Decode(Wire, 0, n, ProtocolLevel.V311) == MqttError.None);
            }
        }

        private static void SubscribeRound()
        {
            int n = Subscribe.Encode(Wire, 0);
            Check(SubscribeIn.Decode(Wire, 0, n, ProtocolLevel.V311) == MqttError.None);
            ReadFilters(SubscribeIn.GetReader());
        }

        private static void UnsubscribeRound()
        {
            int n = Unsubscribe.Encode(Wire, 0);
            Check(UnsubscribeIn.Decode(Wire, 0, n, ProtocolLevel.V311) == MqttError.None);
            ReadFilters(UnsubscribeIn.GetReader());
        }

        private static void ReadFilters(TopicFilterReader reader)
        {
            int offset;
            int length;
            byte qos;
            int found = 0;
            while (reader.Next(out offset, out length, out qos))
            {
                found++;
            }

            Check(found == 2);
        }

        private static void SubAckRound()
        {
            int n = SubAck.Encode(Wire, 0);
            Check(SubAckIn.Decode(Wire, 0, n, ProtocolLevel.V311) == MqttError.None && SubAckIn.ReturnCodes.Length == 2);
        }

        private static void UnsubAckRound()
        {
            int n = UnsubAck.Encode(Wire, 0);
            Check(UnsubAck.Decode(Wire, 0, n, ProtocolLevel.V311) == MqttError.None);
        }

        private static void HeaderOnlyRound()
        {
            for (int t = (int)PacketType.PingReq; t <= (int)PacketType.Disconnect; t++)
            {
                int n = HeaderOnly.Set((PacketType)t).Encode(Wire, 0);
                Check(HeaderOnly.Decode(Wire, 0, n, ProtocolLevel.V311) == MqttError.None);
            }
        }

        private static void FrameRound()
        {
            int found = 0;
            int offset = 0;
            FrameStatus status;
            while (offset < Stream.Length)
            {
                offset += Reader.Feed(Stream, offset, Stream.Length - offset, out status);
                found += status == FrameStatus.PacketReady ? 1 : 0;
            }

            for (int i = 0; i < Stream.Length; i++)
            {
                Reader.Feed(Stream, i, 1, out status);
                found += status == FrameStatus.PacketReady ? 1 : 0;
            }

            Check(found == 6);
        }

        private static void MalformedRound()
        {
            Wire[0] = 0x36;
            Wire[1] = 3;
            Wire[2] = 0;
            Wire[3] = 1;
            Wire[4] = (byte)'a';
            Check(PublishIn.Decode(Wire, 0, 5, ProtocolLevel.V311) == MqttError.PublishQos3);
            Wire[0] = 0x80;
            Check(SubscribeIn.Decode(Wire, 0, 5, ProtocolLevel.V311) == MqttError.FixedHeaderFlagsInvalid);
            Check(ConnectIn.Decode(Wire, 0, 5) == MqttError.PacketTypeUnexpected);
        }
    }
}
