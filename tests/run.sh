#!/usr/bin/env bash
# Builds everything that builds here (each device library for net10.0 and for the nano target,
# the PC host, the benchmarks) and runs every test project of Nano.Tests.slnf, then the device
# suite (tests/Nano.DeviceTests) on the 32-bit nanoFramework interpreter when its toolchain has
# been built (tools/nanoclr), or says why it was skipped.
# Ends with one line "N passed, N failed" (", N skipped" when tests were skipped or inconclusive);
# exits non-zero on any failure or build error.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# Build first: 'dotnet test' alone builds only the test projects and what they reference, and the
# benchmark projects must be built too, so they cannot rot.
dotnet build Nano.Tests.slnf -c Release -nodeReuse:false "$@"
rc=$?
build_rc=$rc
if [ "$rc" -eq 0 ]; then
  dotnet test Nano.Tests.slnf -c Release --no-build --logger trx --results-directory "$results" "$@"
  rc=$?
fi

passed=0
failed=0
skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  # Skipped and inconclusive tests are counted by no other counter (their results say NotExecuted).
  skipped=$((skipped + ${total:-0} - ${p:-0} - ${f:-0} - ${e:-0} - ${t:-0} - ${a:-0}))
done
echo "MSTest: $passed passed, $failed failed, $skipped skipped or inconclusive"

if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "build or test host error (dotnet test exit code $rc)"
  failed=1
fi

# The device suite on the interpreter: 32-bit (ESP32 object sizes) with a 90 KiB managed heap,
# what an ESP32 without PSRAM leaves to managed code (README: "Device tests on the nanoFramework
# interpreter").
device_heap=92160
if ! status=$(bash tools/nanoclr/toolchain-status.sh); then
  echo "device suite skipped: $status"
elif [ "$build_rc" -ne 0 ]; then
  echo "device suite skipped: the build failed"
else
  device_log="$results/device.log"
  bash tools/nanoclr/device-tests.sh --arch x86 --heap "$device_heap" 2>&1 | tee "$device_log"
  device_rc=${PIPESTATUS[0]}
  # (nanoFramework's Console.WriteLine ends lines with CR LF)
  summary=$(tr -d '\r' <"$device_log" | grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' | tail -1)
  if [ -n "$summary" ]; then
    read -r dp _ df _ ds _ <<<"${summary//,/}"
  else
    dp=0 df=0 ds=0
  fi
  if [ "$device_rc" -ne 0 ] && [ "$df" -eq 0 ]; then
    echo "device suite error (exit code $device_rc)"
    df=1
  fi
  echo "device suite (nanoclr x86, heap $device_heap B): $dp passed, $df failed, $ds skipped"
  # A construction budget needs a heap without the whole suite's garbage: within the suite a class that
  # cannot take a reading without a collection skips, so each runs again alone and must pass there.
  for budget_class in GatewayMemoryDeviceTests; do
    budget=$(bash tools/nanoclr/device-tests.sh --arch x86 --heap "$device_heap" --filter "$budget_class" 2>&1 | tr -d '\r')
    echo "$budget" | grep -E '^(Test |esp32|BrokerEngine)'
    if echo "$budget" | grep -qE '^[1-9][0-9]* passed, 0 failed, 0 skipped$'; then
      echo "budget run $budget_class alone: passed"
    else
      echo "budget run $budget_class alone: FAILED (it must pass and measure when run alone)"
      df=$((df + 1))
    fi
  done
  passed=$((passed + dp))
  failed=$((failed + df))
  skipped=$((skipped + ds))
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
