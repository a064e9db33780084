//! `http.host`, `http.host.raw` and `http.header_names` from an HTTP/1.x
//! request head, as Suricata 8 (its Rust libhtp, `rust/htp`) fills them.
//!
//! The request line and the header lines are parsed by `httparse`; the name
//! buffers follow libhtp (SEMANTICS §3.1, §3.2, §2.7):
//!
//! - the request target is split as `rust/htp/src/uri.rs` `Uri::parse_uri` does
//!   with the nom parsers of `rust/htp/src/parsers.rs` (`scheme`, `credentials`,
//!   `hostname`): a target not starting with `/` has a scheme up to the first
//!   `:`; `//userinfo@` is skipped; the hostname runs to the first `/ ? # :`
//!   (an IPv6 literal keeps its brackets) with trailing spaces trimmed. A
//!   `CONNECT` target is an authority (`Uri::parse_uri_hostport`);
//! - that URI hostname is normalised (`Uri::normalized_hostname`): `%XX`
//!   decoded, lowercased, trailing dots removed. When present it is both
//!   `http.host` and `http.host.raw` (`src/detect-http-host.c` reads the parsed
//!   URI for the raw buffer too), whatever the Host header says;
//! - otherwise the Host header decides: repeated Host headers are joined with
//!   `", "` (`rust/htp/src/request.rs`), the joined value is `http.host.raw`,
//!   and `http.host` is its hostname (`parsers::hostname`: up to the first
//!   `/ ? # :`, IPv6 brackets kept, trailing spaces trimmed) lowercased, a
//!   trailing dot kept (`rust/htp/src/transaction.rs`
//!   `process_request_headers`). No Host header (HTTP/1.0 or a missing one)
//!   and no URI host: neither buffer exists;
//! - `http.header_names` is `\r\n` + each header name as sent + `\r\n`, then a
//!   final `\r\n` (`src/detect-http-header-names.c`); empty with no headers.

use std::mem::MaybeUninit;

/// The most header lines a request head may carry (`httparse` needs a fixed
/// array; a longer head is [`HttpError::TooManyHeaders`]).
pub const MAX_HEADERS: usize = 128;

/// Why a request head is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpError {
    /// Not an HTTP/1.0 or HTTP/1.1 request head (`httparse` refused it).
    Invalid,
    /// More than [`MAX_HEADERS`] header lines.
    TooManyHeaders,
}

/// The name buffers of one HTTP/1.x request head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HttpRequest<'a> {
    /// The request method, as sent.
    pub method: &'a [u8],
    /// The request target, as sent.
    pub uri: &'a [u8],
    /// HTTP minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor_version: u8,
    /// Length of the head, up to and including the empty line.
    pub head_len: usize,
    /// `http.host`: normalised host (lowercase, port stripped, URI host wins).
    pub host: Option<&'a [u8]>,
    /// `http.host.raw`: the Host header value(s), or the normalised URI host.
    pub host_raw: Option<&'a [u8]>,
    /// `http.header_names`: `\r\nName1\r\nName2\r\n\r\n`, empty with no headers.
    pub header_names: &'a [u8],
}

/// The answer of [`parse_request`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Http<'a> {
    /// A complete request head.
    Request(HttpRequest<'a>),
    /// The head is not complete yet: feed more of the stream.
    NeedMore,
    /// Not an HTTP/1.x request head.
    Malformed(HttpError),
}

impl<'a> Http<'a> {
    /// The parsed request, if complete.
    pub fn request(&self) -> Option<&HttpRequest<'a>> {
        match self {
            Http::Request(r) => Some(r),
            _ => None,
        }
    }

    /// Is the answer final (more bytes cannot change it)?
    pub fn is_complete(&self) -> bool {
        !matches!(self, Http::NeedMore)
    }
}

