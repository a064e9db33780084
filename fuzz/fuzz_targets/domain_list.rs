//! Any bytes as a plain-text AWS domain list: targets are validated, rules are
//! generated for every list kind, and the generated rules must all load in the
//! aws dialect.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ferrule_compiler::fuzzing::domain_list(data);
});
