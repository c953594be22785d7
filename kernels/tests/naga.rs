//! Every `.wgsl` file is parsed and validated by naga (the WGSL front end
//! wgpu itself uses), on the CPU, with no GPU, as the host compiles it (with
//! the launch constants prepended). Also checks that the `WGSL` list names
//! every file of `kernels/wgsl/`, that each file starts with the header that
//! names its bindings and the `sim` function it mirrors, and that each
//! file's `struct Params` and its Rust twin in `kernels::wgsl_layout` declare
//! the same fields in the same order.

use kernels::wgsl_layout::{ALL_PARAMS, FieldType};
use kernels::{WGSL, Wgsl};

fn validate(file: &str, text: &str) -> naga::Module {
    let module = naga::front::wgsl::parse_str(text)
        .unwrap_or_else(|e| panic!("{file}: parse error:\n{}", e.emit_to_string(text)));
    // The kernels use no optional capability, so the default set must accept them.
    naga::valid::Validator::new(
        naga::valid::ValidationFlags::all(),
        naga::valid::Capabilities::default(),
    )
    .validate(&module)
    .unwrap_or_else(|e| panic!("{file}: validation error:\n{}", e.emit_to_string(text)));
    module
}

#[test]
fn every_wgsl_kernel_parses_and_validates() {
    for k in Wgsl::ALL {
        let src = k.source();
        let module = validate(src.file, &k.module_text());
        assert!(
            module
                .entry_points
                .iter()
                .any(|e| e.stage == naga::ShaderStage::Compute),
            "{}: no compute entry point",
            src.file
        );
    }
}

#[test]
fn every_file_is_listed_and_has_a_header() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("wgsl");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("kernels/wgsl exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".wgsl"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = Wgsl::ALL
        .iter()
        .map(|k| k.source().file.to_string())
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed, "kernels/wgsl and Wgsl::ALL disagree");
    assert_eq!(WGSL.len(), Wgsl::ALL.len());
    for src in WGSL {
        let header: String = src
            .text
            .lines()
            .take_while(|l| l.starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            header.contains("Mirrors: sim::"),
            "{}: header does not name the sim function",
            src.file
        );
        assert!(
            header.contains("Bindings"),
            "{}: header does not list the bindings",
            src.file
        );
    }
}

#[test]
fn a_broken_kernel_is_rejected() {
    // The check above can fail: a type error must not validate.
    let bad = "@compute @workgroup_size(1) fn main() { let x: u32 = 1.5; }";
    assert!(
        naga::front::wgsl::parse_str(bad).is_err() || {
            let m = naga::front::wgsl::parse_str(bad).unwrap_or_default();
            naga::valid::Validator::new(
                naga::valid::ValidationFlags::all(),
                naga::valid::Capabilities::default(),
            )
            .validate(&m)
            .is_err()
        }
    );
}

/// The fields of the struct called `Params` in `module`, with their types.
fn params_struct(module: &naga::Module) -> Option<Vec<(String, FieldType)>> {
    let (_, ty) = module
        .types
        .iter()
        .find(|(_, t)| t.name.as_deref() == Some("Params"))?;
    let naga::TypeInner::Struct { members, .. } = &ty.inner else {
        return None;
    };
    Some(
        members
            .iter()
            .map(|m| {
                let t = match module.types[m.ty].inner {
                    naga::TypeInner::Scalar(naga::Scalar {
                        kind: naga::ScalarKind::Uint,
                        width: 4,
                    }) => FieldType::U32,
                    naga::TypeInner::Scalar(naga::Scalar {
                        kind: naga::ScalarKind::Sint,
                        width: 4,
                    }) => FieldType::I32,
                    naga::TypeInner::Scalar(naga::Scalar {
                        kind: naga::ScalarKind::Float,
                        width: 4,
                    }) => FieldType::F32,
                    ref other => panic!("Params field {:?} has type {other:?}", m.name),
                };
                (m.name.clone().unwrap_or_default(), t)
            })
            .collect(),
    )
}

#[test]
fn every_params_struct_matches_its_rust_twin() {
    for k in Wgsl::ALL {
        let src = k.source();
        let module = validate(src.file, &k.module_text());
        let wgsl = params_struct(&module);
        let rust = ALL_PARAMS.iter().find(|(f, _)| *f == k).map(|(_, fields)| {
            fields
                .iter()
                .map(|(n, t)| (n.to_string(), *t))
                .collect::<Vec<_>>()
        });
        assert_eq!(
            wgsl, rust,
            "{}: struct Params (left) and kernels::wgsl_layout (right) differ",
            src.file
        );
    }
}

#[test]
fn a_params_mismatch_is_seen() {
    // The check above can fail: fields come back in declaration order with
    // their types, so a reordered or retyped field differs from the twin.
    let text = "struct Params { b: u32, a: f32, }\n@group(0) @binding(0) var<uniform> params: Params;\n@compute @workgroup_size(1) fn main() { let x = params.a + f32(params.b); }";
    let module = validate("test.wgsl", text);
    assert_eq!(
        params_struct(&module),
        Some(vec![
            ("b".to_string(), FieldType::U32),
            ("a".to_string(), FieldType::F32)
        ])
    );
}

#[test]
fn a_missing_launch_constant_is_a_compile_error() {
    // The files do not declare the constants the host prepends: compiled
    // without them, they fail.
    for k in Wgsl::ALL.into_iter().filter(|k| !k.consts().is_empty()) {
        assert!(
            naga::front::wgsl::parse_str(k.source().text).is_err(),
            "{} compiles without its prepended constants",
            k.source().file
        );
    }
}
