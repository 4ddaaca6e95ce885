using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Gateway;

namespace Nano.MqttSn.Tests.Gateway
{
    /// <summary>Predefined topics per client and from the Paho gateway's file format (§6.7), and the keep-alive limit.</summary>
    [TestClass]
    public class GatewayConfigurationTests
    {
        [TestMethod]
        public void The_paho_predefined_topic_format_loads_entries_for_every_client_and_for_one_client()
        {
            var o = GatewayHarness.Options();
            Assert.AreEqual(0, SnPredefinedTopics.Load("# comment\r\n*, a/b ,1\r\n\r\nnode1,node1/cmd,2\n  *,c,65534", o));
            Assert.AreEqual(3, o.PredefinedTopicCount);
        }

        [TestMethod]
        [DataRow("*,a,0", 1, DisplayName = "reserved id 0")]
        [DataRow("*,a,65535", 1, DisplayName = "reserved id 0xFFFF")]
        [DataRow("*,a,x", 1, DisplayName = "id not a number")]
        [DataRow("*,a", 1, DisplayName = "two fields")]
        [DataRow("*,a/#,3", 1, DisplayName = "wildcard topic name")]
        [DataRow(",a,3", 1, DisplayName = "empty ClientId")]
        [DataRow("*,a,1\n*,b,1", 2, DisplayName = "id twice for every client")]
        [DataRow("123456789012345678901234,a,1", 1, DisplayName = "ClientId of 24 octets")]
        public void A_bad_predefined_topic_line_is_reported_by_its_number(string text, int line)
        {
            Assert.AreEqual(line, SnPredefinedTopics.Load(text, GatewayHarness.Options()));
        }

        [TestMethod]
        public void A_clients_own_predefined_id_comes_before_the_one_for_every_client_both_ways()
        {
            var o = GatewayHarness.Options();
            Assert.AreEqual(0, SnPredefinedTopics.Load("*,all/x,5\nnode1,own/x,5", o));
            var h = new GatewayHarness(o);
            MqttPeer app = h.Mqtt("app");
            app.Subscribe("+/x", 0);
            h.Connect("A", "node1");
            h.Connect("B", "node2");
            h.Send("A", Sn.Publish(0, 1, 5, 0, "a"));
            h.Send("B", Sn.Publish(0, 1, 5, 0, "b"));
            h.Drain();
            CollectionAssert.AreEqual(new[] { "own/x=a q0", "all/x=b q0" }, app.Messages());

            h.Send("A", Sn.SubscribeId(0, 1, 7, 5));
            h.Expect("A", "08 13 00 00 05 00 07 00");
            app.Publish("own/x", "to-a", 0);
            h.Expect("A", Sn.Publish(0, 1, 5, 0, "to-a"));
        }

        [TestMethod]
        public void A_connect_asking_for_a_longer_keep_alive_than_allowed_or_none_is_refused_with_not_supported()
        {
            var o = GatewayHarness.Options();
            o.MaxKeepAliveSeconds = 300;
            var h = new GatewayHarness(o);
            h.Send("A", Sn.Connect("slow", 301, true, false));
            h.Expect("A", "03 05 03");
            h.Send("A", Sn.Connect("never", 0, true, false));
            h.Expect("A", "03 05 03");
            h.Connect("A", "ok", 300);
            Assert.AreEqual(2, h.Gateway.Statistics.ConnectsRefused);
            Assert.AreEqual(1, h.Gateway.ClientCount);
        }
    }
}
