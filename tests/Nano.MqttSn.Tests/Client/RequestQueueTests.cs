using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Tests.Client
{
    /// <summary>Requests made while one is outstanding wait in order; a PUBLISH to a topic name registers it first;
    /// received messages carry their topic names; Abort; options refused with a message naming them.</summary>
    [TestClass]
    public class RequestQueueTests
    {
        private static readonly byte[] Hi = Bytes.Ascii("hi");
        private static readonly byte[] AB = Bytes.Ascii("a/b");

        [TestMethod]
        public void Publish_to_a_name_sends_REGISTER_then_the_PUBLISH_with_the_granted_id_section_6_5()
        {
            var g = new ScriptedGateway();
            g.Connected();
            Assert.AreEqual(SnClientResult.Ok, g.Client.Publish(1, AB, 0, 3, false, Hi, 0, 2, g.Now, out int msgId));
            Assert.AreEqual(2, msgId, "REGISTER took MsgId 1");
            Assert.AreEqual(SnClientResult.Ok, g.Client.Publish(1, AB, 0, 3, false, Hi, 0, 2, g.Now, out int second));
            Assert.AreEqual(3, second);
            Assert.AreEqual("09 0A 00 00 00 01 61 2F 62", g.Out());
            Assert.AreEqual(string.Empty, g.Out(), "the PUBLISHes wait for REGACK");
            g.In("07 0B 00 05 00 01 00");
            Assert.AreEqual("registered 1 5 0", g.Events.Take());
            Assert.AreEqual("09 0C 20 00 05 00 02 68 69", g.Out());
            g.In("07 0D 00 05 00 02 00");
            Assert.AreEqual("09 0C 20 00 05 00 03 68 69", g.Out(), "one REGISTER served both");
            g.In("07 0D 00 05 00 03 00");
            Assert.AreEqual("published 2 0 | published 3 0", g.Events.Take());
        }

        [TestMethod]
        public void Requests_made_while_one_is_outstanding_go_out_in_order()
        {
            var g = new ScriptedGateway();
            g.Connected();
            Assert.AreEqual(SnClientResult.Ok, g.Client.Publish(1, SnTopicIdType.Predefined, 9, false, Hi, 0, 2, g.Now, out _));
            Assert.AreEqual(SnClientResult.Ok, g.Client.Subscribe(AB, 0, 3, 1, g.Now, out _));
            Assert.AreEqual(SnClientResult.Ok, g.Client.Register(Bytes.Ascii("c"), 0, 1, g.Now, out _));
            Assert.AreEqual("09 0C 21 00 09 00 01 68 69", g.Out());
            Assert.AreEqual(string.Empty, g.Out());
            g.In("07 0D 00 09 00 01 00");
            Assert.AreEqual("08 12 20 00 02 61 2F 62", g.Out());
            g.In("08 13 20 00 06 00 02 00");
            Assert.AreEqual("07 0A 00 00 00 03 63", g.Out());
            Assert.AreEqual("published 1 0 | subscribed 2 qos1 6 0", g.Events.Take());
        }

        [TestMethod]
        public void The_queue_is_a_fixed_budget_QueueFull_beyond_it()
        {
            var o = ScriptedGateway.Options();
            o.MaxQueuedRequests = 1;
            var g = new ScriptedGateway(o);
            g.Connected();
            Assert.AreEqual(SnClientResult.Ok, g.Client.Publish(1, AB, 0, 3, false, Hi, 0, 2, g.Now, out _));
            Assert.AreEqual(SnClientResult.QueueFull, g.Client.Publish(1, Bytes.Ascii("x"), 0, 1, false, Hi, 0, 2, g.Now, out _));
            Assert.AreEqual(SnClientResult.QueueFull, g.Client.Register(Bytes.Ascii("x"), 0, 1, g.Now, out _));
            Assert.AreEqual("09 0A 00 00 00 01 61 2F 62", g.Out());
        }

        [TestMethod]
        public void A_PUBLISH_to_a_name_whose_REGISTER_is_refused_completes_with_invalid_topic_id()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.Client.Publish(2, AB, 0, 3, false, Hi, 0, 2, g.Now, out int msgId);
            g.Out();
            g.In("07 0B 00 00 00 01 03");
            Assert.AreEqual("registered 1 0 3 | published 2 2", g.Events.Take());
            Assert.AreEqual(string.Empty, g.Out());
        }

        [TestMethod]
        public void Received_messages_carry_the_registered_predefined_or_short_topic_name_section_3_sections_6_10()
        {
            var o = ScriptedGateway.Options();
            o.MaxPredefinedTopics = 2;
            var g = new ScriptedGateway(o);
            Assert.IsTrue(g.Client.DefineTopic(9, "pre/x"));
            Assert.IsFalse(g.Client.DefineTopic(10, "bad/#"), "a wildcard is no topic name");
            g.Connected();
            g.In("09 0A 00 07 00 01 61 2F 63");
            Assert.AreEqual("07 0B 00 07 00 01 00", g.Out());
            g.In("09 0C 00 00 07 00 00 68 69");
            Assert.AreEqual("a/c", g.Events.LastTopicName);
            g.In("09 0C 01 00 09 00 00 68 69");
            Assert.AreEqual("pre/x", g.Events.LastTopicName);
            g.In("09 0C 01 00 0A 00 00 68 69");
            Assert.IsNull(g.Events.LastTopicName, "a predefined id never named");
            g.In("09 0C 02 61 62 00 00 68 69");
            Assert.AreEqual("ab", g.Events.LastTopicName);
            Assert.AreEqual(SnClientResult.Ok, g.Client.Publish(0, Bytes.Ascii("pre/x"), 0, 5, false, Hi, 0, 2, g.Now, out _));
            Assert.AreEqual("09 0C 01 00 09 00 00 68 69", g.Out(), "a predefined name goes out with its id");
        }

        [TestMethod]
        public void Abort_goes_silent_and_reports_the_requests_outstanding_and_waiting()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.Client.Publish(1, SnTopicIdType.Predefined, 9, false, Hi, 0, 2, g.Now, out _);
            g.Client.Register(AB, 0, 3, g.Now, out _);
            g.Client.Abort();
            Assert.AreEqual(string.Empty, g.Out(), "no DISCONNECT, nothing left to send");
            Assert.AreEqual("published 1 -1 | registered 2 0 -1 | disconnected Aborted 0", g.Events.Take());
            Assert.AreEqual(SnClientState.Disconnected, g.Client.State);
            g.Advance(60000);
            Assert.AreEqual(string.Empty, g.Out());
        }

        [TestMethod]
        public void Default_options_construct_and_bad_ones_are_refused_with_the_option_named()
        {
            Assert.AreEqual("nano-sn", new SnClientOptions().ClientId);
            Assert.IsNotNull(new SnClient(new SnClientOptions(), new EventLog()));
            StringAssert.Contains(Refused(o => o.ClientId = ""), "SnClientOptions.ClientId must be 1 to 23 octets");
            StringAssert.Contains(Refused(o => o.ClientId = null), "SnClientOptions.ClientId");
            StringAssert.Contains(Refused(o => o.ClientId = new string('x', 24)), "SnClientOptions.ClientId");
            StringAssert.Contains(Refused(o => o.MaxPacketSize = 16), "SnClientOptions.MaxPacketSize must be at least 32");
            StringAssert.Contains(Refused(o => o.MaxQueuedRequests = -1), "SnClientOptions.MaxQueuedRequests");
            StringAssert.Contains(Refused(o => o.KeepAliveSeconds = 70000), "SnClientOptions.KeepAliveSeconds");
        }

        private static string Refused(Action<SnClientOptions> change)
        {
            var o = new SnClientOptions();
            change(o);
            var e = Assert.ThrowsExactly<ArgumentException>(() => new SnClient(o, new EventLog()));
            return e.Message;
        }
    }
}
