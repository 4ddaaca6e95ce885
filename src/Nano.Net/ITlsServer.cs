using System.Net.Sockets;

namespace Nano.Net
{
    /// <summary>Platform adapter for a TLS listener: wraps each accepted socket as a server-side TLS session.</summary>
    public interface ITlsServer
    {
        /// <summary>Starts the server handshake on <paramref name="socket"/>; the channel then owns the socket. Null when
        /// the session cannot be set up (the caller closes the socket). A handshake that fails later shows as a
        /// <see cref="ITlsChannel.Read"/> of -1; one that never finishes is ended by the broker's connect timeout.</summary>
        ITlsChannel Accept(Socket socket);
    }
}
