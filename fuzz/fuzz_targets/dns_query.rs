//! `extract::dns` on arbitrary bytes, read as a TCP stream and as a UDP
//! payload: no panic, a complete TCP answer on a prefix (the first byte picks
//! the split point) equals the answer on the whole stream, and the UDP and
//! length-framed TCP answers agree.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ferrule_matcher::extract::fuzzing::dns_query(data));
