namespace Nano.Mqtt.Codec
{
    /// <summary>A control packet that knows its encoded size and encodes itself (every packet class of the codec).</summary>
    public interface IPacket
    {
        /// <summary>Exact encoded size in bytes, or -1 when the packet cannot be encoded.</summary>
        int GetSize();

        /// <summary>Encodes at <paramref name="offset"/>; returns bytes written, or -1 (nothing written) when it does
        /// not fit or cannot be encoded.</summary>
        int Encode(byte[] dst, int offset);
    }
}
