using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Formatter.V3;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using Nano.Mqtt.Codec;
using static Nano.Mqtt.Tests.TestBytes;

namespace Nano.Mqtt.Tests
{
    /// <summary>
    /// MQTTnet 5.2's V3 formatter as an independent implementation: packets it encodes decode with Nano to
    /// the same fields, and packets Nano encodes decode with MQTTnet to the same fields, at 3.1 and 3.1.1.
    /// </summary>
    [TestClass]
    public sealed class MqttNetInteropTests
    {
        public static IEnumerable<object[]> Levels => new[]
        {
            new object[] { MqttProtocolVersion.V310, ProtocolLevel.V31 },
            new object[] { MqttProtocolVersion.V311, ProtocolLevel.V311 },
        };

        private static byte[] MqttNetEncode(MqttProtocolVersion version, MqttPacket packet)
        {
            var formatter = new MqttV3PacketFormatter(new MqttBufferWriter(4096, 65536), version);
            return formatter.Encode(packet).ToArray();
        }

        private static MqttPacket MqttNetDecode(MqttProtocolVersion version, byte[] bytes, int count)
        {
            Assert.AreEqual(MqttError.None, FixedHeader.Read(bytes, 0, count, out _, out _, out int remaining, out int headerLength));
            Assert.AreEqual(count, headerLength + remaining);
            var formatter = new MqttV3PacketFormatter(new MqttBufferWriter(4096, 65536), version);
            return formatter.Decode(new ReceivedMqttPacket(bytes[0], new ArraySegment<byte>(bytes, headerLength, remaining), count));
        }

        private static byte[] NanoEncode(int size, Func<byte[], int, int> encode)
        {
            byte[] b = new byte[size];
            Assert.AreEqual(size, encode(b, 0));
            return b;
        }

