using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nano.Mqtt.Client;
using Nano.Net;
using MqttClientOptions = Nano.Mqtt.Client.MqttClientOptions;
using NanoMqttClient = Nano.Mqtt.Client.MqttClient;

namespace Nano.Client.Tests
{
    /// <summary>An MQTTnet server on a free loopback port.</summary>
    internal sealed class MqttNetBroker : IAsyncDisposable
    {
        public readonly int Port;
        public readonly MqttServer Server;

        private MqttNetBroker(int port, MqttServer server)
        {
            Port = port;
            Server = server;
        }

        public static async Task<MqttNetBroker> StartAsync(bool persistentSessions)
        {
            int port = FreePort();
            var options = new MqttServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                .WithDefaultEndpointPort(port)
                .WithDefaultEndpointReuseAddress()
                .WithPersistentSessions(persistentSessions)
                .Build();
            return await StartAsync(port, options);
        }

        /// <summary>A server with only a TLS endpoint, presenting <paramref name="certificate"/>.</summary>
        public static async Task<MqttNetBroker> StartTlsAsync(X509Certificate2 certificate)
        {
            int port = FreePort();
            var options = new MqttServerOptionsBuilder()
                .WithoutDefaultEndpoint()
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
                .WithEncryptedEndpointPort(port)
                .WithEncryptionCertificate(certificate)
                .WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13)
                .Build();
            return await StartAsync(port, options);
        }

        private static async Task<MqttNetBroker> StartAsync(int port, MqttServerOptions options)
        {
            MqttServer server = new MqttServerFactory().CreateMqttServer(options);
            await server.StartAsync();
            return new MqttNetBroker(port, server);
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        /// <summary>An MQTTnet client connected to the broker.</summary>
        public async Task<IMqttClient> ConnectClientAsync(string clientId, bool cleanSession = true)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            MQTTnet.MqttClientOptions options = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", Port)
                .WithClientId(clientId)
                .WithCleanSession(cleanSession)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
                .Build();
            await client.ConnectAsync(options);
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            await Server.StopAsync();
            Server.Dispose();
        }
    }

    /// <summary>The Nano client with its socket transport, pumped by a loop thread as on a device.</summary>
    internal sealed class NanoPeer : IDisposable
    {
        public readonly NanoMqttClient Client;
        public readonly MqttClientTransport Transport;
        public readonly List<string> Received = new List<string>();
        private readonly List<bool> _sessionPresent = new List<bool>();
        private readonly Thread _thread;
        private volatile bool _stop;
        private volatile bool _paused;

        public NanoPeer(int port, MqttClientOptions options)
        {
            Client = new NanoMqttClient(options);
            Transport = new MqttClientTransport(Client.Engine, "127.0.0.1", port, 1024, 1024);
            Client.ConnAckReceived += (code, present) =>
            {
                lock (_sessionPresent)
                {
                    _sessionPresent.Add(present);
                }
            };
            _thread = new Thread(Loop) { IsBackground = true };
            _thread.Start();
        }

        /// <summary>The session-present flag of each CONNACK so far (a copy: the loop thread adds to the list).</summary>
        public List<bool> SessionPresent
        {
            get
            {
                lock (_sessionPresent)
                {
                    return new List<bool>(_sessionPresent);
                }
            }
        }

        public MessageHandler Recorder()
        {
            return (buffer, to, tl, po, pl, qos, retain) =>
            {
                lock (Received)
                {
                    Received.Add(System.Text.Encoding.UTF8.GetString(buffer, to, tl) + "=" + System.Text.Encoding.UTF8.GetString(buffer, po, pl) + "/q" + qos + (retain ? "/r" : ""));
                }
            };
        }

        public string[] ReceivedSnapshot()
        {
            lock (Received)
            {
                return Received.ToArray();
            }
        }

        /// <summary>Stops pumping (the socket stays as it is) or resumes.</summary>
        public bool Paused
        {
            set { _paused = value; }
        }

        public void WaitConnected(int timeoutMs = 10000)
        {
            Until(() => Client.IsConnected, timeoutMs, "Nano client connected");
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
            Transport.Stop();
        }

        /// <summary>Stops the loop thread and then the socket, without DISCONNECT.</summary>
        public void CutSocket()
        {
            _stop = true;
            _thread.Join();
            Transport.Stop();
        }

        public static void Until(Func<bool> condition, int timeoutMs, string what)
        {
            long end = Environment.TickCount64 + timeoutMs;
            while (!condition())
            {
                if (Environment.TickCount64 > end)
                {
                    Assert.Fail("timed out waiting for: " + what);
                }

                Thread.Sleep(5);
            }
        }

        private void Loop()
        {
            while (!_stop)
            {
                bool worked = !_paused && Transport.PollOnce(Environment.TickCount64);
                if (!worked)
                {
                    Thread.Sleep(1);
                }
            }
        }
    }
}
