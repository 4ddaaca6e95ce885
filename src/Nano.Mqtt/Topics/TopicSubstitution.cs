using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Topics
{
    /// <summary>
    /// Values for the placeholders "%c" (client id) and "%u" (user name) of an access-rule filter, used by
    /// <see cref="TopicMatcher.Overlaps"/>. Allocate one and <see cref="Set"/> it per check.
    /// </summary>
    public sealed class TopicSubstitution
    {
        private const int ClientIdPlaceholder = 0;
        private const int UserNamePlaceholder = 1;

        private readonly ByteSlice _clientId = new ByteSlice();
        private readonly ByteSlice _userName = new ByteSlice();

        /// <summary>Sets the values; a length of -1 (an anonymous client's user name) matches nothing.</summary>
        public void Set(byte[] clientId, int clientIdOffset, int clientIdLength, byte[] userName, int userNameOffset, int userNameLength)
        {
            _clientId.Set(clientId, clientIdOffset, clientIdLength);
            _userName.Set(userName, userNameOffset, userNameLength);
        }

        /// <summary>0 for "%c", 1 for "%u" starting at <paramref name="at"/>, else -1.</summary>
        internal static int PlaceholderAt(byte[] text, int at, int end)
        {
            if (text[at] != (byte)'%' || at + 1 >= end)
            {
                return -1;
            }

            byte kind = text[at + 1];
            return kind == (byte)'c' ? ClientIdPlaceholder : kind == (byte)'u' ? UserNamePlaceholder : -1;
        }

        /// <summary>Length of the value when <paramref name="text"/> continues with it at <paramref name="at"/>, else -1.</summary>
        internal int Matches(int placeholder, byte[] text, int at, int end)
        {
            ByteSlice value = placeholder == ClientIdPlaceholder ? _clientId : _userName;
            int length = value.Length;
            if (length < 0 || end - at < length || !Bytes.Equal(value.Buffer, value.Offset, length, text, at, length))
            {
                return -1;
            }

            return length;
        }
    }
}
