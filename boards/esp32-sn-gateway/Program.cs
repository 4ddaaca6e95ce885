using System;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using Nano.Mqtt.Bridge;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Radio;
using Nano.Net;
using Nano.Serial;

namespace Nano.Boards.Esp32SnGateway
{
    /// <summary>MQTT broker on Wi-Fi plus the MQTT-SN gateway for sensor nodes on the COM2 radio, one poll loop.</summary>
    public static class Program
    {
        public static void Main()
        {
            // COM2 (UART1) has no pins until they are assigned; do it before the SerialPort is created.
            Configuration.SetPinFunction(BoardConfig.RadioRxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(BoardConfig.RadioTxPin, DeviceFunction.COM2_TX);

            // Joins in the background: the radio side is served from the start, with or without Wi-Fi.
            var wifi = new WifiStation(BoardConfig.WifiSsid, BoardConfig.WifiPassword, BoardConfig.WifiRequiresDateTime, BoardConfig.WifiAttemptTimeoutMs);
            wifi.Start();

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
            var broker = new BrokerEngine(brokerOptions) { Diagnostics = new DebugLog() };
            var listener = new BrokerListener(broker, brokerOptions);

            RadioProfile radio = RadioProfile.Create(BoardConfig.Radio, BoardConfig.RadioMaxPayload);
            var gatewayOptions = new SnGatewayOptions
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
                RetryIntervalMs = BoardConfig.RetryIntervalMs,
                MaxKeepAliveSeconds = BoardConfig.MaxKeepAliveSeconds
            };
            int badLine = SnPredefinedTopics.Load(BoardConfig.PredefinedTopics, gatewayOptions);
            if (badLine > 0)
            {
                Debug.WriteLine("BoardConfig.PredefinedTopics line " + badLine.ToString() + " is not 'ClientId,TopicName,TopicId'; later lines ignored");
            }
            var gateway = new SnGateway(gatewayOptions, broker);
            var port = new SerialRadioPort(BoardConfig.RadioPort, BoardConfig.RadioBaud, System.IO.Ports.Parity.None, 8,
                System.IO.Ports.StopBits.One, radio.CreateFraming(), BoardConfig.RadioReadBuffer);
            port.Open();
            var link = new SerialGatewayLink(gateway, port, radio.GatewayBroadcast(), radio.MaxPayload, 8);
            BridgeLink bridge = BoardConfig.BridgeAddress.Length > 0 ? CreateBridge(broker) : null;
            Debug.WriteLine("MQTT-SN on " + BoardConfig.Radio + " at " + BoardConfig.RadioBaud
                + " baud; managed heap free: " + nanoFramework.Runtime.Native.GC.Run(true));

            bool listening = false;
            while (true)
            {
                long now = Environment.TickCount64;
                if (!listening && wifi.IsJoined)
                {
                    listener.Start(IPAddress.Any, BoardConfig.MqttPort);
                    listening = true;
                    Debug.WriteLine("broker on " + BoardConfig.MqttPort);
                }

                bool worked = link.PollOnce(now);
                if (listening)
                {
                    worked |= listener.PollOnce(now);
                    if (bridge != null)
                    {
                        worked |= bridge.PollOnce(now);
                    }
                }
                else
                {
                    // The listener runs the engine's timers once it is started; until then the loop does.
                    broker.Poll(now);
                }

                if (!worked)
                {
                    Thread.Sleep(1);
                }
            }
        }

        /// <summary>The bridge of BoardConfig: sensors/# out and cmd/# in under the remote prefix, over TLS when a CA is set.</summary>
        private static BridgeLink CreateBridge(BrokerEngine broker)
        {
            var options = new BridgeOptions(BoardConfig.BridgeClientId) { TryPrivate = BoardConfig.BridgeTryPrivate };
            options.Remote.ClientId = BoardConfig.BridgeClientId;
            options.Remote.CleanSession = false;
            options.Remote.UserName = BoardConfig.BridgeUserName.Length > 0 ? BoardConfig.BridgeUserName : null;
            options.Remote.Password = BoardConfig.BridgePassword.Length > 0 ? BoardConfig.BridgePassword : null;
            options.Remote.InflightWindow = BoardConfig.BridgeInflight;
            options.Remote.MaxQueued = BoardConfig.BridgeQueued;
            options.Remote.MaxMessageSize = BoardConfig.BridgeMaxMessage;
            options.Remote.MaxPacketSize = BoardConfig.MaxPacketSize;
            options.Remote.OutputBufferSize = BoardConfig.MaxPacketSize;
            string error;
            options.AddTopic(BridgeTopic.Create(BoardConfig.BridgeOutPattern, BridgeDirection.Out, BoardConfig.BridgeQos, "", BoardConfig.BridgeRemotePrefix, out error));
            options.AddTopic(BridgeTopic.Create(BoardConfig.BridgeInPattern, BridgeDirection.In, BoardConfig.BridgeQos, "", BoardConfig.BridgeRemotePrefix, out error));
            ITlsClient tls = BoardConfig.BridgeCaPem.Length > 0 ? new DeviceTls(null, new X509Certificate(BoardConfig.BridgeCaPem)) : null;
            return new BridgeLink(new BridgeEngine(options, broker), new[] { BoardConfig.BridgeAddress }, new[] { BoardConfig.BridgePort }, tls, BoardConfig.MaxPacketSize);
        }
    }
}
