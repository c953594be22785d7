//! Weights of GGUF, tern and latent safetensors files as operands of `tern
//! run` (`--in w=FILE:TENSOR`, `--in wt=FILE:TENSOR`) and `tern inspect
//! --dump`: the same outputs, bit for bit, as the same weights given as
//! `.npy` files; GGUF's shape convention; exact scales or a refusal; and
//! bad input (exit 2 naming the file, the tensor and the reason).

use std::path::{Path, PathBuf};
use std::process::Output;

use super::common::{self, input_error, ok, ok_json, s, save, tern};
use formats::npy;
use formats::samples::{SampleTensor, gguf_of, latent_checkpoint};
use formats::tq::{QK, TqKind};
use formats::{FloatType, TernScale, TernaryTensor};
use host::Tensor;
use serde_json::Value;
use sim::rng::SplitMix64;
use sim::ternary::PackedTernary;

/// fp16 bits and values of a few exactly representable scales.
const D_BITS: [u16; 6] = [0x3800, 0x3400, 0x3000, 0x3c00, 0x3a00, 0x3600];
const D_VALS: [f32; 6] = [0.5, 0.25, 0.125, 1.0, 0.75, 0.375];

/// `n x k` random ternary values whose blocks of row r all have the scale
/// `d(r, b)`.
fn ternary(n: usize, k: usize, seed: u64, d: impl Fn(usize, usize) -> u16) -> TernaryTensor {
    let per_row = k / QK;
    TernaryTensor {
        rows: n,
        cols: k,
        values: SplitMix64::new(seed).ternary(n * k, 0.4),
        scale: TernScale::PerBlockF16 {
            block: QK,
            bits: (0..n * per_row)
                .map(|i| d(i / per_row, i % per_row))
                .collect(),
        },
    }
}

const N: usize = 24;
const K: usize = 512;
const UP: &str = "blk.0.ffn_up.weight";

/// A GGUF: `UP` (TQ2_0, 24 outputs x 512 inputs, one scale per row), a
/// per-tensor TQ1_0 weight, a weight with two scales in one row, a norm,
/// and a tensor whose name has a ':'. Returns the file and `UP`'s values.
fn model(d: &Path) -> (PathBuf, Vec<i8>) {
    let up = ternary(N, K, 1, |r, _| D_BITS[r % 6]);
    let values = up.values.clone();
    let tensors = vec![
        (
            "blk.0.attn_norm.weight".to_string(),
            SampleTensor::F32(vec![K as u64], vec![1.0; K]),
        ),
        (UP.to_string(), SampleTensor::Tq(TqKind::Tq2_0, up)),
        (
            "blk.0.ffn_down.weight".to_string(),
            SampleTensor::Tq(TqKind::Tq1_0, ternary(16, K, 2, |_, _| D_BITS[0])),
        ),
        (
            "blk.0.attn_q.weight".to_string(),
            SampleTensor::Tq(
                TqKind::Tq2_0,
                ternary(4, K, 3, |r, b| D_BITS[usize::from(r == 2 && b == 1)]),
            ),
        ),
        (
            "odd:name".to_string(),
            SampleTensor::Tq(TqKind::Tq2_0, ternary(2, K, 4, |_, _| D_BITS[1])),
        ),
    ];
    let kvs = [formats::gguf::KvOut::string(
        "general.architecture",
        "bitnet",
    )];
    let p = d.join("model.gguf");
    std::fs::write(&p, gguf_of(&kvs, &tensors).unwrap()).unwrap();
    (p, values)
}

/// `UP` as `.npy` operands made here from the values: packed w, per-row scales.
fn up_npy(d: &Path, values: &[i8]) -> (String, String) {
    let packed = PackedTernary::pack(N, K, values).unwrap();
    let w = Tensor::u32(&[N, K / 16], packed.words().to_vec()).unwrap();
    let scales: Vec<f32> = (0..N).map(|r| D_VALS[r % 6]).collect();
    (
        save(d, "w", &w),
        save(d, "w_scale", &Tensor::f32(&[N], scales).unwrap()),
    )
}

/// A quantized activation in -127 ..= 127.
fn int8(rng: &mut SplitMix64) -> i8 {
    ((rng.next_u64() % 255) as i32 - 127) as i8
}

