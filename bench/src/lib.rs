//! Benchmarks of tern's ops on every backend. Correctness is the conformance
//! tests' job; this crate only measures.
//!
//! - `benches/*.rs`: criterion benches named `{op}/{backend}/{shape}` for
//!   regression tracking (`cargo bench -p bench`).
//! - `tern-bench` (`src/bin/tern-bench.rs`): `tern bench` (the driver is
//!   `host::benchrun`) plus, with the `llamacpp` feature, llama.cpp's own
//!   TQ2_0 kernel on the same GEMV work in the same process (`llamacpp.rs`).

#[cfg(feature = "llamacpp")]
pub mod llamacpp;

/// The external kernels compiled in (empty without the `llamacpp` feature),
/// or why one could not start.
pub fn externals(threads: usize) -> (Vec<Box<dyn host::benchrun::External>>, Vec<String>) {
    #[allow(unused_mut)]
    let (mut ok, mut failed): (Vec<Box<dyn host::benchrun::External>>, Vec<String>) =
        (Vec::new(), Vec::new());
    #[cfg(feature = "llamacpp")]
    match llamacpp::TernaryTq2::new(threads) {
        Ok(e) => ok.push(Box::new(e)),
        Err(why) => failed.push(format!("llama.cpp: {why}")),
    }
    let _ = threads;
    (ok, failed)
}
