namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// Why a packet, string or topic was rejected. <see cref="None"/> means valid. Every value names the
    /// rule it enforces; the comment cites the MQTT 3.1.1 statement where one exists. Any value other
    /// than <see cref="None"/> on an inbound packet means: close the network connection [MQTT-4.8.0-1],
    /// except <see cref="ConnectProtocolLevelUnsupported"/> and <see cref="ConnectProtocolNameLevelMismatch"/>,
    /// which a server answers with CONNACK 0x01 first [MQTT-3.1.2-2].
    /// </summary>
    public enum MqttError
    {
        /// <summary>Valid.</summary>
        None = 0,

        /// <summary>Buffer is null or offset/count lie outside it (a caller error, not a wire error).</summary>
        InvalidBufferRange = 1,

        /// <summary>The span ends before the fixed header does.</summary>
        FixedHeaderTruncated = 2,

        /// <summary>Remaining length has a fifth byte (the fourth has its continuation bit set).</summary>
        RemainingLengthMalformed = 3,

        /// <summary>Remaining length differs from the bytes following the fixed header in the span.</summary>
        RemainingLengthMismatch = 4,

        /// <summary>Remaining length of a fixed-size packet (CONNACK, acks, PINGREQ...) is not the size the layout defines.</summary>
        RemainingLengthInvalidForType = 5,

        /// <summary>Packet type 0 or 15 (15 is AUTH in MQTT 5.0, reserved in 3.1.1).</summary>
        PacketTypeReserved = 6,

        /// <summary>The decoder called does not handle this packet type.</summary>
        PacketTypeUnexpected = 7,

        /// <summary>Fixed-header flag bits differ from the values Table 2.2 requires [MQTT-2.2.2-1].</summary>
        FixedHeaderFlagsInvalid = 8,

        /// <summary>A field ends beyond the packet (a length prefix or fixed field overruns the remaining length).</summary>
        FieldOverrunsPacket = 9,

        /// <summary>Bytes remain after the last field of the packet.</summary>
        TrailingBytes = 10,

        /// <summary>Protocol level is not 3 or 4 (MQTT 5.0 is recognised but not served by this codec).</summary>
        ProtocolLevelUnsupported = 11,

        /// <summary>Packet identifier 0 where a non-zero one is required [MQTT-2.3.1-1].</summary>
        PacketIdZero = 12,

        /// <summary>A UTF-8 string has a string length above 65,535 bytes (cannot be encoded).</summary>
        StringTooLong = 20,

        /// <summary>Ill-formed UTF-8: bad lead byte, missing or unexpected continuation byte [MQTT-1.5.3-1].</summary>
        Utf8IllFormed = 21,

        /// <summary>Overlong UTF-8 encoding [MQTT-1.5.3-1].</summary>
        Utf8Overlong = 22,

        /// <summary>Encoded surrogate code point U+D800..U+DFFF [MQTT-1.5.3-1].</summary>
        Utf8Surrogate = 23,

        /// <summary>Code point above U+10FFFF [MQTT-1.5.3-1].</summary>
        Utf8OutOfRange = 24,

        /// <summary>U+0000 in a UTF-8 string [MQTT-1.5.3-2] or topic [MQTT-4.7.3-2].</summary>
        Utf8NullCharacter = 25,

        /// <summary>Topic name of length zero [MQTT-4.7.3-1].</summary>
        TopicNameEmpty = 30,

        /// <summary>Topic name contains '+' or '#' [MQTT-4.7.1-1], [MQTT-3.3.2-2].</summary>
        TopicNameContainsWildcard = 31,

        /// <summary>Topic filter of length zero [MQTT-4.7.3-1].</summary>
        TopicFilterEmpty = 32,

        /// <summary>'#' not alone in its level or not the last character [MQTT-4.7.1-2].</summary>
        TopicFilterMultiLevelWildcardMisplaced = 33,

        /// <summary>'+' does not occupy a whole level [MQTT-4.7.1-3].</summary>
        TopicFilterSingleLevelWildcardMisplaced = 34,

        /// <summary>Protocol name is neither "MQTT" nor "MQIsdp" [MQTT-3.1.2-1].</summary>
        ConnectProtocolNameInvalid = 40,

        /// <summary>Protocol level is not 3 or 4 under a valid protocol name: answer CONNACK 0x01 [MQTT-3.1.2-2].</summary>
        ConnectProtocolLevelUnsupported = 41,

        /// <summary>"MQTT" with level 3 or "MQIsdp" with level 4: answer CONNACK 0x01 [MQTT-3.1.2-2].</summary>
        ConnectProtocolNameLevelMismatch = 42,

        /// <summary>Reserved CONNECT flag (bit 0) is set at level 4 [MQTT-3.1.2-3].</summary>
        ConnectReservedFlagSet = 43,

        /// <summary>Will QoS is non-zero while the Will flag is 0 [MQTT-3.1.2-13].</summary>
        ConnectWillQosWithoutWill = 44,

        /// <summary>Will Retain is set while the Will flag is 0 [MQTT-3.1.2-15].</summary>
        ConnectWillRetainWithoutWill = 45,

        /// <summary>Will QoS is 3 [MQTT-3.1.2-14].</summary>
        ConnectWillQos3 = 46,

        /// <summary>Password flag set with the user name flag clear [MQTT-3.1.2-22].</summary>
        ConnectPasswordWithoutUserName = 47,

        /// <summary>Will topic is not a valid topic name [MQTT-3.1.3-10], [MQTT-4.7.1-1].</summary>
        ConnectWillTopicInvalid = 48,

        /// <summary>CONNACK acknowledge flags have reserved bits 7..1 set (level 4).</summary>
        ConnAckReservedFlagsSet = 50,

        /// <summary>CONNACK return code above 5 (reserved).</summary>
        ConnAckReturnCodeReserved = 51,

        /// <summary>CONNACK with a non-zero return code has Session Present set [MQTT-3.2.2-4].</summary>
        ConnAckSessionPresentWithError = 52,

        /// <summary>PUBLISH with both QoS bits set [MQTT-3.3.1-4].</summary>
        PublishQos3 = 60,

        /// <summary>PUBLISH QoS 0 with DUP set at level 4 [MQTT-3.3.1-2].</summary>
        PublishDupWithQos0 = 61,

        /// <summary>SUBSCRIBE without any topic filter [MQTT-3.8.3-3].</summary>
        SubscribeNoTopicFilters = 70,

        /// <summary>Requested QoS byte has reserved bits 7..2 set [MQTT-3.8.3-4].</summary>
        SubscribeRequestedQosReservedBits = 71,

        /// <summary>Requested QoS is 3 [MQTT-3.8.3-4].</summary>
        SubscribeRequestedQos3 = 72,

        /// <summary>More topic filters than the caller's bound allows (paho embedded-c#242).</summary>
        TooManyTopicFilters = 73,

        /// <summary>UNSUBSCRIBE without any topic filter [MQTT-3.10.3-2].</summary>
        UnsubscribeNoTopicFilters = 74,

        /// <summary>SUBACK without any return code.</summary>
        SubAckNoReturnCodes = 75,

        /// <summary>SUBACK return code other than 0, 1, 2 or 0x80 (0x80 only from level 4) [MQTT-3.9.3-2].</summary>
        SubAckReturnCodeInvalid = 76,

        /// <summary>A packet's remaining length exceeds the receiver's maximum packet size.</summary>
        PacketTooLarge = 80,

        /// <summary>A QoS 2 PUBLISH arrived while the receiver's table of packets awaiting PUBREL is full.</summary>
        AwaitingReleaseFull = 81,

        /// <summary>A packet larger than the connection's own input buffer arrived while every large buffer was in use.</summary>
        LargeBufferUnavailable = 82,

        /// <summary>A PUBLISH topic has more levels than the receiver's bound; MQTT 3.1.1 has no refusal short of closing.</summary>
        TopicTooDeep = 83,
    }
}
