//! safetensors header parsing (through the `safetensors` crate) and tensor
//! decoding, then the ternarization that `convert` applies.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ctx = formats::Ctx::new("fuzz.safetensors");
    if let Ok(f) = formats::safetensors::parse(&ctx, data) {
        for (i, e) in f.tensors.iter().enumerate() {
            if let Ok(formats::TensorData::Float { ty, bytes }) = f.decode(&ctx, data, i) {
                let (rows, cols) = e.rows_cols();
                if rows * cols < 1 << 20 {
                    let _ = formats::safetensors::ternarize(&ctx, &e.name, ty, &bytes, rows as usize, cols as usize);
                }
            }
        }
    }
});
