#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;

namespace Nano.DeviceTests.SnClient
{
    /// <summary>The SN client against a scripted gateway with a fake clock (§6).</summary>
    [TestClass]
    public class SnClientDeviceTests
    {
        private static int _msgId;

        private static void Ok(SnClientResult r)
        {
            Assert.AreEqual((int)SnClientResult.Ok, (int)r);
        }

        private static ClientScript Registered()
        {
            ClientScript s = ClientScript.Connected();
            byte[] name = Hex.Parse("61 2F 62");
            Ok(s.Client.Register(name, 0, name.Length, s.Now, out _msgId));
            s.Expect("09 0A 00 00 00 01 61 2F 62");
            s.Receive("07 0B 00 05 00 01 00");
            return s;
        }

        [TestMethod]
        public void Connect_sends_CONNECT_and_CONNACK_makes_the_client_active_section_6_2()
        {
            ClientScript s = ClientScript.Connected();
            Assert.AreEqual(1, s.Events.Connected);
            s.ExpectNothing();
        }

        [TestMethod]
        public void Connect_with_a_will_answers_both_prompts_section_6_2()
        {
            ClientScript s = new ClientScript(true);
            Ok(s.Client.Connect(s.Now));
            s.Expect("08 04 0C 01 00 3C 6E 31");
            s.Receive("02 06");
            s.Expect("04 07 00 77");
            s.Receive("02 08");
            s.Expect("03 09 62");
            s.Receive("03 05 00");
            Assert.AreEqual((int)SnClientState.Active, (int)s.Client.State);
        }

        [TestMethod]
        public void A_rejected_CONNACK_reports_the_return_code_section_6_2()
        {
            ClientScript s = new ClientScript(false);
            Ok(s.Client.Connect(s.Now));
            s.Next();
            s.Receive("03 05 01");
            Assert.AreEqual((int)SnClientState.Disconnected, (int)s.Client.State);
            Assert.AreEqual((int)SnDisconnectReason.Rejected, (int)s.Events.LastReason);
            Assert.AreEqual(1, s.Events.LastReturnCode);
        }

        [TestMethod]
        public void Register_stores_the_topic_id_of_REGACK_section_6_5()
        {
            ClientScript s = Registered();
            Assert.AreEqual(1, s.Events.Registered);
            Assert.AreEqual(5, s.Events.LastRegisteredTopicId);
            Assert.IsTrue(s.Client.Topics.Contains(5));
            Assert.AreEqual(5, s.Client.Topics.Find(Hex.Parse("61 2F 62"), 0, 3));
        }

        [TestMethod]
        public void One_acknowledged_request_is_outstanding_and_the_next_waits_for_its_answer_section_6_5()
        {
            ClientScript s = ClientScript.Connected();
            byte[] name = Hex.Parse("61");
            Ok(s.Client.Register(name, 0, 1, s.Now, out _msgId));
            s.Expect("07 0A 00 00 00 01 61");
            Ok(s.Client.Publish(1, SnTopicIdType.Predefined, 1, false, name, 0, 1, s.Now, out _msgId));
            Assert.AreEqual(2, _msgId);
            s.ExpectNothing();
            s.Receive("07 0B 00 05 00 01 00");
            s.Expect("08 0C 21 00 01 00 02 61");
        }

        [TestMethod]
        public void Publish_qos0_is_sent_at_once_without_msg_id_section_6_6()
        {
            ClientScript s = Registered();
            byte[] data = Hex.Parse("01");
            Ok(s.Client.Publish(0, SnTopicIdType.Normal, 5, false, data, 0, 1, s.Now, out _msgId));
            Assert.AreEqual(0, _msgId);
            s.Expect("08 0C 00 00 05 00 00 01");
        }

        [TestMethod]
        public void Publish_qos1_completes_with_PUBACK_section_6_6()
        {
            ClientScript s = Registered();
            byte[] data = Hex.Parse("01");
            Ok(s.Client.Publish(1, SnTopicIdType.Normal, 5, false, data, 0, 1, s.Now, out _msgId));
            Assert.AreEqual(2, _msgId);
            s.Expect("08 0C 20 00 05 00 02 01");
            s.Receive("07 0D 00 05 00 02 00");
            Assert.AreEqual(1, s.Events.Completed);
            Assert.AreEqual(2, s.Events.LastCompletedMsgId);
            Assert.AreEqual(0, s.Events.LastCompletedReturnCode);
        }

        [TestMethod]
        public void Publish_qos2_goes_through_PUBREC_PUBREL_PUBCOMP_section_6_7()
        {
            ClientScript s = Registered();
            byte[] data = Hex.Parse("01");
            Ok(s.Client.Publish(2, SnTopicIdType.Normal, 5, false, data, 0, 1, s.Now, out _msgId));
            s.Expect("08 0C 40 00 05 00 02 01");
            s.Receive("04 0F 00 02");
            s.Expect("04 10 00 02");
            Assert.AreEqual(0, s.Events.Completed);
            s.Receive("04 0E 00 02");
            Assert.AreEqual(1, s.Events.Completed);
        }

