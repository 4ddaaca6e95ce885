using System.Net.Sockets;

namespace Nano.Net
{
    /// <summary>
    /// Tells which of a set of sockets are ready, without blocking: the seam between <see cref="BrokerListener"/> and
    /// the platform. nanoFramework asks each socket (<see cref="SocketPollReadiness"/>, for a handful of sockets); the PC
    /// asks the operating system once for all of them (Nano.Net.Desktop's SocketSelectReadiness).
    /// </summary>
    public interface ISocketReadiness
    {
        /// <summary>Sets to null each of <paramref name="sockets"/>[0..<paramref name="count"/>) that is not ready for
        /// <paramref name="mode"/>, after waiting up to <paramref name="waitMicroseconds"/> for any to be (an implementation
        /// that cannot wait for several sockets at once answers at once). A socket that fails counts as ready, so that its
        /// own next call reports the failure.</summary>
        void Select(Socket[] sockets, int count, SelectMode mode, int waitMicroseconds);
    }
}
