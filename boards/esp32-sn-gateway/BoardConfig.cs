namespace Nano.Boards.Esp32SnGateway
{
    /// <summary>
    /// Everything specific to this board in one place: Wi-Fi, the radio on UART2 and the fixed memory
    /// budget. ESP32-WROOM-32 DevKitC without PSRAM: ~80–110 KB managed heap.
    /// </summary>
    internal static class BoardConfig
    {
        // Wi-Fi: set before deploying.
        public const string WifiSsid = "your-ssid";
        public const string WifiPassword = "your-password";

        // Radio module on UART2 (COM2): module TX -> GPIO16 (RX2), module RX <- GPIO17 (TX2).
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
    }
}
