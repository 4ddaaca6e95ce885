using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Host;

namespace Nano.Broker.Tests.Security
{
    [TestClass]
    public sealed class HostSecurityOptionsTests
    {
        private static int Check(PasswordFile file, string user, string password)
        {
            var buffer = new byte[128];
            int userLength = Encoding.UTF8.GetBytes(user, 0, user.Length, buffer, 0);
            int passwordLength = password == null ? -1 : Encoding.UTF8.GetBytes(password, 0, password.Length, buffer, 64);
            return file.Authenticate(buffer, 0, 0, 0, userLength, 64, passwordLength);
        }

        [TestMethod]
        public void Passwd_writes_hashed_lines_that_replace_the_users_entry_and_the_file_checks_them()
        {
            string path = Path.GetTempFileName();
            try
            {
                Assert.IsTrue(PasswordFile.SetUser(path, "alice", "first", 30, out string error), error);
                Assert.IsTrue(PasswordFile.SetUser(path, "bob", "b0b", 30, out error), error);
                Assert.IsTrue(PasswordFile.SetUser(path, "alice", "second", 40, out error), error);
                string[] lines = File.ReadAllLines(path);
                Assert.HasCount(2, lines);
                StringAssert.StartsWith(lines[0], "bob:$7$30$");
                StringAssert.StartsWith(lines[1], "alice:$7$40$");
                Assert.IsFalse(File.ReadAllText(path).Contains("second"), "no clear text");
                PasswordFile file = PasswordFile.Load(path, out error);
                Assert.IsNotNull(file, error);
                Assert.AreEqual(0, file.ClearTextCount);
                Assert.AreEqual(0, Check(file, "alice", "second"));
                Assert.AreEqual(4, Check(file, "alice", "first"));
                Assert.AreEqual(0, Check(file, "bob", "b0b"));
                Assert.IsFalse(PasswordFile.SetUser(path, "a:b", "x", 30, out error));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [TestMethod]
        public void A_password_file_check_runs_over_engine_polls_in_password_hash_steps_while_others_are_served_MQTT_3_2_2_3()
        {
            string path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, PasswordFile.HashLine("alice", "secret", 20) + "\ncarol:plain\n");
                Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(new[] { "--password_file", path, "--password_hash_steps", "4", "--port", "0" },
                    out HostOptions options, out string error), error);
                using var host = new BrokerHost(options);
                Assert.AreEqual(4, ((PasswordFile)options.Authenticator).HashStepsPerPoll, "the option reaches the file");
                var broker = new ScriptedBroker();
                broker.Engine.Authenticator = options.Authenticator;
                ScriptedClient other = broker.Connect("other");

                ScriptedClient alice = broker.Accept();
                alice.Send(Packets.Connect("alice", user: "alice", password: Encoding.UTF8.GetBytes("secret")));
                alice.ExpectNothing();
                ScriptedClient carol = broker.Accept();
                carol.Send(Packets.Connect("carol", user: "carol", password: Encoding.UTF8.GetBytes("plain")));
                for (int poll = 0; poll < 3; poll++)
                {
                    other.Send(Packets.PingReq);
                    Assert.AreEqual("D000", other.Next().Hex, "PINGRESP between two steps of the check");
                    broker.Advance(1);
                    alice.ExpectNothing();
                    carol.ExpectNothing(); // one check at a time: the clear-text user waits for alice's
                }
                // 20 iterations: the first and two more at CONNECT, then two per poll: the CONNACK comes with the 9th poll.
                for (int poll = 4; poll < 9; poll++)
                {
                    broker.Advance(1);
                    alice.ExpectNothing();
                }
                broker.Advance(1);
                Assert.AreEqual("20020000", alice.Next().Hex);
                broker.Advance(1);
                Assert.AreEqual("20020000", carol.Next().Hex);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [TestMethod]
        public void Clear_text_lines_are_counted_for_the_warning_and_foreign_hash_schemes_are_refused()
        {
            PasswordFile file = PasswordFile.Parse("carol:plain\n" + PasswordFile.HashLine("dave", "pw", 10) + "\n", out string error);
            Assert.IsNotNull(file, error);
            Assert.AreEqual(1, file.ClearTextCount);
            Assert.AreEqual(2, file.Count);
            Assert.AreEqual(0, Check(file, "carol", "plain"));
            Assert.AreEqual(0, Check(file, "dave", "pw"));
            Assert.IsNull(PasswordFile.Parse("erin:$5$c2FsdA==$aGFzaA==\n", out error));
            StringAssert.Contains(error, "line 1: unsupported hash scheme");
            Assert.IsNull(PasswordFile.Parse("erin:$7$101$c2FsdA==$aGFzaA==\n", out error));
            StringAssert.Contains(error, "line 1: malformed hash");
            Assert.IsNull(PasswordFile.Parse("x:$pbkdf2-sha256$10$bad\n", out error));
            StringAssert.Contains(error, "line 1: malformed hash");
        }

        [TestMethod]
        public void Acl_and_TLS_options_are_read_and_checked()
        {
            string dir = Path.Combine(Path.GetTempPath(), "nano-sec-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                string acl = Path.Combine(dir, "acl");
                File.WriteAllText(acl, "topic read public/#\nuser alice\ntopic readwrite home/#\n");
                Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(new[] { "--acl_file", acl }, out HostOptions o, out string error), error);
                Assert.AreEqual(2, o.Acl.Count);
                File.WriteAllText(acl, "user alice\ntopic deny\n");
                Assert.AreEqual(ParseOutcome.Error, HostOptionsParser.Parse(new[] { "--acl_file", acl }, out o, out error));
                StringAssert.Contains(error, acl + ":2:");

                using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                using X509Certificate2 cert = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256)
                    .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
                string certFile = Path.Combine(dir, "server.crt");
                string keyFile = Path.Combine(dir, "server.key");
                File.WriteAllText(certFile, cert.ExportCertificatePem());
                File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
                Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(new[] { "--certfile", certFile, "--keyfile", keyFile, "--tls_port", "0" }, out o, out error), error);
                Assert.IsNotNull(o.Tls);
                Assert.AreEqual(0, o.TlsPort);
                Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(Array.Empty<string>(), out o, out error));
                Assert.IsNull(o.Tls);
                Assert.AreEqual(8883, o.TlsPort);
                Assert.AreEqual(ParseOutcome.Error, HostOptionsParser.Parse(new[] { "--certfile", certFile }, out o, out error));
                Assert.AreEqual("TLS needs both certfile and keyfile", error);
                Assert.AreEqual(ParseOutcome.Error, HostOptionsParser.Parse(new[] { "--certfile", certFile, "--keyfile", acl }, out o, out error));
                StringAssert.StartsWith(error, "cannot load the TLS certificate");
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
