using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Radio;
using Nano.Radio.Tests.Radio;
using Nano.Serial;

namespace Nano.Radio.Tests.Serial
{
    /// <summary>
    /// Frames crossing a real tty: SerialRadioPort opens the slave of a pseudo-terminal with
    /// System.IO.Ports.SerialPort while the test plays the radio module on the master end.
    /// </summary>
    [TestClass]
    public sealed class SerialLinkTests
    {
        private const int FrameCount = 60;

        [TestMethod]
        [DataRow("xbee2")]
        [DataRow("xbee1")]
        [DataRow("twelite")]
        [DataRow("slip")]
        [DataRow("cobs")]
        public void Frames_cross_the_tty_both_ways_and_noise_loses_none(string name)
        {
            if (!OperatingSystem.IsLinux())
            {
                Assert.Inconclusive("needs Linux pseudo-terminals");
            }

            var random = new Random(FrameFeeder.StableSeed(name));
            using var terminal = new PseudoTerminal(raw: false);
            using var port = new SerialRadioPort(terminal.SlavePath, 115200, RadioStreams.Create(name));
            port.Open();
            Assert.IsTrue(terminal.IsRaw(), "SerialPort.Open leaves the line raw");

            // Radio → adapter: frames as the module outputs them, line noise between them.
            var expected = new List<byte[]>();
            var stream = new List<byte>();
            for (int i = 0; i < FrameCount; i++)
            {
                stream.AddRange(RadioStreams.Noise(random, random.Next(0, 24)));
                var payload = new byte[random.Next(1, port.Framing.MaxPayload + 1)];
                random.NextBytes(payload);
                byte[] address = RadioStreams.RandomAddress(port.Framing, random);
                stream.AddRange(RadioStreams.Received(RadioStreams.Create(name), name, address, payload));
                expected.Add(FrameFeeder.Concat(address, payload));
            }

            byte[] incoming = stream.ToArray();
            var received = new List<byte[]>();
            int written = 0;
            var deadline = Stopwatch.StartNew();
            while (received.Count < expected.Count && deadline.ElapsedMilliseconds < 10_000)
            {
                if (written < incoming.Length)
                {
                    int chunk = Math.Min(random.Next(1, 200), incoming.Length - written);
                    terminal.Write(incoming, written, chunk);
                    written += chunk;
                }

                while (port.Poll(deadline.ElapsedMilliseconds))
                {
                    if (port.Framing.FrameKind == RadioFrameKind.Data)
                    {
                        ReceivedFrame frame = ReceivedFrame.Copy(port.Framing);
                        received.Add(FrameFeeder.Concat(frame.Address, frame.Payload));
                    }
                }

                Thread.Sleep(1);
            }

            Assert.AreEqual(expected.Count, received.Count, "frames received over the tty");
            for (int i = 0; i < expected.Count; i++)
            {
                CollectionAssert.AreEqual(expected[i], received[i], "frame " + i);
            }

            // Adapter → radio: the module sees exactly the encoded frames.
            RadioFraming reference = RadioStreams.Create(name);
            var sent = new List<byte>();
            for (int i = 0; i < FrameCount; i++)
            {
                var payload = new byte[random.Next(1, port.Framing.MaxPayload + 1)];
                random.NextBytes(payload);
                byte[] address = RadioStreams.RandomAddress(port.Framing, random);
                Assert.IsTrue(port.Send(address, 0, payload, 0, payload.Length));
                sent.AddRange(FrameFeeder.Encode(reference, address, payload));
            }

            var outgoing = new byte[sent.Count];
            int read = 0;
            deadline.Restart();
            while (read < outgoing.Length && deadline.ElapsedMilliseconds < 10_000)
            {
                read += terminal.Read(outgoing, read, outgoing.Length - read, 100);
            }

            Assert.AreEqual(sent.Count, read, "octets the module received");
            CollectionAssert.AreEqual(sent.ToArray(), outgoing);
            Assert.AreEqual(FrameCount, port.FramesSent);
        }

        [TestMethod]
        public void Opening_a_cooked_tty_makes_it_raw_and_every_octet_crosses_unchanged()
        {
            if (!OperatingSystem.IsLinux())
            {
                Assert.Inconclusive("needs Linux pseudo-terminals");
            }

            using var terminal = new PseudoTerminal(raw: false);
            Assert.IsFalse(terminal.IsRaw(), "a new pseudo-terminal is cooked");
            using var port = new System.IO.Ports.SerialPort(terminal.SlavePath, 115200, System.IO.Ports.Parity.None, 8, System.IO.Ports.StopBits.One);
            port.Open();
            Assert.IsTrue(terminal.IsRaw());

            var all = new byte[256];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = (byte)i;
            }

            terminal.Write(all, 0, all.Length);
            var inbound = new byte[256];
            int read = 0;
            var deadline = Stopwatch.StartNew();
            while (read < inbound.Length && deadline.ElapsedMilliseconds < 5000)
            {
                int available = port.BytesToRead;
                read += available > 0 ? port.Read(inbound, read, Math.Min(available, inbound.Length - read)) : 0;
                Thread.Sleep(1);
            }

            CollectionAssert.AreEqual(all, inbound);
            port.Write(all, 0, all.Length);
            var outbound = new byte[256];
            read = 0;
            deadline.Restart();
            while (read < outbound.Length && deadline.ElapsedMilliseconds < 5000)
            {
                read += terminal.Read(outbound, read, outbound.Length - read, 100);
            }

            CollectionAssert.AreEqual(all, outbound);
        }

        [TestMethod]
        public void XBee_transmit_status_failure_reaches_the_poll_loop()
        {
            if (!OperatingSystem.IsLinux())
            {
                Assert.Inconclusive("needs Linux pseudo-terminals");
            }

            using var terminal = new PseudoTerminal();
            using var port = new SerialRadioPort(terminal.SlavePath, 115200, new XBeeFraming(true, 84));
            port.Open();
            Assert.IsTrue(port.Send(new byte[10], 0, new byte[] { 0x02, 0x16 }, 0, 2));
            Assert.AreEqual(1, ((XBeeFraming)port.Framing).LastFrameId);

            // Transmit Status for frame 1: 16-bit FFFE, 0 retries, 0x21 network ACK failure.
            byte[] status = FrameFeeder.Hex("7E 00 07 8B 01 FF FE 00 21 00 55");
            terminal.Write(status, 0, status.Length);
            var deadline = Stopwatch.StartNew();
            while (!port.Poll(deadline.ElapsedMilliseconds) && deadline.ElapsedMilliseconds < 5000)
            {
                Thread.Sleep(1);
            }

            Assert.AreEqual(RadioFrameKind.TransmitStatus, port.Framing.FrameKind);
            Assert.AreEqual(1, port.Framing.StatusFrameId);
            Assert.AreEqual(0x21, port.Framing.DeliveryStatus);
            Assert.AreEqual(1, port.Framing.TransmitFailures);
        }
    }
}
