//! `extract::http::parse_request` on arbitrary bytes: no panic, and a complete
//! answer on a prefix (the first byte picks the split point) equals the
//! answer on the whole input.
#![no_main]

use ferrule_matcher::extract::http::{parse_request, Http};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&split, data)) = data.split_first() else {
        return;
    };
    let cut = if data.is_empty() {
        0
    } else {
        usize::from(split) * data.len() / 255
    };
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let prefix = parse_request(&data[..cut], &mut a);
    let whole = parse_request(data, &mut b);
    if prefix.is_complete() {
        assert_eq!(prefix, whole);
    }
    if let Http::Request(r) = whole {
        assert!(r.head_len <= data.len());
        assert!(r.header_names.is_empty() || r.header_names.ends_with(b"\r\n\r\n"));
    }
});
