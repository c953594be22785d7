//! GGUF header parsing and decoding of every tensor: errors, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ctx = formats::Ctx::new("fuzz.gguf");
    if let Ok(f) = formats::gguf::parse(&ctx, data) {
        for i in 0..f.tensors.len() {
            let _ = f.decode(&ctx, data, i);
        }
        for kv in &f.kvs {
            let _ = f.kv_text(data, kv);
        }
    }
});
