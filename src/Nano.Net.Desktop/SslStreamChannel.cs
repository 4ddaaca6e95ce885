using System;
using System.IO;
using System.Net.Security;
using System.Threading.Tasks;
using Nano.Net;

namespace Nano.Net.Desktop
{
    /// <summary>
    /// A .NET <see cref="SslStream"/> as a polled <see cref="ITlsChannel"/>. One read is kept outstanding into a buffer
    /// owned here; <see cref="Read"/> hands out what it produced and starts the next one. SslStream completes a read at
    /// once from records it has already decrypted, so bytes buffered inside the TLS layer are drained on the next poll
    /// even when the socket itself has nothing new to read. Writes are synchronous, bounded by the socket's send timeout.
    /// </summary>
    public sealed class SslStreamChannel : ITlsChannel
    {
        private readonly SslStream _stream;
        private readonly Task _handshake;
        private readonly byte[] _buffer;
        private Task<int> _read;
        private int _offset;
        private int _count;
        private bool _failed;

        /// <summary>Wraps a stream whose handshake <paramref name="handshake"/> is under way or done.</summary>
        public SslStreamChannel(SslStream stream, Task handshake, int bufferSize = 16 * 1024)
        {
            _stream = stream;
            _handshake = handshake;
            _buffer = new byte[bufferSize];
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count)
        {
            if (_failed || _handshake.IsFaulted || _handshake.IsCanceled)
            {
                return -1;
            }
            if (!_handshake.IsCompleted)
            {
                return 0;
            }
            if (_count == 0)
            {
                try
                {
                    _read ??= _stream.ReadAsync(_buffer, 0, _buffer.Length);
                }
                catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    return Fail();
                }
                if (!_read.IsCompleted)
                {
                    return 0;
                }
                Task<int> done = _read;
                _read = null;
                if (!done.IsCompletedSuccessfully || done.Result == 0)
                {
                    return Fail();
                }
                _offset = 0;
                _count = done.Result;
            }
            int n = count < _count ? count : _count;
            Array.Copy(_buffer, _offset, buffer, offset, n);
            _offset += n;
            _count -= n;
            return n;
        }

        /// <inheritdoc />
        public int Write(byte[] buffer, int offset, int count)
        {
            if (_failed || _handshake.IsFaulted || _handshake.IsCanceled)
            {
                return -1;
            }
            if (!_handshake.IsCompleted)
            {
                return 0;
            }
            try
            {
                _stream.Write(buffer, offset, count);
                return count;
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException || e is NotSupportedException)
            {
                return Fail();
            }
        }

        /// <inheritdoc />
        public TlsHandshake Handshake => _failed || _handshake.IsFaulted || _handshake.IsCanceled ? TlsHandshake.Failed
            : _handshake.IsCompleted ? TlsHandshake.Done : TlsHandshake.Running;

        /// <inheritdoc />
        public void Close()
        {
            _failed = true;
            try
            {
                _stream.Dispose();
            }
            catch (IOException)
            {
                // The peer is gone; the socket is released either way.
            }
            _read?.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            _handshake.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }

        private int Fail()
        {
            _failed = true;
            return -1;
        }
    }
}
