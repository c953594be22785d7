//! tern runtime
