using System;
using System.IO;
using Nano.Mqtt.Persistence;

namespace Nano.Host
{
    /// <summary>
    /// The broker's record log in a file. <see cref="Sync"/> is <see cref="FileStream.Flush(bool)"/> with a flush to
    /// the disk (fsync); a compacted log is written to <c>&lt;file&gt;.new</c>, synced, and renamed over the log.
    /// </summary>
    public sealed class FileStoreMedium : IStoreMedium, IDisposable
    {
        private readonly string _path;
        private FileStream _log;
        private FileStream _replacement;

        /// <summary>Opens (or creates) the log at <paramref name="path"/>; an IOException propagates.</summary>
        public FileStoreMedium(string path)
        {
            _path = path;
            _log = Open(path, FileMode.OpenOrCreate);
            _log.Seek(0, SeekOrigin.End);
        }

        public int Length => (int)_log.Length;

        public int Read(int position, byte[] buffer, int offset, int count)
        {
            _log.Seek(position, SeekOrigin.Begin);
            int total = 0;
            int n;
            while (total < count && (n = _log.Read(buffer, offset + total, count - total)) > 0)
            {
                total += n;
            }
            _log.Seek(0, SeekOrigin.End);
            return total;
        }

        public void Append(byte[] buffer, int offset, int count) => (_replacement ?? _log).Write(buffer, offset, count);

        public void Sync() => _log.Flush(true);

        public void Truncate(int length)
        {
            _log.SetLength(length);
            _log.Flush(true);
            _log.Seek(0, SeekOrigin.End);
        }

        public void BeginReplace()
        {
            _replacement?.Dispose();
            _replacement = Open(_path + ".new", FileMode.Create);
        }

        public void CommitReplace()
        {
            _replacement.Flush(true);
            _replacement.Dispose();
            _replacement = null;
            _log.Dispose();
            File.Move(_path + ".new", _path, true);
            _log = Open(_path, FileMode.Open);
            _log.Seek(0, SeekOrigin.End);
        }

        public void Dispose()
        {
            _replacement?.Dispose();
            _log.Dispose();
        }

        private static FileStream Open(string path, FileMode mode) => new FileStream(path, mode, FileAccess.ReadWrite, FileShare.Read, 65536);
    }
}
