//! `tern generate` and `tern eval` end to end on tiny random models written
//! in the published layouts: the same tokens and logits on sim and cpu,
//! `--logits` of shape `[P + N, V]`, sampling reproducible by seed, the
//! f64 reference comparison, and bad input refused with exit 2 and nothing
//! written.

use std::path::{Path, PathBuf};

use formats::FloatType;
use formats::samples::{BitnetSpec, HgrnSpec, bitnet_gguf, write_hgrn_folder};
use formats::tq::TqKind;

use crate::common::{dir, input_error, ok, ok_json, s, tern};

fn hgrn(d: &Path) -> PathBuf {
    let p = d.join("hgrn");
    let spec = HgrnSpec {
        vocab: 300,
        hidden: 64,
        layers: 2,
        intermediate: None,
        dtype: FloatType::Bf16,
        shards: 1,
    };
    write_hgrn_folder(&p, &spec, 1).unwrap();
    p
}

fn bitnet(d: &Path) -> PathBuf {
    let p = d.join("bitnet.gguf");
    let spec = BitnetSpec {
        vocab: 300,
        hidden: 256,
        layers: 2,
        heads: 4,
        kv_heads: 2,
        ffn: 512,
        arch: "bitnet",
        kind: TqKind::Tq2_0,
        scale_tensors: false,
        embd_f16: true,
    };
    std::fs::write(&p, bitnet_gguf(&spec, 2).unwrap()).unwrap();
    p
}

#[test]
fn generate_is_the_same_on_sim_and_cpu_with_every_logit() {
    let d = dir("models", "generate");
    for model in [hgrn(&d), bitnet(&d)] {
        let mut runs = Vec::new();
        for backend in ["sim", "cpu"] {
            let logits = d.join(format!("{backend}.npy"));
            let j = ok_json(&[
                "generate",
                "--model",
                s(&model),
                "--tokens",
                "5,17,250,3",
                "--max-new",
                "6",
                "--ignore-eos",
                "--backend",
                backend,
                "--logits",
                s(&logits),
                "--json",
                "--delta-theta",
                "4",
                "--window",
                "3",
            ]);
            assert_eq!(j["generated_tokens"].as_array().unwrap().len(), 6);
            let t = formats::npy::read(&logits).unwrap();
            assert_eq!(t.shape(), [10, 300]);
            runs.push((
                j["generated_tokens"].clone(),
                std::fs::read(&logits).unwrap(),
            ));
        }
        assert_eq!(runs[0], runs[1], "{}", model.display());
    }
    // Text in and out: the folder's tokenizer.json, and the GGUF's byte-level
    // BPE vocabulary rebuilt as a tokenizer (BOS first, as llama.cpp adds it).
    let j = ok_json(&[
        "generate",
        "--model",
        s(&hgrn(&d)),
        "--prompt",
        "w5 w17 w250",
        "--max-new",
        "3",
        "--ignore-eos",
        "--json",
    ]);
    assert_eq!(j["prompt_tokens"], serde_json::json!([5, 17, 250]));
    let words = j["text"].as_str().unwrap();
    assert_eq!(words.split(' ').count(), 3, "{j}");
    assert!(
        words
            .split(' ')
            .all(|w| w.starts_with('w') || w.starts_with('<')),
        "{j}"
    );
    let j = ok_json(&[
        "generate",
        "--model",
        s(&bitnet(&d)),
        "--prompt",
        "the other",
        "--max-new",
        "2",
        "--ignore-eos",
        "--json",
    ]);
    let p: Vec<u64> = j["prompt_tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    // <s>, "th" "e", " o" "th" "er": merges of the sample vocabulary.
    assert_eq!(p[0], 1, "{j}");
    assert!(p.len() < 1 + "the other".len(), "BPE merged nothing: {j}");
    assert!(j["text"].is_string());
}

#[test]
fn generate_on_other_backends_and_placements_equals_sim() {
    let d = dir("models", "placed");
    let model = hgrn(&d);
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["--backend", "sim"],
        vec!["--backend", "cpu", "--place", "ffn=fpga,head=fpga"],
    ];
    match host::registry::open("wgpu") {
        Ok(_) => runs.push(vec!["--backend", "wgpu", "--place", "attn:1=cpu"]),
        Err(u) if host::registry::is_required("wgpu") => panic!("wgpu is required: {}", u.reason),
        Err(u) => println!("SKIPPED wgpu: {}", u.reason),
    }
    let mut want = None;
    for (i, flags) in runs.iter().enumerate() {
        let logits = d.join(format!("run{i}.npy"));
        let mut args = vec![
            "generate",
            "--model",
            s(&model),
            "--tokens",
            "5,17,250,3",
            "--max-new",
            "5",
            "--ignore-eos",
            "--wina",
            "0.4",
            "--logits",
            s(&logits),
            "--json",
        ];
        args.extend_from_slice(flags);
        let j = ok_json(&args);
        let got = (
            j["generated_tokens"].clone(),
            j["wina_sparsity"].clone(),
            std::fs::read(&logits).unwrap(),
        );
        // Every device backend of the placement ran ops on resident weights.
        for b in j["backends"].as_array().unwrap() {
            let t = &b["transfers"];
            if !["sim", "cpu"].contains(&b["backend"].as_str().unwrap()) {
                assert!(t["device_ops"].as_u64().unwrap() > 0, "{j}");
                assert!(t["resident_bytes"].as_u64().unwrap() > 0, "{j}");
            }
        }
        match &want {
            None => want = Some(got),
            Some(w) => assert_eq!(&got, w, "{flags:?}"),
        }
    }
}

