#!/usr/bin/env bash
# On a machine with an NVIDIA GPU: build tern, run the CUDA conformance tests
# with REQUIRE_BACKENDS=cuda (a mismatch or an unavailable backend fails),
# then measure with cuda_report, which verifies each timed op against sim
# again and writes bench/results/cuda-<gpu>.json and .md.
#
# Budget: 8 minutes in all (TERN_GPU_BUDGET_S to change); each step runs
# under `timeout` with what is left, and any failure stops the script with a
# non-zero exit and a FAILED line.
#
# Two ways in:
#   - a bundle from bench/gpu/prepare.sh (run where cargo and crates.io are;
#     bring out/gpu-bundle along): prebuilt binaries and sm_90 cubins. Used
#     whenever $TERN_GPU_BUNDLE (default out/gpu-bundle) holds one;
#   - otherwise cargo on the GPU machine builds everything (release).
# Kernels compile with NVRTC when libnvrtc.so.12 loads (scripts/env adds the
# .venv wheel); otherwise the bundle's cubins are used (TERN_CUDA_KERNEL_DIR).
# Results are also copied to $OUT when it is set.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
budget="${TERN_GPU_BUDGET_S:-480}"
start=$(date +%s)
bundle="${TERN_GPU_BUNDLE:-$root/out/gpu-bundle}"

fail() { echo "run.sh: FAILED: $*" >&2; exit 1; }
left() { echo $((budget - ($(date +%s) - start))); }
step() { # step NAME CMD...: runs CMD under the remaining budget
  local name="$1"; shift
  local t; t=$(left)
  [ "$t" -gt 5 ] || fail "out of time before: $name"
  echo "== $name (${t}s left)"
  timeout --signal=KILL "$t" "$@" || fail "$name (exit $?)"
}

if [ -f scripts/env ]; then source scripts/env; fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "run.sh: nvidia-smi not found (continuing: the backend decides)"
if [ -z "${TERN_CUDA_KERNEL_DIR:-}" ] && [ -d "$bundle/kernels" ]; then
  export TERN_CUDA_KERNEL_DIR="$bundle/kernels"
fi

if [ -x "$bundle/bin/tern" ]; then
  # Prepared elsewhere (bench/gpu/prepare.sh): GPU machines often have no
  # crates.io access, so a cold cargo build there cannot fetch dependencies.
  echo "run.sh: using the prepared bundle in $bundle"
  tern="$bundle/bin/tern"
  report="$bundle/bin/cuda_report"
  conformance=("$bundle/bin/conformance" cuda:: --nocapture)
elif command -v cargo >/dev/null; then
  # The `tern` binary is crate tern; cuda_report needs bench's `cuda` feature.
  step "build (release)" cargo build --release -p tern -p bench --features bench/cuda --bins
  step "conformance tests build" cargo test --release -p host --test conformance --no-run
  target="${CARGO_TARGET_DIR:-target}"
  tern="$target/release/tern"
  report="$target/release/cuda_report"
  conformance=(cargo test --release -p host --test conformance -- cuda:: --nocapture)
else
  fail "no prepared bundle in $bundle and no cargo (run bench/gpu/prepare.sh where cargo is, and bring out/gpu-bundle)"
fi

step "devices" "$tern" devices
export REQUIRE_BACKENDS=cuda
step "conformance (REQUIRE_BACKENDS=cuda)" "${conformance[@]}"
step "cuda_report" "$report" --out-dir bench/results

if [ -n "${OUT:-}" ] && [ -d "$OUT" ]; then cp bench/results/cuda-*.json bench/results/cuda-*.md "$OUT"/ 2>/dev/null || true; fi
echo "run.sh: done in $(( $(date +%s) - start ))s"
