using Nano.MqttSn.Radio;

namespace Nano.Radio.Tests.Radio
{
    /// <summary>A copy of one decoded frame, taken while its slices were valid.</summary>
    internal sealed class ReceivedFrame
    {
        public RadioFrameKind Kind;
        public byte[] Address;
        public byte[] Payload;
        public int StatusFrameId;
        public int DeliveryStatus;

        public static ReceivedFrame Copy(RadioFraming framing)
        {
            var frame = new ReceivedFrame { Kind = framing.FrameKind };
            if (framing.FrameKind == RadioFrameKind.Data)
            {
                frame.Address = FrameFeeder.Slice(framing.Buffer, framing.AddressOffset, framing.AddressLength);
                frame.Payload = FrameFeeder.Slice(framing.Buffer, framing.PayloadOffset, framing.PayloadLength);
            }
            else
            {
                frame.StatusFrameId = framing.StatusFrameId;
                frame.DeliveryStatus = framing.DeliveryStatus;
            }

            return frame;
        }
    }
}
