#!/usr/bin/env bash
# On a machine with an NVIDIA GPU: the CUDA conformance tests with
# REQUIRE_BACKENDS=cuda (every op and case against sim, bit for bit), then
# cuda_report (each timed op verified against sim again; JSON and markdown
# rewritten after every section), then, where the tools exist and time is
# left, compute-sanitizer (memcheck, racecheck) over a few conformance tests
# and the wgpu backend on the NVIDIA Vulkan driver.
#
# Budget: 6 minutes in all (TERN_GPU_BUDGET_S to change); each step runs
# under `timeout` with what is left. A failed step is reported with a
# FAILED line and the run goes on to the next; the exit code is 1 if any
# step failed. Everything lands in bench/results/gpu-run/ (step logs, GPU
# clocks/temperature/power before and after, the report), put in $OUT
# (when set) as gpu-run.tar after every step, so a run cut short keeps
# what it measured.
#
# Two ways in:
#   - a bundle from bench/gpu/prepare.sh (run where cargo and crates.io are;
#     bring out/gpu-bundle along): prebuilt binaries and sm_90 cubins. Used
#     whenever $TERN_GPU_BUNDLE (default out/gpu-bundle) holds one;
#   - otherwise cargo on the GPU machine builds everything (release).
# With a bundle the kernels come from its cubins (TERN_CUDA_KERNEL_DIR);
# NVRTC is then never needed.
set -uo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
budget="${TERN_GPU_BUDGET_S:-360}"
start=$(date +%s)
bundle="${TERN_GPU_BUNDLE:-$root/out/gpu-bundle}"
results="$root/bench/results/gpu-run"
mkdir -p "$results"
failed=()

left() { echo $((budget - ($(date +%s) - start))); }
sync_out() { # the results folder as one tar in $OUT (when set), replaced
  # atomically: a machine that returns only a few files from $OUT gets all
  # of them, and a run killed mid-copy keeps the previous whole tar.
  if [ -n "${OUT:-}" ] && [ -d "$OUT" ]; then
    tar -cf "$OUT/gpu-run.tar.tmp" -C "$results" . 2>/dev/null && mv -f "$OUT/gpu-run.tar.tmp" "$OUT/gpu-run.tar" || true
  fi
}
step() { # step NAME CMD...: runs CMD under the remaining budget (at most
  # $STEP_CAP seconds when set), logs to $results/NAME.log
  local name="$1"; shift
  local t; t=$(left)
  if [ -n "${STEP_CAP:-}" ] && [ "$STEP_CAP" -lt "$t" ]; then t=$STEP_CAP; fi
  if [ "$t" -le 5 ]; then
    echo "run.sh: SKIPPED (out of time): $name" | tee -a "$results/summary.txt"
    return 0
  fi
  echo "== $name (${t}s left)"
  timeout --kill-after=5 "$t" "$@" 2>&1 | tee "$results/$name.log"
  local rc=${PIPESTATUS[0]}
  if [ "$rc" -eq 0 ]; then
    echo "run.sh: ok: $name" >>"$results/summary.txt"
  else
    echo "run.sh: FAILED: $name (exit $rc$([ "$rc" -ge 124 ] && echo ', timed out or killed'))" | tee -a "$results/summary.txt" >&2
    failed+=("$name")
  fi
  sync_out
  return 0
}
skip() { echo "run.sh: SKIPPED: $*" | tee -a "$results/summary.txt"; }
gpu_state() { # gpu_state LABEL: clocks, temperature and power, appended to gpu-state.csv
  if command -v nvidia-smi >/dev/null; then
    echo "# $1 $(date -u +%FT%TZ)" >>"$results/gpu-state.csv"
    timeout 20 nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,clocks.max.sm,temperature.gpu,power.draw \
      --format=csv >>"$results/gpu-state.csv" 2>&1 || true
  fi
}

: >"$results/summary.txt"
if [ -f scripts/env ]; then source scripts/env; fi
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee "$results/gpu.txt"
else
  echo "run.sh: nvidia-smi not found (continuing: the backend decides)"
