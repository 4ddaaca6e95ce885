#!/usr/bin/env bash
# Says whether the interpreter toolchain cache is ready: exit 0 and "ready <cache>", or exit 1
# and why not, with the command that builds it.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
cache=$(toolchain_cache)
problem=$(toolchain_problem "$cache")
if [ -n "$problem" ]; then
  echo "$problem; build it with: bash tools/nanoclr/build-toolchain.sh --nf-interpreter DIR --metadata-processor DIR (see README)"
  exit 1
fi
echo "ready $cache"
