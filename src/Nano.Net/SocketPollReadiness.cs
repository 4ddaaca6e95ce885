using System.Net.Sockets;

namespace Nano.Net
{
    /// <summary>Readiness by one <see cref="Socket.Poll"/> per socket: what nanoFramework offers, and cheap for its few sockets.</summary>
    public sealed class SocketPollReadiness : ISocketReadiness
    {
        /// <inheritdoc />
        public void Select(Socket[] sockets, int count, SelectMode mode, int waitMicroseconds)
        {
            for (int i = 0; i < count; i++)
            {
                try
                {
                    if (!sockets[i].Poll(0, mode))
                    {
                        sockets[i] = null;
                    }
                }
                catch (SocketException)
                {
                    // Left as ready: the socket's next receive or send reports the failure and closes it.
                }
            }
        }
    }
}
