namespace Nano.Boards.Esp32DevKitC
{
    /// <summary>
    /// Everything specific to this board in one place: Wi-Fi, pins and the fixed memory budget.
    /// ESP32-WROOM-32 without PSRAM: ~80–110 KB managed heap, 16 lwIP sockets (8 listening).
    /// </summary>
    internal static class BoardConfig
    {
        // Wi-Fi: set before deploying.
        public const string WifiSsid = "your-ssid";
        public const string WifiPassword = "your-password";

        // Radio module on UART2 (COM2): DevKitC GPIO16 = RX2, GPIO17 = TX2 (module TX -> GPIO16).
        public const string RadioPort = "COM2";
        public const int RadioRxPin = 16;
        public const int RadioTxPin = 17;
        public const int RadioBaud = 9600;

        // Status LED (GPIO2 on most DevKitC clones; none on the original board).
        public const int LedPin = 2;

        // MQTT listener.
        public const int MqttPort = 1883;

        // Budget: 16 sockets = 1 MQTT listener + 1 MQTT-SN UDP + DNS/SNTP + clients.
        public const int MaxConnections = 10;
        public const int MaxSessions = 16;
        public const int MaxSubscriptions = 64;
        public const int MaxPacketSize = 1024;
        public const int MaxInflight = 4;
        public const int MaxQueued = 16;
        public const int MaxRetained = 32;
        public const int MaxRetainedBytes = 4096;
    }
}
