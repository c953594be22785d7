//! Every `.wgsl` file is parsed and validated by naga (the WGSL front end
//! wgpu itself uses), on the CPU, with no GPU. Also checks that the `WGSL`
//! list names every file of `kernels/wgsl/`, and that each file starts with
//! the header that names its bindings and the `sim` function it mirrors.

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
    for src in WGSL {
        let module = validate(src.file, src.text);
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
