#!/usr/bin/env bash
# Peer benchmark: our generator against the other JSON Structure / JSON Schema → Rust
# generators on the synthetic 2000-definition schema (`Synth::default()`, see
# codegen/src/synth.rs), plus the generator's dependency footprint.
#
#   scripts/bench-peers.sh [WORKDIR]           # default WORKDIR: /tmp/bench-peers
#
# What it does, in one run:
#   1. installs the peers into WORKDIR (kept and reused on later runs):
#        avrotize      PyPI, into WORKDIR/venv; its `s2rust` command reads JSON Structure
#        cargo-typify  crates.io, `cargo install --root WORKDIR/bin`; reads JSON Schema
#      A peer that cannot be reached or installed is reported as UNAVAILABLE and skipped.
#   2. writes the schemas (full: Synth::default(); acyclic: the same without references,
#      see below), each twice: WORKDIR/NAME.struct.json (JSON Structure, for us and
#      avrotize) and WORKDIR/NAME.schema.json (its JSON Schema draft-07 twin, same
#      definitions, properties, references, cycle and enums; `Synth::to_json_schema`).
#   3. times each generator on each, interleaved (RUNS rounds), and prints the median
#      seconds and the ratio to ours.
#   4. with COMPILE=1: builds each generator's output in a throw-away crate (dependencies
#      first, not counted) and reports wall, CPU and peak RSS of that build under
#      /usr/bin/time, as scripts/bench-compile.sh does for ours.
#   5. footprint: crates in `cargo tree -e normal,build` of our generator library
#      (--no-default-features, i.e. as a build script uses it) and of the `typify` library
#      (the version cargo-typify was built from), and a clean dev build of each in an empty
#      target dir, back to back.
#
# Environment:
#   RUNS=N          generation rounds (default 3)
#   COMPILE=1       also compile each generator's output (slow: minutes per peer)
#   COMPILE_SCHEMA  which schema's outputs COMPILE=1 builds: full (default) or acyclic
#   SCHEMAS         the schemas to generate (default "full acyclic"; avrotize takes ~2 min
#                   per run on acyclic)
#   PROFILE=dev     cargo profile of those output builds (default dev)
#   JOBS=N          cargo jobs for setup builds and installs (default 1: shared machine)
#   MEASURE_JOBS=N  cargo jobs for the measured builds (default: all cores)
#   FOOTPRINT=0     skip step 5
#   TYPIFY_RECURSION_LIMIT=N  prepend `#![recursion_limit = "N"]` to typify's output when
#                   compiling it. cargo-typify 0.8.0's output for the full schema does not
#                   build with the default limit (128): E0320 drop-check overflows and
#                   "queries overflow the depth limit" (BENCHMARKS.md, "Peers ...").
#
# The machine is shared: the load average is printed beside every measurement.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/bench-peers}
runs=${RUNS:-3}
jobs=${JOBS:-1}
measure_jobs=${MEASURE_JOBS:-$(nproc)}
profile=${PROFILE:-dev}
mkdir -p "$work/out" "$work/logs"
work=$(cd "$work" && pwd)
logs=$work/logs

load() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s.%N; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
unavailable() { echo "!! PEER UNAVAILABLE: $1: $2" >&2; }

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(load)"

# --- 1. peers ---------------------------------------------------------------------------
have_avrotize=0
avrotize_version=-
if [[ -x $work/venv/bin/avrotize ]]; then
  have_avrotize=1
elif ! timeout 120 python3 -m pip download --no-deps --quiet -d "$work/pip-check" avrotize \
    > "$logs/avrotize-check.log" 2>&1; then
  unavailable avrotize "PyPI not reachable through pip (see $logs/avrotize-check.log)"
else
  echo "== installing avrotize into $work/venv"
  if python3 -m venv "$work/venv" > "$logs/avrotize-install.log" 2>&1 &&
    "$work/venv/bin/pip" install --quiet avrotize >> "$logs/avrotize-install.log" 2>&1; then
    have_avrotize=1
  else
    unavailable avrotize "pip install failed (see $logs/avrotize-install.log)"
  fi
fi
if [[ $have_avrotize == 1 ]]; then
  avrotize_version=$("$work/venv/bin/pip" show avrotize 2> /dev/null | awk '/^Version:/ { print $2 }')
  echo "== avrotize $avrotize_version ($("$work/venv/bin/pip" list --format=freeze 2> /dev/null | wc -l) Python packages in its venv)"
