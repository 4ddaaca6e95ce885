using System.Reflection;

[assembly: AssemblyTitle("Nano.Mqtt")]
[assembly: AssemblyDescription("MQTT 3.1/3.1.1 codec, topic matching, broker and client engines (mscorlib only)")]
[assembly: AssemblyProduct("Nano")]
[assembly: AssemblyVersion("0.1.0.0")]
#if NANOFRAMEWORK_1_0
[assembly: AssemblyNativeVersion("0.0.0.0")]
#endif