/// Which HTTP parser's rule turns a Host header into `http.host` (the URI
/// host, when there is one, is normalised the same way by both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HostRule {
    /// Suricata 8 (its Rust libhtp, `parsers::hostname`): the value up to the
    /// first `/ ? # :` (an IPv6 literal keeps its brackets), trailing spaces
    /// trimmed, lowercased.
    #[default]
    Suricata8,
    /// Suricata 7 (C libhtp 0.5, `htp_parse_hostport`), the line AWS Network
    /// Firewall follows (SEMANTICS §9): the value trimmed; an IPv6 literal up
    /// to its `]` as sent (none without the `]`); else the part before the
    /// first `:`, trailing spaces trimmed, **as sent**; else (no port) the
    /// whole value lowercased, `/ ? #` included. So `Host: Example.COM:8080`
    /// gives `Example.COM` where Suricata 8 gives `example.com`.
    Suricata7,
}

/// A buffer location: in the input, or in the scratch vector.
#[derive(Clone, Copy)]
enum Loc {
    In(usize, usize),
    Sc(usize, usize),
}

impl Loc {
    fn of(input: &[u8], part: &[u8]) -> Loc {
        let start = (part.as_ptr() as usize).saturating_sub(input.as_ptr() as usize);
        Loc::In(start, start + part.len())
    }
    fn get<'a>(self, input: &'a [u8], scratch: &'a [u8]) -> &'a [u8] {
        match self {
            Loc::In(a, b) => input.get(a..b).unwrap_or(&[]),
            Loc::Sc(a, b) => scratch.get(a..b).unwrap_or(&[]),
        }
    }
}

fn config() -> httparse::ParserConfig {
    let mut c = httparse::ParserConfig::default();
    // libhtp tolerates both; a firewall must not be blinded by them.
    c.allow_multiple_spaces_in_request_line_delimiters(true)
        .ignore_invalid_headers_in_requests(true);
    c
}

/// Parse an HTTP/1.x request head and fill the name buffers as Suricata does.
///
/// `input` is the client's payload from the start of the request (segments
/// concatenated). Buffers are borrowed from `input` when they appear there
/// verbatim; normalised or joined values and `http.header_names` are written
/// into `scratch` (cleared first). Nothing else is allocated.
///
/// ```
/// use ferrule_matcher::extract::http::{parse_request, Http};
///
/// let mut scratch = Vec::new();
/// let head = b"GET / HTTP/1.1\r\nHost: WWW.Example.COM:8080\r\nAccept: */*\r\n\r\n";
/// assert_eq!(parse_request(&head[..30], &mut scratch), Http::NeedMore);
/// let Http::Request(r) = parse_request(head, &mut scratch) else { panic!() };
/// assert_eq!(r.host, Some(&b"www.example.com"[..]));
/// assert_eq!(r.host_raw, Some(&b"WWW.Example.COM:8080"[..]));
/// assert_eq!(r.header_names, b"\r\nHost\r\nAccept\r\n\r\n");
/// ```
pub fn parse_request<'a>(input: &'a [u8], scratch: &'a mut Vec<u8>) -> Http<'a> {
    parse_request_as(input, scratch, HostRule::Suricata8)
}

