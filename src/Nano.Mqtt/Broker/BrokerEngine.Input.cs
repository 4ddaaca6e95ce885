using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    public sealed partial class BrokerEngine
    {
        /// <summary>
        /// Processes every whole packet buffered on a connection, in order. A packet whose answer does not fit
        /// the output buffer stays buffered until the host has read output (backpressure).
        /// </summary>
        private void ProcessInput(int ci)
        {
            Connection c = _connections[ci];
            int position = 0;
            while (c.State == Connection.AwaitingConnect || c.State == Connection.Connected)
            {
                MqttError error = FixedHeader.Read(c.Input, position, c.InputLength - position, out PacketType type, out byte flags, out int remaining, out int header);
                if (error == MqttError.FixedHeaderTruncated)
                {
                    break;
                }
                int size = header + remaining;
                if (error != MqttError.None || size > _options.MaxPacketSize)
                {
                    // An oversized packet is refused from its remaining length, before buffering it.
                    ProtocolViolation(ci);
                    break;
                }
                if (c.InputLength - position < size)
                {
                    break;
                }
                if (!Dispatch(ci, type, position, size))
                {
                    break;
                }
                Statistics.PacketsReceived++;
                position += size;
            }
            if (position > 0 && c.State != Connection.Free)
            {
                int rest = c.InputLength - position;
                System.Array.Copy(c.Input, position, c.Input, 0, rest);
                c.InputLength = rest;
            }
        }

        /// <summary>Handles one whole packet; false when it must wait for output space.</summary>
        private bool Dispatch(int ci, PacketType type, int offset, int size)
        {
            Connection c = _connections[ci];
            if (c.State == Connection.AwaitingConnect)
            {
                if (type != PacketType.Connect)
                {
                    ProtocolViolation(ci); // [MQTT-3.1.0-1]
                    return true;
                }
                return HandleConnect(ci, offset, size);
            }
            switch (type)
            {
                case PacketType.Publish:
                    return HandlePublish(ci, offset, size);
                case PacketType.PubAck:
                case PacketType.PubRec:
                case PacketType.PubRel:
                case PacketType.PubComp:
                    return HandleAck(ci, offset, size);
                case PacketType.Subscribe:
                    return HandleSubscribe(ci, offset, size);
                case PacketType.Unsubscribe:
                    return HandleUnsubscribe(ci, offset, size);
                case PacketType.PingReq:
                case PacketType.Disconnect:
                    return HandleHeaderOnly(ci, offset, size);
                default:
                    ProtocolViolation(ci); // a second CONNECT [MQTT-3.1.0-2], or a server-to-client packet
                    return true;
            }
        }

        private bool HandleHeaderOnly(int ci, int offset, int size)
        {
            Connection c = _connections[ci];
            HeaderOnlyPacket packet = _headerOnlyIn;
            if (packet.Decode(c.Input, offset, size, c.ProtocolLevel) != MqttError.None)
            {
                ProtocolViolation(ci);
                return true;
            }
            if (packet.Type == PacketType.Disconnect)
            {
                Close(ci, false); // the Will is discarded unpublished [MQTT-3.14.4-3]
                return true;
            }
            HeaderOnlyPacket response = _headerOnlyOut.Set(PacketType.PingResp); // [MQTT-3.12.4-1]
            if (!c.Reserve(response.GetSize()))
            {
                return false;
            }
            Written(c, response.Encode(c.Output, c.OutputEnd));
            return true;
        }

        /// <summary>Closes the connection for a protocol violation [MQTT-4.8.0-1]; the Will is published.</summary>
        private void ProtocolViolation(int ci)
        {
            Statistics.ProtocolErrors++;
            Close(ci, true);
        }

        private void Written(Connection c, int bytes)
        {
            c.OutputEnd += bytes;
            Statistics.PacketsSent++;
        }
    }
}
