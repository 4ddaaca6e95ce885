#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    /// <summary>A $7$ check (Mosquitto's 101 iterations) runs in steps over engine polls on the interpreter, while
    /// another connection's PINGREQ is answered between the steps.</summary>
    [TestClass]
    public class PasswordStepDeviceTests
    {
        private const string Pbkdf2Mosquitto = "u:$7$101$TmFDbC0xMmJ5dGVz$msAVIX2iYViGqCkFXvtfwTYMSLS7tpjJC4EvzKcn4FsbVr8cYBS8jjNIX2OBv04Bbd+kqyMxXSa4FeFyVdViSg==";

        /// <summary>CONNECT at level 4, clean session, with user name and password [MQTT-3.1.2-18], [MQTT-3.1.2-20].</summary>
        private static byte[] Connect(string clientId, string user, string password)
        {
            byte[] id = Wire.Ascii(clientId);
            byte[] u = Wire.Ascii(user);
            byte[] p = Wire.Ascii(password);
            int body = 10 + 2 + id.Length + 2 + u.Length + 2 + p.Length;
            byte[] b = new byte[2 + body];
            b[0] = 0x10;
            b[1] = (byte)body;
            byte[] header = { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0xC2, 0, 0 };
            System.Array.Copy(header, 0, b, 2, header.Length);
            int o = Put(b, 12, id);
            o = Put(b, o, u);
            Put(b, o, p);
            return b;
        }

        private static int Put(byte[] b, int o, byte[] s)
        {
            b[o++] = (byte)(s.Length >> 8);
            b[o++] = (byte)s.Length;
            System.Array.Copy(s, 0, b, o, s.Length);
            return o + s.Length;
        }

        /// <summary>Sends the CONNECT and polls, a PINGREQ from <c>other</c> answered before each poll; returns the CONNACK
        /// and checks it took more than one poll.</summary>
        private static string ConnectOverPolls(string password)
        {
            PasswordTable table = new PasswordTable(1);
            byte[] text = Wire.Ascii(Pbkdf2Mosquitto);
            Assert.AreEqual(0, table.Load(text, 0, text.Length));
            table.HashStepsPerPoll = 40;
            Rig rig = new Rig();
            rig.Engine.Authenticator = table;
            RigClient other = rig.Connect("other");
            RigClient u = rig.Accept();
            u.Send(Connect("u", "u", password));
            int polls = 0;
            string connAck = u.Next();
            while (connAck == "" && polls < 100)
            {
                other.Send(Wire.PingReq);
                Assert.AreEqual("D000", other.Next(), "PINGRESP between two steps of the check");
                rig.Advance(1);
                polls++;
                connAck = u.Next();
            }
            // 101 iterations: 21 at CONNECT, then 20 per poll.
            Assert.AreEqual(4, polls);
            return connAck;
        }

        [TestMethod]
        public void A_7_check_spread_over_polls_accepts_the_right_password_MQTT_3_2_2_3()
        {
            Assert.AreEqual("20020000", ConnectOverPolls("mosquitto"));
        }

        [TestMethod]
        public void A_7_check_spread_over_polls_refuses_a_wrong_password_with_CONNACK_4()
        {
            Assert.AreEqual("20020004", ConnectOverPolls("mosquitt0"));
        }
    }
}