/// gemm activations: xq [3, k] and x_scale [3].
fn activations(d: &Path, k: usize) -> (String, String) {
    let mut rng = SplitMix64::new(k as u64);
    let xq: Vec<i8> = (0..3 * k).map(|_| int8(&mut rng)).collect();
    (
        save(d, &format!("xq{k}"), &Tensor::i8(&[3, k], xq).unwrap()),
        save(
            d,
            "x_scale",
            &Tensor::f32(&[3], vec![0.01, 0.02, 0.005]).unwrap(),
        ),
    )
}

/// Runs an op on sim with `--in` pairs into `out`, whatever its exit code.
fn try_run(op: &str, ins: &[(&str, &str)], out: &Path, extra: &[&str]) -> Output {
    let mut a = vec!["run", op, "--backend", "sim", "--out", s(out)];
    let pairs: Vec<String> = ins.iter().map(|(n, v)| format!("{n}={v}")).collect();
    for p in &pairs {
        a.extend(["--in", p.as_str()]);
    }
    a.extend(extra);
    tern(&a)
}

/// `try_run`, asserting exit 0.
fn run(op: &str, ins: &[(&str, &str)], out: &Path, extra: &[&str]) -> Output {
    let o = try_run(op, ins, out, extra);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{op}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn outputs(dir: &Path, names: &[&str]) -> Vec<Vec<u8>> {
    names
        .iter()
        .map(|n| std::fs::read(dir.join(format!("{n}.npy"))).unwrap())
        .collect()
}

fn dir(name: &str) -> PathBuf {
    common::dir("weights", name)
}

#[test]
fn gemm_from_gguf_tern_and_dump_equals_npy_weights() {
    let d = dir("gemm");
    let (g, values) = model(&d);
    let (xq, xs) = activations(&d, K);
    let (w, ws) = up_npy(&d, &values);
    let spec = format!("{}:{UP}", g.display());

    let base = d.join("npy");
    ok(&[
        "run",
        "gemm",
        "--backend",
        "sim",
        "--out",
        s(&base),
        "--in",
        &format!("xq={xq}"),
        "--in",
        &format!("x_scale={xs}"),
        "--in",
        &format!("w={w}"),
        "--in",
        &format!("w_scale={ws}"),
    ]);
    let want = outputs(&base, &["acc", "out"]);
    // acc/out are [m, n] = [3, 24]: rows of the GGUF tensor are outputs.
    assert_eq!(npy::read(&base.join("out.npy")).unwrap().shape(), &[3, N]);

    let o = d.join("gguf");
    let out = run(
        "gemm",
        &[("xq", &xq), ("x_scale", &xs), ("w", &spec)],
        &o,
        &["--json"],
    );
    assert_eq!(outputs(&o, &["acc", "out"]), want, "FILE:TENSOR vs .npy");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["weight"]["operand"], "w");
    assert_eq!(v["weight"]["dtype"], "tq2_0");
    assert_eq!(v["weight"]["shape"], serde_json::json!([N, K]));
    assert_eq!(v["weight"]["scale"], "per-row");
    assert_eq!(v["weight"]["w_scale_from_file"], true);

    // The same weights through tern files.
    for to in ["tern2", "tern1.6"] {
        let t = d.join(format!("model.{to}.tern"));
        ok(&["convert", s(&g), s(&t), "--to", to]);
        let o = d.join(format!("via-{to}"));
        let spec = format!("{}:{UP}", t.display());
        run(
            "gemm",
            &[("xq", &xq), ("x_scale", &xs), ("w", &spec)],
            &o,
            &[],
        );
        assert_eq!(outputs(&o, &["acc", "out"]), want, "{to}");
    }

    // inspect --dump writes what tern run reads, equal to the source.
    let dump = d.join("dump");
    let r = ok_json(&["inspect", s(&g), "--dump", UP, "--out", s(&dump), "--json"]);
    assert_eq!(r["scale"], "per-row");
    assert_eq!(r["shape"], serde_json::json!([N, K]));
    let dw = dump.join(format!("{UP}.w.npy"));
    let dws = dump.join(format!("{UP}.w_scale.npy"));
    assert_eq!(r["outputs"][0]["path"], s(&dw));
    assert_eq!(r["outputs"][1]["path"], s(&dws));
    assert_eq!(std::fs::read(&dw).unwrap(), std::fs::read(&w).unwrap());
    assert_eq!(std::fs::read(&dws).unwrap(), std::fs::read(&ws).unwrap());
    let o = d.join("dumped");
    run(
        "gemm",
        &[
            ("xq", &xq),
            ("x_scale", &xs),
            ("w", s(&dw)),
            ("w_scale", s(&dws)),
        ],
        &o,
        &[],
    );
    assert_eq!(outputs(&o, &["acc", "out"]), want, "dump");
    let text =
        String::from_utf8_lossy(&ok(&["inspect", s(&g), "--dump", UP, "--out", s(&dump)]).stdout)
            .into_owned();
    assert!(
        text.contains("per-row scale") && text.contains(s(&dw)),
        "{text}"
    );

    // An explicit w_scale wins over the file's.
    let one = save(&d, "one", &Tensor::f32(&[1], vec![2.0]).unwrap());
    let (a, b) = (d.join("given"), d.join("given-npy"));
    let out = run(
        "gemm",
        &[
            ("xq", &xq),
            ("x_scale", &xs),
            ("w", &spec),
            ("w_scale", &one),
        ],
        &a,
        &["--json"],
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["weight"]["w_scale_from_file"], false);
    assert_eq!(
        run(
            "gemm",
            &[("xq", &xq), ("x_scale", &xs), ("w", &w), ("w_scale", &one)],
            &b,
            &[]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(outputs(&a, &["acc", "out"]), outputs(&b, &["acc", "out"]));

    // One d for every block: a per-tensor w_scale [1].
    let r = ok_json(&[
        "inspect",
        s(&g),
        "--dump",
        "blk.0.ffn_down.weight",
        "--out",
        s(&dump),
        "--json",
    ]);
    assert_eq!(
        (r["scale"].as_str(), r["dtype"].as_str()),
        (Some("per-tensor"), Some("tq1_0"))
    );
    assert_eq!(
        npy::read(&dump.join("blk.0.ffn_down.weight.w_scale.npy")).unwrap(),
        Tensor::f32(&[1], vec![0.5]).unwrap()
    );
    // A tensor name with ':' (split at the last ':' before an existing file),
    // dumped under a sanitized name.
    let r = ok_json(&[
        "inspect",
        s(&g),
        "--dump",
        "odd:name",
        "--out",
        s(&dump),
        "--json",
    ]);
    assert_eq!(r["outputs"][0]["path"], s(&dump.join("odd_name.w.npy")));
    run(
        "gemm",
        &[
            ("xq", &xq),
            ("x_scale", &xs),
            ("w", &format!("{}:odd:name", g.display())),
        ],
        &d.join("odd"),
        &[],
    );
}

#[test]
fn paths_with_colons_are_files() {
    let d = dir("colon");
    let sub = d.join("a:b");
    std::fs::create_dir_all(&sub).unwrap();
    let (g, values) = model(&sub);
    let (xq, xs) = activations(&sub, K);
    // A .npy whose path has ':' is a path; so is the GGUF's directory.
    assert!(xq.contains(':'));
    let (w, ws) = up_npy(&sub, &values);
    let (a, b) = (d.join("file"), d.join("npy"));
    let spec = format!("{}:{UP}", g.display());
    run(
        "gemm",
        &[("xq", &xq), ("x_scale", &xs), ("w", &spec)],
        &a,
        &[],
    );
    run(
        "gemm",
        &[("xq", &xq), ("x_scale", &xs), ("w", &w), ("w_scale", &ws)],
        &b,
        &[],
    );
    assert_eq!(outputs(&a, &["acc", "out"]), outputs(&b, &["acc", "out"]));
}

#[test]
fn sparse_ops_take_the_transpose() {
    let d = dir("sparse");
    let (g, values) = model(&d);
    let spec = format!("{}:{UP}", g.display());
    // wt as ternary i8 [k, n]: the transpose, made here.
    let mut t = vec![0i8; K * N];
    for r in 0..N {
        for c in 0..K {
            t[c * N + r] = values[r * K + c];
        }
    }
    let wt = save(&d, "wt", &Tensor::i8(&[K, N], t).unwrap());
    let scales: Vec<f32> = (0..N).map(|r| D_VALS[r % 6]).collect();
    let ws = save(&d, "ws", &Tensor::f32(&[N], scales).unwrap());
    let mut rng = SplitMix64::new(9);
    let xq: Vec<i8> = (0..K).map(|_| int8(&mut rng)).collect();
    let xq = save(&d, "xq", &Tensor::i8(&[K], xq).unwrap());
    let xs = save(&d, "xs", &Tensor::f32(&[1], vec![0.03]).unwrap());
    let kept: Vec<u32> = (0..K as u32).filter(|i| i % 3 != 1).collect();
    let kept = save(&d, "kept", &Tensor::u32(&[kept.len()], kept).unwrap());
    for (op, extra) in [
        ("sparse-gemv", vec![("kept", kept.as_str())]),
        ("teal-gemv", vec![]),
    ] {
        let (a, b) = (d.join(format!("{op}-file")), d.join(format!("{op}-npy")));
        let mut ins = vec![("xq", xq.as_str()), ("x_scale", xs.as_str())];
        ins.extend(extra.iter().copied());
        let mut with_file = ins.clone();
        with_file.push(("wt", &spec));
        let out = run(op, &with_file, &a, &["--threshold", "40", "--json"]);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["weight"]["operand"], "wt");
        assert!(v["shape"].as_str().unwrap().contains(&N.to_string()), "{v}");
        let mut with_npy = ins.clone();
        with_npy.extend([("wt", wt.as_str()), ("w_scale", ws.as_str())]);
        run(op, &with_npy, &b, &["--threshold", "40"]);
        assert_eq!(
            outputs(&a, &["acc", "out"]),
            outputs(&b, &["acc", "out"]),
            "{op}"
        );
        assert_eq!(npy::read(&a.join("out.npy")).unwrap().shape(), &[N]);
    }
}

#[test]
fn latent_weights_are_ternarized_as_sim_does() {
    let d = dir("latent");
    let st = d.join("model.safetensors");
    std::fs::write(
        &st,
        latent_checkpoint(1, 64, 32, FloatType::F32, 5).unwrap(),
    )
    .unwrap();
    let name = "model.layers.0.mlp.down_proj.weight";
    let src = formats::Source::open(&st).unwrap();
    let e = src
        .entries()
        .iter()
        .find(|e| e.name == name)
        .unwrap()
        .clone();
    let (n, k) = (e.shape[0] as usize, e.shape[1] as usize);
    let bytes = &src.bytes()[e.offset as usize..(e.offset + e.len) as usize];
    let (packed, scale) = sim::ternary::ternarize(n, k, &FloatType::F32.to_f32(bytes)).unwrap();
    let sim::ternary::WeightScale::PerTensor(scale) = scale else {
        panic!()
    };
    let w = save(
        &d,
        "w",
        &Tensor::u32(&[n, k.div_ceil(16)], packed.words().to_vec()).unwrap(),
    );
    let ws = save(&d, "ws", &Tensor::f32(&[1], vec![scale]).unwrap());
    let (xq, xs) = activations(&d, k);
    let spec = format!("{}:{name}", st.display());
    let (a, b) = (d.join("file"), d.join("npy"));
    let out = run(
        "gemm",
        &[("xq", &xq), ("x_scale", &xs), ("w", &spec)],
        &a,
        &["--json"],
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            v["weight"]["ternarized"].as_bool(),
            v["weight"]["scale"].as_str()
        ),
        (Some(true), Some("per-tensor"))
    );
    run(
        "gemm",
        &[("xq", &xq), ("x_scale", &xs), ("w", &w), ("w_scale", &ws)],
        &b,
        &[],
    );
    assert_eq!(outputs(&a, &["acc", "out"]), outputs(&b, &["acc", "out"]));
    // bitlinear too (float activations, its own quantization).
    let x: Vec<f32> = (0..3 * k)
        .map(|i| ((i * 37 % 101) as f32 - 50.0) / 7.0)
        .collect();
    let x = save(&d, "x", &Tensor::f32(&[3, k], x).unwrap());
    let gain = save(&d, "g", &Tensor::f32(&[k], vec![1.0; k]).unwrap());
    let (a, b) = (d.join("bl-file"), d.join("bl-npy"));
    run(
        "bitlinear",
        &[("x", &x), ("g", &gain), ("w", &spec)],
        &a,
        &[],
    );
    run(
        "bitlinear",
        &[("x", &x), ("g", &gain), ("w", &w), ("w_scale", &ws)],
        &b,
        &[],
    );
    assert_eq!(outputs(&a, &["acc", "out"]), outputs(&b, &["acc", "out"]));
    // Not weights: norms and embeddings of the checkpoint.
    for other in ["model.norm.weight", "model.embeddings.weight"] {
        let spec = format!("{}:{other}", st.display());
        input_error(
            &try_run(
                "gemm",
                &[("xq", &xq), ("x_scale", &xs), ("w", &spec)],
                &d.join("x"),
                &[],
            ),
            &["model.safetensors", other, "not usable as a weight operand"],
        );
    }
}

