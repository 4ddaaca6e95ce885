using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("Nano.DeviceRuntime")]
[assembly: AssemblyDescription("Internal calls of the Nano nanoCLR interpreter host")]
[assembly: AssemblyProduct("Nano")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyNativeVersion("1.0.0.0")]
