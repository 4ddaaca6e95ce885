namespace Nano.MqttSn.Client
{
    /// <summary>The acknowledged request an <see cref="SnClient"/> has outstanding (one at a time).</summary>
    internal enum SnRequestKind
    {
        /// <summary>No request outstanding.</summary>
        None = 0,

        /// <summary>CONNECT, answered by CONNACK (after the Will prompts).</summary>
        Connect,

        /// <summary>REGISTER, answered by REGACK.</summary>
        Register,

        /// <summary>QoS 1/2 PUBLISH, answered by PUBACK or PUBREC.</summary>
        Publish,

        /// <summary>PUBREL, answered by PUBCOMP.</summary>
        PubRel,

        /// <summary>SUBSCRIBE, answered by SUBACK.</summary>
        Subscribe,

        /// <summary>UNSUBSCRIBE, answered by UNSUBACK.</summary>
        Unsubscribe,

        /// <summary>DISCONNECT, answered by DISCONNECT.</summary>
        Disconnect,

        /// <summary>DISCONNECT with a sleep Duration, answered by DISCONNECT (§6.14).</summary>
        Sleep,

        /// <summary>Wake-up PINGREQ with ClientId, answered by PINGRESP after the buffered messages (§6.14).</summary>
        Wake,

        /// <summary>Queued PUBLISH to a topic name registered by the REGISTER queued before it: its topic id is set
        /// when its turn comes.</summary>
        PublishToName
    }
}
