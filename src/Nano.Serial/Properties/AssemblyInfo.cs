using System.Reflection;

[assembly: AssemblyTitle("Nano.Serial")]
[assembly: AssemblyDescription("Serial radio link adapter: radio framings over System.IO.Ports")]
[assembly: AssemblyProduct("Nano")]
[assembly: AssemblyVersion("0.1.0.0")]
#if NANOFRAMEWORK_1_0
[assembly: AssemblyNativeVersion("0.0.0.0")]
#endif
