using System.Net.Sockets;

namespace Nano.Net
{
    /// <summary>Platform adapter for a TLS client connection: wraps a connected socket and verifies the server.</summary>
    public interface ITlsClient
    {
        /// <summary>Runs the client handshake on <paramref name="socket"/> for <paramref name="targetHost"/> (the name the
        /// server certificate must carry), blocking (a read waits at most the socket timeout). Returns the channel, which then owns the
        /// socket, or null when the handshake or the certificate check failed (the caller closes the socket).</summary>
        ITlsChannel Connect(Socket socket, string targetHost);
    }
}
