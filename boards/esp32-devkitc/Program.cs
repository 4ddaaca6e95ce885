using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using nanoFramework.Networking;
using Nano.Mqtt.Broker;
using Nano.Net;

namespace Nano.Boards.Esp32DevKitC
{
    /// <summary>The MQTT broker on Wi-Fi: one engine, one listener, one poll loop on the main thread.</summary>
    public static class Program
    {
        public static void Main()
        {
            bool online = WifiNetworkHelper.ConnectDhcp(BoardConfig.WifiSsid, BoardConfig.WifiPassword);
            Debug.WriteLine(online ? "Wi-Fi up" : "Wi-Fi failed: " + WifiNetworkHelper.Status);

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
            var broker = new BrokerEngine(options);
            var listener = new BrokerListener(broker, options);
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
