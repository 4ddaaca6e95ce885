using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Radio;

namespace Nano.Radio.Tests.Radio
{
    [TestClass]
    public sealed class FramingFuzzTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        [DataRow("xbee1")]
        [DataRow("xbee2")]
        [DataRow("twelite")]
        [DataRow("slip")]
        [DataRow("cobs")]
        public void Noise_between_frames_never_throws_and_loses_no_frame(string name)
        {
            var random = new Random(20240817);
            RadioFraming sender = RadioStreams.Create(name);
            var expected = new List<byte[]>();
            var stream = new List<byte>();
            for (int i = 0; i < 1500; i++)
            {
                if (random.Next(3) > 0)
                {
                    stream.AddRange(RadioStreams.Noise(random, random.Next(1, 40)));
                }

                var payload = new byte[random.Next(1, sender.MaxPayload + 1)];
                random.NextBytes(payload);
                byte[] address = RadioStreams.RandomAddress(sender, random);
                stream.AddRange(RadioStreams.Received(sender, name, address, payload));
                expected.Add(FrameFeeder.Concat(address, payload));
            }

            // A trailing delimiter-free tail of noise must not hide the last frame.
            RadioFraming receiver = RadioStreams.Create(name);
            byte[] all = stream.ToArray();
            var frames = new List<ReceivedFrame>();
            for (int offset = 0; offset < all.Length;)
            {
                int chunk = Math.Min(random.Next(1, 65), all.Length - offset);
                FrameFeeder.FeedChunk(receiver, all, offset, chunk, frames);
                offset += chunk;
            }

            int found = 0;
            foreach (ReceivedFrame frame in frames)
            {
                if (found < expected.Count && frame.Kind == RadioFrameKind.Data
                    && FrameFeeder.Concat(frame.Address, frame.Payload).AsSpan().SequenceEqual(expected[found]))
                {
                    found++;
                }
            }

            TestContext.WriteLine(name + ": frames " + frames.Count + ", checksum errors " + receiver.ChecksumErrors
                + ", malformed " + receiver.MalformedFrames + ", oversize " + receiver.OversizeFrames
                + ", skipped " + receiver.SkippedFrames + ", discarded " + receiver.DiscardedBytes);
            Assert.AreEqual(expected.Count, found, "valid frames found in order");
            Assert.IsTrue(receiver.DiscardedBytes + receiver.ChecksumErrors + receiver.MalformedFrames > 0, "noise was noticed");
        }

        [TestMethod]
        [DataRow("xbee1")]
        [DataRow("xbee2")]
        [DataRow("twelite")]
        [DataRow("slip")]
        [DataRow("cobs")]
        public void Mutated_frames_and_pure_noise_never_throw(string name)
        {
            var random = new Random(7);
            RadioFraming sender = RadioStreams.Create(name);
            RadioFraming receiver = RadioStreams.Create(name);
            var frames = new List<ReceivedFrame>();
            for (int i = 0; i < 3000; i++)
            {
                var payload = new byte[random.Next(1, sender.MaxPayload + 1)];
                random.NextBytes(payload);
                byte[] frame = RadioStreams.Received(sender, name, RadioStreams.RandomAddress(sender, random), payload);
                int flips = random.Next(1, 4);
                for (int f = 0; f < flips; f++)
                {
                    frame[random.Next(frame.Length)] ^= (byte)(1 << random.Next(8));
                }

                FrameFeeder.FeedChunk(receiver, frame, 0, frame.Length, frames);
                byte[] noise = RadioStreams.Noise(random, random.Next(0, 300));
                FrameFeeder.FeedChunk(receiver, noise, 0, noise.Length, frames);
                if (i % 100 == 0)
                {
                    receiver.AbandonPartialFrame();
                }
            }

            foreach (ReceivedFrame frame in frames)
            {
                if (frame.Kind == RadioFrameKind.Data)
                {
                    Assert.AreEqual(receiver.AddressLength, frame.Address.Length);
                    Assert.IsTrue(frame.Payload.Length <= receiver.MaxPayload, "a mutated length never yields an oversize payload");
                }
            }

            Assert.IsTrue(receiver.ChecksumErrors + receiver.MalformedFrames > 100, "mutations were detected");
        }
    }
}
