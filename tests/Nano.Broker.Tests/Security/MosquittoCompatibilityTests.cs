using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Broker.Tests.RealPeer;
using Nano.Host;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests.Security
{
    /// <summary>What people bring from Mosquitto: $7$ and $6$ password files, 'topic deny' ACLs and mosquitto_passwd's flags.</summary>
    [TestClass]
    public sealed class MosquittoCompatibilityTests
    {
        private static PasswordTable Table(string line)
        {
            var table = new PasswordTable(2);
            byte[] text = Encoding.UTF8.GetBytes(line);
            Assert.AreEqual(0, table.Load(text, 0, text.Length), line);
            return table;
        }

        private static string Sha512Line(string user, byte[] salt, string hexDigest) =>
            user + ":$6$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(Convert.FromHexString(hexDigest));

        /// <summary>FIPS 180-2 appendix C known answers, through $6$ lines whose password and salt concatenate to the
        /// vector's message: one block ("abc"), two blocks (the 896-bit message) and a million 'a's.</summary>
        [TestMethod]
        [DataRow("ab", "c", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
        [DataRow("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrst", "u",
            "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")]
        [DataRow(null, "a", "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b")]
        public void Sha512_lines_check_against_the_FIPS_180_vectors(string password, string salt, string digest)
        {
            password ??= new string('a', 999999);
            PasswordTable table = Table(Sha512Line("fips", Encoding.ASCII.GetBytes(salt), digest));
            Assert.AreEqual(0, PasswordTableTests.Check(table, "fips", Encoding.ASCII.GetBytes(password)));
            Assert.AreEqual(4, PasswordTableTests.Check(table, "fips", Encoding.ASCII.GetBytes(password + "x")));
        }

        /// <summary>The device's PBKDF2-HMAC-SHA512 agrees with .NET's Rfc2898DeriveBytes.Pbkdf2 across SHA-512 block
        /// boundaries (password lengths around 111/112/128; longer keys are hashed first) and iteration counts.</summary>
        [TestMethod]
        public void Pbkdf2_sha512_lines_agree_with_dotnet_and_reject_any_other_password()
        {
            int[] lengths = { 0, 1, 63, 64, 111, 112, 113, 127, 128, 129, 300 };
            int[] iterations = { 1, 2, 101 };
            var random = new Random(512);
            foreach (int length in lengths)
            {
                foreach (int n in iterations)
                {
                    var password = new byte[length];
                    random.NextBytes(password);
                    var salt = new byte[1 + random.Next(40)];
                    random.NextBytes(salt);
                    byte[] hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, n, HashAlgorithmName.SHA512, 64);
                    PasswordTable table = Table("u:$7$" + n + "$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash));
                    Assert.AreEqual(0, PasswordTableTests.Check(table, "u", password), "length " + length + ", iterations " + n);
                    if (length > 0)
                    {
                        password[length / 2] ^= 0x20;
                        Assert.AreEqual(4, PasswordTableTests.Check(table, "u", password), "altered, length " + length);
                    }
                    Assert.AreEqual(4, PasswordTableTests.Check(table, "u", null), "no password");
                }
            }
        }

        [TestMethod]
        [DataRow("u:$7$101$c2FsdA==$aGFzaA==")]
        [DataRow("u:$7$$c2FsdA==$" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
        [DataRow("u:$6$$" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
        [DataRow("u:$6$c2FsdA==")]
        public void Malformed_sha512_lines_are_refused(string line)
        {
            var table = new PasswordTable(1);
            byte[] text = Encoding.UTF8.GetBytes(line);
            Assert.AreEqual(1, table.Load(text, 0, text.Length));
        }

        [TestMethod]
        public async Task MQTTnet_clients_log_in_with_7_and_6_lines_of_one_password_file()
        {
            byte[] salt6 = Encoding.ASCII.GetBytes("pepper");
            string line6 = "old:$6$" + Convert.ToBase64String(salt6) + "$"
                + Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes("old-pw").Concat(salt6).ToArray()));
            byte[] salt7 = RandomNumberGenerator.GetBytes(12);
            string line7 = "new:$7$101$" + Convert.ToBase64String(salt7) + "$"
                + Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("new-pw"), salt7, 101, HashAlgorithmName.SHA512, 64));
            string path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "# from mosquitto_passwd\n" + line7 + "\n" + line6 + "\n");
                Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(new[] { "--password_file", path, "--allow_anonymous", "false" }, out HostOptions parsed, out string error), error);
                using var broker = new TestBroker(o =>
                {
                    o.Authenticator = parsed.Authenticator;
                    o.Broker.AllowAnonymous = false;
                });
                await using MqttPeer newUser = await broker.ConnectAsync("n", MqttProtocolVersion.V311, configure: b => b.WithCredentials("new", "new-pw"));
                await using MqttPeer oldUser = await broker.ConnectAsync("o", MqttProtocolVersion.V311, configure: b => b.WithCredentials("old", "old-pw"));
                await oldUser.SubscribeAsync("x", MqttQualityOfServiceLevel.AtLeastOnce);
                await newUser.PublishAsync("x", "hi", MqttQualityOfServiceLevel.AtLeastOnce);
                Assert.AreEqual("hi", (await oldUser.NextAsync()).Payload);
                using IMqttClient wrong = new MqttClientFactory().CreateMqttClient();
                try
                {
                    MqttClientConnectResult result = await wrong.ConnectAsync(broker.Options("w", MqttProtocolVersion.V311).WithCredentials("new", "old-pw").Build())
                        .WaitAsync(TestBroker.Timeout);
                    Assert.AreEqual(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
                }
                catch (MQTTnet.Adapter.MqttConnectingFailedException e)
                {
                    StringAssert.Contains(e.Message, nameof(MqttClientConnectResultCode.BadUserNameOrPassword));
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        /// <summary>Mosquitto 2 puts deny rules before the others: a matching 'topic deny' wins over any allow of the same
        /// client, whatever the order of the lines; a subscription filter is compared with it literally.</summary>
        [TestMethod]
        public void Topic_deny_overrides_a_matching_allow_in_either_order_as_Mosquitto_2_does()
        {
            TopicAcl acl = TopicAclTests.Load(
                "topic readwrite #\ntopic deny secret/#\n" +
                "user alice\ntopic deny home/alice/private\ntopic readwrite home/alice/#\ntopic readwrite secret/alice\n" +
                "pattern deny devices/%c/keys\npattern readwrite devices/%c/#\n");
            Assert.IsTrue(TopicAclTests.Allows(acl, TopicAcl.Write, "public/x", "c", null));
            Assert.IsFalse(TopicAclTests.Allows(acl, TopicAcl.Write, "secret/x", "c", null), "deny after the allow");
            Assert.IsFalse(TopicAclTests.Allows(acl, TopicAcl.Read, "secret", "c", null), "secret/# covers its parent");
            Assert.IsFalse(TopicAclTests.Allows(acl, TopicAcl.Read, "secret/+", "c", null), "a filter inside the denied tree");
            Assert.IsTrue(TopicAclTests.Allows(acl, TopicAcl.Read, "#", "c", null), "'#' is not inside 'secret/#' read literally; deliveries are checked one by one");
            Assert.IsTrue(TopicAclTests.Allows(acl, TopicAcl.Read, "+/x", "c", null));
            Assert.IsTrue(TopicAclTests.Allows(acl, TopicAcl.Write, "home/alice/lamp", "c", "alice"));
            Assert.IsFalse(TopicAclTests.Allows(acl, TopicAcl.Write, "home/alice/private", "c", "alice"), "deny before the allow");
            Assert.IsFalse(TopicAclTests.Allows(acl, TopicAcl.Read, "home/alice/private", "c", "alice"), "deny covers every access");
            Assert.IsTrue(TopicAclTests.Allows(acl, TopicAcl.Write, "secret/alice", "c", "alice"), "the anonymous deny is not alice's");
            Assert.IsTrue(TopicAclTests.Allows(acl, TopicAcl.Write, "devices/d1/temp", "d1", "alice"));
            Assert.IsFalse(TopicAclTests.Allows(acl, TopicAcl.Write, "devices/d1/keys", "d1", "alice"), "pattern deny with %c");
            Assert.IsTrue(TopicAclTests.Allows(acl, TopicAcl.Write, "devices/d1/keys/old", "d1", "alice"), "the deny names one topic, not its subtree");
        }

        [TestMethod]
        public async Task A_topic_deny_ACL_denies_subscribe_publish_and_delivery_to_MQTTnet_clients()
        {
            string acl = Path.GetTempFileName();
            try
            {
                File.WriteAllText(acl, "topic readwrite #\ntopic deny secret/#\n");
                using var broker = new TestBroker(o => o.Acl = HostOptionsParser.LoadAcl(acl, out _));
                await using MqttPeer reader = await broker.ConnectAsync("reader", MqttProtocolVersion.V311);
                await using MqttPeer writer = await broker.ConnectAsync("writer", MqttProtocolVersion.V311);
                await reader.SubscribeAsync("secret/plans", MqttQualityOfServiceLevel.AtLeastOnce, MqttClientSubscribeResultCode.UnspecifiedError);
                await reader.SubscribeAsync("#", MqttQualityOfServiceLevel.AtLeastOnce);
                await writer.PublishAsync("secret/plans", "no", MqttQualityOfServiceLevel.AtLeastOnce);
                await writer.PublishAsync("open/news", "yes", MqttQualityOfServiceLevel.AtLeastOnce);
                Assert.AreEqual(new PeerMessage("open/news", "yes", 1, false, false), await reader.NextAsync());
                Assert.IsTrue(reader.InboxEmpty);
                Assert.AreEqual(1L, broker.Statistics.PublishesDenied);
                Assert.AreEqual(1L, broker.Statistics.SubscriptionsDenied);
            }
            finally
            {
                File.Delete(acl);
            }
        }

        [TestMethod]
        public void Passwd_takes_mosquitto_passwds_create_batch_delete_and_upgrade_flags()
        {
            string path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "stale:line\n");
                Assert.AreEqual(0, Program.Main(new[] { "passwd", "-c", "-b", path, "alice", "a-pw" }));
                Assert.AreEqual(0, Program.Main(new[] { "passwd", "-b", "-I", "7", path, "bob", "b-pw" }));
                string[] lines = File.ReadAllLines(path);
                Assert.HasCount(2, lines, "-c started the file afresh");
                StringAssert.StartsWith(lines[0], "alice:$7$101$");
                StringAssert.StartsWith(lines[1], "bob:$7$7$");
                Assert.AreEqual(0, Program.Main(new[] { "passwd", "-D", path, "alice" }));
                Assert.AreEqual(2, Program.Main(new[] { "passwd", "-D", path, "alice" }), "no such user any more");
                File.AppendAllText(path, "carol:c-pw\n# comment\n");
                Assert.AreEqual(0, Program.Main(new[] { "passwd", "-U", path }));
                lines = File.ReadAllLines(path);
                Assert.HasCount(3, lines);
                StringAssert.StartsWith(lines[1], "carol:$7$101$");
                Assert.AreEqual("# comment", lines[2]);
                PasswordFile file = PasswordFile.Load(path, out string error);
                Assert.IsNotNull(file, error);
                Assert.AreEqual(0, file.ClearTextCount);
                Assert.AreEqual(0, Check(file, "bob", "b-pw"));
                Assert.AreEqual(0, Check(file, "carol", "c-pw"));
                Assert.AreEqual(4, Check(file, "alice", "a-pw"));
                Assert.AreEqual(2, Program.Main(new[] { "passwd", "-c", "-D", path, "bob" }));
                Assert.AreEqual(2, Program.Main(new[] { "passwd", "-b", path, "bob" }));
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static int Check(PasswordFile file, string user, string password)
        {
            byte[] buffer = Encoding.UTF8.GetBytes(user + password);
            return file.Authenticate(buffer, 0, 0, 0, user.Length, user.Length, password.Length);
        }
    }
}
