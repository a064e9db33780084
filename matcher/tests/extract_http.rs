//! `extract::http`: SEMANTICS §3.1-3.2 / §2.7 cases, the conformance requests of
//! ../shared/conformance/decide/http-host, a model check against the
//! test-local parser of compiler/tests/decide_conformance.rs, and garbage.

use ferrule_matcher::extract::http::{parse_request, parse_request_as, HostRule, Http, HttpError};
use proptest::prelude::*;

type Row = (
    &'static str,
    &'static [u8],
    Option<&'static [u8]>,
    Option<&'static [u8]>,
);

/// Name, request, `http.host` under [`HostRule::Suricata7`].
type Row7 = (&'static str, &'static [u8], Option<&'static [u8]>);

fn buffers(req: &[u8]) -> (Option<Vec<u8>>, Option<Vec<u8>>, Vec<u8>) {
    let mut scratch = Vec::new();
    match parse_request(req, &mut scratch) {
        Http::Request(r) => (
            r.host.map(<[u8]>::to_vec),
            r.host_raw.map(<[u8]>::to_vec),
            r.header_names.to_vec(),
        ),
        other => panic!("{:?}: {other:?}", String::from_utf8_lossy(req)),
    }
}

#[test]
fn host_table() {
    let rows: &[Row] = &[
        ("plain", b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n", Some(b"example.com"), Some(b"example.com")),
        ("lowercased", b"GET / HTTP/1.1\r\nHost: WwW.ExamPle.cOm\r\n\r\n", Some(b"www.example.com"), Some(b"WwW.ExamPle.cOm")),
        ("port stripped", b"GET / HTTP/1.1\r\nHost: example.com:8080\r\n\r\n", Some(b"example.com"), Some(b"example.com:8080")),
        ("port + case (8.0.6)", b"GET / HTTP/1.1\r\nHost: EXAMPLE.COM:8080\r\n\r\n", Some(b"example.com"), Some(b"EXAMPLE.COM:8080")),
        ("header trailing dot kept", b"GET / HTTP/1.1\r\nHost: example.com.\r\n\r\n", Some(b"example.com."), Some(b"example.com.")),
        ("spaces trimmed", b"GET / HTTP/1.1\r\nHost:   example.com  \r\n\r\n", Some(b"example.com"), Some(b"example.com")),
        ("absolute URI wins", b"GET http://EXAMPLE.COM:8080/x HTTP/1.1\r\nHost: amazon.co.jp\r\nUser-Agent: t\r\n\r\n", Some(b"example.com"), Some(b"example.com")),
        ("URI trailing dot stripped", b"GET http://www.corp-api.net./ HTTP/1.1\r\nUser-Agent: t\r\n\r\n", Some(b"www.corp-api.net"), Some(b"www.corp-api.net")),
        ("URI userinfo", b"GET http://user:pw@Host.example/ HTTP/1.1\r\n\r\n", Some(b"host.example"), Some(b"host.example")),
        ("URI percent-decoded", b"GET http://ex%41mple.com/ HTTP/1.1\r\n\r\n", Some(b"example.com"), Some(b"example.com")),
        ("URI IPv6", b"GET http://[2001:DB8::1]:80/ HTTP/1.1\r\n\r\n", Some(b"[2001:db8::1]"), Some(b"[2001:db8::1]")),
        ("https URI", b"GET https://secure.example/ HTTP/1.1\r\nHost: other\r\n\r\n", Some(b"secure.example"), Some(b"secure.example")),
        ("origin-form keeps header", b"GET /http://x.com/ HTTP/1.1\r\nHost: h.com\r\n\r\n", Some(b"h.com"), Some(b"h.com")),
        ("CONNECT authority", b"CONNECT Apache.org:443 HTTP/1.1\r\nHost: apache.org:443\r\n\r\n", Some(b"apache.org"), Some(b"apache.org")),
        ("duplicate Host joined", b"GET / HTTP/1.1\r\nHost: example.com\r\nHost: evil-tracker.org\r\nUser-Agent: t\r\n\r\n", Some(b"example.com, evil-tracker.org"), Some(b"example.com, evil-tracker.org")),
        ("duplicate Host, port in first", b"GET / HTTP/1.1\r\nHost: A.com:81\r\nhost: b.com\r\n\r\n", Some(b"a.com"), Some(b"A.com:81, b.com")),
        ("missing Host", b"GET / HTTP/1.1\r\nUser-Agent: t\r\n\r\n", None, None),
        ("HTTP/1.0 with Host", b"GET / HTTP/1.0\r\nHost: evil-tracker.org\r\n\r\n", Some(b"evil-tracker.org"), Some(b"evil-tracker.org")),
        ("HTTP/1.0 no headers", b"GET / HTTP/1.0\r\n\r\n", None, None),
        ("Host header IPv6", b"GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", Some(b"[::1]"), Some(b"[::1]:8080")),
        ("Host IP", b"GET / HTTP/1.1\r\nHost: 45.58.148.2\r\n\r\n", Some(b"45.58.148.2"), Some(b"45.58.148.2")),
        ("empty Host", b"GET / HTTP/1.1\r\nHost:\r\n\r\n", None, Some(b"")),
        ("IDN", b"GET / HTTP/1.1\r\nHost: www.love.xn--55qx5d\r\n\r\n", Some(b"www.love.xn--55qx5d"), Some(b"www.love.xn--55qx5d")),
        ("bare LF", b"GET / HTTP/1.1\nHost: Lf.Example\n\n", Some(b"lf.example"), Some(b"Lf.Example")),
    ];
    for (what, req, host, raw) in rows {
        let (h, r, _) = buffers(req);
        assert_eq!(h.as_deref(), *host, "{what}: http.host");
        assert_eq!(r.as_deref(), *raw, "{what}: http.host.raw");
        let mut scratch = Vec::new();
        for cut in 0..req.len() {
            assert_eq!(
                parse_request(&req[..cut], &mut scratch),
                Http::NeedMore,
                "{what} cut {cut}"
            );
        }
    }
}

/// The Host header as Suricata 7.0 (C libhtp 0.5 `htp_parse_hostport`, the
/// line AWS Network Firewall follows; SEMANTICS §9) takes it: lowercased
/// only without a port, not cut at `/`; the URI host as in Suricata 8.
/// `http.host.raw` is the same for both.
#[test]
fn host_table_suricata7() {
    let rows: &[Row7] = &[
        (
            "plain",
            b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
            Some(b"example.com"),
        ),
        (
            "lowercased without a port",
            b"GET / HTTP/1.1\r\nHost: WwW.ExamPle.cOm\r\n\r\n",
            Some(b"www.example.com"),
        ),
        (
            "port + case kept (7.0.17)",
            b"GET / HTTP/1.1\r\nHost: EXAMPLE.COM:8080\r\n\r\n",
            Some(b"EXAMPLE.COM"),
        ),
        (
            "space before the port",
            b"GET / HTTP/1.1\r\nHost: Ex.com :80\r\n\r\n",
            Some(b"Ex.com"),
        ),
        (
            "not cut at /",
            b"GET / HTTP/1.1\r\nHost: A.com/x\r\n\r\n",
            Some(b"a.com/x"),
        ),
        (
            "header trailing dot kept",
            b"GET / HTTP/1.1\r\nHost: example.com.\r\n\r\n",
            Some(b"example.com."),
        ),
        (
            "absolute URI wins, normalised",
            b"GET http://EXAMPLE.COM:8080/x HTTP/1.1\r\nHost: amazon.co.jp\r\n\r\n",
            Some(b"example.com"),
        ),
        (
            "CONNECT authority",
            b"CONNECT Apache.org:443 HTTP/1.1\r\nHost: apache.org:443\r\n\r\n",
            Some(b"apache.org"),
        ),
        (
            "duplicate Host joined",
            b"GET / HTTP/1.1\r\nHost: Example.com\r\nHost: evil-tracker.org\r\n\r\n",
            Some(b"example.com, evil-tracker.org"),
        ),
        (
            "duplicate Host, port in first",
            b"GET / HTTP/1.1\r\nHost: A.com:81\r\nhost: b.com\r\n\r\n",
            Some(b"A.com"),
        ),
        (
            "IPv6 literal as sent",
            b"GET / HTTP/1.1\r\nHost: [::FFFF]:8080\r\n\r\n",
            Some(b"[::FFFF]"),
        ),
        (
            "IPv6 without ]",
            b"GET / HTTP/1.1\r\nHost: [::1\r\n\r\n",
            None,
        ),
        ("empty Host", b"GET / HTTP/1.1\r\nHost:\r\n\r\n", None),
        (
            "missing Host",
            b"GET / HTTP/1.1\r\nUser-Agent: t\r\n\r\n",
            None,
        ),
    ];
    for (what, req, host) in rows {
        let mut scratch = Vec::new();
        let Http::Request(r7) = parse_request_as(req, &mut scratch, HostRule::Suricata7) else {
            panic!("{what}")
        };
        let (h7, raw7) = (r7.host.map(<[u8]>::to_vec), r7.host_raw.map(<[u8]>::to_vec));
        assert_eq!(h7.as_deref(), *host, "{what}: http.host");
        let (_, raw8, _) = buffers(req);
        assert_eq!(raw7, raw8, "{what}: http.host.raw");
    }
}

#[test]
fn header_names_format() {
    let (_, _, names) =
        buffers(b"GET / HTTP/1.1\r\nHost: a\r\nUser-Agent: t\r\naccept: */*\r\n\r\n");
    assert_eq!(names, b"\r\nHost\r\nUser-Agent\r\naccept\r\n\r\n");
    let (_, _, names) = buffers(b"GET / HTTP/1.1\r\n\r\n");
    assert!(names.is_empty());
}

#[test]
fn borrows_when_it_can() {
    let req = b"GET / HTTP/1.1\r\nHost: example.com:80\r\n\r\n";
    let mut scratch = Vec::new();
    let Http::Request(r) = parse_request(req, &mut scratch) else {
        panic!()
    };
    let range = req.as_ptr_range();
    assert!(range.contains(&r.host.unwrap().as_ptr()));
    assert!(range.contains(&r.host_raw.unwrap().as_ptr()));
    assert_eq!(r.head_len, req.len());
    assert_eq!(r.minor_version, 1);
    assert_eq!(r.method, b"GET");
}

#[test]
fn malformed() {
    let mut scratch = Vec::new();
    for bad in [
        &b"\x16\x03\x01\x00\x05hello\r\n\r\n"[..],
        b"GET / FTP/1.0\r\n\r\n",
        b"GET /\r\n\r\n",
    ] {
        assert_eq!(
            parse_request(bad, &mut scratch),
            Http::Malformed(HttpError::Invalid),
            "{bad:?}"
        );
    }
    let mut many = b"GET / HTTP/1.1\r\n".to_vec();
    for i in 0..200 {
        many.extend_from_slice(format!("X-{i}: v\r\n").as_bytes());
    }
    many.extend_from_slice(b"\r\n");
    assert_eq!(
        parse_request(&many, &mut scratch),
        Http::Malformed(HttpError::TooManyHeaders)
    );
}

// --- the model: compiler/tests/decide_conformance.rs (agrees with Suricata 8.0.6
// on the conformance fixtures), copied verbatim in behaviour.

fn model_uri_host(uri: &str) -> Option<String> {
    let lower = uri.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or("");
    let host = if authority.starts_with('[') {
        authority
            .find(']')
            .map_or(authority, |i| &authority[..=i])
            .to_string()
    } else {
        authority.split(':').next().unwrap_or("").to_string()
    };
    let host = host.trim_end_matches('.').to_string();
    (!host.is_empty()).then_some(host)
}

fn model_header_host(value: &str) -> String {
    let v = value.to_ascii_lowercase();
    let host = if v.starts_with('[') {
        v.find(']').map_or(v.as_str(), |i| &v[..=i]).to_string()
    } else {
        v.split(['/', '?', '#', ':'])
            .next()
            .unwrap_or("")
            .to_string()
    };
    host.trim_end().to_string()
}

fn model(request: &str) -> (Option<String>, Option<String>, Vec<u8>) {
    let mut lines = request.split("\r\n");
    let uri = lines.next().unwrap_or("").split(' ').nth(1).unwrap_or("");
    let mut names = Vec::new();
    let mut hosts = Vec::new();
    for line in lines {
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        // libhtp keeps one entry per name (without case), merging repeats.
        if !names.iter().any(|n: &&str| n.eq_ignore_ascii_case(name)) {
            names.push(name);
        }
        if name.eq_ignore_ascii_case("host") {
            hosts.push(value.trim_matches([' ', '\t']).to_string());
        }
    }
    let raw = (!hosts.is_empty()).then(|| hosts.join(", "));
    let (host, host_raw) = match (model_uri_host(uri), raw) {
        (Some(h), _) => (Some(h.clone()), Some(h)),
        (None, Some(r)) => (Some(model_header_host(&r)), Some(r)),
        (None, None) => (None, None),
    };
    let mut hn = Vec::new();
    if !names.is_empty() {
        hn.extend_from_slice(b"\r\n");
        for n in names {
            hn.extend_from_slice(n.as_bytes());
            hn.extend_from_slice(b"\r\n");
        }
        hn.extend_from_slice(b"\r\n");
    }
    (host, host_raw, hn)
}

fn arb_host() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9][a-zA-Z0-9.-]{0,20}(\\.)?(:[0-9]{1,5})?"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Generated requests: same buffers as the conformance test's model.
    #[test]
    fn agrees_with_conformance_model(
        uri_host in prop::option::of(arb_host()),
        scheme in prop_oneof![Just("http"), Just("https"), Just("HTTP")],
        hosts in prop::collection::vec(arb_host(), 0..3),
        others in prop::collection::vec("[A-Za-z][A-Za-z-]{0,10}", 0..4),
        minor in 0u8..2,
    ) {
        let target = match &uri_host {
            Some(h) => format!("{scheme}://{h}/p?q=1"),
            None => "/index.html".to_string(),
        };
        let mut req = format!("GET {target} HTTP/1.{minor}\r\n");
        for (i, o) in others.iter().enumerate() {
            req.push_str(&format!("{o}: v{i}\r\n"));
            if let Some(h) = hosts.get(i) {
                req.push_str(&format!("Host: {h}\r\n"));
            }
        }
        for h in hosts.iter().skip(others.len()) {
            req.push_str(&format!("hOsT:  {h} \r\n"));
        }
        req.push_str("\r\n");
        let (mh, mr, mn) = model(&req);
        let (h, r, n) = buffers(req.as_bytes());
        prop_assert_eq!(h, mh.map(String::into_bytes));
        prop_assert_eq!(r, mr.map(String::into_bytes));
        prop_assert_eq!(n, mn);
    }

    /// Arbitrary bytes never panic; a complete answer on a prefix holds on the whole.
    #[test]
    fn garbage_is_consistent(data in prop::collection::vec(any::<u8>(), 0..400), cut in any::<prop::sample::Index>()) {
        let cut = cut.index(data.len() + 1);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let prefix = parse_request(&data[..cut], &mut a);
        let whole = parse_request(&data, &mut b);
        if let Http::Request(p) = prefix {
            let Http::Request(w) = whole else { panic!("{whole:?}") };
            prop_assert_eq!(p, w);
        } else if prefix.is_complete() {
            prop_assert_eq!(prefix, whole);
        }
    }

    /// Request-shaped garbage: headers of random bytes.
    #[test]
    fn header_garbage(name in "[!-~]{0,12}", value in prop::collection::vec(any::<u8>(), 0..60), uri in "[ -~]{0,30}") {
        let mut req = format!("GET {uri} HTTP/1.1\r\n{name}: ").into_bytes();
        req.extend_from_slice(&value);
        req.extend_from_slice(b"\r\nHost: x\r\n\r\n");
        let mut s = Vec::new();
        let _ = parse_request(&req, &mut s);
    }
}

/// libhtp keeps one header table entry per name (compared without case) and
/// merges a repeat into it, so `http.header_names` names it once, as first
/// spelled; the request's buffer as the response's.
#[test]
fn header_names_name_a_repeated_header_once() {
    use ferrule_matcher::extract::http::{
        parse_request, response_header_names, Http, ResponseNames,
    };
    let mut scratch = Vec::new();
    let head = b"GET / HTTP/1.1\r\nHost: a.com\r\nX-A: 1\r\nx-a: 2\r\nHOST: b.com\r\n\r\n";
    let Http::Request(r) = parse_request(head, &mut scratch) else {
        panic!("a request")
    };
    assert_eq!(r.header_names, b"\r\nHost\r\nX-A\r\n\r\n");
    let reply = b"HTTP/1.1 100 Continue\r\nServer: i\r\n\r\nHTTP/1.1 200 OK\r\nSet-Cookie: a\r\nSET-COOKIE: b\r\n\r\n";
    assert_eq!(
        response_header_names(reply, &mut scratch),
        ResponseNames::Head(Some(&b"\r\nSet-Cookie\r\n\r\n"[..]))
    );
}
