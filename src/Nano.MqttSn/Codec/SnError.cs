namespace Nano.MqttSn.Codec
{
    /// <summary>Result of decoding or validating an MQTT-SN message; <see cref="None"/> means valid.</summary>
    public enum SnError
    {
        /// <summary>The message is valid.</summary>
        None = 0,

        /// <summary>Null buffer or offset/count outside the buffer.</summary>
        InvalidArgument,

        /// <summary>The datagram is shorter than the length header.</summary>
        TooShort,

        /// <summary>The Length field is below the header size, or a fixed-size message has the wrong length.</summary>
        BadLength,

        /// <summary>The Length field claims more octets than the datagram holds.</summary>
        LengthExceedsDatagram,

        /// <summary>The datagram holds octets after the message (one datagram carries one message).</summary>
        TrailingBytes,

        /// <summary>The MsgType octet is reserved in v1.2.</summary>
        UnknownMessageType,

        /// <summary>The message is valid MQTT-SN but not of the type the decoder reads.</summary>
        UnexpectedMessageType,

        /// <summary>TopicIdType 0b11 is reserved.</summary>
        ReservedTopicIdType,

        /// <summary>A QoS the message does not allow (QoS -1 outside PUBLISH).</summary>
        InvalidQos,

        /// <summary>A flag combination the spec forbids for this message (e.g. DUP on a QoS 0 PUBLISH).</summary>
        ForbiddenFlags,

        /// <summary>CONNECT ProtocolId other than 0x01.</summary>
        UnsupportedProtocolId,

        /// <summary>ClientId not 1–23 octets.</summary>
        BadClientIdLength,

        /// <summary>A topic name or filter that must not be empty is empty.</summary>
        EmptyTopicName,

        /// <summary>A short topic name is not exactly 2 octets.</summary>
        BadShortTopicName,

        /// <summary>Topic id 0x0000 or 0xFFFF where a valid id is required.</summary>
        ReservedTopicId,

        /// <summary>MsgId 0x0000 where a message id is required.</summary>
        ZeroMsgId,

        /// <summary>ReturnCode 0x04–0xFF is reserved.</summary>
        ReservedReturnCode,

        /// <summary>Text that is not well-formed UTF-8 or contains U+0000.</summary>
        InvalidUtf8,

        /// <summary>Wildcards misplaced in a filter, or present in a topic name.</summary>
        InvalidTopic,

        /// <summary>A forwarder encapsulation without a wireless node id or without an inner message.</summary>
        BadEncapsulation
    }
}
