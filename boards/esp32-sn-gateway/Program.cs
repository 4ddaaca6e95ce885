using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Networking;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Radio;
using Nano.Net;
using Nano.Serial;

namespace Nano.Boards.Esp32SnGateway
{
    /// <summary>MQTT broker on Wi-Fi plus the MQTT-SN gateway for sensor nodes on the UART2 radio, one poll loop.</summary>
    public static class Program
    {
        public static void Main()
        {
            // UART2 has no pins until they are assigned; do it before the SerialPort is created.
            Configuration.SetPinFunction(BoardConfig.RadioRxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(BoardConfig.RadioTxPin, DeviceFunction.COM2_TX);

            bool online = WifiNetworkHelper.ConnectDhcp(BoardConfig.WifiSsid, BoardConfig.WifiPassword);
            Debug.WriteLine(online ? "Wi-Fi up" : "Wi-Fi failed: " + WifiNetworkHelper.Status);

            var brokerOptions = new BrokerOptions
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
                LargePacketBuffers = BoardConfig.LargePacketBuffers
            };
            var broker = new BrokerEngine(brokerOptions);
            var listener = new BrokerListener(broker, brokerOptions);
            listener.Start(IPAddress.Any, BoardConfig.MqttPort);

            RadioProfile radio = RadioProfile.Create(BoardConfig.Radio, BoardConfig.RadioMaxPayload);
            var gateway = new SnGateway(new SnGatewayOptions
            {
                GatewayId = BoardConfig.GatewayId,
                MaxClients = BoardConfig.MaxSnClients,
                MaxLinks = 1,
                MaxRegisteredTopicsPerClient = BoardConfig.MaxTopicsPerSnClient,
                MaxBufferedWhileAsleep = BoardConfig.MaxBufferedWhileAsleep,
                MaxPayload = radio.MaxPayload,
                MaxDatagramSize = radio.MaxPayload,
                MaxBrokerPacketSize = BoardConfig.MaxPacketSize,
                AdvertiseIntervalMs = BoardConfig.AdvertiseIntervalMs,
                RetryIntervalMs = BoardConfig.RetryIntervalMs
            }, broker);
            var port = new SerialRadioPort(BoardConfig.RadioPort, BoardConfig.RadioBaud, System.IO.Ports.Parity.None, 8,
                System.IO.Ports.StopBits.One, radio.CreateFraming(), BoardConfig.RadioReadBuffer);
            port.Open();
            var link = new SerialGatewayLink(gateway, port, radio.GatewayBroadcast(), radio.MaxPayload, 8);
            Debug.WriteLine("broker on " + BoardConfig.MqttPort + ", MQTT-SN on " + BoardConfig.Radio + " at " + BoardConfig.RadioBaud
                + " baud; managed heap free: " + nanoFramework.Runtime.Native.GC.Run(true));

            while (true)
            {
                long now = Environment.TickCount64;
                bool worked = listener.PollOnce(now);
                worked |= link.PollOnce(now);
                if (!worked)
                {
                    Thread.Sleep(1);
                }
            }
        }
    }
}
