using System;
using Nano.Mqtt.Broker;

namespace Nano.DeviceBench
{
    /// <summary>
    /// One publisher and N subscribers on a fresh <see cref="BrokerEngine"/> with the default
    /// (ESP32) budget. Each round feeds one PUBLISH in, reads every connection's output (the
    /// subscribers acknowledge QoS 1 deliveries) and runs the engine's timers, as a host poll loop
    /// would; the engine's clock advances 1 ms per round.
    /// </summary>
    public sealed class Scenario
    {
        private const string Topic = "bench/sensor/temperature";
        private const int PayloadLength = 32;

        private readonly int _qos;
        private readonly BrokerEngine _engine;
        private readonly Peer _publisher;
        private readonly Peer[] _subscribers;
        private readonly byte[] _publish;
        private readonly int _packetIdOffset;
        private long _nowMs = 1000;

        public Scenario(string name, int subscribers, int qos)
        {
            Name = name;
            _qos = qos;
            _engine = new BrokerEngine(new BrokerOptions());
            _publisher = Connect("pub");
            _subscribers = new Peer[subscribers];
            byte[] subscribe = Packets.Subscribe(1, Topic, qos);
            for (int i = 0; i < subscribers; i++)
            {
                _subscribers[i] = Connect("sub" + i);
                _subscribers[i].Send(subscribe, _nowMs);
                _subscribers[i].Drain(_nowMs);
            }
            _publish = Packets.PublishPacket(Topic, qos, PayloadLength);
            _packetIdOffset = qos > 0 ? Packets.PublishPacketIdOffset(_publish) : -1;
        }

        public readonly string Name;

        /// <summary>Null when the connections were set up as expected, else what went wrong.</summary>
        public string SetupError()
        {
            if (_publisher.Connection < 0 || _publisher.ConnAccepted != 1)
            {
                return "publisher not connected";
            }
            for (int i = 0; i < _subscribers.Length; i++)
            {
                if (_subscribers[i].Connection < 0 || _subscribers[i].ConnAccepted != 1 || _subscribers[i].SubGranted != 1)
                {
                    return "subscriber " + i + " not connected and subscribed";
                }
            }
            return null;
        }

        /// <summary>Runs <paramref name="messages"/> rounds and returns the elapsed time in 100 ns ticks.</summary>
        public long Run(int messages)
        {
            long start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < messages; i++)
            {
                Round(i);
            }
            return DateTime.UtcNow.Ticks - start;
        }

        /// <summary>
        /// Heap bytes allocated per round, over <paramref name="messages"/> rounds in which no garbage
        /// collection ran (a few attempts); -1 when the heap cannot be read or every attempt saw one.
        /// </summary>
        public long AllocatedPerRound(int messages)
        {
            for (int attempt = 0; attempt < 3; attempt++)
            {
                long collections = HeapReadings.Collections();
                long before = HeapReadings.BytesInUse();
                Run(messages);
                long after = HeapReadings.BytesInUse();
                if (before >= 0 && HeapReadings.Collections() == collections)
                {
                    return (after - before) / messages;
                }
            }
            return -1;
        }

        /// <summary>PUBLISH packets delivered to all subscribers so far.</summary>
        public long Deliveries()
        {
            long n = 0;
            for (int i = 0; i < _subscribers.Length; i++)
            {
                n += _subscribers[i].Publishes;
            }
            return n;
        }

        /// <summary>PUBACKs the publisher received so far (0 at QoS 0).</summary>
        public long PublisherAcks => _publisher.PubAcks;

        /// <summary>Packets of an unexpected type seen on any connection so far.</summary>
        public int Unexpected()
        {
            int n = _publisher.Unexpected;
            for (int i = 0; i < _subscribers.Length; i++)
            {
                n += _subscribers[i].Unexpected;
            }
            return n;
        }

        public int Qos => _qos;

        public int Subscribers => _subscribers.Length;

        private void Round(int i)
        {
            if (_packetIdOffset >= 0)
            {
                Packets.WritePacketId(_publish, _packetIdOffset, i % 65535 + 1);
            }
            _publisher.Send(_publish, _nowMs);
            _publisher.Drain(_nowMs);
            for (int s = 0; s < _subscribers.Length; s++)
            {
                _subscribers[s].Drain(_nowMs);
            }
            _engine.Poll(_nowMs);
            _nowMs++;
        }

        private Peer Connect(string clientId)
        {
            Peer peer = new Peer(_engine, _nowMs);
            peer.Send(Packets.Connect(clientId), _nowMs);
            peer.Drain(_nowMs);
            return peer;
        }
    }
}