        [TestMethod]
        public void Publish_qos_minus_one_needs_no_connection_section_6_8()
        {
            ClientScript s = new ClientScript(false);
            byte[] data = Hex.Parse("01");
            Ok(s.Client.Publish(SnQos.MinusOne, SnTopicIdType.Predefined, 1, false, data, 0, 1, s.Now, out _msgId));
            s.Expect("08 0C 61 00 01 00 00 01");
            Assert.AreEqual((int)SnClientResult.InvalidArgument,
                (int)s.Client.Publish(SnQos.MinusOne, SnTopicIdType.Normal, 1, false, data, 0, 1, s.Now, out _msgId));
            Assert.AreEqual((int)SnClientResult.WrongState,
                (int)s.Client.Publish(0, SnTopicIdType.Predefined, 1, false, data, 0, 1, s.Now, out _msgId));
        }

        [TestMethod]
        public void An_invalid_topic_id_PUBACK_removes_the_registration_section_6_7()
        {
            ClientScript s = Registered();
            byte[] data = Hex.Parse("01");
            Ok(s.Client.Publish(1, SnTopicIdType.Normal, 5, false, data, 0, 1, s.Now, out _msgId));
            s.Next();
            s.Receive("07 0D 00 05 00 02 02");
            Assert.IsFalse(s.Client.Topics.Contains(5));
            Assert.AreEqual(2, s.Events.LastCompletedReturnCode);
        }

        [TestMethod]
        public void Subscribe_to_a_name_stores_the_SUBACK_topic_id_section_6_9()
        {
            ClientScript s = ClientScript.Connected();
            byte[] filter = Hex.Parse("73 2F 74");
            Ok(s.Client.Subscribe(filter, 0, 3, 1, s.Now, out _msgId));
            s.Expect("08 12 20 00 01 73 2F 74");
            s.Receive("08 13 20 00 09 00 01 00");
            Assert.AreEqual(1, s.Events.Subscribed);
            Assert.AreEqual(1, s.Events.LastGrantedQos);
            Assert.IsTrue(s.Client.Topics.Contains(9));
        }

        [TestMethod]
        public void Subscribe_to_a_short_name_and_unsubscribe_it_section_6_9()
        {
            ClientScript s = ClientScript.Connected();
            Ok(s.Client.Subscribe(SnTopicIdType.Short, 0x6162, 0, s.Now, out _msgId));
            s.Expect("07 12 02 00 01 61 62");
            s.Receive("08 13 00 61 62 00 01 00");
            Ok(s.Client.Unsubscribe(SnTopicIdType.Short, 0x6162, s.Now, out _msgId));
            s.Expect("07 14 02 00 02 61 62");
            s.Receive("04 15 00 02");
            Assert.AreEqual(1, s.Events.Unsubscribed);
        }

        [TestMethod]
        public void A_received_qos1_PUBLISH_is_delivered_and_acknowledged_section_6_6()
        {
            ClientScript s = ClientScript.Connected();
            s.Receive("09 0A 00 07 00 09 78 2F 79");
            s.Expect("07 0B 00 07 00 09 00");
            s.Receive("08 0C 20 00 07 00 0A 33");
            Assert.AreEqual(1, s.Events.Messages);
            Assert.AreEqual(7, s.Events.LastTopicId);
            Assert.AreEqual(0x33, s.Events.LastFirstOctet);
            s.Expect("07 0D 00 07 00 0A 00");
        }

        [TestMethod]
        public void A_PUBLISH_for_an_unknown_topic_id_is_refused_with_PUBACK_0x02_section_6_10()
        {
            ClientScript s = ClientScript.Connected();
            s.Receive("08 0C 20 00 63 00 0B 33");
            Assert.AreEqual(0, s.Events.Messages);
            s.Expect("07 0D 00 63 00 0B 02");
        }

        [TestMethod]
        public void A_qos2_PUBLISH_sent_twice_is_delivered_once_section_6_7()
        {
            ClientScript s = ClientScript.Connected();
            s.Receive("08 0C 41 00 01 00 0C 33");
            s.Expect("04 0F 00 0C");
            s.Receive("08 0C C1 00 01 00 0C 33");
            s.Expect("04 0F 00 0C");
            Assert.AreEqual(1, s.Events.Messages);
            s.Receive("04 10 00 0C");
            s.Expect("04 0E 00 0C");
            s.Receive("08 0C 41 00 01 00 0C 34");
            Assert.AreEqual(2, s.Events.Messages);
        }

        [TestMethod]
        public void An_unanswered_PUBLISH_is_re_sent_with_DUP_then_the_gateway_is_lost_section_6_13()
        {
            ClientScript s = Registered();
            byte[] data = Hex.Parse("01");
            Ok(s.Client.Publish(1, SnTopicIdType.Normal, 5, false, data, 0, 1, s.Now, out _msgId));
            s.Expect("08 0C 20 00 05 00 02 01");
            s.Advance(ClientScript.RetryMs - 1);
            s.ExpectNothing();
            s.Advance(1);
            s.Expect("08 0C A0 00 05 00 02 01");
            s.Advance(ClientScript.RetryMs);
            s.Expect("08 0C A0 00 05 00 02 01");
            s.Advance(ClientScript.RetryMs);
            Assert.AreEqual(1, s.Events.Completed);
            Assert.AreEqual(Nano.MqttSn.Client.SnClient.NoResponse, s.Events.LastCompletedReturnCode);
            Assert.AreEqual((int)SnDisconnectReason.Lost, (int)s.Events.LastReason);
            Assert.AreEqual((int)SnClientState.Disconnected, (int)s.Client.State);
        }

