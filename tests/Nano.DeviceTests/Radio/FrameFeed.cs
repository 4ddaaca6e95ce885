using Nano.DeviceTests.Support;
using Nano.MqttSn.Radio;

namespace Nano.DeviceTests.Radio
{
    /// <summary>Feeds octets to a framing the way a receive loop does and remembers the frames it completed.</summary>
    public sealed class FrameFeed
    {
        /// <summary>Data frames completed.</summary>
        public int DataFrames;

        /// <summary>Transmit Status frames completed.</summary>
        public int StatusFrames;

        /// <summary>Payload of the last Data frame, as hex.</summary>
        public string LastPayload = "";

        /// <summary>Source address of the last Data frame, as hex.</summary>
        public string LastAddress = "";

        /// <summary>Frame id and delivery status of the last Transmit Status frame.</summary>
        public int LastStatusFrameId;

        /// <summary>Delivery status of the last Transmit Status frame.</summary>
        public int LastDeliveryStatus;

        /// <summary>Feeds <paramref name="data"/> to <paramref name="framing"/> in chunks of <paramref name="chunk"/> octets.</summary>
        public static FrameFeed Run(RadioFraming framing, byte[] data, int chunk)
        {
            FrameFeed feed = new FrameFeed();
            for (int offset = 0; offset < data.Length; offset += chunk)
            {
                int count = data.Length - offset < chunk ? data.Length - offset : chunk;
                int used = 0;
                while (true)
                {
                    used += framing.Feed(data, offset + used, count - used);
                    if (framing.FrameKind == RadioFrameKind.None)
                    {
                        break;
                    }

                    feed.Record(framing);
                }
            }

            return feed;
        }

        private void Record(RadioFraming framing)
        {
            if (framing.FrameKind == RadioFrameKind.Data)
            {
                DataFrames++;
                LastPayload = Hex.Format(framing.Buffer, framing.PayloadOffset, framing.PayloadLength);
                LastAddress = Hex.Format(framing.Buffer, framing.AddressOffset, framing.AddressLength);
                return;
            }

            StatusFrames++;
            LastStatusFrameId = framing.StatusFrameId;
            LastDeliveryStatus = framing.DeliveryStatus;
        }
    }
}
