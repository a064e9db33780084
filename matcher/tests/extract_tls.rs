//! `extract::tls`: crafted edge cases (SEMANTICS §3.4, Suricata
//! `src/app-layer-ssl.c`), a real ClientHello split at every point, and a
//! property test against `tls-parser`.

use ferrule_matcher::extract::tls::{client_hello_sni, NoSni, Sni, TlsError};
use proptest::prelude::*;

/// A real ClientHello record (curl, SNI `www.ntop.org`): corpus/traffic/README.md.
const CURL_HELLO: &[u8] = include_bytes!("../../corpus/traffic/clienthello-curl.bin");

fn ext(ty: u16, data: &[u8]) -> Vec<u8> {
    let mut v = ty.to_be_bytes().to_vec();
    v.extend_from_slice(&(data.len() as u16).to_be_bytes());
    v.extend_from_slice(data);
    v
}

/// A `server_name` extension body with these (type, name) entries.
fn sni_list(entries: &[(u8, &[u8])]) -> Vec<u8> {
    let mut list = Vec::new();
    for (t, n) in entries {
        list.push(*t);
        list.extend_from_slice(&(n.len() as u16).to_be_bytes());
        list.extend_from_slice(n);
    }
    let mut v = (list.len() as u16).to_be_bytes().to_vec();
    v.extend_from_slice(&list);
    v
}

fn sni_ext(name: &[u8]) -> Vec<u8> {
    ext(0, &sni_list(&[(0, name)]))
}

/// A ClientHello body (version .. extensions) with these extensions.
fn hello_body(exts: &[Vec<u8>]) -> Vec<u8> {
    let mut b = vec![0x03, 0x03];
    b.extend_from_slice(&[7u8; 32]);
    b.push(32);
    b.extend_from_slice(&[9u8; 32]);
    b.extend_from_slice(&[0x00, 0x04, 0x13, 0x01, 0x13, 0x02, 0x01, 0x00]);
    let all: Vec<u8> = exts.concat();
    b.extend_from_slice(&(all.len() as u16).to_be_bytes());
    b.extend_from_slice(&all);
    b
}

fn handshake(body: &[u8]) -> Vec<u8> {
    let mut h = vec![1u8];
    h.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
    h.extend_from_slice(body);
    h
}

/// Cut a handshake message into TLS records of these payload sizes (the
/// last record takes the rest; none is left shorter than 4 bytes).
fn records(hs: &[u8], sizes: &[usize]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = hs;
    let mut sizes = sizes.iter();
    while !rest.is_empty() {
        let mut n = sizes.next().copied().unwrap_or(rest.len()).min(rest.len());
        if rest.len() - n < 4 {
            n = rest.len(); // never leave a record shorter than 4 bytes
        }
        out.extend_from_slice(&[0x16, 0x03, 0x01]);
        out.extend_from_slice(&(n as u16).to_be_bytes());
        out.extend_from_slice(&rest[..n]);
        rest = &rest[n..];
    }
    out
}

fn one_record(exts: &[Vec<u8>]) -> Vec<u8> {
    records(&handshake(&hello_body(exts)), &[])
}

fn sni(input: &[u8]) -> Sni<'_> {
    // A fresh scratch per call; the borrow lives as long as the input in tests.
    let scratch = Box::leak(Box::new(Vec::new()));
    client_hello_sni(input, scratch)
}

/// Every strict prefix needs more; the whole gives `expected`.
fn assert_prefixes(stream: &[u8], expected: Sni<'_>) {
    let mut scratch = Vec::new();
    for cut in 0..stream.len() {
        let got = client_hello_sni(&stream[..cut], &mut scratch);
        assert_eq!(got, Sni::NeedMore, "prefix of {cut}/{} bytes", stream.len());
    }
    assert_eq!(client_hello_sni(stream, &mut scratch), expected);
    // Appending bytes never changes a complete answer.
    let mut more = stream.to_vec();
    more.extend_from_slice(&[0x17, 0x03, 0x03, 0x00, 0x01, 0xff]);
    assert_eq!(client_hello_sni(&more, &mut scratch), expected);
}

