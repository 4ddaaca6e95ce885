using Nano.Mqtt.Broker;

namespace Nano.DeviceBench
{
    /// <summary>
    /// Reads output as the current BrokerListener does: the engine names the connections with output
    /// (<c>NextOutput</c>), and each named one gets <c>ReadOutput</c>, again only while a read fills all
    /// the room it was given (a shorter read means the engine had nothing more).
    /// </summary>
    public sealed partial class Peer
    {
        /// <summary>Reads and handles all output the engine has for this connection.</summary>
        public void Drain(long nowMs)
        {
            if (_engine.NextOutput(Connection) != Connection)
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