#[test]
fn bad_weight_operands_exit_2_naming_the_problem() {
    let d = dir("bad");
    let (g, _) = model(&d);
    let (xq, xs) = activations(&d, K);
    let out = d.join("out");
    let gemm = |w: &str| {
        try_run(
            "gemm",
            &[("xq", &xq), ("x_scale", &xs), ("w", w)],
            &out,
            &[],
        )
    };
    let at = |t: &str| format!("{}:{t}", g.display());
    input_error(
        &gemm(&at("blk.0.nope.weight")),
        &[
            "model.gguf",
            "no tensor named \"blk.0.nope.weight\"",
            "--in w=",
        ],
    );
    input_error(
        &gemm(&at("blk.0.attn_norm.weight")),
        &[
            "model.gguf",
            "blk.0.attn_norm.weight",
            "a weight is a matrix",
            "[512]",
        ],
    );
    input_error(
        &gemm(&at("blk.0.attn_q.weight")),
        &[
            "model.gguf",
            "blk.0.attn_q.weight",
            "row 2",
            "different scales",
            "block 0: d = 0.5",
            "block 1: d = 0.25",
        ],
    );
    // A GGUF given without :TENSOR.
    input_error(&gemm(s(&g)), &["model.gguf", "gguf weight file", ":TENSOR"]);
    // k of the weights against k of the activations.
    let (xq256, _) = activations(&d, 256);
    input_error(
        &try_run(
            "gemm",
            &[("xq", &xq256), ("x_scale", &xs), ("w", &at(UP))],
            &out,
            &[],
        ),
        &["w", "[n, k] = [24, 512]", "the activations have k = 256"],
    );
    // Two weights from files.
    input_error(
        &try_run(
            "gemm",
            &[
                ("xq", &xq),
                ("x_scale", &xs),
                ("w", &at(UP)),
                ("wt", &at(UP)),
            ],
            &out,
            &[],
        ),
        &["wt", "second FILE:TENSOR weight"],
    );
    // FILE:TENSOR where no weight goes.
    input_error(
        &try_run(
            "gemm",
            &[("xq", &at(UP)), ("x_scale", &xs), ("w", &at(UP))],
            &out,
            &[],
        ),
        &["xq", "only the weight operands w and wt"],
    );
    // The sparse ops' weight operand is wt.
    let x1 = save(&d, "x1", &Tensor::i8(&[K], vec![1; K]).unwrap());
    let s1 = save(&d, "s1", &Tensor::f32(&[1], vec![1.0]).unwrap());
    input_error(
        &try_run(
            "teal-gemv",
            &[("xq", &x1), ("x_scale", &s1), ("w", &at(UP))],
            &out,
            &[],
        ),
        &["wt", "w was given, but this op's weight operand is wt"],
    );
    // A file that is not there.
    input_error(
        &gemm(&format!("{}/none.gguf:{UP}", d.display())),
        &["none.gguf", "no such file", "FILE:TENSOR"],
    );
    // A .npy is one array: it has no tensors to name.
    input_error(
        &gemm(&format!("{xs}:w")),
        &["x_scale.npy", ".npy file holds one array"],
    );
    // --dump refuses what is not a weight, and unknown names.
    let dump = d.join("dump");
    input_error(
        &tern(&[
            "inspect",
            s(&g),
            "--dump",
            "blk.0.attn_norm.weight",
            "--out",
            s(&dump),
        ]),
        &[
            "model.gguf",
            "blk.0.attn_norm.weight",
            "not usable as a weight operand",
        ],
    );
    input_error(
        &tern(&["inspect", s(&g), "--dump", "nope", "--out", s(&dump)]),
        &["model.gguf", "no tensor named \"nope\""],
    );
    assert!(!dump.join("nope.w.npy").exists());
}