/// [`parse_request`] with the Host header rule of the given Suricata line.
///
/// ```
/// use ferrule_matcher::extract::http::{parse_request_as, HostRule, Http};
///
/// let mut scratch = Vec::new();
/// let head = b"GET / HTTP/1.1\r\nHost: WWW.Example.COM:8080\r\n\r\n";
/// let Http::Request(r) = parse_request_as(head, &mut scratch, HostRule::Suricata7) else { panic!() };
/// assert_eq!(r.host, Some(&b"WWW.Example.COM"[..]));
/// let head = b"GET / HTTP/1.1\r\nHost: WWW.Example.COM\r\n\r\n";
/// let Http::Request(r) = parse_request_as(head, &mut scratch, HostRule::Suricata7) else { panic!() };
/// assert_eq!(r.host, Some(&b"www.example.com"[..]));
/// ```
pub fn parse_request_as<'a>(input: &'a [u8], scratch: &'a mut Vec<u8>, rule: HostRule) -> Http<'a> {
    let mut slots = [const { MaybeUninit::<httparse::Header<'a>>::uninit() }; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut []);
    let head_len = match config().parse_request_with_uninit_headers(&mut req, input, &mut slots) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Http::NeedMore,
        Err(httparse::Error::TooManyHeaders) => return Http::Malformed(HttpError::TooManyHeaders),
        Err(_) => return Http::Malformed(HttpError::Invalid),
    };
    let method = req.method.unwrap_or("").as_bytes();
    let uri = req.path.unwrap_or("").as_bytes();
    let minor_version = req.version.unwrap_or(1);
    scratch.clear();

    // http.header_names
    let names = if req.headers.is_empty() {
        Loc::Sc(0, 0)
    } else {
        header_names_into(scratch, req.headers.iter().map(|h| h.name));
        Loc::Sc(0, scratch.len())
    };

    let (host, host_raw) = if let Some(raw) = uri_hostname(method, uri) {
        let h = normalize_uri_host(input, raw, scratch);
        (Some(h), Some(h))
    } else {
        let mut hosts = req
            .headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case("host"))
            .map(|h| trim_lws(h.value));
        match hosts.next() {
            None => (None, None),
            Some(first) => {
                let raw = match hosts.next() {
                    None => Loc::of(input, first),
                    Some(second) => {
                        let start = scratch.len();
                        scratch.extend_from_slice(first);
                        for v in std::iter::once(second).chain(hosts) {
                            scratch.extend_from_slice(b", ");
                            scratch.extend_from_slice(v);
                        }
                        Loc::Sc(start, scratch.len())
                    }
                };
                let host = header_host(input, raw, scratch, rule);
                (host, Some(raw))
            }
        }
    };

    let scratch: &'a [u8] = scratch;
    Http::Request(HttpRequest {
        method,
        uri,
        minor_version,
        head_len,
        host: host.map(|l| l.get(input, scratch)),
        host_raw: host_raw.map(|l| l.get(input, scratch)),
        header_names: names.get(input, scratch),
    })
}

/// What the server's data says about the `http.header_names` of its
/// response ([`response_header_names`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseNames<'a> {
    /// A final response head: its header names (`None` without a header:
    /// Suricata gives no buffer then).
    Head(Option<&'a [u8]>),
    /// Only interim (1xx) heads, complete: the final head comes later.
    Interim,
    /// No complete response head at the start of the data.
    NotHead,
}

