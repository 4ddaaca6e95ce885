using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;
using static Nano.Mqtt.Tests.TestBytes;

namespace Nano.Mqtt.Tests
{
    /// <summary>Steady-state encoding, decoding, framing and matching allocate nothing.</summary>
    [TestClass]
    public sealed class AllocationTests
    {
        private const int Iterations = 10000;

        private sealed class Fixture
        {
            public readonly byte[] Dst = new byte[2048];
            public readonly byte[] Stream;
            public readonly FrameReader Reader = new FrameReader(2048);
            public readonly byte[] Filter = Ascii("sport/+/player1/#");
            public readonly byte[] Topic = Ascii("sport/tennis/player1/score");
            public ConnectPacket Connect;
            public ConnAckPacket ConnAck;
            public PublishPacket Publish;
            public SubscribePacket Subscribe;
            public SubAckPacket SubAck;
            public UnsubscribePacket Unsubscribe;
            public UnsubAckPacket UnsubAck;
            public AckPacket[] Acks;
            public HeaderOnlyPacket[] HeaderOnly;
            public readonly ConnectPacket ConnectIn = new ConnectPacket();
            public readonly ConnAckPacket ConnAckIn = new ConnAckPacket();
            public readonly PublishPacket PublishIn = new PublishPacket();
            public readonly SubscribePacket SubscribeIn = new SubscribePacket { MaxFilters = 8 };
            public readonly SubAckPacket SubAckIn = new SubAckPacket();
            public readonly UnsubscribePacket UnsubscribeIn = new UnsubscribePacket { MaxFilters = 8 };
            public readonly UnsubAckPacket UnsubAckIn = new UnsubAckPacket();
            public readonly AckPacket AckIn = new AckPacket();
            public readonly HeaderOnlyPacket HeaderOnlyIn = new HeaderOnlyPacket();

            public Fixture()
            {
                Connect = new ConnectPacket
                {
                    ProtocolLevel = ProtocolLevel.V311, CleanSession = true, KeepAlive = 60, ClientId = Slice("client"),
                    HasWill = true, WillQos = 1, WillTopic = Slice("will"), WillMessage = Slice("bye"),
                    HasUserName = true, UserName = Slice("u"), HasPassword = true, Password = Slice("p"),
                };
                ConnAck = new ConnAckPacket { SessionPresent = true };
                Publish = new PublishPacket { Qos = 1, PacketId = 9, Topic = Slice("a/b/c"), Payload = new ByteSlice(new byte[1024], 0, 1024) };
                Subscribe = new SubscribePacket { PacketId = 2, Count = 2, Filters = new[] { Slice("a/#"), Slice("+/b") }, RequestedQos = new byte[] { 1, 2 } };
                byte[] codes = { 1, 2 };
                SubAck = new SubAckPacket { PacketId = 2, ReturnCodes = new ByteSlice(codes, 0, 2) };
                Unsubscribe = new UnsubscribePacket { PacketId = 3, Count = 2, Filters = Subscribe.Filters };
                UnsubAck = new UnsubAckPacket { PacketId = 3 };
                Acks = new[] { new AckPacket(PacketType.PubAck, 1), new AckPacket(PacketType.PubRec, 1), new AckPacket(PacketType.PubRel, 1), new AckPacket(PacketType.PubComp, 1) };
                HeaderOnly = new[] { new HeaderOnlyPacket(PacketType.PingReq), new HeaderOnlyPacket(PacketType.PingResp), new HeaderOnlyPacket(PacketType.Disconnect) };

                byte[] s = new byte[4096];
                int n = Publish.Encode(s, 0);
                n += Connect.Encode(s, n);
                n += Subscribe.Encode(s, n);
                n += HeaderOnly[0].Encode(s, n);
                Stream = s[..n];
            }
        }

