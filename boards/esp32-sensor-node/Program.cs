using System;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using Nano.Mqtt.Codec;
using Nano.MqttSn.Client;
using Nano.MqttSn.Radio;
using Nano.Serial;

namespace Nano.Boards.Esp32SensorNode
{
    /// <summary>A sleeping MQTT-SN sensor node: a reading per interval over the COM2 radio, QoS 1.</summary>
    public static class Program
    {
        public static void Main()
        {
            // COM2 (UART1) has no pins until they are assigned; do it before the SerialPort is created.
            Configuration.SetPinFunction(BoardConfig.RadioRxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(BoardConfig.RadioTxPin, DeviceFunction.COM2_TX);

            RadioProfile radio = RadioProfile.Create(BoardConfig.Radio, BoardConfig.RadioMaxPayload);
            var port = new SerialRadioPort(BoardConfig.RadioPort, BoardConfig.RadioBaud, radio.CreateFraming());
            port.Open();
            var options = new SnClientOptions
            {
                ClientId = BoardConfig.ClientId,
                CleanSession = false,
                KeepAliveSeconds = 60,
                RetryIntervalMs = BoardConfig.RetryIntervalMs,
                MaxPacketSize = 64,
                RandomSeed = BoardConfig.NodeNumber
            };
            var node = new SleepingSensorNode(options, port, radio.GatewayAddress(), radio.NodeBroadcast(),
                radio.NodeId(BoardConfig.NodeNumber), Utf8Encoder.GetBytes(BoardConfig.Topic), 1, BoardConfig.IntervalMs, BoardConfig.SleepSeconds);
            var reading = new byte[8];
            Debug.WriteLine("sensor node " + BoardConfig.ClientId + " on " + BoardConfig.Radio);

            while (true)
            {
                long now = Environment.TickCount64;
                if (node.ReadingDue(now))
                {
                    node.SetReading(reading, 0, ReadTemperature(reading), now);
                }

                if (!node.PollOnce(now))
                {
                    Thread.Sleep(5);
                }
            }
        }

        // Replace with the real sensor: writes the value as ASCII ("21.5") and returns its length.
        private static int ReadTemperature(byte[] reading)
        {
            int tenths = 215;
            reading[0] = (byte)('0' + tenths / 100);
            reading[1] = (byte)('0' + tenths / 10 % 10);
            reading[2] = (byte)'.';
            reading[3] = (byte)('0' + tenths % 10);
            return 4;
        }
    }
}
