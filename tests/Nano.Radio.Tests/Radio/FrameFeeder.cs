using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Radio;

namespace Nano.Radio.Tests.Radio
{
    /// <summary>Drives a framing the way a receive loop does and collects what it decodes.</summary>
    internal static class FrameFeeder
    {
        /// <summary>A seed that is the same in every run (string.GetHashCode is randomised per process).</summary>
        public static int StableSeed(string text)
        {
            int seed = 17;
            foreach (char c in text)
            {
                seed = seed * 31 + c;
            }

            return seed & 0x7FFFFFFF;
        }

        public static byte[] Hex(string hex)
        {
            return Convert.FromHexString(hex.Replace(" ", string.Empty));
        }

        /// <summary>Feeds <paramref name="data"/> in chunks of <paramref name="chunk"/> octets.</summary>
        public static List<ReceivedFrame> Feed(RadioFraming framing, byte[] data, int chunk)
        {
            var frames = new List<ReceivedFrame>();
            for (int offset = 0; offset < data.Length; offset += chunk)
            {
                FeedChunk(framing, data, offset, Math.Min(chunk, data.Length - offset), frames);
            }

            return frames;
        }

        /// <summary>Feeds data split once at <paramref name="split"/>.</summary>
        public static List<ReceivedFrame> FeedSplit(RadioFraming framing, byte[] data, int split)
        {
            var frames = new List<ReceivedFrame>();
            FeedChunk(framing, data, 0, split, frames);
            FeedChunk(framing, data, split, data.Length - split, frames);
            return frames;
        }

        public static void FeedChunk(RadioFraming framing, byte[] data, int offset, int count, List<ReceivedFrame> frames)
        {
            int used = 0;
            while (true)
            {
                int consumed = framing.Feed(data, offset + used, count - used);
                Assert.IsTrue(consumed >= 0 && consumed <= count - used, "Feed consumed " + consumed);
                used += consumed;
                if (framing.FrameKind == RadioFrameKind.None)
                {
                    Assert.AreEqual(count, used, "Feed stopped early without a frame");
                    return;
                }

                frames.Add(ReceivedFrame.Copy(framing));
            }
        }

        public static byte[] Encode(RadioFraming framing, byte[] address, byte[] payload)
        {
            int length = framing.MeasureFrame(address, 0, payload, 0, payload.Length);
            Assert.IsTrue(length > 0, "MeasureFrame rejected the payload");
            var frame = new byte[length];
            Assert.AreEqual(length, framing.WriteFrame(address, 0, payload, 0, payload.Length, frame, 0));
            return frame;
        }

        /// <summary>A copy of <paramref name="length"/> octets of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public static byte[] Slice(byte[] buffer, int offset, int length)
        {
            var copy = new byte[length];
            Array.Copy(buffer, offset, copy, 0, length);
            return copy;
        }

        public static byte[] Concat(params byte[][] parts)
        {
            int length = 0;
            foreach (byte[] part in parts)
            {
                length += part.Length;
            }

            var all = new byte[length];
            int at = 0;
            foreach (byte[] part in parts)
            {
                Array.Copy(part, 0, all, at, part.Length);
                at += part.Length;
            }

            return all;
        }
    }
}
