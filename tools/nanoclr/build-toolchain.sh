#!/usr/bin/env bash
# Builds the interpreter toolchain of the Nano device tests into a cache folder outside the
# checkout: the nanoCLR interpreter (POSIX host, 32-bit and 64-bit) with the host program of
# tools/nanoclr/host, and the nanoFramework MetadataProcessor that turns .dll into .pe.
#
#   tools/nanoclr/build-toolchain.sh --nf-interpreter DIR --metadata-processor DIR [--cache DIR]
#
# Each DIR is a clone or a bare git directory of nanoframework/nf-interpreter and
# nanoframework/metadata-processor holding the pinned commit below (any branch may be checked
# out: the pinned commit is exported with git archive). Cache: --cache, else $NANO_TOOLCHAIN,
# else ~/.cache/nano-toolchain. Build packages (cmake ninja-build gcc-multilib g++-multilib
# qemu-user) are installed with apt-get when missing and the script runs as root.
set -euo pipefail

NF_PIN=a3e8139a1ba778e33ca81b023099765eada6c456
MDP_PIN=4541b46b25b6ddca89514c6627aa9973021b36d6

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

nf= mdp= cache=$(toolchain_cache)
while [ $# -gt 0 ]; do
  case "$1" in
    --nf-interpreter) nf=$2; shift 2 ;;
    --metadata-processor) mdp=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[ -n "$nf" ] && [ -n "$mdp" ] || die "both --nf-interpreter DIR and --metadata-processor DIR are needed (see --help)"

# The pinned commit, or a refusal that says how to get it.
check_pin() { # dir pin name
  git -C "$1" rev-parse --git-dir >/dev/null 2>&1 || die "$1 is not a git clone or git directory of $3"
  git -C "$1" cat-file -e "$2^{commit}" 2>/dev/null ||
    die "$1 does not hold $3 commit $2: run 'git -C $1 fetch origin $2' (or clone github.com/nanoframework/$3)"
}
check_pin "$nf" "$NF_PIN" nf-interpreter
check_pin "$mdp" "$MDP_PIN" metadata-processor

need_packages() {
  local missing=()
  command -v cmake >/dev/null || missing+=(cmake)
  command -v ninja >/dev/null || missing+=(ninja-build)
  command -v qemu-i386 >/dev/null || missing+=(qemu-user)
  [ -e /usr/lib/gcc/x86_64-linux-gnu/"$(gcc -dumpversion 2>/dev/null || echo none)"/32/libstdc++.so ] ||
    missing+=(gcc-multilib g++-multilib)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]}"
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "missing build packages: ${missing[*]} (install them, e.g. apt-get install ${missing[*]})"
  fi
}
need_packages
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is needed for the MetadataProcessor"

mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
src="$cache/src"
rm -f "$cache/toolchain.stamp"
mkdir -p "$cache/bin" "$cache/build"

# The export and its fixes are kept while the pins stay the same, so a rebuild after a change of
# tools/nanoclr/host only recompiles what changed.
if [ "$(cat "$src/exported" 2>/dev/null)" != "$NF_PIN $MDP_PIN" ]; then
  rm -rf "$src" "$cache/build"/*
  mkdir -p "$src/nf-interpreter" "$src/metadata-processor"
  echo "exporting nf-interpreter $NF_PIN"
  git -C "$nf" archive "$NF_PIN" src targets/posix | tar -x -C "$src/nf-interpreter"
  echo "exporting metadata-processor $MDP_PIN"
  git -C "$mdp" archive "$MDP_PIN" MetadataProcessor.Shared MetadataProcessor.Console | tar -x -C "$src/metadata-processor"
  # Two source fixes (nanoframework-platform notes, "Building the POSIX nanoCLR"):
  # 1. Heap compaction keeps a relocation offset in 32 bits unless _WIN64 is defined, so on 64-bit
  #    Linux a compacting GC moves references 4 GB away: use the 64-bit field on any LP64 target.
  # 2. The structure-size checks of nanoCLR_Runtime.h stop a 32-bit POSIX build with "!ERROR";
  #    relax the 64-bit-only exemption to every POSIX host build.
  runtime_h="$src/nf-interpreter/src/CLR/Include/nanoCLR_Runtime.h"
  compaction="$src/nf-interpreter/src/CLR/Core/GarbageCollector_Compaction.cpp"
  # (The upstream sources have CRLF line ends.)
  perl -0pi -e 's/#ifdef _WIN64(\r?\n\s*CLR_UINT64 m_offset;)/#if defined(_WIN64) || defined(__LP64__)$1/' "$runtime_h"
  perl -0pi -e 's/#ifdef _WIN64(\r?\n\s*\w+->m_offset = \(CLR_UINT64\))/#if defined(_WIN64) || defined(__LP64__)$1/g' "$compaction"
  perl -pi -e 's/^#if defined\(PLATFORM_POSIX_HOST\) && defined\(__LP64__\)(\r?)$/#if defined(PLATFORM_POSIX_HOST)$1/' "$runtime_h"
  [ "$(grep -c '^#if defined(_WIN64) || defined(__LP64__)' "$runtime_h")" = 1 ] || die "fix 1 did not apply to nanoCLR_Runtime.h"
  [ "$(grep -c '^#if defined(_WIN64) || defined(__LP64__)' "$compaction")" = 2 ] || die "fix 1 did not apply to GarbageCollector_Compaction.cpp"
  [ "$(grep -c '^#if defined(PLATFORM_POSIX_HOST).$' "$runtime_h")" = 1 ] || die "fix 2 did not apply to nanoCLR_Runtime.h"
  echo "$NF_PIN $MDP_PIN" >"$src/exported"
fi

build_clr() { # arch flags
  local out="$cache/build/$1"
  echo "building nanoclr-$1"
  cmake -S "$here/host" -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNF_ROOT="$src/nf-interpreter" \
    -DCMAKE_C_FLAGS="$2" -DCMAKE_CXX_FLAGS="$2" -DCMAKE_EXE_LINKER_FLAGS="$2" >"$out.log" 2>&1 ||
    { cat "$out.log"; die "cmake configure failed for $1"; }
  cmake --build "$out" >>"$out.log" 2>&1 || { tail -50 "$out.log"; die "build failed for $1 (log: $out.log)"; }
  cp "$out/nanoclr" "$cache/bin/nanoclr-$1"
}
build_clr x86 -m32
build_clr x64 ""

echo "building the MetadataProcessor"
dotnet build "$here/mdp/MetadataProcessor.csproj" -c Release -nologo -v q \
  -p:MdpSource="$src/metadata-processor" -o "$cache/mdp" >"$cache/build/mdp.log" 2>&1 || { tail -40 "$cache/build/mdp.log"; die "MetadataProcessor build failed"; }

{
  echo "nf-interpreter $NF_PIN"
  echo "metadata-processor $MDP_PIN"
  echo "host $(host_sources_hash)"
} >"$cache/toolchain.stamp"
echo "toolchain ready in $cache"
