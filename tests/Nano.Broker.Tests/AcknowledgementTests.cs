using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Codec;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    /// <summary>PUBACK, PUBREC, PUBREL and PUBCOMP received by the broker: well-formed ones (read without the full decode)
    /// act on the inflight window, malformed ones close the connection with the error the full decode names.</summary>
    [TestClass]
    public sealed class AcknowledgementTests
    {
        private sealed class Errors : IBrokerDiagnostics
        {
            public readonly List<int> Reasons = new List<int>();

            public void Report(BrokerEvent what, int connection, ByteSlice clientId, ByteSlice detail, int reason)
            {
                if (what == BrokerEvent.ProtocolError)
                {
                    Reasons.Add(reason);
                }
            }
        }

        private static ScriptedClient Subscriber(ScriptedBroker broker, string id, int qos)
        {
            ScriptedClient c = broker.Connect(id, clean: false);
            c.Send(Packets.Subscribe(1, "t", qos));
            Assert.AreEqual("90030001" + qos.ToString("X2"), c.Next().Hex);
            return c;
        }

        [TestMethod]
        [DataRow(4, "41020001", MqttError.FixedHeaderFlagsInvalid, DisplayName = "PUBACK flags 0001 [MQTT-2.2.2-1]")]
        [DataRow(4, "5802 0001", MqttError.FixedHeaderFlagsInvalid, DisplayName = "PUBREC flags 1000")]
        [DataRow(4, "60020001", MqttError.FixedHeaderFlagsInvalid, DisplayName = "PUBREL flags 0000 [MQTT-3.6.1-1]")]
        [DataRow(4, "6A020001", MqttError.FixedHeaderFlagsInvalid, DisplayName = "PUBREL flags 1010 at level 4")]
        [DataRow(4, "7302 0001", MqttError.FixedHeaderFlagsInvalid, DisplayName = "PUBCOMP flags 0011")]
        [DataRow(4, "4003000100", MqttError.RemainingLengthInvalidForType, DisplayName = "PUBACK remaining length 3")]
        [DataRow(4, "400100", MqttError.RemainingLengthInvalidForType, DisplayName = "PUBACK remaining length 1")]
        [DataRow(4, "4000", MqttError.RemainingLengthInvalidForType, DisplayName = "PUBACK remaining length 0")]
        [DataRow(4, "40020000", MqttError.PacketIdZero, DisplayName = "PUBACK packet id 0 [MQTT-2.3.1-1]")]
        [DataRow(4, "62020000", MqttError.PacketIdZero, DisplayName = "PUBREL packet id 0 [MQTT-2.3.1-1]")]
        [DataRow(3, "70020000", MqttError.PacketIdZero, DisplayName = "PUBCOMP packet id 0 at level 3")]
        public void Malformed_acknowledgement_closes_the_connection_with_its_error(int level, string hex, MqttError error)
        {
            var broker = new ScriptedBroker();
            var errors = new Errors();
            broker.Engine.Diagnostics = errors;
            ScriptedClient c = broker.Connect("c", level: level);
            c.Send(Convert.FromHexString(hex.Replace(" ", "")));
            Assert.IsTrue(c.WantsClose);
            CollectionAssert.AreEqual(new[] { (int)error }, errors.Reasons);
        }

        [TestMethod]
        public void PUBREL_with_flags_1010_at_MQTT_3_1_is_answered_by_PUBCOMP()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c", level: 3);
            c.Send(Packets.Publish("t", "x", 2, 7));
            Assert.AreEqual("50020007", c.Next().Hex);
            c.Send(new byte[] { 0x6A, 2, 0, 7 });
            Assert.AreEqual("70020007", c.Next().Hex);
            Assert.IsFalse(c.WantsClose);
        }

        [TestMethod]
        public void Acknowledgements_that_match_no_inflight_entry_in_its_state_are_ignored()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxInflight = 1 });
            ScriptedClient sub = Subscriber(broker, "s", 1);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", "a", 1, 1));
            pub.Send(Packets.Publish("t", "b", 1, 2));
            Received a = sub.Next();
            sub.ExpectNothing();
            sub.Send(Packets.PubAck(a.PacketId + 1)); // unknown id
            sub.Send(Packets.PubRec(a.PacketId)); // a QoS 1 entry is not released
            sub.Send(Packets.PubComp(a.PacketId)); // nor completed
            sub.ExpectNothing();
            Assert.IsFalse(sub.WantsClose);
            sub.Send(Packets.PubAck(a.PacketId));
            Assert.AreEqual("b", sub.Next().Payload, "the window [MQTT-4.6.0-6] opened only at the PUBACK");
        }

        [TestMethod]
        public void PUBACK_of_a_middle_entry_keeps_the_others_in_send_order_for_the_resend_MQTT_4_4_0_1()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxInflight = 3 });
            ScriptedClient sub = Subscriber(broker, "s", 1);
            ScriptedClient pub = broker.Connect("p");
            for (int i = 1; i <= 4; i++)
            {
                pub.Send(Packets.Publish("t", "m" + i, 1, i));
            }
            List<Received> sent = sub.Drain();
            Assert.AreEqual(3, sent.Count);
            sub.Send(Packets.PubAck(sent[1].PacketId));
            Received fourth = sub.Next();
            Assert.AreEqual("m4", fourth.Payload);
            sub.Closed();
            sub = broker.Connect("s", clean: false, sessionPresent: true);
            List<Received> resent = sub.Drain();
            Assert.AreEqual(3, resent.Count);
            Assert.AreEqual("m1", resent[0].Payload);
            Assert.AreEqual(sent[0].PacketId, resent[0].PacketId);
            Assert.AreEqual("m3", resent[1].Payload);
            Assert.AreEqual(sent[2].PacketId, resent[1].PacketId);
            Assert.AreEqual("m4", resent[2].Payload);
            Assert.AreEqual(fourth.PacketId, resent[2].PacketId);
            Assert.IsTrue(resent[0].Dup && resent[1].Dup && resent[2].Dup, "[MQTT-3.3.1-1]");
        }

        [TestMethod]
        public void QoS_2_delivery_is_released_by_PUBREC_and_completed_by_PUBCOMP_MQTT_4_3_3_1()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxInflight = 1 });
            ScriptedClient sub = Subscriber(broker, "s", 2);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", "a", 2, 1));
            pub.Send(Packets.Publish("t", "b", 2, 2));
            Received a = sub.Next();
            sub.Send(Packets.PubComp(a.PacketId)); // not released yet: ignored
            sub.ExpectNothing();
            sub.Send(Packets.PubRec(a.PacketId));
            Assert.AreEqual("6202" + a.PacketId.ToString("X4"), sub.Next().Hex);
            sub.ExpectNothing();
            sub.Send(Packets.PubRec(a.PacketId)); // repeated: PUBREL again
            Assert.AreEqual("6202" + a.PacketId.ToString("X4"), sub.Next().Hex);
            sub.Send(Packets.PubComp(a.PacketId));
            Received b = sub.Next();
            Assert.AreEqual("b", b.Payload);
            Assert.AreNotEqual(a.PacketId, b.PacketId);
        }
    }
}
