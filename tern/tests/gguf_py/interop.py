"""Interop check of tern's GGUF with llama.cpp's own Python package (gguf-py).

Usage: interop.py TERN_BINARY WORK_DIR

1. Writes a GGUF with gguf-py: an F32 norm, and TQ1_0 / TQ2_0 tensors made by
   gguf-py's reference quantizer from ternary values times a per-block scale.
2. Runs `tern convert` GGUF -> tern1.6 / tern2 -> GGUF (both TQ types) and
   checks that gguf-py reads tern's output and that every tensor's bytes are
   those gguf-py wrote (exact round trip of llama.cpp-made blocks).
3. Checks that gguf-py's dequantization of tern's output gives the values
   that went in (tern's TQ layouts are llama.cpp's).
4. Checks that the metadata gguf-py wrote (general.*, architecture keys,
   tokenizer arrays; every value type) reads back from tern's output with
   the same keys, order, types and values (tern files carry it).
Exits non-zero with a message on any difference.
"""
import subprocess
import sys
from pathlib import Path

import numpy as np
import gguf
from gguf import GGMLQuantizationType as Q


def metadata(reader):
    """Key, value types and value bytes of every key/value, in order; less
    gguf-py's header pseudo-fields and general.alignment (the writer's)."""
    out = []
    for name, f in reader.fields.items():
        if name.startswith("GGUF.") or name == "general.alignment":
            continue
        value = b"".join(bytes(f.parts[i].tobytes()) for i in f.data)
        out.append((name, [int(t) for t in f.types], value))
    return out


def main() -> int:
    tern, work = sys.argv[1], Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    src = work / "py.gguf"
    w = gguf.GGUFWriter(str(src), "bitnet")
    w.add_name("interop sample")
    w.add_block_count(1)
    w.add_context_length(4096)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_rope_freq_base(500000.0)
    w.add_bool("bitnet.sample.flag", True)
    w.add_int8("bitnet.sample.i8", -5)
    w.add_uint16("bitnet.sample.u16", 65535)
    w.add_int64("bitnet.sample.i64", -(2**62))
    w.add_float64("bitnet.sample.f64", 2.5e-300)
    w.add_uint64("bitnet.sample.u64", 2**64 - 3)
    w.add_array("tokenizer.ggml.tokens", ["<s>", "</s>", "héllo", ""])
    w.add_array("tokenizer.ggml.scores", [0.0, -1.5, 3.25, 7.0])
    w.add_array("tokenizer.ggml.token_type", [1, 3, 1, 2])
    w.add_string("tokenizer.chat_template", "{{ bos_token }}\n")
    expected = {}
    norm = rng.standard_normal(512).astype(np.float32)
    w.add_tensor("blk.0.attn_norm.weight", norm)
    expected["blk.0.attn_norm.weight"] = norm
    for name, qt in [("blk.0.ffn_up.weight", Q.TQ1_0), ("blk.0.ffn_down.weight", Q.TQ2_0)]:
        t = rng.integers(-1, 2, size=(8, 512)).astype(np.float32)
        t[0, :256] = 0  # an all-zero block: d = 0
        # One scale per 256-block, exactly representable in fp16.
        s = np.repeat(rng.integers(1, 1000, size=(8, 2)).astype(np.float32) / 1024.0, 256, axis=1)
        x = t * s
        q = gguf.quants.quantize(x, qt)
        w.add_tensor(name, q, raw_dtype=qt)
        expected[name] = x
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()

    src_reader = gguf.GGUFReader(str(src))
    original = {t.name: bytes(t.data.tobytes()) for t in src_reader.tensors}
    want_meta = metadata(src_reader)
    for via in ["tern1.6", "tern2"]:
        for back in ["tq1_0", "tq2_0"]:
            mid, out = work / f"mid.{via}", work / f"back.{via}.{back}.gguf"
            for a, b, to in [(src, mid, via), (mid, out, back)]:
                r = subprocess.run([tern, "convert", str(a), str(b), "--to", to], capture_output=True, text=True)
                if r.returncode != 0:
                    print(f"tern convert {a} -> {to} failed: {r.stderr}")
                    return 1
            reader = gguf.GGUFReader(str(out))
            got_meta = metadata(reader)
            if got_meta != want_meta:
                print(f"{out}: metadata differs from what gguf-py wrote:\n  {got_meta}\n  {want_meta}")
                return 1
            for t in reader.tensors:
                want_type = {"tq1_0": Q.TQ1_0, "tq2_0": Q.TQ2_0}[back] if t.name != "blk.0.attn_norm.weight" else Q.F32
                if t.tensor_type != want_type:
                    print(f"{out}: {t.name} has type {t.tensor_type}, expected {want_type}")
                    return 1
                deq = gguf.quants.dequantize(t.data, t.tensor_type).reshape(expected[t.name].shape)
                if not np.array_equal(deq, expected[t.name]):
                    print(f"{out}: {t.name}: gguf-py dequantizes tern's output to other values")
                    return 1
                # Same TQ type as the source: the bytes must be the same.
                src_type = {"blk.0.ffn_up.weight": "tq1_0", "blk.0.ffn_down.weight": "tq2_0"}.get(t.name)
                if (src_type is None or src_type == back) and bytes(t.data.tobytes()) != original[t.name]:
                    print(f"{out}: {t.name}: bytes differ from what gguf-py wrote")
                    return 1
    print(f"gguf-py interop: 3 tensors and {len(want_meta)} metadata keys x 4 round trips exact")
    return 0


if __name__ == "__main__":
    sys.exit(main())
