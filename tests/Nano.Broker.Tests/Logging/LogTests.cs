using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Broker.Tests.RealPeer;
using Nano.Host;

namespace Nano.Broker.Tests.Logging
{
    /// <summary>The host's Mosquitto-like log lines for each named event, produced by MQTTnet and raw-socket clients
    /// against the real host and listener.</summary>
    [TestClass]
    public sealed class LogTests
    {
        private static readonly Regex Stamp = new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (error|warning|notice|information|debug|subscribe|unsubscribe): ");

        private static TestBroker Start(LogCapture log, Action<HostOptions> configure = null, params string[] types)
        {
            return new TestBroker(o =>
            {
                o.Log.Destinations.Add(log);
                foreach (string type in types)
                {
                    Assert.IsTrue(o.Log.AddType(type, out string error), error);
                }
                configure?.Invoke(o);
            });
        }

        private static string TempFile(string text)
        {
            string path = Path.GetTempFileName();
            File.WriteAllText(path, text);
            return path;
        }

        [TestMethod]
        public async Task Connect_and_clean_disconnect_are_logged_with_address_client_id_flags_and_user()
        {
            var log = new LogCapture();
            using TestBroker broker = Start(log);
            await using (MqttPeer peer = await broker.ConnectAsync("logger-1", MqttProtocolVersion.V311,
                configure: b => b.WithCredentials("carol", "pw").WithKeepAlivePeriod(TimeSpan.FromSeconds(30))))
            {
                string connected = await log.WaitForAsync("notice: New client connected from 127.0.0.1:", " as logger-1 (p4, c1, k30, u'carol').");
                Assert.MatchesRegex(Stamp, connected);
            }
            Assert.MatchesRegex(Stamp, await log.WaitForAsync("notice: Client logger-1 disconnected."));
            Assert.IsTrue(log.Any(BrokerEngineVersion() + " running, listening on 127.0.0.1:"), "start-up line at information");
        }

        private static string BrokerEngineVersion() => Nano.Mqtt.Broker.BrokerEngine.Version;

        [TestMethod]
        public async Task Keep_alive_timeout_and_lost_connection_with_Will_are_logged()
        {
            var log = new LogCapture();
            using TestBroker broker = Start(log);
            using (var silent = new RawMqttClient(broker.Port))
            {
                silent.Send(Packets.Connect("sleepy", keepAlive: 1));
                Assert.AreEqual(0x20, silent.ReadPacket()[0]);
                await log.WaitForAsync("notice: Client sleepy has exceeded timeout, disconnecting.");
            }
            using (var dying = new RawMqttClient(broker.Port))
            {
                dying.Send(Packets.Connect("dying", willTopic: "status/dying", willMessage: Encoding.UTF8.GetBytes("gone")));
                Assert.AreEqual(0x20, dying.ReadPacket()[0]);
                dying.Kill();
                await log.WaitForAsync("notice: Client dying closed its connection.");
                await log.WaitForAsync("notice: Will of client dying published to 'status/dying'.");
            }
        }

        [TestMethod]
        public async Task Protocol_error_is_logged_with_its_reason()
        {
            var log = new LogCapture();
            using TestBroker broker = Start(log);
            using var raw = new RawMqttClient(broker.Port);
            raw.Send(Packets.Connect("rude"));
            Assert.AreEqual(0x20, raw.ReadPacket()[0]);
            raw.Send(new byte[] { 0x36, 0x05, 0x00, 0x01, (byte)'t', 0x00, 0x01 }); // PUBLISH with QoS 3 [MQTT-3.3.1-4]
            Assert.IsTrue(raw.WaitForClose());
            await log.WaitForAsync("notice: Client rude disconnected due to protocol error: PublishQos3.");
        }

