using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Receives what the broker does to its connections, for logging. Called from inside the poll loop; the slices are
    /// valid only during the call and are null or empty (length 0) when they do not apply. The engine allocates nothing to
    /// report; what the sink does is up to it.
    /// </summary>
    public interface IBrokerDiagnostics
    {
        /// <summary>Reports <paramref name="what"/> on <paramref name="connection"/> (the engine's connection id, -1 when the
        /// client is offline) of client <paramref name="clientId"/>, with an event-specific <paramref name="detail"/>
        /// (a topic, filter or user name) and <paramref name="reason"/> (see <see cref="BrokerEvent"/>).</summary>
        void Report(BrokerEvent what, int connection, ByteSlice clientId, ByteSlice detail, int reason);
    }
}
