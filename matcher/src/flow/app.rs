//! App-layer detection from the client's first bytes, and extraction of the
//! request's name buffers with [`crate::extract`].
//!
//! Detection is by the first bytes the client sends, as Suricata's protocol
//! detection does for these protocols: a TLS record header (or an SSLv2
//! ClientHello) is TLS; an HTTP method followed by a space or tab (the
//! patterns `src/app-layer-htp.c` registers) is HTTP/1. Those are pattern
//! matches, tried on any port; when they fail and the server port is 53,
//! Suricata's DNS probing parser decides (`c_probe_tcp` in
//! `rust/src/dns/dns.rs`, registered for `dp: 53` by the default
//! `app-layer.protocols.dns.tcp.detection-ports`). Anything else is "no app
//! protocol" (Suricata: detection failed or a protocol Ferrule does not
//! model). Until the first bytes are conclusive the answer is "need more".
//! UDP DNS detection is in the tracker (`flow/mod.rs`).

use crate::extract::dns::{self, DnsError, DnsRequest, Probe};
use crate::extract::http::{parse_request_as, HostRule, Http, HttpRequest};
use crate::extract::tls::{client_hello_sni, Sni};

/// HTTP/1 request methods recognised as the start of an HTTP stream.
const METHODS: &[&[u8]] = &[
    b"GET",
    b"POST",
    b"HEAD",
    b"PUT",
    b"DELETE",
    b"OPTIONS",
    b"CONNECT",
    b"TRACE",
    b"PATCH",
    b"PROPFIND",
    b"PROPPATCH",
    b"MKCOL",
    b"COPY",
    b"MOVE",
    b"LOCK",
    b"UNLOCK",
    b"CHECKOUT",
    b"UNCHECKOUT",
    b"CHECKIN",
    b"UPDATE",
    b"LABEL",
    b"REPORT",
    b"MKWORKSPACE",
    b"MKACTIVITY",
    b"MERGE",
    b"INVALID",
    b"VERSION-CONTROL",
    b"BASELINE-CONTROL",
];

/// What the client's stream is, so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exam<'a> {
    /// Not conclusive yet.
    NeedMore,
    /// A complete ClientHello, with its SNI if any.
    Tls(Option<&'a [u8]>),
    /// A complete HTTP/1 request head.
    Http(HttpRequest<'a>),
    /// TLS whose records are malformed before the ClientHello completes.
    BadTls,
    /// An HTTP method, then not a valid HTTP/1 request head.
    BadHttp,
    /// DNS over TCP (port 53) detected, its first message not complete yet
    /// (the caller remembers the detection: Suricata probes once, and a
    /// header-only probe may say DNS where the complete message would not).
    DnsNeedMore,
    /// DNS over TCP (port 53): the first complete message, as a request, or
    /// why it is not one (a parser error: Suricata parses no more of the
    /// stream).
    Dns(Result<DnsRequest<'a>, DnsError>),
    /// Neither TLS nor HTTP/1.
    Other,
}

/// Does `data` start like an HTTP/1 request? `None`: too short to tell.
/// The method is matched without regard to case, as Suricata registers its
/// patterns (`SCAppLayerProtoDetectPMRegisterPatternCI`: "get " is HTTP/1).
fn http_start(data: &[u8]) -> Option<bool> {
    let mut undecided = false;
    for m in METHODS {
        if data.len() > m.len() {
            if data[..m.len()].eq_ignore_ascii_case(m) && matches!(data[m.len()], b' ' | b'\t') {
                return Some(true);
            }
        } else if m[..data.len()].eq_ignore_ascii_case(data) {
            undecided = true;
        }
    }
    if undecided {
        None
    } else {
        Some(false)
    }
}

/// How DNS applies to a TCP stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DnsPort {
    /// The server port is not 53: no DNS probing.
    No,
    /// The server port is 53: probe when TLS and HTTP/1 do not match.
    Probe,
    /// An earlier call answered [`Exam::DnsNeedMore`]: DNS, wait for the
    /// first message.
    Detected,
}

/// The first DNS message of a stream detected as DNS.
fn dns_message(data: &[u8]) -> Exam<'_> {
    match dns::tcp_message(data) {
        Ok(None) => Exam::DnsNeedMore,
        Ok(Some(msg)) => Exam::Dns(dns::request(msg)),
        Err(e) => Exam::Dns(Err(e)),
    }
}

