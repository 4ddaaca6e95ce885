using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>The real <c>Nano.Host</c> process: start, exchange a message, stop with SIGINT (Ctrl+C) or SIGTERM.</summary>
    [TestClass]
    public sealed class HostProcessTests
    {
        private const int Sigint = 2;
        private const int Sigterm = 15;

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);

        [TestMethod]
        [DataRow(Sigint)]
        [DataRow(Sigterm)]
        public async Task Host_process_serves_MQTTnet_and_exits_0_on_a_stop_signal(int signal)
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                Assert.Inconclusive("signals are sent through libc kill()");
            }
            if (signal == Sigint && SigintIgnored())
            {
                Assert.Inconclusive("this test process was started with SIGINT ignored, and a child inherits that");
            }
            Assert.IsTrue(File.Exists(Path.ChangeExtension(HostDll, ".runtimeconfig.json")), "Nano.Host.runtimeconfig.json beside " + HostDll);

            using var host = Start("--port", "0", "--sys_interval", "0");
            try
            {
                int port = await ListeningPortAsync(host);

                var peer = new MqttPeer();
                await peer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
                    .WithProtocolVersion(MqttProtocolVersion.V311).WithClientId("process").Build());
                await peer.SubscribeAsync("p/t", MqttQualityOfServiceLevel.AtLeastOnce);
                await peer.PublishAsync("p/t", "through the process", MqttQualityOfServiceLevel.AtLeastOnce);
                Assert.AreEqual(new PeerMessage("p/t", "through the process", 1, false, false), await peer.NextAsync());

                Assert.AreEqual(0, Kill(host.Id, signal));
                await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                Assert.AreEqual(0, host.ExitCode, await host.StandardError.ReadToEndAsync());
                string rest = await host.StandardOutput.ReadToEndAsync();
                StringAssert.EndsWith(rest, "Nano broker stopped" + Environment.NewLine);
                await peer.Disconnected.Task.WaitAsync(TestBroker.Timeout);
                peer.Client.Dispose();
            }
            finally
            {
                if (!host.HasExited)
                {
                    host.Kill();
                }
            }
        }

        [TestMethod]
        public async Task Host_process_rejects_an_unknown_option_with_exit_code_2()
        {
            using var host = Start("--no_such_option", "1");
            string error = await host.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
            await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.AreEqual(2, host.ExitCode);
            StringAssert.Contains(error, "unknown option '--no_such_option'");
        }

        /// <summary>The host's assembly, built beside the tests.</summary>
        internal static readonly string HostDll = Path.Combine(Path.GetDirectoryName(typeof(Nano.Host.BrokerHost).Assembly.Location), "Nano.Host.dll");

        /// <summary>Starts the host process with its standard streams redirected.</summary>
        internal static Process Start(params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            psi.ArgumentList.Add(HostDll);
            foreach (string arg in args)
            {
                psi.ArgumentList.Add(arg);
            }
            return Process.Start(psi);
        }

        /// <summary>The port from the host's first line, "Nano broker listening on 127.0.0.1:port".</summary>
        internal static async Task<int> ListeningPortAsync(Process host)
        {
            string first = await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            var match = Regex.Match(first ?? "", @"^Nano broker listening on 127\.0\.0\.1:(\d+)$");
            Assert.IsTrue(match.Success, "first line: " + first);
            return int.Parse(match.Groups[1].Value);
        }

        /// <summary>Bit 1 (signal 2) of SigIgn in /proc/self/status.</summary>
        private static bool SigintIgnored()
        {
            if (!File.Exists("/proc/self/status"))
            {
                return false;
            }
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
                {
                    return (Convert.ToUInt64(line.Substring(7).Trim(), 16) & (1UL << (Sigint - 1))) != 0;
                }
            }
            return false;
        }
    }
}
