//! ns per name extraction: `tls.sni` from a real ClientHello (curl, 517 bytes,
//! corpus/traffic/clienthello-curl.bin) with `extract::tls` against
//! `tls-parser` as the baseline, the same hello fragmented over 4 records, and
//! `http.host` from a request head with `extract::http` against plain
//! `httparse` + a naive normalisation (lowercase, cut at ':'), and
//! `dns.query` from a DNS request (3 labels and an EDNS OPT record, as `dig`
//! sends it) with `extract::dns`, over UDP and over TCP (length prefix), and
//! `quic.sni` from a QUIC v1 client Initial (the same curl ClientHello in one
//! CRYPTO frame, padded to 1,200 bytes) with `extract::quic`: key derivation
//! from the DCID, header unprotection, AES-128-GCM and the frame walk, per
//! Initial.

use criterion::{criterion_group, criterion_main, Criterion};
use ferrule_matcher::extract::dns::{query_name, Transport};
use ferrule_matcher::extract::http::parse_request;
use ferrule_matcher::extract::quic::{build, QuicInitial};
use ferrule_matcher::extract::tls::client_hello_sni;
use std::hint::black_box;

const HELLO: &[u8] = include_bytes!("../../corpus/traffic/clienthello-curl.bin");
const REQUEST: &[u8] = b"GET /downloads/file.tar.gz HTTP/1.1\r\nHost: WWW.Example.COM:8080\r\n\
User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n\
Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n\
Accept-Language: en-US,en;q=0.5\r\nAccept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n\r\n";

/// A DNS request for `www.Example.com` (type A) with an EDNS OPT record.
const DNS_REQUEST: &[u8] = b"\x8d\x32\x01\x20\x00\x01\x00\x00\x00\x00\x00\x01\
\x03www\x07Example\x03com\x00\x00\x01\x00\x01\
\x00\x00\x29\x10\x00\x00\x00\x00\x00\x00\x00";

fn tls_parser_sni(record: &[u8]) -> Option<&[u8]> {
    use tls_parser::{
        parse_tls_extensions, parse_tls_plaintext, TlsExtension, TlsMessage, TlsMessageHandshake,
    };
    let (_, plain) = parse_tls_plaintext(record).ok()?;
    let TlsMessage::Handshake(TlsMessageHandshake::ClientHello(ch)) = plain.msg.first()? else {
        return None;
    };
    let (_, exts) = parse_tls_extensions(ch.ext?).ok()?;
    exts.into_iter().find_map(|e| match e {
        TlsExtension::SNI(list) => list.first().map(|(_, n)| *n),
        _ => None,
    })
}

fn fragmented(hello: &[u8], parts: usize) -> Vec<u8> {
    let hs = &hello[5..];
    let step = hs.len().div_ceil(parts);
    let mut out = Vec::new();
    for chunk in hs.chunks(step) {
        out.extend_from_slice(&[0x16, 0x03, 0x01]);
        out.extend_from_slice(&(chunk.len() as u16).to_be_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

fn naive_host(req: &[u8]) -> Option<Vec<u8>> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut r = httparse::Request::new(&mut headers);
    r.parse(req).ok()?;
    let h = r
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("host"))?;
    let v = h.value.split(|&b| b == b':').next()?;
    Some(v.to_ascii_lowercase())
}

fn bench(c: &mut Criterion) {
    let mut scratch = Vec::with_capacity(4096);
    assert_eq!(
        client_hello_sni(HELLO, &mut scratch).name(),
        Some(&b"www.ntop.org"[..])
    );
    assert_eq!(tls_parser_sni(HELLO), Some(&b"www.ntop.org"[..]));
    let frag = fragmented(HELLO, 4);
    let mut g = c.benchmark_group("sni");
    g.bench_function("ferrule_single_record", |b| {
        b.iter(|| {
            client_hello_sni(black_box(HELLO), &mut scratch)
                .name()
                .map(<[u8]>::len)
        })
    });
    g.bench_function("ferrule_4_records", |b| {
        b.iter(|| {
            client_hello_sni(black_box(&frag), &mut scratch)
                .name()
                .map(<[u8]>::len)
        })
    });
    g.bench_function("tls_parser", |b| {
        b.iter(|| tls_parser_sni(black_box(HELLO)).map(<[u8]>::len))
    });
    g.finish();

    let mut g = c.benchmark_group("host");
    g.bench_function("ferrule", |b| {
        b.iter(|| {
            parse_request(black_box(REQUEST), &mut scratch)
                .request()
                .and_then(|r| r.host)
                .map(<[u8]>::len)
        })
    });
    g.bench_function("httparse_naive", |b| {
        b.iter(|| naive_host(black_box(REQUEST)).map(|h| h.len()))
    });
    g.finish();

    let mut tcp = (DNS_REQUEST.len() as u16).to_be_bytes().to_vec();
    tcp.extend_from_slice(DNS_REQUEST);
    assert_eq!(
        query_name(DNS_REQUEST, Transport::Udp, &mut scratch).name(),
        Some(&b"www.Example.com"[..])
    );
    assert_eq!(
        query_name(&tcp, Transport::Tcp, &mut scratch).name(),
        Some(&b"www.Example.com"[..])
    );
    let mut g = c.benchmark_group("dns_query");
    g.bench_function("ferrule_udp", |b| {
        b.iter(|| {
            query_name(black_box(DNS_REQUEST), Transport::Udp, &mut scratch)
                .name()
                .map(<[u8]>::len)
        })
    });
    g.bench_function("ferrule_tcp", |b| {
        b.iter(|| {
            query_name(black_box(&tcp), Transport::Tcp, &mut scratch)
                .name()
                .map(<[u8]>::len)
        })
    });
    g.finish();

    let mut frames = build::crypto(0, &HELLO[5..]);
    frames.resize(1150, 0);
    let initial = build::initial(1, &[0x5a; 8], 0, &frames).expect("v1 has keys");
    let mut state = QuicInitial::new();
    assert_eq!(
        state.feed(&initial, &mut scratch).name().map(<[u8]>::len),
        client_hello_sni(HELLO, &mut Vec::new())
            .name()
            .map(<[u8]>::len)
    );
    let mut g = c.benchmark_group("quic_sni");
    g.bench_function("ferrule_initial_v1", |b| {
        b.iter(|| {
            state.reset();
            state
                .feed(black_box(&initial), &mut scratch)
                .name()
                .map(<[u8]>::len)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
