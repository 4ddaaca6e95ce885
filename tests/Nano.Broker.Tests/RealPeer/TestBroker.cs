using System;
using System.Diagnostics;
using System.Net;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Host;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>The PC host's broker started in-process on a loopback ephemeral port.</summary>
    internal sealed class TestBroker : IDisposable
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        public TestBroker(Action<HostOptions> configure = null)
        {
            var options = new HostOptions { Bind = IPAddress.Loopback, Port = 0 };
            options.Broker.MaxConnections = 32;
            options.Broker.MaxSessions = 64;
            options.Broker.MaxPacketSize = 16 * 1024;
            options.Broker.InputBufferSize = 16 * 1024;
            options.Broker.OutputBufferSize = 16 * 1024;
            options.Broker.MaxMessages = 8192;
            options.Broker.MessagePoolBytes = 4 << 20;
            options.Broker.SysIntervalMs = 0;
            configure?.Invoke(options);
            Host = new BrokerHost(options);
            Host.Start();
        }

        public BrokerHost Host { get; }

        public int Port => Host.Port;

        /// <summary>The engine's counters, read from the test thread (plain field reads of a running broker).</summary>
        public BrokerStatistics Statistics => Host.Engine.Statistics;

        public MqttClientOptionsBuilder Options(string clientId, MqttProtocolVersion version, bool clean = true) =>
            new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", Port)
                .WithProtocolVersion(version)
                .WithClientId(clientId)
                .WithCleanSession(clean)
                .WithTimeout(Timeout);

        public async Task<MqttPeer> ConnectAsync(string clientId, MqttProtocolVersion version, bool clean = true, Action<MqttClientOptionsBuilder> configure = null)
        {
            var builder = Options(clientId, version, clean);
            configure?.Invoke(builder);
            var peer = new MqttPeer();
            await peer.ConnectAsync(builder.Build());
            return peer;
        }

        /// <summary>Waits for broker state that has no event (e.g. a connection's close being processed), bounded.</summary>
        public static async Task WaitUntilAsync(Func<bool> condition, string what)
        {
            var watch = Stopwatch.StartNew();
            while (!condition())
            {
                if (watch.Elapsed > Timeout)
                {
                    Assert.Fail("timed out waiting for " + what);
                }
                await Task.Delay(5);
            }
        }

        public void Dispose() => Host.Dispose();
    }
}
