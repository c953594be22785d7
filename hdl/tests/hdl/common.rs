//! Helpers shared by the hdl integration tests: skipping when a tool is
//! absent, and scratch directories.

use std::path::PathBuf;

/// True when `REQUIRE_BACKENDS` names `fpga`: a missing tool is a failure.
pub fn fpga_required() -> bool {
    std::env::var("REQUIRE_BACKENDS").is_ok_and(|v| v.split(',').any(|b| b.trim() == "fpga"))
}

/// Returns true when every tool is present. Otherwise prints
/// `SKIPPED fpga: <reason>` and returns false, or panics if fpga is required.
pub fn tools_or_skip(tools: &[&str]) -> bool {
    match hdl::tools::require(tools) {
        Ok(()) => true,
        Err(e) if fpga_required() => panic!("REQUIRE_BACKENDS has fpga but {e}"),
        Err(e) => {
            println!("SKIPPED fpga: {e}");
            false
        }
    }
}

/// A fresh scratch directory under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("hdl")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The scratch directory `scratch(name)` made, without clearing it.
pub fn scratch_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("hdl")
        .join(name)
}

/// Compares `text` with `golden/<name>`; `UPDATE_GOLDEN=1` rewrites it.
pub fn golden(name: &str, text: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("golden")
        .join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::write(&path, text).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert!(
        want == text,
        "generated Verilog differs from {}; review the change and rerun with UPDATE_GOLDEN=1",
        path.display()
    );
}

/// The values a replayed design handed over: `out_data` on the cycles where
/// it raised `out_valid` and the trace's `out_ready` was high.
pub fn handed_over(
    p: &hdl::harness::Ports,
    trace: &[hdl::harness::TraceRow],
    out: &[Vec<String>],
) -> Vec<i32> {
    let col = |ports: &[(&str, usize)], name: &str| {
        ports
            .iter()
            .position(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no port {name}"))
    };
    let ready = col(&p.inputs, "out_ready");
    let (valid, data) = (col(&p.outputs, "out_valid"), col(&p.outputs, "out_data"));
    trace
        .iter()
        .zip(out)
        .filter(|(row, o)| o[valid] == "1" && row.inputs[ready] == "1")
        .map(|(_, o)| u32::from_str_radix(&o[data], 16).unwrap_or(u32::MAX) as i32)
        .collect()
}
