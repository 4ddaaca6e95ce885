using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    [TestClass]
    public sealed class ConnectTests
    {
        [TestMethod]
        public void Connect_at_level_4_is_answered_by_CONNACK_0_MQTT_3_2_0_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect("c1"));
            Assert.AreEqual("20020000", c.Next().Hex);
            Assert.IsFalse(c.WantsClose);
            Assert.AreEqual(1, broker.Engine.Statistics.ClientsConnected);
        }

        [TestMethod]
        public void Connect_at_level_3_MQIsdp_is_accepted()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect("c31", level: 3));
            Assert.AreEqual("20020000", c.Next().Hex);
            Assert.IsFalse(c.WantsClose);
        }

        [TestMethod]
        public void Unsupported_level_gets_CONNACK_1_and_close_MQTT_3_1_2_2()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect("c1", level: 5));
            Assert.AreEqual("20020001", c.Next().Hex);
            Assert.IsTrue(c.WantsClose);
            Assert.AreEqual(0, broker.Engine.Statistics.ClientsConnected);
        }

        [TestMethod]
        public void First_packet_other_than_CONNECT_closes_without_answer_MQTT_3_1_0_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Accept();
            c.Send(Packets.PingReq);
            c.ExpectNothing();
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void Second_CONNECT_is_a_protocol_violation_and_publishes_the_Will_MQTT_3_1_0_2()
        {
            var broker = new ScriptedBroker();
            ScriptedClient watcher = broker.Connect("watcher");
            watcher.Send(Packets.Subscribe(1, "will/#", 0));
            Assert.AreEqual("9003000100", watcher.Next().Hex);
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect("c1", willTopic: "will/c1", willMessage: new byte[] { 0x42 }));
            Assert.AreEqual("20020000", c.Next().Hex);
            c.Send(Packets.Connect("c1"));
            c.ExpectNothing();
            Assert.IsTrue(c.WantsClose);
            Received will = watcher.Next();
            Assert.AreEqual("300A000777696C6C2F633142", will.Hex);
        }

        [TestMethod]
        public void Malformed_CONNECT_closes_without_CONNACK_MQTT_3_1_4_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Accept();
            byte[] connect = Packets.Connect("c1");
            connect[9] |= 0x01; // reserved connect flag [MQTT-3.1.2-3]
            c.Send(connect);
            c.ExpectNothing();
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void Empty_client_id_with_clean_session_gets_a_unique_assigned_id_MQTT_3_1_3_6()
        {
            var broker = new ScriptedBroker();
            ScriptedClient a = broker.Connect("");
            ScriptedClient b = broker.Connect("");
            Assert.IsFalse(a.WantsClose);
            Assert.IsFalse(b.WantsClose, "the second empty-id client must not take over the first");
            Assert.AreEqual(2, broker.Engine.SessionCount);
        }

        [TestMethod]
        public void Empty_client_id_without_clean_session_gets_CONNACK_2_MQTT_3_1_3_8()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect("", clean: false));
            Assert.AreEqual("20020002", c.Next().Hex);
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void Level_3_client_id_longer_than_23_gets_CONNACK_2_MQTT_3_1_3_9()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect("123456789012345678901234", level: 3));
            Assert.AreEqual("20020002", c.Next().Hex);
            Assert.IsTrue(c.WantsClose);
            ScriptedClient d = broker.Accept();
            d.Send(Packets.Connect("", level: 3));
            Assert.AreEqual("20020002", d.Next().Hex);
        }

        [TestMethod]
        public void Level_4_client_id_above_the_configured_maximum_gets_CONNACK_2_MQTT_3_1_3_9()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxClientIdLength = 24 });
            ScriptedClient ok = broker.Accept();
            ok.Send(Packets.Connect("123456789012345678901234"));
            Assert.AreEqual("20020000", ok.Next().Hex);
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect("1234567890123456789012345"));
            Assert.AreEqual("20020002", c.Next().Hex);
        }

        [TestMethod]
        public void Pipelined_packets_after_CONNECT_are_processed_in_order()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Concat(Packets.Connect("c1"), Packets.Subscribe(7, "a", 1), Packets.Publish("a", "x", 1, 9), Packets.PingReq));
            Assert.AreEqual("20020000", c.Next().Hex);
            Assert.AreEqual("9003000701", c.Next().Hex);
            Assert.AreEqual("40020009", c.Next().Hex);
            // Acknowledgements go out before deliveries encoded on demand; MQTT orders neither against the other.
            Assert.AreEqual("D000", c.Next().Hex);
            Received p = c.Next();
            Assert.IsTrue(p.IsPublish);
            Assert.AreEqual("a", p.Topic);
        }

        [TestMethod]
        public void Packets_after_a_refused_CONNECT_are_not_processed_MQTT_3_1_4_5()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Concat(Packets.Connect("", clean: false), Packets.Subscribe(1, "a", 0), Packets.PingReq));
            Assert.AreEqual("20020002", c.Next().Hex);
            c.ExpectNothing();
            Assert.AreEqual(0, broker.Engine.SubscriptionCount);
        }

        [TestMethod]
        public void Packet_split_into_single_bytes_is_reassembled()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Accept();
            byte[] connect = Packets.Concat(Packets.Connect("c1"), Packets.PingReq);
            foreach (byte b in connect)
            {
                c.Send(new[] { b });
            }
            Assert.AreEqual("20020000", c.Next().Hex);
            Assert.AreEqual("D000", c.Next().Hex);
        }

        [TestMethod]
        public void No_CONNECT_within_the_connect_timeout_closes()
        {
            var broker = new ScriptedBroker(new BrokerOptions { ConnectTimeoutMs = 5000 });
            ScriptedClient c = broker.Accept();
            broker.Advance(4999);
            Assert.IsFalse(c.WantsClose);
            broker.Advance(1);
            Assert.IsTrue(c.WantsClose);
            Assert.AreEqual(1, broker.Engine.Statistics.ConnectTimeouts);
            c.Closed();
            Assert.AreEqual(0, broker.Engine.ConnectionCount);
        }

        [TestMethod]
        public void Accept_returns_minus_one_when_all_slots_are_used()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxConnections = 2 });
            Assert.AreEqual(0, broker.Engine.Accept(broker.Now));
            Assert.AreEqual(1, broker.Engine.Accept(broker.Now));
            Assert.AreEqual(-1, broker.Engine.Accept(broker.Now));
            broker.Engine.Closed(0);
            Assert.AreEqual(0, broker.Engine.Accept(broker.Now));
        }

        [TestMethod]
        public void Oversized_packet_is_refused_from_its_remaining_length()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxPacketSize = 128 });
            ScriptedClient c = broker.Connect("c1");
            c.Send(new byte[] { 0x30, 0xFF, 0x7F }); // announces 16,383 bytes
            Assert.IsTrue(c.WantsClose);
            Assert.AreEqual(1, broker.Engine.Statistics.ProtocolErrors);
        }

        private sealed class Credentials : IAuthenticator
        {
            public string Seen;

            public int Authenticate(byte[] buffer, int clientIdOffset, int clientIdLength, int userNameOffset, int userNameLength, int passwordOffset, int passwordLength)
            {
                string user = userNameLength < 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, userNameOffset, userNameLength);
                string password = passwordLength < 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, passwordOffset, passwordLength);
                Seen = System.Text.Encoding.UTF8.GetString(buffer, clientIdOffset, clientIdLength) + "/" + user + "/" + password;
                if (user == "alice" && password == "secret")
                {
                    return 0;
                }
                return user == "mallory" ? 5 : 4;
            }
        }

        [TestMethod]
        public void Authenticator_sees_slices_and_decides_CONNACK_0_4_5()
        {
            var broker = new ScriptedBroker();
            var auth = new Credentials();
            broker.Engine.Authenticator = auth;
            ScriptedClient ok = broker.Accept();
            ok.Send(Packets.Connect("c1", user: "alice", password: System.Text.Encoding.UTF8.GetBytes("secret")));
            Assert.AreEqual("20020000", ok.Next().Hex);
            Assert.AreEqual("c1/alice/secret", auth.Seen);
            ScriptedClient bad = broker.Accept();
            bad.Send(Packets.Connect("c2", user: "alice", password: System.Text.Encoding.UTF8.GetBytes("wrong")));
            bad.ExpectNothing(); // one credential check between two polls: the second CONNECT waits for the next
            broker.Advance(0);
            Assert.AreEqual("20020004", bad.Next().Hex);
            Assert.IsTrue(bad.WantsClose);
            broker.Advance(0);
            ScriptedClient denied = broker.Accept();
            denied.Send(Packets.Connect("c3", user: "mallory"));
            Assert.AreEqual("20020005", denied.Next().Hex);
            Assert.AreEqual("c3/mallory/", auth.Seen);
        }

        [TestMethod]
        public void Anonymous_connect_is_not_authorised_when_disallowed()
        {
            var broker = new ScriptedBroker(new BrokerOptions { AllowAnonymous = false });
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect("c1"));
            Assert.AreEqual("20020005", c.Next().Hex);
            ScriptedClient d = broker.Accept();
            d.Send(Packets.Connect("c2", user: "u"));
            Assert.AreEqual("20020000", d.Next().Hex);
        }
    }
}
