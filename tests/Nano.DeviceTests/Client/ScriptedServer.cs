using Nano.DeviceTests.Support;
using Nano.Mqtt.Client;

namespace Nano.DeviceTests.Client
{
    /// <summary>Plays the server for a <see cref="MqttClientEngine"/>: collects what it sends, feeds it packets.</summary>
    public sealed class ScriptedServer
    {
        /// <summary>The engine under test.</summary>
        public readonly MqttClientEngine Engine;

        /// <summary>Everything the engine sent since the last <see cref="Take"/>.</summary>
        public readonly byte[] Sent = new byte[1024];

        /// <summary>Bytes in <see cref="Sent"/>.</summary>
        public int SentLength;

        /// <summary>Messages delivered to the application.</summary>
        public int Delivered;

        /// <summary>Creates the engine with <paramref name="options"/> and brings it to Connected at time 0.</summary>
        public ScriptedServer(MqttClientOptions options, bool sessionPresent)
        {
            Engine = new MqttClientEngine(options);
            Engine.MessageReceived += OnMessage;
            Engine.Start(0);
            Engine.Connect(0);
            Take();
            Feed(sessionPresent ? TestData.Hex("20 02 01 00") : TestData.Hex("20 02 00 00"), 0);
        }

        /// <summary>Options with a fixed client id and keep-alive off unless set.</summary>
        public static MqttClientOptions Options()
        {
            MqttClientOptions o = new MqttClientOptions();
            o.ClientId = "dev";
            o.KeepAliveSeconds = 0;
            return o;
        }

        /// <summary>Reads what the engine sent into <see cref="Sent"/>; returns the byte count.</summary>
        public int Take()
        {
            SentLength = Engine.ReadOutput(Sent, 0, Sent.Length);
            return SentLength;
        }

        /// <summary>Hands a packet to the engine at <paramref name="nowMs"/>.</summary>
        public void Feed(byte[] packet, long nowMs)
        {
            Engine.Receive(packet, 0, packet.Length, nowMs);
        }

        /// <summary>Packet identifier of the first sent packet when it is a PUBLISH with QoS > 0 whose topic is 1 byte long.</summary>
        public int SentPublishId()
        {
            return (Sent[5] << 8) | Sent[6];
        }

        private void OnMessage(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            Delivered++;
        }
    }
}
