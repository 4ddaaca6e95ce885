using System;
using System.Text;
using BenchmarkDotNet.Attributes;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Formatter.V3;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using Nano.Mqtt;
using Nano.Mqtt.Codec;

namespace Nano.Benchmarks
{
    /// <summary>
    /// Encode then decode one packet, MQTT 3.1.1: Nano's codec (caller buffers, slices) beside MQTTnet's
    /// V3 formatter on the same packet contents.
    /// </summary>
    [MemoryDiagnoser]
    public class CodecBenchmarks
    {
        private readonly byte[] buffer = new byte[4096];
        private MqttV3PacketFormatter formatter;
        private PublishPacket nanoSmall;
        private PublishPacket nanoLarge;
        private ConnectPacket nanoConnect;
        private SubscribePacket nanoSubscribe;
        private readonly PublishPacket decodedPublish = new PublishPacket();
        private readonly ConnectPacket decodedConnect = new ConnectPacket();
        private readonly SubscribePacket decodedSubscribe = new SubscribePacket { MaxFilters = 16 };
        private MqttPublishPacket netSmall;
        private MqttPublishPacket netLarge;
        private MqttConnectPacket netConnect;
        private MqttSubscribePacket netSubscribe;

        [GlobalSetup]
        public void Setup()
        {
            formatter = new MqttV3PacketFormatter(new MqttBufferWriter(4096, 65536), MqttProtocolVersion.V311);
            byte[] topic = Encoding.UTF8.GetBytes("sensors/kitchen/temperature");
            byte[] small = new byte[16];
            byte[] large = new byte[1024];
            new Random(1).NextBytes(large);
            nanoSmall = new PublishPacket { Qos = 1, PacketId = 42, Topic = new ByteSlice(topic, 0, topic.Length), Payload = new ByteSlice(small, 0, small.Length) };
            nanoLarge = new PublishPacket { Qos = 1, PacketId = 42, Topic = new ByteSlice(topic, 0, topic.Length), Payload = new ByteSlice(large, 0, large.Length) };
            netSmall = new MqttPublishPacket { QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketIdentifier = 42, Topic = "sensors/kitchen/temperature", PayloadSegment = new ArraySegment<byte>(small) };
            netLarge = new MqttPublishPacket { QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketIdentifier = 42, Topic = "sensors/kitchen/temperature", PayloadSegment = new ArraySegment<byte>(large) };

            byte[] id = Encoding.UTF8.GetBytes("bench-client-0001");
            byte[] user = Encoding.UTF8.GetBytes("user");
            byte[] password = Encoding.UTF8.GetBytes("password");
            nanoConnect = new ConnectPacket
            {
                ProtocolLevel = ProtocolLevel.V311, CleanSession = true, KeepAlive = 60, ClientId = new ByteSlice(id, 0, id.Length),
                HasUserName = true, UserName = new ByteSlice(user, 0, user.Length), HasPassword = true, Password = new ByteSlice(password, 0, password.Length),
            };
            netConnect = new MqttConnectPacket { ClientId = "bench-client-0001", CleanSession = true, KeepAlivePeriod = 60, Username = "user", Password = password };

            byte[] f1 = Encoding.UTF8.GetBytes("sensors/+/temperature");
            byte[] f2 = Encoding.UTF8.GetBytes("alerts/#");
            nanoSubscribe = new SubscribePacket
            {
                PacketId = 7, Count = 2, Filters = new[] { new ByteSlice(f1, 0, f1.Length), new ByteSlice(f2, 0, f2.Length) }, RequestedQos = new byte[] { 1, 2 },
            };
            netSubscribe = new MqttSubscribePacket { PacketIdentifier = 7 };
            netSubscribe.TopicFilters.Add(new MqttTopicFilter { Topic = "sensors/+/temperature", QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
            netSubscribe.TopicFilters.Add(new MqttTopicFilter { Topic = "alerts/#", QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce });
        }

        [Benchmark(Description = "Nano PUBLISH 16 B")]
        public int NanoPublishSmall()
        {
            int n = nanoSmall.Encode(buffer, 0);
            decodedPublish.Decode(buffer, 0, n, ProtocolLevel.V311);
            return decodedPublish.Payload.Length;
        }

        [Benchmark(Description = "MQTTnet PUBLISH 16 B")]
        public int NetPublishSmall() => ((MqttPublishPacket)RoundTrip(netSmall)).PacketIdentifier;

        [Benchmark(Description = "Nano PUBLISH 1 KB")]
        public int NanoPublishLarge()
        {
            int n = nanoLarge.Encode(buffer, 0);
            decodedPublish.Decode(buffer, 0, n, ProtocolLevel.V311);
            return decodedPublish.Payload.Length;
        }

        [Benchmark(Description = "MQTTnet PUBLISH 1 KB")]
        public int NetPublishLarge() => ((MqttPublishPacket)RoundTrip(netLarge)).PacketIdentifier;

        [Benchmark(Description = "Nano CONNECT")]
        public int NanoConnect()
        {
            int n = nanoConnect.Encode(buffer, 0);
            decodedConnect.Decode(buffer, 0, n);
            return decodedConnect.KeepAlive;
        }

        [Benchmark(Description = "MQTTnet CONNECT")]
        public int NetConnect() => ((MqttConnectPacket)RoundTrip(netConnect)).KeepAlivePeriod;

        [Benchmark(Description = "Nano SUBSCRIBE")]
        public int NanoSubscribe()
        {
            int n = nanoSubscribe.Encode(buffer, 0);
            decodedSubscribe.Decode(buffer, 0, n, ProtocolLevel.V311);
            TopicFilterReader r = decodedSubscribe.GetReader();
            int total = 0;
            while (r.Next(out _, out int length, out _))
            {
                total += length;
            }

            return total;
        }

        [Benchmark(Description = "MQTTnet SUBSCRIBE")]
        public int NetSubscribe() => ((MqttSubscribePacket)RoundTrip(netSubscribe)).TopicFilters.Count;

        private MqttPacket RoundTrip(MqttPacket packet)
        {
            ArraySegment<byte> bytes = formatter.Encode(packet).Join();
            int headerLength = 2;
            while ((bytes.Array[bytes.Offset + headerLength - 1] & 0x80) != 0)
            {
                headerLength++;
            }

            var received = new ReceivedMqttPacket(bytes.Array[bytes.Offset], new ArraySegment<byte>(bytes.Array, bytes.Offset + headerLength, bytes.Count - headerLength), bytes.Count);
            return formatter.Decode(received);
        }
    }
}
