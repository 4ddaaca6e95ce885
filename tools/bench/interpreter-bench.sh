#!/usr/bin/env bash
# Broker engine throughput on the nanoCLR interpreter, baseline against current, in one run.
#
#   tools/bench/interpreter-bench.sh [--baseline REV] [--baseline-drive NAME] [--current-repo DIR]
#                                    [--arch x64|x86] [--heap SIZE] [--runs N]
#
# Builds tests/Nano.DeviceBench (of this checkout) twice for the nano target: against the
# Nano.Mqtt of the baseline revision (default a3de058, the last commit before the engines were
# made allocation-free on the interpreter) and against the current Nano.Mqtt; converts both to
# .pe with the toolchain's MetadataProcessor, runs each on the interpreter and prints a Markdown
# table of messages in and deliveries out per second of the interpreter's CPU time (read from
# /proc at the bench's marks, so other work on a shared machine does not count) per scenario with
# the ratio current / baseline, and the heap bytes allocated per message when
# tests/Nano.DeviceRuntime (the interpreter host's internal calls) is in this checkout.
#
#   --baseline REV       revision of this repository whose src/Nano.Mqtt is the baseline
#   --baseline-drive NAME  how the bench reads the baseline's output, as that revision's BrokerListener
#                        does: a file tests/Nano.DeviceBench/Drive/NAME.cs (default ProbeBeforeEachRead,
#                        a3de058's way); the current side uses NamedThenReadUntilShort, this revision's way
#   --current-repo DIR   take the current Nano.Mqtt from the HEAD commit of the git checkout DIR
#                        (exported, DIR is not written to); default: this checkout as it is on
#                        disk, uncommitted changes included
#   --arch x64|x86       64-bit interpreter (default) or the 32-bit one (under qemu-i386 when
#                        the kernel cannot run 32-bit programs)
#   --heap SIZE          managed heap of the interpreter (e.g. 110k); default: the interpreter's
#   --runs N             run each side N times, alternating, and keep each scenario's best rates
#                        (default 3)
#
# Needs the interpreter toolchain in $NANO_TOOLCHAIN or ~/.cache/nano-toolchain (built by
# tools/nanoclr/build-toolchain.sh) and the .NET SDK. Exits non-zero when a build, a conversion
# or a run fails, or when the bench reports an error (lost deliveries, a refused connection).
set -euo pipefail

die() { echo "interpreter-bench: $*" >&2; exit 2; }

root=$(cd "$(dirname "$0")/../.." && pwd)
baseline=a3de058
baseline_drive=ProbeBeforeEachRead
current_repo=
arch=x64
heap=
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) baseline=${2:?}; shift 2 ;;
    --current-repo) current_repo=${2:?}; shift 2 ;;
    --arch) arch=${2:?}; shift 2 ;;
    --heap) heap=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --baseline-drive) baseline_drive=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
case "$arch" in x64|x86) ;; *) die "--arch must be x64 or x86" ;; esac
[ -f "$root/tests/Nano.DeviceBench/Drive/$baseline_drive.cs" ] || die "no drive tests/Nano.DeviceBench/Drive/$baseline_drive.cs"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number"

# --- toolchain -------------------------------------------------------------------------------
cache=${NANO_TOOLCHAIN:-$HOME/.cache/nano-toolchain}
nanoclr="$cache/bin/nanoclr-$arch"
mdp="$cache/mdp/nanoFramework.Tools.MetaDataProcessor.dll"
if [ ! -x "$nanoclr" ] || [ ! -f "$mdp" ]; then
  die "no interpreter toolchain in $cache (need bin/nanoclr-$arch and $mdp): build it with
  tools/nanoclr/build-toolchain.sh --nf-interpreter DIR --metadata-processor DIR
