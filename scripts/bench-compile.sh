#!/usr/bin/env bash
# Compile-time benchmark of generated code: generates the synthetic 2000-definition schema
# (`Synth::default()`, see codegen/src/synth.rs), generates its Rust types, and builds them
# in a throw-away crate (deps: serde with derive, serde_json, json-structure-runtime by path),
# reporting wall time, CPU time and peak RSS of the build of that crate alone (its
# dependencies are built first and not counted).
#
#   scripts/bench-compile.sh [WORKDIR]          # default WORKDIR: /tmp/bench-compile
#
# Environment:
#   PROFILE=dev|release   cargo profile of the measured build (default dev, i.e. debug with
#                         full debuginfo, as a user's `cargo build` would)
#   SCHEMA=FILE           build this schema instead of the synthetic one
#   CARGO_TARGET_DIR      target dir of the measured crate (default WORKDIR/target)
#   RUNS=N                repeat the measured build N times (default 1); each is clean
#   GENERATOR=BIN         generate with this json-structure-codegen binary instead of the
#                         one built from this checkout (to compare with an older version)
#
# Targets from the issue: at most 85 s and 3 GB peak for the dev build. The machine is shared,
# so the script prints the load average before each run; compare CPU time when it is high.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/bench-compile}
profile=${PROFILE:-dev}
runs=${RUNS:-1}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$work/target}
mkdir -p "$work/crate/src"

echo "== building the generator (release)"
(cd "$root" && cargo build -q --release -p json-structure-codegen --bin json-structure-codegen --example synth)
gen_bin=${GENERATOR:-$CARGO_TARGET_DIR/release/json-structure-codegen}
synth_bin=$CARGO_TARGET_DIR/release/examples/synth

if [[ -n ${SCHEMA:-} ]]; then
  cp "$SCHEMA" "$work/schema.struct.json"
else
  "$synth_bin" > "$work/schema.struct.json"
fi
start=$(date +%s.%N)
"$gen_bin" generate "$work/schema.struct.json" -o "$work/generated.rs"
end=$(date +%s.%N)
printf '== generated %s lines in %.2f s\n' "$(wc -l < "$work/generated.rs")" "$(echo "$end - $start" | bc)"

cat > "$work/crate/Cargo.toml" <<TOML
[package]
name = "bench-generated"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
json-structure-runtime = { path = "$root/runtime" }

[workspace]
TOML
# Same dependency versions as the workspace.
cp "$root/Cargo.lock" "$work/crate/Cargo.lock"

cd "$work/crate"
echo "" > src/lib.rs
echo "== building dependencies ($profile)"
cargo build -q --profile "$profile"

cp "$work/generated.rs" src/lib.rs
for run in $(seq 1 "$runs"); do
  cargo clean -q -p bench-generated --profile "$profile"
  touch src/lib.rs
  echo "== run $run: load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
  status=0
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" \
    cargo build --profile "$profile" > "$work/build.log" 2>&1 || status=$?
  read -r wall user sys rss < <(tail -n 1 "$work/time.txt")
  cpu=$(echo "$user + $sys" | bc)
  printf 'compile: wall %s s, cpu %s s, peak RSS %d MB, exit %d\n' "$wall" "$cpu" $((rss / 1024)) "$status"
  if [[ $status -ne 0 ]]; then
    grep -v 'librustc_driver' "$work/build.log" | grep -E 'error|overflow|help' | head -n 8
    exit "$status"
  fi
done
