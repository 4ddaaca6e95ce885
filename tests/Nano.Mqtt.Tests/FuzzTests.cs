using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Codec;
using static Nano.Mqtt.Tests.TestBytes;

namespace Nano.Mqtt.Tests
{
    /// <summary>
    /// Seeded mutation fuzzing of valid packets of every type through the frame reader and every decoder.
    /// NANO_FUZZ_ITERATIONS overrides the iteration count (default 30,000); NANO_FUZZ_SEED the seed.
    /// </summary>
    [TestClass]
    public sealed class FuzzTests
    {
        private static List<byte[]> Seeds()
        {
            var seeds = new List<byte[]>();
            void Add(int size, Func<byte[], int, int> encode)
            {
                byte[] b = new byte[size];
                Assert.AreEqual(size, encode(b, 0));
                seeds.Add(b);
            }

            foreach (byte level in new[] { ProtocolLevel.V31, ProtocolLevel.V311 })
            {
                var connect = new ConnectPacket
                {
                    ProtocolLevel = level, CleanSession = true, KeepAlive = 30, ClientId = Slice("fuzz"),
                    HasWill = true, WillQos = 2, WillRetain = true, WillTopic = Slice("w/t"), WillMessage = Slice("gone"),
                    HasUserName = true, UserName = Slice("user"), HasPassword = true, Password = Slice("pw"),
                };
                Add(connect.GetSize(), connect.Encode);
                var bare = new ConnectPacket { ProtocolLevel = level, ClientId = Slice("c") };
                Add(bare.GetSize(), bare.Encode);
            }

            var connAck = new ConnAckPacket { SessionPresent = true };
            Add(4, connAck.Encode);
            for (byte qos = 0; qos < 3; qos++)
            {
                var publish = new PublishPacket { Qos = qos, PacketId = (ushort)(qos * 300), Retain = qos == 1, Topic = Slice("a/b/\u00e9"), Payload = new ByteSlice(new byte[qos * 70], 0, qos * 70) };
                Add(publish.GetSize(), publish.Encode);
            }

            foreach (PacketType t in new[] { PacketType.PubAck, PacketType.PubRec, PacketType.PubRel, PacketType.PubComp })
            {
                var ack = new AckPacket(t, 77);
                Add(4, ack.Encode);
            }

            var subscribe = new SubscribePacket { PacketId = 5, Count = 3, Filters = new[] { Slice("a/+/c"), Slice("#"), Slice("$SYS/#") }, RequestedQos = new byte[] { 0, 1, 2 } };
            Add(subscribe.GetSize(), subscribe.Encode);
            byte[] codes = { 0, 1, 2, 0x80 };
            var subAck = new SubAckPacket { PacketId = 5, ReturnCodes = new ByteSlice(codes, 0, 4) };
            Add(subAck.GetSize(), subAck.Encode);
            var unsubscribe = new UnsubscribePacket { PacketId = 6, Count = 2, Filters = new[] { Slice("a/+/c"), Slice("x") } };
            Add(unsubscribe.GetSize(), unsubscribe.Encode);
            var unsubAck = new UnsubAckPacket { PacketId = 6 };
            Add(4, unsubAck.Encode);
            foreach (PacketType t in new[] { PacketType.PingReq, PacketType.PingResp, PacketType.Disconnect })
            {
                var h = new HeaderOnlyPacket(t);
                Add(2, h.Encode);
            }

            return seeds;
        }

        private static byte[] Mutate(Random r, byte[] seed)
        {
            var b = new List<byte>(seed);
            int mutations = 1 + r.Next(3);
            for (int m = 0; m < mutations; m++)
            {
                int pos = b.Count == 0 ? 0 : r.Next(b.Count);
                switch (r.Next(8))
                {
                    case 0:
                        if (b.Count > 0) b[pos] ^= (byte)(1 << r.Next(8));
                        break;
                    case 1:
                        if (b.Count > 0) b[pos] = (byte)r.Next(256);
                        break;
                    case 2:
                        int cut = r.Next(b.Count + 1); // truncation
                        b.RemoveRange(cut, b.Count - cut);
                        break;
                    case 3:
                        if (b.Count > 1) b[1 + r.Next(Math.Min(4, b.Count - 1))] = (byte)r.Next(256); // remaining length
                        break;
                    case 4:
                        b.Insert(r.Next(b.Count + 1), (byte)r.Next(256));
                        break;
                    case 5:
                        if (b.Count > 0) b.RemoveAt(pos);
                        break;
                    case 6:
                        // Corrupt a 2-byte length prefix somewhere in the body.
                        if (b.Count > 3) { int at = 2 + r.Next(b.Count - 3); b[at] = (byte)r.Next(3); b[at + 1] = (byte)r.Next(256); }
                        break;
                    default:
                        if (b.Count > 0) b[0] = (byte)((r.Next(16) << 4) | r.Next(16)); // type and flags
                        break;
                }
            }

            return b.ToArray();
        }

