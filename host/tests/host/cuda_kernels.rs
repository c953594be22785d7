//! Every CUDA kernel file compiles with NVRTC (with the launch constants of
//! `kernels::cuda_consts` as macros), on a machine without a GPU, and
//! defines every entry point the launch plan names.
//!
//! NVRTC comes from PyPI's `nvidia-cuda-nvrtc-cu12` (scripts/setup installs
//! it, scripts/env puts it on `LD_LIBRARY_PATH`). Where it is absent the
//! tests print `SKIPPED nvrtc: <reason>` and pass, unless `REQUIRE_BACKENDS`
//! names `nvrtc` or `CI=true`, where a missing NVRTC is a failure.

use host::backends::cuda::{
    CudaError, Target, compile, image_file_name, nvrtc_present, nvrtc_version, options, prebuild,
};
use host::backends::cuda_plan::Kernel;
use host::registry::required_backends;
use kernels::Source;

/// The virtual architecture CI compiles PTX for (Hopper).
const PTX_ARCH: &str = "compute_90";

/// Whether NVRTC is here; panics where it is required, says SKIPPED otherwise.
/// This module's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    crate::trials!["cuda_kernels": every_cu_file_compiles_to_ptx, every_launched_function_has_a_source_file, every_cu_file_compiles_to_a_hopper_cubin, the_launch_constants_are_compile_options, a_compile_error_names_the_kernel_and_carries_the_log]
}

fn nvrtc_or_skip() -> bool {
    if nvrtc_present() {
        return true;
    }
    let required = required_backends().iter().any(|b| b == "nvrtc")
        || std::env::var("CI").is_ok_and(|v| v == "true");
    let reason = "no NVRTC library (libnvrtc.so.12) on LD_LIBRARY_PATH; run scripts/setup and source scripts/env";
    assert!(
        !required,
        "NVRTC is required here (CI=true or REQUIRE_BACKENDS has nvrtc) but missing: {reason}"
    );
    println!("SKIPPED nvrtc: {reason}");
    false
}

fn every_cu_file_compiles_to_ptx() {
    if !nvrtc_or_skip() {
        return;
    }
    println!("NVRTC {:?}", nvrtc_version());
    assert!(!kernels::CUDA.is_empty());
    for src in kernels::CUDA {
        let ptx = compile(src, PTX_ARCH, Target::Ptx).unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8_lossy(&ptx);
        assert!(
            text.contains(".target sm_90"),
            "{}: PTX is not for sm_90",
            src.file
        );
        // NUMERICS.md: every float product and sum is rounded on its own.
        assert!(
            !text.contains("fma.rn.f32") && !text.contains("fma.rn.ftz.f32"),
            "{}: the PTX fuses a float multiply-add",
            src.file
        );
        for k in Kernel::ALL.iter().filter(|k| k.file() == src.file) {
            assert!(
                text.contains(&format!(".entry {}(", k.entry())),
                "{}: no entry point {k} in the PTX",
                src.file
            );
        }
        println!("{}: {} bytes of PTX", src.file, ptx.len());
    }
}

fn every_launched_function_has_a_source_file() {
    for k in Kernel::ALL {
        let file = k.file();
        let src = k
            .source()
            .unwrap_or_else(|| panic!("{k}: no kernel file {file}"));
        assert!(
            src.text
                .contains(&format!("extern \"C\" __global__ void {}(", k.entry())),
            "{file} defines no kernel {k}"
        );
    }
    for src in kernels::CUDA {
        assert!(
            src.text.starts_with(&format!("// {}:", src.file)),
            "{} must start with a header naming itself",
            src.file
        );
        assert!(
            src.text.contains("Mirrors sim::"),
            "{}: the header must name the sim function it mirrors",
            src.file
        );
    }
}

fn every_cu_file_compiles_to_a_hopper_cubin() {
    if !nvrtc_or_skip() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("tern-cubin-test-{}", std::process::id()));
    let files = prebuild(&dir, "sm_90").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(files.len(), kernels::CUDA.len());
    for (src, path) in kernels::CUDA.iter().zip(&files) {
        assert_eq!(
            path.file_name().and_then(|n| n.to_str()),
            Some(image_file_name(src, "sm_90", Target::Cubin).as_str())
        );
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            &bytes[..4],
            b"\x7fELF",
            "{}: a cubin is an ELF file",
            src.file
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The launch constants reach NVRTC as macros, so they are part of every
/// image's cache key (the hash covers the options).
fn the_launch_constants_are_compile_options() {
    let opts = options(PTX_ARCH);
    for (name, value) in kernels::cuda_consts::DEFINES {
        assert!(
            opts.contains(&format!("--define-macro={name}={value}")),
            "{name} is not passed to NVRTC: {opts:?}"
        );
    }
}

fn a_compile_error_names_the_kernel_and_carries_the_log() {
    if !nvrtc_or_skip() {
        return;
    }
    let broken = Source {
        file: "broken.cu",
        text: "extern \"C\" __global__ void f(int* p) { *p = undefined_name; }\n",
    };
    match compile(&broken, PTX_ARCH, Target::Ptx) {
        Err(CudaError::Compile {
            kernel, arch, log, ..
        }) => {
            assert_eq!(kernel, "broken.cu");
            assert_eq!(arch, PTX_ARCH);
            assert!(log.contains("undefined_name"), "log: {log}");
        }
        other => panic!("expected a compile error, got {other:?}"),
    }
}
