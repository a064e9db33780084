//! Any bytes as a rules file: the loader must return outcomes and diagnostics,
//! never panic, and account for every line.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ferrule_compiler::fuzzing::parse_rules(data);
});
