#![no_main]
//! Capture bytes (pcap / pcapng) or a sequence of frames through pcap-parser
//! and the flow tracker with a small fixed rule set: no panic, limits hold.
//! Body: `ferrule_matcher::flow::fuzzing::pcap_replay`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ferrule_matcher::flow::fuzzing::pcap_replay(data);
});