fi
gpu_state before
sync_out
if [ -z "${TERN_CUDA_KERNEL_DIR:-}" ] && [ -d "$bundle/kernels" ]; then
  export TERN_CUDA_KERNEL_DIR="$bundle/kernels"
fi

if [ -x "$bundle/bin/tern" ]; then
  # Prepared elsewhere (bench/gpu/prepare.sh): GPU machines often have no
  # crates.io access, so a cold cargo build there cannot fetch dependencies.
  echo "run.sh: using the prepared bundle in $bundle"
  tern="$bundle/bin/tern"
  report="$bundle/bin/cuda_report"
  host_tests="$bundle/bin/host-tests"
elif command -v cargo >/dev/null; then
  # The `tern` binary is crate tern; cuda_report needs bench's `cuda` feature.
  step build cargo build --release -p tern -p bench --features bench/cuda --bins
  target="${CARGO_TARGET_DIR:-target}"
  tern="$target/release/tern"
  report="$target/release/cuda_report"
  # host's integration tests (conformance among them) are one binary, `host`.
  host_tests=$(cargo test --release -p host --test host --no-run --message-format=json 2>/dev/null \
    | python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "host" and m.get("executable"):
        print(m["executable"])')
else
  echo "run.sh: FAILED: no prepared bundle in $bundle and no cargo (run bench/gpu/prepare.sh where cargo is, and bring out/gpu-bundle)" >&2
  exit 1
fi

step devices "$tern" devices
if [ -x "${host_tests:-}" ]; then
  REQUIRE_BACKENDS=cuda step conformance "$host_tests" conformance::cuda:: --nocapture
else
  echo "run.sh: FAILED: conformance: no host test binary" | tee -a "$results/summary.txt" >&2
  failed+=(conformance)
fi
step cuda_report "$report" --out-dir "$results"
gpu_state after-report
sync_out

# compute-sanitizer over a short filter (the GEMV/GEMM and attention-decode
# conformance tests), each at most 60 s: the sanitizers slow kernels down
# many times over.
if command -v compute-sanitizer >/dev/null && [ -x "${host_tests:-}" ]; then
  for tool in memcheck racecheck; do
    for f in conformance::cuda::gemm conformance::cuda::attention-decode; do
      STEP_CAP=60 REQUIRE_BACKENDS=cuda step "sanitizer-$tool-${f##*::}" \
        compute-sanitizer --tool "$tool" --error-exitcode 3 "$host_tests" "$f" --exact
    done
  done
else
  skip "compute-sanitizer: not installed (or no host test binary)"
fi

# The wgpu backend on the NVIDIA Vulkan driver, when an ICD is installed
# (container images often mount the driver under /usr/local/nvidia, where
# the Vulkan loader does not look: it is named to the loader explicitly).
icd=$(ls /usr/share/vulkan/icd.d/*nvidia* /etc/vulkan/icd.d/*nvidia* /usr/local/share/vulkan/icd.d/*nvidia* \
  /usr/local/nvidia/share/vulkan/icd.d/*nvidia* 2>/dev/null | head -1)
if [ -n "$icd" ]; then
  export VK_DRIVER_FILES="$icd" VK_ICD_FILENAMES="$icd"
  STEP_CAP=90 REQUIRE_BACKENDS=wgpu step wgpu-verify "$tern" verify --backend wgpu --suite small
  STEP_CAP=60 step wgpu-bench "$tern" bench --backend wgpu --op gemv --shapes 6912x2560 --reps 10 --out "$results/wgpu-bench"
else
  skip "wgpu: no NVIDIA Vulkan ICD (looked in /usr/share, /etc, /usr/local/share and /usr/local/nvidia/share vulkan/icd.d)"
fi

gpu_state end
echo "run.sh: done in $(( $(date +%s) - start ))s" | tee -a "$results/summary.txt"
sync_out
if [ "${#failed[@]}" -gt 0 ]; then
  echo "run.sh: FAILED steps: ${failed[*]}" >&2
  exit 1
fi
