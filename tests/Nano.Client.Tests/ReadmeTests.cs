using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.Client.Tests
{
    /// <summary>Every C# block of README's "Using the engines" is an excerpt of a file the build compiles.</summary>
    [TestClass]
    public sealed class ReadmeTests
    {
        private const string Marker = "<!-- excerpt: ";

        [TestMethod]
        public void Each_code_block_of_Using_the_engines_appears_in_the_file_it_names()
        {
            string root = RepositoryRoot();
            string[] readme = File.ReadAllLines(Path.Combine(root, "README.md"));
            int start = Array.IndexOf(readme, "## Using the engines");
            Assert.IsTrue(start >= 0, "README has no 'Using the engines' section");
            int blocks = 0;
            for (int i = start + 1; i < readme.Length && !readme[i].StartsWith("## ", StringComparison.Ordinal); i++)
            {
                if (readme[i] != "```csharp")
                {
                    continue;
                }

                string marker = readme[i - 1];
                Assert.IsTrue(marker.StartsWith(Marker, StringComparison.Ordinal), "README line " + (i + 1) + ": a C# block needs an excerpt marker");
                string file = marker.Substring(Marker.Length, marker.Length - Marker.Length - " -->".Length);
                int end = Array.IndexOf(readme, "```", i + 1);
                List<string> block = Normalize(readme.Skip(i + 1).Take(end - i - 1));
                List<string> source = Normalize(File.ReadAllLines(Path.Combine(root, file)));
                Assert.IsTrue(Contains(source, block), "README line " + (i + 1) + ": the block is not in " + file);
                blocks++;
                i = end;
            }

            Assert.IsTrue(blocks >= 5, "found " + blocks + " blocks");
        }

        private static List<string> Normalize(IEnumerable<string> lines) =>
            lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        private static bool Contains(List<string> source, List<string> block)
        {
            for (int at = 0; at + block.Count <= source.Count; at++)
            {
                if (source.Skip(at).Take(block.Count).SequenceEqual(block))
                {
                    return true;
                }
            }

            return false;
        }

        private static string RepositoryRoot()
        {
            string dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "Nano.sln")))
            {
                dir = Path.GetDirectoryName(dir);
                Assert.IsNotNull(dir, "no Nano.sln above " + AppContext.BaseDirectory);
            }

            return dir;
        }
    }
}
