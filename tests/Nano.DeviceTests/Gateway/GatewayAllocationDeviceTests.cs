#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.MqttSn.Gateway;

namespace Nano.DeviceTests.Gateway
{
    /// <summary>
    /// Steady-state allocations of the gateway's hot paths, with the broker in the loop: each operation is one
    /// message through the gateway in one direction, every answer taken, so the next one starts from the same
    /// state. On the interpreter every one must allocate nothing.
    /// </summary>
    [TestClass]
    public class GatewayAllocationDeviceTests
    {
        private const int Warmups = 4;
        private const int Iterations = 16;

        [TestMethod]
        public void Sn_publish_qos0_to_an_mqtt_subscriber_allocates_nothing()
        {
            HotPath h = HotPath.Registered();
            byte[] publish = SnDatagrams.Publish(0, 0, 1, 0, "21.5");
            Operation op = () =>
            {
                h.Receive(publish);
                h.Check(h.Read(h.Subscriber) == 12);
                h.Check(h.Next() == 0);
            };
            Assert.AreEqual(0L, Allocation.Measure(op, Warmups, Iterations), "SN PUBLISH QoS 0 -> MQTT");
            Assert.AreEqual(0, h.Errors);
        }

        [TestMethod]
        public void Sn_publish_qos1_and_its_puback_allocate_nothing()
        {
            HotPath h = HotPath.Registered();
            byte[] publish = SnDatagrams.Publish(1, 0, 1, 0x42, "21.5");
            Operation op = () =>
            {
                h.Receive(publish);
                h.Check(h.Next() == 7 && h.Datagram[1] == 0x0D && h.Datagram[6] == 0x00);
                h.Check(h.Read(h.Subscriber) == 12);
            };
            Assert.AreEqual(0L, Allocation.Measure(op, Warmups, Iterations), "SN PUBLISH QoS 1 -> MQTT, PUBACK");
            Assert.AreEqual(0, h.Errors);
        }

        [TestMethod]
        public void Sn_publish_qos2_with_pubrec_pubrel_pubcomp_allocates_nothing()
        {
            HotPath h = HotPath.Registered();
            byte[] publish = SnDatagrams.Publish(2, 0, 1, 0x43, "21.5");
            byte[] pubRel = SnDatagrams.MsgId(0x10, 0x43);
            Operation op = () =>
            {
                h.Receive(publish);
                h.Check(h.Next() == 4 && h.Datagram[1] == 0x0F);
                h.Receive(pubRel);
                h.Check(h.Next() == 4 && h.Datagram[1] == 0x0E);
                h.Check(h.Read(h.Subscriber) == 12);
            };
            Assert.AreEqual(0L, Allocation.Measure(op, Warmups, Iterations), "SN PUBLISH QoS 2 -> MQTT, PUBREC/PUBREL/PUBCOMP");
            Assert.AreEqual(0, h.Errors);
        }

        [TestMethod]
        public void Sn_publish_qos_minus_one_allocates_nothing()
        {
            HotPath h = HotPath.Registered();
            byte[] publish = SnDatagrams.Publish(-1, 2, SnDatagrams.Short("t1"), 0, "21.5");
            byte[] from = Hex.Ascii("X");
            Operation op = () =>
            {
                h.Rig.Gateway.Receive(h.Rig.Link, from, 0, 1, publish, 0, publish.Length, h.Rig.Now);
                h.Check(h.Read(h.Subscriber) == 10);
                h.Check(h.Next() == 0);
            };
            Assert.AreEqual(0L, Allocation.Measure(op, Warmups, Iterations), "SN PUBLISH QoS -1 -> MQTT");
            Assert.AreEqual(0, h.Errors);
        }

        [TestMethod]
        public void Sn_register_of_a_known_name_allocates_nothing()
        {
            HotPath h = HotPath.Registered();
            byte[] register = SnDatagrams.Register(7, "t/up");
            Operation op = () =>
            {
                h.Receive(register);
                h.Check(h.Next() == 7 && h.Datagram[1] == 0x0B && h.Datagram[3] == 1 && h.Datagram[6] == 0);
            };
            Assert.AreEqual(0L, Allocation.Measure(op, Warmups, Iterations), "REGISTER -> REGACK");
            Assert.AreEqual(0, h.Errors);
        }

