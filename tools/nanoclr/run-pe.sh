#!/usr/bin/env bash
# Runs any nanoFramework program on the nanoCLR interpreter built by build-toolchain.sh.
#
#   tools/nanoclr/run-pe.sh [--arch x86|x64] [--heap BYTES] [--arg TEXT] [--verbose] app.exe|app.pe [deps...]
#
# Give the program and every assembly it needs except mscorlib (added here), as .pe files or as
# nano-built .dll/.exe files, which are converted with the cached MetadataProcessor next to
# themselves. --arch x86 (default) runs the 32-bit interpreter, under qemu-i386 when the kernel
# refuses 32-bit binaries; --heap defaults to 92160 (90 KiB, an ESP32 without PSRAM); --arg is
# what Nano.DeviceRuntime.InterpreterHost.Argument() returns. Exit code: the program's
# (InterpreterHost.SetExitCode, else 0), 2 for a usage or toolchain problem, 3 when the
# assemblies did not load or none has a Main.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

arch=x86 args=(--heap "$DEVICE_HEAP_DEFAULT") files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) arch=$2; shift 2 ;;
    --heap|--arg) args+=("$1" "$2"); shift 2 ;;
    --verbose) args+=(--verbose); shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *.pe) files+=("$1"); shift ;;
    *.dll|*.exe)
      [ -f "$1" ] || die "no file $1"
      to_pe "$1" "$(dirname "$1")" || die "MetadataProcessor failed on $1"
      files+=("${1%.*}.pe"); shift ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
case "$arch" in x86|x64) ;; *) die "--arch is x86 or x64" ;; esac
[ ${#files[@]} -gt 0 ] || die "no program given (see --help)"
cache=$(toolchain_cache)
problem=$(toolchain_problem "$cache")
[ -z "$problem" ] || die "$problem; build it with: bash $here/build-toolchain.sh --nf-interpreter DIR --metadata-processor DIR"
case " ${files[*]} " in
  */mscorlib.pe\ *|\ mscorlib.pe\ *) ;;
  *) files=("$(mscorlib_dir)/mscorlib.pe" "${files[@]}") ;;
esac
run_nanoclr "$cache" "$arch" "${args[@]}" "${files[@]}"