        [TestMethod]
        public void Keep_alive_sends_PINGREQ_after_the_period_without_traffic_section_6_11()
        {
            ClientScript s = ClientScript.Connected();
            s.Advance(59999);
            s.ExpectNothing();
            s.Advance(1);
            s.Expect("02 16");
            s.Receive("02 17");
            s.Advance(ClientScript.RetryMs);
            s.ExpectNothing();
            Assert.AreEqual((int)SnClientState.Active, (int)s.Client.State);
        }

        [TestMethod]
        public void Unanswered_PINGREQs_lose_the_gateway_section_6_11()
        {
            ClientScript s = ClientScript.Connected();
            s.Advance(60000);
            s.Expect("02 16");
            s.Advance(ClientScript.RetryMs);
            s.Expect("02 16");
            s.Advance(ClientScript.RetryMs);
            s.Expect("02 16");
            s.Advance(ClientScript.RetryMs);
            Assert.AreEqual((int)SnDisconnectReason.Lost, (int)s.Events.LastReason);
        }

        [TestMethod]
        public void Sleep_cycle_wakes_receives_the_buffered_message_and_sleeps_again_section_6_14()
        {
            ClientScript s = ClientScript.Connected();
            s.Receive("09 0A 00 07 00 09 78 2F 79");
            s.Next();
            Ok(s.Client.Sleep(600, s.Now));
            s.Expect("04 18 02 58");
            s.Receive("02 18");
            Assert.AreEqual((int)SnClientState.Asleep, (int)s.Client.State);
            Assert.AreEqual(1, s.Events.Asleep);

            s.Now += 600000;
            Ok(s.Client.Wake(s.Now));
            s.Expect("04 16 6E 31");
            Assert.AreEqual((int)SnClientState.Awake, (int)s.Client.State);
            s.Receive("08 0C 00 00 07 00 00 35");
            Assert.AreEqual(1, s.Events.Messages);
            s.Receive("02 17");
            Assert.AreEqual((int)SnClientState.Asleep, (int)s.Client.State);
            Assert.AreEqual(2, s.Events.Asleep);
        }

        [TestMethod]
        public void A_wake_without_PINGRESP_goes_back_to_sleep_after_the_retries_section_6_14()
        {
            ClientScript s = ClientScript.Connected();
            Ok(s.Client.Sleep(60, s.Now));
            s.Next();
            s.Receive("02 18");
            Ok(s.Client.Wake(s.Now));
            s.Expect("04 16 6E 31");
            s.Advance(ClientScript.RetryMs);
            s.Expect("04 16 6E 31");
            s.Advance(ClientScript.RetryMs);
            s.Expect("04 16 6E 31");
            s.Advance(ClientScript.RetryMs);
            Assert.AreEqual((int)SnClientState.Asleep, (int)s.Client.State);
            Assert.AreEqual(0, s.Events.Disconnected);
        }

        [TestMethod]
        public void Disconnect_ends_with_the_gateway_DISCONNECT_section_6_12()
        {
            ClientScript s = ClientScript.Connected();
            Ok(s.Client.Disconnect(s.Now));
            s.Expect("02 18");
            Assert.AreEqual((int)SnClientState.Disconnecting, (int)s.Client.State);
            s.Receive("02 18");
            Assert.AreEqual((int)SnDisconnectReason.Requested, (int)s.Events.LastReason);
            Assert.AreEqual((int)SnClientState.Disconnected, (int)s.Client.State);
        }

        [TestMethod]
        public void Discovery_broadcasts_SEARCHGW_and_stops_at_ADVERTISE_section_6_1()
        {
            ClientScript s = new ClientScript(false);
            s.Client.StartSearch(s.Now);
            s.Advance(0);
            s.ExpectBroadcast("03 01 01");
            s.Advance(4999);
            s.ExpectNothing();
            s.Advance(1);
            s.ExpectBroadcast("03 01 01");
            s.Receive("05 00 07 03 84");
            Assert.AreEqual(7, s.Client.GatewayId);
            Assert.IsFalse(s.Client.Searching);
            s.Advance(20000);
            s.ExpectNothing();
        }

        [TestMethod]
        public void A_malformed_datagram_is_counted_and_changes_nothing()
        {
            ClientScript s = ClientScript.Connected();
            byte[] b = Hex.Parse("07 0C 03 00 01 00 00");
            Assert.AreEqual((int)SnError.ReservedTopicIdType, (int)s.Client.Receive(b, 0, b.Length, s.Now));
            Assert.AreEqual(1, s.Client.MalformedDatagrams);
            Assert.AreEqual((int)SnClientState.Active, (int)s.Client.State);
        }
    }
}
