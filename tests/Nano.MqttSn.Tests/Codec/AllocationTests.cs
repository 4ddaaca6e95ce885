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
            var tx = new SnMessageSet();
            var rx = new SnMessageSet();
            RunAll(tx, rx, dst, text, data, 100);
            long before = GC.GetAllocatedBytesForCurrentThread();
            int total = RunAll(tx, rx, dst, text, data, 10_000);
            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.AreEqual(0L, after - before);
            Assert.AreEqual(10_000 * 29, total);
        }

        private static int Ok(SnError e) => e == SnError.None ? 1 : 0;

        private static int RunAll(SnMessageSet tx, SnMessageSet rx, byte[] dst, byte[] text, byte[] data, int iterations)
        {
            int ok = 0;
            for (int i = 0; i < iterations; i++)
            {
                tx.Advertise.Clear();
                tx.Advertise.GwId = 1;
                tx.Advertise.Duration = 900;
                int n = tx.Advertise.Encode(dst, 0);
                ok += Ok(rx.Advertise.Decode(dst, 0, n));
                tx.SearchGw.Clear();
                tx.SearchGw.Radius = 1;
                n = tx.SearchGw.Encode(dst, 0);
                ok += Ok(rx.SearchGw.Decode(dst, 0, n));
                tx.GwInfo.Clear();
                tx.GwInfo.GwId = 1;
                tx.GwInfo.GwAdd = text;
                tx.GwInfo.GwAddLength = 4;
                n = tx.GwInfo.Encode(dst, 0);
                ok += Ok(rx.GwInfo.Decode(dst, 0, n));
                tx.Connect.Clear();
                tx.Connect.Will = true;
                tx.Connect.Duration = 60;
                tx.Connect.ClientId = text;
                tx.Connect.ClientIdLength = 7;
                n = tx.Connect.Encode(dst, 0);
                ok += Ok(rx.Connect.Decode(dst, 0, n));
                for (int t = 0; t < 3; t++)
                {
                    byte type = t == 0 ? SnMessageType.ConnAck : t == 1 ? SnMessageType.WillTopicResp : SnMessageType.WillMsgResp;
                    tx.ReturnCode.Clear();
                    tx.ReturnCode.MsgType = type;
                    n = tx.ReturnCode.Encode(dst, 0);
                    ok += Ok(rx.ReturnCode.Decode(dst, 0, n));
                    type = t == 0 ? SnMessageType.WillTopicReq : t == 1 ? SnMessageType.WillMsgReq : SnMessageType.PingResp;
                    tx.HeaderOnly.Clear();
                    tx.HeaderOnly.MsgType = type;
                    n = tx.HeaderOnly.Encode(dst, 0);
                    ok += Ok(rx.HeaderOnly.Decode(dst, 0, n));
                }

                for (int t = 0; t < 2; t++)
                {
                    tx.WillTopic.Clear();
                    tx.WillTopic.MsgType = t == 0 ? SnMessageType.WillTopic : SnMessageType.WillTopicUpd;
                    tx.WillTopic.Qos = 1;
                    tx.WillTopic.Topic = text;
                    tx.WillTopic.TopicLength = text.Length;
                    n = tx.WillTopic.Encode(dst, 0);
                    ok += Ok(rx.WillTopic.Decode(dst, 0, n));
                    tx.WillMsg.Clear();
                    tx.WillMsg.MsgType = t == 0 ? SnMessageType.WillMsg : SnMessageType.WillMsgUpd;
                    tx.WillMsg.Data = data;
                    tx.WillMsg.DataLength = 20;
                    n = tx.WillMsg.Encode(dst, 0);
                    ok += Ok(rx.WillMsg.Decode(dst, 0, n));
                    tx.TopicAck.Clear();
                    tx.TopicAck.MsgType = t == 0 ? SnMessageType.RegAck : SnMessageType.PubAck;
                    tx.TopicAck.TopicId = 1;
                    tx.TopicAck.MsgId = 1;
                    n = tx.TopicAck.Encode(dst, 0);
                    ok += Ok(rx.TopicAck.Decode(dst, 0, n));
                    tx.Subscribe.Clear();
                    tx.Subscribe.MsgType = t == 0 ? SnMessageType.Subscribe : SnMessageType.Unsubscribe;
                    tx.Subscribe.MsgId = 1;
                    tx.Subscribe.TopicName = text;
                    tx.Subscribe.TopicNameLength = text.Length;
                    n = tx.Subscribe.Encode(dst, 0);
                    ok += Ok(rx.Subscribe.Decode(dst, 0, n));
                }

                tx.Register.Clear();
                tx.Register.MsgId = 1;
                tx.Register.TopicName = text;
                tx.Register.TopicNameLength = text.Length;
                n = tx.Register.Encode(dst, 0);
                ok += Ok(rx.Register.Decode(dst, 0, n));
                tx.Publish.Clear();
                tx.Publish.Qos = 1;
                tx.Publish.TopicId = 1;
                tx.Publish.MsgId = 1;
                tx.Publish.Data = data;
                tx.Publish.DataLength = 300;
                n = tx.Publish.Encode(dst, 0);
                ok += Ok(rx.Publish.Decode(dst, 0, n));
                tx.Publish.Clear();
                tx.Publish.Qos = -1;
                tx.Publish.TopicName = text;
                tx.Publish.TopicNameLength = text.Length;
                tx.Publish.Data = data;
                tx.Publish.DataLength = 10;
                n = tx.Publish.Encode(dst, 0);
                ok += Ok(rx.Publish.Decode(dst, 0, n));
                for (int t = 0; t < 4; t++)
                {
                    byte type = t == 0 ? SnMessageType.PubRec : t == 1 ? SnMessageType.PubRel : t == 2 ? SnMessageType.PubComp : SnMessageType.UnsubAck;
                    tx.MsgId.Clear();
                    tx.MsgId.MsgType = type;
                    tx.MsgId.MsgId = 7;
                    n = tx.MsgId.Encode(dst, 0);
                    ok += Ok(rx.MsgId.Decode(dst, 0, n));
                }

                tx.SubAck.Clear();
                tx.SubAck.Qos = 1;
                tx.SubAck.TopicId = 1;
                tx.SubAck.MsgId = 1;
                n = tx.SubAck.Encode(dst, 0);
                ok += Ok(rx.SubAck.Decode(dst, 0, n));
                tx.PingReq.Clear();
                tx.PingReq.ClientId = text;
                tx.PingReq.ClientIdLength = 7;
                n = tx.PingReq.Encode(dst, 0);
                ok += Ok(rx.PingReq.Decode(dst, 0, n));
                tx.Disconnect.Clear();
                tx.Disconnect.HasDuration = true;
                tx.Disconnect.Duration = 60;
                n = tx.Disconnect.Encode(dst, 0);
                ok += Ok(rx.Disconnect.Decode(dst, 0, n));
                tx.Encapsulated.Clear();
                tx.Encapsulated.NodeId = text;
                tx.Encapsulated.NodeIdLength = 2;
                tx.Encapsulated.Inner = data;
                tx.Encapsulated.InnerLength = 3;
                n = tx.Encapsulated.Encode(dst, 0);
                ok += Ok(rx.Encapsulated.Decode(dst, 0, n));
            }

            return ok;
        }
    }
}
