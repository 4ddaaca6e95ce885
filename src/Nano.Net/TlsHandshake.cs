namespace Nano.Net
{
    /// <summary>Where the handshake of an <see cref="ITlsChannel"/> stands.</summary>
    public enum TlsHandshake
    {
        /// <summary>Under way: <see cref="ITlsChannel.Read"/> and <see cref="ITlsChannel.Write"/> return 0.</summary>
        Running = 0,

        /// <summary>Done: application bytes flow.</summary>
        Done = 1,

        /// <summary>Failed, or the session ended: Read and Write return -1.</summary>
        Failed = 2,
    }
}
