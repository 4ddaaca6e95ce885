using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Tests.Codec
{
    [TestClass]
    public class FuzzTests
    {
        internal static readonly string[] Valid =
        {
            "05 00 07 03 84", "03 01 01", "07 02 03 C0 A8 01 02", "0A 04 0C 01 00 3C 6E 6F 64 65", "03 05 00",
            "02 06", "07 07 30 64 65 61 64", "02 07", "02 08", "05 09 62 79 65", "09 0A 00 00 12 34 61 2F 62",
            "07 0B 01 01 12 34 00", "0B 0C 30 00 01 00 02 32 31 2E 35", "08 0C 62 74 65 00 00 01",
            "0B 0C 60 00 03 00 00 61 2F 62 FF", "07 0D 00 01 00 02 02", "04 0E 01 02", "04 0F 01 02", "04 10 01 02",
            "0A 12 C0 00 01 73 2F 2B 2F 74", "07 12 21 00 02 00 10", "08 13 20 00 00 00 01 00", "07 14 02 00 03 61 62",
            "04 15 01 02", "02 16", "04 16 6E 31", "02 17", "02 18", "04 18 01 2C", "07 1A 30 64 65 61 64", "03 1B 00",
            "05 1C 62 79 65", "03 1D 00", "05 FE 01 AA BB 03 01 00", "01 00 06 18 01 2C",
        };

        [TestMethod]
        public void Every_seed_vector_is_valid()
        {
            foreach (string hex in Valid)
            {
                byte[] b = Bytes.Hex(hex);
                Assert.AreEqual(SnError.None, new SnMessageSet().Decode(b, 0, b.Length, out _), hex);
            }
        }

        [TestMethod]
        public void Seeded_mutations_never_throw_and_never_read_outside_the_slice()
        {
            var rng = new Random(20131114);
            byte[] work = new byte[300];
            var started = DateTime.UtcNow;
            int iterations = 0;
            while (iterations < 200_000 && (DateTime.UtcNow - started).TotalSeconds < 4)
            {
                byte[] seed = Bytes.Hex(Valid[rng.Next(Valid.Length)]);
                int off = rng.Next(3);
                int count = seed.Length;
                Array.Copy(seed, 0, work, off, count);
                int mutations = 1 + rng.Next(4);
                for (int m = 0; m < mutations; m++)
                {
                    switch (rng.Next(4))
                    {
                        case 0:
                            work[off + rng.Next(count)] = (byte)rng.Next(256);
                            break;
                        case 1:
                            work[off + rng.Next(count)] ^= (byte)(1 << rng.Next(8));
                            break;
                        case 2:
                            count = rng.Next(count + 1);
                            break;
                        default:
                            if (count < 250)
                            {
                                work[off + count] = (byte)rng.Next(256);
                                count++;
                            }

                            break;
                    }
                }

                // The slice is copied to an exact-size array so that any read beyond it throws.
                byte[] exact = new byte[count];
                Array.Copy(work, off, exact, 0, count);
                SnError e = new SnMessageSet().Decode(exact, 0, count, out _);
                Assert.IsTrue(Enum.IsDefined(e));
                iterations++;
            }

            Assert.IsTrue(iterations > 1000);
        }
    }
}
