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
            if (args.Length > 0 && args[0] == "passwd")
            {
                return Passwd(args);
            }
            switch (HostOptionsParser.Parse(args, out HostOptions options, out string error))
            {
                case ParseOutcome.Help:
                    Console.Out.Write(HostOptionsParser.Usage);
                    return 0;
                case ParseOutcome.Error:
                    Console.Error.WriteLine("Nano.Host: " + error);
                    return 2;
            }
            if (options.Authenticator is PasswordFile passwords && passwords.ClearTextCount > 0)
            {
                Console.Error.WriteLine("Nano.Host: warning: " + passwords.ClearTextCount + " password(s) stored in clear text; re-add them with 'Nano.Host passwd <file> <user>'");
            }
            BrokerHost created;
            try
            {
                created = new BrokerHost(options, Console.Out, !Console.IsOutputRedirected);
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                Console.Error.WriteLine("Nano.Host: cannot open serial port " + options.SerialPort + ": " + e.Message);
                return 1;
            }
            using var host = created;
            host.BridgeLog = Console.Out;
            try
            {
                host.Start();
            }
            catch (SocketException e)
            {
                Console.Error.WriteLine("Nano.Host: cannot listen on " + options.Bind + ":" + options.Port
                    + (options.SnEnabled ? " (MQTT-SN udp " + options.SnBindPort + ")" : "") + ": " + e.Message);
                return 1;
            }
            Console.WriteLine("Nano broker listening on " + host.EndPoint);
            if (host.TlsListener != null)
            {
                Console.WriteLine("Nano broker listening for TLS on " + options.Bind + ":" + host.TlsPort);
            }
            if (host.SnEndpoint != null)
            {
                Console.WriteLine("Nano MQTT-SN gateway listening on udp " + options.Bind + ":" + host.SnPort);
            }
            if (host.Radio != null)
            {
                Console.WriteLine("Nano MQTT-SN gateway on radio " + options.Radio
                    + (options.SerialPort != null ? " at " + options.SerialPort + ", " + options.Baud + " baud" : "")
                    + (options.SimulateNodes > 0 ? " with " + options.SimulateNodes + " simulated nodes publishing sensors/<n>/temperature" : ""));
            }
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
            if (host.Radio != null)
            {
                Console.WriteLine(host.Radio.Describe());
            }
            Console.WriteLine("Nano broker stopped");
            return 0;
        }

        /// <summary><c>passwd &lt;file&gt; &lt;user&gt; [iterations]</c>: reads the password from the first line of stdin and
        /// writes the user's <c>$pbkdf2-sha256$</c> line, replacing an existing one. Exit code 0, or 2 on an error.</summary>
        private static int Passwd(string[] args)
        {
            int iterations = PasswordFile.DefaultIterations;
            if (args.Length < 3 || args.Length > 4 || (args.Length == 4 && (!int.TryParse(args[3], out iterations) || iterations < 1)))
            {
                Console.Error.WriteLine("Usage: Nano.Host passwd <file> <user> [iterations]   (password read from stdin; default "
                    + PasswordFile.DefaultIterations + " iterations)");
                return 2;
            }
            string password = Console.In.ReadLine();
            if (password == null)
            {
                Console.Error.WriteLine("Nano.Host: no password on stdin");
                return 2;
            }
            if (!PasswordFile.SetUser(args[1], args[2], password, iterations, out string error))
            {
                Console.Error.WriteLine("Nano.Host: " + error);
                return 2;
            }
            return 0;
        }
    }
}
