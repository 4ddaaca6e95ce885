using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;
using Nano.MqttSn.Radio;

namespace Nano.Serial
{
    /// <summary>
    /// A battery sensor node over a radio: for each reading it connects (waking from sleep with
    /// CONNECT, §6.14), registers its topic when the id is not known, publishes the reading and goes
    /// back to sleep (DISCONNECT with Duration) until the next one. A reading not delivered before the
    /// next is due counts as missed.
    /// </summary>
    public sealed class SleepingSensorNode : ISnClientListener
    {
        private readonly SnClient _client;
        private readonly SerialNodeLink _link;
        private readonly byte[] _topic;
        private readonly int _qos;
        private readonly int _intervalMs;
        private readonly int _sleepSeconds;
        private readonly byte[] _reading;
        private int _readingLength;
        private long _nextReadingMs;
        private bool _pending;
        private bool _awaiting;
        private bool _connectTried;
        private bool _sleepDue;

        /// <summary>
        /// Creates the node publishing to <paramref name="topic"/> (UTF-8); its client uses
        /// <paramref name="options"/> (set CleanSession false so the topic registration survives sleep). Readings are due every <paramref name="intervalMs"/>; the
        /// node sleeps <paramref name="sleepSeconds"/> per DISCONNECT (keep it above the interval).
        /// </summary>
        public SleepingSensorNode(SnClientOptions options, RadioPort port, byte[] gatewayAddress, byte[] broadcastAddress,
            byte[] nodeId, byte[] topic, int qos, int intervalMs, int sleepSeconds)
        {
            _client = new SnClient(options, this);
            _link = new SerialNodeLink(_client, port, gatewayAddress, broadcastAddress, nodeId, options.MaxPacketSize);
            _topic = topic;
            _qos = qos;
            _intervalMs = intervalMs;
            _sleepSeconds = sleepSeconds;
            _reading = new byte[options.MaxPacketSize];
        }

        /// <summary>The MQTT-SN client.</summary>
        public SnClient Client => _client;

        /// <summary>The radio link.</summary>
        public SerialNodeLink Link => _link;

        /// <summary>Readings acknowledged by the gateway (PUBACK accepted, or sent at QoS 0).</summary>
        public int Delivered { get; private set; }

        /// <summary>Readings replaced by the next one before they were delivered, or rejected.</summary>
        public int Missed { get; private set; }

        /// <summary>Times the gateway confirmed the node asleep.</summary>
        public int Sleeps { get; private set; }

        /// <summary>CONNACKs accepted.</summary>
        public int Connects { get; private set; }

        /// <summary>Whether the last reading is still being delivered.</summary>
        public bool ReadingPending => _pending;

        /// <summary>Whether a new reading is due (the host then calls <see cref="SetReading"/>).</summary>
        public bool ReadingDue(long nowMs) => nowMs >= _nextReadingMs;

        /// <summary>Takes a reading to publish and schedules the next one.</summary>
        public void SetReading(byte[] data, int offset, int length, long nowMs)
        {
            if (_pending)
            {
                Missed++;
            }

            if (length > _reading.Length)
            {
                length = _reading.Length;
            }

            System.Array.Copy(data, offset, _reading, 0, length);
            _readingLength = length;
            _pending = true;
            _connectTried = false;
            _nextReadingMs = nowMs + _intervalMs;
        }

        /// <summary>Runs the radio link and the reading cycle; true when anything happened.</summary>
        public bool PollOnce(long nowMs)
        {
            bool worked = _link.PollOnce(nowMs);
            Advance(nowMs);
            return worked;
        }

        private void Advance(long nowMs)
        {
            SnClientState state = _client.State;
            if (_awaiting)
            {
                return;
            }

            if (!_pending)
            {
                if (_sleepDue && state == SnClientState.Active && _client.Sleep(_sleepSeconds, nowMs) == SnClientResult.Ok)
                {
                    _sleepDue = false;
                }

                return;
            }

            if (state == SnClientState.Disconnected || state == SnClientState.Asleep)
            {
                if (!_connectTried && _client.Connect(nowMs) == SnClientResult.Ok)
                {
                    _connectTried = true;
                }

                return;
            }

            if (state != SnClientState.Active)
            {
                return;
            }

            int msgId;
            int topicId = _client.Topics.Find(_topic, 0, _topic.Length);
            SnClientResult result = topicId == 0
                ? _client.Register(_topic, 0, _topic.Length, nowMs, out msgId)
                : _client.Publish(_qos, SnTopicIdType.Normal, topicId, false, _reading, 0, _readingLength, nowMs, out msgId);
            if (result != SnClientResult.Ok)
            {
                return;
            }

            if (topicId != 0 && _qos <= SnQos.AtMostOnce)
            {
                ReadingSent();
                return;
            }

            _awaiting = true;
        }

        private void ReadingSent()
        {
            Delivered++;
            _pending = false;
            _sleepDue = true;
        }

        void ISnClientListener.OnGateway(int gwId, byte[] gwAdd, int gwAddOffset, int gwAddLength)
        {
        }

        void ISnClientListener.OnConnected()
        {
            Connects++;
        }

        void ISnClientListener.OnDisconnected(SnDisconnectReason reason, int returnCode)
        {
            _awaiting = false;
        }

        void ISnClientListener.OnAsleep()
        {
            Sleeps++;
        }

        void ISnClientListener.OnMessage(int topicIdType, int topicId, byte[] topicName, int topicNameOffset, int topicNameLength, int qos, bool retain, byte[] payload, int offset, int length)
        {
        }

        void ISnClientListener.OnRegistered(int msgId, int topicId, int returnCode)
        {
            _awaiting = false;
            if (returnCode != SnReturnCode.Accepted)
            {
                Missed++;
                _pending = false;
                _sleepDue = true;
            }
        }

        void ISnClientListener.OnSubscribed(int msgId, int grantedQos, int topicId, int returnCode)
        {
        }

        void ISnClientListener.OnUnsubscribed(int msgId, int returnCode)
        {
        }

        void ISnClientListener.OnPublishCompleted(int msgId, int returnCode)
        {
            _awaiting = false;
            if (returnCode == SnReturnCode.Accepted)
            {
                ReadingSent();
            }
            else if (returnCode != SnReturnCode.InvalidTopicId)
            {
                Missed++;
                _pending = false;
                _sleepDue = true;
            }
        }
    }
}
