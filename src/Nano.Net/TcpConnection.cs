using System.Net;
using System.Net.Sockets;

namespace Nano.Net
{
    /// <summary>
    /// The socket side of one engine connection slot: the socket and the closing state. Bytes a socket
    /// did not take stay in the engine.
    /// </summary>
    internal sealed class TcpConnection
    {
        public Socket Socket;

        /// <summary>The TLS session over <see cref="Socket"/>, or null for plain TCP.</summary>
        public ITlsChannel Tls;

        /// <summary>The engine asked to close: output drains until empty or <see cref="CloseDeadlineMs"/>.</summary>
        public bool Closing;
        public long CloseDeadlineMs;

        /// <summary>When the socket was accepted.</summary>
        public long OpenedMs;

        public void Open(Socket socket, ITlsChannel tls, long nowMs)
        {
            Socket = socket;
            Tls = tls;
            OpenedMs = nowMs;
            Closing = false;
            CloseDeadlineMs = 0;
        }

        /// <summary>The peer's address, or null when closed or unknown.</summary>
        public EndPoint RemoteEndPoint()
        {
            Socket socket = Socket;
            if (socket == null)
            {
                return null;
            }
            try
            {
                return socket.RemoteEndPoint;
            }
            catch (SocketException)
            {
                return null;
            }
        }

        public void Reset()
        {
            Socket = null;
            Tls = null;
            Closing = false;
        }
    }
}
