using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("nanoFramework.UnitTestLauncher")]
[assembly: AssemblyDescription("Runs the NFUnitTest assembly's tests on the Nano interpreter host")]
[assembly: AssemblyProduct("Nano")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyNativeVersion("0.0.0.0")]