#[test]
fn edge_cases_table() {
    let long255 = vec![b'a'; 255];
    let long256 = vec![b'a'; 256];
    let alpn = ext(16, &[0x00, 0x03, 0x02, b'h', b'2']);
    let bad_alpn = ext(16, &[0x00, 0x03, 0x09, b'h', b'2']);
    let bad_sigalgs = ext(13, &[0x00, 0x03, 0x04, 0x03, 0x05]);
    let groups = ext(10, &[0x00, 0x02, 0x00, 0x1d]);
    let cases: Vec<(&str, Vec<Vec<u8>>, Sni<'static>)> = vec![
        (
            "plain",
            vec![sni_ext(b"example.com")],
            Sni::Found(b"example.com"),
        ),
        ("no extensions block", vec![], Sni::Absent(NoSni::Missing)),
        (
            "no SNI",
            vec![groups.clone(), alpn.clone()],
            Sni::Absent(NoSni::Missing),
        ),
        (
            "uppercase kept",
            vec![sni_ext(b"WWW.Example.COM")],
            Sni::Found(b"WWW.Example.COM"),
        ),
        (
            "trailing dot kept",
            vec![sni_ext(b"example.com.")],
            Sni::Found(b"example.com."),
        ),
        (
            "IDN xn--",
            vec![sni_ext(b"www.xn--mnich-kva.com")],
            Sni::Found(b"www.xn--mnich-kva.com"),
        ),
        ("one byte", vec![sni_ext(b"w")], Sni::Found(b"w")),
        ("255 bytes", vec![sni_ext(&long255)], Sni::Found(b"")), // checked below
        (
            "256 bytes",
            vec![sni_ext(&long256)],
            Sni::Absent(NoSni::BadLength(256)),
        ),
        (
            "empty name",
            vec![sni_ext(b"")],
            Sni::Absent(NoSni::BadLength(0)),
        ),
        (
            "first entry not host_name",
            vec![ext(0, &sni_list(&[(1, b"x"), (0, b"example.com")]))],
            Sni::Absent(NoSni::NotHostName(1)),
        ),
        (
            "second entry ignored",
            vec![ext(0, &sni_list(&[(0, b"a.com"), (0, b"b.com")]))],
            Sni::Found(b"a.com"),
        ),
        (
            "two SNI extensions: first wins",
            vec![sni_ext(b"first.com"), sni_ext(b"second.com")],
            Sni::Found(b"first.com"),
        ),
        (
            "empty SNI extension skipped",
            vec![ext(0, &[]), sni_ext(b"second.com")],
            Sni::Found(b"second.com"),
        ),
        (
            "invalid first SNI extension stops",
            vec![ext(0, &sni_list(&[(0, b"")])), sni_ext(b"second.com")],
            Sni::Absent(NoSni::BadLength(0)),
        ),
        (
            "name overruns extension",
            vec![ext(0, &[0x00, 0x08, 0x00, 0x00, 0x09, b'a', b'b'])],
            Sni::Absent(NoSni::BadLength(9)),
        ),
        (
            "truncated SNI ext",
            vec![ext(0, &[0x00])],
            Sni::Absent(NoSni::Truncated),
        ),
        (
            "malformed ALPN before SNI stops",
            vec![bad_alpn.clone(), sni_ext(b"example.com")],
            Sni::Absent(NoSni::MalformedHello),
        ),
        (
            "malformed ALPN after SNI keeps it",
            vec![sni_ext(b"example.com"), bad_alpn],
            Sni::Found(b"example.com"),
        ),
        (
            "odd signature_algorithms before SNI stops",
            vec![bad_sigalgs, sni_ext(b"example.com")],
            Sni::Absent(NoSni::MalformedHello),
        ),
        (
            "well-formed extensions before SNI",
            vec![groups, alpn, ext(0x0a0a, &[]), sni_ext(b"example.com")],
            Sni::Found(b"example.com"),
        ),
    ];
    for (what, exts, want) in cases {
        let stream = one_record(&exts);
        let got = sni(&stream);
        if what == "255 bytes" {
            assert_eq!(got, Sni::Found(&long255), "{what}");
        } else {
            assert_eq!(got, want, "{what}");
        }
        if got.is_complete() {
            assert_prefixes(&stream, got);
        }
    }
}

#[test]
fn borrowed_from_a_single_record() {
    let stream = one_record(&[sni_ext(b"example.com")]);
    let mut scratch = Vec::new();
    let Sni::Found(name) = client_hello_sni(&stream, &mut scratch) else {
        panic!("no SNI");
    };
    let r = stream.as_ptr_range();
    assert!(
        r.contains(&name.as_ptr()),
        "SNI not borrowed from the input"
    );
}

