#!/usr/bin/env bash
# Every performance figure of BENCHMARKS.md in one run, side by side:
#   1. generation of the synthetic 2000-definition schema and its floor (serde_json parse of
#      the schema + prettyplease of the output), optimised and unoptimised (divan);
#   2. compile time and peak memory of the generated crate (scripts/bench-compile.sh);
#   3. run time: 100,000 Daytona Snapshots through the generated types vs hand-written serde,
#      and parse + validate vs the json-structure crate, when that bench exists.
#
#   scripts/bench.sh [WORKDIR]      # default WORKDIR: /tmp/bench; takes ~15 minutes on 2 cores
#
# The machine's load average is printed before each part: on a shared machine, compare CPU
# times and ratios from the same run rather than wall times across runs.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/bench}
mkdir -p "$work"
cd "$root"
load() { echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"; }

echo "== 1a. generation, optimised"
load
cargo bench -q -p json-structure-codegen --bench generate
echo "== 1b. generation, unoptimised (the profile build scripts use by default)"
load
cargo bench -q -p json-structure-codegen --bench generate --profile dev -- --sample-count 3

echo "== 2. compile time of the generated crate (dev)"
load
bash scripts/bench-compile.sh "$work/compile"

echo "== 3. run time"
load
cargo bench -q -p json-structure-codegen --bench runtime -- --sample-count 60
if grep -q 'name = "validate"' codegen/Cargo.toml; then
  cargo bench -q -p json-structure-codegen --bench validate
fi
