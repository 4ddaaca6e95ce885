using System;
using System.Collections.Generic;
using Nano.MqttSn.Codec;
using Nano.MqttSn.Radio;
using Nano.Serial;
using static Nano.Radio.Tests.Radio.FrameFeeder;

namespace Nano.Radio.Tests.EndToEnd
{
    /// <summary>
    /// A minimal gateway played by the test on a radio port: answers CONNECT, REGISTER (topic id 1),
    /// QoS 1 PUBLISH, DISCONNECT and PINGREQ with fixed bytes and records every message with the
    /// sender's address (radio address, plus the wireless node id of an encapsulated message).
    /// </summary>
    internal sealed class ScriptedGateway
    {
        private readonly RadioPort _port;
        private readonly byte[] _frame = new byte[256];

        public ScriptedGateway(RadioPort port)
        {
            _port = port;
        }

        public List<byte[]> Messages { get; } = new List<byte[]>();

        public List<byte[]> Senders { get; } = new List<byte[]>();

        public void Step()
        {
            RadioFraming framing = _port.Framing;
            while (_port.Poll(Environment.TickCount64))
            {
                if (framing.FrameKind != RadioFrameKind.Data)
                {
                    continue;
                }

                byte[] address = Slice(framing.Buffer, framing.AddressOffset, framing.AddressLength);
                byte[] message = Slice(framing.Buffer, framing.PayloadOffset, framing.PayloadLength);
                byte[] nodeId = null;
                if (SnForwarder.IsEncapsulated(message, 0, message.Length))
                {
                    var envelope = new EncapsulatedMessage();
                    if (envelope.Decode(message, 0, message.Length) != SnError.None)
                    {
                        throw new InvalidOperationException("bad envelope");
                    }

                    nodeId = Slice(message, envelope.NodeIdOffset, envelope.NodeIdLength);
                    message = Slice(message, envelope.InnerOffset, envelope.InnerLength);
                }

                Messages.Add(message);
                Senders.Add(Concat(address, nodeId ?? Array.Empty<byte>()));
                byte[] reply = Reply(message);
                if (reply != null)
                {
                    Send(address, nodeId, reply);
                }
            }
        }

        private static byte[] Reply(byte[] m)
        {
            switch (m[1])
            {
                case SnMessageType.Connect:
                    return new byte[] { 0x03, SnMessageType.ConnAck, 0x00 };
                case SnMessageType.Register:
                    return new byte[] { 0x07, SnMessageType.RegAck, 0x00, 0x01, m[4], m[5], 0x00 };
                case SnMessageType.Publish:
                    return new byte[] { 0x07, SnMessageType.PubAck, m[3], m[4], m[5], m[6], 0x00 };
                case SnMessageType.Disconnect:
                    return new byte[] { 0x02, SnMessageType.Disconnect };
                case SnMessageType.PingReq:
                    return new byte[] { 0x02, SnMessageType.PingResp };
                default:
                    return null;
            }
        }

        private void Send(byte[] address, byte[] nodeId, byte[] message)
        {
            byte[] payload = message;
            if (nodeId != null)
            {
                var envelope = new EncapsulatedMessage
                {
                    NodeId = nodeId,
                    NodeIdLength = nodeId.Length,
                    Inner = message,
                    InnerLength = message.Length
                };
                int length = envelope.Encode(_frame, 0);
                payload = Slice(_frame, 0, length);
            }

            _port.Send(address, 0, payload, 0, payload.Length);
        }
    }
}