/// Not TLS nor HTTP/1: DNS when the server port is 53 and the probe says so.
fn other_or_dns(data: &[u8], dns_port: DnsPort) -> Exam<'_> {
    match dns_port {
        DnsPort::No => Exam::Other,
        DnsPort::Detected => dns_message(data),
        DnsPort::Probe => match dns::probe_tcp(data) {
            Probe::NeedMore => Exam::NeedMore,
            Probe::NotDns => Exam::Other,
            // A response from the client: Suricata reverses the flow; not
            // modelled, presented as a request that is not one.
            Probe::Response => Exam::Dns(Err(DnsError::NotRequest)),
            Probe::Request => dns_message(data),
        },
    }
}

/// The app protocol Suricata has detected from the first bytes of a
/// client stream whose request is not complete yet ([`examine`] answered
/// "need more"): TLS once the record header's first three bytes match one
/// of the patterns `SSLRegisterPatternsForProtocolDetection` registers
/// (`16 03 00`…`16 03 03`, depth 3: a first segment of 3 bytes is
/// enough), HTTP/1 once a method and a space or tab are there (depth: the
/// method + 1, any case). `None`: not conclusive yet; Suricata keeps the
/// bytes and tries again with the next segment. DNS over TCP is detected
/// by its probe, which the caller remembers ([`Exam::DnsNeedMore`]).
///
/// Not modelled: the `01 03 0x` patterns (no TLS for [`examine`] either)
/// and Suricata's SSLv2 probe (`80 ll 01` on port 443): an SSLv2
/// ClientHello is TLS here only once complete.
pub(crate) fn detected(data: &[u8]) -> Option<crate::AppProto> {
    match data {
        [0x16, 0x03, 0x00..=0x03, ..] => Some(crate::AppProto::Tls),
        _ if http_start(data) == Some(true) => Some(crate::AppProto::Http1),
        _ => None,
    }
}

