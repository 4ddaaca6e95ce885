#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt;
using Nano.Mqtt.Codec;

namespace Nano.DeviceTests.Codec
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
    }
}
