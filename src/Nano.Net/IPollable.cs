namespace Nano.Net
{
    /// <summary>
    /// An endpoint served by the single-threaded <see cref="PollLoop"/>: a TCP listener, a UDP socket,
    /// a client connection. Each call does a bounded amount of non-blocking work.
    /// </summary>
    public interface IPollable
    {
        /// <summary>Does the pending work without blocking; true when anything was done.</summary>
        bool PollOnce(long nowMs);

        /// <summary>Closes every socket the endpoint owns.</summary>
        void Stop();
    }
}
