using Nano.Mqtt.Codec;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Client
{
    /// <summary>The client's Will: WILLTOPIC and WILLMSG sent at the gateway's prompts during CONNECT (§6.3).</summary>
    internal sealed class SnWill
    {
        private readonly byte[] _topic;
        private readonly byte[] _message;
        private readonly int _qos;
        private readonly bool _retain;

        /// <summary>Throws ArgumentException for an invalid Will topic.</summary>
        public SnWill(SnClientOptions options)
        {
            _topic = options.WillTopic == null ? null : Utf8Encoder.GetBytes(options.WillTopic);
            if (_topic != null && SnTopic.ValidateName(_topic, 0, _topic.Length) != SnError.None)
            {
                throw new System.ArgumentException("WillTopic");
            }

            _message = options.WillMessage ?? new byte[0];
            _qos = options.WillQos;
            _retain = options.WillRetain;
        }

        /// <summary>True when CONNECT carries the Will flag.</summary>
        public bool Present => _topic != null;

        /// <summary>Answers WILLTOPICREQ with WILLTOPIC, WILLMSGREQ with WILLMSG.</summary>
        public void Answer(byte prompt, SnClientOutput output, long nowMs)
        {
            byte[] slot = output.Reserve();
            if (slot == null)
            {
                return;
            }

            int n;
            if (prompt == SnMessageType.WillTopicReq)
            {
                WillTopicMessage m = output.Messages.WillTopic;
                m.MsgType = SnMessageType.WillTopic;
                m.Qos = _qos;
                m.Retain = _retain;
                m.Topic = _topic;
                m.TopicLength = _topic == null ? 0 : _topic.Length;
                n = m.Encode(slot, 0);
            }
            else
            {
                WillMsgMessage m = output.Messages.WillMsg;
                m.MsgType = SnMessageType.WillMsg;
                m.Data = _message;
                m.DataLength = _message.Length;
                n = m.Encode(slot, 0);
            }

            output.Commit(n, false, nowMs);
        }
    }
}
