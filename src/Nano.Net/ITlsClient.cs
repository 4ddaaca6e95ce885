using System.Net.Sockets;

namespace Nano.Net
{
    /// <summary>Platform adapter for a TLS client connection: wraps a connected socket and verifies the server.</summary>
    public interface ITlsClient
    {
        /// <summary>Starts the client handshake on <paramref name="socket"/> for <paramref name="targetHost"/> (the name the
        /// server certificate must carry) and returns the channel, which then owns the socket; the caller polls its
        /// <see cref="ITlsChannel.Handshake"/>. A platform without an asynchronous handshake runs it here, blocking (a read
        /// waits at most the socket timeout). Null when the handshake or the certificate check failed at once (the caller
        /// closes the socket).</summary>
        ITlsChannel Connect(Socket socket, string targetHost);
    }
}
