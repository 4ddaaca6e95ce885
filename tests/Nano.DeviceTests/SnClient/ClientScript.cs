#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;

namespace Nano.DeviceTests.SnClient
{
    /// <summary>A client, its listener and a fake clock, driven by the datagrams a gateway would exchange.</summary>
    public sealed class ClientScript
    {
        /// <summary>Retry interval of the scripted client (T_RETRY).</summary>
        public const int RetryMs = 1000;

        /// <summary>Re-sends before giving up (N_RETRY).</summary>
        public const int MaxRetries = 2;

        /// <summary>The events.</summary>
        public readonly RecordingListener Events = new RecordingListener();

        /// <summary>The client: ClientId "n1", keep-alive 60 s, clean session.</summary>
        public readonly Nano.MqttSn.Client.SnClient Client;

        /// <summary>The fake clock in milliseconds.</summary>
        public long Now = 1000;

        private readonly byte[] _datagram = new byte[128];
        private bool _broadcast;

        /// <summary>Creates the client; with <paramref name="will"/> the Will topic is "w" and the message 0x62.</summary>
        public ClientScript(bool will)
        {
            SnClientOptions options = new SnClientOptions();
            options.ClientId = "n1";
            options.KeepAliveSeconds = 60;
            options.RetryIntervalMs = RetryMs;
            options.MaxRetries = MaxRetries;
            options.SearchGwMaxDelayMs = 0;
            options.SearchGwRetryMs = 5000;
            if (will)
            {
                options.WillTopic = "w";
                options.WillMessage = new byte[] { 0x62 };
            }

            Client = new Nano.MqttSn.Client.SnClient(options, Events);
        }

        /// <summary>A client that is connected: CONNECT sent and CONNACK received.</summary>
        public static ClientScript Connected()
        {
            ClientScript s = new ClientScript(false);
            Assert.AreEqual((int)SnClientResult.Ok, (int)s.Client.Connect(s.Now));
            s.Expect("08 04 04 01 00 3C 6E 31");
            s.Receive("03 05 00");
            Assert.AreEqual((int)SnClientState.Active, (int)s.Client.State);
            return s;
        }

        /// <summary>Hands a datagram from the gateway to the client.</summary>
        public void Receive(string datagram)
        {
            byte[] b = Hex.Parse(datagram);
            Assert.AreEqual((int)SnError.None, (int)Client.Receive(b, 0, b.Length, Now), datagram);
        }

        /// <summary>The next datagram the client sends, as hex ("" when none).</summary>
        public string Next()
        {
            int n = Client.NextDatagram(_datagram, 0, out _broadcast);
            return n <= 0 ? "" : Hex.Format(_datagram, 0, n);
        }

        /// <summary>Asserts the next datagram the client sends, unicast to the gateway.</summary>
        public void Expect(string datagram)
        {
            Assert.AreEqual(Hex.Format(Hex.Parse(datagram), 0, Hex.Parse(datagram).Length), Next());
            Assert.IsFalse(_broadcast, "unicast");
        }

        /// <summary>Asserts the next datagram is a broadcast.</summary>
        public void ExpectBroadcast(string datagram)
        {
            Assert.AreEqual(Hex.Format(Hex.Parse(datagram), 0, Hex.Parse(datagram).Length), Next());
            Assert.IsTrue(_broadcast, "broadcast");
        }

        /// <summary>Asserts nothing is waiting to be sent.</summary>
        public void ExpectNothing()
        {
            Assert.AreEqual("", Next());
        }

        /// <summary>Advances the clock and runs the client's timers.</summary>
        public void Advance(int ms)
        {
            Now += ms;
            Client.Poll(Now);
        }
    }
}
