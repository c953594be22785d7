//! tern runtime
pub mod formats;
