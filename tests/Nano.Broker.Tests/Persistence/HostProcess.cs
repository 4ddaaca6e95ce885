using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.Broker.Tests.Persistence
{
    /// <summary>The built Nano.Host run as a child process (<c>dotnet Nano.Host.dll</c>) with its stderr log collected.</summary>
    internal sealed class HostProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _log = new ConcurrentQueue<string>();

        private HostProcess(Process process)
        {
            _process = process;
        }

        public int Port { get; private set; }

        /// <summary>The lines the host logged so far.</summary>
        public string[] Log => _log.ToArray();

        /// <summary>Starts the host with the store in <paramref name="directory"/> and waits for its listening line.</summary>
        public static async Task<HostProcess> StartAsync(string directory, params string[] extra)
        {
            string dll = Path.Combine(Path.GetDirectoryName(typeof(Nano.Host.BrokerHost).Assembly.Location), "Nano.Host.dll");
            var psi = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            foreach (string a in new[] { dll, "--port", "0", "--sys_interval", "0", "--sn_port", "0", "--persistence", "true", "--persistence_location", directory })
            {
                psi.ArgumentList.Add(a);
            }
            foreach (string a in extra)
            {
                psi.ArgumentList.Add(a);
            }
            var host = new HostProcess(Process.Start(psi));
            host._process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data != null)
                {
                    host._log.Enqueue(e.Data);
                }
            };
            host._process.BeginErrorReadLine();
            string first = await host._process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var match = Regex.Match(first ?? "", @"^Nano broker listening on 127\.0\.0\.1:(\d+)$");
            Assert.IsTrue(match.Success, "first line: " + first + "; log: " + string.Join(" | ", host.Log));
            host.Port = int.Parse(match.Groups[1].Value);
            return host;
        }

        /// <summary>The host's log line about the store.</summary>
        public string RecoveryLine()
        {
            foreach (string line in _log)
            {
                if (line.Contains("persistence: "))
                {
                    return line;
                }
            }
            return null;
        }

        /// <summary>SIGKILL: the process ends at once, with no chance to flush or close anything.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }
            _process.Dispose();
        }
    }
}
