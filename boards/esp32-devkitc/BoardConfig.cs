namespace Nano.Boards.Esp32DevKitC
{
    /// <summary>
    /// Everything specific to this board in one place: Wi-Fi, pins and the fixed memory budget.
    /// ESP32-WROOM-32 without PSRAM: ~80–110 KB managed heap, 16 lwIP sockets (8 listening).
    /// </summary>
    internal static class BoardConfig
    {
        // Wi-Fi: set before deploying. (A radio gateway on UART2 is boards/esp32-sn-gateway.)
        public const string WifiSsid = "your-ssid";
        public const string WifiPassword = "your-password";

        // MQTT listener.
        public const int MqttPort = 1883;

        // Budget: 16 lwIP sockets = 1 MQTT listener + DNS/SNTP + 12 clients, with headroom for
        // reconnect storms (a vanished client holds its socket until keep-alive expiry). What each
        // slot costs on the interpreter is in README (Memory).
        public const int MaxConnections = 12;
        public const int MaxSessions = 12;
        public const int MaxSubscriptions = 64;
        public const int MaxPacketSize = 1024;
        public const int MaxInflight = 4;
        public const int MaxQueued = 8;
        public const int MaxRetained = 32;
        public const int MaxRetainedBytes = 3072;

        // Queued and inflight messages share one pool, each stored once whatever its number of subscribers.
        public const int MessagePoolBytes = 2048;

        // Packets over 128 B borrow a shared buffer while they are handled.
        public const int LargePacketBuffers = 1;
        public const int SysIntervalMs = 30000;
    }
}
