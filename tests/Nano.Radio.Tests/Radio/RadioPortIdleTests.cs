using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Radio;

namespace Nano.Radio.Tests.Radio
{
    /// <summary>
    /// A start delimiter in line noise must not hold back the real frame behind it for longer than the
    /// port's idle timeout, on framings without escaping (XBee API mode 1, TWELITE).
    /// </summary>
    [TestClass]
    public sealed class RadioPortIdleTests
    {
        [TestMethod]
        [DataRow("xbee1", new byte[] { 0x7E, 0x00, 0x40 })]
        [DataRow("twelite", new byte[] { 0xA5, 0x5A, 0x80, 0x40 })]
        public void A_false_start_in_noise_is_abandoned_after_the_idle_timeout(string name, byte[] falseStart)
        {
            RadioFraming framing = RadioStreams.Create(name);
            var port = new QueuePort(framing) { IdleTimeoutMs = 1000 };
            byte[] address = RadioStreams.RandomAddress(framing, new Random(3));
            byte[] payload = { 1, 2, 3, 4, 5 };
            port.Arrive(falseStart);
            port.Arrive(RadioStreams.Received(RadioStreams.Create(name), name, address, payload));

            Assert.IsFalse(port.Poll(0), "the false start claims more octets than have arrived");
            Assert.IsFalse(port.Poll(999), "still inside the idle timeout");
            Assert.IsTrue(port.Poll(1000), "line idle: the false start is dropped and the real frame found");
            Assert.AreEqual(RadioFrameKind.Data, framing.FrameKind);
            CollectionAssert.AreEqual(payload, FrameFeeder.Slice(framing.Buffer, framing.PayloadOffset, framing.PayloadLength));
            Assert.IsTrue(framing.MalformedFrames >= 1);
            Assert.IsFalse(port.Poll(1001));
        }

        [TestMethod]
        public void Octets_arriving_restart_the_idle_timeout()
        {
            RadioFraming framing = RadioStreams.Create("slip");
            var port = new QueuePort(framing) { IdleTimeoutMs = 1000 };
            byte[] frame = RadioStreams.Received(RadioStreams.Create("slip"), "slip", new byte[0], new byte[] { 9, 8, 7 });
            port.Arrive(new[] { frame[0], frame[1] });
            Assert.IsFalse(port.Poll(0));
            port.Arrive(new[] { frame[2] });
            Assert.IsFalse(port.Poll(900));
            Assert.IsFalse(port.Poll(1800), "900 ms since the last octet: the slow frame is kept");
            port.Arrive(FrameFeeder.Slice(frame, 3, frame.Length - 3));
            Assert.IsTrue(port.Poll(1850));
            Assert.AreEqual(0, framing.MalformedFrames);
        }

        private sealed class QueuePort : RadioPort
        {
            private readonly Queue<byte> _line = new Queue<byte>();

            public QueuePort(RadioFraming framing)
                : base(framing, 64)
            {
            }

            public void Arrive(byte[] octets)
            {
                foreach (byte b in octets)
                {
                    _line.Enqueue(b);
                }
            }

            protected override int ReadAvailable(byte[] buffer, int offset, int count)
            {
                int n = 0;
                while (n < count && _line.Count > 0)
                {
                    buffer[offset + n++] = _line.Dequeue();
                }

                return n;
            }

            protected override void Write(byte[] buffer, int offset, int count)
            {
            }
        }
    }
}