        [TestMethod]
        public async Task Auth_failure_refusal_and_takeover_are_logged()
        {
            var log = new LogCapture();
            string passwords = TempFile(PasswordFile.HashLine("alice", "alice-pw", 10) + "\n");
            try
            {
                using TestBroker broker = Start(log, o => o.Authenticator = PasswordFile.Load(passwords, out _));
                using (IMqttClient wrong = new MqttClientFactory().CreateMqttClient())
                {
                    try
                    {
                        MqttClientConnectResult result = await wrong.ConnectAsync(broker.Options("intruder", MqttProtocolVersion.V311)
                            .WithCredentials("alice", "guess").Build()).WaitAsync(TestBroker.Timeout);
                        Assert.AreEqual(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
                    }
                    catch (MQTTnet.Adapter.MqttConnectingFailedException)
                    {
                        Assert.IsFalse(wrong.IsConnected);
                    }
                }
                await log.WaitForAsync("notice: Client intruder from 127.0.0.1:", " disconnected, bad user name or password (CONNACK 4) (u'alice').");

                using (var raw = new RawMqttClient(broker.Port))
                {
                    raw.Send(Packets.Connect("", clean: false));
                    Assert.AreEqual(2, raw.ReadPacket()[3]);
                    await log.WaitForAsync("notice: Client <unknown> from 127.0.0.1:", " refused: identifier rejected (CONNACK 2).");
                }

                await using MqttPeer first = await broker.ConnectAsync("twin", MqttProtocolVersion.V311, configure: b => b.WithCredentials("alice", "alice-pw"));
                await using MqttPeer second = await broker.ConnectAsync("twin", MqttProtocolVersion.V311, configure: b => b.WithCredentials("alice", "alice-pw"));
                await log.WaitForAsync("notice: Client twin already connected, closing old connection.");
            }
            finally
            {
                File.Delete(passwords);
            }
        }

        [TestMethod]
        public async Task ACL_denials_of_publish_and_subscribe_are_logged_with_the_topic()
        {
            var log = new LogCapture();
            string acl = TempFile("topic read public/#\n");
            try
            {
                using TestBroker broker = Start(log, o => o.Acl = HostOptionsParser.LoadAcl(acl, out _));
                await using MqttPeer peer = await broker.ConnectAsync("curious", MqttProtocolVersion.V311);
                await peer.SubscribeAsync("private/#", MqttQualityOfServiceLevel.AtLeastOnce, MqttClientSubscribeResultCode.UnspecifiedError);
                await log.WaitForAsync("notice: Denied SUBSCRIBE from curious to 'private/#'.");
                await peer.PublishAsync("public/news", "x", MqttQualityOfServiceLevel.AtLeastOnce);
                await log.WaitForAsync("notice: Denied PUBLISH from curious to 'public/news'.");
            }
            finally
            {
                File.Delete(acl);
            }
        }

        [TestMethod]
        public async Task Queue_full_drop_is_logged_as_a_warning()
        {
            var log = new LogCapture();
            using TestBroker broker = Start(log, o =>
            {
                o.Broker.MaxQueued = 2;
                o.Broker.MaxInflight = 1;
            });
            await using (MqttPeer subscriber = await broker.ConnectAsync("away", MqttProtocolVersion.V311, clean: false))
            {
                await subscriber.SubscribeAsync("queue/#", MqttQualityOfServiceLevel.AtLeastOnce);
            }
            await using MqttPeer publisher = await broker.ConnectAsync("busy", MqttProtocolVersion.V311);
            for (int i = 0; i < 5; i++)
            {
                await publisher.PublishAsync("queue/item", "m" + i, MqttQualityOfServiceLevel.AtLeastOnce);
            }
            await log.WaitForAsync("warning: Outgoing messages are being dropped for client away (queue full; 'queue/item', QoS 1).");
        }

        [TestMethod]
        public async Task Subscribe_and_unsubscribe_lines_appear_only_with_their_log_types()
        {
            var quiet = new LogCapture();
            var chatty = new LogCapture();
            using (TestBroker broker = Start(quiet))
            {
                await using MqttPeer peer = await broker.ConnectAsync("s1", MqttProtocolVersion.V311);
                await peer.SubscribeAsync("a/+", MqttQualityOfServiceLevel.AtLeastOnce);
                await peer.Client.UnsubscribeAsync("a/+").WaitAsync(TestBroker.Timeout);
                await peer.Client.DisconnectAsync();
                await quiet.WaitForAsync("Client s1 disconnected.");
            }
            Assert.IsFalse(quiet.Any("subscribe:"), "subscribe is not a default log type");
            using (TestBroker broker = Start(chatty, null, "subscribe", "unsubscribe"))
            {
                await using MqttPeer peer = await broker.ConnectAsync("s1", MqttProtocolVersion.V311);
                await peer.SubscribeAsync("a/+", MqttQualityOfServiceLevel.AtLeastOnce);
                await chatty.WaitForAsync("subscribe: s1 1 a/+");
                await peer.Client.UnsubscribeAsync("a/+").WaitAsync(TestBroker.Timeout);
                await chatty.WaitForAsync("unsubscribe: s1 a/+");
            }
            Assert.IsFalse(chatty.Any("notice:"), "the first log_type replaces the default set");
        }

        [TestMethod]
        public async Task Connection_messages_false_hides_connects_but_not_timeouts()
        {
            var log = new LogCapture();
            using TestBroker broker = Start(log, o => o.Log.ConnectionMessages = false);
            await using (MqttPeer peer = await broker.ConnectAsync("hidden", MqttProtocolVersion.V311))
            {
            }
            using (var silent = new RawMqttClient(broker.Port))
            {
                silent.Send(Packets.Connect("sleepy", keepAlive: 1));
                Assert.AreEqual(0x20, silent.ReadPacket()[0]);
                await log.WaitForAsync("Client sleepy has exceeded timeout");
            }
            Assert.IsFalse(log.Any("New client connected"));
            Assert.IsFalse(log.Any("Client hidden disconnected."));
        }

        [TestMethod]
        public async Task Log_options_from_a_config_file_write_to_a_log_file()
        {
            string logPath = Path.GetTempFileName();
            string config = TempFile("port 0\nsys_interval 0\nlog_dest file " + logPath + "\nlog_type notice\nconnection_messages true\n");
            try
            {
                Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(new[] { "-c", config, "--sn_port", "0" }, out HostOptions options, out string error), error);
                Assert.AreEqual(LogTypes.Notice, options.Log.Types);
                using (var host = new BrokerHost(options))
                {
                    host.Start();
                    using var raw = new RawMqttClient(host.Port);
                    raw.Send(Packets.Connect("to-file"));
                    Assert.AreEqual(0x20, raw.ReadPacket()[0]);
                    raw.Send(Packets.Disconnect);
                    Assert.IsTrue(raw.WaitForClose());
                    await TestBroker.WaitUntilAsync(() => ReadShared(logPath).Contains("notice: Client to-file disconnected.", StringComparison.Ordinal), "the file line");
                }
                string text = ReadShared(logPath);
                StringAssert.Contains(text, " as to-file (p4, c1, k0).");
                Assert.IsFalse(text.Contains("information:", StringComparison.Ordinal), "only notice was asked for");
            }
            finally
            {
                File.Delete(config);
                File.Delete(logPath);
            }
        }

        [TestMethod]
        public void Bad_log_options_are_refused_with_the_accepted_values()
        {
            Assert.AreEqual(ParseOutcome.Error, HostOptionsParser.Parse(new[] { "--log_type", "verbose" }, out _, out string error));
            StringAssert.Contains(error, "error, warning, notice, information, debug, subscribe, unsubscribe, all or none");
            Assert.AreEqual(ParseOutcome.Error, HostOptionsParser.Parse(new[] { "--log_dest", "syslog" }, out _, out error));
            StringAssert.Contains(error, "stdout, stderr or 'file <path>'");
            Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(new[] { "--log_type", "none", "--log_dest", "stdout" }, out HostOptions o, out error), error);
            Assert.AreEqual(LogTypes.None, o.Log.Types);
        }

        private static string ReadShared(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
