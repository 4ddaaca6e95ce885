#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Nano.DeviceTests.Broker
{
    [TestClass]
    public class BrokerInputTests
    {
        [TestMethod]
        public void Packets_of_every_kind_received_in_one_call_are_handled_in_order_and_a_partial_one_completes_later_MQTT_4_6_0_2()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "a/b", 1);
            RigClient pub = rig.Connect("p");
            byte[] third = Wire.Publish("a/b", "3", 1, 7, false);
            byte[] bytes = Join(Join(Join(Wire.Publish("a/b", "1", 1, 5, false), Wire.Subscribe(3, "c/d", 0)), Join(Wire.PingReq, Wire.Publish("a/b", "2", 1, 6, false))), Part(third, 0, 3));
            pub.Send(bytes);
            Assert.AreEqual("40020005", pub.Next());
            Assert.AreEqual("9003000300", pub.Next());
            Assert.AreEqual("D000", pub.Next());
            Assert.AreEqual("40020006", pub.Next());
            pub.ExpectNothing();
            Assert.AreEqual(Wire.PublishHex("a/b", "1", 1, 1, false, false), sub.Next());
            Assert.AreEqual(Wire.PublishHex("a/b", "2", 1, 2, false, false), sub.Next());
            sub.ExpectNothing();
            pub.Send(Part(third, 3, third.Length - 3));
            Assert.AreEqual("40020007", pub.Next());
            pub.ExpectNothing();
            Assert.AreEqual(Wire.PublishHex("a/b", "3", 1, 3, false, false), sub.Next());
            sub.ExpectNothing();
        }

        [TestMethod]
        public void CONNECT_and_the_packets_behind_it_in_one_call_are_all_handled_MQTT_3_1_0_1()
        {
            Rig rig = new Rig();
            RigClient c = rig.Accept();
            c.Send(Join(Join(Wire.Connect("c", true, 60), Wire.Subscribe(1, "x", 0)), Wire.PingReq));
            Assert.AreEqual("20020000", c.Next());
            Assert.AreEqual("9003000100", c.Next());
            Assert.AreEqual("D000", c.Next());
            c.ExpectNothing();
        }

        private static byte[] Join(byte[] a, byte[] b)
        {
            byte[] joined = new byte[a.Length + b.Length];
            System.Array.Copy(a, 0, joined, 0, a.Length);
            System.Array.Copy(b, 0, joined, a.Length, b.Length);
            return joined;
        }

        private static byte[] Part(byte[] a, int offset, int count)
        {
            byte[] part = new byte[count];
            System.Array.Copy(a, offset, part, 0, count);
            return part;
        }
    }
}
