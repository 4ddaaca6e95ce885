#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt;
using Nano.Mqtt.Codec;

namespace Nano.DeviceTests
{
    [TestClass]
    public class PublishCodecDeviceTests
    {
        [TestMethod]
        public void Publish_qos1_encodes_to_the_exact_bytes_and_decodes_back()
        {
            byte[] topic = new byte[] { (byte)'a', (byte)'/', (byte)'b' };
            byte[] payload = new byte[] { 1, 2, 3 };
            PublishPacket p = new PublishPacket();
            p.Qos = 1;
            p.Retain = true;
            p.PacketId = 10;
            p.Topic.Set(topic, 0, topic.Length);
            p.Payload.Set(payload, 0, payload.Length);

            byte[] wire = new byte[32];
            int n = p.Encode(wire, 1);
            byte[] expected = new byte[] { 0x33, 10, 0, 3, (byte)'a', (byte)'/', (byte)'b', 0, 10, 1, 2, 3 };
            Assert.AreEqual(expected.Length, n);
            for (int i = 0; i < n; i++)
            {
                Assert.AreEqual(expected[i], wire[1 + i]);
            }

            PublishPacket d = new PublishPacket();
            Assert.IsTrue(d.Decode(wire, 1, n, ProtocolLevel.V311) == MqttError.None);
            Assert.AreEqual((int)1, (int)d.Qos);
            Assert.IsTrue(d.Retain);
            Assert.IsFalse(d.Dup);
            Assert.AreEqual((int)10, (int)d.PacketId);
            Assert.AreEqual(5, d.Topic.Offset);
            Assert.AreEqual(3, d.Topic.Length);
            Assert.AreEqual(10, d.Payload.Offset);
            Assert.AreEqual(3, d.Payload.Length);
        }

        [TestMethod]
        public void Publish_qos3_is_rejected_MQTT_3_3_1_4()
        {
            byte[] wire = new byte[] { 0x36, 5, 0, 1, (byte)'a', 0, 1 };
            PublishPacket d = new PublishPacket();
            Assert.IsTrue(d.Decode(wire, 0, wire.Length, ProtocolLevel.V311) == MqttError.PublishQos3);
        }

        [TestMethod]
        public void Frame_reader_finds_packets_fed_one_byte_at_a_time()
        {
            byte[] stream = new byte[] { 0xC0, 0x00, 0x30, 0x04, 0, 1, (byte)'t', 7, 0xE0, 0x00 };
            FrameReader reader = new FrameReader(64);
            int ready = 0;
            byte[] one = new byte[1];
            for (int i = 0; i < stream.Length; i++)
            {
                one[0] = stream[i];
                FrameStatus status;
                int used = reader.Feed(one, 0, 1, out status);
                Assert.AreEqual(1, used);
                if (status == FrameStatus.PacketReady)
                {
                    ready++;
                }
                else
                {
                    Assert.IsTrue(status == FrameStatus.NeedMore);
                }
            }

            Assert.AreEqual(3, ready);
        }
    }
}
