using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Frames each connection's received bytes into whole packets and hands them, in order, to the handler
    /// of their type. A packet that must wait (output space, backpressure, rate limit) stays at the head of
    /// the input, and the host stops reading the socket once the input is full. A packet larger than the
    /// connection's own buffer borrows one of the <see cref="LargeInputBuffers"/> (or one allocated at its size).
    /// </summary>
    internal sealed class InputHandler
    {
        private readonly BrokerState _state;
        private readonly LargeInputBuffers _large;
        private readonly ConnectionCloser _closer;
        private readonly ConnectHandler _connect;
        private readonly PublishHandler _publish;
        private readonly SubscribeHandler _subscribe;
        private readonly HeaderOnlyPacket _headerOnlyIn = new HeaderOnlyPacket();
        private readonly HeaderOnlyPacket _pingResp = new HeaderOnlyPacket(PacketType.PingResp);

        public InputHandler(BrokerState state, LargeInputBuffers large, ConnectionCloser closer, ConnectHandler connect, PublishHandler publish, SubscribeHandler subscribe)
        {
            _state = state;
            _large = large;
            _closer = closer;
            _connect = connect;
            _publish = publish;
            _subscribe = subscribe;
        }

        /// <summary>Bytes the connection can take now; borrows a large buffer when the packet being received needs one.</summary>
        public int Capacity(Connection c)
        {
            if (c.LargeInput < 0 && c.InputLength > 0)
            {
                int size = PacketSize(c);
                if (size > c.Input.Length && !_large.Borrow(c, size))
                {
                    return 0;
                }
            }
            return c.Input.Length - c.InputLength;
        }

        /// <summary>Processes every whole packet buffered on a connection, in order, until one must wait.</summary>
        public void Process(int ci)
        {
            Receive(ci, _state.Connections[ci], null, 0, 0);
        }

        /// <summary>Appends bytes received on connection <paramref name="ci"/>, <paramref name="c"/>, which accepts input, and
        /// processes every whole packet buffered, in order, until one must wait; bytes beyond <see cref="Capacity"/> close
        /// the connection.</summary>
        public void Receive(int ci, Connection c, byte[] data, int offset, int count)
        {
            int maxPacketSize = _state.Options.MaxPacketSize;
            while (true)
            {
                byte[] input = c.Input;
                int length = c.InputLength;
                int position = 0;
                bool direct = length == 0 && count <= input.Length && c.LargeInput < 0;
                if (direct)
                {
                    // Whole packets are handled from the received bytes themselves; only what is left is buffered.
                    input = data;
                    position = offset;
                    length = offset + count;
                }
                else if (count > 0)
                {
                    int n = length == 0 ? input.Length : Capacity(c);
                    if (n == 0)
                    {
                        _closer.ProtocolViolation(ci, MqttError.LargeBufferUnavailable);
                        return;
                    }
                    if (n > count)
                    {
                        n = count;
                    }
                    input = c.Input; // a large buffer lent by Capacity
                    System.Array.Copy(data, offset, input, length, n);
                    length += n;
                    c.InputLength = length;
                    offset += n;
                    count -= n;
                }
                while (length - position >= 2)
                {
                    ConnectionState state = c.State;
                    if (state != ConnectionState.Connected && state != ConnectionState.AwaitingConnect)
                    {
                        break;
                    }
                    int first = input[position];
                    int header = 2;
                    int size = input[position + 1] + 2;
                    if (size >= 0x82 || (uint)(first - 0x10) >= 0xE0u)
                    {
                        // A remaining length of more than one byte, or a reserved type: the full fixed-header read.
                        MqttError error = FixedHeader.Read(input, position, length - position, out PacketType t, out byte f, out int remaining, out header);
                        if (error != MqttError.None)
                        {
                            if (error != MqttError.FixedHeaderTruncated)
                            {
                                _closer.ProtocolViolation(ci, error);
                            }
                            break;
                        }
                        size = header + remaining;
                    }
                    if (size > maxPacketSize)
                    {
                        // An oversized packet is refused from its remaining length, before buffering it.
                        _closer.ProtocolViolation(ci, MqttError.PacketTooLarge);
                        break;
                    }
                    if (length - position < size)
                    {
                        break;
                    }
                    int type = first >> 4;
                    bool handled;
                    if (state != ConnectionState.Connected)
                    {
                        if (direct)
                        {
                            break;
                        }
                        handled = Connect(ci, (PacketType)type, position, size);
                    }
                    else if (type == (int)PacketType.Publish)
                    {
                        handled = c.LargeInput == LargeInputBuffers.Grown
                            ? HandleGrownPublish(ci, c, first & 0x0F, position + header, position + size)
                            : _publish.HandlePublish(ci, c, input, first & 0x0F, position + header, position + size);
                    }
                    else if (type >= (int)PacketType.PubAck && type <= (int)PacketType.PubComp)
                    {
                        handled = _publish.HandleAck(ci, c, input, first, position + header, position + size);
                    }
                    else
                    {
                        if (direct)
                        {
                            break;
                        }
                        handled = Dispatch(ci, (PacketType)type, position, size);
                    }
                    if (!handled)
                    {
                        break;
                    }
                    _state.Statistics.PacketsReceived++;
                    position += size;
                }
                if (c.State == ConnectionState.Free)
                {
                    return;
                }
                if (direct)
                {
                    count = length - position;
                    if (count == 0)
                    {
                        return;
                    }
                    // A partial packet, or one handled from the connection's input (CONNECT, SUBSCRIBE ...) or waiting there.
                    System.Array.Copy(data, position, c.Input, 0, count);
                    c.InputLength = count;
                    count = 0;
                    continue;
                }
                if (position > 0)
                {
                    length -= position;
                    if (length > 0)
                    {
                        System.Array.Copy(input, position, input, 0, length);
                    }
                    c.InputLength = length;
                }
                if (c.Waiting == PublishWait.Room && c.State == ConnectionState.Connected && _state.Sessions[c.Session].InflightCount > 0)
                {
                    HandleAcksBehind(ci, c);
                }
                if (c.LargeInput >= 0 && c.InputLength <= c.InlineInput.Length && (c.InputLength == 0 || PacketSize(c) <= c.InlineInput.Length))
                {
                    _large.Return(c);
                }
                if (count == 0)
                {
                    return;
                }
                ConnectionState open = c.State;
                if (open != ConnectionState.Connected && open != ConnectionState.AwaitingConnect)
                {
                    return;
                }
            }
        }

        /// <summary>Handles a PUBLISH received into an array of its own, offering that array to the pool as the stored
        /// message so that a large payload is held once.</summary>
        private bool HandleGrownPublish(int ci, Connection c, int flags, int bodyStart, int bodyEnd)
        {
            MessageMemory memory = _state.Pool.Memory;
            memory.Offered = c.Input;
            bool handled = _publish.HandlePublish(ci, c, c.Input, flags, bodyStart, bodyEnd);
            if (memory.Offered == null)
            {
                _large.Keep(c);
            }
            memory.Offered = null;
            return handled;
        }

        /// <summary>
        /// Handles the PUBACK, PUBREC, PUBREL, PUBCOMP and PINGREQ packets received behind the PUBLISH waiting at the head
        /// of the input, and removes them from it: the client's acknowledgements of its own deliveries may be what frees
        /// the queue space that PUBLISH waits for (two clients publishing to each other would otherwise wait for each
        /// other forever). They concern other packet identifiers than the waiting PUBLISH, so taking them first changes
        /// no ordering the protocol defines [MQTT-4.6.0-2..5]; every other packet keeps its place.
        /// </summary>
        private void HandleAcksBehind(int ci, Connection c)
        {
            byte[] input = c.Input;
            int read = PacketSize(c);
            int write = read;
            while (read > 0 && c.InputLength - read >= 2 && c.State == ConnectionState.Connected)
            {
                MqttError error = FixedHeader.Read(input, read, c.InputLength - read, out PacketType type, out byte flags, out int remaining, out int header);
                int size = header + remaining;
                if (error != MqttError.None || c.InputLength - read < size)
                {
                    break; // incomplete, or an error reported when its turn comes
                }
                bool ack = type >= PacketType.PubAck && type <= PacketType.PubComp;
                if ((ack || type == PacketType.PingReq) && (ack ? _publish.HandleAck(ci, c, input, input[read], read + header, read + size) : HandleHeaderOnly(ci, read, size)))
                {
                    _state.Statistics.PacketsReceived++;
                }
                else
                {
                    if (ack || type == PacketType.PingReq)
                    {
                        break; // its answer waits for control output space
                    }
                    if (write != read)
                    {
                        System.Array.Copy(input, read, input, write, size);
                    }
                    write += size;
                }
                read += size;
            }
            if (write != read && c.State == ConnectionState.Connected)
            {
                System.Array.Copy(input, read, input, write, c.InputLength - read);
                c.InputLength -= read - write;
            }
        }

        /// <summary>Size of the packet at the start of the input, or 0 while its fixed header is incomplete or invalid.</summary>
        private static int PacketSize(Connection c)
        {
            MqttError error = FixedHeader.Read(c.Input, 0, c.InputLength, out PacketType type, out byte flags, out int remaining, out int header);
            return error == MqttError.None ? header + remaining : 0;
        }

        /// <summary>Handles the first packet of a connection, which must be CONNECT [MQTT-3.1.0-1]; false when it must wait.</summary>
        private bool Connect(int ci, PacketType type, int offset, int size)
        {
            if (type != PacketType.Connect)
            {
                _closer.ProtocolViolation(ci, MqttError.PacketTypeUnexpected);
                return true;
            }
            return _connect.Handle(ci, offset, size);
        }

        /// <summary>Handles one whole SUBSCRIBE, UNSUBSCRIBE, PINGREQ or DISCONNECT of a connected client; false when it must wait.</summary>
        private bool Dispatch(int ci, PacketType type, int offset, int size)
        {
            switch (type)
            {
                case PacketType.Subscribe:
                    return _subscribe.HandleSubscribe(ci, offset, size);
                case PacketType.Unsubscribe:
                    return _subscribe.HandleUnsubscribe(ci, offset, size);
                case PacketType.PingReq:
                case PacketType.Disconnect:
                    return HandleHeaderOnly(ci, offset, size);
                default:
                    _closer.ProtocolViolation(ci, MqttError.PacketTypeUnexpected); // a second CONNECT [MQTT-3.1.0-2], or a server-to-client packet
                    return true;
            }
        }

        private bool HandleHeaderOnly(int ci, int offset, int size)
        {
            Connection c = _state.Connections[ci];
            HeaderOnlyPacket packet = _headerOnlyIn;
            MqttError error = packet.Decode(c.Input, offset, size, c.ProtocolLevel);
            if (error != MqttError.None)
            {
                _closer.ProtocolViolation(ci, error);
                return true;
            }
            if (packet.Type == PacketType.Disconnect)
            {
                _closer.Close(ci, false, BrokerEvent.ClientDisconnected); // the Will is discarded unpublished [MQTT-3.14.4-3]
                return true;
            }
            if (!c.Reserve(_pingResp.GetSize()))
            {
                return false;
            }
            _state.Written(c, _pingResp.Encode(c.Control, c.ControlEnd)); // [MQTT-3.12.4-1]
            return true;
        }
    }
}
