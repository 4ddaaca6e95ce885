using System.Reflection;

[assembly: AssemblyTitle("Nano.Esp32SensorNode")]
[assembly: AssemblyDescription("Sleeping MQTT-SN sensor node with a serial radio on an ESP32")]
[assembly: AssemblyProduct("Nano")]
[assembly: AssemblyVersion("0.1.0.0")]
