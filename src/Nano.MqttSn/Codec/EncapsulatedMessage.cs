namespace Nano.MqttSn.Codec
{
    /// <summary>
    /// Forwarder encapsulation 0xFE (§5.5): Length (counting only up to the end of the Wireless Node
    /// Id), MsgType 0xFE, Ctrl, Wireless Node Id, then one complete MQTT-SN message.
    /// </summary>
    public sealed class EncapsulatedMessage
    {
        /// <summary>Ctrl octet; bits 1–0 are the broadcast radius (GW to forwarder).</summary>
        public byte Ctrl;

        /// <summary>Buffer holding the Wireless Node Id.</summary>
        public byte[] NodeId;

        /// <summary>Offset of the Wireless Node Id.</summary>
        public int NodeIdOffset;

        /// <summary>Length of the Wireless Node Id, 1–252.</summary>
        public int NodeIdLength;

        /// <summary>Buffer holding the inner message.</summary>
        public byte[] Inner;

        /// <summary>Offset of the inner message.</summary>
        public int InnerOffset;

        /// <summary>Length of the inner message (decode it with its own decoder).</summary>
        public int InnerLength;

        /// <summary>Broadcast radius from Ctrl.</summary>
        public int Radius => Ctrl & 0x03;

        /// <summary>Encoded size in octets, or <see cref="SnWire.DoesNotFit"/> when the node id is too long.</summary>
        public int GetSize() => 3 + NodeIdLength <= 255 ? 3 + NodeIdLength + InnerLength : SnWire.DoesNotFit;

        /// <summary>Writes envelope and inner message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            int size = GetSize();
            if (!SnWire.Fits(dst, off, size))
            {
                return SnWire.DoesNotFit;
            }

            dst[off] = (byte)(3 + NodeIdLength);
            dst[off + 1] = SnMessageType.Encapsulated;
            dst[off + 2] = Ctrl;
            SnWire.Copy(NodeId, NodeIdOffset, dst, off + 3, NodeIdLength);
            SnWire.Copy(Inner, InnerOffset, dst, off + 3 + NodeIdLength, InnerLength);
            return size;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            Ctrl = 0;
            NodeId = null;
            NodeIdOffset = 0;
            NodeIdLength = 0;
            Inner = null;
            InnerOffset = 0;
            InnerLength = 0;
        }

        /// <summary>Decodes the envelope into this instance; node id and inner message are slices of <paramref name="buf"/>.</summary>
        public SnError Decode(byte[] buf, int off, int count)
        {
            Clear();
            int h, len;
            SnError e = SnWire.ReadHeader(buf, off, count, SnMessageType.Encapsulated, out h, out len);
            if (e != SnError.None)
            {
                return e;
            }

            int nodeIdLength = len - h - 1;
            int innerLength = count - len;
            if (nodeIdLength < 1 || innerLength < 2)
            {
                return SnError.BadEncapsulation;
            }

            Ctrl = buf[off + h];
            NodeId = buf;
            NodeIdOffset = off + h + 1;
            NodeIdLength = nodeIdLength;
            Inner = buf;
            InnerOffset = off + len;
            InnerLength = innerLength;
            return SnError.None;
        }
    }
}
