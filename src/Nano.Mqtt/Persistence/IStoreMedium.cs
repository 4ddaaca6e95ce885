namespace Nano.Mqtt.Persistence
{
    /// <summary>
    /// The file that holds the broker's record log: a byte sequence read at start-up, appended to while running and
    /// made durable by <see cref="Sync"/>. <see cref="BeginReplace"/> and <see cref="CommitReplace"/> swap in a
    /// compacted log atomically: appends in between go to a new file, which replaces the log only once it is durable.
    /// </summary>
    public interface IStoreMedium
    {
        /// <summary>Bytes in the log.</summary>
        int Length { get; }

        /// <summary>Copies up to <paramref name="count"/> bytes from <paramref name="position"/>; returns how many.</summary>
        int Read(int position, byte[] buffer, int offset, int count);

        /// <summary>Adds bytes at the end (of the new file between <see cref="BeginReplace"/> and <see cref="CommitReplace"/>).</summary>
        void Append(byte[] buffer, int offset, int count);

        /// <summary>Returns once every appended byte is durable.</summary>
        void Sync();

        /// <summary>Cuts the log to <paramref name="length"/> bytes, durably.</summary>
        void Truncate(int length);

        /// <summary>Starts a new, empty file that will replace the log.</summary>
        void BeginReplace();

        /// <summary>Makes the new file durable and puts it in place of the log in one step.</summary>
        void CommitReplace();
    }
}
