using System;
using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Client
{
    /// <summary>
    /// The topic filters the client keeps, in fixed slots: what the application wants, which SUBSCRIBE or
    /// UNSUBSCRIBE is due or awaits its acknowledgment, and what the server granted. It writes nothing; the
    /// engine sends what <see cref="NextPending"/> returns and reports acknowledgments back.
    /// </summary>
    internal sealed class SubscriptionBook
    {
        private readonly ClientSubscription[] _slots;

        internal SubscriptionBook(int capacity, int maxFilterLength)
        {
            _slots = new ClientSubscription[capacity < 1 ? 1 : capacity];
            for (int i = 0; i < _slots.Length; i++)
            {
                _slots[i] = new ClientSubscription(maxFilterLength < 1 ? 1 : maxFilterLength);
            }
        }

        internal int Capacity
        {
            get { return _slots.Length; }
        }

        /// <summary>Wants the (valid) filter at <paramref name="qos"/>: a known filter gets the new QoS, a new one a free
        /// slot. Returns the slot index, or -1 when the filter is too long or no slot is free.</summary>
        internal int Add(byte[] filter, int offset, int length, byte qos)
        {
            int index = Find(filter, offset, length);
            if (index >= 0)
            {
                ClientSubscription s = _slots[index];
                s.Qos = qos;
                if (s.AwaitingAck)
                {
                    s.SubscribeAfterAck = true;
                    s.UnsubscribeAfterAck = false;
                }
                else
                {
                    s.State = SubscriptionState.SubscribePending;
                }

                return index;
            }

            if (length > _slots[0].Filter.Length)
            {
                return -1;
            }

            for (int i = 0; i < _slots.Length; i++)
            {
                ClientSubscription s = _slots[i];
                if (s.State == SubscriptionState.Free)
                {
                    Array.Copy(filter, offset, s.Filter, 0, length);
                    s.FilterLength = length;
                    s.Qos = qos;
                    s.ReturnCode = 0;
                    s.PacketId = 0;
                    s.SubscribeAfterAck = false;
                    s.UnsubscribeAfterAck = false;
                    s.State = SubscriptionState.SubscribePending;
                    return i;
                }
            }

            return -1;
        }

        /// <summary>No longer wants the filter; false when it is not wanted.</summary>
        internal bool Remove(byte[] filter, int offset, int length)
        {
            int index = Find(filter, offset, length);
            if (index < 0 || !_slots[index].Wanted)
            {
                return false;
            }

            ClientSubscription s = _slots[index];
            switch (s.State)
            {
                case SubscriptionState.SubscribePending:
                    s.State = SubscriptionState.Free;
                    break;
                case SubscriptionState.Subscribed:
                    s.State = SubscriptionState.UnsubscribePending;
                    break;
                case SubscriptionState.AwaitingSubAck:
                    s.UnsubscribeAfterAck = true;
                    s.SubscribeAfterAck = false;
                    break;
                default:
                    s.SubscribeAfterAck = false;
                    break;
            }

            return true;
        }

        /// <summary>True when slot <paramref name="index"/> is wanted and its filter matches the topic.</summary>
        internal bool Matches(int index, byte[] topic, int topicOffset, int topicLength)
        {
            if (index < 0 || index >= _slots.Length || !_slots[index].Wanted)
            {
                return false;
            }

            ClientSubscription s = _slots[index];
            return TopicMatcher.Matches(s.Filter, 0, s.FilterLength, topic, topicOffset, topicLength);
        }

        /// <summary>Granted QoS or 0x80 of a subscribed slot; -1 otherwise.</summary>
        internal int ReturnCode(int index)
        {
            if (index < 0 || index >= _slots.Length || _slots[index].State != SubscriptionState.Subscribed)
            {
                return -1;
            }

            return _slots[index].ReturnCode;
        }

        /// <summary>True when a SUBSCRIBE or UNSUBSCRIBE awaiting its acknowledgment holds <paramref name="packetId"/>.</summary>
        internal bool UsesId(ushort packetId)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                ClientSubscription s = _slots[i];
                if (s.PacketId == packetId && s.AwaitingAck)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The first slot whose SUBSCRIBE or UNSUBSCRIBE is due, or null.</summary>
        internal ClientSubscription NextPending()
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                ClientSubscription s = _slots[i];
                if (s.State == SubscriptionState.SubscribePending || s.State == SubscriptionState.UnsubscribePending)
                {
                    return s;
                }
            }

            return null;
        }

        /// <summary>The request of <paramref name="s"/> was written with <paramref name="packetId"/>.</summary>
        internal void Sent(ClientSubscription s, ushort packetId)
        {
            s.PacketId = packetId;
            s.State = s.State == SubscriptionState.SubscribePending ? SubscriptionState.AwaitingSubAck : SubscriptionState.AwaitingUnsubAck;
        }

        /// <summary>SUBACK for <paramref name="packetId"/> with the first return code; returns the slot, or null when
        /// no SUBSCRIBE awaits it.</summary>
        internal ClientSubscription SubAckReceived(ushort packetId, int returnCode)
        {
            ClientSubscription s = Awaiting(packetId, SubscriptionState.AwaitingSubAck);
            if (s == null)
            {
                return null;
            }

            s.PacketId = 0;
            s.ReturnCode = returnCode;
            s.State = SubscriptionState.Subscribed;
            if (s.UnsubscribeAfterAck)
            {
                s.UnsubscribeAfterAck = false;
                s.State = SubscriptionState.UnsubscribePending;
            }
            else if (s.SubscribeAfterAck)
            {
                s.SubscribeAfterAck = false;
                s.State = SubscriptionState.SubscribePending;
            }

            return s;
        }

        /// <summary>UNSUBACK for <paramref name="packetId"/>; returns the slot, or null when no UNSUBSCRIBE awaits it.</summary>
        internal ClientSubscription UnsubAckReceived(ushort packetId)
        {
            ClientSubscription s = Awaiting(packetId, SubscriptionState.AwaitingUnsubAck);
            if (s == null)
            {
                return null;
            }

            s.PacketId = 0;
            s.State = SubscriptionState.Free;
            if (s.SubscribeAfterAck)
            {
                s.SubscribeAfterAck = false;
                s.State = SubscriptionState.SubscribePending;
            }

            return s;
        }

        /// <summary>Acknowledgments in flight are lost with the connection: their requests are sent again.</summary>
        internal void ConnectionLost()
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                ClientSubscription s = _slots[i];
                s.PacketId = 0;
                if (s.State == SubscriptionState.AwaitingSubAck)
                {
                    s.State = s.UnsubscribeAfterAck ? SubscriptionState.UnsubscribePending : SubscriptionState.SubscribePending;
                    s.UnsubscribeAfterAck = false;
                    s.SubscribeAfterAck = false;
                }
                else if (s.State == SubscriptionState.AwaitingUnsubAck)
                {
                    s.State = s.SubscribeAfterAck ? SubscriptionState.SubscribePending : SubscriptionState.UnsubscribePending;
                    s.SubscribeAfterAck = false;
                }
            }
        }

        /// <summary>The server kept no subscriptions: every wanted filter is subscribed again; pending
        /// unsubscriptions are already done.</summary>
        internal void NewSession()
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                ClientSubscription s = _slots[i];
                if (s.State == SubscriptionState.Subscribed)
                {
                    s.State = SubscriptionState.SubscribePending;
                }
                else if (s.State == SubscriptionState.UnsubscribePending)
                {
                    s.State = SubscriptionState.Free;
                }
            }
        }

        private int Find(byte[] filter, int offset, int length)
        {
            if (filter == null || offset < 0 || length < 0 || offset > filter.Length - length)
            {
                return -1;
            }

            for (int i = 0; i < _slots.Length; i++)
            {
                ClientSubscription s = _slots[i];
                if (s.State != SubscriptionState.Free && s.FilterEquals(filter, offset, length))
                {
                    return i;
                }
            }

            return -1;
        }

        private ClientSubscription Awaiting(ushort packetId, SubscriptionState state)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                ClientSubscription s = _slots[i];
                if (s.State == state && s.PacketId == packetId)
                {
                    return s;
                }
            }

            return null;
        }
    }
}
