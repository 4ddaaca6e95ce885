#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.MqttSn.Codec;

namespace Nano.DeviceTests.SnCodec
{
    /// <summary>
    /// Encoding and decoding MQTT-SN messages allocates nothing in steady state: messages are class
    /// instances allocated once and decoded in place (design §3; on the interpreter every struct copy allocates).
    /// </summary>
    [TestClass]
    public class SnCodecAllocationDeviceTests
    {
        private const int Warmups = 5;
        private const int Iterations = 100;
        private static SnMessageSet _tx;
        private static SnMessageSet _rx;
        private static byte[] _wire;
        private static byte[] _text;
        private static byte[] _data;
        private static int _failures;

        private static void Setup()
        {
            _tx = new SnMessageSet();
            _rx = new SnMessageSet();
            _wire = new byte[400];
            _text = Hex.Parse("73 65 6E 73 6F 72 73 2F 74 31");
            _data = new byte[300];
            _failures = 0;

            _tx.Advertise.GwId = 1;
            _tx.Advertise.Duration = 900;
            _tx.SearchGw.Radius = 1;
            _tx.GwInfo.GwId = 1;
            _tx.GwInfo.GwAdd = _text;
            _tx.GwInfo.GwAddLength = 4;
            _tx.Connect.Will = true;
            _tx.Connect.Duration = 60;
            _tx.Connect.ClientId = _text;
            _tx.Connect.ClientIdLength = 7;
            _tx.ReturnCode.MsgType = SnMessageType.ConnAck;
            _tx.HeaderOnly.MsgType = SnMessageType.PingResp;
            _tx.WillTopic.MsgType = SnMessageType.WillTopic;
            _tx.WillTopic.Qos = 1;
            _tx.WillTopic.Topic = _text;
            _tx.WillTopic.TopicLength = _text.Length;
            _tx.WillMsg.MsgType = SnMessageType.WillMsg;
            _tx.WillMsg.Data = _data;
            _tx.WillMsg.DataLength = 20;
            _tx.Register.MsgId = 1;
            _tx.Register.TopicName = _text;
            _tx.Register.TopicNameLength = _text.Length;
            _tx.TopicAck.MsgType = SnMessageType.PubAck;
            _tx.TopicAck.TopicId = 1;
            _tx.TopicAck.MsgId = 1;
            _tx.Publish.Qos = 1;
            _tx.Publish.TopicId = 1;
            _tx.Publish.MsgId = 1;
            _tx.Publish.Data = _data;
            _tx.Publish.DataLength = 40;
            _tx.MsgId.MsgType = SnMessageType.PubRel;
            _tx.MsgId.MsgId = 7;
            _tx.Subscribe.MsgType = SnMessageType.Subscribe;
            _tx.Subscribe.MsgId = 1;
            _tx.Subscribe.TopicName = _text;
            _tx.Subscribe.TopicNameLength = _text.Length;
            _tx.SubAck.Qos = 1;
            _tx.SubAck.TopicId = 1;
            _tx.SubAck.MsgId = 1;
            _tx.PingReq.ClientId = _text;
            _tx.PingReq.ClientIdLength = 7;
            _tx.Disconnect.HasDuration = true;
            _tx.Disconnect.Duration = 60;
            _tx.Encapsulated.NodeId = _text;
            _tx.Encapsulated.NodeIdLength = 2;
            _tx.Encapsulated.Inner = _wire;
            _tx.Encapsulated.InnerOffset = 200;
        }

        private static void Check(SnError e)
        {
            if (e != SnError.None)
            {
                _failures++;
            }
        }

        private static void AssertNothingAllocated(Operation op, string what)
        {
            Setup();
            long bytes = Allocation.Measure(op, Warmups, Iterations);
            Assert.AreEqual(0, _failures, what + " decoded with errors");
            Assert.AreEqual(0L, bytes, what + " allocated");
        }

        private static void PublishRoundTrip()
        {
            int n = _tx.Publish.Encode(_wire, 0);
            Check(_rx.Publish.Decode(_wire, 0, n));
        }

