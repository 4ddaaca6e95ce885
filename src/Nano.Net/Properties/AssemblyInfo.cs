using System.Reflection;

[assembly: AssemblyTitle("Nano.Net")]
[assembly: AssemblyDescription("TCP adapter and single-threaded poll loop for the Nano engines (System.Net)")]
[assembly: AssemblyProduct("Nano")]
[assembly: AssemblyVersion("0.1.0.0")]
#if NANOFRAMEWORK_1_0
[assembly: AssemblyNativeVersion("0.0.0.0")]
#endif