#[test]
fn spanning_records_copies_into_scratch() {
    let hs = handshake(&hello_body(&[sni_ext(b"split.example.com")]));
    let stream = records(&hs, &[40, 30, 20]);
    assert_prefixes(&stream, Sni::Found(b"split.example.com"));
    let mut scratch = Vec::with_capacity(4096);
    let cap = scratch.capacity();
    let found = client_hello_sni(&stream, &mut scratch);
    let name = found.name().expect("SNI");
    assert!(!stream.as_ptr_range().contains(&name.as_ptr()));
    assert_eq!(name, b"split.example.com");
    assert_eq!(scratch.capacity(), cap, "scratch reallocated");
}

#[test]
fn real_client_hello_every_split_point() {
    assert_eq!(CURL_HELLO.len(), 517);
    // As one record, cut into two TCP segments at every point.
    assert_prefixes(CURL_HELLO, Sni::Found(b"www.ntop.org"));
    // Re-fragmented into records of k bytes (k >= 4, as Suricata requires).
    let hs = &CURL_HELLO[5..];
    for k in [4usize, 5, 7, 64, 100, 255, 511] {
        let stream = records(hs, &vec![k; hs.len() / k + 1]);
        assert_prefixes(&stream, Sni::Found(b"www.ntop.org"));
    }
}

#[test]
fn post_quantum_sized_hello_across_records_and_segments() {
    // X25519MLKEM768 key share (1216 + 32 bytes) pushes the hello past 1500 bytes.
    let mut ks = vec![0x04, 0xe4, 0x11, 0xec, 0x04, 0xc0];
    ks.extend(std::iter::repeat_n(0x5a, 0x04c0));
    let mut ks_list = ((ks.len()) as u16).to_be_bytes().to_vec();
    ks_list.extend_from_slice(&ks);
    let exts = vec![
        ext(0x0a0a, &[]),
        ext(10, &[0x00, 0x04, 0x11, 0xec, 0x00, 0x1d]),
        ext(51, &ks_list),
        ext(43, &[0x04, 0x03, 0x04, 0x03, 0x03]),
        sni_ext(b"pq.example.com"),
        ext(21, &[0u8; 200]),
    ];
    let hs = handshake(&hello_body(&exts));
    assert!(hs.len() > 1500, "{}", hs.len());
    // One record (spans TCP segments) and two records.
    assert_prefixes(&records(&hs, &[]), Sni::Found(b"pq.example.com"));
    assert_prefixes(&records(&hs, &[1400]), Sni::Found(b"pq.example.com"));
}

#[test]
fn record_layer_errors() {
    let hs = handshake(&hello_body(&[sni_ext(b"a.com")]));
    // A record of 3 bytes in the middle of the hello.
    let mut s = records(&hs[..20], &[]);
    s.extend_from_slice(&records(&hs[20..23], &[]));
    s.extend_from_slice(&records(&hs[23..], &[]));
    assert_eq!(sni(&s), Sni::Malformed(TlsError::ShortHandshakeRecord));
    // An alert record in the middle.
    let mut s = records(&hs[..20], &[]);
    s.extend_from_slice(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);
    assert_eq!(sni(&s), Sni::Malformed(TlsError::UnexpectedRecord(0x15)));
    // Not a ClientHello first.
    let mut s = one_record(&[sni_ext(b"a.com")]);
    s[5] = 2;
    assert_eq!(sni(&s), Sni::Malformed(TlsError::NotClientHello(2)));
    // Oversized record.
    let s = [0x16, 0x03, 0x01, 0x40, 0x01, 0x01];
    assert_eq!(sni(&s), Sni::Malformed(TlsError::RecordLength(0x4001)));
}

#[test]
fn not_tls() {
    for input in [
        &b"GET / HTTP/1.1\r\n"[..],
        b"SSH-2.0-OpenSSH_9.6\r\n",
        b"\x16\x04\x01\x00\x10",
        b"\x17\x03\x03\x00\x10",
        b"\x00",
    ] {
        assert_eq!(sni(input), Sni::NotTls, "{input:?}");
    }
    assert_eq!(sni(b""), Sni::NeedMore);
    assert_eq!(sni(b"\x16"), Sni::NeedMore);
    assert_eq!(sni(b"\x16\x03\x01\x02"), Sni::NeedMore);
    // SSLv2-format ClientHello: TLS, but never an SNI.
    assert_eq!(
        sni(b"\x80\x2e\x01\x03\x01\x00\x15"),
        Sni::Absent(NoSni::Sslv2Hello)
    );
}

