//! TQ1_0, TQ2_0 and I2_S decoding of arbitrary bytes; whatever decodes must
//! encode back to the same bytes.
#![no_main]
use formats::tq::{self, TqKind};
use formats::{Ctx, TensorData};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ctx = Ctx::new("fuzz.tq");
    for kind in [TqKind::Tq1_0, TqKind::Tq2_0] {
        let n = data.len() / kind.block_bytes();
        let bytes = &data[..n * kind.block_bytes()];
        if let Ok(t) = tq::decode_tq(&ctx, "t", kind, n, 256, bytes) {
            let mut out = Vec::new();
            tq::encode_tq(&ctx, "t", kind, &t, &mut out).expect("decoded blocks encode");
            assert_eq!(out, bytes, "round trip");
        }
    }
    let n = data.len().saturating_sub(tq::I2S_TAIL) / 32 * 128;
    if n > 0 {
        let _ = tq::decode_i2s(&ctx, "t", 1, n, &data[..n / 4 + tq::I2S_TAIL]);
    }
    let _ = TensorData::Float { ty: formats::FloatType::F32, bytes: data.into() };
});
