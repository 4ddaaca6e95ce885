using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;
using Nano.Net;

namespace Nano.MqttSn.Tests.EndToEnd
{
    /// <summary>Broker engine + TCP listener + MQTT-SN gateway on UDP, on loopback ephemeral ports, served by a
    /// PollLoop on its own thread (the only thread touching the engines).</summary>
    internal sealed class GatewayServer : IDisposable
    {
        private readonly PollLoop _loop = new PollLoop(2);
        private readonly Thread _thread;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private volatile bool _stop;

        public GatewayServer(Action<SnGatewayOptions> configure = null)
        {
            var brokerOptions = new BrokerOptions { MaxConnections = 8, SysIntervalMs = 0 };
            Broker = new BrokerEngine(brokerOptions);
            var options = new SnGatewayOptions { RetryIntervalMs = 1_000, MaxRetries = 3 };
            configure?.Invoke(options);
            Gateway = new SnGateway(options, Broker);
            Listener = new BrokerListener(Broker, brokerOptions);
            Listener.Start(IPAddress.Loopback, 0);
            Udp = new SnUdpEndpoint(Gateway, 256) { BroadcastAddress = IPAddress.Loopback };
            Udp.Start(IPAddress.Loopback, 0);
            _loop.Add(Listener);
            _loop.Add(Udp);
            _thread = new Thread(Run) { IsBackground = true, Name = "gateway poll loop" };
            _thread.Start();
        }

        public BrokerEngine Broker { get; }

        public SnGateway Gateway { get; }

        public BrokerListener Listener { get; }

        public SnUdpEndpoint Udp { get; }

        public IPEndPoint SnEndPoint => new IPEndPoint(IPAddress.Loopback, Udp.Port);

        private void Run()
        {
            while (!_stop)
            {
                if (!_loop.PollOnce(_clock.ElapsedMilliseconds))
                {
                    Thread.Sleep(1);
                }
            }
            _loop.Stop();
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }
}
