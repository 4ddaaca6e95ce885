using System;
using System.Text;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Broker.Tests.RealPeer;
using Nano.Host;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests.Security
{
    /// <summary>MQTTnet 5 clients over loopback against the PC host with a hashed password file and an ACL file.</summary>
    [TestClass]
    public sealed class RealPeerSecurityTests
    {
        private const string AclText =
            "topic read public/#\n" +
            "user alice\n" +
            "topic readwrite home/#\n" +
            "topic write public/#\n" +
            "user bob\n" +
            "topic readwrite home/bob/#\n" +
            "pattern write devices/%c/#\n" +
            "pattern read inbox/%u/#\n";

        private static readonly string Passwords =
            PasswordFile.HashLine("alice", "alice-pw", 50) + "\n" + PasswordFile.HashLine("bob", "bob-pw", 50) + "\n";

        private static TestBroker Start(bool allowAnonymous = true)
        {
            return new TestBroker(o =>
            {
                o.Authenticator = PasswordFile.Parse(Passwords, out string error) ?? throw new InvalidOperationException(error);
                o.Acl = HostOptionsParserAcl(AclText);
                o.Broker.AllowAnonymous = allowAnonymous;
            });
        }

        private static TopicAcl HostOptionsParserAcl(string text)
        {
            string path = System.IO.Path.GetTempFileName();
            try
            {
                System.IO.File.WriteAllText(path, text);
                return HostOptionsParser.LoadAcl(path, out string error) ?? throw new InvalidOperationException(error);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        private static Task<MqttPeer> As(TestBroker broker, string clientId, string user, string password, Action<MqttClientOptionsBuilder> more = null) =>
            broker.ConnectAsync(clientId, MqttProtocolVersion.V311, configure: b =>
            {
                if (user != null)
                {
                    b.WithCredentials(user, password);
                }
                more?.Invoke(b);
            });

        private static async Task<MqttClientConnectResultCode> RefusedAsync(TestBroker broker, MqttProtocolVersion version, string user, string password)
        {
            var builder = broker.Options("x-" + version, version);
            if (user != null)
            {
                builder.WithCredentials(user, password);
            }
            return await RefusalCodeAsync(builder.Build());
        }

        /// <summary>Connects expecting a refusal; returns the CONNACK code MQTTnet reports (in its result or, when it
        /// throws, in the exception's message, which names the code).</summary>
        private static async Task<MqttClientConnectResultCode> RefusalCodeAsync(MqttClientOptions options)
        {
            using var client = new MqttClientFactory().CreateMqttClient();
            try
            {
                MqttClientConnectResult result = await client.ConnectAsync(options).WaitAsync(TestBroker.Timeout);
                Assert.AreNotEqual(MqttClientConnectResultCode.Success, result.ResultCode);
                return result.ResultCode;
            }
            catch (MqttConnectingFailedException e)
            {
                Assert.IsFalse(client.IsConnected);
                foreach (MqttClientConnectResultCode code in Enum.GetValues<MqttClientConnectResultCode>())
                {
                    if (code != MqttClientConnectResultCode.Success && e.Message.Contains(code.ToString(), StringComparison.Ordinal))
                    {
                        return code;
                    }
                }
                throw new AssertFailedException("no result code in: " + e.Message);
            }
        }

        [TestMethod]
        [DataRow(MqttProtocolVersion.V311)]
        [DataRow(MqttProtocolVersion.V310)]
        public async Task Wrong_password_and_unknown_user_get_CONNACK_4_and_the_connection_closes(MqttProtocolVersion version)
        {
            using TestBroker broker = Start();
            Assert.AreEqual(MqttClientConnectResultCode.BadUserNameOrPassword, await RefusedAsync(broker, version, "alice", "wrong"));
            Assert.AreEqual(MqttClientConnectResultCode.BadUserNameOrPassword, await RefusedAsync(broker, version, "mallory", "alice-pw"));
            await TestBroker.WaitUntilAsync(() => broker.Host.Engine.ConnectionCount == 0, "refused connections closed");
            Assert.AreEqual(2L, broker.Statistics.AuthenticationFailures);
            await using MqttPeer alice = await As(broker, "a", "alice", "alice-pw");
            Assert.AreEqual(MqttClientConnectResultCode.Success, alice.ConnectResult.ResultCode);
        }

        [TestMethod]
        public async Task Anonymous_clients_get_CONNACK_5_when_anonymous_access_is_off()
        {
            using TestBroker broker = Start(allowAnonymous: false);
            Assert.AreEqual(MqttClientConnectResultCode.NotAuthorized, await RefusedAsync(broker, MqttProtocolVersion.V311, null, null));
            await TestBroker.WaitUntilAsync(() => broker.Host.Engine.ConnectionCount == 0, "refused connection closed");
        }

        [TestMethod]
        public async Task Direct_and_wildcard_subscriptions_only_ever_see_readable_topics()
        {
            using TestBroker broker = Start();
            await using MqttPeer bob = await As(broker, "b", "bob", "bob-pw");
            await bob.SubscribeAsync("home/alice/#", MqttQualityOfServiceLevel.AtLeastOnce, MqttClientSubscribeResultCode.UnspecifiedError);
            await bob.SubscribeAsync("#", MqttQualityOfServiceLevel.AtLeastOnce);
            await using MqttPeer alice = await As(broker, "a", "alice", "alice-pw");
            await alice.SubscribeAsync("home/#", MqttQualityOfServiceLevel.AtLeastOnce);

            await alice.PublishAsync("home/alice/secret", "s", MqttQualityOfServiceLevel.AtLeastOnce);
            await bob.PublishAsync("home/alice/forged", "f", MqttQualityOfServiceLevel.AtLeastOnce); // acknowledged, dropped
            await alice.PublishAsync("home/bob/note", "n", MqttQualityOfServiceLevel.AtLeastOnce);

            Assert.AreEqual(new PeerMessage("home/alice/secret", "s", 1, false, false), await alice.NextAsync());
            Assert.AreEqual(new PeerMessage("home/bob/note", "n", 1, false, false), await alice.NextAsync());
            Assert.AreEqual(new PeerMessage("home/bob/note", "n", 1, false, false), await bob.NextAsync());
            Assert.IsTrue(bob.InboxEmpty);
            Assert.IsTrue(alice.InboxEmpty);
            Assert.IsTrue(bob.Client.IsConnected, "a denied PUBLISH does not close the connection");
            Assert.AreEqual(1L, broker.Statistics.PublishesDenied);
            Assert.AreEqual(1L, broker.Statistics.SubscriptionsDenied);
            Assert.AreEqual(1L, broker.Statistics.DeliveriesDenied);
        }

        [TestMethod]
        public async Task Client_id_and_user_name_patterns_apply_per_connection()
        {
            using TestBroker broker = Start();
            await using MqttPeer carol = await As(broker, "carol-phone", null, null);
            await carol.SubscribeAsync("inbox/+/#", MqttQualityOfServiceLevel.AtLeastOnce, MqttClientSubscribeResultCode.UnspecifiedError);
            await using MqttPeer bob = await As(broker, "sensor-7", "bob", "bob-pw");
            await bob.SubscribeAsync("inbox/bob/#", MqttQualityOfServiceLevel.AtLeastOnce);
            await bob.SubscribeAsync("inbox/alice/#", MqttQualityOfServiceLevel.AtLeastOnce, MqttClientSubscribeResultCode.UnspecifiedError);
            await bob.SubscribeAsync("devices/#", MqttQualityOfServiceLevel.AtLeastOnce, MqttClientSubscribeResultCode.UnspecifiedError);
            await using MqttPeer alice = await As(broker, "a", "alice", "alice-pw");
            await alice.SubscribeAsync("devices/#", MqttQualityOfServiceLevel.AtLeastOnce, MqttClientSubscribeResultCode.UnspecifiedError);
            await alice.SubscribeAsync("home/#", MqttQualityOfServiceLevel.AtLeastOnce);

            await bob.PublishAsync("devices/sensor-7/t", "21", MqttQualityOfServiceLevel.AtLeastOnce); // %c
            await bob.PublishAsync("devices/sensor-8/t", "99", MqttQualityOfServiceLevel.AtLeastOnce);
            await bob.PublishAsync("home/bob/done", "x", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual("home/bob/done", (await alice.NextAsync()).Topic);
            Assert.IsTrue(alice.InboxEmpty);
            Assert.AreEqual(1L, broker.Statistics.PublishesDenied);
            Assert.AreEqual(0L, broker.Statistics.DeliveriesDenied, "devices/sensor-7/t had no subscriber able to read it");
        }

        [TestMethod]
        public async Task Will_and_retained_messages_never_reach_a_client_without_read_access()
        {
            using TestBroker broker = Start();
            await using MqttPeer bob = await As(broker, "b", "bob", "bob-pw");
            await bob.SubscribeAsync("#", MqttQualityOfServiceLevel.AtLeastOnce);
            await using MqttPeer alice = await As(broker, "a", "alice", "alice-pw");
            await alice.SubscribeAsync("home/#", MqttQualityOfServiceLevel.AtLeastOnce);

            // A Will on a topic alice may write but bob may not read, sent retained.
            var dying = new MqttPeer();
            await dying.ConnectAsync(broker.Options("dying", MqttProtocolVersion.V311)
                .WithCredentials("alice", "alice-pw")
                .WithWillTopic("home/alice/status").WithWillPayload(Encoding.UTF8.GetBytes("offline"))
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithWillRetain(true)
                .Build());
            dying.Client.Dispose(); // no DISCONNECT: the broker publishes the Will
            Assert.AreEqual(new PeerMessage("home/alice/status", "offline", 1, false, false), await alice.NextAsync());
            await TestBroker.WaitUntilAsync(() => broker.Statistics.WillsPublished == 1, "the Will");

            await alice.PublishAsync("home/alice/key", "k", MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
            await alice.PublishAsync("home/bob/hello", "h", MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
            Assert.AreEqual("home/alice/key", (await alice.NextAsync()).Topic);
            Assert.AreEqual("home/bob/hello", (await alice.NextAsync()).Topic);

            await using MqttPeer late = await As(broker, "b2", "bob", "bob-pw");
            await late.SubscribeAsync("home/#", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual(new PeerMessage("home/bob/hello", "h", 1, true, false), await late.NextAsync());
            Assert.AreEqual(new PeerMessage("home/bob/hello", "h", 1, false, false), await bob.NextAsync());

            // A fence both may read: each session is delivered in order, so anything leaked would come before it.
            await alice.PublishAsync("home/bob/fence", "f", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual("home/bob/fence", (await late.NextAsync()).Topic, "retained home/alice/... leaked");
            Assert.AreEqual("home/bob/fence", (await bob.NextAsync()).Topic, "Will or home/alice/... leaked");
        }

        [TestMethod]
        public async Task A_Will_topic_the_client_may_not_write_refuses_the_connection_with_5()
        {
            using TestBroker broker = Start();
            var options = broker.Options("w", MqttProtocolVersion.V311).WithCredentials("bob", "bob-pw")
                .WithWillTopic("home/alice/status").WithWillPayload(Encoding.UTF8.GetBytes("x")).Build();
            Assert.AreEqual(MqttClientConnectResultCode.NotAuthorized, await RefusalCodeAsync(options));
            Assert.AreEqual(1L, broker.Statistics.WillsDenied);
        }
    }
}
