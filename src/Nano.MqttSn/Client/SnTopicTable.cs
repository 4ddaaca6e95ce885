using Nano.Mqtt.Codec;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Client
{
    /// <summary>Topic id ↔ topic name table of one client connection (§6.3, §7.3), fixed capacity.</summary>
    public sealed class SnTopicTable
    {
        private readonly byte[] _names;
        private readonly int[] _lengths;
        private readonly int[] _ids;
        private readonly int _maxName;
        private int _count;

        /// <summary>Creates a table of <paramref name="capacity"/> names of up to <paramref name="maxNameLength"/> octets.</summary>
        public SnTopicTable(int capacity, int maxNameLength)
        {
            _names = new byte[capacity * maxNameLength];
            _lengths = new int[capacity];
            _ids = new int[capacity];
            _maxName = maxNameLength;
        }

        /// <summary>Number of entries.</summary>
        public int Count => _count;

        /// <summary>Longest name the table keeps, octets.</summary>
        public int MaxNameLength => _maxName;

        /// <summary>The array holding every name (see <see cref="NameOf"/>).</summary>
        public byte[] Names => _names;

        /// <summary>Length of the name of <paramref name="topicId"/> and, in <paramref name="offset"/>, where it starts in
        /// <see cref="Names"/>; -1 when the id is unknown.</summary>
        public int NameOf(int topicId, out int offset)
        {
            int i = IndexOfId(topicId);
            offset = i < 0 ? 0 : i * _maxName;
            return i < 0 ? -1 : _lengths[i];
        }

        /// <summary>Topic id registered for the name, or 0.</summary>
        public int Find(byte[] name, int off, int len)
        {
            int i = IndexOfName(name, off, len);
            return i < 0 ? 0 : _ids[i];
        }

        /// <summary>True when the id is registered.</summary>
        public bool Contains(int topicId) => IndexOfId(topicId) >= 0;

        /// <summary>Copies the name of <paramref name="topicId"/>; returns its length, or -1 when unknown or too long for dst.</summary>
        public int CopyName(int topicId, byte[] dst, int off)
        {
            int i = IndexOfId(topicId);
            if (i < 0 || dst == null || off < 0 || off > dst.Length - _lengths[i])
            {
                return -1;
            }

            System.Array.Copy(_names, i * _maxName, dst, off, _lengths[i]);
            return _lengths[i];
        }

        /// <summary>Names a predefined topic id (§2.3); false when the table is full, the id is not 1..65535 or the name is not a
        /// valid topic name that fits.</summary>
        public bool Define(int topicId, string name)
        {
            byte[] bytes = name == null ? null : Utf8Encoder.GetBytes(name);
            return topicId > 0 && topicId <= 0xFFFF && bytes != null && SnTopic.ValidateName(bytes, 0, bytes.Length) == SnError.None
                && Set(topicId, bytes, 0, bytes.Length);
        }

        /// <summary>Adds or replaces the mapping (an id or a name appears at most once); false when full or the name is too long.</summary>
        public bool Set(int topicId, byte[] name, int off, int len)
        {
            if (len < 1 || len > _maxName)
            {
                return false;
            }

            Remove(topicId);
            int i = IndexOfName(name, off, len);
            if (i < 0)
            {
                if (_count == _ids.Length)
                {
                    return false;
                }

                i = _count++;
                System.Array.Copy(name, off, _names, i * _maxName, len);
                _lengths[i] = len;
            }

            _ids[i] = topicId;
            return true;
        }

        /// <summary>Removes the id if present.</summary>
        public void Remove(int topicId)
        {
            int i = IndexOfId(topicId);
            if (i < 0)
            {
                return;
            }

            int last = --_count;
            if (i != last)
            {
                System.Array.Copy(_names, last * _maxName, _names, i * _maxName, _lengths[last]);
                _lengths[i] = _lengths[last];
                _ids[i] = _ids[last];
            }
        }

        /// <summary>Forgets every mapping.</summary>
        public void Clear() => _count = 0;

        private int IndexOfId(int topicId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == topicId)
                {
                    return i;
                }
            }

            return -1;
        }

        private int IndexOfName(byte[] name, int off, int len)
        {
            for (int i = 0; i < _count; i++)
            {
                if (Bytes.Equal(_names, i * _maxName, _lengths[i], name, off, len))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
