//! Shared workload code for Ferrule's benches (`benches/benches/`) and `ferrule bench`.

pub mod blocklist;
pub mod decide;
