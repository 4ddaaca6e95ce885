namespace Nano.Net
{
    /// <summary>Where a <see cref="TcpDialer"/>'s dial stands.</summary>
    internal enum DialStatus
    {
        /// <summary>Name resolution or the TCP connect is under way.</summary>
        Running = 0,

        /// <summary>The socket is connected: take it with <see cref="TcpDialer.TakeSocket"/>.</summary>
        Connected = 1,

        /// <summary>No address, no connection, or the deadline passed.</summary>
        Failed = 2,
    }
}
