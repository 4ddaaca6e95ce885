using System.Net.Sockets;

namespace Nano.Net
{
    /// <summary>
    /// The socket side of one engine connection slot: the socket, the bytes taken from the engine and
    /// not yet accepted by the socket, and the closing state.
    /// </summary>
    internal sealed class TcpConnection
    {
        public Socket Socket;

        /// <summary>The TLS session over <see cref="Socket"/>, or null for plain TCP.</summary>
        public ITlsChannel Tls;
        public readonly byte[] SendBuffer;
        public int SendOffset;
        public int SendCount;

        /// <summary>The engine asked to close: output drains until empty or <see cref="CloseDeadlineMs"/>.</summary>
        public bool Closing;
        public long CloseDeadlineMs;

        public TcpConnection(int sendBufferSize)
        {
            SendBuffer = new byte[sendBufferSize];
        }

        public void Open(Socket socket, ITlsChannel tls)
        {
            Socket = socket;
            Tls = tls;
            SendOffset = 0;
            SendCount = 0;
            Closing = false;
            CloseDeadlineMs = 0;
        }

        public void Reset()
        {
            Socket = null;
            Tls = null;
            SendOffset = 0;
            SendCount = 0;
            Closing = false;
        }
    }
}
