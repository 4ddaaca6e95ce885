#!/usr/bin/env bash
# Builds one NuGet package per device library (Nano.Mqtt, Nano.MqttSn, Nano.Net, Nano.Serial) in
# nanoFramework's package layout, for a Visual Studio board project to add from a local feed:
#
#   lib/netnano1.0/<Library>.dll    the assembly built against nanoFramework.CoreLibrary's mscorlib
#   lib/netnano1.0/<Library>.pe     what the device loads, from the nanoFramework MetadataProcessor
#   lib/netnano1.0/<Library>.pdbx   the MetadataProcessor's debug map for Visual Studio
#   lib/netnano1.0/<Library>.xml    the API documentation
#
# Dependencies: the nanoFramework packages of the library's packages.config at those versions, and
# the Nano packages its .nfproj references. The package version is the library's AssemblyVersion.
#
#   tools/pack/pack.sh [--out DIR]     (default DIR: artifacts/packages)
#
# The MetadataProcessor comes from the interpreter toolchain cache (${NANO_TOOLCHAIN:-~/.cache/nano-toolchain},
# built by tools/nanoclr/build-toolchain.sh). The nanoFramework packages a library needs are restored
# from your NuGet feeds; a library whose packages cannot be restored is reported as skipped, and the
# exit code is then 3.
set -euo pipefail

