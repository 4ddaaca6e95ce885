# Shared by the scripts of tools/nanoclr: where the toolchain cache is and how to run its programs.

die() { echo "error: $*" >&2; exit 2; }

toolchain_cache() { echo "${NANO_TOOLCHAIN:-$HOME/.cache/nano-toolchain}"; }

# Fingerprint of the host program sources, recorded in the stamp so a cache built from older
# sources is recognised.
host_sources_hash() {
  (cd "$(dirname "${BASH_SOURCE[0]}")/host" && cat CMakeLists.txt *.cpp *.h | sha256sum | cut -c1-16)
}

# Why the cache at $1 cannot be used, or nothing when it can.
toolchain_problem() {
  local cache=$1
  [ -f "$cache/toolchain.stamp" ] || { echo "no interpreter toolchain in $cache"; return; }
  grep -qx "host $(host_sources_hash)" "$cache/toolchain.stamp" ||
    echo "the toolchain in $cache was built from other host sources than tools/nanoclr/host"
}

# Runs the interpreter of the given architecture: x86 natively when the kernel runs 32-bit
# binaries, else under qemu-i386 (user-mode emulation with the host's 32-bit libraries).
run_nanoclr() { # cache arch args...
  local exe="$1/bin/nanoclr-$2"; shift 2
  [ -x "$exe" ] || die "$exe is missing: build the toolchain (tools/nanoclr/build-toolchain.sh)"
  if [ "${exe##*-}" = x86 ]; then
    "$exe" >/dev/null 2>&1
    if [ $? -eq 126 ]; then
      qemu-i386 -L / "$exe" "$@"
      return
    fi
  fi
  "$exe" "$@"
}

# The managed heap of device runs: 90 KiB, an ESP32 without PSRAM.
DEVICE_HEAP_DEFAULT=92160

# mscorlib 1.17.11 (its .dll for the MetadataProcessor, its .pe for the interpreter).
mscorlib_dir() {
  local d="${NUGET_PACKAGES:-$HOME/.nuget/packages}/nanoframework.corelibrary/1.17.11/lib"
  [ -f "$d/mscorlib.pe" ] || die "mscorlib 1.17.11 is missing from $d: restore the solution (dotnet restore Nano.Tests.slnf)"
  echo "$d"
}

# dll or exe -> OUTDIR/name.pe with the cached MetadataProcessor, unless the .pe is newer. The
# assemblies beside it are given as load hints, so references into them resolve.
to_pe() { # assembly outdir
  local name out hints=() dep
  name=$(basename "$1"); out="$2/${name%.*}.pe"
  [ "$out" -nt "$1" ] && return 0
  hints=(-loadHints mscorlib "$(mscorlib_dir)/mscorlib.dll")
  for dep in "$(dirname "$1")"/*.dll; do
    [ "$dep" = "$1" ] || [ ! -f "$dep" ] || hints+=(-loadHints "$(basename "${dep%.dll}")" "$dep")
  done
  dotnet "$(toolchain_cache)/mdp/nanoFramework.Tools.MetaDataProcessor.dll" \
    "${hints[@]}" -parse "$1" -compile "$out" false >"$out.log" 2>&1 &&
    [ -f "$out" ] || { cat "$out.log" >&2; return 1; }
}
