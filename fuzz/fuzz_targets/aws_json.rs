//! Any bytes as AWS JSON/YAML (rule groups and firewall policies): the readers
//! must report, never panic, and every group's rules text must go through the
//! loader.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ferrule_compiler::fuzzing::aws_json(data);
});
