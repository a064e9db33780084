//! App-layer detection from the client's first bytes, and extraction of the
//! request's name buffers with [`crate::extract`].
//!
//! Detection is by the first bytes the client sends, as Suricata's protocol
//! detection does for these two protocols: a TLS record header (or an SSLv2
//! ClientHello) is TLS; an HTTP method followed by a space or tab (the
//! patterns `src/app-layer-htp.c` registers) is HTTP/1; anything else is "no
//! app protocol" (Suricata: detection failed or a protocol Ferrule does not
//! model). Until the first bytes are conclusive the answer is "need more".

use crate::extract::http::{parse_request, Http, HttpRequest};
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
    /// Neither TLS nor HTTP/1.
    Other,
}

/// Does `data` start like an HTTP/1 request? `None`: too short to tell.
fn http_start(data: &[u8]) -> Option<bool> {
    let mut undecided = false;
    for m in METHODS {
        if data.len() > m.len() {
            if data.starts_with(m) && matches!(data[m.len()], b' ' | b'\t') {
                return Some(true);
            }
        } else if m.starts_with(data) {
            undecided = true;
        }
    }
    if undecided {
        None
    } else {
        Some(false)
    }
}

pub(crate) fn examine<'a>(data: &'a [u8], scratch: &'a mut Vec<u8>) -> Exam<'a> {
    if data.is_empty() {
        return Exam::NeedMore;
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
            Sni::NotTls => return Exam::Other,
        }
    }
    match http_start(data) {
        None => Exam::NeedMore,
        Some(false) => Exam::Other,
        Some(true) => match parse_request(data, scratch) {
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
        assert_eq!(examine(b"", &mut s), Exam::NeedMore);
        assert_eq!(examine(b"GE", &mut s), Exam::NeedMore);
        assert_eq!(examine(b"GET", &mut s), Exam::NeedMore);
        assert_eq!(examine(b"GET / HTTP/1.1\r\n", &mut s), Exam::NeedMore);
        assert_eq!(examine(b"SSH-2.0-OpenSSH\r\n", &mut s), Exam::Other);
        assert_eq!(examine(b"GETX / HTTP/1.1\r\n", &mut s), Exam::Other);
        let Exam::Http(r) = examine(b"GET / HTTP/1.1\r\nHost: A.b\r\n\r\n", &mut s) else {
            panic!()
        };
        assert_eq!(r.host, Some(&b"a.b"[..]));
        assert_eq!(
            examine(b"GET /\x01\x02 HTTP/1.1\r\n\r\n", &mut s),
            Exam::BadHttp
        );
        assert_eq!(examine(&[0x16, 0x03], &mut s), Exam::NeedMore);
        assert_eq!(examine(&[0x16, 0x09, 0x09, 0, 5, 1], &mut s), Exam::Other);
        // A ServerHello where a ClientHello must be.
        assert_eq!(
            examine(&[0x16, 3, 1, 0, 4, 2, 0, 0, 0], &mut s),
            Exam::BadTls
        );
    }
}
