namespace Nano.MqttSn.Codec
{
    /// <summary>
    /// One instance of every MQTT-SN message type, allocated once by its owner: the decode targets of
    /// a receiver (<see cref="Decode"/> fills the instance of the datagram's type) or the messages a
    /// sender fills and encodes. Two messages of the same type never share an instance.
    /// </summary>
    public sealed class SnMessageSet
    {
        /// <summary>ADVERTISE.</summary>
        public readonly AdvertiseMessage Advertise = new AdvertiseMessage();

        /// <summary>SEARCHGW.</summary>
        public readonly SearchGwMessage SearchGw = new SearchGwMessage();

        /// <summary>GWINFO.</summary>
        public readonly GwInfoMessage GwInfo = new GwInfoMessage();

        /// <summary>CONNECT.</summary>
        public readonly ConnectMessage Connect = new ConnectMessage();

        /// <summary>CONNACK, WILLTOPICRESP, WILLMSGRESP.</summary>
        public readonly ReturnCodeMessage ReturnCode = new ReturnCodeMessage();

        /// <summary>WILLTOPICREQ, WILLMSGREQ, PINGRESP.</summary>
        public readonly HeaderOnlyMessage HeaderOnly = new HeaderOnlyMessage();

        /// <summary>WILLTOPIC, WILLTOPICUPD.</summary>
        public readonly WillTopicMessage WillTopic = new WillTopicMessage();

        /// <summary>WILLMSG, WILLMSGUPD.</summary>
        public readonly WillMsgMessage WillMsg = new WillMsgMessage();

        /// <summary>REGISTER.</summary>
        public readonly RegisterMessage Register = new RegisterMessage();

        /// <summary>REGACK, PUBACK.</summary>
        public readonly TopicAckMessage TopicAck = new TopicAckMessage();

        /// <summary>PUBLISH.</summary>
        public readonly PublishMessage Publish = new PublishMessage();

        /// <summary>PUBREC, PUBREL, PUBCOMP, UNSUBACK.</summary>
        public readonly MsgIdMessage MsgId = new MsgIdMessage();

        /// <summary>SUBSCRIBE, UNSUBSCRIBE.</summary>
        public readonly SubscribeMessage Subscribe = new SubscribeMessage();

        /// <summary>SUBACK.</summary>
        public readonly SubAckMessage SubAck = new SubAckMessage();

        /// <summary>PINGREQ.</summary>
        public readonly PingReqMessage PingReq = new PingReqMessage();

        /// <summary>DISCONNECT.</summary>
        public readonly DisconnectMessage Disconnect = new DisconnectMessage();

        /// <summary>The 0xFE forwarder envelope.</summary>
        public readonly EncapsulatedMessage Encapsulated = new EncapsulatedMessage();

        /// <summary>
        /// Checks one datagram completely and decodes it into the instance of its type; for an envelope
        /// <see cref="Encapsulated"/> holds the envelope and the inner message is decoded as well.
        /// Returns the outer type in <paramref name="msgType"/>.
        /// </summary>
        public SnError Decode(byte[] buf, int off, int count, out byte msgType)
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
                    return Advertise.Decode(buf, off, count);
                case SnMessageType.SearchGw:
                    return SearchGw.Decode(buf, off, count);
                case SnMessageType.GwInfo:
                    return GwInfo.Decode(buf, off, count);
                case SnMessageType.Connect:
                    return Connect.Decode(buf, off, count);
                case SnMessageType.ConnAck:
                case SnMessageType.WillTopicResp:
                case SnMessageType.WillMsgResp:
                    return ReturnCode.Decode(buf, off, count);
                case SnMessageType.WillTopicReq:
                case SnMessageType.WillMsgReq:
                case SnMessageType.PingResp:
                    return HeaderOnly.Decode(buf, off, count);
                case SnMessageType.WillTopic:
                case SnMessageType.WillTopicUpd:
                    return WillTopic.Decode(buf, off, count);
                case SnMessageType.WillMsg:
                case SnMessageType.WillMsgUpd:
                    return WillMsg.Decode(buf, off, count);
                case SnMessageType.Register:
                    return Register.Decode(buf, off, count);
                case SnMessageType.RegAck:
                case SnMessageType.PubAck:
                    return TopicAck.Decode(buf, off, count);
                case SnMessageType.Publish:
                    return Publish.Decode(buf, off, count);
                case SnMessageType.PubRec:
                case SnMessageType.PubRel:
                case SnMessageType.PubComp:
                case SnMessageType.UnsubAck:
                    return MsgId.Decode(buf, off, count);
                case SnMessageType.Subscribe:
                case SnMessageType.Unsubscribe:
                    return Subscribe.Decode(buf, off, count);
                case SnMessageType.SubAck:
                    return SubAck.Decode(buf, off, count);
                case SnMessageType.PingReq:
                    return PingReq.Decode(buf, off, count);
                case SnMessageType.Disconnect:
                    return Disconnect.Decode(buf, off, count);
                default:
                    return DecodeEncapsulated(buf, off, count);
            }
        }

        private SnError DecodeEncapsulated(byte[] buf, int off, int count)
        {
            SnError e = Encapsulated.Decode(buf, off, count);
            if (e != SnError.None)
            {
                return e;
            }

            int h, len;
            byte innerType;
            e = SnWire.ReadHeader(buf, Encapsulated.InnerOffset, Encapsulated.InnerLength, out h, out len, out innerType);
            if (e == SnError.None && innerType == SnMessageType.Encapsulated)
            {
                return SnError.BadEncapsulation;
            }

            return e != SnError.None ? e : Decode(buf, Encapsulated.InnerOffset, Encapsulated.InnerLength, out innerType);
        }
    }
}
