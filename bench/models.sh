#!/usr/bin/env bash
# Writes the real-shaped random models the model benchmarks use, into
# bench/models/ (ignored by git): a BitNet b1.58 2B-shaped GGUF (TQ2_0,
# about 1.2 GB) and, with --mmfree, a MatMul-free LM 2.7B-shaped folder
# (bf16 latent weights, about 5.4 GB). A model already there is kept;
# delete it to write it again.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env
out=bench/models
mkdir -p "$out"
[ -e "$out/bitnet-2b-tq2_0.gguf" ] ||
  cargo run --release -q -p formats --example sample_model -- bitnet-2b "$out/bitnet-2b-tq2_0.gguf"
if [[ "${1:-}" == "--mmfree" ]] && [ ! -e "$out/mmfree-2.7b/model.safetensors.index.json" ]; then
  cargo run --release -q -p formats --example sample_model -- mmfree-2.7b "$out/mmfree-2.7b"
fi
ls -l "$out"
