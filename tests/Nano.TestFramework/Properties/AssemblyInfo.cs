using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("nanoFramework.TestFramework")]
[assembly: AssemblyDescription("The nanoFramework.TestFramework surface for the Nano interpreter runs")]
[assembly: AssemblyProduct("Nano")]
[assembly: AssemblyVersion("3.0.80.0")]
[assembly: AssemblyNativeVersion("0.0.0.0")]