/// The `http.header_names` buffer of the HTTP/1.x response head that starts
/// `input` (the server's side of the buffer, which Suricata inspects as it
/// does the request's): `\r\nName1\r\nName2\r\n\r\n`, each name once in
/// the spelling it first had (libhtp merges a repeated header into the
/// first), written into `scratch` (cleared first). Interim 1xx heads are
/// skipped, as libhtp discards them and their headers.
///
/// Parsed by httparse with its lenient response options; lines it cannot
/// read as a header (a name with a separator byte, no colon) are left out,
/// where libhtp keeps them (a documented deviation, `flow/mod.rs`).
///
/// ```
/// use ferrule_matcher::extract::http::{response_header_names, ResponseNames};
///
/// let mut scratch = Vec::new();
/// let reply = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nSet-Cookie: a\r\nset-cookie: b\r\n\r\nok";
/// assert_eq!(
///     response_header_names(reply, &mut scratch),
///     ResponseNames::Head(Some(&b"\r\nContent-Length\r\nSet-Cookie\r\n\r\n"[..]))
/// );
/// assert_eq!(response_header_names(&reply[..20], &mut scratch), ResponseNames::NotHead);
/// assert_eq!(
///     response_header_names(b"HTTP/1.1 100 Continue\r\n\r\n", &mut scratch),
///     ResponseNames::Interim
/// );
/// ```
pub fn response_header_names<'a>(input: &[u8], scratch: &'a mut Vec<u8>) -> ResponseNames<'a> {
    let mut c = httparse::ParserConfig::default();
    c.allow_spaces_after_header_name_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .allow_obsolete_multiline_headers_in_responses(true)
        .ignore_invalid_headers_in_responses(true);
    let mut at = 0;
    loop {
        let mut slots = [const { MaybeUninit::<httparse::Header<'_>>::uninit() }; MAX_HEADERS];
        let mut resp = httparse::Response::new(&mut []);
        let rest = input.get(at..).unwrap_or(&[]);
        let n = match c.parse_response_with_uninit_headers(&mut resp, rest, &mut slots) {
            Ok(httparse::Status::Complete(n)) => n,
            _ if at > 0 && rest.is_empty() => return ResponseNames::Interim,
            _ => return ResponseNames::NotHead,
        };
        if resp.code.is_some_and(|code| (100..200).contains(&code)) {
            at += n;
            continue;
        }
        if resp.headers.is_empty() {
            return ResponseNames::Head(None);
        }
        scratch.clear();
        header_names_into(scratch, resp.headers.iter().map(|h| h.name));
        return ResponseNames::Head(Some(scratch));
    }
}

/// The `http.header_names` buffer of these header names, appended to `out`:
/// `\r\nName1\r\nName2\r\n\r\n`, each name once, in the spelling it first
/// had (libhtp keeps one table entry per name, compared without case, and
/// merges a repeat's value into it). Quadratic in the names: at most
/// `MAX_HEADERS` (128) of them, in extraction, never in `decide`.
pub fn header_names_into<'n>(out: &mut Vec<u8>, names: impl Iterator<Item = &'n str> + Clone) {
    out.extend_from_slice(b"\r\n");
    for (i, name) in names.clone().enumerate() {
        if names.clone().take(i).any(|n| n.eq_ignore_ascii_case(name)) {
            continue;
        }
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
}

fn trim_lws(v: &[u8]) -> &[u8] {
    let is_lws = |b: &u8| *b == b' ' || *b == b'\t';
    let start = v.iter().position(|b| !is_lws(b)).unwrap_or(v.len());
    let end = v.iter().rposition(|b| !is_lws(b)).map_or(start, |i| i + 1);
    v.get(start..end).unwrap_or(&[])
}

/// `parsers::hostname`: optional `//`, not a path, leading spaces skipped, an
/// IPv6 literal or the run up to `/ ? # :`, trailing spaces trimmed.
fn hostname(v: &[u8]) -> Option<&[u8]> {
    let v = v.strip_prefix(b"//").unwrap_or(v);
    if v.first() == Some(&b'/') {
        return None;
    }
    let v = v.get(v.iter().position(|&b| b != b' ')?..)?;
    let run = |s: &[u8], stops: &[u8]| s.iter().take_while(|b| !stops.contains(b)).count();
    let mut end = 0;
    if v.first() == Some(&b'[') {
        let n = run(v.get(1..).unwrap_or(&[]), b"/?#]");
        if n > 0 {
            end = 1 + n;
            if v.get(end) == Some(&b']') {
                end += 1;
            }
        }
    }
    if end == 0 {
        end = run(v, b"/?#:");
        if end == 0 {
            return None;
        }
    }
    let host = v.get(..end)?;
    let keep = host.iter().rposition(|&b| b != b' ').map_or(0, |i| i + 1);
    host.get(..keep)
}

/// The raw hostname of the request target (`Uri::parse_uri`, or
/// `Uri::parse_uri_hostport` for `CONNECT`), before normalisation.
fn uri_hostname<'a>(method: &[u8], uri: &'a [u8]) -> Option<&'a [u8]> {
    if method == b"CONNECT" {
        return hostname(uri);
    }
    // scheme(): not starting with '/', up to the first ':'.
    if uri.first() == Some(&b'/') {
        return None;
    }
    let colon = uri.iter().position(|&b| b == b':')?;
    let mut rest = uri.get(colon + 1..)?;
    // credentials(): "//", not a third '/', anything up to the first '@'.
    if let Some(auth) = rest.strip_prefix(b"//") {
        if auth.first() != Some(&b'/') {
            if let Some(at) = auth.iter().position(|&b| b == b'@') {
                rest = auth.get(at + 1..)?;
            }
        }
    }
    hostname(rest)
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// `Uri::normalized_hostname`: `%XX` decoded (invalid escapes kept as sent),
/// lowercased, trailing dots removed. Borrowed when nothing changes but dots.
fn normalize_uri_host(input: &[u8], raw: &[u8], scratch: &mut Vec<u8>) -> Loc {
    if !raw.iter().any(|&b| b == b'%' || b.is_ascii_uppercase()) {
        let keep = raw.iter().rposition(|&b| b != b'.').map_or(0, |i| i + 1);
        return Loc::of(input, raw.get(..keep).unwrap_or(&[]));
    }
    let start = scratch.len();
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        let decoded = match (b, raw.get(i + 1), raw.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        match decoded {
            Some(d) => {
                scratch.push(d.to_ascii_lowercase());
                i += 3;
            }
            None => {
                scratch.push(b.to_ascii_lowercase());
                i += 1;
            }
        }
    }
    while scratch.len() > start && scratch.last() == Some(&b'.') {
        scratch.pop();
    }
    Loc::Sc(start, scratch.len())
}

