using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Client;
using Nano.MqttSn.Tests.Client;

namespace Nano.MqttSn.Tests.EndToEnd
{
    /// <summary>The Nano MQTT-SN client engine on its own UDP socket, pumped by the test thread.</summary>
    internal sealed class SnNode : IDisposable
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly IPEndPoint _gateway;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly byte[] _buffer = new byte[512];

        public SnNode(IPEndPoint gateway, string clientId, Action<SnClientOptions> configure = null)
        {
            _gateway = gateway;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var options = new SnClientOptions { ClientId = clientId, KeepAliveSeconds = 30, RetryIntervalMs = 1_000, MaxRetries = 3, MaxPacketSize = 256 };
            configure?.Invoke(options);
            Client = new SnClient(options, Events);
        }

        public SnClient Client { get; }

        public EventLog Events { get; } = new EventLog();

        public long Now => _clock.ElapsedMilliseconds;

        /// <summary>Pumps the client until an event line containing <paramref name="text"/> is logged; returns it.</summary>
        public string WaitFor(string text)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < Timeout)
            {
                for (int i = 0; i < Events.Lines.Count; i++)
                {
                    if (Events.Lines[i].Contains(text, StringComparison.Ordinal))
                    {
                        string line = Events.Lines[i];
                        Events.Lines.RemoveRange(0, i + 1);
                        return line;
                    }
                }
                Pump(10);
            }
            Assert.Fail("no '" + text + "' within " + Timeout + "; events: " + string.Join(" | ", Events.Lines));
            return null;
        }

        /// <summary>Sends what the client has queued, then waits up to <paramref name="waitMs"/> for one datagram.</summary>
        public void Pump(int waitMs)
        {
            Client.Poll(Now);
            int n;
            while ((n = Client.NextDatagram(_buffer, 0, out _)) > 0)
            {
                _socket.SendTo(_buffer, 0, n, SocketFlags.None, _gateway); // broadcasts go to the gateway too: loopback
            }
            if (_socket.Poll(waitMs * 1000, SelectMode.SelectRead))
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                n = _socket.ReceiveFrom(_buffer, ref from);
                Client.Receive(_buffer, 0, n, Now);
            }
        }

        public string Connect()
        {
            Assert.AreEqual(SnClientResult.Ok, Client.Connect(Now));
            string line = WaitFor("connected");
            Assert.AreEqual("connected", line); // not "disconnected Lost": the gateway never answered
            return line;
        }

        public int Register(string topic)
        {
            byte[] name = Encoding.UTF8.GetBytes(topic);
            Assert.AreEqual(SnClientResult.Ok, Client.Register(name, 0, name.Length, Now, out int msgId));
            string line = WaitFor("registered " + msgId + " ");
            Assert.IsTrue(line.EndsWith(" 0", StringComparison.Ordinal), line);
            return int.Parse(line.Split(' ')[2]);
        }

        public void Subscribe(string filter, int qos)
        {
            byte[] f = Encoding.UTF8.GetBytes(filter);
            Assert.AreEqual(SnClientResult.Ok, Client.Subscribe(f, 0, f.Length, qos, Now, out int msgId));
            string line = WaitFor("subscribed " + msgId + " ");
            Assert.IsTrue(line.EndsWith(" 0", StringComparison.Ordinal), line);
        }

        public void Publish(int qos, int topicId, string payload, bool retain = false)
        {
            byte[] d = Encoding.UTF8.GetBytes(payload);
            Assert.AreEqual(SnClientResult.Ok, Client.Publish(qos, 0, topicId, retain, d, 0, d.Length, Now, out int msgId));
            if (qos > 0)
            {
                Assert.AreEqual("published " + msgId + " 0", WaitFor("published " + msgId + " "));
            }
            else
            {
                Pump(0);
            }
        }

        public void Dispose() => _socket.Close();
    }
}
