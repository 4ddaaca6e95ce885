using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;

namespace Nano.Host
{
    /// <summary>Entry point: <c>dotnet run --project src/Nano.Host -- [options]</c>.</summary>
    public static class Program
    {
        /// <summary>Runs the broker until Ctrl+C or SIGTERM; exit code 0 on a clean stop, 1 when it cannot listen, 2 for bad options.</summary>
        public static int Main(string[] args)
        {
            switch (HostOptionsParser.Parse(args, out HostOptions options, out string error))
            {
                case ParseOutcome.Help:
                    Console.Out.Write(HostOptionsParser.Usage);
                    return 0;
                case ParseOutcome.Error:
                    Console.Error.WriteLine("Nano.Host: " + error);
                    return 2;
            }
            using var host = new BrokerHost(options, Console.Out, !Console.IsOutputRedirected);
            try
            {
                host.Start();
            }
            catch (SocketException e)
            {
                Console.Error.WriteLine("Nano.Host: cannot listen on " + options.Bind + ":" + options.Port + ": " + e.Message);
                return 1;
            }
            Console.WriteLine("Nano broker listening on " + host.EndPoint);
            using var stop = new ManualResetEventSlim();
            Console.CancelKeyPress += (sender, e) =>
            {
                e.Cancel = true;
                stop.Set();
            };
            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Set();
            });
            using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                stop.Set();
            });
            stop.Wait();
            host.Stop();
            Console.WriteLine("Nano broker stopped");
            return 0;
        }
    }
}
