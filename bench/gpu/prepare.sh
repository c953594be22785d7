#!/usr/bin/env bash
# On a machine with cargo (no GPU needed): builds what bench/gpu/run.sh needs
# on a GPU machine that has no Rust toolchain or no NVRTC, into
# out/gpu-bundle: bin/tern, bin/cuda_report and bin/host-tests (host's
# integration tests, the CUDA conformance tests among them), release and
# stripped, and kernels/*.cubin for sm_90 (H100, H200), with run.sh itself.
# Bring the folder along (with the checkout) and run bench/gpu/run.sh there.
set -euo pipefail
cd "$(dirname "$0")/../.."
./scripts/setup
source scripts/env
arch="${1:-sm_90}"
out=out/gpu-bundle
rm -rf "$out" && mkdir -p "$out/bin" "$out/kernels"
target="${CARGO_TARGET_DIR:-target}"
# The `tern` binary is crate tern; cuda_report needs bench's `cuda` feature.
cargo build --release -p tern -p bench --features bench/cuda --bins
# host's integration tests are one binary, `host` (tests/host/main.rs).
exe=$(cargo test --release -p host --test host --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "host" and m.get("executable"):
        print(m["executable"])')
[ -n "$exe" ] || { echo "prepare.sh: host test binary not found" >&2; exit 1; }
cp "$target/release/tern" "$target/release/cuda_report" "$out/bin/"
cp "$exe" "$out/bin/host-tests"
strip "$out/bin/"* 2>/dev/null || true
"$target/release/cuda_report" --prebuild "$out/kernels" --arch "$arch"
du -sh "$out"
