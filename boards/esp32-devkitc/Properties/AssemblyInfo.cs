using System.Reflection;

[assembly: AssemblyTitle("Nano.Esp32DevKitC")]
[assembly: AssemblyDescription("Nano broker for an ESP32-DevKitC (ESP32-WROOM, no PSRAM)")]
[assembly: AssemblyProduct("Nano")]
[assembly: AssemblyVersion("0.1.0.0")]