        /// <summary>One round of every operation; returns the number of failures (0 expected).</summary>
        private static int Round(Fixture f)
        {
            int failures = 0;
            byte[] d = f.Dst;
            int n = f.Connect.Encode(d, 0);
            failures += f.ConnectIn.Decode(d, 0, n) == MqttError.None && f.ConnectIn.KeepAlive == 60 ? 0 : 1;
            n = f.ConnAck.Encode(d, 0);
            failures += f.ConnAckIn.Decode(d, 0, n, ProtocolLevel.V311) == MqttError.None ? 0 : 1;
            n = f.Publish.Encode(d, 0);
            failures += f.PublishIn.Decode(d, 0, n, ProtocolLevel.V311) == MqttError.None && f.PublishIn.Payload.Length == 1024 ? 0 : 1;
            n = f.Subscribe.Encode(d, 0);
            failures += f.SubscribeIn.Decode(d, 0, n, ProtocolLevel.V311) == MqttError.None ? 0 : 1;
            TopicFilterReader reader = f.SubscribeIn.GetReader();
            while (reader.Next(out int fo, out int fl, out _))
            {
                failures += fl > 0 && fo > 0 ? 0 : 1;
            }

            n = f.SubAck.Encode(d, 0);
            failures += f.SubAckIn.Decode(d, 0, n, ProtocolLevel.V311) == MqttError.None ? 0 : 1;
            n = f.Unsubscribe.Encode(d, 0);
            failures += f.UnsubscribeIn.Decode(d, 0, n, ProtocolLevel.V31) == MqttError.None ? 0 : 1;
            reader = f.UnsubscribeIn.GetReader();
            while (reader.Next(out _, out _, out _))
            {
            }

            n = f.UnsubAck.Encode(d, 0);
            failures += f.UnsubAckIn.Decode(d, 0, n, ProtocolLevel.V311) == MqttError.None ? 0 : 1;
            for (int i = 0; i < f.Acks.Length; i++)
            {
                n = f.Acks[i].Encode(d, 0);
                failures += f.AckIn.Decode(d, 0, n, ProtocolLevel.V311) == MqttError.None ? 0 : 1;
            }

            for (int i = 0; i < f.HeaderOnly.Length; i++)
            {
                n = f.HeaderOnly[i].Encode(d, 0);
                failures += f.HeaderOnlyIn.Decode(d, 0, n, ProtocolLevel.V311) == MqttError.None ? 0 : 1;
            }

            // Frame reader: the whole stream at once, then in 7-byte chunks (buffered path).
            int packets = 0;
            for (int chunk = f.Stream.Length; chunk >= 7; chunk = chunk == 7 ? 0 : 7)
            {
                for (int start = 0; start < f.Stream.Length; start += chunk)
                {
                    int offset = start;
                    int count = Math.Min(chunk, f.Stream.Length - start);
                    while (count > 0)
                    {
                        int used = f.Reader.Feed(f.Stream, offset, count, out FrameStatus status);
                        offset += used;
                        count -= used;
                        if (status == FrameStatus.PacketReady)
                        {
                            packets++;
                        }
                    }
                }
            }

            failures += packets == 8 ? 0 : 1;
            failures += TopicMatcher.Matches(f.Filter, 0, f.Filter.Length, f.Topic, 0, f.Topic.Length) ? 0 : 1;
            failures += TopicFilter.Validate(f.Filter, 0, f.Filter.Length) == MqttError.None ? 0 : 1;
            failures += TopicName.Validate(f.Topic, 0, f.Topic.Length) == MqttError.None ? 0 : 1;
            return failures;
        }

        [TestMethod]
        public void Encoding_decoding_and_framing_every_packet_type_allocates_nothing()
        {
            var f = new Fixture();
            int failures = 0;
            for (int i = 0; i < 200; i++)
            {
                failures += Round(f);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Iterations; i++)
            {
                failures += Round(f);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(0, failures);
            Assert.AreEqual(0L, allocated);
        }

        [TestMethod]
        public void Decoding_malformed_packets_allocates_nothing()
        {
            byte[][] bad = { Hex("36 03 00 01 61"), Hex("82 02 00 01"), Hex("10 06 00 04 4D 51 54 58"), Hex("30 FF FF FF FF 01") };
            int errors = 0;
            for (int i = 0; i < 100; i++)
            {
                foreach (byte[] b in bad)
                {
                    errors += AnyPacket.Decode(b, 0, b.Length, ProtocolLevel.V311) != MqttError.None ? 1 : 0;
                }
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Iterations; i++)
            {
                for (int k = 0; k < bad.Length; k++)
                {
                    errors += AnyPacket.Decode(bad[k], 0, bad[k].Length, ProtocolLevel.V311) != MqttError.None ? 1 : 0;
                }
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual((Iterations + 100) * bad.Length, errors);
            Assert.AreEqual(0L, allocated);
        }
    }
}
