//! Benchmarks of tern's ops on every backend. Correctness is the conformance
//! tests' job; this crate only measures.
