using System.Reflection;

[assembly: AssemblyTitle("Nano.Esp32SnGateway")]
[assembly: AssemblyDescription("Nano broker and MQTT-SN gateway with a serial radio on an ESP32-DevKitC")]
[assembly: AssemblyProduct("Nano")]
[assembly: AssemblyVersion("0.1.0.0")]
