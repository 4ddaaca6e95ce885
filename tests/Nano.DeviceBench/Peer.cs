using Nano.Mqtt.Broker;

namespace Nano.DeviceBench
{
    /// <summary>
    /// One MQTT client on one engine connection, played by the bench: it sends prepared packets,
    /// reads everything the engine has for it, counts the packets by type and acknowledges each
    /// QoS 1 PUBLISH with a PUBACK, as a subscriber would. Allocates only in its constructor. How it reads the
    /// engine's output (<c>Drain</c>) is in Drive/, one file per way a revision's BrokerListener reads it.
    /// </summary>
    public sealed partial class Peer
    {
        private readonly BrokerEngine _engine;

        /// <summary>Bytes read from the engine and not yet handled: whole packets are handled as they complete.</summary>
        private readonly byte[] _stream = new byte[1024];
        private readonly byte[] _pubAck = Packets.PubAck();
        private int _length;

        public Peer(BrokerEngine engine, long nowMs)
        {
            _engine = engine;
            Connection = engine.Accept(nowMs);
        }

        /// <summary>The engine's connection id, -1 when it had no free slot.</summary>
        public readonly int Connection;

        /// <summary>PUBLISH packets received (deliveries).</summary>
        public long Publishes;

        /// <summary>PUBACK packets received (the publisher's QoS 1 acknowledgements).</summary>
        public long PubAcks;

        /// <summary>CONNACK packets received with return code 0.</summary>
        public int ConnAccepted;

        /// <summary>SUBACK packets received granting the requested QoS.</summary>
        public int SubGranted;

        /// <summary>Packets of any other type, or a CONNACK or SUBACK that refused.</summary>
        public int Unexpected;

        public void Send(byte[] packet, long nowMs)
        {
            _engine.Receive(Connection, packet, 0, packet.Length, nowMs);
        }

        private void HandleCompletePackets(long nowMs)
        {
            int at = 0;
            while (_length - at >= 2)
            {
                int remaining = 0;
                int shift = 0;
                int i = at + 1;
                while (i < _length && (_stream[i] & 0x80) != 0)
                {
                    remaining |= (_stream[i] & 0x7F) << shift;
                    shift += 7;
                    i++;
                }
                if (i >= _length)
                {
                    break;
                }
                remaining |= _stream[i] << shift;
                int body = i + 1;
                if (_length - body < remaining)
                {
                    break;
                }
                Handle(at, body, nowMs);
                at = body + remaining;
            }
            if (at > 0)
            {
                System.Array.Copy(_stream, at, _stream, 0, _length - at);
                _length -= at;
            }
        }

        private void Handle(int header, int body, long nowMs)
        {
            int type = _stream[header] >> 4;
            if (type == Packets.Publish)
            {
                Publishes++;
                if (((_stream[header] >> 1) & 3) == 1)
                {
                    int id = body + 2 + ((_stream[body] << 8) | _stream[body + 1]);
                    _pubAck[2] = _stream[id];
                    _pubAck[3] = _stream[id + 1];
                    _engine.Receive(Connection, _pubAck, 0, _pubAck.Length, nowMs);
                }
            }
            else if (type == Packets.Puback)
            {
                PubAcks++;
            }
            else if (type == Packets.Connack && _stream[body + 1] == 0)
            {
                ConnAccepted++;
            }
            else if (type == Packets.Suback && _stream[body + 2] < 0x80)
            {
                SubGranted++;
            }
            else
            {
                Unexpected++;
            }
        }
    }
}
