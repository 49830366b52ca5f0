#!/usr/bin/env bash
# Corpus sweep on the fixed CI subset (sweep/ci-subset.txt: every provider, 476 files).
# Exits non-zero if any file panics (or crashes/hangs) the generator, any generated file
# fails to compile, or any example rejection is a defect of ours or unexplained.
# Needs ../shared/corpus beside the repository. Takes about 3 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/sweep-target}"
export CARGO_INCREMENTAL=0
corpus="${SWEEP_CORPUS:-../../shared/corpus/api-evangelist}"
if [ ! -d "$corpus" ]; then
  echo "error: $corpus is missing; the corpus sweep cannot run" >&2
  exit 1
fi
cargo build -j 2 --quiet
exec "$CARGO_TARGET_DIR/debug/sweep" --corpus "$corpus" --subset ci --jobs 2 \
  --out "$CARGO_TARGET_DIR/sweep-ci" --check "$@"
