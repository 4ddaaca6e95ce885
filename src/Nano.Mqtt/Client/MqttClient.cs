using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Client
{
    /// <summary>
    /// Application API over a <see cref="MqttClientEngine"/>: publish, subscribe with a handler per filter,
    /// connection events. Pair it with a transport (Nano.Net's MqttClientTransport) that drives the engine.
    /// Every member locks the engine, so the application may call it from another thread than the poll
    /// loop; handlers run on the poll loop's thread with the lock held. The byte-level members allocate
    /// nothing; the string members encode into a buffer allocated at construction.
    /// </summary>
    public sealed class MqttClient
    {
        private readonly MqttClientEngine _engine;
        /// <summary>A topic name or filter has a two-byte length prefix (§1.5.3).</summary>
        private const int MaxTopicLength = 65535;

        private readonly MessageHandler[] _handlers;
        private readonly byte[] _topicScratch;

        /// <summary>Creates the client and its engine; all memory is allocated here.</summary>
        public MqttClient(MqttClientOptions options)
        {
            if (options == null)
            {
                options = new MqttClientOptions();
            }

            _engine = new MqttClientEngine(options);
            _handlers = new MessageHandler[_engine.SubscriptionCapacity];
            int topicBytes = options.MaxMessageSize > options.MaxTopicFilterLength ? options.MaxMessageSize : options.MaxTopicFilterLength;
            topicBytes = topicBytes > MaxTopicLength ? MaxTopicLength : topicBytes;
            _topicScratch = new byte[topicBytes < 1 ? 1 : topicBytes];
            _engine.MessageReceived += Dispatch;
        }

        /// <summary>The engine, for the transport and for advanced use (lock on it when calling it from another thread).</summary>
        public MqttClientEngine Engine
        {
            get { return _engine; }
        }

        /// <summary>Messages that matched no subscription handler (e.g. from a session kept by the server).</summary>
        public event MessageHandler UnhandledMessage;

        /// <summary>The connection state changed.</summary>
        public event StateChangedHandler StateChanged
        {
            add { _engine.StateChanged += value; }
            remove { _engine.StateChanged -= value; }
        }

        /// <summary>A CONNACK arrived (return code and Session Present).</summary>
        public event ConnAckHandler ConnAckReceived
        {
            add { _engine.ConnAckReceived += value; }
            remove { _engine.ConnAckReceived -= value; }
        }

        /// <summary>A SUBACK arrived: granted QoS or 0x80 per filter.</summary>
        public event SubscribeResultHandler SubscribeCompleted
        {
            add { _engine.SubscribeCompleted += value; }
            remove { _engine.SubscribeCompleted -= value; }
        }

        /// <summary>A stored message completed (acknowledged, expired or dropped); see <see cref="MqttClientEngine.PublishCompleted"/>.</summary>
        public event PublishCompletedHandler PublishCompleted
        {
            add { _engine.PublishCompleted += value; }
            remove { _engine.PublishCompleted -= value; }
        }

        /// <summary>Current connection state.</summary>
        public ClientState State
        {
            get { return _engine.State; }
        }

        /// <summary>True once CONNACK accepted the connection.</summary>
        public bool IsConnected
        {
            get { return _engine.State == ClientState.Connected; }
        }

        /// <summary>Asks for a connection: the transport dials, and re-dials after losses (with backoff).</summary>
        public void Connect()
        {
            lock (_engine)
            {
                _engine.Start(_engine.NowMs);
            }
        }

        /// <summary>Sends DISCONNECT (the server drops the Will) and stops reconnecting.</summary>
        public void Disconnect()
        {
            lock (_engine)
            {
                _engine.Disconnect(_engine.NowMs);
            }
        }

        /// <summary>Closes the connection without DISCONNECT (the server publishes the Will) and stops reconnecting.</summary>
        public void Abort()
        {
            lock (_engine)
            {
                _engine.Abort(_engine.NowMs);
            }
        }

        /// <summary>Publishes to a topic given as a string; <paramref name="payload"/> may be null.</summary>
        public PublishResult Publish(string topic, byte[] payload, int qos, bool retain)
        {
            lock (_engine)
            {
                int topicLength = Utf8Encoder.Encode(topic, _topicScratch, 0);
                if (topicLength < 0)
                {
                    return PublishResult.Invalid;
                }

                return _engine.Publish(_topicScratch, 0, topicLength, payload, 0, payload == null ? 0 : payload.Length, qos, retain);
            }
        }

        /// <summary>Publishes topic and payload slices (copied before returning); allocates nothing.</summary>
        public PublishResult Publish(byte[] topic, int topicOffset, int topicLength, byte[] payload, int offset, int count, int qos, bool retain)
        {
            lock (_engine)
            {
                return _engine.Publish(topic, topicOffset, topicLength, payload, offset, count, qos, retain);
            }
        }

        /// <summary>Subscribes to a filter and calls <paramref name="handler"/> for each matching message. False
        /// when the filter or QoS is invalid or the subscription table is full.</summary>
        public bool Subscribe(string filter, int qos, MessageHandler handler)
        {
            lock (_engine)
            {
                int length = Utf8Encoder.Encode(filter, _topicScratch, 0);
                return length >= 0 && Subscribe(_topicScratch, 0, length, qos, handler);
            }
        }

        /// <summary>Subscribes to a filter given as bytes (see <see cref="Subscribe(string, int, MessageHandler)"/>).</summary>
        public bool Subscribe(byte[] filter, int offset, int length, int qos, MessageHandler handler)
        {
            lock (_engine)
            {
                int index = _engine.Subscribe(filter, offset, length, qos);
                if (index < 0)
                {
                    return false;
                }

                _handlers[index] = handler;
                return true;
            }
        }

        /// <summary>Unsubscribes from a filter; its handler is called no more.</summary>
        public bool Unsubscribe(string filter)
        {
            lock (_engine)
            {
                int length = Utf8Encoder.Encode(filter, _topicScratch, 0);
                return length >= 0 && _engine.Unsubscribe(_topicScratch, 0, length);
            }
        }

        private void Dispatch(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            bool handled = false;
            for (int i = 0; i < _handlers.Length; i++)
            {
                MessageHandler handler = _handlers[i];
                if (handler != null && _engine.SubscriptionMatches(i, buffer, topicOffset, topicLength))
                {
                    handled = true;
                    handler(buffer, topicOffset, topicLength, payloadOffset, payloadLength, qos, retain);
                }
            }

            if (!handled)
            {
                MessageHandler unhandled = UnhandledMessage;
                if (unhandled != null)
                {
                    unhandled(buffer, topicOffset, topicLength, payloadOffset, payloadLength, qos, retain);
                }
            }
        }
    }
}
