using System.Collections.Generic;
using System.Net.Sockets;

namespace Nano.Net.Desktop
{
    /// <summary>
    /// Readiness of all sockets in one <see cref="Socket.Select(System.Collections.IList, System.Collections.IList, System.Collections.IList, int)"/>
    /// (poll(2) on Linux, select on Windows): a broker step costs one system call however many connections are open.
    /// </summary>
    public sealed class SocketSelectReadiness : ISocketReadiness
    {
        private readonly List<Socket> _checked = new List<Socket>();
        private readonly HashSet<Socket> _ready = new HashSet<Socket>();

        /// <inheritdoc />
        public void Select(Socket[] sockets, int count, SelectMode mode, int waitMicroseconds)
        {
            if (count == 0)
            {
                return;
            }
            _checked.Clear();
            for (int i = 0; i < count; i++)
            {
                _checked.Add(sockets[i]);
            }
            try
            {
                Socket.Select(mode == SelectMode.SelectRead ? _checked : null, mode == SelectMode.SelectWrite ? _checked : null,
                    mode == SelectMode.SelectError ? _checked : null, waitMicroseconds);
            }
            catch (SocketException)
            {
                return; // all left as ready: each socket's own call reports its failure
            }
            _ready.Clear();
            for (int i = 0; i < _checked.Count; i++)
            {
                _ready.Add(_checked[i]);
            }
            for (int i = 0; i < count; i++)
            {
                if (!_ready.Contains(sockets[i]))
                {
                    sockets[i] = null;
                }
            }
        }
    }
}
