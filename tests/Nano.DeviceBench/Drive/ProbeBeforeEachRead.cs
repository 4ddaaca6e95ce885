using Nano.Mqtt.Broker;

namespace Nano.DeviceBench
{
    /// <summary>
    /// Reads output as the BrokerListener of a3de058 does: <c>PendingOutput</c> before every
    /// <c>ReadOutput</c>, until it reports nothing.
    /// </summary>
    public sealed partial class Peer
    {
        /// <summary>Reads and handles all output the engine has for this connection.</summary>
        public void Drain(long nowMs)
        {
            while (_engine.PendingOutput(Connection) > 0)
            {
                int n = _engine.ReadOutput(Connection, _stream, _length, _stream.Length - _length);
                if (n == 0)
                {
                    return;
                }
                _length += n;
                HandleCompletePackets(nowMs);
            }
        }
    }
}
