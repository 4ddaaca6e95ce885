using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Client
{
    public sealed partial class MqttClientEngine
    {
        /// <summary>
        /// Processes received bytes and returns how many were consumed. Fewer than <paramref name="count"/>
        /// means the output is too full to acknowledge more: send output, then offer the rest again.
        /// Bytes received while neither connecting nor connected are discarded (all reported consumed).
        /// </summary>
        public int Receive(byte[] data, int offset, int count, long nowMs)
        {
            Tick(nowMs);
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                return 0;
            }

            int consumed = 0;
            while (consumed < count && (_state == ClientState.Connecting || _state == ClientState.Connected))
            {
                if (_output.Reserve(ResponseReserve, 0) < 0)
                {
                    break;
                }

                consumed += _reader.Feed(data, offset + consumed, count - consumed, out FrameStatus status);
                if (status == FrameStatus.PacketReady)
                {
                    _lastReceivedMs = nowMs;
                    _pingOutstanding = false;
                    HandlePacket(_reader.PacketBuffer, _reader.PacketOffset, _reader.PacketLength);
                }
                else if (status == FrameStatus.TooLarge)
                {
                    Drop(DisconnectReason.PacketTooLarge);
                }
                else if (status == FrameStatus.Malformed)
                {
                    Drop(DisconnectReason.ProtocolError);
                }
            }

            if (_state != ClientState.Connecting && _state != ClientState.Connected)
            {
                return count;
            }

            Pump();
            return consumed;
        }

        private void HandlePacket(byte[] buffer, int offset, int length)
        {
            PacketType type = (PacketType)(buffer[offset] >> 4);
            if (_state == ClientState.Connecting)
            {
                if (type == PacketType.ConnAck)
                {
                    HandleConnAck(buffer, offset, length);
                }
                else
                {
                    Drop(DisconnectReason.ProtocolError); // [MQTT-3.2.0-1]
                }

                return;
            }

            MqttError error;
            switch (type)
            {
                case PacketType.Publish:
                    error = HandlePublish(buffer, offset, length);
                    break;
                case PacketType.PubAck:
                case PacketType.PubRec:
                case PacketType.PubRel:
                case PacketType.PubComp:
                    error = HandleAck(buffer, offset, length);
                    break;
                case PacketType.SubAck:
                    error = HandleSubAck(buffer, offset, length);
                    break;
                case PacketType.UnsubAck:
                    error = HandleUnsubAck(buffer, offset, length);
                    break;
                case PacketType.PingResp:
                    error = _headerOnly.Decode(buffer, offset, length, _level);
                    break;
                default:
                    error = MqttError.PacketTypeUnexpected;
                    break;
            }

            if (error != MqttError.None)
            {
                Drop(DisconnectReason.ProtocolError); // [MQTT-4.8.0-1]
            }
        }

        private void HandleConnAck(byte[] buffer, int offset, int length)
        {
            ConnAckPacket connAck = _connAck;
            MqttError error = connAck.Decode(buffer, offset, length, _level);
            if (error != MqttError.None)
            {
                Drop(DisconnectReason.ProtocolError);
                return;
            }

            LastReturnCode = connAck.ReturnCode;
            ConnAckHandler handler = ConnAckReceived;
            if (handler != null)
            {
                handler(connAck.ReturnCode, connAck.SessionPresent);
            }

            if (connAck.ReturnCode != ConnectReturnCode.Accepted)
            {
                Drop(DisconnectReason.Refused); // [MQTT-3.2.2-5]
                return;
            }

            // A 3.1 CONNACK has no Session Present flag: a persistent session is assumed kept for the QoS
            // flows, and subscriptions are sent again (re-subscribing replaces, [MQTT-3.8.4-3]).
            bool sessionKept = !_cleanSession && (connAck.SessionPresent || _level == Mqtt.ProtocolLevel.V31);
            SessionPresent = connAck.SessionPresent;
            if (!sessionKept)
            {
                Statistics.MessagesAcknowledged += _queue.NewSession();
                _awaitingRelease.Clear();
            }

            if (!connAck.SessionPresent)
            {
                SubscriptionsNewSession();
            }

            _backoff.Reset();
            Statistics.Connections++;
            SetState(ClientState.Connected, DisconnectReason.None);
        }

        private MqttError HandlePublish(byte[] buffer, int offset, int length)
        {
            PublishPacket publish = _publishIn;
            MqttError error = publish.Decode(buffer, offset, length, _level);
            if (error != MqttError.None)
            {
                return error;
            }

            if (publish.Qos == 2)
            {
                if (_awaitingRelease.Contains(publish.PacketId))
                {
                    Statistics.DuplicatesSuppressed++; // [MQTT-4.3.3-2]
                }
                else
                {
                    if (!_awaitingRelease.Add(publish.PacketId))
                    {
                        Drop(DisconnectReason.AwaitingReleaseFull);
                        return MqttError.None;
                    }

                    Deliver(publish);
                }

                WriteAck(PacketType.PubRec, publish.PacketId);
                return MqttError.None;
            }

            Deliver(publish);
            if (publish.Qos == 1)
            {
                WriteAck(PacketType.PubAck, publish.PacketId); // [MQTT-4.5.0-2]
            }

            return MqttError.None;
        }

        private void Deliver(PublishPacket publish)
        {
            Statistics.MessagesDelivered++;
            MessageHandler handler = MessageReceived;
            if (handler != null)
            {
                handler(publish.Topic.Buffer, publish.Topic.Offset, publish.Topic.Length, publish.Payload.Offset, publish.Payload.Length, publish.Qos, publish.Retain);
            }
        }

        private MqttError HandleAck(byte[] buffer, int offset, int length)
        {
            AckPacket ack = _ackIn;
            MqttError error = ack.Decode(buffer, offset, length, _level);
            if (error != MqttError.None)
            {
                return error;
            }

            int index;
            switch (ack.Type)
            {
                case PacketType.PubAck:
                    index = _queue.Find(ack.PacketId, OutboundMessage.AwaitingPubAck);
                    if (index >= 0)
                    {
                        _queue.RemoveAt(index);
                        Statistics.MessagesAcknowledged++;
                    }

                    break;
                case PacketType.PubRec:
                    index = _queue.Find(ack.PacketId, OutboundMessage.AwaitingPubRec);
                    if (index < 0)
                    {
                        index = _queue.Find(ack.PacketId, OutboundMessage.AwaitingPubComp);
                    }

                    if (index >= 0)
                    {
                        // Never re-send the PUBLISH after this point [MQTT-4.3.3-1]; PUBREL in PUBREC order [MQTT-4.6.0-4].
                        OutboundMessage m = _queue.At(index);
                        m.State = OutboundMessage.AwaitingPubComp;
                        m.SentAtMs = _nowMs;
                        WriteAck(PacketType.PubRel, ack.PacketId);
                    }

                    break;
                case PacketType.PubRel:
                    _awaitingRelease.Remove(ack.PacketId);
                    WriteAck(PacketType.PubComp, ack.PacketId); // [MQTT-4.3.3-2]
                    break;
                default:
                    index = _queue.Find(ack.PacketId, OutboundMessage.AwaitingPubComp);
                    if (index >= 0)
                    {
                        _queue.RemoveAt(index);
                        Statistics.MessagesAcknowledged++;
                    }

                    break;
            }

            return MqttError.None;
        }
    }
}
