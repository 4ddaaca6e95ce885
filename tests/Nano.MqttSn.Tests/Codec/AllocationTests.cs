using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Tests.Codec
{
    [TestClass]
    public class AllocationTests
    {
        [TestMethod]
        public void Ten_thousand_encode_decode_of_every_message_allocate_nothing()
        {
            byte[] dst = new byte[512];
            byte[] text = Bytes.Ascii("sensors/t1");
            byte[] data = new byte[300];
            RunAll(dst, text, data, 100);
            long before = GC.GetAllocatedBytesForCurrentThread();
            int total = RunAll(dst, text, data, 10_000);
            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.AreEqual(0L, after - before);
            Assert.AreEqual(10_000 * 29, total);
        }

        private static int Ok(SnError e) => e == SnError.None ? 1 : 0;

        private static int RunAll(byte[] dst, byte[] text, byte[] data, int iterations)
        {
            int ok = 0;
            for (int i = 0; i < iterations; i++)
            {
                int n = new AdvertiseMessage { GwId = 1, Duration = 900 }.Encode(dst, 0);
                ok += Ok(AdvertiseMessage.Decode(dst, 0, n, out _));
                n = new SearchGwMessage { Radius = 1 }.Encode(dst, 0);
                ok += Ok(SearchGwMessage.Decode(dst, 0, n, out _));
                n = new GwInfoMessage { GwId = 1, GwAdd = text, GwAddLength = 4 }.Encode(dst, 0);
                ok += Ok(GwInfoMessage.Decode(dst, 0, n, out _));
                n = new ConnectMessage { Will = true, Duration = 60, ClientId = text, ClientIdLength = 7 }.Encode(dst, 0);
                ok += Ok(ConnectMessage.Decode(dst, 0, n, out _));
                for (int t = 0; t < 3; t++)
                {
                    byte type = t == 0 ? SnMessageType.ConnAck : t == 1 ? SnMessageType.WillTopicResp : SnMessageType.WillMsgResp;
                    n = new ReturnCodeMessage { MsgType = type }.Encode(dst, 0);
                    ok += Ok(ReturnCodeMessage.Decode(dst, 0, n, out _));
                    type = t == 0 ? SnMessageType.WillTopicReq : t == 1 ? SnMessageType.WillMsgReq : SnMessageType.PingResp;
                    n = new HeaderOnlyMessage { MsgType = type }.Encode(dst, 0);
                    ok += Ok(HeaderOnlyMessage.Decode(dst, 0, n, out _));
                }

                for (int t = 0; t < 2; t++)
                {
                    n = new WillTopicMessage { MsgType = t == 0 ? SnMessageType.WillTopic : SnMessageType.WillTopicUpd, Qos = 1, Topic = text, TopicLength = text.Length }.Encode(dst, 0);
                    ok += Ok(WillTopicMessage.Decode(dst, 0, n, out _));
                    n = new WillMsgMessage { MsgType = t == 0 ? SnMessageType.WillMsg : SnMessageType.WillMsgUpd, Data = data, DataLength = 20 }.Encode(dst, 0);
                    ok += Ok(WillMsgMessage.Decode(dst, 0, n, out _));
                    n = new TopicAckMessage { MsgType = t == 0 ? SnMessageType.RegAck : SnMessageType.PubAck, TopicId = 1, MsgId = 1 }.Encode(dst, 0);
                    ok += Ok(TopicAckMessage.Decode(dst, 0, n, out _));
                    n = new SubscribeMessage { MsgType = t == 0 ? SnMessageType.Subscribe : SnMessageType.Unsubscribe, MsgId = 1, TopicName = text, TopicNameLength = text.Length }.Encode(dst, 0);
                    ok += Ok(SubscribeMessage.Decode(dst, 0, n, out _));
                }

                n = new RegisterMessage { MsgId = 1, TopicName = text, TopicNameLength = text.Length }.Encode(dst, 0);
                ok += Ok(RegisterMessage.Decode(dst, 0, n, out _));
                n = new PublishMessage { Qos = 1, TopicId = 1, MsgId = 1, Data = data, DataLength = 300 }.Encode(dst, 0);
                ok += Ok(PublishMessage.Decode(dst, 0, n, out _));
                n = new PublishMessage { Qos = -1, TopicName = text, TopicNameLength = text.Length, Data = data, DataLength = 10 }.Encode(dst, 0);
                ok += Ok(PublishMessage.Decode(dst, 0, n, out _));
                for (int t = 0; t < 4; t++)
                {
                    byte type = t == 0 ? SnMessageType.PubRec : t == 1 ? SnMessageType.PubRel : t == 2 ? SnMessageType.PubComp : SnMessageType.UnsubAck;
                    n = new MsgIdMessage { MsgType = type, MsgId = 7 }.Encode(dst, 0);
                    ok += Ok(MsgIdMessage.Decode(dst, 0, n, out _));
                }

                n = new SubAckMessage { Qos = 1, TopicId = 1, MsgId = 1 }.Encode(dst, 0);
                ok += Ok(SubAckMessage.Decode(dst, 0, n, out _));
                n = new PingReqMessage { ClientId = text, ClientIdLength = 7 }.Encode(dst, 0);
                ok += Ok(PingReqMessage.Decode(dst, 0, n, out _));
                n = new DisconnectMessage { HasDuration = true, Duration = 60 }.Encode(dst, 0);
                ok += Ok(DisconnectMessage.Decode(dst, 0, n, out _));
                n = new EncapsulatedMessage { NodeId = text, NodeIdLength = 2, Inner = data, InnerLength = 3 }.Encode(dst, 0);
                ok += Ok(EncapsulatedMessage.Decode(dst, 0, n, out _));
            }

            return ok;
        }
    }
}
