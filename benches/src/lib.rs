//! Criterion benches for Ferrule live in `benches/`; this crate has no library code.