        private static void LongPublishRoundTrip()
        {
            _tx.Publish.DataLength = 300;
            int n = _tx.Publish.Encode(_wire, 0);
            Check(_rx.Publish.Decode(_wire, 0, n));
        }

        private static void PublishThroughTheSet()
        {
            byte type;
            int n = _tx.Publish.Encode(_wire, 0);
            Check(_rx.Decode(_wire, 0, n, out type));
        }

        private static void ConnectionMessages()
        {
            byte type;
            Check(_rx.Decode(_wire, 0, _tx.Connect.Encode(_wire, 0), out type));
            Check(_rx.Decode(_wire, 0, _tx.ReturnCode.Encode(_wire, 0), out type));
            Check(_rx.Decode(_wire, 0, _tx.WillTopic.Encode(_wire, 0), out type));
            Check(_rx.Decode(_wire, 0, _tx.WillMsg.Encode(_wire, 0), out type));
            Check(_rx.Decode(_wire, 0, _tx.PingReq.Encode(_wire, 0), out type));
            Check(_rx.Decode(_wire, 0, _tx.HeaderOnly.Encode(_wire, 0), out type));
            Check(_rx.Decode(_wire, 0, _tx.Disconnect.Encode(_wire, 0), out type));
        }

        private static void DiscoveryMessages()
        {
            byte type;
            Check(_rx.Decode(_wire, 0, _tx.Advertise.Encode(_wire, 0), out type));
            Check(_rx.Decode(_wire, 0, _tx.SearchGw.Encode(_wire, 0), out type));
            Check(_rx.Decode(_wire, 0, _tx.GwInfo.Encode(_wire, 0), out type));
        }

        private static void TopicMessages()
        {
            byte type;
            Check(_rx.Decode(_wire, 0, _tx.Register.Encode(_wire, 0), out type));
            Check(_rx.Decode(_wire, 0, _tx.TopicAck.Encode(_wire, 0), out type));
            Check(_rx.Decode(_wire, 0, _tx.Subscribe.Encode(_wire, 0), out type));
            Check(_rx.Decode(_wire, 0, _tx.SubAck.Encode(_wire, 0), out type));
            Check(_rx.Decode(_wire, 0, _tx.MsgId.Encode(_wire, 0), out type));
        }

        private static void Envelope()
        {
            byte type;
            _tx.Encapsulated.InnerLength = _tx.MsgId.Encode(_wire, 200);
            int n = _tx.Encapsulated.Encode(_wire, 0);
            Check(_rx.Decode(_wire, 0, n, out type));
        }

        [TestMethod]
        public void Publish_encode_and_decode_allocate_nothing()
        {
            AssertNothingAllocated(PublishRoundTrip, "PUBLISH");
        }

        [TestMethod]
        public void A_300_octet_publish_in_the_long_form_allocates_nothing()
        {
            AssertNothingAllocated(LongPublishRoundTrip, "long PUBLISH");
        }

        [TestMethod]
        public void Decoding_through_the_message_set_allocates_nothing()
        {
            AssertNothingAllocated(PublishThroughTheSet, "PUBLISH via SnMessageSet");
        }

        [TestMethod]
        public void Connection_messages_encode_and_decode_allocate_nothing()
        {
            AssertNothingAllocated(ConnectionMessages, "CONNECT, CONNACK, WILL*, PINGREQ, PINGRESP, DISCONNECT");
        }

        [TestMethod]
        public void Discovery_messages_encode_and_decode_allocate_nothing()
        {
            AssertNothingAllocated(DiscoveryMessages, "ADVERTISE, SEARCHGW, GWINFO");
        }

        [TestMethod]
        public void Register_subscribe_and_acknowledgements_allocate_nothing()
        {
            AssertNothingAllocated(TopicMessages, "REGISTER, PUBACK, SUBSCRIBE, SUBACK, PUBREL");
        }

        [TestMethod]
        public void The_forwarder_envelope_allocates_nothing()
        {
            AssertNothingAllocated(Envelope, "0xFE envelope");
        }
    }
}
