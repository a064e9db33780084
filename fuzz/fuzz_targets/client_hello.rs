//! `extract::tls::client_hello_sni` on arbitrary bytes: no panic, and a
//! complete answer on a prefix (the first byte picks the split point) equals
//! the answer on the whole input.
#![no_main]

use ferrule_matcher::extract::tls::{client_hello_sni, Sni};
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
    let prefix = client_hello_sni(&data[..cut], &mut a);
    let whole = client_hello_sni(data, &mut b);
    if prefix.is_complete() {
        assert_eq!(prefix, whole);
    }
    if let Sni::Found(name) = whole {
        assert!((1..=255).contains(&name.len()));
    }
});
