using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Server;
using Nano.Broker.Tests.RealPeer;
using Nano.Host;

namespace Nano.Broker.Tests.Bridge
{
    /// <summary>A publication an MQTTnet server accepted from a client.</summary>
    internal sealed record Accepted(string ClientId, string Topic, string Payload, int Qos, bool Retain);

    /// <summary>MQTTnet's server as the remote broker, on a fixed loopback port so it can be restarted, recording every
    /// publication it accepts (from any instance).</summary>
    internal sealed class RemoteBroker : IAsyncDisposable
    {
        private readonly X509Certificate2 _certificate;
        private MqttServer _server;

        public RemoteBroker(X509Certificate2 certificate = null, int port = 0)
        {
            _certificate = certificate;
            Port = port != 0 ? port : FreePort();
        }

        public int Port { get; }

        public List<Accepted> Accepted { get; } = new List<Accepted>();

        public MqttServer Server => _server;

        public Accepted[] Snapshot(string clientId)
        {
            lock (Accepted)
            {
                return Accepted.FindAll(a => a.ClientId == clientId).ToArray();
            }
        }

        public async Task StartAsync()
        {
            var builder = new MqttServerOptionsBuilder().WithPersistentSessions();
            if (_certificate == null)
            {
                builder.WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(Port).WithDefaultEndpointReuseAddress();
            }
            else
            {
                builder.WithoutDefaultEndpoint().WithEncryptedEndpoint().WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
                    .WithEncryptedEndpointPort(Port).WithEncryptionCertificate(_certificate).WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13);
            }
            _server = new MqttServerFactory().CreateMqttServer(builder.Build());
            _server.InterceptingPublishAsync += e =>
            {
                var m = e.ApplicationMessage;
                lock (Accepted)
                {
                    Accepted.Add(new Accepted(e.ClientId, m.Topic, Encoding.UTF8.GetString(m.Payload), (int)m.QualityOfServiceLevel, m.Retain));
                }
                return Task.CompletedTask;
            };
            await _server.StartAsync();
        }

        public async Task StopAsync()
        {
            if (_server != null)
            {
                await _server.StopAsync();
                _server.Dispose();
                _server = null;
            }
        }

        public async Task<MqttPeer> ConnectAsync(string clientId, bool clean = true)
        {
            var peer = new MqttPeer();
            await peer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", Port).WithClientId(clientId)
                .WithCleanSession(clean).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithTimeout(TestBroker.Timeout).Build());
            return peer;
        }

        public async ValueTask DisposeAsync() => await StopAsync();

        public static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }

    /// <summary>A Nano host started from configuration-file lines (bridges included), on a free loopback port.</summary>
    internal sealed class BridgedHost : IDisposable
    {
        private readonly string _path;

        public BridgedHost(string config, int port = 0)
        {
            _path = Path.GetTempFileName();
            File.WriteAllText(_path, "port " + port + "\nsn_port 0\nsys_interval 0\n" + config);
            ParseOutcome outcome = HostOptionsParser.Parse(new[] { "-c", _path }, out HostOptions options, out string error);
            Assert.AreEqual(ParseOutcome.Run, outcome, error);
            Host = new BrokerHost(options);
            Host.Start();
        }

        public BrokerHost Host { get; }

        public int Port => Host.Port;

        public Nano.Mqtt.Bridge.BridgeEngine Bridge(int i = 0) => Host.Bridges[i].Bridge;

        public async Task<MqttPeer> ConnectAsync(string clientId)
        {
            var peer = new MqttPeer();
            await peer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", Port).WithClientId(clientId)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithTimeout(TestBroker.Timeout).Build());
            return peer;
        }

        public Task WaitReadyAsync(int i = 0) => WaitAsync(() => Bridge(i).Ready, "bridge " + i + " connected and subscribed", TimeSpan.FromSeconds(10));

        public static async Task WaitAsync(Func<bool> condition, string what, TimeSpan timeout)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (!condition())
            {
                if (watch.Elapsed > timeout)
                {
                    Assert.Fail("timed out waiting for " + what);
                }
                await Task.Delay(10);
            }
        }

        public void Dispose()
        {
            Host.Dispose();
            File.Delete(_path);
        }
    }
}
