#!/usr/bin/env bash
# Builds everything that builds here (each device library for net10.0 and for the nano target,
# the PC host, the benchmarks) and runs every test project of Nano.Tests.slnf.
# Ends with one line "N passed, N failed"; exits non-zero on any failure or build error.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# Build first: 'dotnet test' alone builds only the test projects and what they reference, and the
# benchmark projects must be built too, so they cannot rot.
dotnet build Nano.Tests.slnf -c Release "$@"
rc=$?
if [ "$rc" -eq 0 ]; then
  dotnet test Nano.Tests.slnf -c Release --no-build --logger trx --results-directory "$results" "$@"
  rc=$?
fi

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
done

if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "build or test host error (dotnet test exit code $rc)"
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
