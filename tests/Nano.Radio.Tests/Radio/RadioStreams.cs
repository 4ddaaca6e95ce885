using System;
using System.Collections.Generic;
using Nano.MqttSn.Radio;

namespace Nano.Radio.Tests.Radio
{
    /// <summary>The framings under test, and frames as their radios would deliver them.</summary>
    internal static class RadioStreams
    {
        public static readonly string[] Names = { "xbee1", "xbee2", "twelite", "slip", "cobs" };

        public static RadioFraming Create(string name)
        {
            switch (name)
            {
                case "xbee1": return new XBeeFraming(false, 84);
                case "xbee2": return new XBeeFraming(true, 84);
                case "twelite": return new TweliteFraming();
                case "slip": return new SlipFraming(96);
                case "cobs": return new CobsFraming(96);
                default: throw new ArgumentException(name);
            }
        }

        /// <summary>A random address valid for the framing.</summary>
        public static byte[] RandomAddress(RadioFraming framing, Random random)
        {
            var address = new byte[framing.AddressLength];
            random.NextBytes(address);
            if (framing is TweliteFraming)
            {
                address[0] = (byte)random.Next(0, 0x79);
            }

            return address;
        }

        /// <summary>The bytes the radio module outputs when <paramref name="address"/> sent the payload.</summary>
        public static byte[] Received(RadioFraming framing, string name, byte[] address, byte[] payload)
        {
            switch (name)
            {
                case "xbee1": return XBeeFramingTests.ReceivePacketFor(false, address, payload);
                case "xbee2": return XBeeFramingTests.ReceivePacketFor(true, address, payload);
                case "twelite": return TweliteFramingTests.Frame(address[0], 0x01, payload);
                default: return FrameFeeder.Encode(framing, address, payload);
            }
        }

        /// <summary>Noise biased towards the octets that mean something to the framings.</summary>
        public static byte[] Noise(Random random, int length)
        {
            byte[] special = { 0x7E, 0x7D, 0x11, 0x13, 0x00, 0xA5, 0x5A, 0x80, 0xC0, 0xDB, 0xDC, 0xDD, 0x04, 0x90 };
            var noise = new byte[length];
            for (int i = 0; i < length; i++)
            {
                noise[i] = random.Next(4) == 0 ? special[random.Next(special.Length)] : (byte)random.Next(256);
            }

            return noise;
        }

        public static List<byte> Append(List<byte> stream, byte[] bytes)
        {
            stream.AddRange(bytes);
            return stream;
        }
    }
}
