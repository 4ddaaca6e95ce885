using System.Reflection;

[assembly: AssemblyTitle("Nano.MqttSn")]
[assembly: AssemblyDescription("MQTT-SN 1.2 codec, gateway and client engines, serial radio framings (mscorlib only)")]
[assembly: AssemblyProduct("Nano")]
[assembly: AssemblyVersion("0.1.0.0")]
#if NANOFRAMEWORK_1_0
[assembly: AssemblyNativeVersion("0.0.0.0")]
#endif
