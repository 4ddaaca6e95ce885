using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Broker.Tests.Logging;
using Nano.Broker.Tests.RealPeer;
using Nano.Host;
using Nano.Net.Desktop;

namespace Nano.Broker.Tests.Security
{
    /// <summary>
    /// One poll loop serves every peer, so no peer may hold it: peers stalled at each stage of a connection (TCP
    /// connect only, part of a TLS ClientHello, part of a CONNECT, a slow password check) and a flood of half-open TLS
    /// handshakes while an MQTTnet client keeps doing QoS 1 round trips.
    /// </summary>
    [TestClass]
    public sealed class PollBoundTests
    {
        /// <summary>The bound stated in the README for a QoS 1 round trip while others stall: far above a normal round
        /// trip (about a millisecond on loopback) and below what any stalled stage would cost if it held the loop
        /// (a handshake or CONNECT that never completes would hold it for ever).</summary>
        private static readonly TimeSpan RoundTripBound = TimeSpan.FromMilliseconds(2000);

        /// <summary>Iterations of the slow user's $7$ line (20 times Mosquitto's default): each of its CONNECTs costs
        /// 2 x 2,000 + 4 SHA-512 compressions, run in steps of password_hash_steps between the others' packets.</summary>
        private const int SlowIterations = 2000;

