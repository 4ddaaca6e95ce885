#!/usr/bin/env bash
# Where the broker engine's time goes on the nanoCLR interpreter: IL instructions per method.
#
#   tools/bench/interpreter-profile.sh [--current-repo DIR] [--scenario NAME] [--top N]
#
# Builds a profiling 64-bit interpreter (the toolchain's nanoclr with tools/nanoclr/profiler/IlProfiler.cpp,
# cached as bin/nanoclr-x64-profile), builds tests/Nano.DeviceBench against this checkout's Nano.Mqtt as it
# is on disk (or the HEAD commit of DIR), runs it once and prints, per scenario, the IL instructions the
# interpreter dispatched per round (exact and repeatable, unlike a rate) and the methods that took most of
# the processor time between the bench's marks:
#   instructions per round, processor ticks per round, share of the ticks, calls per round, method
# A method's ticks include the native work its instructions do (a call's frame, Array.Copy, a collection)
# and the profiler's own cost per instruction; the instruction counts are not affected by it.
#
#   --current-repo DIR   profile the HEAD commit of the git checkout DIR (exported; DIR is not written to)
#   --scenario NAME      only this scenario (qos0_1to1, qos0_1to4, qos1_1to4)
#   --top N              methods listed per scenario (default 30)
#
# Needs the interpreter toolchain (tools/nanoclr/build-toolchain.sh) and the .NET SDK.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tools/nanoclr/lib.sh"

current_repo=
scenario=
top=30
while [ $# -gt 0 ]; do
  case "$1" in
    --current-repo) current_repo=${2:?}; shift 2 ;;
    --scenario) scenario=${2:?}; shift 2 ;;
    --top) top=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[[ "$top" =~ ^[1-9][0-9]*$ ]] || die "--top must be a positive number"

cache=$(toolchain_cache)
nf="$cache/src/nf-interpreter"
[ -d "$nf/src/CLR" ] || die "no exported nf-interpreter in $cache/src: build the toolchain first (tools/nanoclr/build-toolchain.sh)"
[ -f "$cache/mdp/nanoFramework.Tools.MetaDataProcessor.dll" ] || die "no MetadataProcessor in $cache/mdp: build the toolchain first"
corlib=$(mscorlib_dir)

# --- the profiling interpreter, rebuilt when the host or profiler sources change ---------------------
profiler="$root/tools/nanoclr/profiler"
stamp="host $(host_sources_hash) profiler $(cat "$profiler"/* | sha256sum | cut -c1-16)"
exe="$cache/bin/nanoclr-x64-profile"
if [ ! -x "$exe" ] || [ "$(cat "$exe.stamp" 2>/dev/null)" != "$stamp" ]; then
  out="$cache/build/x64-profile"
  echo "building the profiling interpreter (log: $out.log)" >&2
  mkdir -p "$out"
  { cmake -S "$profiler" -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNF_ROOT="$nf" &&
      cmake --build "$out"; } >"$out.log" 2>&1 ||
    { tail -30 "$out.log" >&2; die "the profiling interpreter did not build"; }
  cp "$out/host/nanoclr" "$exe"
  echo "$stamp" >"$exe.stamp"
fi

# --- the bench ----------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/interpreter-profile.XXXXXX")
trap 'rm -rf "$work"' EXIT
tree=$root
label=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "this checkout")
if [ -n "$current_repo" ]; then
  git -C "$current_repo" rev-parse --git-dir >/dev/null 2>&1 || die "$current_repo is not a git checkout"
  label=$(git -C "$current_repo" rev-parse --short HEAD)
  tree="$work/tree"
  mkdir -p "$tree"
  git -C "$current_repo" archive HEAD | tar -x -C "$tree"
  rm -rf "$tree/tests/Nano.DeviceBench" "$tree/tests/Nano.DeviceRuntime"
  for p in Nano.DeviceBench Nano.DeviceRuntime; do
    mkdir -p "$tree/tests/$p"
    (cd "$root/tests/$p" && tar -c --exclude=bin --exclude=obj .) | tar -x -C "$tree/tests/$p"
  done
fi
echo "building the bench against $label" >&2
dotnet build "$tree/tests/Nano.DeviceBench/Nano.DeviceBench.csproj" -c Release -f netnano1.0 -p:BenchDrive=NamedThenReadUntilShort \
  -nodeReuse:false -nologo -v q >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; die "the bench did not build"; }
bin="$tree/tests/Nano.DeviceBench/bin/Release/netnano1.0"
mkdir -p "$work/pe"
for assembly in "$bin/Nano.Mqtt.dll" "$bin/Nano.DeviceRuntime.dll" "$bin/Nano.DeviceBench.exe"; do
  to_pe "$assembly" "$work/pe" || die "the MetadataProcessor could not convert $assembly"
done

# --- run: counters cleared at each scenario's start mark and dumped at its end mark -------------------
echo "running the bench on nanoclr-x64-profile" >&2
mkfifo "$work/fifo"
NANO_IL_PROFILE="$work/profile.txt" "$exe" "$corlib/mscorlib.pe" "$work"/pe/Nano.*.pe >"$work/fifo" 2>&1 &
pid=$!
rounds=
while IFS= read -r line; do
  line=${line%$'\r'}
  case "$line" in
    mark,*,start) kill -USR1 "$pid" ;;
    mark,*,end) echo "=== scenario ${line#mark,}" | sed 's/,end$//' >>"$work/profile.txt"; kill -USR2 "$pid" ;;
    bench,*) rounds="$rounds ${line#bench,}" ;;
    error,*) echo "$line" >&2 ;;
  esac
done <"$work/fifo"
wait "$pid" || die "the bench failed on the profiling interpreter"
[ -n "$rounds" ] || die "the bench reported no scenario"

echo
echo "IL profile of the broker engine on nanoclr-x64 ($label); per round of each scenario"
awk -v want="$scenario" -v top="$top" -v rounds="$rounds" '
  BEGIN {
    n = split(rounds, r, " ")
    for (i = 1; i <= n; i++) { split(r[i], f, ","); messages[f[1]] = f[4] }
  }
  function report(   i, j, t, total_i, total_t) {
    if (name == "" || (want != "" && name != want)) return
    for (i = 1; i <= count; i++) { total_i += ins[i]; total_t += ticks[i] }
    m = messages[name] > 0 ? messages[name] : 1
    printf "\n%s: %.0f IL instructions, %.0f ticks per round\n\n", name, total_i / m, total_t / m
    print "| IL/round | ticks/round | share | calls/round | method |"
    print "|---:|---:|---:|---:|---|"
    for (j = 1; j <= top && j <= count; j++) {
      best = 0
      for (i = 1; i <= count; i++) if (!(i in done) && (best == 0 || ticks[i] > ticks[best])) best = i
      if (best == 0) break
      done[best] = 1
      printf "| %.1f | %.0f | %.1f%% | %.2f | %s |\n", ins[best] / m, ticks[best] / m, 100 * ticks[best] / total_t, calls[best] / m, method[best]
    }
  }
  /^=== scenario / { report(); name = $3; count = 0; delete done; next }
  /^=== dump/ { next }
  $4 ~ /Program::Mark|Thread::Sleep/ { next }
  { count++; ins[count] = $1; ticks[count] = $2; calls[count] = $3; method[count] = $4 }
  END { report() }' "$work/profile.txt"
