namespace Nano.MqttSn.Client
{
    /// <summary>Why an <see cref="SnClient"/> left the connected states.</summary>
    public enum SnDisconnectReason
    {
        /// <summary>The application's DISCONNECT was acknowledged.</summary>
        Requested = 0,

        /// <summary>CONNACK carried a rejection; see the return code.</summary>
        Rejected,

        /// <summary>No answer after N_RETRY re-sends (§6.13): the gateway is considered lost.</summary>
        Lost,

        /// <summary>The gateway sent an unsolicited DISCONNECT (§6.12).</summary>
        ByGateway,

        /// <summary>The application called <see cref="SnClient.Abort"/>.</summary>
        Aborted
    }
}
