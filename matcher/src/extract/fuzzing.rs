//! The bodies of the `client_hello` and `http_request` fuzz targets, shared
//! with the test that replays their corpora (`tests/fuzz_corpus.rs`): no
//! panic, and a complete answer on a prefix (the first byte picks the split
//! point) equals the answer on the whole input.

use super::http::{parse_request, Http};
use super::tls::{client_hello_sni, Sni};

/// The first byte picks where to cut the rest.
fn split(data: &[u8]) -> Option<(&[u8], usize)> {
    let (&split, data) = data.split_first()?;
    let cut = if data.is_empty() {
        0
    } else {
        usize::from(split) * data.len() / 255
    };
    Some((data, cut))
}

/// `client_hello` target.
pub fn client_hello(data: &[u8]) {
    let Some((data, cut)) = split(data) else {
        return;
    };
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let prefix = client_hello_sni(&data[..cut], &mut a);
    let whole = client_hello_sni(data, &mut b);
    if prefix.is_complete() {
        assert_eq!(prefix, whole);
    }
    if let Sni::Found(name) = whole {
        assert!((1..=255).contains(&name.len()));
    }
}

/// `http_request` target.
pub fn http_request(data: &[u8]) {
    let Some((data, cut)) = split(data) else {
        return;
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
}