or point NANO_TOOLCHAIN at an existing cache"
fi
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is needed"
packages=${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')}
corlib="${packages%/}/nanoframework.corelibrary/1.17.11/lib"
[ -f "$corlib/mscorlib.dll" ] && [ -f "$corlib/mscorlib.pe" ] ||
  die "nanoFramework.CoreLibrary 1.17.11 is not in $packages: run 'dotnet restore Nano.Tests.slnf' first"

# The interpreter command: x86 natively when the kernel runs 32-bit programs, else under qemu-i386.
clr=("$nanoclr")
if [ "$arch" = x86 ]; then
  probe=0
  "$nanoclr" >/dev/null 2>&1 || probe=$?
  [ "$probe" -ne 126 ] || clr=(qemu-i386 -L / "$nanoclr")
fi
clk_tck=$(getconf CLK_TCK)

work=$(mktemp -d "${TMPDIR:-/tmp}/interpreter-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- sources ---------------------------------------------------------------------------------
# Both sides get the same bench sources, this checkout's, so only Nano.Mqtt differs.
copy_project() { # tree project
  [ -d "$root/tests/$2" ] || return 0
  rm -rf "$1/tests/$2"
  mkdir -p "$1/tests/$2"
  (cd "$root/tests/$2" && tar -c --exclude=bin --exclude=obj .) | tar -x -C "$1/tests/$2"
}
copy_bench() { # tree
  copy_project "$1" Nano.DeviceBench
  copy_project "$1" Nano.DeviceRuntime
}

git -C "$root" cat-file -e "$baseline^{commit}" 2>/dev/null || die "$baseline is not a commit of $root"
baseline_id=$(git -C "$root" rev-parse --short "$baseline")
mkdir -p "$work/baseline"
git -C "$root" archive "$baseline" | tar -x -C "$work/baseline"
copy_bench "$work/baseline"

if [ -n "$current_repo" ]; then
  git -C "$current_repo" rev-parse --git-dir >/dev/null 2>&1 || die "$current_repo is not a git checkout"
  current_id=$(git -C "$current_repo" rev-parse --short HEAD)
  [ -z "$(git -C "$current_repo" status --porcelain -- src/Nano.Mqtt)" ] ||
    echo "note: uncommitted changes to src/Nano.Mqtt in $current_repo are not measured (HEAD $current_id is)" >&2
  current_label="$current_id ($current_repo)"
  current_tree="$work/current"
  mkdir -p "$current_tree"
  git -C "$current_repo" archive HEAD | tar -x -C "$current_tree"
  copy_bench "$current_tree"
else
  current_id=$(git -C "$root" rev-parse --short HEAD)
  current_label="$current_id"
  [ -z "$(git -C "$root" status --porcelain -- src/Nano.Mqtt)" ] || current_label="$current_id + uncommitted changes"
  current_tree="$root"
fi

# --- build and convert -----------------------------------------------------------------------
to_pe() { # dll pe [hint-name hint-dll]...
  local dll=$1 pe=$2; shift 2
  local hints=(-loadHints mscorlib "$corlib/mscorlib.dll")
  while [ $# -gt 0 ]; do hints+=(-loadHints "$1" "$2"); shift 2; done
  dotnet "$mdp" "${hints[@]}" -parse "$dll" -compile "$pe" false >"$pe.log" 2>&1 && [ -s "$pe" ] ||
    { cat "$pe.log" >&2; die "MetadataProcessor could not convert $dll"; }
}

build_side() { # name tree drive
  local name=$1 tree=$2 drive=$3 out="$work/$1"
  mkdir -p "$out/pe"
  echo "building the bench against the $name Nano.Mqtt" >&2
  dotnet build "$tree/tests/Nano.DeviceBench/Nano.DeviceBench.csproj" -c Release -f netnano1.0 -p:BenchDrive="$drive" -nodeReuse:false -nologo -v q \
    >"$out/build.log" 2>&1 || { tail -30 "$out/build.log" >&2; die "the $name build failed"; }
  local bin="$tree/tests/Nano.DeviceBench/bin/Release/netnano1.0"
  local hints=(Nano.Mqtt "$bin/Nano.Mqtt.dll")
  to_pe "$bin/Nano.Mqtt.dll" "$out/pe/Nano.Mqtt.pe"
  if [ -f "$bin/Nano.DeviceRuntime.dll" ]; then
    to_pe "$bin/Nano.DeviceRuntime.dll" "$out/pe/Nano.DeviceRuntime.pe"
    hints+=(Nano.DeviceRuntime "$bin/Nano.DeviceRuntime.dll")
  fi
  to_pe "$bin/Nano.DeviceBench.exe" "$out/pe/Nano.DeviceBench.pe" "${hints[@]}"
}
build_side baseline "$work/baseline" "$baseline_drive"
build_side current "$current_tree" NamedThenReadUntilShort

# --- run -------------------------------------------------------------------------------------
heap_args=()
[ -z "$heap" ] || heap_args=(--heap "$heap")

# Runs one side once. At each "mark,<scenario>,start|end" line the bench pauses, and the process's
# CPU time (user + system, in clock ticks) is read; each scenario's line in results.csv is
#   scenario,in/s,out/s (per CPU second),in/s,out/s (elapsed),heap B/msg,GCs
run_side() { # name run
  local out="$work/$1/run$2.txt" fifo="$work/$1/fifo" pid line cpu start=
  echo "running $1 (run $2 of $runs) on nanoclr-$arch" >&2
  rm -f "$fifo"; mkfifo "$fifo"
  "${clr[@]}" "${heap_args[@]}" "$corlib/mscorlib.pe" "$work/$1"/pe/Nano.*.pe >"$fifo" 2>&1 &
  pid=$!
  : >"$out"
  while IFS= read -r line; do
    line=${line%$'\r'}
    echo "$line" >>"$out"
    case "$line" in
      mark,*,start) start=$(awk '{ print $14 + $15 }' "/proc/$pid/stat") ;;
      mark,*,end) cpu=$(( $(awk '{ print $14 + $15 }' "/proc/$pid/stat") - start ))
                  echo "cpu,${line#mark,}" | sed "s/,end\$/,$cpu/" >>"$out" ;;
    esac
  done <"$fifo"
  wait "$pid" || { cat "$out" >&2; die "the $1 run failed on nanoclr-$arch"; }
  if grep -q '^error,' "$out" || ! grep -q '^bench-done' "$out"; then
    cat "$out" >&2
    die "the $1 run did not complete its scenarios"
  fi
  awk -F, -v tck="$clk_tck" '
    $1 == "cpu" { ticks[$2] = $3 > 0 ? $3 : 1 }
    $1 == "bench" {
      printf "%s,%d,%d,%d,%d,%d,%d\n", $2, $5 * tck / ticks[$2], $6 * tck / ticks[$2], $3, $4, $8, $9
    }' "$out" >>"$work/$1/results.csv"
}
for r in $(seq 1 "$runs"); do
  run_side baseline "$r"
  run_side current "$r"
done

# --- report ----------------------------------------------------------------------------------
echo
echo "Broker engine on nanoclr-$arch${heap:+ (heap $heap)}, best of $runs run(s); baseline $baseline_id, current $current_label"
echo "Rates per second of interpreter CPU time."
echo
awk -F, '
  FNR == 1 { side++ }
  {
    key = $1
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    if ($2 + 0 > in_rate[side, key]) in_rate[side, key] = $2 + 0
    if ($3 + 0 > out_rate[side, key]) out_rate[side, key] = $3 + 0
    bytes[side, key] = $6 + 0
  }
  function ratio(b, c) { return b > 0 ? sprintf("%.2fx", c / b) : "-" }
  function heap(v) { return v < 0 ? "-" : v }
  END {
    print "| scenario | in/s baseline | in/s current | in ratio | out/s baseline | out/s current | out ratio | B/msg baseline | B/msg current |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) {
      k = order[i]
      printf "| %s | %d | %d | %s | %d | %d | %s | %s | %s |\n", k, in_rate[1, k], in_rate[2, k], ratio(in_rate[1, k], in_rate[2, k]),
        out_rate[1, k], out_rate[2, k], ratio(out_rate[1, k], out_rate[2, k]), heap(bytes[1, k]), heap(bytes[2, k])
    }
  }' "$work/baseline/results.csv" "$work/current/results.csv"
echo
echo "Each run (scenario, in/s and out/s per CPU second, in/s and out/s elapsed, heap B/msg, GCs while timed; -1 = heap not readable):"
sed 's/^/baseline /' "$work/baseline/results.csv"
sed 's/^/current  /' "$work/current/results.csv"
