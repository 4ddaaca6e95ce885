namespace Nano.Net
{
    /// <summary>
    /// One TLS session over a connected socket, seen as plain bytes in and out, polled without blocking on
    /// input. A TLS layer buffers decrypted bytes, so the socket being readable is not the only sign of input:
    /// the listener and the client transport poll <see cref="Read"/> itself on every pass.
    /// </summary>
    public interface ITlsChannel
    {
        /// <summary>Copies decrypted bytes into <paramref name="buffer"/>: the count (&gt; 0), 0 when none are ready yet
        /// (handshake under way, record incomplete), or -1 when the session is closed or failed.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Encrypts and sends bytes: the count taken (0 = try again later), or -1 when the session failed.</summary>
        int Write(byte[] buffer, int offset, int count);

        /// <summary>Where the handshake stands; a platform whose handshake blocks hands out channels that are past it.</summary>
        TlsHandshake Handshake { get; }

        /// <summary>Ends the session and closes its socket.</summary>
        void Close();
    }
}
