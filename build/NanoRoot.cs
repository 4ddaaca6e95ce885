using System;
using System.Reflection;

namespace Nano.Testing
{
    /// <summary>The checkout's root folder, recorded at build time (build/Nano.Tests.props).</summary>
    internal static class NanoRoot
    {
        public static string Path
        {
            get
            {
                foreach (var a in typeof(NanoRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
                {
                    if (a.Key == "NanoRoot") return a.Value;
                }
                throw new InvalidOperationException("NanoRoot metadata missing");
            }
        }

        public static string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));
    }
}
