//! Compiles each `kernels/cuda/*.cu` file as C++ against `cpp/shim.h` (the
//! CUDA emulation), one translation unit per file, with its launch wrappers.
//! The only source rewrite: `__shared__` variables become `static` (one copy
//! shared by the emulated threads of the running block).

// A build script reports failure by panicking.
#![allow(clippy::expect_used)]

use std::path::PathBuf;

const FILES: [&str; 5] = [
    "quantize",
    "gemm",
    "wina_select",
    "sparse_gemv",
    "attention",
];

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let here =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let kernels = here.join("../kernels/cuda");
    let mut b = cc::Build::new();
    b.cpp(true)
        .std("c++20")
        .flag("-ffp-contract=off")
        .flag("-pthread")
        .include(here.join("cpp"))
        .warnings(false)
        .opt_level(1);
    for f in FILES {
        let path = kernels.join(format!("{f}.cu"));
        let src =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let src = src
            .replace("extern __shared__", "extern")
            .replace("__shared__", "static");
        let cu = out.join(format!("{f}.cu.inc"));
        std::fs::write(&cu, src).expect("write kernel copy");
        let tu = out.join(format!("emu_{f}.cpp"));
        std::fs::write(
            &tu,
            format!(
                "#include \"shim.h\"\n#include \"{}\"\n#include \"wrap_{f}.h\"\n",
                cu.display()
            ),
        )
        .expect("write translation unit");
        b.file(tu);
        println!("cargo:rerun-if-changed={}", path.display());
        println!("cargo:rerun-if-changed=cpp/wrap_{f}.h");
    }
    println!("cargo:rerun-if-changed=cpp/shim.h");
    b.compile("tern_cuda_emu");
    println!("cargo:rustc-link-lib=stdc++");
}