        private static int DecodeWithEveryDecoder(byte[] b, int offset, int count)
        {
            int accepted = 0;
            foreach (byte level in new[] { ProtocolLevel.V31, ProtocolLevel.V311, ProtocolLevel.V50 })
            {
                if (Decoding.Decode(b, offset, count, out ConnectPacket c) == MqttError.None)
                {
                    accepted++;
                    Assert.IsTrue(c.GetSize() > 0, "a decoded CONNECT re-encodes");
                }

                accepted += new ConnAckPacket().Decode(b, offset, count, level) == MqttError.None ? 1 : 0;
                if (Decoding.Decode(b, offset, count, level, out PublishPacket p) == MqttError.None)
                {
                    accepted++;
                    Assert.IsTrue(p.GetSize() > 0 && p.GetSize() <= count, "a decoded PUBLISH re-encodes no larger");
                }

                accepted += new AckPacket().Decode(b, offset, count, level) == MqttError.None ? 1 : 0;
                if (Decoding.Decode(b, offset, count, level, 4, out SubscribePacket s) == MqttError.None)
                {
                    accepted++;
                    Assert.AreEqual(s.Count, CountEntries(s.GetReader()));
                }

                accepted += new SubAckPacket().Decode(b, offset, count, level) == MqttError.None ? 1 : 0;
                if (Decoding.Decode(b, offset, count, level, 4, out UnsubscribePacket u) == MqttError.None)
                {
                    accepted++;
                    Assert.AreEqual(u.Count, CountEntries(u.GetReader()));
                }

                accepted += new UnsubAckPacket().Decode(b, offset, count, level) == MqttError.None ? 1 : 0;
                accepted += new HeaderOnlyPacket().Decode(b, offset, count, level) == MqttError.None ? 1 : 0;
            }

            return accepted;
        }

        private static int CountEntries(TopicFilterReader reader)
        {
            int n = 0;
            while (reader.Next(out _, out _, out _))
            {
                n++;
            }

            return n;
        }

        [TestMethod]
        [Timeout(600000, CooperativeCancellation = true)]
        public void Mutated_packets_never_throw_or_hang()
        {
            int iterations = int.TryParse(Environment.GetEnvironmentVariable("NANO_FUZZ_ITERATIONS"), out int n) ? n : 30000;
            int seed = int.TryParse(Environment.GetEnvironmentVariable("NANO_FUZZ_SEED"), out int s) ? s : 20141029;
            var r = new Random(seed);
            List<byte[]> seeds = Seeds();
            var reader = new FrameReader(256);
            int accepted = 0;
            int framed = 0;
            for (int i = 0; i < iterations; i++)
            {
                byte[] input = Mutate(r, seeds[r.Next(seeds.Count)]);
                try
                {
                    accepted += DecodeWithEveryDecoder(input, 0, input.Length);

                    // Two mutated packets back to back, fed in random chunk sizes.
                    byte[] second = Mutate(r, seeds[r.Next(seeds.Count)]);
                    byte[] stream = new byte[input.Length + second.Length];
                    input.CopyTo(stream, 0);
                    second.CopyTo(stream, input.Length);
                    reader.Reset();
                    int offset = 0;
                    int feeds = 0;
                    while (offset < stream.Length)
                    {
                        int chunk = 1 + r.Next(stream.Length - offset);
                        int end = offset + chunk;
                        bool stop = false;
                        while (offset < end && !stop)
                        {
                            Assert.IsTrue(++feeds <= 2 * stream.Length + 4, "frame reader makes progress");
                            int used = reader.Feed(stream, offset, end - offset, out FrameStatus status);
                            offset += used;
                            if (status == FrameStatus.PacketReady)
                            {
                                framed++;
                                accepted += DecodeWithEveryDecoder(reader.PacketBuffer, reader.PacketOffset, reader.PacketLength);
                            }
                            else if (status != FrameStatus.NeedMore)
                            {
                                stop = true;
                            }
                        }

                        if (stop)
                        {
                            break;
                        }
                    }
                }
                catch (Exception e) when (e is not AssertFailedException)
                {
                    Assert.Fail($"seed {seed} iteration {i} input {ToHex(input, 0, input.Length)}: {e}");
                }
            }

            Console.WriteLine($"fuzz: seed {seed}, {iterations} iterations, {framed} framed packets, {accepted} accepted decodes");
            Assert.IsTrue(framed > iterations / 2, "the mutations leave many packets framable");
            Assert.IsTrue(accepted > 0, "some mutations stay valid");
        }
    }
}
