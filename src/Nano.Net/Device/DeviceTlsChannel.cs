using System;
using System.Net.Security;
using System.Net.Sockets;

namespace Nano.Net
{
    /// <summary>
    /// A nanoFramework <see cref="SslStream"/> as a polled <see cref="ITlsChannel"/>. <c>DataAvailable</c> reports
    /// decrypted bytes held by mbedTLS, which the socket no longer shows as readable, so it is asked first; a readable
    /// socket with bytes is then read through the stream (decrypting one record, waiting at most the socket's receive
    /// timeout for the rest of it); a readable socket without bytes is the peer's close.
    /// </summary>
    internal sealed class DeviceTlsChannel : ITlsChannel
    {
        private readonly SslStream _stream;
        private readonly Socket _socket;
        private bool _failed;

        public DeviceTlsChannel(SslStream stream, Socket socket)
        {
            _stream = stream;
            _socket = socket;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            if (_failed)
            {
                return -1;
            }
            try
            {
                if (!_stream.DataAvailable)
                {
                    if (!_socket.Poll(0, SelectMode.SelectRead))
                    {
                        return 0;
                    }
                    if (_socket.Available == 0)
                    {
                        _failed = true;
                        return -1;
                    }
                }
                int n = _stream.Read(buffer, offset, count);
                return n < 0 ? Fail() : n;
            }
            catch (Exception)
            {
                return Fail();
            }
        }

        public int Write(byte[] buffer, int offset, int count)
        {
            if (_failed)
            {
                return -1;
            }
            try
            {
                _stream.Write(buffer, offset, count);
                return count;
            }
            catch (Exception)
            {
                return Fail();
            }
        }

        public TlsHandshake Handshake
        {
            get { return _failed ? TlsHandshake.Failed : TlsHandshake.Done; }
        }

        public void Close()
        {
            _failed = true;
            DeviceTls.CloseQuietly(_stream);
        }

        private int Fail()
        {
            _failed = true;
            return -1;
        }
    }
}
