using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;

namespace Nano.MqttSn.Tests.Gateway
{
    [TestClass]
    public class GatewayAllocationTests
    {
        private BrokerEngine _broker;
        private SnGateway _gateway;
        private int _link;
        private int _subscriber;
        private int _publisher;
        private long _now = 1_000;
        private readonly byte[] _address = { 10, 0, 0, 7, 0x07, 0x5C };
        private readonly byte[] _datagram = new byte[256];
        private readonly byte[] _addressOut = new byte[16];
        private readonly byte[] _mqttOut = new byte[4096];
        private readonly byte[] _snPublish = Bytes.Hex(Sn.Publish(1, 0, 1, 0x0042, "21.5"));
        private readonly byte[] _snPubAck = Bytes.Hex(Sn.PubAck(2, 0, 0));
        private byte[] _mqttPublish;

        [TestMethod]
        public void Ten_thousand_messages_each_way_between_sn_and_mqtt_allocate_nothing()
        {
            Setup();
            for (int i = 0; i < 200; i++)
            {
                RoundTrip();
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                RoundTrip();
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(0L, allocated);
            Assert.AreEqual(10_200L, _gateway.Statistics.PublishesReceived);
            Assert.AreEqual(10_200L, _gateway.Statistics.PublishesSent);
        }

        /// <summary>SN QoS 1 PUBLISH → broker → MQTT subscriber; MQTT QoS 1 PUBLISH → broker → gateway → SN client and its PUBACK.</summary>
        private void RoundTrip()
        {
            _now++;
            _gateway.Receive(_link, _address, 0, _address.Length, _snPublish, 0, _snPublish.Length, _now);
            Assert.AreEqual(7, Next());
            Assert.AreEqual(0x0D, _datagram[1]);
            Assert.IsTrue(_broker.ReadOutput(_subscriber, _mqttOut, 0, _mqttOut.Length) > 0);

            _broker.Receive(_publisher, _mqttPublish, 0, _mqttPublish.Length, _now);
            Assert.AreEqual(4, _broker.ReadOutput(_publisher, _mqttOut, 0, _mqttOut.Length));
            _gateway.Poll(_now);
            Assert.AreEqual(9, Next());
            Assert.AreEqual(0x0C, _datagram[1]);
            _snPubAck[4] = _datagram[5];
            _snPubAck[5] = _datagram[6];
            _gateway.Receive(_link, _address, 0, _address.Length, _snPubAck, 0, _snPubAck.Length, _now);
            Assert.AreEqual(0, Next());
        }

        private int Next() => _gateway.NextDatagram(_datagram, 0, _datagram.Length, out _, _addressOut, 0, out _, out _);

        private void Setup()
        {
            var h = new GatewayHarness();
            _broker = h.Broker;
            _gateway = h.Gateway;
            _link = h.Link;
            MqttPeer subscriber = h.Mqtt("sub");
            subscriber.Subscribe("t/up", 0);
            h.Mqtt("pub");
            _subscriber = 0;
            _publisher = 1;
            Feed(Sn.Connect("node1", 60, true, false), "03 05 00");
            Feed(Sn.Register(1, "t/up"), "07 0B 00 01 00 01 00");
            Feed(Sn.Subscribe(1, 2, "t/down"), "08 13 20 00 02 00 02 00");
            var p = new Nano.Mqtt.Codec.PublishPacket
            {
                Qos = 1,
                PacketId = 1,
                Topic = new Nano.Mqtt.Codec.ByteSlice(Bytes.Ascii("t/down"), 0, 6),
                Payload = new Nano.Mqtt.Codec.ByteSlice(Bytes.Ascii("on"), 0, 2),
            };
            _mqttPublish = new byte[p.GetSize()];
            p.Encode(_mqttPublish, 0);
        }

        private void Feed(string hex, string expected)
        {
            byte[] d = Bytes.Hex(hex);
            _gateway.Receive(_link, _address, 0, _address.Length, d, 0, d.Length, _now);
            int n = Next();
            Assert.AreEqual(expected, Bytes.ToHex(_datagram, 0, n));
        }
    }
}
