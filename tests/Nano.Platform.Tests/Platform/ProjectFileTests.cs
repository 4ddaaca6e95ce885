using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Testing;

namespace Nano.Tests.Platform
{
    /// <summary>
    /// The .nfproj files are what Visual Studio deploys to the device; the SDK projects are what is
    /// built and tested here. These tests keep the two views of every library in step.
    /// </summary>
    [TestClass]
    public class ProjectFileTests
    {
        static readonly XNamespace Ms = "http://schemas.microsoft.com/developer/msbuild/2003";
        const string NfProjectType = "{11A8DD76-328B-46DF-9F39-F559912D0360}";

        static IEnumerable<string> Under(string pattern) =>
            new[] { "src", "boards", "tests" }
                .Select(d => NanoRoot.Combine(d))
                .Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d, pattern, SearchOption.AllDirectories))
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                         && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .OrderBy(f => f, StringComparer.Ordinal);

        public static IEnumerable<object[]> NfProjects =>
            Under("*.nfproj").Select(f => new object[] { Path.GetRelativePath(NanoRoot.Path, f) });

        [TestMethod]
        public void Every_device_library_has_an_nfproj()
        {
            var libs = new[] { "src/Nano.Mqtt", "src/Nano.MqttSn" };
            foreach (var lib in libs)
            {
                Assert.IsTrue(Directory.EnumerateFiles(NanoRoot.Combine(lib), "*.nfproj").Any(), lib + " has no .nfproj");
            }
            Assert.IsTrue(Under("*.nfproj").Any(f => f.Contains("boards")), "no board app");
            Assert.IsTrue(Under("NFUnitTest.nfproj").Any(), "no NFUnitTest device test project");
        }

        [TestMethod]
        [DynamicData(nameof(NfProjects))]
        public void Nfproj_compiles_the_same_sources_as_its_sdk_project(string nfproj)
        {
            var full = NanoRoot.Combine(nfproj);
            var dir = Path.GetDirectoryName(full);
            var listed = NfCompileItems(full);
            foreach (var f in listed)
            {
                Assert.IsTrue(File.Exists(Path.Combine(dir, f)), nfproj + " lists a missing file " + f);
            }
            var sdk = Directory.GetFiles(dir, "*.csproj").SingleOrDefault();
            var expected = sdk != null ? SdkCompileItems(sdk) : SourcesIn(dir);
            var missing = expected.Except(listed).ToList();
            var extra = listed.Except(expected).Where(f => !IsDeviceOnly(sdk, f)).ToList();
            Assert.IsTrue(missing.Count == 0 && extra.Count == 0,
                nfproj + " disagrees with " + (sdk != null ? Path.GetFileName(sdk) : "the folder") +
                ": not listed [" + string.Join(", ", missing) + "], listed but not compiled [" + string.Join(", ", extra) +
                "]. Run: python3 build/sync-nfproj.py");
        }

        [TestMethod]
        [DynamicData(nameof(NfProjects))]
        public void Nfproj_has_the_nanoFramework_project_shape(string nfproj)
        {
            var doc = XDocument.Load(NanoRoot.Combine(nfproj));
            var guids = doc.Descendants(Ms + "ProjectTypeGuids").Single().Value;
            StringAssert.Contains(guids, NfProjectType);
            var imports = doc.Descendants(Ms + "Import").ToList();
            Assert.AreEqual(3, imports.Count, nfproj);
            foreach (var i in imports)
            {
                StringAssert.StartsWith(i.Attribute("Project").Value, "$(NanoFrameworkProjectSystemPath)");
                StringAssert.StartsWith(i.Attribute("Condition").Value, "Exists(");
            }
            Assert.AreEqual("v1.0", doc.Descendants(Ms + "TargetFrameworkVersion").Single().Value);
            Assert.IsTrue(File.Exists(Path.Combine(Path.GetDirectoryName(NanoRoot.Combine(nfproj)), "packages.config")), nfproj + " has no packages.config");
        }

        [TestMethod]
        [DynamicData(nameof(NfProjects))]
        public void Nfproj_hint_paths_match_its_packages_config(string nfproj)
        {
            var full = NanoRoot.Combine(nfproj);
            var packages = PackagesConfig(Path.Combine(Path.GetDirectoryName(full), "packages.config"));
            var doc = XDocument.Load(full);
            foreach (var hint in doc.Descendants(Ms + "HintPath").Select(h => h.Value.Replace('\\', '/')))
            {
                var parts = hint.Split('/');
                var pkgIndex = Array.IndexOf(parts, "packages");
                Assert.IsTrue(pkgIndex >= 0, nfproj + ": HintPath outside packages/: " + hint);
                Assert.AreEqual(NanoRoot.Path.TrimEnd('/'), Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full), string.Join('/', parts.Take(pkgIndex)))).TrimEnd('/'),
                    nfproj + ": HintPath must point into the solution's packages/ folder (nuget.config repositoryPath): " + hint);
                var folder = parts[pkgIndex + 1];
                Assert.IsTrue(packages.Any(p => folder == p.Key + "." + p.Value), nfproj + ": " + folder + " is not in its packages.config");
            }
        }

        [TestMethod]
        public void Package_versions_agree_across_packages_config_files()
        {
            var seen = new Dictionary<string, (string Version, string File)>(StringComparer.OrdinalIgnoreCase);
            var files = Under("packages.config").ToList();
            Assert.IsTrue(files.Count >= 3);
            foreach (var file in files)
            {
                foreach (var p in PackagesConfig(file))
                {
                    if (seen.TryGetValue(p.Key, out var prior))
                    {
                        Assert.AreEqual(prior.Version, p.Value, p.Key + ": " + prior.File + " vs " + file);
                    }
                    else
                    {
                        seen[p.Key] = (p.Value, file);
                    }
                }
            }
            Assert.AreEqual("1.17.11", seen["nanoFramework.CoreLibrary"].Version);
        }

        [TestMethod]
        public void Nuget_config_names_no_feed()
        {
            var doc = XDocument.Load(NanoRoot.Combine("nuget.config"));
            Assert.IsFalse(doc.Descendants("packageSources").Any(), "nuget.config must not name package sources");
            Assert.IsFalse(doc.ToString().Contains("://"), "nuget.config must not name any URL");
            Assert.AreEqual("packages", doc.Descendants("add").Single(a => (string)a.Attribute("key") == "repositoryPath").Attribute("value").Value);
        }

        /// <summary>
        /// Code for APIs that exist only on the device (e.g. nanoFramework's SslStream) lives in a
        /// Device/ folder that the SDK project removes from its own compile; only the .nfproj builds it.
        /// </summary>
        static bool IsDeviceOnly(string sdkProject, string file) =>
            sdkProject != null && file.StartsWith("Device/", StringComparison.Ordinal)
            && File.ReadAllText(sdkProject).Contains("<Compile Remove=\"Device/**\" />");

        static List<string> NfCompileItems(string nfproj) =>
            XDocument.Load(nfproj).Descendants(Ms + "Compile")
                .Select(c => Normal(c.Attribute("Include").Value)).OrderBy(x => x, StringComparer.Ordinal).ToList();

        static List<string> SourcesIn(string dir) =>
            Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(dir, f))
                .Where(f => !f.StartsWith("obj" + Path.DirectorySeparatorChar) && !f.StartsWith("bin" + Path.DirectorySeparatorChar))
                .Select(Normal).OrderBy(x => x, StringComparer.Ordinal).ToList();

        /// <summary>What MSBuild evaluates as Compile items of an SDK project (its nano target if it has one).</summary>
        static List<string> SdkCompileItems(string csproj)
        {
            var dir = Path.GetDirectoryName(csproj);
            string project = File.ReadAllText(csproj);
            var tfm = project.Contains("Nano.Device.props") || project.Contains("netnano1.0") ? "netnano1.0" : "net10.0";
            var psi = new ProcessStartInfo("dotnet", new[] { "msbuild", csproj, "-getItem:Compile", "-p:TargetFramework=" + tfm, "-nologo" })
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = dir,
            };
            foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                psi.Environment.Remove(key);
            }
            using var p = Process.Start(psi);
            var stdout = p.StandardOutput.ReadToEnd();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.AreEqual(0, p.ExitCode, "msbuild evaluation of " + csproj + " failed:\n" + stdout + stderr);
            using var json = JsonDocument.Parse(stdout);
            return json.RootElement.GetProperty("Items").GetProperty("Compile").EnumerateArray()
                .Select(e => e.GetProperty("FullPath").GetString())
                .Where(f => f.StartsWith(dir + Path.DirectorySeparatorChar))
                .Select(f => Normal(Path.GetRelativePath(dir, f)))
                .Where(f => !f.StartsWith("obj/") && !f.StartsWith("bin/"))
                .OrderBy(x => x, StringComparer.Ordinal).ToList();
        }

        static Dictionary<string, string> PackagesConfig(string file) =>
            XDocument.Load(file).Descendants("package").ToDictionary(p => p.Attribute("id").Value, p => p.Attribute("version").Value);

        static string Normal(string path) => path.Replace('\\', '/');
    }
}
