//! Delta attention (placeholder).
use rust_hdl::prelude::*;
pub const NAME: &str = "delta-score";
#[derive(LogicBlock, Default)]
pub struct DeltaScore { pub clock: Signal<In, Clock> }
impl DeltaScore { pub fn new() -> Self { Self::default() } }
impl Logic for DeltaScore { fn update(&mut self) {} }
