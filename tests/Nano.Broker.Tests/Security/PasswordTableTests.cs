using System;
using System.Security.Cryptography;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests.Security
{
    [TestClass]
    public sealed class PasswordTableTests
    {
        private static readonly byte[] Salt = Encoding.ASCII.GetBytes("NaCl-0123456789");

        private static byte[] Hash(byte[] password, byte[] salt, int iterations) =>
            Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);

        private static string Line(string user, string password, byte[] salt, int iterations) =>
            user + ":" + PasswordTable.Scheme + iterations + "$" + Convert.ToBase64String(salt) + "$"
            + Convert.ToBase64String(Hash(Encoding.UTF8.GetBytes(password), salt, iterations));

        internal static int Check(PasswordTable table, string user, byte[] password)
        {
            byte[] u = Encoding.UTF8.GetBytes(user);
            var buffer = new byte[3 + u.Length + (password?.Length ?? 0)];
            Array.Copy(u, 0, buffer, 3, u.Length);
            if (password != null)
            {
                Array.Copy(password, 0, buffer, 3 + u.Length, password.Length);
            }
            return table.Authenticate(buffer, 0, 0, 3, u.Length, 3 + u.Length, password == null ? -1 : password.Length);
        }

        /// <summary>The device's own SHA-256/HMAC/PBKDF2 agrees with .NET's Rfc2898DeriveBytes across block boundaries
        /// (password lengths around 55/56/64 bytes, keys longer than a block are hashed first) and iteration counts.</summary>
        [TestMethod]
        public void Device_pbkdf2_sha256_agrees_with_dotnet_and_rejects_any_other_password()
        {
            int[] lengths = { 0, 1, 31, 32, 55, 56, 57, 63, 64, 65, 119, 120, 200 };
            int[] iterations = { 1, 2, 3, 100 };
            var random = new Random(1234);
            foreach (int length in lengths)
            {
                foreach (int n in iterations)
                {
                    var password = new byte[length];
                    random.NextBytes(password);
                    var salt = new byte[1 + random.Next(64)];
                    random.NextBytes(salt);
                    var table = new PasswordTable(1);
                    byte[] user = Encoding.ASCII.GetBytes("u");
                    Assert.IsTrue(table.Add(user, 0, 1, salt, 0, salt.Length, n, Hash(password, salt, n), 0));
                    Assert.AreEqual(0, Check(table, "u", password), "length " + length + ", iterations " + n);
                    if (length > 0)
                    {
                        password[length - 1] ^= 1;
                        Assert.AreEqual(4, Check(table, "u", password), "altered, length " + length);
                    }
                    else
                    {
                        Assert.AreEqual(4, Check(table, "u", null), "no password");
                    }
                }
            }
        }

        [TestMethod]
        public void Wrong_password_unknown_user_and_missing_password_get_4()
        {
            var table = new PasswordTable(4);
            byte[] text = Encoding.UTF8.GetBytes("# users\n\n" + Line("alice", "secret", Salt, 50) + "\r\n  " + Line("bob", "", Salt, 7) + "\n");
            Assert.AreEqual(0, table.Load(text, 0, text.Length));
            Assert.AreEqual(2, table.Count);
            Assert.AreEqual(0, Check(table, "alice", Encoding.UTF8.GetBytes("secret")));
            Assert.AreEqual(4, Check(table, "alice", Encoding.UTF8.GetBytes("Secret")));
            Assert.AreEqual(4, Check(table, "alice", null));
            Assert.AreEqual(4, Check(table, "mallory", Encoding.UTF8.GetBytes("secret")));
            Assert.AreEqual(0, Check(table, "bob", Array.Empty<byte>()));
            Assert.AreEqual(4, Check(table, "bob", null), "an empty password is not a missing one");
            Assert.AreEqual(0, table.Authenticate(new byte[1], 0, 0, 0, -1, 0, -1), "no user name: left to AllowAnonymous");
        }

        [TestMethod]
        public void Clear_text_and_malformed_lines_are_rejected_with_their_line_number()
        {
            string good = Line("alice", "secret", Salt, 10);
            string[] bad =
            {
                "carol:plaintext",
                "carol:$7$101$abc$def",
                "carol:$pbkdf2-sha256$$" + Convert.ToBase64String(Salt) + "$" + Convert.ToBase64String(new byte[32]),
                "carol:$pbkdf2-sha256$10$" + Convert.ToBase64String(Salt) + "$" + Convert.ToBase64String(new byte[31]),
                "carol:$pbkdf2-sha256$10$$" + Convert.ToBase64String(new byte[32]),
                "carol:$pbkdf2-sha256$10$!!!!$" + Convert.ToBase64String(new byte[32]),
                ":$pbkdf2-sha256$10$" + Convert.ToBase64String(Salt) + "$" + Convert.ToBase64String(new byte[32]),
            };
            foreach (string line in bad)
            {
                var table = new PasswordTable(4);
                byte[] text = Encoding.UTF8.GetBytes(good + "\n# comment\n" + line + "\n");
                Assert.AreEqual(3, table.Load(text, 0, text.Length), line);
            }
            var full = new PasswordTable(1);
            byte[] two = Encoding.UTF8.GetBytes(good + "\n" + Line("bob", "x", Salt, 10));
            Assert.AreEqual(2, full.Load(two, 0, two.Length), "beyond capacity");
        }

        [TestMethod]
        public void A_later_line_for_the_same_user_replaces_the_password()
        {
            var table = new PasswordTable(1);
            byte[] text = Encoding.UTF8.GetBytes(Line("alice", "old", Salt, 5) + "\n" + Line("alice", "new", Salt, 6));
            Assert.AreEqual(0, table.Load(text, 0, text.Length));
            Assert.AreEqual(1, table.Count);
            Assert.AreEqual(4, Check(table, "alice", Encoding.UTF8.GetBytes("old")));
            Assert.AreEqual(0, Check(table, "alice", Encoding.UTF8.GetBytes("new")));
        }

        [TestMethod]
        public void Engine_answers_CONNACK_4_for_a_wrong_password_and_5_for_a_refused_anonymous_client_MQTT_3_2_2_5()
        {
            var table = new PasswordTable(2);
            byte[] text = Encoding.UTF8.GetBytes(Line("alice", "secret", Salt, 20));
            Assert.AreEqual(0, table.Load(text, 0, text.Length));
            var broker = new ScriptedBroker(new BrokerOptions { AllowAnonymous = false });
            broker.Engine.Authenticator = table;

            ScriptedClient wrong = broker.Accept();
            wrong.Send(Packets.Concat(Packets.Connect("c1", user: "alice", password: Encoding.UTF8.GetBytes("guess")), Packets.PingReq));
            Assert.AreEqual("20020004", PollUntilAnswered(broker, wrong, out _));
            Assert.IsTrue(wrong.WantsClose);
            wrong.ExpectNothing(); // nothing after a refused CONNECT is processed [MQTT-3.1.4-5]
            wrong.Closed();

            ScriptedClient anonymous = broker.Accept();
            anonymous.Send(Packets.Connect("c2"));
            Assert.AreEqual("20020005", anonymous.Next().Hex);
            Assert.IsTrue(anonymous.WantsClose);
            anonymous.Closed();

            ScriptedClient right = broker.Accept();
            right.Send(Packets.Connect("c3", user: "alice", password: Encoding.UTF8.GetBytes("secret")));
            right.ExpectNothing(); // one hash step between two polls: this CONNECT waits for later ones
            Assert.AreEqual("20020000", PollUntilAnswered(broker, right, out _));
            Assert.IsFalse(right.WantsClose);
            Assert.AreEqual(2L, broker.Engine.Statistics.AuthenticationFailures);
            Assert.AreEqual(2L, broker.Engine.Statistics.ConnectionsRefused);
        }

        /// <summary>Polls until <paramref name="client"/> gets a packet; its hexadecimal text, with the polls it took.</summary>
        private static string PollUntilAnswered(ScriptedBroker broker, ScriptedClient client, out int polls)
        {
            for (polls = 1; polls <= 1000; polls++)
            {
                broker.Advance(1);
                var answers = client.Drain();
                if (answers.Count > 0)
                {
                    return answers[0].Hex;
                }
            }
            return "";
        }

        [DataTestMethod]
        [DataRow("secret", "20020000", DisplayName = "accepted")]
        [DataRow("guess", "20020004", DisplayName = "bad password")]
        public void A_pbkdf2_check_runs_over_polls_while_another_client_is_served_MQTT_3_2_2_3(string password, string connAck)
        {
            var table = new PasswordTable(1) { HashStepsPerPoll = 4 };
            byte[] text = Encoding.UTF8.GetBytes(Line("alice", "secret", Salt, 20));
            Assert.AreEqual(0, table.Load(text, 0, text.Length));
            var broker = new ScriptedBroker();
            broker.Engine.Authenticator = table;
            ScriptedClient other = broker.Connect("other");

            ScriptedClient alice = broker.Accept();
            alice.Send(Packets.Connect("alice", user: "alice", password: Encoding.UTF8.GetBytes(password)));
            alice.ExpectNothing();
            for (int poll = 0; poll < 3; poll++)
            {
                other.Send(Packets.PingReq);
                Assert.AreEqual("D000", other.Next().Hex, "PINGRESP between two steps of the check");
                broker.Advance(1);
                alice.ExpectNothing();
            }
            // 20 iterations: the first and two more at CONNECT, then two per poll: the CONNACK comes with the 9th poll.
            Assert.AreEqual(connAck, PollUntilAnswered(broker, alice, out int polls));
            Assert.AreEqual(9, polls + 3);
        }

        [TestMethod]
        public void A_connection_closed_during_its_check_lets_the_next_check_run()
        {
            var table = new PasswordTable(2);
            byte[] text = Encoding.UTF8.GetBytes(Line("alice", "secret", Salt, 50) + "\n" + Line("bob", "pw", Salt, 3));
            Assert.AreEqual(0, table.Load(text, 0, text.Length));
            var broker = new ScriptedBroker();
            broker.Engine.Authenticator = table;
            ScriptedClient alice = broker.Accept();
            alice.Send(Packets.Connect("alice", user: "alice", password: Encoding.UTF8.GetBytes("secret")));
            ScriptedClient bob = broker.Accept();
            bob.Send(Packets.Connect("bob", user: "bob", password: Encoding.UTF8.GetBytes("pw")));
            broker.Advance(1);
            bob.ExpectNothing(); // alice's check runs: bob waits
            alice.Closed();
            ScriptedClient next = broker.Accept();
            Assert.AreEqual(alice.Id, next.Id, "the slot is reused");
            next.Send(Packets.Connect("mallory", user: "alice", password: Encoding.UTF8.GetBytes("wrong")));
            Assert.AreEqual("20020004", PollUntilAnswered(broker, next, out _), "the reused slot's CONNECT gets its own check, not alice's");
            Assert.AreEqual("20020000", PollUntilAnswered(broker, bob, out _));
        }

        [TestMethod]
        public void A_user_name_longer_than_the_session_can_keep_gets_CONNACK_4()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxUserNameLength = 8 });
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect("c1", user: "nine-char"));
            Assert.AreEqual("20020004", c.Next().Hex);
            ScriptedClient ok = broker.Accept();
            ok.Send(Packets.Connect("c3", user: "eightchr"));
            Assert.AreEqual("20020000", ok.Next().Hex);
        }

        [TestMethod]
        public void Authenticating_allocates_nothing()
        {
            var table = new PasswordTable(1);
            byte[] text = Encoding.UTF8.GetBytes(Line("alice", "secret", Salt, 3));
            Assert.AreEqual(0, table.Load(text, 0, text.Length));
            byte[] buffer = Encoding.UTF8.GetBytes("alicesecret");
            // Warm up both outcomes past the JIT's tiering thresholds, so only steady state is measured.
            for (int i = 0; i < 100; i++)
            {
                table.Authenticate(buffer, 0, 0, 0, 5, 5, 6 - (i & 1));
            }
            Assert.AreEqual(0, table.Authenticate(buffer, 0, 0, 0, 5, 5, 6));
            long before = GC.GetAllocatedBytesForCurrentThread();
            int sum = 0;
            for (int i = 0; i < 200; i++)
            {
                sum += table.Authenticate(buffer, 0, 0, 0, 5, 5, 6 - (i & 1));
            }
            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.AreEqual(400, sum);
        }
    }
}
