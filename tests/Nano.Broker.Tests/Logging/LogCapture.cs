using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Broker.Tests.RealPeer;

namespace Nano.Broker.Tests.Logging
{
    /// <summary>A log destination that keeps the host's lines (and echoes them to the test output) for assertions.</summary>
    internal sealed class LogCapture : TextWriter
    {
        private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();

        public override Encoding Encoding => Encoding.UTF8;

        public string[] Lines => _lines.ToArray();

        public override void WriteLine(string value)
        {
            _lines.Enqueue(value);
            Console.Out.WriteLine(value);
        }

        public override void Write(char value) => throw new NotSupportedException("the log writes whole lines");

        /// <summary>Waits for a line containing every one of <paramref name="parts"/>; returns it.</summary>
        public async Task<string> WaitForAsync(params string[] parts)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                string line = _lines.FirstOrDefault(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)));
                if (line != null)
                {
                    return line;
                }
                if (watch.Elapsed > TestBroker.Timeout)
                {
                    Assert.Fail("no log line with '" + string.Join("', '", parts) + "'; lines:\n" + string.Join("\n", _lines));
                }
                await Task.Delay(5);
            }
        }

        public bool Any(string part) => _lines.Any(l => l.Contains(part, StringComparison.Ordinal));
    }
}
