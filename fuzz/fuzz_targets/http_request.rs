//! `extract::http::parse_request` on arbitrary bytes: no panic, and a complete
//! answer on a prefix (the first byte picks the split point) equals the
//! answer on the whole input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ferrule_matcher::extract::fuzzing::http_request(data));
