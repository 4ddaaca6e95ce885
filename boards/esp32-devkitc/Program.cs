using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using Nano.Mqtt.Broker;
using Nano.Net;

namespace Nano.Boards.Esp32DevKitC
{
    /// <summary>The MQTT broker on Wi-Fi: one engine, one listener, one poll loop on the main thread.</summary>
    public static class Program
    {
        public static void Main()
        {
            var wifi = new WifiStation(BoardConfig.WifiSsid, BoardConfig.WifiPassword, BoardConfig.WifiRequiresDateTime, BoardConfig.WifiAttemptTimeoutMs);
            wifi.Start();

            var options = new BrokerOptions
            {
                MaxConnections = BoardConfig.MaxConnections,
                MaxSessions = BoardConfig.MaxSessions,
                MaxSubscriptions = BoardConfig.MaxSubscriptions,
                MaxPacketSize = BoardConfig.MaxPacketSize,
                MaxInflight = BoardConfig.MaxInflight,
                MaxQueued = BoardConfig.MaxQueued,
                MaxRetained = BoardConfig.MaxRetained,
                MaxRetainedBytes = BoardConfig.MaxRetainedBytes,
                MessagePoolBytes = BoardConfig.MessagePoolBytes,
                LargePacketBuffers = BoardConfig.LargePacketBuffers,
                SysIntervalMs = BoardConfig.SysIntervalMs
            };
            var broker = new BrokerEngine(options) { Diagnostics = new DebugLog() };
            var listener = new BrokerListener(broker, options);
            wifi.WaitJoined();
            listener.Start(IPAddress.Any, BoardConfig.MqttPort);
            Debug.WriteLine("broker on " + BoardConfig.MqttPort + "; managed heap free: " + nanoFramework.Runtime.Native.GC.Run(true));

            long nextHeapReading = 0;
            while (true)
            {
                long now = Environment.TickCount64;
                if (now >= nextHeapReading)
                {
                    // $SYS/broker/heap/free comes from here: the engine cannot read the heap itself.
                    broker.HeapFree = nanoFramework.Runtime.Native.GC.Run(false);
                    nextHeapReading = now + BoardConfig.SysIntervalMs;
                }

                if (!listener.PollOnce(now))
                {
                    Thread.Sleep(1);
                }
            }
        }
    }
}
