using System.IO;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Host;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>Every limit is an option shown in --help with its default, and the option changes what a client meets.</summary>
    [TestClass]
    public sealed class HostLimitsTests
    {
        [TestMethod]
        [DataRow("max_subscriptions_per_client", "64")]
        [DataRow("max_sessions", "4096")]
        [DataRow("max_topic_levels", "0")]
        [DataRow("max_awaiting_release", "65535")]
        [DataRow("connect_timeout", "10")]
        [DataRow("max_handshakes", "64")]
        [DataRow("handshake_timeout", "10")]
        [DataRow("password_hash_steps", "2000")]
        public void Help_lists_the_limit_with_its_default(string name, string value)
        {
            string line = System.Array.Find(HostOptionsParser.Usage.Split('\n'), l => l.TrimStart().StartsWith("--" + name + " ", System.StringComparison.Ordinal));
            Assert.IsNotNull(line, name + " is not in --help");
            StringAssert.EndsWith(line, "(default " + value + ")");
        }

        [TestMethod]
        public void Limits_are_read_from_the_command_line_and_the_config_file_and_checked()
        {
            string config = Path.GetTempFileName();
            try
            {
                File.WriteAllText(config, "max_subscriptions_per_client 3\nconnect_timeout 2\nmax_handshakes 5\n");
                Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(new[] { "-c", config, "--max_qos", "1" }, out HostOptions o, out string error), error);
                Assert.AreEqual(3, o.Broker.MaxSubscriptionsPerClient);
                Assert.AreEqual(2000, o.Broker.ConnectTimeoutMs);
                Assert.AreEqual(5, o.MaxHandshakes);
                Assert.AreEqual(1, o.Broker.MaxQos);
                Assert.AreEqual(ParseOutcome.Error, HostOptionsParser.Parse(new[] { "--max_qos", "3" }, out _, out error));
                StringAssert.Contains(error, "expected a whole number from 0 to 2, got '3'");
            }
            finally
            {
                File.Delete(config);
            }
        }

        [TestMethod]
        public async Task The_per_client_subscription_limit_option_gives_0x80_to_the_filter_beyond_it()
        {
            Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(new[] { "--max_subscriptions_per_client", "2" }, out HostOptions parsed, out string error), error);
            using var broker = new TestBroker(o => o.Broker.MaxSubscriptionsPerClient = parsed.Broker.MaxSubscriptionsPerClient);
            await using MqttPeer peer = await broker.ConnectAsync("limited", MqttProtocolVersion.V311);
            await peer.SubscribeAsync("a", MqttQualityOfServiceLevel.AtLeastOnce);
            await peer.SubscribeAsync("b", MqttQualityOfServiceLevel.AtLeastOnce);
            await peer.SubscribeAsync("c", MqttQualityOfServiceLevel.AtLeastOnce, MqttClientSubscribeResultCode.UnspecifiedError);
        }
    }
}