        private static string Line7(string user, string password, int iterations)
        {
            byte[] salt = RandomNumberGenerator.GetBytes(12);
            return user + ":$7$" + iterations + "$" + Convert.ToBase64String(salt) + "$"
                + Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, 64));
        }

        private static MqttClientOptions Tls(int port, string id, string user = null, string password = null) => new MqttClientOptionsBuilder()
            .WithTcpServer("localhost", port)
            .WithCredentials(user, password)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(id)
            .WithTimeout(TestBroker.Timeout)
            .WithTlsOptions(t => t.UseTls().WithTargetHost("localhost")
                .WithCertificateValidationHandler(e => e.SslPolicyErrors == System.Net.Security.SslPolicyErrors.None || TlsTests.ChainsTo(TlsTests.Ca, e.Certificate)))
            .Build();

        private static Socket Open(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(IPAddress.Loopback, port);
            return socket;
        }

        /// <summary>The first bytes of a TLS record carrying a ClientHello: record header and handshake header, no body.</summary>
        private static readonly byte[] PartialClientHello = { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03 };

        private static async Task<TimeSpan> SlowestRoundTripAsync(MqttPeer client, int count, Func<int, Task> between)
        {
            TimeSpan slowest = TimeSpan.Zero;
            for (int i = 0; i < count; i++)
            {
                await between(i);
                var watch = Stopwatch.StartNew();
                await client.PublishAsync("bound/echo", "m" + i, MqttQualityOfServiceLevel.AtLeastOnce);
                PeerMessage echo = await client.NextAsync();
                watch.Stop();
                Assert.AreEqual("m" + i, echo.Payload);
                if (watch.Elapsed > slowest)
                {
                    slowest = watch.Elapsed;
                }
            }
            return slowest;
        }

        [TestMethod]
        public async Task Peers_stalled_at_each_stage_do_not_delay_a_QoS_1_round_trip_beyond_the_bound()
        {
            string passwords = System.IO.Path.GetTempFileName();
            var log = new LogCapture();
            var stalled = new List<Socket>();
            try
            {
                System.IO.File.WriteAllText(passwords, Line7("fast", "fast-pw", 101) + "\n" + Line7("slow", "slow-pw", SlowIterations) + "\n");
                using var broker = new TestBroker(o =>
                {
                    o.Tls = new SslStreamTls(TlsTests.Server, null);
                    o.TlsPort = 0;
                    o.Authenticator = PasswordFile.Load(passwords, out _);
                    o.Log.Destinations.Add(log);
                });
                await using MqttPeer client = await broker.ConnectAsync("bound", MqttProtocolVersion.V311, configure: b => b.WithCredentials("fast", "fast-pw"));
                await client.SubscribeAsync("bound/echo", MqttQualityOfServiceLevel.AtLeastOnce);

                // Warm-up outside the measurement: the JIT's first, unoptimised code for the hash and the round trip, and
                // the TLS library's one-time set-up (about half a second, once per process, at the first TLS accept).
                await using (MqttPeer warm = await broker.ConnectAsync("slow-warm", MqttProtocolVersion.V311, configure: b => b.WithCredentials("slow", "slow-pw")))
                {
                }
                var warmTls = new MqttPeer();
                await warmTls.ConnectAsync(Tls(broker.Host.TlsPort, "tls-warm", "fast", "fast-pw"));
                await warmTls.DisposeAsync();
                await SlowestRoundTripAsync(client, 5, _ => Task.CompletedTask);
                for (int i = 0; i < 4; i++)
                {
                    stalled.Add(Open(broker.Port)); // TCP connect only
                    Socket hello = Open(broker.Host.TlsPort);
                    hello.Send(PartialClientHello);
                    stalled.Add(hello);
                    Socket connect = Open(broker.Port);
                    byte[] full = Packets.Connect("half-" + i);
                    connect.Send(full, 0, full.Length / 2, SocketFlags.None);
                    stalled.Add(connect);
                }
                var slowLogins = new List<Task>();
                TimeSpan slowest = await SlowestRoundTripAsync(client, 40, i =>
                {
                    if (i % 4 == 0)
                    {
                        // A CONNECT whose password check is the slowest the file allows, then at once its round trip.
                        slowLogins.Add(Task.Run(async () =>
                        {
                            await using MqttPeer slow = await broker.ConnectAsync("slow-" + i, MqttProtocolVersion.V311, configure: b => b.WithCredentials("slow", "slow-pw"));
                        }));
                    }
                    return Task.CompletedTask;
                });
                await Task.WhenAll(slowLogins).WaitAsync(TimeSpan.FromSeconds(30));
                PasswordFile file = PasswordFile.Load(passwords, out _);
                byte[] credentials = Encoding.UTF8.GetBytes("slowslow-pw");
                var check = Stopwatch.StartNew();
                Assert.AreEqual(0, file.Authenticate(credentials, 0, 0, 0, 4, 4, 7));
                Console.WriteLine("one check of the slow user's password: " + check.Elapsed.TotalMilliseconds.ToString("F1") + " ms");
                Console.WriteLine("slowest QoS 1 round trip beside the stalled peers: " + slowest.TotalMilliseconds.ToString("F1") + " ms");
                Assert.IsTrue(slowest < RoundTripBound, "slowest round trip " + slowest);
                Assert.AreEqual(4, broker.Host.TlsListener.HandshakesPending, "the partial ClientHellos wait in the handshake table");
                Assert.AreEqual(0, broker.Host.TlsListener.OpenConnections, "and hold no engine connection");
                Assert.IsTrue(log.Any("New client connected from 127.0.0.1:"), "the slow logins succeeded");
            }
            finally
            {
                foreach (Socket s in stalled)
                {
                    s.Dispose();
                }
                System.IO.File.Delete(passwords);
            }
        }

        /// <summary>Iterations of the $7$ lines of the password-file test: about 1,000 times Mosquitto's default, a check
        /// of 200,004 SHA-512 compressions (about 0.2 s whole on a PC), run in 100 steps of the default password_hash_steps.</summary>
        private const int HighIterations = 100000;

        [TestMethod]
        public async Task Logins_against_high_iteration_password_file_lines_run_in_steps_beside_QoS_1_round_trips()
        {
            string passwords = System.IO.Path.GetTempFileName();
            try
            {
                System.IO.File.WriteAllText(passwords, "plain:plain-pw\n" + Line7("slow", "slow-pw", HighIterations) + "\n" + Line7("other", "other-pw", HighIterations) + "\n");
                using var broker = new TestBroker(o => o.Authenticator = PasswordFile.Load(passwords, out _));
                await using MqttPeer client = await broker.ConnectAsync("bound", MqttProtocolVersion.V311, configure: b => b.WithCredentials("plain", "plain-pw"));
                await client.SubscribeAsync("bound/echo", MqttQualityOfServiceLevel.AtLeastOnce);
                await SlowestRoundTripAsync(client, 5, _ => Task.CompletedTask);

                int logins = 0;
                Task loggingIn = Task.Run(async () =>
                {
                    for (int i = 0; i < 3; i++)
                    {
                        // A login spans hundreds of polls: on a loaded machine it may outlast the usual 5 s connect wait.
                        await using var slow = new MqttPeer();
                        await slow.Client.ConnectAsync(broker.Options("slow-" + i, MqttProtocolVersion.V311)
                            .WithCredentials("slow", "slow-pw").WithTimeout(TimeSpan.FromSeconds(60)).Build());
                        Interlocked.Increment(ref logins);
                    }
                });
                int roundTrips = 0;
                TimeSpan slowest = TimeSpan.Zero;
                while (!loggingIn.IsCompleted)
                {
                    TimeSpan one = await SlowestRoundTripAsync(client, 1, _ => Task.CompletedTask);
                    slowest = one > slowest ? one : slowest;
                    roundTrips++;
                }
                await loggingIn;

                PasswordFile file = PasswordFile.Load(passwords, out _);
                byte[] credentials = Encoding.UTF8.GetBytes("slowslow-pw");
                var check = Stopwatch.StartNew();
                Assert.AreEqual(0, file.Authenticate(credentials, 0, 0, 0, 4, 4, 7));
                check.Stop();
                Console.WriteLine("one whole check of a " + HighIterations + "-iteration $7$ line: " + check.Elapsed.TotalMilliseconds.ToString("F1") + " ms");
                Console.WriteLine("slowest of " + roundTrips + " QoS 1 round trips during 3 logins: " + slowest.TotalMilliseconds.ToString("F1") + " ms");
                Assert.AreEqual(3, logins);
                Assert.IsTrue(roundTrips >= 3, "round trips went on during the logins: " + roundTrips);
                Assert.IsTrue(slowest < RoundTripBound, "slowest round trip " + slowest);
            }
            finally
            {
                System.IO.File.Delete(passwords);
            }
        }

        [TestMethod]
        public async Task Two_hundred_half_open_TLS_handshakes_keep_neither_a_plain_client_out_nor_a_TLS_client_after_their_timeout()
        {
            var log = new LogCapture();
            var stalled = new List<Socket>();
            try
            {
                using var broker = new TestBroker(o =>
                {
                    o.Tls = new SslStreamTls(TlsTests.Server, null);
                    o.TlsPort = 0;
                    o.MaxHandshakes = 16;
                    o.HandshakeTimeoutMs = 1500;
                    o.Log.Destinations.Add(log);
                });
                for (int i = 0; i < 200; i++)
                {
                    Socket s = Open(broker.Host.TlsPort);
                    s.Send(PartialClientHello, 0, 1 + i % PartialClientHello.Length, SocketFlags.None);
                    stalled.Add(s);
                }
                await TestBroker.WaitUntilAsync(() => broker.Host.TlsListener.HandshakesFailed >= 200 - 16, "the handshakes beyond the limit closed");
                await using (MqttPeer plain = await broker.ConnectAsync("plain", MqttProtocolVersion.V311))
                {
                    await plain.SubscribeAsync("t", MqttQualityOfServiceLevel.AtLeastOnce);
                    await plain.PublishAsync("t", "through", MqttQualityOfServiceLevel.AtLeastOnce);
                    Assert.AreEqual("through", (await plain.NextAsync()).Payload);
                }
                Assert.AreEqual(0, broker.Host.TlsListener.OpenConnections, "no half-open handshake took an engine connection");
                await log.WaitForAsync("error: TLS connection from a new client ended: TooManyHandshakes.");
                await log.WaitForAsync("error: TLS connection from 127.0.0.1:", " ended: HandshakeTimeout.");
                await TestBroker.WaitUntilAsync(() => broker.Host.TlsListener.HandshakesPending == 0, "the stalled handshakes timed out");
                var tls = new MqttPeer();
                await tls.ConnectAsync(Tls(broker.Host.TlsPort, "tls-after"));
                await tls.DisposeAsync();
                Assert.AreEqual(200L, broker.Host.TlsListener.HandshakesFailed);
            }
            finally
            {
                foreach (Socket s in stalled)
                {
                    s.Dispose();
                }
            }
        }

        [TestMethod]
        public async Task A_failed_TLS_handshake_is_logged_as_an_error_with_the_peer_address()
        {
            var log = new LogCapture();
            using var broker = new TestBroker(o =>
            {
                o.Tls = new SslStreamTls(TlsTests.Server, null);
                o.TlsPort = 0;
                o.Log.Destinations.Add(log);
            });
            using Socket s = Open(broker.Host.TlsPort);
            s.Send(Packets.Connect("plain-on-tls"));
            await log.WaitForAsync("error: TLS connection from 127.0.0.1:", " ended: HandshakeFailed.");
        }
    }
}
