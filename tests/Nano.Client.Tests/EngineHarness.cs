using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Client;
using Nano.Mqtt.Codec;

namespace Nano.Client.Tests
{
    /// <summary>An engine with a fake clock, scripted server bytes and recorded events.</summary>
    internal sealed class EngineHarness
    {
        public readonly MqttClientEngine Engine;
        public readonly List<string> Messages = new List<string>();
        public readonly List<string> Events = new List<string>();
        public readonly List<string> Completions = new List<string>();
        public long Now;

        public EngineHarness(MqttClientOptions options)
        {
            Engine = new MqttClientEngine(options);
            Engine.MessageReceived += (buffer, topicOffset, topicLength, payloadOffset, payloadLength, qos, retain) =>
                Messages.Add(Encoding.UTF8.GetString(buffer, topicOffset, topicLength) + "=" + Encoding.UTF8.GetString(buffer, payloadOffset, payloadLength) + "/q" + qos + (retain ? "/r" : ""));
            Engine.StateChanged += (state, reason) => Events.Add(state + ":" + reason);
            Engine.ConnAckReceived += (code, sessionPresent) => Events.Add("connack:" + (int)code + ":" + sessionPresent);
            Engine.SubscribeCompleted += (filter, offset, length, code) => Events.Add("suback:" + Encoding.UTF8.GetString(filter, offset, length) + ":" + code);
            Engine.UnsubscribeCompleted += (filter, offset, length) => Events.Add("unsuback:" + Encoding.UTF8.GetString(filter, offset, length));
            Engine.PublishCompleted += (packetId, topic, offset, length, qos, outcome) =>
                Completions.Add(outcome + ":" + packetId + ":" + Encoding.UTF8.GetString(topic, offset, length) + "/q" + qos);
        }

        public static MqttClientOptions Options(bool cleanSession = true, int keepAlive = 0)
        {
            return new MqttClientOptions { ClientId = "c1", CleanSession = cleanSession, KeepAliveSeconds = keepAlive };
        }

        /// <summary>Everything the engine wants to send, as hex.</summary>
        public string Output()
        {
            var hex = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = Engine.ReadOutput(buffer, 0, buffer.Length)) > 0)
            {
                hex.Append(Convert.ToHexString(buffer, 0, n));
            }

            return hex.ToString();
        }

        public int Feed(string hex)
        {
            byte[] bytes = Convert.FromHexString(hex.Replace(" ", ""));
            return Engine.Receive(bytes, 0, bytes.Length, Now);
        }

        public void At(long nowMs)
        {
            Now = nowMs;
            Engine.Poll(Now);
        }

        /// <summary>Starts, produces CONNECT (discarded) and accepts it with the given Session Present.</summary>
        public void Connected(bool sessionPresent = false)
        {
            Engine.Start(Now);
            Assert.IsTrue(Engine.Connect(Now));
            Output();
            Feed(sessionPresent ? "20020100" : "20020000");
            Assert.AreEqual(ClientState.Connected, Engine.State);
        }

        public PublishResult Publish(string topic, string payload, int qos, bool retain = false)
        {
            byte[] t = Encoding.UTF8.GetBytes(topic);
            byte[] p = Encoding.UTF8.GetBytes(payload);
            return Engine.Publish(t, 0, t.Length, p, 0, p.Length, qos, retain);
        }

        public int Subscribe(string filter, int qos)
        {
            byte[] f = Encoding.UTF8.GetBytes(filter);
            return Engine.Subscribe(f, 0, f.Length, qos);
        }

        /// <summary>Hex of an encoded PUBLISH, for expected values.</summary>
        public static string PublishHex(string topic, string payload, int qos, ushort id, bool dup = false, bool retain = false)
        {
            byte[] t = Encoding.UTF8.GetBytes(topic);
            byte[] p = Encoding.UTF8.GetBytes(payload);
            PublishPacket packet = new PublishPacket
            {
                Qos = (byte)qos, PacketId = id, Dup = dup, Retain = retain,
                Topic = new ByteSlice(t, 0, t.Length), Payload = new ByteSlice(p, 0, p.Length),
            };
            byte[] buffer = new byte[packet.GetSize()];
            packet.Encode(buffer, 0);
            return Convert.ToHexString(buffer);
        }

        public static string Ack(int type, ushort id)
        {
            return Convert.ToHexString(new byte[] { (byte)(type == 6 ? 0x62 : type << 4), 2, (byte)(id >> 8), (byte)id });
        }
    }
}
