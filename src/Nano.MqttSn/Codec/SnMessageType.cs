namespace Nano.MqttSn.Codec
{
    /// <summary>MsgType codes of MQTT-SN v1.2 (§5.2.2, Table 3).</summary>
    public static class SnMessageType
    {
        /// <summary>ADVERTISE, GW broadcast.</summary>
        public const byte Advertise = 0x00;
        /// <summary>SEARCHGW, client broadcast.</summary>
        public const byte SearchGw = 0x01;
        /// <summary>GWINFO.</summary>
        public const byte GwInfo = 0x02;
        /// <summary>CONNECT.</summary>
        public const byte Connect = 0x04;
        /// <summary>CONNACK.</summary>
        public const byte ConnAck = 0x05;
        /// <summary>WILLTOPICREQ.</summary>
        public const byte WillTopicReq = 0x06;
        /// <summary>WILLTOPIC.</summary>
        public const byte WillTopic = 0x07;
        /// <summary>WILLMSGREQ.</summary>
        public const byte WillMsgReq = 0x08;
        /// <summary>WILLMSG.</summary>
        public const byte WillMsg = 0x09;
        /// <summary>REGISTER.</summary>
        public const byte Register = 0x0A;
        /// <summary>REGACK.</summary>
        public const byte RegAck = 0x0B;
        /// <summary>PUBLISH.</summary>
        public const byte Publish = 0x0C;
        /// <summary>PUBACK.</summary>
        public const byte PubAck = 0x0D;
        /// <summary>PUBCOMP (codes are not in flow order).</summary>
        public const byte PubComp = 0x0E;
        /// <summary>PUBREC.</summary>
        public const byte PubRec = 0x0F;
        /// <summary>PUBREL.</summary>
        public const byte PubRel = 0x10;
        /// <summary>SUBSCRIBE.</summary>
        public const byte Subscribe = 0x12;
        /// <summary>SUBACK.</summary>
        public const byte SubAck = 0x13;
        /// <summary>UNSUBSCRIBE.</summary>
        public const byte Unsubscribe = 0x14;
        /// <summary>UNSUBACK.</summary>
        public const byte UnsubAck = 0x15;
        /// <summary>PINGREQ.</summary>
        public const byte PingReq = 0x16;
        /// <summary>PINGRESP.</summary>
        public const byte PingResp = 0x17;
        /// <summary>DISCONNECT.</summary>
        public const byte Disconnect = 0x18;
        /// <summary>WILLTOPICUPD.</summary>
        public const byte WillTopicUpd = 0x1A;
        /// <summary>WILLTOPICRESP.</summary>
        public const byte WillTopicResp = 0x1B;
        /// <summary>WILLMSGUPD.</summary>
        public const byte WillMsgUpd = 0x1C;
        /// <summary>WILLMSGRESP.</summary>
        public const byte WillMsgResp = 0x1D;
        /// <summary>Forwarder encapsulation envelope (§5.5).</summary>
        public const byte Encapsulated = 0xFE;

        /// <summary>True for the 27 v1.2 message types and the 0xFE envelope.</summary>
        public static bool IsKnown(int type)
        {
            if (type == Encapsulated)
            {
                return true;
            }

            return type >= 0 && type <= WillMsgResp && type != 0x03 && type != 0x11 && type != 0x19;
        }
    }
}
