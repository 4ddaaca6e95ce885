using System.Net;
using System.Net.Sockets;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Tests.Client
{
    /// <summary>The engine behind a minimal UDP host loop, against a gateway scripted on another socket.</summary>
    [TestClass]
    public class UdpLoopbackTests
    {
        private UdpClient _gateway;
        private UdpClient _node;
        private IPEndPoint _nodeEndPoint;
        private SnClient _client;
        private readonly EventLog _events = new EventLog();
        private readonly byte[] _tx = new byte[256];

        [TestMethod]
        public void Discovery_connect_register_publish_and_receive_over_udp()
        {
            using (_gateway = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            using (_node = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            {
                _gateway.Client.ReceiveTimeout = 5000;
                _node.Client.ReceiveTimeout = 5000;
                var options = ScriptedGateway.Options();
                options.SearchGwMaxDelayMs = 0;
                _client = new SnClient(options, _events);

                _client.StartSearch(0);
                _client.Poll(0);
                Pump();
                Assert.AreEqual("03 01 01", GatewayReceives());
                GatewaySends("03 02 01");
                NodeReceives();
                Assert.AreEqual("gateway 1", _events.Take());

                _client.Connect(0);
                Pump();
                Assert.AreEqual("0B 04 04 01 00 3C 6E 6F 64 65 31", GatewayReceives());
                GatewaySends("03 05 00");
                NodeReceives();
                Assert.AreEqual("connected", _events.Take());

                byte[] name = Bytes.Ascii("t/1");
                _client.Register(name, 0, 3, 0, out _);
                Pump();
                Assert.AreEqual("09 0A 00 00 00 01 74 2F 31", GatewayReceives());
                GatewaySends("07 0B 00 04 00 01 00");
                NodeReceives();
                Assert.AreEqual("registered 1 4 0", _events.Take());

                byte[] data = Bytes.Ascii("20");
                _client.Publish(1, SnTopicIdType.Normal, _client.Topics.Find(name, 0, 3), false, data, 0, 2, 0, out _);
                Pump();
                Assert.AreEqual("09 0C 20 00 04 00 02 32 30", GatewayReceives());
                GatewaySends("07 0D 00 04 00 02 00");
                NodeReceives();
                Assert.AreEqual("published 2 0", _events.Take());

                GatewaySends("09 0C 20 00 04 00 07 32 31");
                NodeReceives();
                Assert.AreEqual("message 0 4 qos1 21", _events.Take());
                Pump();
                Assert.AreEqual("07 0D 00 04 00 07 00", GatewayReceives());
            }
        }

        private void Pump()
        {
            int n;
            while ((n = _client.NextDatagram(_tx, 0, out _)) > 0)
            {
                // loopback has no broadcast domain: broadcasts go to the gateway's port as well
                _node.Send(_tx, n, (IPEndPoint)_gateway.Client.LocalEndPoint);
            }
        }

        private string GatewayReceives()
        {
            IPEndPoint from = null;
            byte[] b = _gateway.Receive(ref from);
            _nodeEndPoint = from;
            return Bytes.ToHex(b, 0, b.Length);
        }

        private void GatewaySends(string hex)
        {
            byte[] b = Bytes.Hex(hex);
            _gateway.Send(b, b.Length, _nodeEndPoint);
        }

        private void NodeReceives()
        {
            IPEndPoint from = null;
            byte[] b = _node.Receive(ref from);
            Assert.AreEqual(SnError.None, _client.Receive(b, 0, b.Length, 0));
        }
    }
}
