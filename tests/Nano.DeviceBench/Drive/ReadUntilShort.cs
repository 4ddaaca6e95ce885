using Nano.Mqtt.Broker;

namespace Nano.DeviceBench
{
    /// <summary>
    /// Reads output as the current BrokerListener does: one <c>PendingOutput</c>, then <c>ReadOutput</c>,
    /// which encodes as many packets as fit, again only while a read fills all the room it was given
    /// (a shorter read means the engine had nothing more).
    /// </summary>
    public sealed partial class Peer
    {
        /// <summary>Reads and handles all output the engine has for this connection.</summary>
        public void Drain(long nowMs)
        {
            if (_engine.PendingOutput(Connection) == 0)
            {
                return;
            }
            while (true)
            {
                int room = _stream.Length - _length;
                int n = _engine.ReadOutput(Connection, _stream, _length, room);
                _length += n;
                HandleCompletePackets(nowMs);
                if (n < room)
                {
                    return;
                }
            }
        }
    }
}
