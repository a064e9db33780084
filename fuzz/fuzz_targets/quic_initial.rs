//! `extract::quic` on arbitrary datagrams, and on arbitrary frames inside
//! validly protected QUIC v1 Initial packets: no panic, names of 1 to 255
//! bytes, final answers that do not change, the same answers twice.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ferrule_matcher::extract::fuzzing::quic_initial(data));