#[test]
fn sampling_is_reproducible_by_seed_and_wina_reports_its_sparsity() {
    let d = dir("models", "sampling");
    let m = hgrn(&d);
    let run = |seed: &str| {
        ok_json(&[
            "generate",
            "--model",
            s(&m),
            "--tokens",
            "7,8,9",
            "--max-new",
            "12",
            "--ignore-eos",
            "--temperature",
            "1.5",
            "--top-p",
            "0.95",
            "--seed",
            seed,
            "--json",
        ])["generated_tokens"]
            .clone()
    };
    assert_eq!(run("3"), run("3"));
    assert_ne!(run("3"), run("4"));
    let j = ok_json(&[
        "generate",
        "--model",
        s(&m),
        "--tokens",
        "7,8",
        "--max-new",
        "4",
        "--wina",
        "0.5",
        "--json",
    ]);
    let sp = j["wina_sparsity"].as_f64().unwrap();
    assert!((sp - 0.5).abs() < 0.02, "{sp}");
    // A sparsity file names projections by tensor name; an unknown one is refused.
    let f = d.join("sparsity.json");
    std::fs::write(&f, r#"{"model.layers.1.mlp.down_proj": 0.75}"#).unwrap();
    let j = ok_json(&[
        "generate",
        "--model",
        s(&m),
        "--tokens",
        "7,8",
        "--max-new",
        "4",
        "--wina-file",
        s(&f),
        "--json",
    ]);
    let sp = j["wina_sparsity"].as_f64().unwrap();
    assert!((sp - 0.75).abs() < 0.01, "{sp}");
    std::fs::write(&f, r#"{"model.layers.9.mlp.down_proj": 0.5}"#).unwrap();
    input_error(
        &tern(&[
            "generate",
            "--model",
            s(&m),
            "--tokens",
            "7",
            "--wina-file",
            s(&f),
        ]),
        &[
            "--wina-file",
            "model.layers.9.mlp.down_proj",
            "not a projection",
        ],
    );
}

#[test]
fn eval_reports_perplexity_and_the_drift_from_the_f64_reference() {
    let d = dir("models", "eval");
    let toks = d.join("tokens.txt");
    std::fs::write(&toks, "5 17 250 3\n9, 44, 100\n200 7").unwrap();
    for model in [hgrn(&d), bitnet(&d)] {
        let j = ok_json(&[
            "eval",
            "--model",
            s(&model),
            "--tokens-file",
            s(&toks),
            "--reference",
            "--json",
        ]);
        let ppl = j["perplexity"].as_f64().unwrap();
        assert!(ppl.is_finite() && ppl > 1.0, "{j}");
        let r = &j["reference"];
        // The plumbing of the comparison; sim's own tests hold the bounds.
        assert!(r["mean_kl"].as_f64().unwrap() < 0.05, "{j}");
        assert!(r["top1_agreement"].as_f64().unwrap() >= 0.75, "{j}");
        let per = r["per_position"].as_array().unwrap();
        assert_eq!(per.len(), 9);
        let mean = per.iter().map(|p| p["kl"].as_f64().unwrap()).sum::<f64>() / 9.0;
        assert!((mean - r["mean_kl"].as_f64().unwrap()).abs() < 1e-12, "{j}");
    }
}

#[test]
fn bench_times_a_whole_model() {
    let d = dir("models", "bench");
    let out = d.join("out");
    let j = ok_json(&[
        "bench",
        "--model",
        s(&bitnet(&d)),
        "--backend",
        "cpu",
        "--backend",
        "sim",
        "--place",
        "ffn=fpga",
        "--prompt-len",
        "4",
        "--decode",
        "3",
        "--runs",
        "1",
        "--out",
        s(&out),
        "--json",
    ]);
    let rows = j["rows"].as_array().unwrap();
    let engines: Vec<&str> = rows.iter().map(|r| r["engine"].as_str().unwrap()).collect();
    assert!(
        engines.starts_with(&["tern cpu", "tern sim", "tern cpu,ffn=fpga"]),
        "{j}"
    );
    // The FPGA placement's per-token counters, and one projected row per
    // synthesized board system (`hdl/results`), each naming its board and
    // the board's clocks and link bytes per token.
    let fpga = rows[2]["backends"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["backend"] == "fpga")
        .unwrap();
    assert!(fpga["transfers"]["cycles"].as_u64().unwrap() > 0, "{j}");
    let projected: Vec<&serde_json::Value> =
        rows.iter().filter(|r| r["kind"] == "projected").collect();
    assert_eq!(projected.len(), 5, "{j}");
    assert_eq!(j["skipped_projections"], serde_json::json!([]), "{j}");
    assert!(
        projected.iter().all(|r| {
            let note = r["note"].as_str().unwrap();
            note.contains("board cycles") && note.contains("link bytes")
        }),
        "{j}"
    );
    assert!(
        projected
            .iter()
            .all(|r| r["prefill_tokens_per_s"].as_f64().unwrap() > 0.0
                && r["first_token_ms"].as_f64().unwrap() > 0.0),
        "{j}"
    );
    for board in ["icebreaker", "alchitry-cu", "ulx3s-25f", "ulx3s-85f"] {
        assert!(
            projected.iter().any(|r| r["engine"]
                .as_str()
                .unwrap()
                .starts_with(&format!("fpga {board} board system"))),
            "{board}: {j}"
        );
    }
    assert!(
        std::fs::read_to_string(out.join("model.svg"))
            .unwrap()
            .starts_with("<svg")
    );
    assert!(
        rows.iter()
            .all(|r| r["decode_tokens_per_s"].as_f64().unwrap() > 0.0),
        "{j}"
    );
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("model.json")).unwrap()).unwrap();
    assert_eq!(saved["rows"], j["rows"]);
    input_error(
        &tern(&[
            "bench",
            "--model",
            s(&hgrn(&d)),
            "--prompt-len",
            "4000",
            "--out",
            s(&out),
        ]),
        &["--prompt-len", "2048"],
    );
}

