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
            catch (StoreOpenException e)
            {
                Console.Error.WriteLine("Nano.Host: " + e.Message);
                return 1;
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                Console.Error.WriteLine("Nano.Host: cannot open serial port " + options.SerialPort + ": " + e.Message);
                return 1;
            }
            using var host = created;
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

        private const string PasswdUsage =
@"Usage: Nano.Host passwd [-c | -D] [-I iterations] <file> <user> [iterations]   (password read from stdin)
       Nano.Host passwd [-c] [-I iterations] -b <file> <user> <password>
       Nano.Host passwd -U <file>
  -c   create the file, overwriting it if it exists
  -D   delete the user
  -b   take the password from the command line
  -U   replace clear-text 'user:password' lines by hashes
  -I   PBKDF2 iterations (default 101); lines are written as mosquitto_passwd writes them: user:$7$...
";

        /// <summary><c>passwd</c> with mosquitto_passwd's flags: adds or replaces a user's <c>$7$</c> line, deletes one (-D), or
        /// hashes a file's clear-text lines (-U). Exit code 0, or 2 on an error.</summary>
        private static int Passwd(string[] args)
        {
            bool create = false, delete = false, batch = false, upgrade = false;
            int iterations = PasswordFile.DefaultIterations;
            var positional = new System.Collections.Generic.List<string>();
            for (int i = 1; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "-c": create = true; break;
                    case "-D": delete = true; break;
                    case "-b": batch = true; break;
                    case "-U": upgrade = true; break;
                    case "-I":
                        if (i + 1 >= args.Length || !int.TryParse(args[++i], out iterations) || iterations < 1)
                        {
                            return PasswdError("-I needs a positive number of iterations");
                        }
                        break;
                    default:
                        positional.Add(args[i]);
                        break;
                }
            }
            string error;
            if (upgrade)
            {
                if (positional.Count != 1 || create || delete || batch)
                {
                    return PasswdError("-U takes only the file");
                }
                if (!PasswordFile.Upgrade(positional[0], iterations, out int upgraded, out error))
                {
                    return PasswdError(error);
                }
                Console.Error.WriteLine("Nano.Host: " + upgraded + " password(s) hashed");
                return 0;
            }
            if (create && delete)
            {
                return PasswdError("-c and -D cannot be combined");
            }
            if (delete)
            {
                return positional.Count == 2 && !batch
                    ? (PasswordFile.DeleteUser(positional[0], positional[1], out error) ? 0 : PasswdError(error))
                    : PasswdError("-D takes the file and the user");
            }
            string password;
            if (batch)
            {
                if (positional.Count != 3)
                {
                    return PasswdError("-b takes the file, the user and the password");
                }
                password = positional[2];
            }
            else
            {
                if (positional.Count == 3 && (!int.TryParse(positional[2], out iterations) || iterations < 1))
                {
                    return PasswdError("iterations must be a positive number");
                }
                if (positional.Count < 2 || positional.Count > 3)
                {
                    return PasswdError(null);
                }
                password = Console.In.ReadLine();
                if (password == null)
                {
                    return PasswdError("no password on stdin");
                }
            }
            return PasswordFile.SetUser(positional[0], positional[1], password, iterations, out error, create) ? 0 : PasswdError(error);
        }

        private static int PasswdError(string error)
        {
            if (error != null)
            {
                Console.Error.WriteLine("Nano.Host: " + error);
            }
            Console.Error.Write(PasswdUsage);
            return 2;
        }
    }
}
