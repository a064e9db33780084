//! The bodies of the `client_hello`, `http_request`, `dns_query` and
//! `quic_initial` fuzz targets, shared with the test that replays their corpora
//! (`tests/fuzz_corpus.rs`): no panic, and a complete answer on a prefix (the
//! first byte picks the split point) equals the answer on the whole input.

use super::dns::{self, DnsError, DnsQuery, Probe, Transport, MAX_BUFFER_LEN};
use super::http::{parse_request, parse_request_as, HostRule, Http};
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
    // Suricata 7's Host rule: the same answer but for `http.host`, which is
    // a part of the Host value (or the URI host, as for Suricata 8).
    let seven = parse_request_as(data, &mut a, HostRule::Suricata7);
    match (whole, seven) {
        (Http::Request(r8), Http::Request(r7)) => {
            assert_eq!(
                (r8.head_len, r8.host_raw, r8.header_names),
                (r7.head_len, r7.host_raw, r7.header_names)
            );
            if let (Some(h7), Some(raw)) = (r7.host, r7.host_raw) {
                assert!(h7.len() <= raw.len());
            }
        }
        (w, s) => assert_eq!(w, s),
    }
}

/// `dns_query` target. The rest of the input is read both as a TCP stream
/// and as a UDP payload. Checks: no panic; TCP: a complete answer (and a
/// complete probe) on the prefix equals the one on the whole stream; UDP: a
/// name is 1 to [`MAX_BUFFER_LEN`] bytes, equals the first question of
/// [`dns::request`], every question can be walked, the probe agrees with the
/// parse, and the same message framed with its length as a TCP stream (with
/// trailing bytes) gives the same answer.
pub fn dns_query(data: &[u8]) {
    let Some((data, cut)) = split(data) else {
        return;
    };
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let prefix = dns::query_name(&data[..cut], Transport::Tcp, &mut a);
    let whole = dns::query_name(data, Transport::Tcp, &mut b);
    if prefix.is_complete() {
        assert_eq!(prefix, whole);
    }
    // Detection is not prefix-stable: a DNS answer from the header alone
    // may become `NotDns` once the whole first message is there (Suricata
    // probes once, with the bytes it has). `NotDns` is final, and so is any
    // answer once the first message is complete.
    let probe = dns::probe_tcp(&data[..cut]);
    let probe_whole = dns::probe_tcp(data);
    let first_complete = matches!(dns::tcp_message(&data[..cut]), Ok(Some(_)));
    if probe == Probe::NeedMore {
        // Fewer than 14 bytes: nothing to compare.
    } else if probe == Probe::NotDns || first_complete {
        assert_eq!(probe, probe_whole);
    } else {
        assert!(probe_whole == probe || probe_whole == Probe::NotDns);
    }

    let mut c = Vec::new();
    let udp = dns::query_name(data, Transport::Udp, &mut c);
    assert!(udp.is_complete());
    if let DnsQuery::Found(n) = udp {
        assert!((1..=MAX_BUFFER_LEN).contains(&n.len()));
    }
    let mut names = Vec::new();
    match dns::request(data) {
        Ok(r) => {
            assert_eq!(dns::probe_udp(data), Probe::Request);
            assert_eq!(r.first_name(&mut names), udp.name());
            let mut q = r.questions();
            let mut n = 0usize;
            while let Some(name) = q.next_name(&mut names) {
                assert!(name.len() <= MAX_BUFFER_LEN);
                n += 1;
            }
            assert_eq!(n, usize::from(r.questions));
        }
        Err(DnsError::NotRequest) => {
            assert_eq!(dns::probe_udp(data), Probe::Response);
            assert_eq!(udp, DnsQuery::Invalid(DnsError::NotRequest));
        }
        Err(e) => {
            assert_eq!(dns::probe_udp(data), Probe::NotDns);
            assert_eq!(udp, DnsQuery::Invalid(e));
        }
    }
    if let Ok(len) = u16::try_from(data.len()) {
        if len > 0 {
            let mut framed = len.to_be_bytes().to_vec();
            framed.extend_from_slice(data);
            framed.extend_from_slice(&data[..cut]);
            let mut d = Vec::new();
            assert_eq!(dns::query_name(&framed, Transport::Tcp, &mut d), udp);
        }
    }
}

/// `quic_initial` target. Byte 0 picks the mode, the rest is a sequence of
/// chunks, each a big-endian `u16` length and that many bytes (at most 16
/// chunks). Mode even: each chunk is a client datagram. Mode odd: each
/// chunk is the plaintext frames of a QUIC v1 Initial, protected with the
/// keys of a fixed DCID (so the frame walker and the CRYPTO assembly are
/// reached). Checks: no panic; a found name is 1 to 255 bytes; once final,
/// the answer does not change with later datagrams; the same datagrams fed
/// to a fresh state give the same answers.
pub fn quic_initial(data: &[u8]) {
    use super::quic::{build, probe, QuicInitial, QuicSni};
    let Some((&mode, mut rest)) = data.split_first() else {
        return;
    };
    let mut dgs: Vec<Vec<u8>> = Vec::new();
    while dgs.len() < 16 && rest.len() >= 2 {
        let n = usize::from(u16::from_be_bytes([rest[0], rest[1]])).min(rest.len() - 2);
        let chunk = &rest[2..2 + n];
        rest = &rest[2 + n..];
        if mode & 1 == 0 {
            dgs.push(chunk.to_vec());
        } else if let Some(p) = build::initial(
            1,
            b"\x83\x94\xc8\xf0\x3e\x51\x57\x08",
            dgs.len() as u32,
            chunk.get(..4000).unwrap_or(chunk),
        ) {
            dgs.push(p);
        }
    }
    let run = |dgs: &[Vec<u8>]| {
        let mut st = QuicInitial::new();
        let mut scratch = Vec::new();
        let mut answers: Vec<Option<Option<Vec<u8>>>> = Vec::new();
        let mut last: Option<Option<Vec<u8>>> = None;
        for d in dgs {
            let _ = probe(d);
            let a = st.feed(d, &mut scratch);
            if let QuicSni::Found(n) = a {
                assert!((1..=255).contains(&n.len()));
            }
            let now = a.is_complete().then(|| a.name().map(<[u8]>::to_vec));
            if last.is_some() {
                assert_eq!(now, last, "a final answer changed");
            }
            last.clone_from(&now);
            answers.push(now);
            st.server_datagram(d);
        }
        answers
    };
    assert_eq!(run(&dgs), run(&dgs));
}
