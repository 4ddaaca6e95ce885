using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Nano.Radio.Tests.Serial
{
    /// <summary>
    /// A Linux pseudo-terminal pair made with libc (posix_openpt, grantpt, unlockpt, ptsname_r): the
    /// slave is a real tty device (<see cref="SlavePath"/>) that System.IO.Ports.SerialPort opens like
    /// a USB radio adapter; the test plays the radio on the master end.
    /// </summary>
    /// <remarks>
    /// A new pair is in the tty's cooked mode: ECHO would send every octet the adapter writes back to
    /// it, ICANON would hold input until a newline, ICRNL/ONLCR would rewrite 0x0D/0x0A, and ISIG,
    /// IXON and VEOF would act on 0x03, 0x11/0x13 and 0x04 — binary frames would not survive.
    /// .NET's SerialPort.Open configures the line raw itself (SerialLinkTests checks it), so a test
    /// that goes through SerialPort may start cooked (<c>raw: false</c>); a test that only uses the
    /// master end, or opens the slave otherwise, keeps the default and gets cfmakeraw applied to the
    /// line settings, which master and slave share.
    /// </remarks>
    public sealed class PseudoTerminal : IDisposable
    {
        private const int O_RDWR = 0x2;
        private const int O_NOCTTY = 0x100;
        private const int TCSANOW = 0;
        private const short POLLIN = 0x1;
        private const int TermiosSize = 256;
        private int _master;

        /// <summary>Creates the pair, in raw mode unless <paramref name="raw"/> is false.</summary>
        public PseudoTerminal(bool raw = true)
        {
            if (!OperatingSystem.IsLinux())
            {
                throw new PlatformNotSupportedException("pseudo-terminals are created with Linux libc");
            }

            _master = posix_openpt(O_RDWR | O_NOCTTY);
            Check(_master, "posix_openpt");
            Check(grantpt(_master), "grantpt");
            Check(unlockpt(_master), "unlockpt");
            var name = new byte[256];
            Check(ptsname_r(_master, name, name.Length), "ptsname_r");
            SlavePath = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
            if (raw)
            {
                MakeRaw();
            }
        }

        /// <summary>Path of the slave device, e.g. /dev/pts/3.</summary>
        public string SlavePath { get; }

        /// <summary>Puts the line into raw mode (cfmakeraw): octets pass unchanged and unbuffered.</summary>
        public void MakeRaw()
        {
            var termios = new byte[TermiosSize];
            Check(tcgetattr(_master, termios), "tcgetattr");
            cfmakeraw(termios);
            Check(tcsetattr(_master, TCSANOW, termios), "tcsetattr");
        }

        /// <summary>Whether the line is raw: no ICANON, ECHO, ISIG in c_lflag and no ICRNL, IXON in c_iflag.</summary>
        public bool IsRaw()
        {
            var termios = new byte[TermiosSize];
            Check(tcgetattr(_master, termios), "tcgetattr");
            uint iflag = BitConverter.ToUInt32(termios, 0);
            uint lflag = BitConverter.ToUInt32(termios, 12);
            const uint ICRNL = 0x100, IXON = 0x400, ISIG = 0x1, ICANON = 0x2, ECHO = 0x8;
            return (iflag & (ICRNL | IXON)) == 0 && (lflag & (ISIG | ICANON | ECHO)) == 0;
        }

        /// <summary>Writes all octets to the master end (what the radio module outputs).</summary>
        public void Write(byte[] data, int offset, int count)
        {
            while (count > 0)
            {
                int written = write(_master, ref data[offset], (IntPtr)count).ToInt32();
                Check(written, "write");
                offset += written;
                count -= written;
            }
        }

        /// <summary>
        /// Reads what the adapter wrote, waiting up to <paramref name="timeoutMs"/> for the first
        /// octet; 0 when nothing arrived.
        /// </summary>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            var poll = new PollFd { fd = _master, events = POLLIN };
            int ready = Poll(ref poll, 1, timeoutMs);
            Check(ready, "poll");
            if (ready == 0 || (poll.revents & POLLIN) == 0)
            {
                return 0;
            }

            int read = ReadNative(_master, ref buffer[offset], (IntPtr)count).ToInt32();
            Check(read, "read");
            return read;
        }

        public void Dispose()
        {
            if (_master >= 0)
            {
                close(_master);
                _master = -1;
            }
        }

        private static void Check(int result, string call)
        {
            if (result < 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), call);
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct PollFd
        {
            public int fd;
            public short events;
            public short revents;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int posix_openpt(int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int grantpt(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern int unlockpt(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern int ptsname_r(int fd, byte[] buffer, int length);

        [DllImport("libc", SetLastError = true)]
        private static extern int tcgetattr(int fd, byte[] termios);

        [DllImport("libc", SetLastError = true)]
        private static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

        [DllImport("libc")]
        private static extern void cfmakeraw(byte[] termios);

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr write(int fd, ref byte buffer, IntPtr count);

        [DllImport("libc", EntryPoint = "read", SetLastError = true)]
        private static extern IntPtr ReadNative(int fd, ref byte buffer, IntPtr count);

        [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
        private static extern int Poll(ref PollFd fds, int count, int timeoutMs);

        [DllImport("libc", SetLastError = true)]
        private static extern int close(int fd);
    }
}