die() { echo "pack: $*" >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$root/artifacts/packages
while [ $# -gt 0 ]; do
  case $1 in
    --out) [ $# -ge 2 ] || die "--out needs a folder"; out=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

cache=${NANO_TOOLCHAIN:-$HOME/.cache/nano-toolchain}
mdp=$cache/mdp/nanoFramework.Tools.MetaDataProcessor.dll
[ -f "$mdp" ] || die "no MetadataProcessor at $mdp: build the interpreter toolchain first (tools/nanoclr/build-toolchain.sh), or set NANO_TOOLCHAIN to the cache that holds it"
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is needed"

libraries="Nano.Mqtt Nano.MqttSn Nano.Net Nano.Serial"

# "id version" per package of a packages.config.
packages_of() { sed -n 's/.*<package id="\([^"]*\)" version="\([^"]*\)".*/\1 \2/p' "$1"; }

# The Nano libraries an .nfproj references.
nano_references_of() { sed -n 's/.*<ProjectReference Include="[^"]*[\\/]\([^"\\/]*\)\.nfproj".*/\1/p' "$1"; }

# AssemblyVersion a.b.c.d -> package version a.b.c.
version_of() {
  local v
  v=$(sed -n 's/.*AssemblyVersion("\([0-9.]*\)").*/\1/p' "$root/src/$1/Properties/AssemblyInfo.cs")
  [ -n "$v" ] || die "src/$1/Properties/AssemblyInfo.cs has no AssemblyVersion"
  echo "$v" | cut -d. -f1-3
}

description_of() { sed -n 's/.*AssemblyDescription("\(.*\)").*/\1/p' "$root/src/$1/Properties/AssemblyInfo.cs"; }

corelib_version=$(packages_of "$root/src/Nano.Mqtt/packages.config" | awk '$1 == "nanoFramework.CoreLibrary" { print $2 }')
mscorlib=${NUGET_PACKAGES:-$HOME/.nuget/packages}/nanoframework.corelibrary/$corelib_version/lib/mscorlib.dll

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/bin"
out=$(cd "$out" && pwd)
skipped=""

for lib in $libraries; do
  nfproj=$root/src/$lib/$lib.nfproj
  proj=$work/proj/$lib
  mkdir -p "$proj"

  # The device view of the library: the sources, packages and Nano references of its .nfproj, compiled
  # for netnano1.0 against the real mscorlib (build/Nano.Device.props) in a project outside the checkout.
  {
    echo '<Project Sdk="Microsoft.NET.Sdk">'
    echo "  <Import Project=\"$root/build/Nano.Device.props\" />"
    echo '  <PropertyGroup>'
    echo '    <TargetFrameworks>netnano1.0</TargetFrameworks>'
    echo "    <AssemblyName>$lib</AssemblyName>"
    echo '    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>'
    echo '    <LangVersion>latest</LangVersion>'
    echo '    <Nullable>disable</Nullable>'
    echo '    <ImplicitUsings>disable</ImplicitUsings>'
    echo '    <Deterministic>true</Deterministic>'
    echo '    <GenerateDocumentationFile>true</GenerateDocumentationFile>'
    echo '    <NoWarn>$(NoWarn);NU1701;CS1591</NoWarn>'
    echo "    <OutDir>$work/bin/</OutDir>"
    echo '  </PropertyGroup>'
    echo '  <ItemGroup>'
    sed -n 's/.*<Compile Include="\([^"]*\)".*/\1/p' "$nfproj" | tr '\\' / | while read -r file; do
      echo "    <Compile Include=\"$root/src/$lib/$file\" />"
    done
    packages_of "$root/src/$lib/packages.config" | while read -r id v; do
      [ "$id" = nanoFramework.CoreLibrary ] || echo "    <PackageReference Include=\"$id\" Version=\"[$v]\" />"
    done
    for dep in $(nano_references_of "$nfproj"); do
      echo "    <ProjectReference Include=\"../$dep/$dep.csproj\" />"
    done
    echo '  </ItemGroup>'
    echo '</Project>'
  } >"$proj/$lib.csproj"

  echo "pack: building $lib for netnano1.0"
  if ! dotnet restore "$proj/$lib.csproj" -nodeReuse:false -nologo -v q >"$work/restore-$lib.log" 2>&1; then
    missing=$(sed -n 's/.*Unable to find package \([^ ]*\) with version.*/\1/p; s/.*Unable to find package \([^ ]*\)\. No packages.*/\1/p' \
      "$work/restore-$lib.log" | sort -u | tr '\n' ' ')
    [ -n "$missing" ] || { cat "$work/restore-$lib.log"; die "restore of $lib failed"; }
    echo "pack: skipped $lib: its nanoFramework packages cannot be restored from the configured NuGet feeds: $missing"
    skipped="$skipped $lib"
    continue
  fi
  dotnet build "$proj/$lib.csproj" -c Release --no-restore -nodeReuse:false -nologo -v q -clp:ErrorsOnly >"$work/build-$lib.log" 2>&1 ||
    { cat "$work/build-$lib.log"; die "build of $lib failed"; }
  [ -f "$mscorlib" ] || die "no $mscorlib: the netnano1.0 build restores nanoFramework.CoreLibrary $corelib_version there"

  echo "pack: $lib.dll -> $lib.pe, $lib.pdbx"
  hints=(-loadHints mscorlib "$mscorlib")
  for dep in $(nano_references_of "$root/src/$lib/$lib.nfproj"); do
    hints+=(-loadHints "$dep" "$work/bin/$dep.dll")
  done
  (cd "$work/bin" && dotnet "$mdp" "${hints[@]}" -parse "$lib.dll" -compile "$lib.pe" false) >"$work/mdp-$lib.log" 2>&1 ||
    { cat "$work/mdp-$lib.log"; die "the MetadataProcessor failed on $lib.dll"; }
  [ -s "$work/bin/$lib.pe" ] && [ -s "$work/bin/$lib.pdbx" ] ||
    { cat "$work/mdp-$lib.log"; die "the MetadataProcessor wrote no $lib.pe/.pdbx"; }

  stage=$work/stage/$lib
  mkdir -p "$stage/lib/netnano1.0"
  for ext in dll pe pdbx xml; do
    [ -f "$work/bin/$lib.$ext" ] || die "$lib.$ext was not produced"
    cp "$work/bin/$lib.$ext" "$stage/lib/netnano1.0/"
  done

  version=$(version_of "$lib")
  {
    echo '<?xml version="1.0" encoding="utf-8"?>'
    echo '<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">'
    echo '  <metadata>'
    echo "    <id>$lib</id>"
    echo "    <version>$version</version>"
    echo "    <title>$lib</title>"
    echo '    <authors>Nano</authors>'
    echo "    <description>$(description_of "$lib"). For .NET nanoFramework 1.x (mscorlib $corelib_version).</description>"
    echo '    <tags>nanoFramework C# csharp netnf mqtt mqtt-sn</tags>'
    echo '    <dependencies>'
    echo '      <group targetFramework=".NETnanoFramework1.0">'
    for dep in $(nano_references_of "$root/src/$lib/$lib.nfproj"); do
      echo "        <dependency id=\"$dep\" version=\"$(version_of "$dep")\" />"
    done
    packages_of "$root/src/$lib/packages.config" | while read -r id v; do
      echo "        <dependency id=\"$id\" version=\"$v\" />"
    done
    echo '      </group>'
    echo '    </dependencies>'
    echo '  </metadata>'
    echo '  <files>'
    for ext in dll pe pdbx xml; do
      echo "    <file src=\"lib/netnano1.0/$lib.$ext\" target=\"lib/netnano1.0\" />"
    done
    echo '  </files>'
    echo '</package>'
  } >"$stage/$lib.nuspec"

  # dotnet pack of a nuspec through an empty project: NuGet writes the package and its metadata parts.
  cat >"$stage/pack.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <NuspecFile>$lib.nuspec</NuspecFile>
    <NuspecBasePath>.</NuspecBasePath>
    <IncludeBuildOutput>false</IncludeBuildOutput>
    <NoWarn>\$(NoWarn);NU5128</NoWarn>
  </PropertyGroup>
</Project>
EOF
  dotnet pack "$stage/pack.csproj" -nodeReuse:false -nologo -v q -clp:ErrorsOnly -o "$out" >"$work/pack-$lib.log" 2>&1 ||
    { cat "$work/pack-$lib.log"; die "dotnet pack of $lib failed"; }
  echo "pack: $out/$lib.$version.nupkg"
done

if [ -n "$skipped" ]; then
  echo "pack: not packed:$skipped"
  exit 3
fi
