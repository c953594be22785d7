//! tern file header parsing (metadata included) and decoding of every tensor.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ctx = formats::Ctx::new("fuzz.tern");
    if let Ok(f) = formats::tern_file::parse(&ctx, data) {
        for kv in &f.metadata {
            let _ = formats::gguf::kv_text(data, kv);
        }
        for i in 0..f.tensors.len() {
            let _ = f.decode(&ctx, data, i);
        }
    }
});
