#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    [TestClass]
    public class BrokerConnectTests
    {
        [TestMethod]
        public void CONNECT_is_answered_by_CONNACK_0_MQTT_3_2_0_1()
        {
            Rig rig = new Rig();
            RigClient c = rig.Accept();
            c.Send(Wire.Connect("a", true, 0));
            Assert.AreEqual("20020000", c.Next());
            Assert.IsFalse(c.WantsClose);
            Assert.AreEqual(1, rig.Engine.SessionCount);
        }

        [TestMethod]
        public void An_unsupported_protocol_level_gets_CONNACK_1_and_close_MQTT_3_1_2_2()
        {
            Rig rig = new Rig();
            RigClient c = rig.Accept();
            c.Send(Wire.Connect("a", true, 0, null, null, 0, false, null, 5));
            Assert.AreEqual("20020001", c.Next());
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void An_empty_client_id_without_clean_session_gets_CONNACK_2_MQTT_3_1_3_8()
        {
            Rig rig = new Rig();
            RigClient c = rig.Accept();
            c.Send(Wire.Connect("", false, 0));
            Assert.AreEqual("20020002", c.Next());
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void An_empty_client_id_with_clean_session_is_assigned_one_MQTT_3_1_3_6()
        {
            Rig rig = new Rig();
            RigClient c = rig.Accept();
            c.Send(Wire.Connect("", true, 0));
            Assert.AreEqual("20020000", c.Next());
            RigClient d = rig.Accept();
            d.Send(Wire.Connect("", true, 0));
            Assert.AreEqual("20020000", d.Next());
            Assert.AreEqual(2, rig.Engine.SessionCount);
        }

        [TestMethod]
        public void A_client_id_over_23_bytes_at_MQTT_3_1_gets_CONNACK_2_MQTT_3_1_3_5()
        {
            Rig rig = new Rig();
            RigClient c = rig.Accept();
            c.Send(Wire.Connect("abcdefghijklmnopqrstuvwxyz", true, 0, null, null, 0, false, null, 3));
            Assert.AreEqual("20020002", c.Next());
        }

        [TestMethod]
        public void A_first_packet_other_than_CONNECT_closes_without_answer_MQTT_3_1_0_1()
        {
            Rig rig = new Rig();
            RigClient c = rig.Accept();
            c.Send(Wire.PingReq);
            Assert.IsTrue(c.WantsClose);
            c.ExpectNothing();
        }

        [TestMethod]
        public void A_second_CONNECT_is_a_protocol_violation_MQTT_3_1_0_2()
        {
            Rig rig = new Rig();
            RigClient c = rig.Connect("a");
            c.Send(Wire.Connect("a", true, 0));
            Assert.IsTrue(c.WantsClose);
            c.ExpectNothing();
        }

        [TestMethod]
        public void Session_present_is_set_for_a_resumed_session_MQTT_3_2_2_2()
        {
            Rig rig = new Rig();
            RigClient c = rig.Connect("p", false, false);
            c.Disconnect();
            RigClient d = rig.Connect("p", false, true);
            d.Disconnect();
            rig.Connect("p", true, false); // a clean session discards the state [MQTT-3.2.2-1]
        }

        [TestMethod]
        public void MQTT_3_1_CONNACK_keeps_the_reserved_byte_zero_MQTT_3_2_2_2()
        {
            Rig rig = new Rig();
            RigClient c = rig.Accept();
            c.Send(Wire.Connect("p", false, 0, null, null, 0, false, null, 3));
            Assert.AreEqual("20020000", c.Next());
            c.Disconnect();
            RigClient d = rig.Accept();
            d.Send(Wire.Connect("p", false, 0, null, null, 0, false, null, 3));
            Assert.AreEqual("20020000", d.Next());
        }

        [TestMethod]
        public void Anonymous_clients_get_CONNACK_5_when_not_allowed_MQTT_3_2_2_5()
        {
            BrokerOptions o = new BrokerOptions();
            o.AllowAnonymous = false;
            Rig rig = new Rig(o);
            RigClient c = rig.Accept();
            c.Send(Wire.Connect("a", true, 0));
            Assert.AreEqual("20020005", c.Next());
            Assert.IsTrue(c.WantsClose);
            RigClient d = rig.Accept();
            d.Send(Wire.Connect("b", true, 0, null, null, 0, false, "user", 4));
            Assert.AreEqual("20020000", d.Next());
        }

        [TestMethod]
        public void Bytes_after_a_refused_CONNECT_are_not_processed_MQTT_3_1_4_5()
        {
            BrokerOptions o = new BrokerOptions();
            o.AllowAnonymous = false;
            Rig rig = new Rig(o);
            RigClient c = rig.Accept();
            byte[] connect = Wire.Connect("a", true, 0);
            byte[] ping = Wire.PingReq;
            byte[] both = new byte[connect.Length + ping.Length];
            System.Array.Copy(connect, both, connect.Length);
            System.Array.Copy(ping, 0, both, connect.Length, ping.Length);
            c.Send(both);
            Assert.AreEqual("20020005", c.Next());
            c.ExpectNothing();
        }

        [TestMethod]
        public void Accept_refuses_beyond_MaxConnections_and_reuses_a_closed_slot()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxConnections = 2;
            Rig rig = new Rig(o);
            RigClient a = rig.Connect("a");
            rig.Connect("b");
            Assert.AreEqual(-1, rig.Engine.Accept(rig.Now));
            a.Disconnect();
            Assert.AreEqual(a.Id, rig.Engine.Accept(rig.Now));
        }

        [TestMethod]
        public void A_connection_without_CONNECT_is_closed_after_the_connect_timeout()
        {
            BrokerOptions o = new BrokerOptions();
            o.ConnectTimeoutMs = 5000;
            Rig rig = new Rig(o);
            RigClient c = rig.Accept();
            rig.Advance(4999);
            Assert.IsFalse(c.WantsClose);
            rig.Advance(1);
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void Keep_alive_closes_after_one_and_a_half_periods_of_silence_MQTT_3_1_2_24()
        {
            Rig rig = new Rig();
            RigClient c = rig.Accept();
            c.Send(Wire.Connect("k", true, 10));
            Assert.AreEqual("20020000", c.Next());
            rig.Advance(15000);
            Assert.IsFalse(c.WantsClose);
            rig.Advance(1);
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void PINGREQ_is_answered_by_PINGRESP_and_restarts_the_keep_alive_MQTT_3_12_4_1()
        {
            Rig rig = new Rig();
            RigClient c = rig.Accept();
            c.Send(Wire.Connect("k", true, 10));
            Assert.AreEqual("20020000", c.Next());
            rig.Advance(14000);
            c.Send(Wire.PingReq);
            Assert.AreEqual("D000", c.Next());
            rig.Advance(14000);
            Assert.IsFalse(c.WantsClose);
        }

        [TestMethod]
        public void Keep_alive_zero_never_times_out_MQTT_3_1_2_24()
        {
            Rig rig = new Rig();
            RigClient c = rig.Connect("k");
            rig.Advance(100000000);
            Assert.IsFalse(c.WantsClose);
        }

        [TestMethod]
        public void A_new_connection_with_the_same_client_id_takes_over_MQTT_3_1_4_2()
        {
            Rig rig = new Rig();
            RigClient first = rig.Connect("same", false, false);
            RigClient second = rig.Connect("same", false, true);
            Assert.IsTrue(first.WantsClose);
            Assert.IsFalse(second.WantsClose);
            first.Closed();
            second.Send(Wire.PingReq);
            Assert.AreEqual("D000", second.Next());
        }

        [TestMethod]
        public void The_oldest_offline_session_is_evicted_when_sessions_run_out()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxConnections = 1;
            o.MaxSessions = 1;
            Rig rig = new Rig(o);
            rig.Connect("a", false, false).Disconnect();
            rig.Connect("b", false, false).Disconnect();
            rig.Connect("a", false, false);
            Assert.AreEqual(1, rig.Engine.SessionCount);
        }
    }
}
