namespace Nano.Boards.Esp32SensorNode
{
    /// <summary>Everything specific to this sensor node in one place: the radio on COM2, identity and timing.</summary>
    internal static class BoardConfig
    {
        // Radio module on COM2, which is ESP-IDF UART1 (on ESP32 COMn is UART(n-1)). SetPinFunction routes it to
        // GPIO16/GPIO17, the pins labelled RX2/TX2 on the DevKitC: module TX -> GPIO16, module RX <- GPIO17.
        public const string RadioPort = "COM2";
        public const int RadioRxPin = 16;
        public const int RadioTxPin = 17;

        // Must match the gateway: xbee, xbee2, twelite, slip or cobs, and the module's baud rate.
        public const string Radio = "xbee2";
        public const int RadioBaud = 9600;
        public const int RadioMaxPayload = 0;

        // Node number 1–100: the wireless node id on SLIP/COBS (must be unique per gateway). On TWELITE
        // the module's own logical id (set in its interactive mode) identifies the node instead.
        public const int NodeNumber = 1;
        public const string ClientId = "sensor-1";
        public const string Topic = "sensors/1/temperature";

        // A reading every minute at QoS 1, asleep in between (sleep Duration above the interval).
        public const int IntervalMs = 60000;
        public const int SleepSeconds = 180;
        public const int RetryIntervalMs = 10000;
    }
}
