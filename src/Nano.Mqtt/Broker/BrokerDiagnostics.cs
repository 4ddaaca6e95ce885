using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Hands events to an <see cref="IBrokerDiagnostics"/> sink through two slices allocated once, when the sink is set;
    /// an engine without a sink holds none of this.
    /// </summary>
    internal sealed class BrokerDiagnostics
    {
        private readonly IBrokerDiagnostics _sink;
        private readonly Session[] _sessions;
        private readonly ByteSlice _clientId = new ByteSlice();
        private readonly ByteSlice _detail = new ByteSlice();

        public BrokerDiagnostics(IBrokerDiagnostics sink, Session[] sessions)
        {
            _sink = sink;
            _sessions = sessions;
        }

        public IBrokerDiagnostics Sink => _sink;

        /// <summary>Reports an event of a client identified by bytes of a received packet.</summary>
        public void Send(BrokerEvent what, int connection, byte[] clientId, int clientIdOffset, int clientIdLength, byte[] detail, int detailOffset, int detailLength, int reason)
        {
            _clientId.Set(clientId, clientIdOffset, clientIdLength);
            _detail.Set(detail, detailOffset, detailLength);
            _sink.Report(what, connection, _clientId, _detail, reason);
        }

        /// <summary>Reports an event of session <paramref name="s"/> (no client when -1).</summary>
        public void SendSession(BrokerEvent what, int connection, int s, byte[] detail, int detailOffset, int detailLength, int reason)
        {
            if (s < 0)
            {
                Send(what, connection, null, 0, 0, detail, detailOffset, detailLength, reason);
                return;
            }
            Session session = _sessions[s];
            Send(what, connection, session.ClientIds, session.ClientIdOffset, session.ClientIdLength, detail, detailOffset, detailLength, reason);
        }
    }
}
