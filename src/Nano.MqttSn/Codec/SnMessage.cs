namespace Nano.MqttSn.Codec
{
    /// <summary>Dispatches a datagram to the decoder of its message type.</summary>
    public static class SnMessage
    {
        /// <summary>Checks one datagram completely (an envelope's inner message included); returns its type.</summary>
        public static SnError Validate(byte[] buf, int off, int count, out byte msgType)
        {
            int h, len;
            SnError e = SnWire.ReadHeader(buf, off, count, out h, out len, out msgType);
            if (e != SnError.None)
            {
                return e;
            }

            switch (msgType)
            {
                case SnMessageType.Advertise:
                    AdvertiseMessage advertise;
                    return AdvertiseMessage.Decode(buf, off, count, out advertise);
                case SnMessageType.SearchGw:
                    SearchGwMessage searchGw;
                    return SearchGwMessage.Decode(buf, off, count, out searchGw);
                case SnMessageType.GwInfo:
                    GwInfoMessage gwInfo;
                    return GwInfoMessage.Decode(buf, off, count, out gwInfo);
                case SnMessageType.Connect:
                    ConnectMessage connect;
                    return ConnectMessage.Decode(buf, off, count, out connect);
                case SnMessageType.ConnAck:
                case SnMessageType.WillTopicResp:
                case SnMessageType.WillMsgResp:
                    ReturnCodeMessage returnCode;
                    return ReturnCodeMessage.Decode(buf, off, count, out returnCode);
                case SnMessageType.WillTopicReq:
                case SnMessageType.WillMsgReq:
                case SnMessageType.PingResp:
                    HeaderOnlyMessage headerOnly;
                    return HeaderOnlyMessage.Decode(buf, off, count, out headerOnly);
                case SnMessageType.WillTopic:
                case SnMessageType.WillTopicUpd:
                    WillTopicMessage willTopic;
                    return WillTopicMessage.Decode(buf, off, count, out willTopic);
                case SnMessageType.WillMsg:
                case SnMessageType.WillMsgUpd:
                    WillMsgMessage willMsg;
                    return WillMsgMessage.Decode(buf, off, count, out willMsg);
                case SnMessageType.Register:
                    RegisterMessage register;
                    return RegisterMessage.Decode(buf, off, count, out register);
                case SnMessageType.RegAck:
                case SnMessageType.PubAck:
                    TopicAckMessage topicAck;
                    return TopicAckMessage.Decode(buf, off, count, out topicAck);
                case SnMessageType.Publish:
                    PublishMessage publish;
                    return PublishMessage.Decode(buf, off, count, out publish);
                case SnMessageType.PubRec:
                case SnMessageType.PubRel:
                case SnMessageType.PubComp:
                case SnMessageType.UnsubAck:
                    MsgIdMessage msgId;
                    return MsgIdMessage.Decode(buf, off, count, out msgId);
                case SnMessageType.Subscribe:
                case SnMessageType.Unsubscribe:
                    SubscribeMessage subscribe;
                    return SubscribeMessage.Decode(buf, off, count, out subscribe);
                case SnMessageType.SubAck:
                    SubAckMessage subAck;
                    return SubAckMessage.Decode(buf, off, count, out subAck);
                case SnMessageType.PingReq:
                    PingReqMessage pingReq;
                    return PingReqMessage.Decode(buf, off, count, out pingReq);
                case SnMessageType.Disconnect:
                    DisconnectMessage disconnect;
                    return DisconnectMessage.Decode(buf, off, count, out disconnect);
                default:
                    return ValidateEncapsulated(buf, off, count);
            }
        }

        private static SnError ValidateEncapsulated(byte[] buf, int off, int count)
        {
            EncapsulatedMessage envelope;
            SnError e = EncapsulatedMessage.Decode(buf, off, count, out envelope);
            if (e != SnError.None)
            {
                return e;
            }

            byte innerType;
            e = SnWire.ReadHeader(buf, envelope.InnerOffset, envelope.InnerLength, out _, out _, out innerType);
            if (e == SnError.None && innerType == SnMessageType.Encapsulated)
            {
                return SnError.BadEncapsulation;
            }

            return e != SnError.None ? e : Validate(buf, envelope.InnerOffset, envelope.InnerLength, out innerType);
        }
    }
}