/// What the client's stream `data` is.
pub(crate) fn examine<'a>(
    data: &'a [u8],
    scratch: &'a mut Vec<u8>,
    dns_port: DnsPort,
    host_rule: HostRule,
) -> Exam<'a> {
    if data.is_empty() {
        return Exam::NeedMore;
    }
    if dns_port == DnsPort::Detected {
        return dns_message(data);
    }
    // Reborrow the scratch for TLS only when the stream may be TLS, so that
    // the HTTP path can have it.
    let tls_candidate = data[0] == 0x16 || data[0] & 0x80 != 0;
    if tls_candidate {
        match client_hello_sni(data, scratch) {
            Sni::Found(name) => return Exam::Tls(Some(name)),
            Sni::Absent(_) => return Exam::Tls(None),
            Sni::NeedMore => return Exam::NeedMore,
            Sni::Malformed(_) => return Exam::BadTls,
            Sni::NotTls => return other_or_dns(data, dns_port),
        }
    }
    match http_start(data) {
        None => Exam::NeedMore,
        Some(false) => other_or_dns(data, dns_port),
        Some(true) => match parse_request_as(data, scratch, host_rule) {
            Http::Request(r) => Exam::Http(r),
            Http::NeedMore => Exam::NeedMore,
            Http::Malformed(_) => Exam::BadHttp,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection() {
        let mut s = Vec::new();
        assert_eq!(
            examine(b"", &mut s, DnsPort::No, HostRule::Suricata8),
            Exam::NeedMore
        );
        assert_eq!(
            examine(b"GE", &mut s, DnsPort::No, HostRule::Suricata8),
            Exam::NeedMore
        );
        assert_eq!(
            examine(b"GET", &mut s, DnsPort::No, HostRule::Suricata8),
            Exam::NeedMore
        );
        assert_eq!(
            examine(
                b"GET / HTTP/1.1\r\n",
                &mut s,
                DnsPort::No,
                HostRule::Suricata8
            ),
            Exam::NeedMore
        );
        assert_eq!(
            examine(
                b"SSH-2.0-OpenSSH\r\n",
                &mut s,
                DnsPort::No,
                HostRule::Suricata8
            ),
            Exam::Other
        );
        assert_eq!(
            examine(
                b"GETX / HTTP/1.1\r\n",
                &mut s,
                DnsPort::No,
                HostRule::Suricata8
            ),
            Exam::Other
        );
        let Exam::Http(r) = examine(
            b"GET / HTTP/1.1\r\nHost: A.b\r\n\r\n",
            &mut s,
            DnsPort::No,
            HostRule::Suricata8,
        ) else {
            panic!()
        };
        assert_eq!(r.host, Some(&b"a.b"[..]));
        assert_eq!(
            examine(
                b"GET /\x01\x02 HTTP/1.1\r\n\r\n",
                &mut s,
                DnsPort::No,
                HostRule::Suricata8
            ),
            Exam::BadHttp
        );
        assert_eq!(
            examine(&[0x16, 0x03], &mut s, DnsPort::No, HostRule::Suricata8),
            Exam::NeedMore
        );
        assert_eq!(
            examine(
                &[0x16, 0x09, 0x09, 0, 5, 1],
                &mut s,
                DnsPort::No,
                HostRule::Suricata8
            ),
            Exam::Other
        );
        // A ServerHello where a ClientHello must be.
        assert_eq!(
            examine(
                &[0x16, 3, 1, 0, 4, 2, 0, 0, 0],
                &mut s,
                DnsPort::No,
                HostRule::Suricata8
            ),
            Exam::BadTls
        );
    }

    #[test]
    fn dns_over_tcp_on_port_53_only() {
        let mut msg = vec![0, 7, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        msg.extend_from_slice(b"\x03WWW\x07Example\x03org\x00\x00\x01\x00\x01");
        let mut stream = (msg.len() as u16).to_be_bytes().to_vec();
        stream.extend_from_slice(&msg);
        let mut s = Vec::new();
        assert_eq!(
            examine(&stream, &mut s, DnsPort::No, HostRule::Suricata8),
            Exam::Other
        );
        for cut in 0..stream.len() {
            let want = if cut < 14 {
                Exam::NeedMore
            } else {
                Exam::DnsNeedMore
            };
            assert_eq!(
                examine(&stream[..cut], &mut s, DnsPort::Probe, HostRule::Suricata8),
                want,
                "{cut}"
            );
            if cut >= 14 {
                assert_eq!(
                    examine(
                        &stream[..cut],
                        &mut s,
                        DnsPort::Detected,
                        HostRule::Suricata8
                    ),
                    want
                );
            }
        }
        let Exam::Dns(Ok(req)) = examine(&stream, &mut s, DnsPort::Probe, HostRule::Suricata8)
        else {
            panic!()
        };
        let mut names = Vec::new();
        assert_eq!(req.first_name(&mut names), Some(&b"WWW.Example.org"[..]));
        // Not DNS on port 53: no app protocol.
        assert_eq!(
            examine(
                b"SSH-2.0-OpenSSH_9.6\r\n",
                &mut s,
                DnsPort::Probe,
                HostRule::Suricata8
            ),
            Exam::Other
        );
        // TLS and HTTP patterns win on port 53 too.
        assert!(matches!(
            examine(
                b"GET / HTTP/1.1\r\n\r\n",
                &mut s,
                DnsPort::Probe,
                HostRule::Suricata8
            ),
            Exam::Http(_)
        ));
        // A broken question: when the whole message is there at detection,
        // the probe fails (no app protocol); when only the header was there,
        // DNS was detected and the message is malformed.
        let mut bad = stream.clone();
        bad[2 + 12] = 0x80;
        assert_eq!(
            examine(&bad, &mut s, DnsPort::Probe, HostRule::Suricata8),
            Exam::Other
        );
        assert_eq!(
            examine(&bad, &mut s, DnsPort::Detected, HostRule::Suricata8),
            Exam::Dns(Err(DnsError::Malformed))
        );
    }
}