fi

have_typify=0
typify_version=-
typify_bin=$work/bin/bin/cargo-typify
if [[ -x $typify_bin ]]; then
  have_typify=1
# `cargo search` does not work through every registry mirror; `cargo info` reads the index.
elif ! timeout 120 cargo info cargo-typify > "$logs/typify-check.log" 2>&1; then
  unavailable cargo-typify "crates.io not reachable through cargo (see $logs/typify-check.log)"
else
  echo "== installing cargo-typify into $work/bin (cargo install -j $jobs)"
  if cargo install -j "$jobs" --root "$work/bin" cargo-typify > "$logs/typify-install.log" 2>&1; then
    have_typify=1
  else
    unavailable cargo-typify "cargo install failed (see $logs/typify-install.log)"
  fi
fi
if [[ $have_typify == 1 ]]; then
  typify_version=$(cargo install --list --root "$work/bin" | awk '/^cargo-typify v/ { sub(/^v/, "", $2); sub(/:$/, "", $2); print $2 }')
  echo "== cargo-typify $typify_version"
fi

# --- 2. our generator and the schemas ---------------------------------------------------
# Two variants of the synthetic schema, each as JSON Structure (us, avrotize) and as its
# JSON Schema twin (typify):
#   full     Synth::default(): 2000 definitions, 10 properties, 20% references, a
#            1200-type reference cycle, 10% inline enums
#   acyclic  the same without references (cycle 0, ref_ratio 0), because avrotize
#            (3.9.3) fails on any recursive reference ("maximum recursion depth exceeded")
target_dir=${CARGO_TARGET_DIR:-$root/target}
echo "== building our generator (release, -j $jobs)"
(cd "$root" && CARGO_TARGET_DIR=$target_dir cargo build -q --release -j "$jobs" \
  -p json-structure-codegen --bin json-structure-codegen --example synth)
gen_bin=$target_dir/release/json-structure-codegen
synth_bin=$target_dir/release/examples/synth
read -r -a schemas <<< "${SCHEMAS:-full acyclic}"
synth_args() {
  case $1 in
    full) ;;
    acyclic) echo "2000 10 0 0" ;;
  esac
}
for schema in "${schemas[@]}"; do
  # shellcheck disable=SC2046 # the arguments are meant to split
  "$synth_bin" $(synth_args "$schema") > "$work/$schema.struct.json"
  # shellcheck disable=SC2046
  "$synth_bin" --json-schema $(synth_args "$schema") > "$work/$schema.schema.json"
  echo "== schema $schema: $(grep -c '^"D' "$work/$schema.struct.json") definitions," \
    "$(wc -c < "$work/$schema.struct.json") bytes (JSON Structure), $(wc -c < "$work/$schema.schema.json") bytes (JSON Schema)"
done

# --- 3. generation ------------------------------------------------------------------------
# run_tool TOOL SCHEMA: writes under $work/out/SCHEMA/TOOL.
run_tool() {
  local out=$work/out/$2/$1
  case $1 in
    ours) "$gen_bin" generate "$work/$2.struct.json" -o "$out/lib.rs" ;;
    avrotize)
      "$work/venv/bin/avrotize" s2rust "$work/$2.struct.json" --out "$out" \
        --package synth --json-annotation
      ;;
    typify) "$typify_bin" typify "$work/$2.schema.json" --output "$out/lib.rs" ;;
  esac
}
tools=(ours)
if [[ $have_avrotize == 1 ]]; then tools+=(avrotize); fi
if [[ $have_typify == 1 ]]; then tools+=(typify); fi
declare -A failed=()
for schema in "${schemas[@]}"; do
  for tool in "${tools[@]}"; do : > "$work/times-$schema-$tool.txt"; done
done
for round in $(seq 1 "$runs"); do
  echo "== generation round $round/$runs: load average $(load)"
  for schema in "${schemas[@]}"; do
    for tool in "${tools[@]}"; do
      if [[ -n ${failed[$schema/$tool]:-} ]]; then continue; fi
      rm -rf "${work:?}/out/$schema/$tool"
      mkdir -p "$work/out/$schema/$tool"
      start=$(now)
      if run_tool "$tool" "$schema" > "$logs/generate-$schema-$tool.log" 2>&1 &&
        [[ -n $(find "$work/out/$schema/$tool" -name '*.rs' -print -quit) ]]; then
        end=$(now)
        echo "$end - $start" | bc >> "$work/times-$schema-$tool.txt"
      else
        failed[$schema/$tool]=1
        echo "!! $tool failed on the $schema schema (see $logs/generate-$schema-$tool.log):" >&2
        tail -n 3 "$logs/generate-$schema-$tool.log" >&2
      fi
    done
  done
