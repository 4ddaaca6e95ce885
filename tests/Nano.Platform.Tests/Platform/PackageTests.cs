using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Testing;

namespace Nano.Tests.Platform
{
    /// <summary>
    /// tools/pack/pack.sh builds the NuGet packages of the device libraries. It needs the MetadataProcessor of
    /// the interpreter toolchain; without it these tests are inconclusive. The script runs once for the class.
    /// </summary>
    [TestClass]
    public class PackageTests
    {
        const string NanoFramework = ".NETnanoFramework1.0";

        static readonly Lazy<PackRun> Run = new Lazy<PackRun>(PackRun.Start);

        [ClassCleanup]
        public static void DeletePackages()
        {
            if (Run.IsValueCreated && Directory.Exists(Run.Value.Folder))
            {
                Directory.Delete(Run.Value.Folder, true);
            }
        }

        [TestMethod]
        [DataRow("Nano.Mqtt")]
        [DataRow("Nano.MqttSn")]
        public void Mscorlib_only_library_is_packed_with_its_pe_pdbx_and_docs(string library)
        {
            AssertPackage(Run.Value, library);
        }

        [TestMethod]
        [DataRow("Nano.Net")]
        [DataRow("Nano.Serial")]
        public void Library_on_nanoFramework_packages_is_packed_when_they_can_be_restored(string library)
        {
            PackRun run = Run.Value;
            if (!File.Exists(run.PackagePath(library)))
            {
                StringAssert.Contains(run.Output, "skipped " + library + ": its nanoFramework packages cannot be restored", run.Output);
                Assert.Inconclusive(library + " was not packed: " + run.Output.Split('\n').First(l => l.Contains("skipped " + library)));
            }
            AssertPackage(run, library);
        }

        static void AssertPackage(PackRun run, string library)
        {
            string path = run.PackagePath(library);
            Assert.IsTrue(File.Exists(path), "no " + path + ":\n" + run.Output);
            using ZipArchive zip = ZipFile.OpenRead(path);

            var files = zip.Entries.Select(e => e.FullName).Where(f => !f.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).ToList();
            var expected = new[]
            {
                "[Content_Types].xml", "_rels/.rels", library + ".nuspec",
                "lib/netnano1.0/" + library + ".dll", "lib/netnano1.0/" + library + ".pdbx",
                "lib/netnano1.0/" + library + ".pe", "lib/netnano1.0/" + library + ".xml",
            }.OrderBy(f => f, StringComparer.Ordinal).ToList();
            CollectionAssert.AreEqual(expected, files, string.Join(", ", files));
            Assert.AreEqual(1, zip.Entries.Count(e => e.FullName.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal) && e.FullName.EndsWith(".psmdcp", StringComparison.Ordinal)));

            byte[] pe = Read(zip, "lib/netnano1.0/" + library + ".pe");
            Assert.AreEqual("NFMRK1", Encoding.ASCII.GetString(pe, 0, 6), "the .pe starts with the nanoFramework assembly marker");
            var pdbx = XDocument.Parse(Encoding.UTF8.GetString(Read(zip, "lib/netnano1.0/" + library + ".pdbx")).TrimStart('\uFEFF'));
            Assert.AreEqual(library + ".dll", pdbx.Descendants("FileName").First().Value);
            var docs = XDocument.Parse(Encoding.UTF8.GetString(Read(zip, "lib/netnano1.0/" + library + ".xml")).TrimStart('\uFEFF'));
            Assert.AreEqual(library, docs.Root.Element("assembly").Element("name").Value);

            var nuspec = XDocument.Parse(Encoding.UTF8.GetString(Read(zip, library + ".nuspec")).TrimStart('\uFEFF'));
            XNamespace ns = nuspec.Root.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata");
            Assert.AreEqual(library, metadata.Element(ns + "id").Value);
            Assert.AreEqual(PackageVersion(library), metadata.Element(ns + "version").Value);
            var group = metadata.Element(ns + "dependencies").Elements(ns + "group").Single();
            Assert.AreEqual(NanoFramework, group.Attribute("targetFramework").Value);
            var dependencies = group.Elements(ns + "dependency").Select(d => d.Attribute("id").Value + " " + d.Attribute("version").Value).OrderBy(d => d, StringComparer.Ordinal).ToList();
            CollectionAssert.AreEqual(ExpectedDependencies(library), dependencies, string.Join(", ", dependencies));
        }

        /// <summary>The Nano packages a library depends on, and the nanoFramework packages of its packages.config at those versions.</summary>
        static List<string> ExpectedDependencies(string library)
        {
            var nano = new Dictionary<string, string[]>
            {
                ["Nano.Mqtt"] = new string[0],
                ["Nano.MqttSn"] = new[] { "Nano.Mqtt" },
                ["Nano.Net"] = new[] { "Nano.Mqtt", "Nano.MqttSn" },
                ["Nano.Serial"] = new[] { "Nano.MqttSn" },
            }[library];
            var nanoFramework = XDocument.Load(NanoRoot.Combine("src", library, "packages.config")).Descendants("package")
                .Select(p => p.Attribute("id").Value + " " + p.Attribute("version").Value);
            return nano.Select(n => n + " " + PackageVersion(n)).Concat(nanoFramework).OrderBy(d => d, StringComparer.Ordinal).ToList();
        }

        /// <summary>AssemblyVersion a.b.c.d of the library is package version a.b.c.</summary>
        static string PackageVersion(string library)
        {
            string info = File.ReadAllText(NanoRoot.Combine("src", library, "Properties", "AssemblyInfo.cs"));
            const string Marker = "AssemblyVersion(\"";
            int start = info.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
            string version = info.Substring(start, info.IndexOf('"', start) - start);
            return string.Join('.', version.Split('.').Take(3));
        }

        static byte[] Read(ZipArchive zip, string name)
        {
            using var stream = zip.GetEntry(name).Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        sealed class PackRun
        {
            public string Folder;
            public string Output;

            public string PackagePath(string library) => Path.Combine(Folder, library + "." + PackageVersion(library) + ".nupkg");

            public static PackRun Start()
            {
                string cache = Environment.GetEnvironmentVariable("NANO_TOOLCHAIN");
                if (string.IsNullOrEmpty(cache))
                {
                    cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "nano-toolchain");
                }
                string mdp = Path.Combine(cache, "mdp", "nanoFramework.Tools.MetaDataProcessor.dll");
                if (!File.Exists(mdp))
                {
                    Assert.Inconclusive("no MetadataProcessor at " + mdp + ": build the interpreter toolchain (tools/nanoclr/build-toolchain.sh)");
                }

                var run = new PackRun { Folder = Path.Combine(Path.GetTempPath(), "nano-pack-" + Guid.NewGuid().ToString("N")) };
                var psi = new ProcessStartInfo("bash", new[] { NanoRoot.Combine("tools", "pack", "pack.sh"), "--out", run.Folder })
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    WorkingDirectory = NanoRoot.Path,
                };
                foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    psi.Environment.Remove(key);
                }
                using var process = Process.Start(psi);
                var stderr = process.StandardError.ReadToEndAsync();
                string stdout = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                run.Output = stdout + stderr.Result;
                Assert.IsTrue(process.ExitCode == 0 || process.ExitCode == 3, "pack.sh exited with " + process.ExitCode + ":\n" + run.Output);
                return run;
            }
        }
    }
}