/// What Suricata's rules give on the extensions `tls-parser` decoded.
fn reference_sni(record: &[u8]) -> Option<Option<Vec<u8>>> {
    use tls_parser::{
        parse_tls_extensions, parse_tls_plaintext, TlsExtension, TlsMessage, TlsMessageHandshake,
    };
    let (_, plain) = parse_tls_plaintext(record).ok()?;
    let Some(TlsMessage::Handshake(TlsMessageHandshake::ClientHello(ch))) = plain.msg.first()
    else {
        return None;
    };
    let Some(ext) = ch.ext else {
        return Some(None);
    };
    let (rest, exts) = parse_tls_extensions(ext).ok()?;
    if !rest.is_empty() {
        return None; // tls-parser stopped early: no reference
    }
    for e in exts {
        if let TlsExtension::SNI(list) = e {
            let Some((t, name)) = list.first() else {
                continue; // empty extension: skipped
            };
            let ok = t.0 == 0 && (1..=255).contains(&name.len());
            return Some(ok.then(|| name.to_vec()));
        }
    }
    Some(None)
}

fn arb_name() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => "[a-zA-Z0-9.-]{1,40}".prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..300),
    ]
}

fn arb_ext() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => (0x3000u16..0x3fff, prop::collection::vec(any::<u8>(), 0..40))
            .prop_map(|(t, d)| ext(t, &d)),
        1 => Just(ext(10, &[0x00, 0x04, 0x00, 0x1d, 0x00, 0x17])),
        1 => Just(ext(16, &[0x00, 0x0c, 0x02, b'h', b'2', 0x08, b'h', b't', b't', b'p', b'/', b'1', b'.', b'1'])),
        1 => Just(ext(43, &[0x04, 0x03, 0x04, 0x03, 0x03])),
        1 => Just(ext(0x0a0a, &[])),
        2 => prop::collection::vec((prop_oneof![4 => Just(0u8), 1 => any::<u8>()], arb_name()), 1..3)
            .prop_map(|v| {
                let e: Vec<(u8, &[u8])> = v.iter().map(|(t, n)| (*t, n.as_slice())).collect();
                ext(0, &sni_list(&e))
            }),
        1 => Just(ext(0, &[])),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Random extensions, random SNI lists, random record fragmentation:
    /// the SNI equals what `tls-parser` finds (under Suricata's rules) where
    /// it can parse the hello; every prefix needs more bytes.
    #[test]
    fn agrees_with_tls_parser(
        exts in prop::collection::vec(arb_ext(), 0..8),
        cuts in prop::collection::vec(4usize..200, 0..6),
    ) {
        let hs = handshake(&hello_body(&exts));
        prop_assume!(hs.len() <= 16384);
        let single = records(&hs, &[]);
        let fragmented = records(&hs, &cuts);
        let mut scratch = Vec::new();
        let whole = client_hello_sni(&single, &mut scratch).name().map(<[u8]>::to_vec);
        let mut scratch2 = Vec::new();
        let frag = client_hello_sni(&fragmented, &mut scratch2);
        prop_assert!(frag.is_complete());
        prop_assert_eq!(frag.name().map(<[u8]>::to_vec), whole.clone());
        if let Some(reference) = reference_sni(&single) {
            prop_assert_eq!(whole, reference);
        }
        for cut in [fragmented.len() / 3, fragmented.len() - 1] {
            prop_assert_eq!(client_hello_sni(&fragmented[..cut], &mut scratch2), Sni::NeedMore);
        }
    }

    /// Arbitrary bytes never panic, and a complete answer on a prefix is the
    /// answer on the whole.
    #[test]
    fn garbage_is_consistent(data in prop::collection::vec(any::<u8>(), 0..600), cut in any::<prop::sample::Index>()) {
        let mut a = Vec::new();
        let mut b = Vec::new();
        let cut = cut.index(data.len() + 1);
        let prefix = client_hello_sni(&data[..cut], &mut a);
        let whole = client_hello_sni(&data, &mut b);
        if prefix.is_complete() {
            prop_assert_eq!(prefix, whole);
        }
    }

    /// Mutated real ClientHellos never panic and stay prefix-consistent.
    #[test]
    fn mutated_real_hello(flips in prop::collection::vec((0usize..517, any::<u8>()), 1..6), cut in 0usize..517) {
        let mut data = CURL_HELLO.to_vec();
        for (at, b) in flips {
            data[at] = b;
        }
        let mut a = Vec::new();
        let mut b = Vec::new();
        let prefix = client_hello_sni(&data[..cut], &mut a);
        let whole = client_hello_sni(&data, &mut b);
        if prefix.is_complete() {
            prop_assert_eq!(prefix, whole);
        }
    }
}
