#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 20 s each) from the
# committed seed corpus. New inputs go to a scratch corpus, so the committed
# one stays as it is; a crash leaves its input under formats/fuzz/artifacts and
# fails the script. Needs cargo-fuzz (`cargo install cargo-fuzz --locked`)
# and a nightly toolchain, or RUSTC_BOOTSTRAP=1 on stable.
#
# Usage: formats/fuzz/run.sh [SECONDS_PER_TARGET]
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-20}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q nightly; then toolchain=(+nightly); else export RUSTC_BOOTSTRAP=1; fi
for t in gguf safetensors tern_file tq_blocks; do
  mkdir -p "$scratch/$t"
  echo "fuzz: $t for ${secs}s"
  cargo "${toolchain[@]}" fuzz run -O "$t" "$scratch/$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 2>&1 | tail -n 4
done
echo "fuzz: all targets ran ${secs}s without a crash"
