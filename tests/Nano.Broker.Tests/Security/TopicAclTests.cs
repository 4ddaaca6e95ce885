using System;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests.Security
{
    [TestClass]
    public sealed class TopicAclTests
    {
        internal const string File =
            "# Mosquitto-style ACL\n" +
            "topic read public/#\n" +
            "\n" +
            "user alice\n" +
            "topic readwrite home/alice/#\n" +
            "topic write cmd/+/set\n" +
            "topic sensors/temp\n" +
            "user bob\r\n" +
            "topic read home/#\n" +
            "pattern write devices/%c/status\n" +
            "pattern read inbox/%u/#\n" +
            "pattern readwrite pair/%u-%c\n";

        internal static TopicAcl Load(string text)
        {
            var acl = new TopicAcl(32, 8, 1024);
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            Assert.AreEqual(0, TopicAclFile.Load(bytes, 0, bytes.Length, acl));
            return acl;
        }

        internal static bool Allows(TopicAcl acl, int access, string topic, string clientId, string user)
        {
            byte[] t = Encoding.UTF8.GetBytes(topic);
            byte[] c = Encoding.UTF8.GetBytes(clientId);
            byte[] u = user == null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(user);
            return acl.Allows(access, t, 0, t.Length, c, 0, c.Length, u, 0, user == null ? -1 : u.Length);
        }

        [TestMethod]
        [DataRow(TopicAcl.Read, "public/news", null, true)]
        [DataRow(TopicAcl.Write, "public/news", null, false)]
        [DataRow(TopicAcl.Read, "public/news", "alice", false)] // topic lines before any user are for anonymous clients only
        [DataRow(TopicAcl.Read, "home/alice/lamp", "alice", true)]
        [DataRow(TopicAcl.Write, "home/alice/lamp", "alice", true)]
        [DataRow(TopicAcl.Read, "home/alice", "alice", true)] // "a/#" matches its parent "a"
        [DataRow(TopicAcl.Write, "cmd/x/set", "alice", true)]
        [DataRow(TopicAcl.Read, "cmd/x/set", "alice", false)]
        [DataRow(TopicAcl.Write, "cmd/x/y/set", "alice", false)]
        [DataRow(TopicAcl.Read, "sensors/temp", "alice", true)] // no access word = readwrite
        [DataRow(TopicAcl.Write, "sensors/temp", "alice", true)]
        [DataRow(TopicAcl.Read, "home/alice/lamp", "bob", true)]
        [DataRow(TopicAcl.Write, "home/alice/lamp", "bob", false)]
        [DataRow(TopicAcl.Read, "home/alice/lamp", "carol", false)] // unlisted user: patterns only
        [DataRow(TopicAcl.Read, "home/alice/lamp", null, false)]
        public void Topic_rules_belong_to_their_user_or_to_anonymous_clients(int access, string topic, string user, bool expected)
        {
            Assert.AreEqual(expected, Allows(Load(File), access, topic, "client-1", user));
        }

        [TestMethod]
        [DataRow(TopicAcl.Write, "devices/dev7/status", "dev7", null, true)]
        [DataRow(TopicAcl.Write, "devices/dev8/status", "dev7", null, false)]
        [DataRow(TopicAcl.Write, "devices/dev7/status", "dev7", "carol", true)]
        [DataRow(TopicAcl.Read, "devices/dev7/status", "dev7", null, false)]
        [DataRow(TopicAcl.Read, "inbox/carol/1", "x", "carol", true)]
        [DataRow(TopicAcl.Read, "inbox/carol", "x", "carol", true)]
        [DataRow(TopicAcl.Read, "inbox/dave/1", "x", "carol", false)]
        [DataRow(TopicAcl.Read, "inbox//1", "x", null, false)] // %u never applies to an anonymous client
        [DataRow(TopicAcl.Read, "inbox//1", "x", "", true)] // an empty user name is a user name
        [DataRow(TopicAcl.Read, "pair/carol-x", "x", "carol", true)]
        [DataRow(TopicAcl.Read, "pair/carol-xy", "x", "carol", false)]
        [DataRow(TopicAcl.Read, "pair/carol-", "x", "carol", false)]
        [DataRow(TopicAcl.Write, "devices/a/b/status", "a/b", null, false)] // a '/' in the client id cannot add levels
        [DataRow(TopicAcl.Read, "inbox/+/1", "x", "+", false)] // nor a wildcard in the user name
        public void Patterns_substitute_client_id_and_user_name(int access, string topic, string clientId, string user, bool expected)
        {
            Assert.AreEqual(expected, Allows(Load(File), access, topic, clientId, user));
        }

        /// <summary>A subscription filter is granted when at least one topic it can match is readable; delivery then filters.</summary>
        [TestMethod]
        [DataRow("home/alice/lamp", "bob", true)]
        [DataRow("home/+/lamp", "bob", true)]
        [DataRow("#", "bob", true)]
        [DataRow("+/alice/#", "bob", true)]
        [DataRow("garden/#", "bob", false)]
        [DataRow("home", "bob", true)]
        [DataRow("#", null, true)]
        [DataRow("private/#", null, false)]
        [DataRow("inbox/+", "carol", true)]
        [DataRow("inbox/dave/+", "carol", false)]
        [DataRow("+/+/+", "bob", true)]
        [DataRow("$SYS/#", "bob", false)]
        public void Read_access_for_a_subscription_filter_needs_an_overlapping_rule(string filter, string user, bool expected)
        {
            Assert.AreEqual(expected, Allows(Load(File), TopicAcl.Read, filter, "client-1", user));
        }

        [TestMethod]
        public void Wildcard_rules_do_not_match_dollar_topics_MQTT_4_7_2_1()
        {
            TopicAcl acl = Load("topic read #\ntopic read $SYS/broker/#\n");
            Assert.IsTrue(Allows(acl, TopicAcl.Read, "a/b", "c", null));
            Assert.IsFalse(Allows(acl, TopicAcl.Read, "$SYS/other", "c", null));
            Assert.IsTrue(Allows(acl, TopicAcl.Read, "$SYS/broker/uptime", "c", null));
            Assert.IsTrue(Allows(acl, TopicAcl.Read, "$SYS/#", "c", null));
        }

        [TestMethod]
        [DataRow("topic deny")]
        [DataRow("topic read")]
        [DataRow("user")]
        [DataRow("group admins")]
        [DataRow("topic read a/#/b")]
        [DataRow("pattern write a+")]
        public void Malformed_or_unsupported_lines_are_reported_by_number(string line)
        {
            var acl = new TopicAcl(8, 2, 256);
            byte[] bytes = Encoding.UTF8.GetBytes("topic read ok/#\n# fine\n" + line + "\n");
            Assert.AreEqual(3, TopicAclFile.Load(bytes, 0, bytes.Length, acl), line);
        }

        [TestMethod]
        public void Capacity_is_fixed_and_overflow_is_reported()
        {
            var acl = new TopicAcl(2, 1, 64);
            byte[] bytes = Encoding.UTF8.GetBytes("topic a\ntopic b\ntopic c\n");
            Assert.AreEqual(3, TopicAclFile.Load(bytes, 0, bytes.Length, acl));
            Assert.AreEqual(2, acl.Count);
            var users = new TopicAcl(8, 1, 64);
            bytes = Encoding.UTF8.GetBytes("user a\nuser a\nuser b\n");
            Assert.AreEqual(3, TopicAclFile.Load(bytes, 0, bytes.Length, users));
            Assert.AreEqual(1, users.UserCount);
        }

        [TestMethod]
        public void Checks_allocate_nothing()
        {
            TopicAcl acl = Load(File);
            byte[] topic = Encoding.UTF8.GetBytes("inbox/carol/1");
            byte[] other = Encoding.UTF8.GetBytes("pair/carol-x");
            byte[] id = Encoding.UTF8.GetBytes("x");
            byte[] user = Encoding.UTF8.GetBytes("carol");
            long before = GC.GetAllocatedBytesForCurrentThread();
            int granted = 0;
            for (int i = 0; i < 1000; i++)
            {
                granted += acl.Allows(TopicAcl.Read, topic, 0, topic.Length, id, 0, 1, user, 0, 5) ? 1 : 0;
                granted += acl.Allows(TopicAcl.Write, other, 0, other.Length, id, 0, 1, user, 0, 5) ? 1 : 0;
            }
            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.AreEqual(2000, granted);
        }
    }
}
