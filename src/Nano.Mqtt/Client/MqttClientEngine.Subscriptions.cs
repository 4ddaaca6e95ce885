using System;
using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Client
{
    public sealed partial class MqttClientEngine
    {
        /// <summary>
        /// Subscribes to a topic filter (one SUBSCRIBE per filter, sent now when connected, else after the
        /// connect) and keeps it to subscribe again whenever the server has not kept the session. The same
        /// filter again replaces its QoS. Returns the subscription's index (stable until it is unsubscribed and
        /// acknowledged), or -1 when the filter or QoS is invalid, the filter too long, or the table full.
        /// The result arrives through <see cref="SubscribeCompleted"/>.
        /// </summary>
        public int Subscribe(byte[] filter, int offset, int length, int qos)
        {
            if (qos < 0 || qos > 2 || TopicFilter.Validate(filter, offset, length) != MqttError.None)
            {
                return -1;
            }

            int index = FindSubscription(filter, offset, length);
            if (index >= 0)
            {
                ClientSubscription s = _subscriptions[index];
                s.Qos = (byte)qos;
                if (s.State == ClientSubscription.AwaitingSubAck || s.State == ClientSubscription.AwaitingUnsubAck)
                {
                    s.SubscribeAfterAck = true;
                    s.UnsubscribeAfterAck = false;
                }
                else
                {
                    s.State = ClientSubscription.SubscribePending;
                }

                Pump();
                return index;
            }

            if (length > _subscriptions[0].Filter.Length)
            {
                return -1;
            }

            for (int i = 0; i < _subscriptions.Length; i++)
            {
                ClientSubscription s = _subscriptions[i];
                if (s.State == ClientSubscription.Free)
                {
                    Array.Copy(filter, offset, s.Filter, 0, length);
                    s.FilterLength = length;
                    s.Qos = (byte)qos;
                    s.ReturnCode = 0;
                    s.PacketId = 0;
                    s.SubscribeAfterAck = false;
                    s.UnsubscribeAfterAck = false;
                    s.State = ClientSubscription.SubscribePending;
                    Pump();
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Unsubscribes from a filter given to <see cref="Subscribe"/> (UNSUBSCRIBE sent now when connected,
        /// else after a connect that resumes the session). False when the filter is not subscribed.</summary>
        public bool Unsubscribe(byte[] filter, int offset, int length)
        {
            int index = FindSubscription(filter, offset, length);
            if (index < 0 || !_subscriptions[index].Wanted)
            {
                return false;
            }

            ClientSubscription s = _subscriptions[index];
            switch (s.State)
            {
                case ClientSubscription.SubscribePending:
                    s.State = ClientSubscription.Free;
                    break;
                case ClientSubscription.Subscribed:
                    s.State = ClientSubscription.UnsubscribePending;
                    break;
                case ClientSubscription.AwaitingSubAck:
                    s.UnsubscribeAfterAck = true;
                    s.SubscribeAfterAck = false;
                    break;
                default:
                    s.SubscribeAfterAck = false;
                    break;
            }

            Pump();
            return true;
        }

        /// <summary>True when subscription <paramref name="index"/> is wanted and its filter matches the topic.</summary>
        public bool SubscriptionMatches(int index, byte[] topic, int topicOffset, int topicLength)
        {
            if (index < 0 || index >= _subscriptions.Length || !_subscriptions[index].Wanted)
            {
                return false;
            }

            ClientSubscription s = _subscriptions[index];
            return TopicMatcher.Matches(s.Filter, 0, s.FilterLength, topic, topicOffset, topicLength);
        }

        /// <summary>Number of subscription slots (the largest index + 1).</summary>
        public int SubscriptionCapacity
        {
            get { return _subscriptions.Length; }
        }

        /// <summary>Granted QoS (0..2) or 0x80 from the last SUBACK of subscription <paramref name="index"/>;
        /// -1 while none has arrived in this session or the slot is not subscribed.</summary>
        public int SubscriptionReturnCode(int index)
        {
            if (index < 0 || index >= _subscriptions.Length || _subscriptions[index].State != ClientSubscription.Subscribed)
            {
                return -1;
            }

            return _subscriptions[index].ReturnCode;
        }

        private int FindSubscription(byte[] filter, int offset, int length)
        {
            if (filter == null || offset < 0 || length < 0 || offset > filter.Length - length)
            {
                return -1;
            }

            for (int i = 0; i < _subscriptions.Length; i++)
            {
                ClientSubscription s = _subscriptions[i];
                if (s.State != ClientSubscription.Free && s.FilterEquals(filter, offset, length))
                {
                    return i;
                }
            }

            return -1;
        }

        private bool SubscriptionUsesId(ushort id)
        {
            for (int i = 0; i < _subscriptions.Length; i++)
            {
                ClientSubscription s = _subscriptions[i];
                if (s.PacketId == id && (s.State == ClientSubscription.AwaitingSubAck || s.State == ClientSubscription.AwaitingUnsubAck))
                {
                    return true;
                }
            }

            return false;
        }

        private void PumpSubscriptions()
        {
            for (int i = 0; i < _subscriptions.Length; i++)
            {
                ClientSubscription s = _subscriptions[i];
                if (s.State != ClientSubscription.SubscribePending && s.State != ClientSubscription.UnsubscribePending)
                {
                    continue;
                }

                int size;
                if (s.State == ClientSubscription.SubscribePending)
                {
                    SubscribePacket subscribe = _subscribe;
                    subscribe.Count = 1;
                    subscribe.Filters[0].Set(s.Filter, 0, s.FilterLength);
                    subscribe.RequestedQos[0] = s.Qos;
                    size = subscribe.GetSize();
                    int offset = _output.Reserve(size, ResponseReserve);
                    if (offset < 0)
                    {
                        return;
                    }

                    subscribe.PacketId = AllocatePacketId();
                    subscribe.Encode(_output.Data, offset);
                    s.PacketId = subscribe.PacketId;
                    s.State = ClientSubscription.AwaitingSubAck;
                }
                else
                {
                    UnsubscribePacket unsubscribe = _unsubscribe;
                    unsubscribe.Count = 1;
                    unsubscribe.Filters[0].Set(s.Filter, 0, s.FilterLength);
                    size = unsubscribe.GetSize();
                    int offset = _output.Reserve(size, ResponseReserve);
                    if (offset < 0)
                    {
                        return;
                    }

                    unsubscribe.PacketId = AllocatePacketId();
                    unsubscribe.Encode(_output.Data, offset);
                    s.PacketId = unsubscribe.PacketId;
                    s.State = ClientSubscription.AwaitingUnsubAck;
                }

                _output.Commit(size);
                _lastSentMs = _nowMs;
            }
        }

        private MqttError HandleSubAck(byte[] buffer, int offset, int length)
        {
            SubAckPacket subAck = _subAck;
            MqttError error = subAck.Decode(buffer, offset, length, _level);
            if (error != MqttError.None)
            {
                return error;
            }

            ClientSubscription s = AwaitingAck(subAck.PacketId, ClientSubscription.AwaitingSubAck);
            if (s == null)
            {
                return MqttError.None;
            }

            s.PacketId = 0;
            s.ReturnCode = buffer[subAck.ReturnCodes.Offset];
            s.State = ClientSubscription.Subscribed;
            if (s.UnsubscribeAfterAck)
            {
                s.UnsubscribeAfterAck = false;
                s.State = ClientSubscription.UnsubscribePending;
            }
            else if (s.SubscribeAfterAck)
            {
                s.SubscribeAfterAck = false;
                s.State = ClientSubscription.SubscribePending;
            }

            SubscribeResultHandler handler = SubscribeCompleted;
            if (handler != null)
            {
                handler(s.Filter, 0, s.FilterLength, s.ReturnCode);
            }

            return MqttError.None;
        }

        private MqttError HandleUnsubAck(byte[] buffer, int offset, int length)
        {
            UnsubAckPacket unsubAck = _unsubAck;
            MqttError error = unsubAck.Decode(buffer, offset, length, _level);
            if (error != MqttError.None)
            {
                return error;
            }

            ClientSubscription s = AwaitingAck(unsubAck.PacketId, ClientSubscription.AwaitingUnsubAck);
            if (s == null)
            {
                return MqttError.None;
            }

            s.PacketId = 0;
            s.State = ClientSubscription.Free;
            if (s.SubscribeAfterAck)
            {
                s.SubscribeAfterAck = false;
                s.State = ClientSubscription.SubscribePending;
            }

            UnsubscribeResultHandler handler = UnsubscribeCompleted;
            if (handler != null)
            {
                handler(s.Filter, 0, s.FilterLength);
            }

            return MqttError.None;
        }

        private ClientSubscription AwaitingAck(ushort packetId, byte state)
        {
            for (int i = 0; i < _subscriptions.Length; i++)
            {
                ClientSubscription s = _subscriptions[i];
                if (s.State == state && s.PacketId == packetId)
                {
                    return s;
                }
            }

            return null;
        }

        /// <summary>Acknowledgments in flight are lost with the connection: their requests are sent again.</summary>
        private void SubscriptionsConnectionLost()
        {
            for (int i = 0; i < _subscriptions.Length; i++)
            {
                ClientSubscription s = _subscriptions[i];
                s.PacketId = 0;
                if (s.State == ClientSubscription.AwaitingSubAck)
                {
                    s.State = s.UnsubscribeAfterAck ? ClientSubscription.UnsubscribePending : ClientSubscription.SubscribePending;
                    s.UnsubscribeAfterAck = false;
                    s.SubscribeAfterAck = false;
                }
                else if (s.State == ClientSubscription.AwaitingUnsubAck)
                {
                    s.State = s.SubscribeAfterAck ? ClientSubscription.SubscribePending : ClientSubscription.UnsubscribePending;
                    s.SubscribeAfterAck = false;
                }
            }
        }

        /// <summary>The server kept no subscriptions: every wanted filter is subscribed again; pending
        /// unsubscriptions are already done.</summary>
        private void SubscriptionsNewSession()
        {
            for (int i = 0; i < _subscriptions.Length; i++)
            {
                ClientSubscription s = _subscriptions[i];
                if (s.State == ClientSubscription.Subscribed)
                {
                    s.State = ClientSubscription.SubscribePending;
                }
                else if (s.State == ClientSubscription.UnsubscribePending)
                {
                    s.State = ClientSubscription.Free;
                }
            }
        }
    }
}
