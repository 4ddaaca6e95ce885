using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Tests.Client
{
    /// <summary>Records listener events as text lines.</summary>
    internal sealed class EventLog : ISnClientListener
    {
        public readonly List<string> Lines = new List<string>();

        public void OnGateway(int gwId, byte[] gwAdd, int gwAddOffset, int gwAddLength) =>
            Lines.Add("gateway " + gwId + (gwAddLength > 0 ? " " + Bytes.ToHex(gwAdd, gwAddOffset, gwAddLength) : string.Empty));

        public void OnConnected() => Lines.Add("connected");

        public void OnDisconnected(SnDisconnectReason reason, int returnCode) => Lines.Add("disconnected " + reason + " " + returnCode);

        public void OnAsleep() => Lines.Add("asleep");

        /// <summary>The topic name handed with the last message (null when none).</summary>
        public string LastTopicName;

        public void OnMessage(int topicIdType, int topicId, byte[] topicName, int topicNameOffset, int topicNameLength, int qos, bool retain, byte[] payload, int offset, int length)
        {
            LastTopicName = topicName == null ? null : Bytes.Text(topicName, topicNameOffset, topicNameLength);
            Lines.Add("message " + topicIdType + " " + topicId + " qos" + qos + (retain ? " retain " : " ") + Bytes.Text(payload, offset, length));
        }

        public void OnRegistered(int msgId, int topicId, int returnCode) => Lines.Add("registered " + msgId + " " + topicId + " " + returnCode);

        public void OnSubscribed(int msgId, int grantedQos, int topicId, int returnCode) => Lines.Add("subscribed " + msgId + " qos" + grantedQos + " " + topicId + " " + returnCode);

        public void OnUnsubscribed(int msgId, int returnCode) => Lines.Add("unsubscribed " + msgId + " " + returnCode);

        public void OnPublishCompleted(int msgId, int returnCode) => Lines.Add("published " + msgId + " " + returnCode);

        public string Take()
        {
            string s = string.Join(" | ", Lines);
            Lines.Clear();
            return s;
        }
    }

    /// <summary>A client driven by a fake clock, with the gateway's side written as hex datagrams.</summary>
    internal sealed class ScriptedGateway
    {
        public readonly EventLog Events = new EventLog();
        public readonly SnClient Client;
        public long Now = 1000;
        private readonly byte[] _out = new byte[1024];

        public ScriptedGateway(SnClientOptions options = null)
        {
            Client = new SnClient(options ?? Options(), Events);
        }

        public static SnClientOptions Options() => new SnClientOptions
        {
            ClientId = "node1",
            KeepAliveSeconds = 60,
            RetryIntervalMs = 10000,
            MaxRetries = 3,
        };

        /// <summary>Delivers a datagram from the gateway.</summary>
        public void In(string hex)
        {
            byte[] b = Bytes.Hex(hex);
            Assert.AreEqual(SnError.None, Client.Receive(b, 0, b.Length, Now), hex);
        }

        /// <summary>The next unicast datagram the client sends, or "" when none.</summary>
        public string Out()
        {
            int n = Client.NextDatagram(_out, 0, out bool broadcast);
            if (n == 0)
            {
                return string.Empty;
            }

            Assert.IsFalse(broadcast, "unexpected broadcast");
            return Bytes.ToHex(_out, 0, n);
        }

        /// <summary>The next broadcast datagram, or "" when none.</summary>
        public string OutBroadcast()
        {
            int n = Client.NextDatagram(_out, 0, out bool broadcast);
            if (n == 0)
            {
                return string.Empty;
            }

            Assert.IsTrue(broadcast, "expected a broadcast");
            return Bytes.ToHex(_out, 0, n);
        }

        public void Advance(long ms)
        {
            Now += ms;
            Client.Poll(Now);
        }

        /// <summary>CONNECT → CONNACK without Will.</summary>
        public void Connected()
        {
            Assert.AreEqual(SnClientResult.Ok, Client.Connect(Now));
            Assert.AreEqual("0B 04 04 01 00 3C 6E 6F 64 65 31", Out());
            In("03 05 00");
            Assert.AreEqual("connected", Events.Take());
            Assert.AreEqual(SnClientState.Active, Client.State);
        }
    }
}
