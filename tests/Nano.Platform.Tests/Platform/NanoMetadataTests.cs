using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.Tests.Platform
{
    /// <summary>
    /// The nano builds compile against mscorlib 1.17.11, which proves the APIs exist but not that the
    /// 1.x runtime can execute them: generics, pointers and multi-dimensional arrays compile and then
    /// fail on the device. This reads the nano assemblies' metadata and rejects them.
    /// </summary>
    [TestClass]
    public class NanoMetadataTests
    {
        /// <summary>Device library → the assemblies it may reference.</summary>
        static readonly Dictionary<string, string[]> AllowedReferences = new()
        {
            ["Nano.Mqtt"] = new[] { "mscorlib" },
            ["Nano.MqttSn"] = new[] { "mscorlib", "Nano.Mqtt" },
        };

        static string NanoDir => Path.Combine(AppContext.BaseDirectory, "nano");

        public static IEnumerable<object[]> Libraries => AllowedReferences.Keys.Select(k => new object[] { k });

        [TestMethod]
        [DynamicData(nameof(Libraries))]
        public void Nano_build_runs_on_1x_firmware(string library)
        {
            var path = Path.Combine(NanoDir, library + ".dll");
            Assert.IsTrue(File.Exists(path), "nano build missing: " + path);
            var problems = NanoMetadataCheck.Inspect(path, AllowedReferences[library]);
            Assert.AreEqual(0, problems.Count, library + ":\n" + string.Join("\n", problems));
        }

        [TestMethod]
        public void Every_nano_build_is_checked()
        {
            var built = Directory.GetFiles(NanoDir, "Nano.*.dll").Select(Path.GetFileNameWithoutExtension).OrderBy(x => x);
            CollectionAssert.AreEquivalent(AllowedReferences.Keys.ToList(), built.ToList());
        }

        [TestMethod]
        public void Checker_rejects_generics_pointers_and_multidimensional_arrays()
        {
            // The checker itself must be able to fail: run it on an assembly that has all three.
            var problems = NanoMetadataCheck.Inspect(typeof(Offender<>).Assembly.Location, new[] { "mscorlib" });
            Assert.IsTrue(problems.Any(p => p.Contains("generic type definition") && p.Contains("Offender")), string.Join("\n", problems));
            Assert.IsTrue(problems.Any(p => p.Contains("generic method definition") && p.Contains("Pick")));
            Assert.IsTrue(problems.Any(p => p.Contains("pointer")));
            Assert.IsTrue(problems.Any(p => p.Contains("multi-dimensional array")));
            Assert.IsTrue(problems.Any(p => p.Contains("assembly reference")));
        }

        sealed class Offender<T>
        {
            public T Value = default;
            public int[,] Grid = new int[2, 2];
            public static U Pick<U>(U u) => u;
            public static unsafe int Deref(int* p) => *p;
        }
    }

    /// <summary>Reads one assembly's metadata and lists what nanoFramework 1.x cannot load.</summary>
    static class NanoMetadataCheck
    {
        public static List<string> Inspect(string path, IReadOnlyCollection<string> allowedReferences)
        {
            var problems = new List<string>();
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var md = pe.GetMetadataReader();
            var provider = new ShapeProvider(problems);

            foreach (var h in md.AssemblyReferences)
            {
                var name = md.GetString(md.GetAssemblyReference(h).Name);
                if (!allowedReferences.Contains(name)) problems.Add("assembly reference not allowed: " + name);
            }

            foreach (var h in md.TypeDefinitions)
            {
                var t = md.GetTypeDefinition(h);
                var typeName = md.GetString(t.Namespace) + "." + md.GetString(t.Name);
                if (t.GetGenericParameters().Count > 0) problems.Add("generic type definition: " + typeName);
                foreach (var fh in t.GetFields())
                {
                    var f = md.GetFieldDefinition(fh);
                    provider.Context = typeName + "." + md.GetString(f.Name);
                    f.DecodeSignature(provider, null);
                }
                foreach (var mh in t.GetMethods())
                {
                    var m = md.GetMethodDefinition(mh);
                    provider.Context = typeName + "." + md.GetString(m.Name);
                    if (m.GetGenericParameters().Count > 0) problems.Add("generic method definition: " + provider.Context);
                    m.DecodeSignature(provider, null);
                    if (m.RelativeVirtualAddress != 0)
                    {
                        var body = pe.GetMethodBody(m.RelativeVirtualAddress);
                        if (!body.LocalSignature.IsNil)
                        {
                            md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
                        }
                    }
                }
            }

            foreach (var h in md.TypeReferences)
            {
                var r = md.GetTypeReference(h);
                var name = md.GetString(r.Name);
                if (name.Contains('`')) problems.Add("reference to generic type: " + md.GetString(r.Namespace) + "." + name);
            }

            for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
            {
                provider.Context = "type specification " + row;
                md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row)).DecodeSignature(provider, null);
            }

            if (md.GetTableRowCount(TableIndex.MethodSpec) > 0)
            {
                problems.Add("generic method instantiations: " + md.GetTableRowCount(TableIndex.MethodSpec));
            }

            foreach (var h in md.MemberReferences)
            {
                var r = md.GetMemberReference(h);
                provider.Context = "member reference " + md.GetString(r.Name);
                if (r.GetKind() == MemberReferenceKind.Method) r.DecodeMethodSignature(provider, null);
                else r.DecodeFieldSignature(provider, null);
            }

            return problems.Distinct().ToList();
        }

        /// <summary>Decodes signatures only to spot the shapes the 1.x runtime lacks.</summary>
        sealed class ShapeProvider : ISignatureTypeProvider<string, object>
        {
            readonly List<string> _problems;
            public string Context = "";

            public ShapeProvider(List<string> problems) => _problems = problems;

            public string GetArrayType(string elementType, ArrayShape shape)
            {
                _problems.Add("multi-dimensional array " + elementType + "[" + new string(',', shape.Rank - 1) + "] in " + Context);
                return elementType + "[,]";
            }

            public string GetPointerType(string elementType)
            {
                _problems.Add("pointer " + elementType + "* in " + Context);
                return elementType + "*";
            }

            public string GetFunctionPointerType(MethodSignature<string> signature)
            {
                _problems.Add("function pointer in " + Context);
                return "fnptr";
            }

            public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
            {
                _problems.Add("generic instantiation " + genericType + "<" + string.Join(",", typeArguments) + "> in " + Context);
                return genericType;
            }

            public string GetGenericMethodParameter(object genericContext, int index) => "!!" + index;
            public string GetGenericTypeParameter(object genericContext, int index) => "!" + index;
            public string GetSZArrayType(string elementType) => elementType + "[]";
            public string GetByReferenceType(string elementType) => elementType + "&";
            public string GetPinnedType(string elementType) => elementType;
            public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);
            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);
            public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
            public string GetSentinelType() => "sentinel";
        }
    }
}
