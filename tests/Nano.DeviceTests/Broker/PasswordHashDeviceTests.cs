#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    /// <summary>Mosquitto's $6$ (SHA-512) and $7$ (PBKDF2-SHA512) lines checked by the interpreter's 64-bit arithmetic,
    /// against vectors computed independently (FIPS 180 "abc"; Python's hashlib.pbkdf2_hmac for the $7$ line).</summary>
    [TestClass]
    public class PasswordHashDeviceTests
    {
        private const string Sha512Abc = "v:$6$Yw==$3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==";
        private const string Pbkdf2Mosquitto = "u:$7$101$TmFDbC0xMmJ5dGVz$msAVIX2iYViGqCkFXvtfwTYMSLS7tpjJC4EvzKcn4FsbVr8cYBS8jjNIX2OBv04Bbd+kqyMxXSa4FeFyVdViSg==";

        private static int Check(PasswordTable table, string user, string password)
        {
            byte[] u = Wire.Ascii(user);
            byte[] p = Wire.Ascii(password);
            byte[] buffer = new byte[u.Length + p.Length];
            System.Array.Copy(u, buffer, u.Length);
            System.Array.Copy(p, 0, buffer, u.Length, p.Length);
            return table.Authenticate(buffer, 0, 0, 0, u.Length, u.Length, p.Length);
        }

        private static PasswordTable Load(string line)
        {
            PasswordTable table = new PasswordTable(1);
            byte[] text = Wire.Ascii(line);
            Assert.AreEqual(0, table.Load(text, 0, text.Length), line);
            return table;
        }

        [TestMethod]
        public void A_6_line_checks_the_FIPS_180_abc_vector()
        {
            PasswordTable table = Load(Sha512Abc);
            Assert.AreEqual(0, Check(table, "v", "ab"));
            Assert.AreEqual(4, Check(table, "v", "aB"));
        }

        [TestMethod]
        public void A_7_line_as_mosquitto_passwd_writes_it_checks_its_password()
        {
            PasswordTable table = Load(Pbkdf2Mosquitto);
            Assert.AreEqual(0, Check(table, "u", "mosquitto"));
            Assert.AreEqual(4, Check(table, "u", "mosquitt0"));
        }
    }
}
