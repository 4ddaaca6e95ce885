#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;
using Nano.Mqtt.Codec;

namespace Nano.DeviceTests.Broker
{
    /// <summary>The device broker's configured maximum packet size (BrokerOptions.MaxPacketSize, 1,024 B by default): a
    /// packet up to it is taken through a shared large input buffer; a larger one closes the connection from its
    /// remaining length, with nothing acknowledged or delivered and other clients unaffected.</summary>
    [TestClass]
    public class BrokerPacketLimitTests
    {
        /// <summary>A payload making a QoS 1 PUBLISH to "b/t" exactly <paramref name="packetSize"/> bytes long (a 2-byte
        /// remaining length).</summary>
        private static string PayloadFor(int packetSize)
        {
            char[] c = new char[packetSize - 3 - 2 - 3 - 2];
            for (int i = 0; i < c.Length; i++)
            {
                c[i] = (char)('a' + (i % 26));
            }
            return new string(c);
        }

        [TestMethod]
        public void A_packet_of_the_maximum_size_is_acknowledged_and_delivered_whole_MQTT_4_3_2_2()
        {
            Rig rig = new Rig();
            RigClient subscriber = rig.Subscriber("sub", "b/t", 1);
            RigClient publisher = rig.Connect("pub");
            string payload = PayloadFor(1024);
            byte[] packet = Wire.Publish("b/t", payload, 1, 7, false);
            Assert.AreEqual(1024, packet.Length);
            publisher.Send(packet);
            Assert.AreEqual("40020007", publisher.Next(), "PUBACK");
            Assert.AreEqual(Wire.PublishHex("b/t", payload, 1, 1, false, false), subscriber.Next());
        }

        [TestMethod]
        public void A_packet_above_the_maximum_closes_the_connection_unacknowledged_and_others_carry_on_MQTT_4_8_0_1()
        {
            Rig rig = new Rig();
            CountingDiagnostics sink = new CountingDiagnostics();
            rig.Engine.Diagnostics = sink;
            RigClient subscriber = rig.Subscriber("sub", "b/t", 1);
            RigClient publisher = rig.Connect("pub");
            RigClient other = rig.Connect("other");
            byte[] packet = Wire.Publish("b/t", PayloadFor(1025), 1, 7, false);
            Assert.AreEqual(1025, packet.Length);
            publisher.Send(packet);
            Assert.IsTrue(publisher.WantsClose, "refused from its remaining length");
            publisher.ExpectNothing();
            Assert.AreEqual(1, sink.Counts[(int)BrokerEvent.ProtocolError]);
            Assert.AreEqual((int)MqttError.PacketTooLarge, sink.LastReason);
            publisher.Closed();
            subscriber.ExpectNothing();
            Assert.AreEqual(0L, rig.Engine.Statistics.MessagesReceived);

            other.Send(Wire.Publish("b/t", "still here", 1, 8, false));
            Assert.AreEqual("40020008", other.Next());
            Assert.AreEqual(Wire.PublishHex("b/t", "still here", 1, 1, false, false), subscriber.Next());
        }
    }
}
