using System;
using System.Text;

namespace Nano.Broker.Tests
{
    /// <summary>One packet the broker sent, split out of the output bytes by a parser written for the tests.</summary>
    internal sealed class Received
    {
        public byte[] Bytes;
        public int Type => Bytes[0] >> 4;
        public int Flags => Bytes[0] & 0x0F;
        public int BodyOffset;

        public bool IsPublish => Type == 3;
        public int Qos => (Flags >> 1) & 3;
        public bool Dup => (Flags & 8) != 0;
        public bool Retain => (Flags & 1) != 0;

        public string Topic
        {
            get
            {
                int length = (Bytes[BodyOffset] << 8) | Bytes[BodyOffset + 1];
                return Encoding.UTF8.GetString(Bytes, BodyOffset + 2, length);
            }
        }

        /// <summary>PUBLISH (QoS &gt; 0) packet id, or the id of an ack.</summary>
        public int PacketId
        {
            get
            {
                int p = BodyOffset;
                if (IsPublish)
                {
                    p += 2 + ((Bytes[p] << 8) | Bytes[p + 1]);
                }
                return (Bytes[p] << 8) | Bytes[p + 1];
            }
        }

        public string Payload => Encoding.UTF8.GetString(PayloadBytes);

        public byte[] PayloadBytes
        {
            get
            {
                int p = BodyOffset + 2 + ((Bytes[BodyOffset] << 8) | Bytes[BodyOffset + 1]);
                if (Qos > 0)
                {
                    p += 2;
                }
                return Bytes.AsSpan(p).ToArray();
            }
        }

        public string Hex => Convert.ToHexString(Bytes);

        public override string ToString() => Hex;
    }
}
