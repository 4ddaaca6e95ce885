using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Nano.LoadBench
{
    /// <summary>A Nano.Host (of this build or another) run as a child process, so that its memory and CPU are its own.</summary>
    internal static class HostChild
    {
        /// <summary>Starts <paramref name="hostDll"/> on <paramref name="port"/> (MQTT-SN off) with <paramref name="extra"/> options,
        /// its output drained, and waits until the port accepts connections.</summary>
        public static async Task<Process> StartAsync(string hostDll, int port, IEnumerable<string> extra)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { hostDll, "--port", port.ToString(CultureInfo.InvariantCulture), "--sn_port", "0" })
            {
                start.ArgumentList.Add(arg);
            }
            foreach (string arg in extra)
            {
                start.ArgumentList.Add(arg);
            }
            Process process = Process.Start(start);
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await WaitListening(port);
            }
            catch
            {
                process.Kill();
                process.Dispose();
                throw;
            }
            return process;
        }

        private static async Task WaitListening(int port)
        {
            var waited = Stopwatch.StartNew();
            while (true)
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(50);
                }
            }
        }
    }
}