        [TestMethod]
        [DynamicData(nameof(Levels))]
        public void Connect_from_MQTTnet_decodes_with_Nano(MqttProtocolVersion version, byte level)
        {
            var m = new MqttConnectPacket
            {
                ClientId = "mqttnet-client",
                CleanSession = true,
                KeepAlivePeriod = 42,
                Username = "user",
                Password = new byte[] { 1, 2, 3, 0xFF },
                WillFlag = true,
                WillTopic = "status/offline",
                WillMessage = Encoding.UTF8.GetBytes("gone"),
                WillQoS = MqttQualityOfServiceLevel.ExactlyOnce,
                WillRetain = true,
            };
            byte[] b = MqttNetEncode(version, m);
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 0, b.Length, out ConnectPacket p));
            Assert.AreEqual(level, p.ProtocolLevel);
            Assert.AreEqual("mqttnet-client", Text(p.ClientId));
            Assert.IsTrue(p.CleanSession);
            Assert.AreEqual(42, p.KeepAlive);
            Assert.IsTrue(p.HasUserName && p.HasPassword && p.HasWill && p.WillRetain);
            Assert.AreEqual("user", Text(p.UserName));
            CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 0xFF }, Copy(p.Password));
            Assert.AreEqual("status/offline", Text(p.WillTopic));
            Assert.AreEqual("gone", Text(p.WillMessage));
            Assert.AreEqual(2, p.WillQos);
        }

        [TestMethod]
        [DynamicData(nameof(Levels))]
        public void Connect_from_Nano_decodes_with_MQTTnet(MqttProtocolVersion version, byte level)
        {
            var p = new ConnectPacket
            {
                ProtocolLevel = level, CleanSession = false, KeepAlive = 300, ClientId = Slice("nano-1"),
                HasWill = true, WillQos = 1, WillTopic = Slice("w/t"), WillMessage = Slice("bye"),
                HasUserName = true, UserName = Slice("me"), HasPassword = true, Password = Slice("secret"),
            };
            var m = (MqttConnectPacket)MqttNetDecode(version, NanoEncode(p.GetSize(), p.Encode), p.GetSize());
            Assert.AreEqual("nano-1", m.ClientId);
            Assert.IsFalse(m.CleanSession);
            Assert.AreEqual(300, m.KeepAlivePeriod);
            Assert.IsTrue(m.WillFlag);
            Assert.AreEqual("w/t", m.WillTopic);
            Assert.AreEqual("bye", Encoding.UTF8.GetString(m.WillMessage));
            Assert.AreEqual(MqttQualityOfServiceLevel.AtLeastOnce, m.WillQoS);
            Assert.IsFalse(m.WillRetain);
            Assert.AreEqual("me", m.Username);
            Assert.AreEqual("secret", Encoding.UTF8.GetString(m.Password));
        }

        [TestMethod]
        [DynamicData(nameof(Levels))]
        public void ConnAck_both_ways(MqttProtocolVersion version, byte level)
        {
            bool sessionPresent = level == ProtocolLevel.V311;
            byte[] b = MqttNetEncode(version, new MqttConnAckPacket { ReturnCode = MqttConnectReturnCode.ConnectionRefusedNotAuthorized });
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 0, b.Length, level, out ConnAckPacket p));
            Assert.AreEqual(ConnectReturnCode.NotAuthorized, p.ReturnCode);
            b = MqttNetEncode(version, new MqttConnAckPacket { IsSessionPresent = sessionPresent, ReturnCode = MqttConnectReturnCode.ConnectionAccepted });
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 0, b.Length, level, out p));
            Assert.AreEqual(sessionPresent, p.SessionPresent);

            var nano = new ConnAckPacket { ReturnCode = ConnectReturnCode.BadUserNameOrPassword };
            var m = (MqttConnAckPacket)MqttNetDecode(version, NanoEncode(4, nano.Encode), 4);
            Assert.AreEqual(MqttConnectReturnCode.ConnectionRefusedBadUsernameOrPassword, m.ReturnCode);
            nano = new ConnAckPacket { SessionPresent = sessionPresent };
            m = (MqttConnAckPacket)MqttNetDecode(version, NanoEncode(4, nano.Encode), 4);
            Assert.AreEqual(MqttConnectReturnCode.ConnectionAccepted, m.ReturnCode);
            Assert.AreEqual(sessionPresent, m.IsSessionPresent);
        }

        [TestMethod]
        [DynamicData(nameof(Levels))]
        public void Publish_both_ways_at_every_qos(MqttProtocolVersion version, byte level)
        {
            byte[] payload = new byte[1000];
            new Random(7).NextBytes(payload);
            for (int qos = 0; qos <= 2; qos++)
            {
                var m = new MqttPublishPacket
                {
                    Topic = "sensors/t\u00e9mp/1",
                    QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos,
                    PacketIdentifier = qos == 0 ? (ushort)0 : (ushort)(1000 + qos),
                    Retain = qos == 1,
                    Dup = qos == 2,
                    PayloadSegment = new ArraySegment<byte>(payload),
                };
                byte[] b = MqttNetEncode(version, m);
                Assert.AreEqual(MqttError.None, Decoding.Decode(b, 0, b.Length, level, out PublishPacket p));
                Assert.AreEqual("sensors/t\u00e9mp/1", Text(p.Topic));
                Assert.AreEqual(qos, p.Qos);
                Assert.AreEqual(m.PacketIdentifier, p.PacketId);
                Assert.AreEqual(qos == 1, p.Retain);
                Assert.AreEqual(qos == 2, p.Dup);
                CollectionAssert.AreEqual(payload, Copy(p.Payload));

                var nano = new PublishPacket
                {
                    Qos = (byte)qos, PacketId = (ushort)(qos * 9), Retain = qos != 1, Dup = qos == 1,
                    Topic = Slice("a/b"), Payload = new ByteSlice(payload, 100, 16),
                };
                var back = (MqttPublishPacket)MqttNetDecode(version, NanoEncode(nano.GetSize(), nano.Encode), nano.GetSize());
                Assert.AreEqual("a/b", back.Topic);
                Assert.AreEqual((MqttQualityOfServiceLevel)qos, back.QualityOfServiceLevel);
                Assert.AreEqual(nano.PacketId, back.PacketIdentifier);
                Assert.AreEqual(qos != 1, back.Retain);
                Assert.AreEqual(qos == 1, back.Dup);
                CollectionAssert.AreEqual(payload[100..116], back.Payload.ToArray());
            }
        }

        [TestMethod]
        [DynamicData(nameof(Levels))]
        public void Acks_both_ways(MqttProtocolVersion version, byte level)
        {
            var pairs = new (MqttPacketWithIdentifier Packet, PacketType Type)[]
            {
                (new MqttPubAckPacket { PacketIdentifier = 11 }, PacketType.PubAck),
                (new MqttPubRecPacket { PacketIdentifier = 12 }, PacketType.PubRec),
                (new MqttPubRelPacket { PacketIdentifier = 13 }, PacketType.PubRel),
                (new MqttPubCompPacket { PacketIdentifier = 14 }, PacketType.PubComp),
            };
            foreach (var (packet, type) in pairs)
            {
                byte[] b = MqttNetEncode(version, packet);
                Assert.AreEqual(MqttError.None, Decoding.Decode(b, 0, b.Length, level, out AckPacket p), type.ToString());
                Assert.AreEqual(type, p.Type);
                Assert.AreEqual(packet.PacketIdentifier, p.PacketId);

                var nano = new AckPacket(type, 40000);
                var back = (MqttPacketWithIdentifier)MqttNetDecode(version, NanoEncode(4, nano.Encode), 4);
                Assert.AreEqual(packet.GetType(), back.GetType());
                Assert.AreEqual(40000, back.PacketIdentifier);
            }
        }

        [TestMethod]
        [DynamicData(nameof(Levels))]
        public void Subscribe_both_ways(MqttProtocolVersion version, byte level)
        {
            var m = new MqttSubscribePacket { PacketIdentifier = 77 };
            m.TopicFilters.Add(new MqttTopicFilter { Topic = "a/+/c", QualityOfServiceLevel = MqttQualityOfServiceLevel.AtMostOnce });
            m.TopicFilters.Add(new MqttTopicFilter { Topic = "$SYS/#", QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce });
            byte[] b = MqttNetEncode(version, m);
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 0, b.Length, level, 8, out SubscribePacket p));
            Assert.AreEqual(77, p.PacketId);
            Assert.AreEqual(2, p.Count);
            TopicFilterReader r = p.GetReader();
            Assert.IsTrue(r.Next(out int off, out int len, out byte qos));
            Assert.AreEqual("a/+/c", Encoding.UTF8.GetString(r.Buffer, off, len));
            Assert.AreEqual(0, qos);
            Assert.IsTrue(r.Next(out off, out len, out qos));
            Assert.AreEqual("$SYS/#", Encoding.UTF8.GetString(r.Buffer, off, len));
            Assert.AreEqual(2, qos);

            var nano = new SubscribePacket { PacketId = 9, Count = 2, Filters = new[] { Slice("x/#"), Slice("+") }, RequestedQos = new byte[] { 1, 0 } };
            var back = (MqttSubscribePacket)MqttNetDecode(version, NanoEncode(nano.GetSize(), nano.Encode), nano.GetSize());
            Assert.AreEqual(9, back.PacketIdentifier);
            Assert.AreEqual(2, back.TopicFilters.Count);
            Assert.AreEqual("x/#", back.TopicFilters[0].Topic);
            Assert.AreEqual(MqttQualityOfServiceLevel.AtLeastOnce, back.TopicFilters[0].QualityOfServiceLevel);
            Assert.AreEqual("+", back.TopicFilters[1].Topic);
            Assert.AreEqual(MqttQualityOfServiceLevel.AtMostOnce, back.TopicFilters[1].QualityOfServiceLevel);
        }

        [TestMethod]
        [DynamicData(nameof(Levels))]
        public void SubAck_both_ways(MqttProtocolVersion version, byte level)
        {
            var m = new MqttSubAckPacket { PacketIdentifier = 5, ReasonCodes = new List<MqttSubscribeReasonCode>() };
            m.ReasonCodes.Add(MqttSubscribeReasonCode.GrantedQoS2);
            m.ReasonCodes.Add(MqttSubscribeReasonCode.GrantedQoS0);
            if (level == ProtocolLevel.V311)
            {
                m.ReasonCodes.Add(MqttSubscribeReasonCode.UnspecifiedError);
            }

            byte[] b = MqttNetEncode(version, m);
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 0, b.Length, level, out SubAckPacket p));
            Assert.AreEqual(5, p.PacketId);
            CollectionAssert.AreEqual(level == ProtocolLevel.V311 ? new byte[] { 2, 0, 0x80 } : new byte[] { 2, 0 }, Copy(p.ReturnCodes));

            byte[] codes = level == ProtocolLevel.V311 ? new byte[] { 1, 0x80 } : new byte[] { 1, 2 };
            var nano = new SubAckPacket { PacketId = 6, ReturnCodes = Slice(codes) };
            var back = (MqttSubAckPacket)MqttNetDecode(version, NanoEncode(nano.GetSize(), nano.Encode), nano.GetSize());
            Assert.AreEqual(6, back.PacketIdentifier);
            Assert.AreEqual(2, back.ReasonCodes.Count);
            Assert.AreEqual(MqttSubscribeReasonCode.GrantedQoS1, back.ReasonCodes[0]);
            Assert.AreEqual(codes[1], (byte)back.ReasonCodes[1]);
        }

        [TestMethod]
        [DynamicData(nameof(Levels))]
        public void Unsubscribe_and_UnsubAck_both_ways(MqttProtocolVersion version, byte level)
        {
            var m = new MqttUnsubscribePacket { PacketIdentifier = 300 };
            m.TopicFilters.Add("a/b");
            m.TopicFilters.Add("#");
            byte[] b = MqttNetEncode(version, m);
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 0, b.Length, level, 8, out UnsubscribePacket p));
            Assert.AreEqual(300, p.PacketId);
            Assert.AreEqual(2, p.Count);
            TopicFilterReader r = p.GetReader();
            Assert.IsTrue(r.Next(out int off, out int len, out _));
            Assert.AreEqual("a/b", Encoding.UTF8.GetString(r.Buffer, off, len));
            Assert.IsTrue(r.Next(out off, out len, out _));
            Assert.AreEqual("#", Encoding.UTF8.GetString(r.Buffer, off, len));

            var nano = new UnsubscribePacket { PacketId = 301, Count = 1, Filters = new[] { Slice("x/+") } };
            var back = (MqttUnsubscribePacket)MqttNetDecode(version, NanoEncode(nano.GetSize(), nano.Encode), nano.GetSize());
            Assert.AreEqual(301, back.PacketIdentifier);
            CollectionAssert.AreEqual(new[] { "x/+" }, back.TopicFilters);

            b = MqttNetEncode(version, new MqttUnsubAckPacket { PacketIdentifier = 302 });
            Assert.AreEqual(MqttError.None, Decoding.Decode(b, 0, b.Length, level, out UnsubAckPacket ua));
            Assert.AreEqual(302, ua.PacketId);
            var nanoAck = new UnsubAckPacket { PacketId = 303 };
            Assert.AreEqual(303, ((MqttUnsubAckPacket)MqttNetDecode(version, NanoEncode(4, nanoAck.Encode), 4)).PacketIdentifier);
        }

        [TestMethod]
        [DynamicData(nameof(Levels))]
        public void Header_only_packets_both_ways(MqttProtocolVersion version, byte level)
        {
            var pairs = new (MqttPacket Packet, PacketType Type)[]
            {
                (new MqttPingReqPacket(), PacketType.PingReq),
                (new MqttPingRespPacket(), PacketType.PingResp),
                (new MqttDisconnectPacket(), PacketType.Disconnect),
            };
            foreach (var (packet, type) in pairs)
            {
                byte[] b = MqttNetEncode(version, packet);
                Assert.AreEqual(MqttError.None, Decoding.Decode(b, 0, b.Length, level, out HeaderOnlyPacket p));
                Assert.AreEqual(type, p.Type);
                var nano = new HeaderOnlyPacket(type);
                Assert.AreEqual(packet.GetType(), MqttNetDecode(version, NanoEncode(2, nano.Encode), 2).GetType());
            }
        }

        [TestMethod]
        public void Concatenated_MQTTnet_packets_are_framed_by_the_frame_reader()
        {
            var all = new List<byte>();
            all.AddRange(MqttNetEncode(MqttProtocolVersion.V311, new MqttConnectPacket { ClientId = "c", KeepAlivePeriod = 5 }));
            all.AddRange(MqttNetEncode(MqttProtocolVersion.V311, new MqttPublishPacket { Topic = "t", PayloadSegment = new ArraySegment<byte>(new byte[300]) }));
            all.AddRange(MqttNetEncode(MqttProtocolVersion.V311, new MqttPingReqPacket()));
            byte[] stream = all.ToArray();
            var reader = new FrameReader(1024);
            var types = new List<PacketType>();
            for (int i = 0; i < stream.Length; i++)
            {
                reader.Feed(stream, i, 1, out FrameStatus status);
                if (status == FrameStatus.PacketReady)
                {
                    types.Add(reader.PacketType);
                    Assert.AreEqual(MqttError.None, AnyPacket.Decode(reader.PacketBuffer, reader.PacketOffset, reader.PacketLength, ProtocolLevel.V311));
                }
            }

            CollectionAssert.AreEqual(new[] { PacketType.Connect, PacketType.Publish, PacketType.PingReq }, types);
        }
    }
}