done

echo
echo "Generation (seconds: median of $runs; × ours: ratio of medians), load average now $(load)"
printf '%-8s %-22s %10s %10s %12s %8s\n' schema generator seconds "× ours" "Rust lines" files
for schema in "${schemas[@]}"; do
  ours_median=$(median < "$work/times-$schema-ours.txt")
  for tool in ours avrotize typify; do
    case $tool in
      ours) label="ours" ;;
      avrotize) label="avrotize $avrotize_version" ;;
      typify) label="cargo-typify $typify_version" ;;
    esac
    if [[ " ${tools[*]} " != *" $tool "* ]]; then
      printf '%-8s %-22s %10s\n' "$schema" "$label" "unavailable"
      continue
    fi
    if [[ -n ${failed[$schema/$tool]:-} ]]; then
      printf '%-8s %-22s %10s\n' "$schema" "$label" "failed"
      continue
    fi
    secs=$(median < "$work/times-$schema-$tool.txt")
    ratio=-
    if [[ $ours_median != - ]]; then ratio=$(echo "scale=2; $secs / $ours_median" | bc); fi
    files=$(find "$work/out/$schema/$tool" -name '*.rs' | wc -l)
    lines=$(find "$work/out/$schema/$tool" -name '*.rs' -exec cat {} + | wc -l)
    printf '%-8s %-22s %10.2f %10s %12s %8s\n' "$schema" "$label" "$secs" "$ratio" "$lines" "$files"
  done
done

# --- 4. compiling the outputs -----------------------------------------------------------
# measure DIR NAME: clean build of DIR's own package only (dependencies built first).
measure() {
  local dir=$1 name=$2 status=0 wall user sys rss cpu
  # Dependencies first, with an empty library in place of the generated code.
  mv "$dir/src" "$dir/src.real"
  mkdir "$dir/src"
  : > "$dir/src/lib.rs"
  (cd "$dir" && cargo build -q -j "$jobs" --profile "$profile" > "$logs/deps-$name.log" 2>&1) || true
  rm -rf "${dir:?}/src"
  mv "$dir/src.real" "$dir/src"
  touch "$dir/src/lib.rs"
  echo "== compiling $name output ($profile, -j $measure_jobs): load average $(load)"
  (cd "$dir" && /usr/bin/time -f '%e %U %S %M' -o "$work/time-$name.txt" \
    cargo build -j "$measure_jobs" --profile "$profile" > "$logs/compile-$name.log" 2>&1) || status=$?
  read -r wall user sys rss < <(tail -n 1 "$work/time-$name.txt")
  cpu=$(echo "$user + $sys" | bc)
  printf '%-10s wall %8s s, cpu %8s s, peak RSS %6d MB, exit %d\n' "$name" "$wall" "$cpu" $((rss / 1024)) "$status" \
    | tee -a "$work/compile-summary.txt"
  if [[ $status -ne 0 ]]; then
    grep -v 'librustc_driver' "$logs/compile-$name.log" | grep -E '^error|overflow|recursion' | head -n 5 || true
  fi
}

if [[ ${COMPILE:-0} == 1 ]]; then
  cs=${COMPILE_SCHEMA:-full}
  : > "$work/compile-summary.txt"
  for tool in "${tools[@]}"; do
    if [[ -n ${failed[$cs/$tool]:-} ]]; then
      echo "== not compiling $tool output: it failed on the $cs schema"
      continue
    fi
    if [[ ! -d $work/out/$cs/$tool ]]; then
      echo "== not compiling $tool output: no $cs output (is $cs in SCHEMAS?)"
      continue
    fi
    crate=$work/compile/$tool
    rm -rf "$crate"
    mkdir -p "$crate/src"
    export CARGO_TARGET_DIR=$work/compile/target-$tool
    case $tool in
      ours)
        cat > "$crate/Cargo.toml" << TOML
