using System;
using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Client
{
    /// <summary>
    /// The topic filters the client keeps, in fixed slots held in parallel arrays: what the application
    /// wants, which SUBSCRIBE or UNSUBSCRIBE is due or awaits its acknowledgment, and what the server
    /// granted. Slot i's filter lies at <see cref="FilterOffset"/> in <see cref="Filters"/>. It writes
    /// nothing; the engine sends what <see cref="NextPending"/> returns and reports acknowledgments back.
    /// </summary>
    internal sealed class SubscriptionBook
    {
        private readonly int _maxFilterLength;
        private readonly byte[] _filters;
        private readonly int[] _filterLength;
        private readonly byte[] _qos;
        private readonly int[] _returnCode;
        private readonly ushort[] _packetId;
        private readonly byte[] _state;

        /// <summary>Subscribe again once the acknowledgment in flight arrives (the filter was subscribed anew).</summary>
        private readonly bool[] _subscribeAfterAck;

        /// <summary>Unsubscribe once the SUBACK in flight arrives.</summary>
        private readonly bool[] _unsubscribeAfterAck;

        internal SubscriptionBook(int capacity, int maxFilterLength)
        {
            capacity = capacity < 1 ? 1 : capacity;
            _maxFilterLength = maxFilterLength < 1 ? 1 : maxFilterLength;
            _filters = new byte[capacity * _maxFilterLength];
            _filterLength = new int[capacity];
            _qos = new byte[capacity];
            _returnCode = new int[capacity];
            _packetId = new ushort[capacity];
            _state = new byte[capacity];
            _subscribeAfterAck = new bool[capacity];
            _unsubscribeAfterAck = new bool[capacity];
        }

        internal int Capacity
        {
            get { return _state.Length; }
        }

        /// <summary>The array holding every slot's filter.</summary>
        internal byte[] Filters
        {
            get { return _filters; }
        }

        internal int FilterOffset(int slot)
        {
            return slot * _maxFilterLength;
        }

        internal int FilterLength(int slot)
        {
            return _filterLength[slot];
        }

        internal byte Qos(int slot)
        {
            return _qos[slot];
        }

        internal SubscriptionState State(int slot)
        {
            return (SubscriptionState)_state[slot];
        }

        /// <summary>Wants the (valid) filter at <paramref name="qos"/>: a known filter gets the new QoS, a new one a free
        /// slot. Returns the slot index, or -1 when the filter is too long or no slot is free.</summary>
        internal int Add(byte[] filter, int offset, int length, byte qos)
        {
            int slot = Find(filter, offset, length);
            if (slot >= 0)
            {
                _qos[slot] = qos;
                if (AwaitingAck(slot))
                {
                    _subscribeAfterAck[slot] = true;
                    _unsubscribeAfterAck[slot] = false;
                }
                else
                {
                    _state[slot] = (byte)SubscriptionState.SubscribePending;
                }

                return slot;
            }

            if (length > _maxFilterLength)
            {
                return -1;
            }

            for (int i = 0; i < _state.Length; i++)
            {
                if (State(i) == SubscriptionState.Free)
                {
                    Array.Copy(filter, offset, _filters, FilterOffset(i), length);
                    _filterLength[i] = length;
                    _qos[i] = qos;
                    _returnCode[i] = 0;
                    _packetId[i] = 0;
                    _subscribeAfterAck[i] = false;
                    _unsubscribeAfterAck[i] = false;
                    _state[i] = (byte)SubscriptionState.SubscribePending;
                    return i;
                }
            }

            return -1;
        }

        /// <summary>No longer wants the filter; false when it is not wanted.</summary>
        internal bool Remove(byte[] filter, int offset, int length)
        {
            int slot = Find(filter, offset, length);
            if (slot < 0 || !Wanted(slot))
            {
                return false;
            }

            switch (State(slot))
            {
                case SubscriptionState.SubscribePending:
                    _state[slot] = (byte)SubscriptionState.Free;
                    break;
                case SubscriptionState.Subscribed:
                    _state[slot] = (byte)SubscriptionState.UnsubscribePending;
                    break;
                case SubscriptionState.AwaitingSubAck:
                    _unsubscribeAfterAck[slot] = true;
                    _subscribeAfterAck[slot] = false;
                    break;
                default:
                    _subscribeAfterAck[slot] = false;
                    break;
            }

            return true;
        }

        /// <summary>True when slot <paramref name="slot"/> is wanted and its filter matches the topic.</summary>
        internal bool Matches(int slot, byte[] topic, int topicOffset, int topicLength)
        {
            if (slot < 0 || slot >= _state.Length || !Wanted(slot))
            {
                return false;
            }

            return TopicMatcher.Matches(_filters, FilterOffset(slot), _filterLength[slot], topic, topicOffset, topicLength);
        }

        /// <summary>Granted QoS or 0x80 of a subscribed slot; -1 otherwise.</summary>
        internal int ReturnCode(int slot)
        {
            if (slot < 0 || slot >= _state.Length || State(slot) != SubscriptionState.Subscribed)
            {
                return -1;
            }

            return _returnCode[slot];
        }

        /// <summary>True when a SUBSCRIBE or UNSUBSCRIBE awaiting its acknowledgment holds <paramref name="packetId"/>.</summary>
        internal bool UsesId(ushort packetId)
        {
            for (int i = 0; i < _state.Length; i++)
            {
                if (_packetId[i] == packetId && AwaitingAck(i))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The first slot whose SUBSCRIBE or UNSUBSCRIBE is due, or -1.</summary>
        internal int NextPending()
        {
            for (int i = 0; i < _state.Length; i++)
            {
                SubscriptionState state = State(i);
                if (state == SubscriptionState.SubscribePending || state == SubscriptionState.UnsubscribePending)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The request of <paramref name="slot"/> was written with <paramref name="packetId"/>.</summary>
        internal void Sent(int slot, ushort packetId)
        {
            _packetId[slot] = packetId;
            _state[slot] = (byte)(State(slot) == SubscriptionState.SubscribePending ? SubscriptionState.AwaitingSubAck : SubscriptionState.AwaitingUnsubAck);
        }

        /// <summary>SUBACK for <paramref name="packetId"/> with the first return code; returns the slot, or -1 when
        /// no SUBSCRIBE awaits it.</summary>
        internal int SubAckReceived(ushort packetId, int returnCode)
        {
            int slot = Awaiting(packetId, SubscriptionState.AwaitingSubAck);
            if (slot < 0)
            {
                return -1;
            }

            _packetId[slot] = 0;
            _returnCode[slot] = returnCode;
            _state[slot] = (byte)SubscriptionState.Subscribed;
            if (_unsubscribeAfterAck[slot])
            {
                _unsubscribeAfterAck[slot] = false;
                _state[slot] = (byte)SubscriptionState.UnsubscribePending;
            }
            else if (_subscribeAfterAck[slot])
            {
                _subscribeAfterAck[slot] = false;
                _state[slot] = (byte)SubscriptionState.SubscribePending;
            }

            return slot;
        }

        /// <summary>UNSUBACK for <paramref name="packetId"/>; returns the slot, or -1 when no UNSUBSCRIBE awaits it.</summary>
        internal int UnsubAckReceived(ushort packetId)
        {
            int slot = Awaiting(packetId, SubscriptionState.AwaitingUnsubAck);
            if (slot < 0)
            {
                return -1;
            }

            _packetId[slot] = 0;
            _state[slot] = (byte)SubscriptionState.Free;
            if (_subscribeAfterAck[slot])
            {
                _subscribeAfterAck[slot] = false;
                _state[slot] = (byte)SubscriptionState.SubscribePending;
            }

            return slot;
        }

        /// <summary>Acknowledgments in flight are lost with the connection: their requests are sent again.</summary>
        internal void ConnectionLost()
        {
            for (int i = 0; i < _state.Length; i++)
            {
                _packetId[i] = 0;
                if (State(i) == SubscriptionState.AwaitingSubAck)
                {
                    _state[i] = (byte)(_unsubscribeAfterAck[i] ? SubscriptionState.UnsubscribePending : SubscriptionState.SubscribePending);
                    _unsubscribeAfterAck[i] = false;
                    _subscribeAfterAck[i] = false;
                }
                else if (State(i) == SubscriptionState.AwaitingUnsubAck)
                {
                    _state[i] = (byte)(_subscribeAfterAck[i] ? SubscriptionState.SubscribePending : SubscriptionState.UnsubscribePending);
                    _subscribeAfterAck[i] = false;
                }
            }
        }

        /// <summary>The server kept no subscriptions: every wanted filter is subscribed again; pending
        /// unsubscriptions are already done.</summary>
        internal void NewSession()
        {
            for (int i = 0; i < _state.Length; i++)
            {
                if (State(i) == SubscriptionState.Subscribed)
                {
                    _state[i] = (byte)SubscriptionState.SubscribePending;
                }
                else if (State(i) == SubscriptionState.UnsubscribePending)
                {
                    _state[i] = (byte)SubscriptionState.Free;
                }
            }
        }

        /// <summary>True when the application still wants the filter (not being unsubscribed).</summary>
        private bool Wanted(int slot)
        {
            SubscriptionState state = State(slot);
            return state == SubscriptionState.SubscribePending || state == SubscriptionState.Subscribed
                || (state == SubscriptionState.AwaitingSubAck && !_unsubscribeAfterAck[slot])
                || ((state == SubscriptionState.UnsubscribePending || state == SubscriptionState.AwaitingUnsubAck) && _subscribeAfterAck[slot]);
        }

        private bool AwaitingAck(int slot)
        {
            SubscriptionState state = State(slot);
            return state == SubscriptionState.AwaitingSubAck || state == SubscriptionState.AwaitingUnsubAck;
        }

        private int Find(byte[] filter, int offset, int length)
        {
            if (filter == null || offset < 0 || length < 0 || offset > filter.Length - length)
            {
                return -1;
            }

            for (int i = 0; i < _state.Length; i++)
            {
                if (State(i) != SubscriptionState.Free && Bytes.Equal(_filters, FilterOffset(i), _filterLength[i], filter, offset, length))
                {
                    return i;
                }
            }

            return -1;
        }

        private int Awaiting(ushort packetId, SubscriptionState state)
        {
            for (int i = 0; i < _state.Length; i++)
            {
                if (State(i) == state && _packetId[i] == packetId)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