        [TestMethod]
        public void Mqtt_publish_qos0_to_an_sn_subscriber_allocates_nothing()
        {
            HotPath h = HotPath.Subscribed(0);
            byte[] publish = MqttPackets.Publish("t/down", "on", 0, false, 0);
            Operation op = () =>
            {
                h.Rig.MqttSend(h.Publisher, publish);
                h.Check(h.Next() == 9 && h.Datagram[1] == 0x0C && h.Datagram[2] == 0x00);
            };
            Assert.AreEqual(0L, Allocation.Measure(op, Warmups, Iterations), "MQTT PUBLISH QoS 0 -> SN");
            Assert.AreEqual(0, h.Errors);
        }

        [TestMethod]
        public void Mqtt_publish_qos1_to_an_sn_subscriber_and_its_puback_allocate_nothing()
        {
            HotPath h = HotPath.Subscribed(1);
            byte[] publish = MqttPackets.Publish("t/down", "on", 1, false, 1);
            byte[] pubAck = SnDatagrams.PubAck(1, 0, 0);
            Operation op = () =>
            {
                h.Rig.MqttSend(h.Publisher, publish);
                h.Check(h.Read(h.Publisher) == 4);
                h.Check(h.Next() == 9 && h.Datagram[1] == 0x0C && h.Datagram[2] == 0x20);
                pubAck[4] = h.Datagram[5];
                pubAck[5] = h.Datagram[6];
                h.Receive(pubAck);
                h.Check(h.Next() == 0);
            };
            Assert.AreEqual(0L, Allocation.Measure(op, Warmups, Iterations), "MQTT PUBLISH QoS 1 -> SN, PUBACK");
            Assert.AreEqual(0, h.Errors);
        }

        [TestMethod]
        public void Mqtt_publish_qos2_to_an_sn_subscriber_with_both_handshakes_allocates_nothing()
        {
            HotPath h = HotPath.Subscribed(2);
            byte[] publish = MqttPackets.Publish("t/down", "on", 2, false, 1);
            byte[] pubRel = MqttPackets.Ack(0x62, 1);
            byte[] pubRec = SnDatagrams.MsgId(0x0F, 0);
            byte[] pubComp = SnDatagrams.MsgId(0x0E, 0);
            Operation op = () =>
            {
                h.Rig.MqttSend(h.Publisher, publish);
                h.Check(h.Read(h.Publisher) == 4);
                h.Rig.MqttSend(h.Publisher, pubRel);
                h.Check(h.Read(h.Publisher) == 4);
                h.Check(h.Next() == 9 && h.Datagram[1] == 0x0C && h.Datagram[2] == 0x40);
                pubRec[2] = pubComp[2] = h.Datagram[5];
                pubRec[3] = pubComp[3] = h.Datagram[6];
                h.Receive(pubRec);
                h.Check(h.Next() == 4 && h.Datagram[1] == 0x10);
                h.Receive(pubComp);
                h.Check(h.Next() == 0);
            };
            Assert.AreEqual(0L, Allocation.Measure(op, Warmups, Iterations), "MQTT PUBLISH QoS 2 -> SN, both handshakes");
            Assert.AreEqual(0, h.Errors);
        }

        [TestMethod]
        public void Gateway_register_before_a_publication_allocates_nothing()
        {
            HotPath h = HotPath.Subscribed(1);
            byte[] publish = MqttPackets.Publish("t/down", "on", 1, false, 1);
            byte[] invalidTopic = SnDatagrams.PubAck(1, 0, 2);
            byte[] regAck = SnDatagrams.RegAck(1, 0, 0);
            byte[] pubAck = SnDatagrams.PubAck(1, 0, 0);
            Operation op = () =>
            {
                h.Rig.MqttSend(h.Publisher, publish);
                h.Check(h.Read(h.Publisher) == 4);
                h.Check(h.Next() == 9 && h.Datagram[1] == 0x0C);
                invalidTopic[4] = h.Datagram[5];
                invalidTopic[5] = h.Datagram[6];
                h.Receive(invalidTopic); // the client lost the id: REGISTER, then PUBLISH again [§6.10]
                h.Check(h.Next() == 12 && h.Datagram[1] == 0x0A);
                regAck[4] = h.Datagram[4];
                regAck[5] = h.Datagram[5];
                h.Receive(regAck);
                h.Check(h.Next() == 9 && h.Datagram[1] == 0x0C);
                pubAck[4] = h.Datagram[5];
                pubAck[5] = h.Datagram[6];
                h.Receive(pubAck);
                h.Check(h.Next() == 0);
            };
            Assert.AreEqual(0L, Allocation.Measure(op, Warmups, Iterations), "REGISTER from the gateway, REGACK, PUBLISH");
            Assert.AreEqual(0, h.Errors);
        }

