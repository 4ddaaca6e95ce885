namespace Nano.Boards.Esp32SnGateway
{
    /// <summary>
    /// Everything specific to this board in one place: Wi-Fi, the radio on COM2 and the fixed memory
    /// budget. ESP32-WROOM-32 DevKitC without PSRAM: ~80–110 KB managed heap.
    /// </summary>
    internal static class BoardConfig
    {
        // Wi-Fi: set before deploying.
        public const string WifiSsid = "your-ssid";
        public const string WifiPassword = "your-password";

        // One join attempt may take this long; failures are retried with backoff (boards/Shared/WifiStation.cs).
        public const int WifiAttemptTimeoutMs = 20000;

        // True when TLS is added: certificate validation needs the clock, so the join then also waits for SNTP.
        public const bool WifiRequiresDateTime = false;

        // Radio module on COM2, which is ESP-IDF UART1 (on ESP32 COMn is UART(n-1)). SetPinFunction routes it to
        // GPIO16/GPIO17, the pins labelled RX2/TX2 on the DevKitC: module TX -> GPIO16, module RX <- GPIO17.
        public const string RadioPort = "COM2";
        public const int RadioRxPin = 16;
        public const int RadioTxPin = 17;

        // xbee (AP=1), xbee2 (AP=2), twelite (App_Uart binary format), slip or cobs (E32/E22/E220, HC-12).
        public const string Radio = "xbee2";
        public const int RadioBaud = 9600;

        // 0 = the radio's usual limit (XBee Zigbee unicast 84, TWELITE 80, SLIP/COBS 96).
        public const int RadioMaxPayload = 0;

        // UART ring buffer: several frames of the largest size.
        public const int RadioReadBuffer = 512;

        // MQTT listener.
        public const int MqttPort = 1883;

        // Broker budget (each MQTT-SN client also holds one broker connection slot).
        public const int MaxConnections = 12;
        public const int MaxSessions = 12;
        public const int MaxSubscriptions = 48;
        public const int MaxPacketSize = 512;
        public const int MaxInflight = 2;
        public const int MaxQueued = 8;
        public const int MaxRetained = 16;
        public const int MaxRetainedBytes = 2048;
        public const int MessagePoolBytes = 2048;
        public const int LargePacketBuffers = 1;

        // MQTT-SN gateway budget.
        public const byte GatewayId = 1;
        public const int MaxSnClients = 8;
        public const int MaxTopicsPerSnClient = 4;
        public const int MaxBufferedWhileAsleep = 4;
        public const int AdvertiseIntervalMs = 900000;
        public const int RetryIntervalMs = 10000;

        // CONNECTs asking for a longer keep-alive (or none) are refused, so no node holds a slot unsupervised; 0 = any.
        public const int MaxKeepAliveSeconds = 3600;

        // Predefined topic ids in the Paho MQTT-SN gateway's format: "ClientId,TopicName,TopicId" lines, "*" = every
        // node. Nodes publish to these ids without REGISTER, and at QoS -1 without a connection.
        public const string PredefinedTopics =
            "*,sensors/alarm,1\n" +
            "*,sensors/status,2\n";

        // Bridge to an upstream broker (README "Bridging to an upstream broker"); an empty address means no bridge.
        // With a CA in PEM the bridge uses TLS (set WifiRequiresDateTime to true: the check needs the clock).
        public const string BridgeAddress = "";
        public const int BridgePort = 8883;
        public const string BridgeCaPem = "";
        public const string BridgeClientId = "site1-gateway";
        public const string BridgeUserName = "";
        public const string BridgePassword = "";
        public const bool BridgeTryPrivate = false;
        public const string BridgeOutPattern = "sensors/#";
        public const string BridgeInPattern = "cmd/#";
        public const string BridgeRemotePrefix = "site1/";
        public const int BridgeQos = 1;

        // The bridge's queue for the remote: inflight + queued messages of up to BridgeMaxMessage bytes (topic + payload).
        public const int BridgeInflight = 2;
        public const int BridgeQueued = 6;
        public const int BridgeMaxMessage = 128;
    }
}
