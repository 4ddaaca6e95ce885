using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    /// <summary>A broker engine driven by a fake clock, with scripted clients.</summary>
    internal sealed class ScriptedBroker
    {
        public readonly BrokerEngine Engine;
        public long Now = 1_000_000;

        public ScriptedBroker(BrokerOptions options = null)
        {
            Engine = new BrokerEngine(options ?? new BrokerOptions());
        }

        public void Advance(long ms)
        {
            Now += ms;
            Engine.Poll(Now);
        }

        public ScriptedClient Accept()
        {
            int id = Engine.Accept(Now);
            Assert.IsTrue(id >= 0, "no connection slot");
            return new ScriptedClient(this, id);
        }

        /// <summary>Accepts, sends CONNECT and checks CONNACK 0 with the expected Session Present flag.</summary>
        public ScriptedClient Connect(string clientId, bool clean = true, int keepAlive = 0, bool sessionPresent = false, int level = 4)
        {
            ScriptedClient c = Accept();
            c.Send(Packets.Connect(clientId, clean, keepAlive, level: level));
            Assert.AreEqual(sessionPresent ? "20020100" : "20020000", c.Next().Hex);
            return c;
        }
    }

    internal sealed class ScriptedClient
    {
        private readonly ScriptedBroker _broker;
        private readonly List<byte> _pending = new List<byte>();
        public readonly int Id;

        public ScriptedClient(ScriptedBroker broker, int id)
        {
            _broker = broker;
            Id = id;
        }

        public BrokerEngine Engine => _broker.Engine;

        public void Send(byte[] bytes) => Engine.Receive(Id, bytes, 0, bytes.Length, _broker.Now);

        public bool WantsClose => Engine.WantsClose(Id);

        /// <summary>Every packet sent by the broker so far.</summary>
        public List<Received> Drain()
        {
            var buffer = new byte[4096];
            int n;
            while ((n = Engine.ReadOutput(Id, buffer, 0, buffer.Length)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    _pending.Add(buffer[i]);
                }
            }
            var packets = new List<Received>();
            int p = 0;
            while (p < _pending.Count)
            {
                int length = 0;
                int shift = 0;
                int h = p + 1;
                int digit;
                do
                {
                    digit = _pending[h++];
                    length |= (digit & 0x7F) << shift;
                    shift += 7;
                }
                while ((digit & 0x80) != 0);
                var bytes = _pending.GetRange(p, h - p + length).ToArray();
                packets.Add(new Received { Bytes = bytes, BodyOffset = h - p });
                p = h + length;
            }
            _pending.Clear();
            _queue.AddRange(packets);
            var result = new List<Received>(_queue);
            _queue.Clear();
            return result;
        }

        private readonly List<Received> _queue = new List<Received>();

        /// <summary>The next packet sent by the broker; fails when there is none.</summary>
        public Received Next()
        {
            if (_queue.Count == 0)
            {
                _queue.AddRange(Drain());
            }
            Assert.IsTrue(_queue.Count > 0, "the broker sent nothing");
            Received r = _queue[0];
            _queue.RemoveAt(0);
            return r;
        }

        /// <summary>Asserts the broker sent nothing more.</summary>
        public void ExpectNothing()
        {
            var rest = Drain();
            Assert.AreEqual(0, rest.Count, rest.Count > 0 ? "unexpected " + rest[0].Hex : "");
        }

        public void Closed() => Engine.Closed(Id);
    }
}
