using Nano.Mqtt.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>One MQTT-SN client: its address, state, timers, Will, topic ids, buffered messages and the
    /// delivery flow in progress in each direction. Allocated once per slot.</summary>
    internal sealed class SnGatewayClient
    {
        public SnClientStatus Status;
        public int Link;
        /// <summary>Where the address starts in <see cref="Identity"/>, after the longest ClientId.</summary>
        public const int AddressOffset = Codec.ConnectMessage.MaxClientIdLength;

        /// <summary>The client's ClientId at 0 (<see cref="ClientIdLength"/> octets) and its address at
        /// <see cref="AddressOffset"/> (<see cref="AddressLength"/> octets), in one array.</summary>
        public readonly byte[] Identity;
        public int AddressLength;
        public int ClientIdLength;

        /// <summary>Broker engine connection, or -1.</summary>
        public int Connection = -1;
        public bool AwaitingConnAck;
        public bool CleanSession;
        public long KeepAliveMs;
        public long SleepMs;

        /// <summary>Start of the current state's timer: the CONNECT while the Will is prompted for, the last
        /// datagram while active, the start of the sleep while asleep (§6.14).</summary>
        public long TimerStartMs;
        public long ReleasedAtMs;

        /// <summary>The Will: its topic name at 0, its message at <see cref="WillMessageOffset"/>; no Will while
        /// <see cref="WillTopicLength"/> is 0.</summary>
        public readonly byte[] Will;
        public readonly int WillMessageOffset;
        public int WillTopicLength;
        public int WillMessageLength;
        public int WillQos;
        public bool WillRetain;

        public readonly SnClientTopics Topics;
        public readonly SnDeliveryQueue Queue;

        /// <summary>Gateway-to-client flow on the queue head: the answer awaited, its MsgId, topic id, timers.</summary>
        public SnDeliveryFlow Flow;
        public int FlowMsgId;
        public int FlowTopicId;
        public int FlowTopicIdType;
        public long FlowSentMs;
        public int FlowRetries;
        public int NextMsgId;

        /// <summary>Client-to-gateway QoS 1/2 PUBLISH awaiting the broker's answer: MsgId and TopicId to echo in PUBACK.</summary>
        public int InboundMsgId;
        public int InboundTopicId;

        /// <summary>SUBSCRIBE awaiting the broker's SUBACK: MsgId and the TopicId to return.</summary>
        public int SubscribeMsgId;
        public int SubscribeTopicId;

        public SnGatewayClient(SnGatewayOptions o, SnMessagePool pool, SnClientTopics topics)
        {
            Identity = new byte[AddressOffset + o.MaxAddressLength];
            Will = new byte[o.MaxTopicLength + o.MaxPayload];
            WillMessageOffset = o.MaxTopicLength;
            Topics = topics;
            Queue = new SnDeliveryQueue(pool, o.MaxBufferedWhileAsleep);
        }

        public bool IsConnected => Status == SnClientStatus.Active || Status == SnClientStatus.Asleep || Status == SnClientStatus.Awake;

        public bool IsSleeping => Status == SnClientStatus.Asleep || Status == SnClientStatus.Awake;

        /// <summary>Takes <paramref name="status"/> (§6.14), keeping the connected and asleep counters and the
        /// time a disconnected or lost client was released.</summary>
        public void MoveTo(SnClientStatus status, long nowMs, SnGatewayStatistics statistics)
        {
            if (IsConnected)
            {
                statistics.ClientsConnected--;
            }
            if (IsSleeping)
            {
                statistics.ClientsAsleep--;
            }
            Status = status;
            if (IsConnected)
            {
                statistics.ClientsConnected++;
            }
            if (IsSleeping)
            {
                statistics.ClientsAsleep++;
            }
            if (status == SnClientStatus.Disconnected || status == SnClientStatus.Lost)
            {
                ReleasedAtMs = nowMs;
            }
        }

        public bool HasAddress(int link, byte[] address, int offset, int length)
        {
            return HasAddress(link, address, offset, length, 0, 0);
        }

        /// <summary>True when bound to this address on <paramref name="link"/>, the <paramref name="changingLength"/>
        /// octets at <paramref name="changingOffset"/> aside.</summary>
        public bool HasAddress(int link, byte[] address, int offset, int length, int changingOffset, int changingLength)
        {
            if (Status == SnClientStatus.Free || Link != link || AddressLength != length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if (Identity[AddressOffset + i] != address[offset + i] && (i < changingOffset || i >= changingOffset + changingLength))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Takes the changing part of the address this client's datagram came from (an
        /// XBee node's new 16-bit network address), so that replies reach it.</summary>
        public void TakeChangingAddress(byte[] address, int offset, int changingOffset, int changingLength)
        {
            if (changingLength > 0 && changingOffset + changingLength <= AddressLength)
            {
                System.Array.Copy(address, offset + changingOffset, Identity, AddressOffset + changingOffset, changingLength);
            }
        }

        public bool HasClientId(byte[] id, int offset, int length)
        {
            return Status != SnClientStatus.Free && Bytes.Equal(Identity, 0, ClientIdLength, id, offset, length);
        }

        public void Bind(int link, byte[] address, int offset, int length)
        {
            Link = link;
            AddressLength = length;
            System.Array.Copy(address, offset, Identity, AddressOffset, length);
        }

        public int TakeMsgId()
        {
            NextMsgId = NextMsgId >= 0xFFFF ? 1 : NextMsgId + 1;
            return NextMsgId;
        }

        public void ClearWill()
        {
            WillTopicLength = 0;
            WillMessageLength = 0;
            WillQos = 0;
            WillRetain = false;
        }

        /// <summary>Forgets the whole session: Will, topic ids, buffered messages and flows.</summary>
        public void Reset()
        {
            ClearWill();
            Topics.Clear();
            Queue.Clear();
            Flow = SnDeliveryFlow.None;
            InboundMsgId = 0;
            SubscribeMsgId = 0;
            AwaitingConnAck = false;
        }
    }
}
