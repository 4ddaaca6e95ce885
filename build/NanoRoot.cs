using System;
using System.IO;

namespace Nano.Testing
{
    /// <summary>
    /// The checkout's root folder, found at run time: the nearest folder above the test assembly that holds
    /// Nano.sln. Nothing about the machine that built the tests is recorded in them.
    /// </summary>
    internal static class NanoRoot
    {
        private static readonly Lazy<string> Root = new Lazy<string>(Find);

        public static string Path => Root.Value;

        public static string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

        private static string Find()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Nano.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("no Nano.sln above " + AppContext.BaseDirectory + ": run the tests from inside the checkout");
        }
    }
}
