using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet.Protocol;
using Nano.Broker.Tests.RealPeer;
using Nano.Mqtt.Client;

namespace Nano.Broker.Tests.Bridge
{
    /// <summary>The bridge's dial runs in the host's single poll loop: an upstream that does not answer must not stall local clients.</summary>
    [TestClass]
    public sealed class BridgeDialTests
    {
        private const int RoundTrips = 20;
        private static readonly TimeSpan RoundTripBound = TimeSpan.FromMilliseconds(500);

        [TestMethod]
        public async Task A_dial_to_a_black_hole_leaves_local_QoS1_round_trips_fast_and_succeeds_once_the_address_answers()
        {
            using var hole = new BlackHole();
            using var host = new BridgedHost("connection cloud\naddress 127.0.0.1:" + hole.Port + "\nremote_clientid edge1\ntry_private false\n"
                + "notifications false\nrestart_timeout 1\ntopic up/# out 1\n");
            await BridgedHost.WaitAsync(() => host.Bridge().Remote.State == ClientState.Connecting, "the bridge dialling", TimeSpan.FromSeconds(10));

            await using var local = await host.ConnectAsync("local-app");
            await local.SubscribeAsync("t/#", MqttQualityOfServiceLevel.AtLeastOnce);
            TimeSpan slowest = TimeSpan.Zero;
            for (int i = 0; i < RoundTrips; i++)
            {
                var watch = Stopwatch.StartNew();
                await local.PublishAsync("t/" + i, "p", MqttQualityOfServiceLevel.AtLeastOnce);
                PeerMessage m = await local.NextAsync();
                watch.Stop();
                Assert.AreEqual("t/" + i, m.Topic);
                slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
                await Task.Delay(50);
            }

            Assert.IsTrue(slowest < RoundTripBound, "slowest QoS 1 round trip during the dial: " + slowest.TotalMilliseconds + " ms");
            Assert.IsFalse(host.Bridge().Ready, "the black hole never answered");

            hole.Dispose();
            await using var remote = new RemoteBroker(port: hole.Port);
            await remote.StartAsync();
            await BridgedHost.WaitAsync(() => host.Bridge().Ready, "the bridge connected once the address answers", TimeSpan.FromSeconds(30));
            await using var cloud = await remote.ConnectAsync("cloud-app");
            await cloud.SubscribeAsync("up/#", MqttQualityOfServiceLevel.AtLeastOnce);
            await local.PublishAsync("up/x", "u", MqttQualityOfServiceLevel.AtLeastOnce);
            PeerMessage up = await cloud.NextAsync();
            Assert.AreEqual("up/x u", up.Topic + " " + up.Payload);
        }

        /// <summary>A loopback listener that never accepts, its backlog filled, so that a further connect gets no answer to its SYN.</summary>
        private sealed class BlackHole : IDisposable
        {
            private readonly Socket _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            private readonly List<Socket> _fillers = new List<Socket>();
            private bool _disposed;

            public BlackHole()
            {
                _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                _listener.Listen(0);
                Port = ((IPEndPoint)_listener.LocalEndPoint).Port;
                while (true)
                {
                    Assert.IsTrue(_fillers.Count < 64, "the backlog never filled");
                    var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                    _fillers.Add(filler);
                    try
                    {
                        filler.Connect(_listener.LocalEndPoint);
                    }
                    catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock || e.SocketErrorCode == SocketError.InProgress)
                    {
                        if (!filler.Poll(300_000, SelectMode.SelectWrite))
                        {
                            return; // this connect got no answer: the next one (the bridge's) will not either
                        }
                    }
                }
            }

            public int Port { get; }

            public void Dispose()
            {
                if (_disposed)
                {
                    return;
                }
                _disposed = true;
                foreach (Socket s in _fillers)
                {
                    s.Close();
                }
                _listener.Close();
            }
        }
    }
}
