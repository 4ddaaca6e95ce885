namespace Nano.MqttSn.Gateway
{
    /// <summary>What a client knows of one of its topic ids (§6.5, §6.10); kept as a byte per id.</summary>
    internal enum SnTopicRegistration
    {
        /// <summary>Assigned, not yet told to the client in this connection: REGISTER before use.</summary>
        Unknown = 0,
        /// <summary>Learned by the client in this connection (REGISTER, REGACK or SUBACK).</summary>
        Known,
        /// <summary>The client refused its REGISTER: no deliveries on this name until it registers or subscribes it.</summary>
        Rejected,
    }
}
