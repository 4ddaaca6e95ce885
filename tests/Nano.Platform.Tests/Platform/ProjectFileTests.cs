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
            var extra = listed.Except(expected).Where(f => !IsDeviceOnly(sdk, f) && !IsSharedBoardSource(sdk, nfproj, f)).ToList();
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

        /// <summary>
        /// The assembly file each nanoFramework package ships in its lib folder (from the packages' .nuspec files):
        /// the file name is not always the package id minus "nanoFramework." (System.Text ships
        /// nanoFramework.System.Text.dll, CoreLibrary ships mscorlib.dll).
        /// </summary>
        static readonly Dictionary<string, string[]> PackageAssemblies = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["nanoFramework.CoreLibrary"] = new[] { "mscorlib" },
            ["nanoFramework.Hardware.Esp32"] = new[] { "nanoFramework.Hardware.Esp32" },
            ["nanoFramework.Runtime.Events"] = new[] { "nanoFramework.Runtime.Events" },
            ["nanoFramework.Runtime.Native"] = new[] { "nanoFramework.Runtime.Native" },
            ["nanoFramework.System.Device.Wifi"] = new[] { "System.Device.Wifi" },
            ["nanoFramework.System.IO.Ports"] = new[] { "System.IO.Ports" },
            ["nanoFramework.System.IO.Streams"] = new[] { "System.IO.Streams" },
            ["nanoFramework.System.Net"] = new[] { "System.Net" },
            ["nanoFramework.System.Text"] = new[] { "nanoFramework.System.Text" },
            ["nanoFramework.System.Threading"] = new[] { "System.Threading" },
            ["nanoFramework.TestFramework"] = new[] { "nanoFramework.TestFramework", "nanoFramework.UnitTestLauncher" },
        };

        [TestMethod]
        [DynamicData(nameof(NfProjects))]
        public void Nfproj_hint_paths_name_the_assembly_file_each_package_ships(string nfproj)
        {
            var full = NanoRoot.Combine(nfproj);
            var packages = PackagesConfig(Path.Combine(Path.GetDirectoryName(full), "packages.config"));
            foreach (var reference in XDocument.Load(full).Descendants(Ms + "Reference"))
            {
                var hint = reference.Element(Ms + "HintPath");
                if (hint != null)
                {
                    string problem = HintPathProblem(reference.Attribute("Include").Value, hint.Value, packages);
                    Assert.IsNull(problem, nfproj + ": " + problem);
                }
            }
        }

        [TestMethod]
        public void The_hint_path_check_rejects_System_Text_dll_which_the_package_does_not_ship()
        {
            var packages = new Dictionary<string, string> { ["nanoFramework.System.Text"] = "1.3.42" };
            const string Key = ", Version=1.3.42.0, Culture=neutral, PublicKeyToken=c07d481e9758c731";
            var old = XElement.Parse(
                "<Reference Include=\"System.Text" + Key + "\">" +
                "<HintPath>..\\..\\packages\\nanoFramework.System.Text.1.3.42\\lib\\System.Text.dll</HintPath></Reference>");
            StringAssert.Contains(HintPathProblem(old.Attribute("Include").Value, old.Element("HintPath").Value, packages), "nanoFramework.System.Text");
            Assert.IsNull(HintPathProblem("nanoFramework.System.Text" + Key,
                @"..\..\packages\nanoFramework.System.Text.1.3.42\lib\nanoFramework.System.Text.dll", packages));
            StringAssert.Contains(HintPathProblem("nanoFramework.System.Text" + Key,
                @"..\..\packages\nanoFramework.System.Text.1.3.42\lib\System.Text.dll", packages), "names assembly");
            StringAssert.Contains(HintPathProblem("nanoFramework.Graphics" + Key,
                @"..\..\packages\nanoFramework.Graphics.1.2.3\lib\nanoFramework.Graphics.dll",
                new Dictionary<string, string> { ["nanoFramework.Graphics"] = "1.2.3" }), "layout is not known");
        }

        /// <summary>
        /// Null when the HintPath's file is the assembly the Reference names and one that its package ships;
        /// otherwise what is wrong.
        /// </summary>
        static string HintPathProblem(string include, string hintPath, IDictionary<string, string> packages)
        {
            string assembly = include.Split(',')[0].Trim();
            string[] parts = hintPath.Replace('\\', '/').Split('/');
            string file = parts[parts.Length - 1];
            string fileAssembly = Path.GetFileNameWithoutExtension(file);
            if (fileAssembly != assembly || (Path.GetExtension(file) != ".dll" && Path.GetExtension(file) != ".exe"))
            {
                return "Reference " + assembly + " names assembly " + assembly + " but its HintPath points to " + file;
            }
            int pkgIndex = Array.IndexOf(parts, "packages");
            string folder = pkgIndex >= 0 && pkgIndex + 1 < parts.Length ? parts[pkgIndex + 1] : "";
            string id = packages.Where(p => folder == p.Key + "." + p.Value).Select(p => p.Key).FirstOrDefault();
            if (id == null)
            {
                return hintPath + " is not in a package from packages.config";
            }
            if (!PackageAssemblies.TryGetValue(id, out string[] shipped))
            {
                return id.StartsWith("nanoFramework.", StringComparison.OrdinalIgnoreCase)
                    ? id + ": its layout is not known; add the assembly files its .nuspec lists to PackageAssemblies"
                    : null;
            }
            return shipped.Contains(assembly)
                ? null
                : id + " ships " + string.Join(", ", shipped.Select(a => a + ".dll")) + ", not " + file;
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

        /// <summary>Board apps share sources from boards/Shared, linked into their .nfproj.</summary>
        static bool IsSharedBoardSource(string sdkProject, string nfproj, string file) =>
            sdkProject == null && Normal(nfproj).StartsWith("boards/", StringComparison.Ordinal)
            && file.StartsWith("../Shared/", StringComparison.Ordinal);

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
