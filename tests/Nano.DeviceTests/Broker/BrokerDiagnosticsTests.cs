#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.Mqtt.Broker;
using Nano.Mqtt.Codec;

namespace Nano.DeviceTests.Broker
{
    /// <summary>A sink that counts events by kind and keeps the last client identifier's length, allocating nothing.</summary>
    public sealed class CountingDiagnostics : IBrokerDiagnostics
    {
        public readonly int[] Counts = new int[32];
        public int LastClientIdLength;
        public int LastReason;

        public void Report(BrokerEvent what, int connection, ByteSlice clientId, ByteSlice detail, int reason)
        {
            Counts[(int)what]++;
            LastClientIdLength = clientId == null ? -1 : clientId.Length;
            LastReason = reason;
        }
    }

    /// <summary>The diagnostics seam on the interpreter: events reach the sink with the client identifier and reason,
    /// and reporting allocates nothing in the engine.</summary>
    [TestClass]
    public class BrokerDiagnosticsTests
    {
        private static BrokerEngine _engine;
        private static CountingDiagnostics _sink;
        private static long _now;
        private static byte[] _connect;
        private static byte[] _subscribe;
        private static byte[] _unsubscribe;
        private static byte[] _badPublish;
        private static byte[] _output;

        private static void Drain(int c)
        {
            while (_engine.ReadOutput(c, _output, 0, _output.Length) > 0)
            {
            }
        }

        /// <summary>Connect with a Will, subscribe, unsubscribe, lose the connection; then connect and break the protocol.</summary>
        private static void Lifecycle()
        {
            _now++;
            int c = _engine.Accept(_now);
            _engine.Receive(c, _connect, 0, _connect.Length, _now);
            _engine.Receive(c, _subscribe, 0, _subscribe.Length, _now);
            _engine.Receive(c, _unsubscribe, 0, _unsubscribe.Length, _now);
            Drain(c);
            _engine.ConnectionLost(c, _now);
            _engine.Closed(c);
            c = _engine.Accept(_now);
            _engine.Receive(c, _connect, 0, _connect.Length, _now);
            _engine.Receive(c, _badPublish, 0, _badPublish.Length, _now);
            Drain(c);
            _engine.Closed(c);
        }

        private static void Start()
        {
            _engine = new BrokerEngine(new BrokerOptions());
            _output = new byte[256];
            _sink = new CountingDiagnostics();
            _engine.Diagnostics = _sink;
            _now = 1000;
            _connect = Wire.Connect("diag", true, 30, "will/diag", "gone", 0, false, null, 4);
            _subscribe = Wire.Subscribe(1, "a/+", 1);
            _unsubscribe = Wire.Unsubscribe(2, "a/+");
            _badPublish = new byte[] { 0x36, 0x05, 0x00, 0x01, (byte)'t', 0x00, 0x01 }; // QoS 3 [MQTT-3.3.1-4]
        }

        [TestMethod]
        public void Each_event_reaches_the_sink_with_client_id_and_reason()
        {
            Start();
            Lifecycle();
            int[] n = _sink.Counts;
            Assert.AreEqual(2, n[(int)BrokerEvent.ClientConnected]);
            Assert.AreEqual(1, n[(int)BrokerEvent.Subscribed]);
            Assert.AreEqual(1, n[(int)BrokerEvent.Unsubscribed]);
            Assert.AreEqual(1, n[(int)BrokerEvent.ConnectionLost]);
            Assert.AreEqual(2, n[(int)BrokerEvent.WillPublished], "the lost connection's and the protocol breaker's");
            Assert.AreEqual(1, n[(int)BrokerEvent.ProtocolError]);
            Assert.AreEqual(4, _sink.LastClientIdLength, "the Will of 'diag' was the last event");
            _engine = null;
        }

        [TestMethod]
        public void Reporting_to_a_sink_that_does_not_allocate_allocates_nothing()
        {
            Start();
            long bytes = Allocation.Measure(Lifecycle, 10, 100);
            int connected = _sink.Counts[(int)BrokerEvent.ClientConnected];
            _engine = null;
            Assert.AreEqual(0L, bytes, "bytes per lifecycle with a sink attached");
            Assert.AreEqual(220, connected, "two connections per lifecycle, all reported");
        }
    }
}