#[test]
fn eval_reads_text_through_the_tokenizer() {
    let d = dir("models", "text");
    let text = d.join("text.txt");
    std::fs::write(&text, "w5 w17 w250 w3 w9 w44").unwrap();
    let j = ok_json(&[
        "eval",
        "--model",
        s(&hgrn(&d)),
        "--text",
        s(&text),
        "--json",
    ]);
    assert_eq!(j["tokens"], 6);
    std::fs::write(&text, "in the end").unwrap();
    let j = ok_json(&[
        "eval",
        "--model",
        s(&bitnet(&d)),
        "--text",
        s(&text),
        "--json",
    ]);
    assert!(j["perplexity"].as_f64().unwrap().is_finite());
    std::fs::remove_file(hgrn(&d).join("tokenizer.json")).unwrap();
    input_error(
        &tern(&["generate", "--model", s(&d.join("hgrn")), "--prompt", "w5"]),
        &["--prompt", "no tokenizer"],
    );
}

#[test]
fn bad_models_and_flags_exit_2_and_write_nothing() {
    let d = dir("models", "bad");
    let m = hgrn(&d);
    let out = d.join("logits.npy");
    let g = |extra: &[&str]| {
        let mut a = vec!["generate", "--model", s(&m), "--logits", s(&out)];
        a.extend_from_slice(extra);
        tern(&a)
    };
    input_error(
        &g(&["--tokens", "1,300"]),
        &["--tokens", "300", "vocabulary of 300"],
    );
    input_error(
        &g(&["--tokens", "1", "--max-new", "5000"]),
        &["--max-new", "2048"],
    );
    // The flag is named, and only the flag.
    let o = g(&["--tokens", "1", "--wina", "1.5"]);
    input_error(&o, &["--wina: 1.5 is outside [0, 1)"]);
    assert!(!String::from_utf8_lossy(&o.stderr).contains("--window"));
    input_error(
        &g(&["--tokens", "1", "--window", "0"]),
        &["--window: must be at least 1"],
    );
    // A layer the model does not have would place nothing.
    input_error(
        &g(&["--tokens", "1", "--place", "ffn:5=sim"]),
        &["--place ffn:5", "2 layers (0-1)"],
    );
    input_error(
        &g(&["--tokens", "1", "--backend", "tpu"]),
        &["--backend", "unknown backend \"tpu\"", "fpga"],
    );
    input_error(
        &g(&["--tokens", "1", "--place", "mlp=fpga"]),
        &["--place", "unknown part \"mlp\""],
    );
    input_error(&g(&["--tokens", "1", "--temperature=-1"]), &["temperature"]);
    assert!(!out.exists(), "a failed run wrote its output");
    input_error(
        &tern(&[
            "generate",
            "--model",
            s(&m),
            "--tokens",
            "1",
            "--logits",
            s(&d),
        ]),
        &["--logits", "directory"],
    );

    // Config and tensors that disagree, an unknown architecture, a missing shard.
    let cfg = m.join("config.json");
    let good = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        good.replace("\"hidden_size\":64", "\"hidden_size\":32"),
    )
    .unwrap();
    input_error(
        &g(&["--tokens", "1"]),
        &["model.lower_bounds", "the config implies 64"],
    );
    std::fs::write(&cfg, good.replace("hgrn_bit", "llama")).unwrap();
    input_error(
        &g(&["--tokens", "1"]),
        &["config.json", "model_type \"llama\""],
    );
    std::fs::write(
        &cfg,
        good.replace("\"use_lower_bound\":true", "\"use_lower_bound\":false"),
    )
    .unwrap();
    input_error(
        &g(&["--tokens", "1"]),
        &["model.lower_bounds", "not a tensor of this architecture"],
    );
    std::fs::write(&cfg, &good).unwrap();
    let sharded = d.join("sharded");
    let spec = HgrnSpec {
        vocab: 300,
        hidden: 64,
        layers: 2,
        intermediate: None,
        dtype: FloatType::F32,
        shards: 3,
    };
    write_hgrn_folder(&sharded, &spec, 4).unwrap();
    ok(&[
        "generate",
        "--model",
        s(&sharded),
        "--tokens",
        "1",
        "--max-new",
        "1",
    ]);
    std::fs::remove_file(sharded.join("model-00002-of-00003.safetensors")).unwrap();
    input_error(
        &tern(&["generate", "--model", s(&sharded), "--tokens", "1"]),
        &["model-00002-of-00003.safetensors"],
    );

    let b = bitnet(&d);
    let bytes = std::fs::read(&b).unwrap();
    let renamed = d.join("llama.gguf");
    let needle = b"bitnet.attention";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    let mut other = bytes.clone();
    other[at..at + 6].copy_from_slice(b"bitnex");
    std::fs::write(&renamed, other).unwrap();
    input_error(
        &tern(&["generate", "--model", s(&renamed), "--tokens", "1"]),
        &["llama.gguf"],
    );
    assert!(!out.exists());
}