        [TestMethod]
        public void Sleeping_client_buffer_flushed_on_pingreq_allocates_nothing()
        {
            HotPath h = HotPath.Subscribed(0);
            h.Receive(SnDatagrams.Sleep(600));
            h.Check(h.Next() == 2);
            byte[] publish = MqttPackets.Publish("t/down", "on", 0, false, 0);
            byte[] pingReq = SnDatagrams.PingReq("node1");
            Operation op = () =>
            {
                h.Rig.MqttSend(h.Publisher, publish);
                h.Rig.MqttSend(h.Publisher, publish);
                h.Rig.Gateway.Poll(h.Rig.Now);
                h.Check(h.Next() == 0);
                h.Receive(pingReq);
                h.Check(h.Next() == 9 && h.Datagram[1] == 0x0C);
                h.Check(h.Next() == 9 && h.Datagram[1] == 0x0C);
                h.Check(h.Next() == 2 && h.Datagram[1] == 0x17);
            };
            Assert.AreEqual(0L, Allocation.Measure(op, Warmups, Iterations), "two buffered messages and PINGRESP on PINGREQ");
            Assert.AreEqual(0, h.Errors);
            Assert.IsTrue(h.Rig.Status("node1") == SnClientStatus.Asleep);
        }

        [TestMethod]
        public void Pingreq_of_an_active_client_allocates_nothing()
        {
            HotPath h = HotPath.Registered();
            byte[] pingReq = SnDatagrams.PingReq("");
            Operation op = () =>
            {
                h.Receive(pingReq);
                h.Check(h.Next() == 2 && h.Datagram[1] == 0x17);
            };
            Assert.AreEqual(0L, Allocation.Measure(op, Warmups, Iterations), "PINGREQ -> PINGRESP");
            Assert.AreEqual(0, h.Errors);
        }

        /// <summary>A connected client "node1" at address "A", an MQTT subscriber and an MQTT publisher; the
        /// operations read the gateway and the broker into buffers allocated here.</summary>
        private sealed class HotPath
        {
            public readonly GatewayRig Rig = new GatewayRig();
            public readonly byte[] Datagram = new byte[300];
            public readonly byte[] Address = new byte[16];
            public readonly byte[] Mqtt = new byte[600];
            public readonly byte[] From = Hex.Ascii("A");
            public int Subscriber;
            public int Publisher;
            public int Errors;

            /// <summary>"node1" has registered "t/up" (id 1); an MQTT client subscribes to "#" at QoS 0.</summary>
            public static HotPath Registered()
            {
                HotPath h = new HotPath();
                h.Subscriber = h.Rig.MqttSubscriber("sub", "#", 0);
                h.Rig.Connect("A", "node1", 600, true);
                h.Rig.Send("A", SnDatagrams.Register(1, "t/up"));
                h.Rig.Expect("A", "07 0B 00 01 00 01 00");
                return h;
            }

            /// <summary>"node1" subscribed to "t/down" at <paramref name="qos"/> (topic id 1); an MQTT client publishes.</summary>
            public static HotPath Subscribed(int qos)
            {
                HotPath h = new HotPath();
                h.Rig.Connect("A", "node1", 600, true);
                h.Rig.Send("A", SnDatagrams.Subscribe(qos, 1, "t/down"));
                h.Rig.Expect("A", "08 13 " + (qos == 0 ? "00" : qos == 1 ? "20" : "40") + " 00 01 00 01 00");
                h.Publisher = h.Rig.MqttConnect("pub");
                return h;
            }

            public void Receive(byte[] datagram)
            {
                Rig.Gateway.Receive(Rig.Link, From, 0, From.Length, datagram, 0, datagram.Length, Rig.Now);
            }

            /// <summary>Takes the next datagram into <see cref="Datagram"/>; its length, 0 when none.</summary>
            public int Next()
            {
                int link;
                int addressLength;
                bool broadcast;
                return Rig.Gateway.NextDatagram(Datagram, 0, Datagram.Length, out link, Address, 0, out addressLength, out broadcast);
            }

            /// <summary>Reads everything the broker wrote on the connection; the number of octets.</summary>
            public int Read(int connection)
            {
                int total = 0;
                int n;
                while ((n = Rig.Broker.ReadOutput(connection, Mqtt, 0, Mqtt.Length)) > 0)
                {
                    total += n;
                }
                return total;
            }

            public void Check(bool condition)
            {
                if (!condition)
                {
                    Errors++;
                }
            }
        }
    }
}
