using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Tasks;

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
            var args = new System.Collections.Generic.List<string> { "--port", "0", "--sys_interval", "0", "--sn_port", "0", "--persistence", "true", "--persistence_location", directory };
            args.AddRange(extra);
            var host = new HostProcess(RealPeer.HostProcessTests.Start(args.ToArray()));
            host._process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data != null)
                {
                    host._log.Enqueue(e.Data);
                }
            };
            host._process.BeginErrorReadLine();
            host.Port = await RealPeer.HostProcessTests.ListeningPortAsync(host._process);
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
