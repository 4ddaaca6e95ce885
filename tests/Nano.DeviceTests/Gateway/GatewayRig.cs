#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;

namespace Nano.DeviceTests.Gateway
{
    /// <summary>
    /// A broker engine with the MQTT-SN gateway inside, on a fake clock. SN clients are one-letter addresses on
    /// link 0 exchanging raw datagrams; MQTT clients are broker connections exchanging raw packets. Small
    /// capacities keep it within an ESP32's heap.
    /// </summary>
    internal sealed class GatewayRig
    {
        public readonly BrokerEngine Broker;
        public readonly SnGateway Gateway;
        public readonly int Link;
        public long Now = 1000000;

        /// <summary>Destination of the datagram <see cref="Next"/> returned last: the address, or "*" for a broadcast.</summary>
        public string To;

        private readonly byte[] _datagram = new byte[300];
        private readonly byte[] _address = new byte[16];
        private readonly byte[] _mqtt = new byte[600];

        public GatewayRig() : this(Options())
        {
        }

        public GatewayRig(SnGatewayOptions options) : this(options, 0, 0)
        {
        }

        /// <summary>A rig whose link's addresses may change in <paramref name="changingLength"/> octets at
        /// <paramref name="changingOffset"/> (an XBee's 16-bit network address).</summary>
        public GatewayRig(SnGatewayOptions options, int changingOffset, int changingLength)
        {
            Broker = new BrokerEngine(BrokerOptions());
            Gateway = new SnGateway(options, Broker);
            Link = Gateway.AddLink(256, changingOffset, changingLength);
        }

        /// <summary>Advertising off, T_RETRY 10 s, N_RETRY 2, small tables.</summary>
        public static SnGatewayOptions Options()
        {
            SnGatewayOptions o = new SnGatewayOptions();
            o.AdvertiseIntervalMs = 0;
            o.RetryIntervalMs = 10000;
            o.MaxRetries = 2;
            o.MaxClients = 3;
            o.MaxRegisteredTopicsPerClient = 4;
            o.MaxBufferedWhileAsleep = 4;
            o.MaxPayload = 64;
            o.MaxTopicLength = 32;
            o.MaxDatagramSize = 256;
            o.MaxPendingDatagrams = 8;
            o.MaxBrokerPacketSize = 512;
            return o;
        }

        public static BrokerOptions BrokerOptions()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxConnections = 6;
            o.MaxSessions = 6;
            o.MaxSubscriptions = 16;
            o.MaxMessages = 16;
            o.MessagePoolBytes = 2048;
            o.MaxRetained = 4;
            o.MaxRetainedBytes = 512;
            o.MaxPacketSize = 512;
            o.InputBufferSize = 512;
            o.OutputBufferSize = 512;
            return o;
        }

        /// <summary>Hands the gateway one datagram from <paramref name="client"/>.</summary>
        public void Send(string client, byte[] datagram)
        {
            byte[] a = Hex.Ascii(client);
            Gateway.Receive(Link, a, 0, a.Length, datagram, 0, datagram.Length, Now);
        }

        /// <summary>Moves the clock, then runs the gateway's and the broker's timers.</summary>
        public void Advance(long ms)
        {
            Now += ms;
            Gateway.Poll(Now);
            Broker.Poll(Now);
        }

        /// <summary>The next datagram the gateway sends, as hex, or null when none; its destination in <see cref="To"/>.</summary>
        public string Next()
        {
            Gateway.Poll(Now);
            int link;
            int addressLength;
            bool broadcast;
            int n = Gateway.NextDatagram(_datagram, 0, _datagram.Length, out link, _address, 0, out addressLength, out broadcast);
            if (n == 0)
            {
                To = null;
                return null;
            }
            Assert.AreEqual(Link, link);
            To = broadcast ? "*" : new string(Chars(_address, addressLength));
            return Hex.Of(_datagram, 0, n);
        }

        /// <summary>Asserts the next datagram is <paramref name="hex"/>, sent to <paramref name="client"/>.</summary>
        public void Expect(string client, string hex)
        {
            Assert.AreEqual(hex, Next());
            Assert.AreEqual(client, To);
        }

        public void ExpectNothing()
        {
            string next = Next();
            Assert.IsNull(next, "unexpected datagram " + next);
        }

        /// <summary>CONNECT without Will and the accepting CONNACK.</summary>
        public void Connect(string client, string clientId, int keepAliveSeconds, bool clean)
        {
            Send(client, SnDatagrams.Connect(clientId, keepAliveSeconds, clean, false));
            Expect(client, "03 05 00");
        }

        public SnClientStatus Status(string clientId)
        {
            byte[] id = Hex.Ascii(clientId);
            return Gateway.GetClientStatus(id, 0, id.Length);
        }

        /// <summary>Opens an MQTT connection on the broker, connects it and returns its id.</summary>
        public int MqttConnect(string clientId)
        {
            int connection = Broker.Accept(Now);
            Assert.IsTrue(connection >= 0);
            MqttSend(connection, MqttPackets.Connect(clientId));
            Assert.AreEqual("20 02 00 00", MqttRead(connection));
            return connection;
        }

        /// <summary>SUBSCRIBE with packet id 1 and the SUBACK granting <paramref name="qos"/>.</summary>
        public int MqttSubscriber(string clientId, string filter, int qos)
        {
            int connection = MqttConnect(clientId);
            MqttSend(connection, MqttPackets.Subscribe(1, filter, qos));
            Assert.AreEqual("90 03 00 01 0" + (char)('0' + qos), MqttRead(connection));
            return connection;
        }

        public void MqttSend(int connection, byte[] packet)
        {
            Broker.Receive(connection, packet, 0, packet.Length, Now);
        }

        /// <summary>Everything the broker wrote on the connection since the last read, as hex ("" when nothing).</summary>
        public string MqttRead(int connection)
        {
            int total = 0;
            int n;
            while (total < _mqtt.Length && (n = Broker.ReadOutput(connection, _mqtt, total, _mqtt.Length - total)) > 0)
            {
                total += n;
            }
            return Hex.Of(_mqtt, 0, total);
        }

        private static char[] Chars(byte[] b, int n)
        {
            char[] c = new char[n];
            for (int i = 0; i < n; i++)
            {
                c[i] = (char)b[i];
            }
            return c;
        }
    }
}
