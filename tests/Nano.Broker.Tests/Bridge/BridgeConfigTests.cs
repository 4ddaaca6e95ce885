using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Host;
using Nano.Mqtt.Bridge;

namespace Nano.Broker.Tests.Bridge
{
    /// <summary>The bridge vocabulary of the host's configuration file (Mosquitto's <c>connection</c> blocks).</summary>
    [TestClass]
    public sealed class BridgeConfigTests
    {
        private static ParseOutcome Parse(string text, out HostOptions options, out string error, out string path)
        {
            path = Path.GetTempFileName();
            File.WriteAllText(path, text);
            try
            {
                return HostOptionsParser.Parse(new[] { "-c", path }, out options, out error);
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static string Error(string text)
        {
            Assert.AreEqual(ParseOutcome.Error, Parse(text, out _, out string error, out string path));
            Assert.StartsWith(path, error, "the error names the file");
            return error.Substring(path.Length);
        }

        [TestMethod]
        public void Every_bridge_key_is_read_into_its_bridge_and_several_bridges_coexist()
        {
            Assert.AreEqual(ParseOutcome.Run, Parse(
                "max_inflight_messages 5\nmax_queued_messages 50\n"
                + "connection cloud\naddress broker.example.com:8883 backup.example.com\n"
                + "topic sensors/# out 1 site/ cloud/site1/\ntopic cmd/# in 2 \"\" cloud/site1/\n"
                + "cleansession true\nlocal_clientid edge.local\nremote_clientid edge1\nremote_username u\nremote_password p\n"
                + "local_username lu\nlocal_password lp\nkeepalive_interval 30\nrestart_timeout 2 60\nbridge_protocol_version mqttv31\n"
                + "try_private false\nnotifications false\nnotification_topic edge/state\nbridge_insecure false\nstart_type lazy\n"
                + "bridge_max_packet_size 2048\nbridge_connect_timeout 4\n"
                + "connection second\naddress 10.0.0.2\ntopic # both 0\nrestart_timeout 7\nstart_type once\n"
                + "port 0\n", out HostOptions o, out string error, out _), error);
            Assert.HasCount(2, o.Bridges);
            BridgeConfig cloud = o.Bridges[0];
            CollectionAssert.AreEqual(new[] { "broker.example.com", "backup.example.com" }, cloud.Hosts);
            CollectionAssert.AreEqual(new[] { 8883, 1883 }, cloud.Ports);
            BridgeOptions b = cloud.Options;
            Assert.AreEqual("cloud", b.Name);
            Assert.AreEqual(2, b.TopicCount);
            Assert.AreEqual(BridgeDirection.Out, b.Topic(0).Direction);
            Assert.AreEqual("site/sensors/#", System.Text.Encoding.UTF8.GetString(b.Topic(0).LocalFilter));
            Assert.AreEqual("cloud/site1/sensors/#", System.Text.Encoding.UTF8.GetString(b.Topic(0).RemoteFilter));
            Assert.AreEqual("cmd/#", System.Text.Encoding.UTF8.GetString(b.Topic(1).LocalFilter));
            Assert.AreEqual(2, b.Topic(1).Qos);
            Assert.IsTrue(b.Remote.CleanSession);
            Assert.AreEqual("edge.local", b.LocalClientId);
            Assert.AreEqual("edge1", b.Remote.ClientId);
            Assert.AreEqual("u", b.Remote.UserName);
            Assert.AreEqual("p", b.Remote.Password);
            Assert.AreEqual("lu", b.LocalUserName);
            Assert.AreEqual("lp", b.LocalPassword);
            Assert.AreEqual(30, b.Remote.KeepAliveSeconds);
            Assert.AreEqual(2000, b.Remote.ReconnectMinMs);
            Assert.AreEqual(60000, b.Remote.ReconnectMaxMs);
            Assert.AreEqual(Nano.Mqtt.ProtocolLevel.V31, b.Remote.ProtocolLevel);
            Assert.IsFalse(b.TryPrivate);
            Assert.IsFalse(b.Notifications);
            Assert.AreEqual("edge/state", b.StateTopic);
            Assert.AreEqual(BridgeStartType.Lazy, b.StartType);
            Assert.AreEqual(2048, b.Remote.MaxPacketSize);
            Assert.AreEqual(4000, b.Remote.ConnectTimeoutMs);
            Assert.AreEqual(5, b.Remote.InflightWindow, "the budget follows max_inflight_messages");
            Assert.AreEqual(50, b.Remote.MaxQueued, "and max_queued_messages");
            BridgeOptions second = o.Bridges[1].Options;
            Assert.AreEqual("second", second.Remote.ClientId, "remote_clientid defaults to the connection name");
            Assert.IsFalse(second.Remote.CleanSession, "cleansession defaults to false, as in Mosquitto");
            Assert.AreEqual(7000, second.Remote.ReconnectMinMs);
            Assert.AreEqual(7000, second.Remote.ReconnectMaxMs, "one value is a constant delay");
            Assert.AreEqual(BridgeStartType.Once, second.StartType);
            Assert.AreEqual(10000, second.Remote.ConnectTimeoutMs, "bridge_connect_timeout defaults to 10 s");
            Assert.AreEqual("$SYS/broker/connection/second/state", second.StateTopic);
        }

        [TestMethod]
        [DataRow("connection b\naddress h\ntopic t out 1\nbridge_colour red\n", ":4: unknown option 'bridge_colour'")]
        [DataRow("address h\n", ":1: address: must follow a 'connection <name>' line")]
        [DataRow("connection b\naddress h:99999\ntopic t\n", ":2: address: expected a whole number from 1 to 65535, got '99999'")]
        [DataRow("connection b\naddress h\ntopic t sideways\n", ":3: topic: expected in, out or both, got 'sideways'")]
        [DataRow("connection b\naddress h\ntopic t out 3\n", ":3: topic: expected a whole number from 0 to 2, got '3'")]
        [DataRow("connection b\naddress h\ntopic t out 1 a/+/ b/\n", ":3: topic: a prefix must not contain + or #")]
        [DataRow("connection b\naddress h\ntopic \"\" out 1 a/\n", ":3: topic: an empty pattern needs both a local and a remote prefix")]
        [DataRow("connection b\naddress h\ntopic a/#/b\n", ":3: topic: prefix + pattern is not a valid topic filter")]
        [DataRow("connection b\naddress h\ntopic t\nbridge_protocol_version mqttv50\n", ":4: bridge_protocol_version: expected mqttv31 or mqttv311, got 'mqttv50'")]
        [DataRow("connection b\naddress h\ntopic t\nstart_type sometimes\n", ":4: start_type: expected automatic, lazy or once, got 'sometimes'")]
        [DataRow("connection b\naddress h\ntopic t\nrestart_timeout 10 5\n", ":4: restart_timeout: expected a whole number from 10 to 2147483, got '5'")]
        [DataRow("connection b\naddress h\ntopic t\ntry_private maybe\n", ":4: try_private: expected true or false, got 'maybe'")]
        [DataRow("connection b\naddress h\ntopic t\nbridge_connect_timeout 0\n", ":4: bridge_connect_timeout: expected a whole number from 1 to 2147483, got '0'")]
        [DataRow("connection b\naddress h\ntopic t\nconnection b\n", ":4: connection: a connection named 'b' is already defined")]
        [DataRow("connection a/b\n", ":1: connection: expected a name without spaces, '/', '+' or '#'")]
        public void A_malformed_bridge_line_is_an_error_naming_file_and_line(string text, string expected)
        {
            Assert.AreEqual(expected, Error(text));
        }

        [TestMethod]
        public void A_bridge_without_an_address_or_a_topic_is_refused()
        {
            Assert.AreEqual(ParseOutcome.Error, Parse("connection b\ntopic t\n", out _, out string error, out _));
            Assert.AreEqual("connection b: no address", error);
            Assert.AreEqual(ParseOutcome.Error, Parse("connection b\naddress h\n", out _, out error, out _));
            Assert.AreEqual("connection b: no topic", error);
            Assert.AreEqual(ParseOutcome.Error, Parse("connection b\naddress h\ntopic t\nbridge_cafile /nonexistent/ca.pem\n", out _, out error, out _));
            StringAssert.StartsWith(error, "connection b: cannot load bridge_cafile");
        }
    }
}
