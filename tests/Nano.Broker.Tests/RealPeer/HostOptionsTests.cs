using System;
using System.IO;
using System.Net;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Host;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>The PC host's command line, configuration file, password file and status line.</summary>
    [TestClass]
    public sealed class HostOptionsTests
    {
        private static HostOptions Run(params string[] args)
        {
            Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(args, out HostOptions options, out string error), error);
            return options;
        }

        private static string Error(params string[] args)
        {
            Assert.AreEqual(ParseOutcome.Error, HostOptionsParser.Parse(args, out _, out string error));
            return error;
        }

        [TestMethod]
        public void Defaults_listen_on_loopback_1883_like_Mosquitto_2()
        {
            var o = Run();
            Assert.AreEqual(IPAddress.Loopback, o.Bind);
            Assert.AreEqual(1883, o.Port);
            Assert.IsNull(o.Authenticator);
            Assert.IsTrue(o.Broker.AllowAnonymous);
            Assert.AreEqual(20, o.Broker.MaxInflight);
            Assert.AreEqual(1000, o.Broker.MaxQueued);
            Assert.AreEqual(0L, o.Broker.SessionExpiryMs);
        }

        [TestMethod]
        public void Mosquitto_option_names_set_the_capacity_record()
        {
            var o = Run("--port", "1884", "--bind", "0.0.0.0", "--max_inflight_messages", "5", "--max_queued_messages=7",
                "--max_connections", "9", "--message_size_limit", "4096", "--allow_anonymous", "false", "--sys_interval", "3",
                "--queue_qos0_messages", "true");
            Assert.AreEqual(1884, o.Port);
            Assert.AreEqual(IPAddress.Any, o.Bind);
            Assert.AreEqual(5, o.Broker.MaxInflight);
            Assert.AreEqual(7, o.Broker.MaxQueued);
            Assert.AreEqual(9, o.Broker.MaxConnections);
            Assert.AreEqual(4096, o.Broker.MaxPacketSize);
            Assert.AreEqual(8 << 10, o.Broker.InputBufferSize, "buffers keep their size; the engine bounds them by the limit");
            Assert.AreEqual(4 << 10, o.Broker.OutputBufferSize);
            Assert.IsFalse(o.Broker.AllowAnonymous);
            Assert.AreEqual(3000, o.Broker.SysIntervalMs);
            Assert.IsTrue(o.Broker.QueueQos0);
        }

        [TestMethod]
        public void The_default_message_size_limit_is_every_packet_the_protocol_allows_with_memory_taken_on_demand()
        {
            var o = Run();
            Assert.AreEqual(268_435_455 + 5, o.Broker.MaxPacketSize, "a remaining length of 268,435,455 [MQTT-2.2.3]");
            Assert.AreEqual(1 << 30, o.Broker.MaxMessageMemory);
            Assert.AreEqual(8 << 10, o.Broker.InputBufferSize);
            StringAssert.Contains(HostOptionsParser.Usage, "--max_message_memory <n>");
        }

        [TestMethod]
        public void Queue_full_policy_options_set_the_capacity_record_from_the_command_line_and_a_file()
        {
            var defaults = Run();
            Assert.AreEqual(QueueFullPolicy.Backpressure, defaults.Broker.QueueFullPolicy);
            Assert.AreEqual(0, defaults.Broker.MaxQueuedBytes);
            Assert.AreEqual(10000, defaults.Broker.SlowConsumerTimeoutMs);
            var o = Run("--queue_full_policy", "drop", "--max_queued_bytes", "65536", "--slow_consumer_timeout", "3");
            Assert.AreEqual(QueueFullPolicy.Drop, o.Broker.QueueFullPolicy);
            Assert.AreEqual(65536, o.Broker.MaxQueuedBytes);
            Assert.AreEqual(3000, o.Broker.SlowConsumerTimeoutMs);
            StringAssert.Contains(Error("--queue_full_policy", "block"), "expected backpressure or drop, got 'block'");
            StringAssert.Contains(HostOptionsParser.Usage, "--queue_full_policy backpressure|drop");
            StringAssert.Contains(HostOptionsParser.Usage, "--slow_consumer_timeout <seconds>");
            string config = Path.GetTempFileName();
            try
            {
                File.WriteAllText(config, "queue_full_policy backpressure\nmax_queued_bytes 100\nslow_consumer_timeout 0\n");
                var f = Run("--queue_full_policy", "drop", "-c", config);
                Assert.AreEqual(QueueFullPolicy.Backpressure, f.Broker.QueueFullPolicy);
                Assert.AreEqual(100, f.Broker.MaxQueuedBytes);
                Assert.AreEqual(0, f.Broker.SlowConsumerTimeoutMs);
            }
            finally
            {
                File.Delete(config);
            }
        }

        [TestMethod]
        [DataRow("3600", 3600L * 1000)]
        [DataRow("1h", 3600L * 1000)]
        [DataRow("2d", 2 * 86400L * 1000)]
        [DataRow("1w", 7 * 86400L * 1000)]
        [DataRow("1m", 30 * 86400L * 1000)]
        [DataRow("1y", 365 * 86400L * 1000)]
        public void Persistent_client_expiration_uses_Mosquitto_duration_units(string value, long expectedMs)
        {
            Assert.AreEqual(expectedMs, Run("--persistent_client_expiration", value).Broker.SessionExpiryMs);
        }

        [TestMethod]
        [DataRow("10s")]
        [DataRow("h")]
        [DataRow("-1")]
        [DataRow("")]
        public void Malformed_durations_are_errors(string value)
        {
            StringAssert.Contains(Error("--persistent_client_expiration", value), "persistent_client_expiration");
        }

        [TestMethod]
        public void Unknown_options_and_missing_values_are_errors()
        {
            StringAssert.Contains(Error("--verbose"), "unknown option '--verbose'");
            StringAssert.Contains(Error("extra"), "unknown option 'extra'");
            StringAssert.Contains(Error("--port"), "needs a value");
            StringAssert.Contains(Error("--port", "65536"), "0 to 65535");
            StringAssert.Contains(Error("--allow_anonymous", "yes"), "true or false");
            StringAssert.Contains(Error("--bind", "not-an-address"), "IP address");
            Assert.AreEqual(ParseOutcome.Help, HostOptionsParser.Parse(new[] { "--port", "1", "--help" }, out _, out _));
        }

        [TestMethod]
        public void Config_file_lines_apply_in_order_and_later_options_override()
        {
            string dir = Directory.CreateTempSubdirectory("nano-host").FullName;
            try
            {
                string passwords = Path.Combine(dir, "passwd");
                File.WriteAllText(passwords, "# users\nalice:s3cret\nbob:pa:ss\n");
                string config = Path.Combine(dir, "nano.conf");
                File.WriteAllText(config, "# Nano\n\nlistener 1999 0.0.0.0\nmax_queued_messages 12\n  persistent_client_expiration 1h\npassword_file " + passwords + "\n");

                var o = Run("-c", config, "--port", "2000");
                Assert.AreEqual(2000, o.Port);
                Assert.AreEqual(IPAddress.Any, o.Bind);
                Assert.AreEqual(12, o.Broker.MaxQueued);
                Assert.AreEqual(3600_000L, o.Broker.SessionExpiryMs);
                Assert.AreEqual(2, ((PasswordFile)o.Authenticator).Count);

                File.WriteAllText(config, "port 1\nmax_inflight 3\n");
                StringAssert.Contains(Error("-c", config), "nano.conf:2: unknown option 'max_inflight'");
                StringAssert.Contains(Error("-c", Path.Combine(dir, "missing.conf")), "cannot read configuration file");
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [TestMethod]
        public void Password_file_checks_user_and_password_bytes()
        {
            var file = PasswordFile.Parse("alice:s3cret\r\n\n# comment\nbob:with:colon\n", out string error);
            Assert.IsNull(error);
            Assert.AreEqual(2, file.Count);
            Assert.AreEqual(0, Check(file, "alice", "s3cret"));
            Assert.AreEqual(0, Check(file, "bob", "with:colon"));
            Assert.AreEqual(4, Check(file, "alice", "wrong"));
            Assert.AreEqual(4, Check(file, "alice", null));
            Assert.AreEqual(4, Check(file, "carol", "s3cret"));
            Assert.AreEqual(0, Check(file, null, null), "no user name: left to allow_anonymous");

            Assert.IsNull(PasswordFile.Parse("alice:x\nnocolon\n", out error));
            Assert.AreEqual("line 2: expected user:password", error);
        }

        private static int Check(PasswordFile file, string user, string password)
        {
            var buffer = new byte[64];
            int userLength = user == null ? -1 : Encoding.UTF8.GetBytes(user, 0, user.Length, buffer, 10);
            int passwordLength = password == null ? -1 : Encoding.UTF8.GetBytes(password, 0, password.Length, buffer, 40);
            return file.Authenticate(buffer, 0, 0, 10, userLength, 40, passwordLength);
        }

        [TestMethod]
        public void Status_line_reports_rates_once_a_second_and_only_changes_when_not_a_terminal()
        {
            var output = new StringWriter();
            var status = new StatusLine(output, terminal: false);
            var s = new BrokerStatistics { ClientsConnected = 2 };
            status.Update(0, s);
            s.MessagesReceived = 500;
            s.MessagesSent = 1000;
            status.Update(999, s);
            Assert.AreEqual("", output.ToString(), "less than a second");
            status.Update(1000, s);
            s.DroppedQueueFull = 3;
            status.Update(2000, s);
            status.Update(3000, s);
            Assert.AreEqual(
                "clients 2 | in 500 msg/s | out 1000 msg/s | dropped 0" + Environment.NewLine +
                "clients 2 | in 0 msg/s | out 0 msg/s | dropped 3" + Environment.NewLine,
                output.ToString());

            var terminal = new StringWriter();
            status = new StatusLine(terminal, terminal: true);
            status.Update(0, s);
            status.Update(1000, s);
            status.Finish();
            Assert.AreEqual("\rclients 2 | in 0 msg/s | out 0 msg/s | dropped 3" + Environment.NewLine, terminal.ToString());
        }
    }
}