[package]
name = "peer-ours"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
json-structure-runtime = { path = "$root/runtime" }

[workspace]
TOML
        cp "$root/Cargo.lock" "$crate/Cargo.lock"
        cp "$work/out/$cs/ours/lib.rs" "$crate/src/lib.rs"
        ;;
      avrotize)
        # avrotize writes a whole crate (Cargo.toml with its dependencies, src/).
        cp -r "$work/out/$cs/avrotize/." "$crate/"
        grep -q '^\[workspace\]' "$crate/Cargo.toml" || printf '\n[workspace]\n' >> "$crate/Cargo.toml"
        ;;
      typify)
        # Dependencies of typify's output: serde, serde_json (errors, defaults), chrono
        # (date-time, date), uuid (uuid).
        cat > "$crate/Cargo.toml" << 'TOML'
[package]
name = "peer-typify"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }
uuid = { version = "1", features = ["serde"] }

[workspace]
TOML
        # typify nests types by value (Box only to break cycles), so the layout and
        # drop-check of the root type can exceed the default depth (128).
        if [[ -n ${TYPIFY_RECURSION_LIMIT:-} ]]; then
          echo "== typify output compiled with #![recursion_limit = \"$TYPIFY_RECURSION_LIMIT\"]"
          printf '#![recursion_limit = "%s"]\n' "$TYPIFY_RECURSION_LIMIT" > "$crate/src/lib.rs"
        fi
        cat "$work/out/$cs/typify/lib.rs" >> "$crate/src/lib.rs"
        ;;
    esac
    measure "$crate" "$tool"
    unset CARGO_TARGET_DIR
  done
fi

# --- 5. footprint -------------------------------------------------------------------------
if [[ ${FOOTPRINT:-1} == 1 ]]; then
  # Unique crates in a dependency tree, the root included, `(*)` repeats removed.
  count_tree() { sed 's/ (\*)$//' | sort -u | grep -c .; }
  ours_crates=$(cd "$root" && cargo tree -q -p json-structure-codegen --no-default-features \
    -e normal,build --prefix none | count_tree)
  fp=$work/footprint
  mkdir -p "$fp/typify/src"
  typify_crates=-
  if [[ $typify_version != - ]]; then
    cat > "$fp/typify/Cargo.toml" << TOML
[package]
name = "fp-typify"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
typify = "=$typify_version"

[workspace]
TOML
    : > "$fp/typify/src/lib.rs"
    # Minus the throw-away crate itself, so both counts include the generator crate.
    typify_crates=$(($( (cd "$fp/typify" && cargo tree -q -e normal,build --prefix none) | count_tree) - 1))
    (cd "$fp/typify" && cargo fetch -q)
  fi
  (cd "$root" && cargo fetch -q)

  clean_build() {
    local name=$1 dir=$2 wall user sys rss status=0
    shift 2
    rm -rf "${fp:?}/target-$name"
    echo "== clean dev build of $name (-j $measure_jobs): load average $(load)"
    (cd "$dir" && CARGO_TARGET_DIR=$fp/target-$name /usr/bin/time -f '%e %U %S %M' -o "$fp/time-$name.txt" \
      cargo build -j "$measure_jobs" --offline "$@" > "$logs/footprint-$name.log" 2>&1) || status=$?
    read -r wall user sys rss < <(tail -n 1 "$fp/time-$name.txt")
    printf '%s %s %s %s\n' "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) "$status" > "$fp/result-$name.txt"
  }
  clean_build ours "$root" -p json-structure-codegen --no-default-features --lib
  if [[ $typify_version != - ]]; then clean_build typify "$fp/typify" --lib; fi

  echo
  echo "Generator footprint (dev profile, empty target dir, -j $measure_jobs), load average now $(load)"
  printf '%-28s %8s %10s %10s %6s\n' library crates "wall s" "cpu s" exit
  for name in ours typify; do
    [[ -f $fp/result-$name.txt ]] || continue
    read -r wall cpu _rss status < "$fp/result-$name.txt"
    if [[ $name == ours ]]; then
      printf '%-28s %8s %10s %10s %6s\n' "json-structure-codegen" "$ours_crates" "$wall" "$cpu" "$status"
    else
      printf '%-28s %8s %10s %10s %6s\n' "typify $typify_version" "$typify_crates" "$wall" "$cpu" "$status"
    fi
  done
fi