/// The hostname in a (joined) Host header value as C libhtp 0.5
/// (`htp_util.c` `htp_parse_hostport`) takes it, and whether it is then
/// lowercased: see [`HostRule::Suricata7`]. Whitespace is C's `isspace`.
fn libhtp05_hostname(value: &[u8]) -> Option<(&[u8], bool)> {
    let space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let start = value.iter().position(|c| !space(c))?;
    let end = value
        .iter()
        .rposition(|c| !space(c))
        .map_or(start, |i| i + 1);
    let v = value.get(start..end)?;
    Some(if v.first() == Some(&b'[') {
        (v.get(..=v.iter().position(|&c| c == b']')?)?, false)
    } else if let Some(colon) = v.iter().position(|&c| c == b':') {
        let head = v.get(..colon)?;
        let keep = head.iter().rposition(|c| !space(c)).map_or(0, |i| i + 1);
        (head.get(..keep)?, false)
    } else {
        (v, true)
    })
}

/// `http.host` from the (joined) Host header value: its hostname
/// (`parsers::hostname`, lowercased, for Suricata 8; [`libhtp05_hostname`]
/// for Suricata 7), borrowed when it needs no lowercasing.
fn header_host(input: &[u8], raw: Loc, scratch: &mut Vec<u8>, rule: HostRule) -> Option<Loc> {
    let (in_scratch, a, b) = match raw {
        Loc::In(a, b) => (false, a, b),
        Loc::Sc(a, b) => (true, a, b),
    };
    let value = if in_scratch {
        scratch.get(a..b)?
    } else {
        input.get(a..b)?
    };
    let (host, lower) = match rule {
        HostRule::Suricata8 => (hostname(value)?, true),
        HostRule::Suricata7 => libhtp05_hostname(value)?,
    };
    let ha = (host.as_ptr() as usize).saturating_sub(value.as_ptr() as usize) + a;
    let hb = ha + host.len();
    if !lower || !host.iter().any(u8::is_ascii_uppercase) {
        return Some(if in_scratch {
            Loc::Sc(ha, hb)
        } else {
            Loc::In(ha, hb)
        });
    }
    let start = scratch.len();
    if in_scratch {
        scratch.get(ha..hb)?;
        scratch.extend_from_within(ha..hb);
    } else {
        scratch.extend_from_slice(input.get(ha..hb)?);
    }
    if let Some(s) = scratch.get_mut(start..) {
        s.make_ascii_lowercase();
    }
    Some(Loc::Sc(start, scratch.len()))
}
