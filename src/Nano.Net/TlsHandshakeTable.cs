using System.Net.Sockets;
using Nano.Mqtt.Broker;

namespace Nano.Net
{
    /// <summary>
    /// TLS connections between accept and their first decrypted byte, in slots of their own apart from the engine's
    /// connections, so that half-open handshakes never keep plain clients out. A handshake that fails, or has not
    /// produced a byte after <see cref="TimeoutMs"/>, is ended and counted in <see cref="Failed"/>.
    /// </summary>
    internal sealed class TlsHandshakeTable
    {
        private readonly TcpConnection[] _slots;
        private readonly ITlsServer _tls;
        private readonly int _timeoutMs;

        /// <summary>Handshakes ended before reaching the engine: failed, timed out or beyond the table.</summary>
        public long Failed;

        public TlsHandshakeTable(ITlsServer tls, int size, int timeoutMs)
        {
            _tls = tls;
            _timeoutMs = timeoutMs;
            _slots = new TcpConnection[size < 1 ? 1 : size];
            for (int i = 0; i < _slots.Length; i++)
            {
                _slots[i] = new TcpConnection();
            }
        }

        public int Length => _slots.Length;

        /// <summary>The connection in <paramref name="slot"/>; its socket is null when the slot is free.</summary>
        public TcpConnection Slot(int slot) => _slots[slot];

        /// <summary>Handshakes under way.</summary>
        public int Pending
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _slots.Length; i++)
                {
                    if (_slots[i].Socket != null)
                    {
                        n++;
                    }
                }
                return n;
            }
        }

        /// <summary>Wraps an accepted socket in a TLS session in a free slot, or closes it.</summary>
        public void Begin(Socket socket, long nowMs, IBrokerDiagnostics diagnostics)
        {
            int slot = 0;
            while (slot < _slots.Length && _slots[slot].Socket != null)
            {
                slot++;
            }
            if (slot == _slots.Length)
            {
                Fail(-1, TlsFailure.TooManyHandshakes, diagnostics);
                socket.Close();
                return;
            }
            ITlsChannel tls = _tls.Accept(socket);
            _slots[slot].Open(socket, tls, nowMs);
            if (tls == null)
            {
                Fail(slot, TlsFailure.SetupFailed, diagnostics);
                _slots[slot].Reset();
                socket.Close();
            }
        }

        /// <summary>
        /// Reads the first decrypted byte of the handshake in <paramref name="slot"/> into <paramref name="buffer"/>[0]:
        /// 1 when it arrived, 0 while the slot is free or the handshake goes on, -1 when it failed or timed out (and
        /// was ended).
        /// </summary>
        public int FirstByte(int slot, long nowMs, byte[] buffer, IBrokerDiagnostics diagnostics)
        {
            TcpConnection h = _slots[slot];
            if (h.Socket == null)
            {
                return 0;
            }
            int n = h.Tls.Read(buffer, 0, 1);
            if (n == 0 && nowMs - h.OpenedMs < _timeoutMs)
            {
                return 0;
            }
            if (n > 0)
            {
                return 1;
            }
            Fail(slot, n < 0 ? TlsFailure.HandshakeFailed : TlsFailure.HandshakeTimeout, diagnostics);
            End(slot);
            return -1;
        }

        /// <summary>Closes the TLS session in <paramref name="slot"/> and frees the slot.</summary>
        public void End(int slot)
        {
            TcpConnection h = _slots[slot];
            h.Tls.Close();
            h.Reset();
        }

        /// <summary>Ends every handshake under way.</summary>
        public void EndAll()
        {
            for (int slot = 0; slot < _slots.Length; slot++)
            {
                if (_slots[slot].Socket != null)
                {
                    End(slot);
                }
            }
        }

        private void Fail(int slot, TlsFailure why, IBrokerDiagnostics diagnostics)
        {
            Failed++;
            if (diagnostics != null)
            {
                diagnostics.Report(BrokerEvent.TlsFailed, slot, null, null, (int)why);
            }
        }
    }
}
