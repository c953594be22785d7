//! Compiles each CUDA kernel file of `kernels::CUDA` as C++ against
//! `cpp/shim.h` (the CUDA emulation), one translation unit per file, with the
//! launch constants of `kernels::cuda_consts::DEFINES` as macros (the same
//! values NVRTC gets), and a table of its `__global__` functions.
//!
//! Source rewrites, the only ones: `__shared__` variables become `static`
//! (one copy shared by the emulated threads of the running block), and
//! `extern __shared__ T name[];` becomes a pointer to the launch's dynamic
//! shared memory. Entry points are found in the source (`__global__ void
//! [__launch_bounds__(..)] name(`), so a new kernel needs no wrapper here.

// A build script reports failure by panicking.
#![allow(clippy::expect_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let here =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut b = cc::Build::new();
    b.cpp(true)
        .std("c++20")
        .flag("-ffp-contract=off")
        .flag("-pthread")
        .include(here.join("cpp"))
        .warnings(false)
        .opt_level(1);
    for (name, value) in kernels::cuda_consts::DEFINES {
        b.define(name, Some(value.to_string().as_str()));
    }
    let mut tables = Vec::new();
    for src in kernels::CUDA {
        let stem = src.file.trim_end_matches(".cu");
        let entries = entry_points(src.text);
        assert!(!entries.is_empty(), "{}: no __global__ function", src.file);
        let cu = out.join(format!("{stem}.cu.inc"));
        std::fs::write(&cu, rewrite_shared(src.text)).expect("write kernel copy");
        let table = format!("emu_entries_{stem}");
        let mut tu = format!(
            "#include \"shim.h\"\n#include \"{}\"\nstatic const EmuEntry entries[] = {{\n",
            cu.display()
        );
        for e in &entries {
            let _ = writeln!(tu, "    EMU_ENTRY({e}),");
        }
        let _ = write!(
            tu,
            "}};\nextern \"C\" const EmuEntry* {table}(size_t* n) {{\n    *n = sizeof entries / sizeof entries[0];\n    return entries;\n}}\n"
        );
        b.file(write(&out, &format!("emu_{stem}.cpp"), &tu));
        tables.push(table);
        let path = here.join("../kernels/cuda").join(src.file);
        println!("cargo:rerun-if-changed={}", path.display());
    }
    b.file(write(&out, "emu_registry.cpp", &registry(&tables)));
    // The emulated mma on whole matrices, for the crate's own test of it.
    b.file(here.join("cpp/mma_check.cpp"));
    println!("cargo:rerun-if-changed=cpp/shim.h");
    println!("cargo:rerun-if-changed=cpp/mma_check.cpp");
    b.compile("tern_cuda_emu");
    println!("cargo:rustc-link-lib=stdc++");
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write translation unit");
    path
}

/// The names of the `__global__` functions of a kernel file, in order.
fn entry_points(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("__global__ void ") {
        let mut tail = rest[at + "__global__ void ".len()..].trim_start();
        if let Some(after) = tail.strip_prefix("__launch_bounds__(") {
            let close = after.find(')').expect("__launch_bounds__ closes");
            tail = after[close + 1..].trim_start();
        }
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(tail.len());
        names.push(tail[..end].to_string());
        rest = &tail[end..];
    }
    names
}

/// `__shared__` as the emulation needs it (see the module header).
fn rewrite_shared(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("extern __shared__ ") {
        out.push_str(&rest[..at]);
        let decl_start = at + "extern __shared__ ".len();
        let semi = rest[decl_start..].find(';').expect("declaration ends") + decl_start;
        let decl = rest[decl_start..semi].trim();
        let decl = decl
            .strip_suffix("[]")
            .expect("extern __shared__ T name[];");
        let split = decl.rfind(' ').expect("a type and a name");
        let (ty, name) = (decl[..split].trim(), decl[split..].trim());
        let _ = write!(out, "{ty}* {name} = emu_dynamic_shared<{ty}>()");
        rest = &rest[semi..];
    }
    out.push_str(rest);
    out.replace("__shared__", "static")
}

/// The translation unit that lists every kernel file's table, so the Rust
/// side finds entries by name (and the linker keeps every file's objects).
fn registry(tables: &[String]) -> String {
    let mut tu = String::from("#include \"shim.h\"\n");
    for t in tables {
        let _ = writeln!(tu, "extern \"C\" const EmuEntry* {t}(size_t* n);");
    }
    tu.push_str(
        "using EmuTable = const EmuEntry* (*)(size_t*);\nstatic const EmuTable tables[] = {\n",
    );
    for t in tables {
        let _ = writeln!(tu, "    {t},");
    }
    tu.push_str(
        r#"};
extern "C" size_t emu_entry_count() {
    size_t total = 0;
    for (EmuTable t : tables) { size_t n = 0; t(&n); total += n; }
    return total;
}
extern "C" const EmuEntry* emu_entry(size_t i) {
    for (EmuTable t : tables) {
        size_t n = 0;
        const EmuEntry* e = t(&n);
        if (i < n) return e + i;
        i -= n;
    }
    return nullptr;
}
"#,
    );
    tu
}
