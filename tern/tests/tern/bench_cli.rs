//! `tern bench` and `tern run --backend auto` end to end, on tiny shapes:
//! the table, the JSON, CSV and SVG files, and the choice read back from
//! them. Checks what is written, never how fast anything ran.

use std::process::Command;

#[test]
fn bench_writes_its_outputs_and_run_auto_reads_them() {
    let dir = std::env::temp_dir().join(format!("tern-bench-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tern"))
        .current_dir(&dir)
        .args([
            "bench",
            "--backend",
            "cpu",
            "--backend",
            "sim",
            "--shapes",
            "48x512",
            "--prefill",
            "4",
            "--sparsity",
            "0,0.5",
            "--theta",
            "4",
        ])
        .args([
            "--attn",
            "2",
            "16",
            "24",
            "4",
            "--reps",
            "3",
            "--warmup",
            "1",
            "--out",
            "out/bench",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "stdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for needle in [
        "host read bandwidth",
        "gemv",
        "48x512",
        "wina-gemv",
        "teal-gemv",
        "attn-decode",
        "attn-dense",
        "read (roofline)",
        "FPGA:",
    ] {
        assert!(
            stdout.contains(needle),
            "'{needle}' missing from:\n{stdout}"
        );
    }
    let files: Vec<_> = std::fs::read_dir(dir.join("out/bench"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for ext in ["json", "csv", "svg"] {
        assert!(
            files
                .iter()
                .any(|p| p.extension().is_some_and(|e| e == ext)),
            "no .{ext} in {files:?}"
        );
    }
    let json = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap();
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    let rows = report["rows"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["backend"] == "cpu"
        && r["op"] == "gemv"
        && r["median_s"].as_f64().unwrap() > 0.0));
    assert!(
        rows.iter()
            .any(|r| r["backend"] == "sim" && r["op"] == "wina" && r["speedup"].is_number())
    );
    let svg = std::fs::read_to_string(json.with_extension("svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("<rect"));

    // tern run --backend auto picks from that file and says which it chose.
    let t = |name: &str, t: host::Tensor| {
        let p = dir.join(format!("{name}.npy"));
        formats::npy::write(&p, &t).unwrap();
        format!("{name}={}", p.display())
    };
    let w = sim::ternary::PackedTernary::pack(48, 512, &vec![1i8; 48 * 512]).unwrap();
    let ins = [
        t("xq", host::Tensor::i8(&[1, 512], vec![1; 512]).unwrap()),
        t("x_scale", host::Tensor::f32(&[1], vec![0.5]).unwrap()),
        t(
            "w",
            host::Tensor::u32(&[48, 32], w.words().to_vec()).unwrap(),
        ),
        t("w_scale", host::Tensor::f32(&[1], vec![0.25]).unwrap()),
    ];
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tern"));
    cmd.current_dir(&dir)
        .args(["run", "gemm", "--backend", "auto", "--out", "res"]);
    for i in &ins {
        cmd.args(["--in", i]);
    }
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stderr: {err}");
    assert!(
        err.contains("auto: chose")
            && err.contains(&json.file_name().unwrap().to_string_lossy().to_string()),
        "stderr: {err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
