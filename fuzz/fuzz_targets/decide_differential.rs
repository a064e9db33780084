//! Rules text + one query from fuzzer bytes: the compiled `Ruleset` and the
//! reference interpreter must decide the same (layout in
//! `ferrule_compiler::fuzzing::decide_differential`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ferrule_compiler::fuzzing::decide_differential(data);
});
