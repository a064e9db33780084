//! `dns.query` from a client's DNS request, as Suricata 8 derives it.
//!
//! The input is one DNS message: a UDP payload, or a TCP stream from its
//! first byte (segments concatenated by the caller) whose messages carry a
//! 2-byte length prefix. On TCP the answer is [`DnsQuery::NeedMore`] until the
//! whole first message has arrived, never a guess.
//!
//! Semantics follow Suricata's Rust DNS parser (`rust/src/dns/parser.rs`,
//! `rust/src/dns/dns.rs`, `rust/src/dns/detect.rs`, the 8.0 line):
//!
//! - **header** (`dns_validate_header` → `probe_header_validity`): 12 bytes;
//!   twice the total record count must not exceed the message length; a
//!   message with no records must be exactly 12 bytes; a request (QR = 0)
//!   needs at least one question;
//! - **body** (`dns_parse_body`): every question (name, type, class) and
//!   every answer record must parse, or the message makes no transaction
//!   (`MALFORMED_DATA`); authority and additional records that fail only set
//!   the events `INVALID_AUTHORITIES` / `INVALID_ADDITIONALS` (8.0), so they
//!   are not examined here; bytes after the records are ignored. An answer
//!   record's rdata is checked as `dns_parse_answer` does (`many_m_n(1, n,
//!   complete(rdata))`: the rdata parser of its type must succeed and consume
//!   something, except an empty `OPT`); this part is **\[code\]**: read
//!   from a `parser.rs` of the 8.0 era and not confirmed with the 8.0.6
//!   binary (answers in a request are rare);
//! - **requests only** (`dns_parse_request`): a message with QR = 1 is not a
//!   request (`NOT_A_REQUEST`) and has no `dns.query`; `dns.query` inspects
//!   the to_server side of a transaction (`SCDnsTxGetQueryName`);
//! - **names** (`dns_parse_name`): labels joined with `.`, no trailing dot,
//!   bytes kept as sent (no case folding, no escaping: a label may contain
//!   `.`, NUL or any other byte); compression pointers are followed anywhere
//!   in the message (forward too, offset ≤ message length); a pointer to the
//!   position it sits at is an infinite loop: an error before any pointer was
//!   followed, the end of the name after; a label length with the top bits
//!   `01` or `10` is an error (so a label is at most 63 bytes); at most 255
//!   labels and pointers: beyond that an error before any pointer was
//!   followed, the end of the name (truncated) after — which is how longer
//!   pointer loops end; a name longer than 1,025 bytes is truncated to 1,025
//!   (there is no 255-byte limit) — but the label limit is checked first, so
//!   a label appended at the 256th step of a pointer loop is kept and the
//!   name can reach [`MAX_BUFFER_LEN`] (1,089) bytes; a name that runs off the
//!   end of its data ends there;
//! - **the buffer** (`SCDnsTxGetQueryName`): a name that is empty (the root)
//!   gives no buffer; `dns.query` is a multi-buffer over the questions, and
//!   Suricata stops at the first question with no buffer, so after a root
//!   question no later question is inspected;
//! - **TCP** (`parse_request_tcp`): each message is preceded by its length; a
//!   length of 0 is skipped after detection, but a stream cannot start with
//!   one (the probe fails); a first message that does not parse is a parser
//!   error, which ends DNS parsing of the stream.
//!
//! Protocol detection is separate ([`probe_udp`], [`probe_tcp`], mirroring
//! `probe_udp` / `c_probe_tcp`): the flow tracker runs it on port 53 only
//! (`app-layer.protocols.dns.{udp,tcp}.detection-ports: dp: 53` in the
//! default `suricata.yaml`).
//!
//! [`query_name`] returns the **first** question's name only;
//! [`DnsRequest::questions`] walks all of them, and the flow tracker puts
//! them in one `AppRequest` query ([`crate::Query::dns_query_more`], at
//! most `flow::MAX_DNS_QUESTIONS`, see `flow/mod.rs`).
//!
//! Hand-written rather than a crate: the part needed is small, and
//! Suricata's name rules (1,025-byte truncation, its loop and label limits,
//! no 63/255 checks beyond the wire format, lenient trailing sections) are
//! not what general-purpose DNS crates implement. No allocation: a name is
//! built into the caller's scratch vector (labels are not contiguous on the
//! wire), except a single label, which is borrowed. No input makes it panic.

/// Suricata's `MAX_NAME_LEN`: longer names are truncated to this many bytes.
pub const MAX_NAME_LEN: usize = 1025;

/// The longest name Suricata can produce: a name of [`MAX_NAME_LEN`] bytes,
/// then a 63-byte label at the step where the label limit ends a pointer
/// loop (that check comes before the length check in `dns_parse_name`).
pub const MAX_BUFFER_LEN: usize = MAX_NAME_LEN + 1 + 63;

/// Labels plus pointers Suricata walks in one name before it gives up.
const MAX_STEPS: usize = 255;

const HEADER_LEN: usize = 12;

const OPT: u16 = 41;

/// Why a message has no `dns.query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DnsError {
    /// Shorter than the 12-byte header, or its record counts are impossible
    /// for its length, or a request with no question (`probe_header_validity`).
    Header,
    /// A question or answer record is malformed or runs past the message.
    Malformed,
    /// A response (QR = 1): `dns.query` inspects requests only.
    NotRequest,
    /// TCP: the stream starts with a zero-length message.
    EmptyMessage,
}

/// The answer of [`query_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DnsQuery<'a> {
    /// The first question's name, as Suricata presents it (1 to
    /// [`MAX_BUFFER_LEN`] bytes).
    Found(&'a [u8]),
    /// A valid request whose first question is the root name: the
    /// transaction exists but `dns.query` has no buffer.
    Root,
    /// TCP: the first message is not complete yet; feed more of the stream.
    NeedMore,
    /// Not a DNS request Suricata would make a transaction of.
    Invalid(DnsError),
}

impl<'a> DnsQuery<'a> {
    /// The `dns.query` buffer, if any.
    pub fn name(&self) -> Option<&'a [u8]> {
        match self {
            DnsQuery::Found(n) => Some(n),
            _ => None,
        }
    }

    /// Is the answer final (more bytes cannot change it)?
    pub fn is_complete(&self) -> bool {
        !matches!(self, DnsQuery::NeedMore)
    }
}

/// How a message reaches [`query_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transport {
    /// A UDP payload: exactly one message.
    Udp,
    /// A TCP stream from its first byte: length-prefixed messages.
    Tcp,
}

/// What protocol detection makes of a payload ([`probe_udp`], [`probe_tcp`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Probe {
    /// DNS, with QR = 0.
    Request,
    /// DNS, with QR = 1 (Suricata then reverses the flow's direction).
    Response,
    /// TCP: fewer than 14 bytes (2-byte length and header) so far.
    NeedMore,
    /// Not DNS.
    NotDns,
}

/// A request that parsed as Suricata's `dns_parse_request` accepts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DnsRequest<'a> {
    msg: &'a [u8],
    /// Transaction id.
    pub id: u16,
    /// Header flags (QR is 0).
    pub flags: u16,
    /// Number of questions (at least 1).
    pub questions: u16,
}

impl<'a> DnsRequest<'a> {
    /// The message (without a TCP length prefix).
    pub fn message(&self) -> &'a [u8] {
        self.msg
    }

    /// The questions' names, in order.
    pub fn questions(&self) -> Questions<'a> {
        Questions {
            msg: self.msg,
            pos: HEADER_LEN,
            left: self.questions,
        }
    }

    /// The `dns.query` buffer of the first question (`None` for the root).
    pub fn first_name<'b>(&self, scratch: &'b mut Vec<u8>) -> Option<&'b [u8]>
    where
        'a: 'b,
    {
        self.questions()
            .next_name(scratch)
            .filter(|n| !n.is_empty())
    }
}

/// A cursor over the question names of a [`DnsRequest`].
#[derive(Debug, Clone)]
pub struct Questions<'a> {
    msg: &'a [u8],
    pos: usize,
    left: u16,
}

impl<'a> Questions<'a> {
    /// The next question's name (empty for the root), built into `scratch`
    /// (cleared first) unless it is a single label; `None` after the last.
    pub fn next_name<'b>(&mut self, scratch: &'b mut Vec<u8>) -> Option<&'b [u8]>
    where
        'a: 'b,
    {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        scratch.clear();
        let Ok(w) = walk_name(self.msg, self.pos, self.msg.len(), Some(scratch)) else {
            // Unreachable for a validated request.
            self.left = 0;
            return None;
        };
        self.pos = w.next + 4;
        match w.single {
            Some((at, len)) => self.msg.get(at..at + len),
            None => Some(&scratch[..]),
        }
    }
}

/// A name that parsed.
struct Walked {
    /// Where the record continues (after the name, or after the first
    /// pointer when one was followed).
    next: usize,
    /// The name is exactly one label, at this offset and length.
    single: Option<(usize, usize)>,
}

/// Suricata's `dns_parse_name` over `msg[start..end]` (`end` is the end of
/// the message, or of an rdata field); pointers jump anywhere in `msg`.
/// `Err(())`: Suricata errors out (nom `Error` or `Incomplete`).
fn walk_name(
    msg: &[u8],
    start: usize,
    end: usize,
    mut out: Option<&mut Vec<u8>>,
) -> Result<Walked, ()> {
    let (mut pos, mut end) = (start, end.min(msg.len()));
    let mut pivot: Option<usize> = None;
    let mut steps = 0usize;
    let mut name_len = 0usize;
    let mut labels = 0usize;
    let mut first_label = (0, 0);
    let mut truncated = false;
    // `pos` at the end of the data: the name ends there.
    while let Some(&len) = msg.get(pos..end).and_then(|s| s.first()) {
        if len == 0 {
            pos += 1;
            break;
        } else if len & 0xc0 == 0 {
            let l = usize::from(len);
            if pos + 1 + l > end {
                return Err(()); // streaming `length_data`: Incomplete
            }
            if !truncated {
                if name_len > 0 {
                    name_len += 1;
                    if let Some(o) = out.as_deref_mut() {
                        o.push(b'.');
                    }
                }
                name_len += l;
                labels += 1;
                first_label = (pos + 1, l);
                if let Some(o) = out.as_deref_mut() {
                    o.extend_from_slice(&msg[pos + 1..pos + 1 + l]);
                }
            }
            pos += 1 + l;
        } else if len & 0xc0 == 0xc0 {
            if pos + 2 > end {
                return Err(());
            }
            let offset = (usize::from(len & 0x3f) << 8) | usize::from(msg[pos + 1]);
            if offset > msg.len() {
                return Err(());
            }
            // Suricata compares the slices' contents: the same position
            // when `pos` runs to the end of the message.
            if msg.get(offset..) == msg.get(pos..end) {
                if pivot.is_some() {
                    break;
                }
                return Err(());
            }
            if pivot.is_none() {
                pivot = Some(pos + 2);
            }
            pos = offset;
            end = msg.len();
        } else {
            return Err(());
        }
        steps += 1;
        if steps > MAX_STEPS {
            if pivot.is_some() {
                break;
            }
            return Err(());
        }
        if name_len > MAX_NAME_LEN {
            name_len = MAX_NAME_LEN;
            truncated = true;
            if let Some(o) = out.as_deref_mut() {
                o.truncate(MAX_NAME_LEN);
            }
            if pivot.is_some() {
                break;
            }
        }
    }
    Ok(Walked {
        next: pivot.unwrap_or(pos),
        single: (labels == 1 && !truncated).then_some(first_label),
    })
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from(*b.get(at)?) << 8 | u16::from(*b.get(at + 1)?))
}

/// `probe_header_validity` (its first answer).
fn header_valid(msg: &[u8], rlen: usize) -> bool {
    let (Some(flags), Some(qd), Some(an), Some(ns), Some(ar)) = (
        be16(msg, 2),
        be16(msg, 4),
        be16(msg, 6),
        be16(msg, 8),
        be16(msg, 10),
    ) else {
        return false;
    };
    let records = [qd, an, ns, ar]
        .iter()
        .map(|&n| usize::from(n))
        .sum::<usize>();
    if 2 * records > rlen || (records == 0 && rlen > HEADER_LEN) {
        return false;
    }
    !(flags & 0x8000 == 0 && qd == 0)
}

/// The rdata parser of `rrtype` over `msg[at..end]` succeeds and consumes
/// something (`many_m_n(1, n, complete(..))` in `dns_parse_answer`).
fn rdata_ok(msg: &[u8], rrtype: u16, at: usize, end: usize) -> bool {
    let len = end - at;
    // The fixed fields, then a name (which may be empty); the whole must
    // consume something.
    let name_at =
        |skip: usize| len >= skip && len > 0 && walk_name(msg, at + skip, end, None).is_ok();
    match rrtype {
        OPT if len == 0 => true,
        OPT => {
            let mut p = at;
            while p < end {
                if p + 4 > end {
                    return false;
                }
                let l = be16(msg, p + 2).map_or(usize::MAX, usize::from);
                p = p.saturating_add(4).saturating_add(l);
                if p > end {
                    return false;
                }
            }
            true
        }
        // CNAME, PTR, NS: a name.
        5 | 12 | 2 => name_at(0),
        // MX: preference, name.
        15 => name_at(2),
        // SRV: priority, weight, port, target.
        33 => name_at(6),
        // SOA: two names, five 32-bit fields.
        6 => {
            let Ok(m) = walk_name(msg, at, end, None) else {
                return false;
            };
            match walk_name(msg, m.next, end, None) {
                Ok(r) => r.next + 20 <= end,
                Err(()) => false,
            }
        }
        // TXT: the first character-string must fit.
        16 => len > 0 && usize::from(msg[at]) < len,
        // SSHFP: algorithm, fingerprint type, rest.
        44 => len >= 2,
        // A, AAAA, NULL and every other type: the rest, which must not be
        // empty.
        _ => len > 0,
    }
}

/// Header and body as `dns_validate_header` + `dns_parse_body` accept them
/// (questions and answers strict, the rest not examined); the QR bit.
fn parse_message(msg: &[u8]) -> Result<bool, DnsError> {
    if msg.len() < HEADER_LEN || !header_valid(msg, msg.len()) {
        return Err(DnsError::Header);
    }
    let (flags, qd, an) = match (be16(msg, 2), be16(msg, 4), be16(msg, 6)) {
        (Some(f), Some(q), Some(a)) => (f, q, a),
        _ => return Err(DnsError::Header),
    };
    let mut pos = HEADER_LEN;
    for _ in 0..qd {
        let w = walk_name(msg, pos, msg.len(), None).map_err(|()| DnsError::Malformed)?;
        pos = w.next + 4;
        if pos > msg.len() {
            return Err(DnsError::Malformed);
        }
    }
    for _ in 0..an {
        let w = walk_name(msg, pos, msg.len(), None).map_err(|()| DnsError::Malformed)?;
        let rrtype = be16(msg, w.next).ok_or(DnsError::Malformed)?;
        let rdlen = be16(msg, w.next + 8).ok_or(DnsError::Malformed)?;
        let at = w.next + 10;
        let end = at + usize::from(rdlen);
        if end > msg.len() || !rdata_ok(msg, rrtype, at, end) {
            return Err(DnsError::Malformed);
        }
        pos = end;
    }
    Ok(flags & 0x8000 != 0)
}

/// Parse one DNS message (a UDP payload, or a TCP message without its
/// length prefix) as a request, as Suricata's `dns_parse_request` does.
///
/// ```
/// use ferrule_matcher::extract::dns::{request, DnsError};
///
/// let mut msg = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
/// msg.extend_from_slice(b"\x03www\x07Example\x03com\x00\x00\x01\x00\x01");
/// let req = request(&msg).unwrap();
/// let mut scratch = Vec::new();
/// assert_eq!(req.first_name(&mut scratch), Some(&b"www.Example.com"[..]));
/// msg[2] |= 0x80; // a response
/// assert_eq!(request(&msg), Err(DnsError::NotRequest));
/// ```
pub fn request(msg: &[u8]) -> Result<DnsRequest<'_>, DnsError> {
    if parse_message(msg)? {
        return Err(DnsError::NotRequest);
    }
    match (be16(msg, 0), be16(msg, 2), be16(msg, 4)) {
        (Some(id), Some(flags), Some(questions)) => Ok(DnsRequest {
            msg,
            id,
            flags,
            questions,
        }),
        _ => Err(DnsError::Header),
    }
}

/// The first message of a TCP stream (from its first byte): its bytes
/// without the length prefix, `Ok(None)` until it is complete.
pub fn tcp_message(stream: &[u8]) -> Result<Option<&[u8]>, DnsError> {
    let Some(len) = be16(stream, 0) else {
        return Ok(None);
    };
    if len == 0 {
        return Err(DnsError::EmptyMessage);
    }
    Ok(stream.get(2..2 + usize::from(len)))
}

/// The `dns.query` buffer of a DNS request: the first question's name.
///
/// `input` is a UDP payload, or a TCP stream from its first byte (segments
/// concatenated) for [`Transport::Tcp`]. The name borrows `input` when it
/// is a single label and is built into `scratch` (cleared first) otherwise.
/// A complete answer never changes when more bytes are appended to a TCP
/// stream.
///
/// ```
/// use ferrule_matcher::extract::dns::{query_name, DnsQuery, Transport};
///
/// let mut msg = vec![0xab, 0xcd, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
/// msg.extend_from_slice(b"\x04mail\x07example\x03org\x00\x00\x0f\x00\x01");
/// let mut scratch = Vec::new();
/// assert_eq!(
///     query_name(&msg, Transport::Udp, &mut scratch),
///     DnsQuery::Found(b"mail.example.org")
/// );
/// // Over TCP, with the length prefix, split across segments.
/// let mut stream = (msg.len() as u16).to_be_bytes().to_vec();
/// stream.extend_from_slice(&msg);
/// assert_eq!(query_name(&stream[..20], Transport::Tcp, &mut scratch), DnsQuery::NeedMore);
/// assert_eq!(query_name(&stream, Transport::Tcp, &mut scratch).name(), Some(&b"mail.example.org"[..]));
/// ```
pub fn query_name<'a>(
    input: &'a [u8],
    transport: Transport,
    scratch: &'a mut Vec<u8>,
) -> DnsQuery<'a> {
    let msg = match transport {
        Transport::Udp => input,
        Transport::Tcp => match tcp_message(input) {
            Ok(Some(m)) => m,
            Ok(None) => return DnsQuery::NeedMore,
            Err(e) => return DnsQuery::Invalid(e),
        },
    };
    match request(msg) {
        Ok(r) => match r.first_name(scratch) {
            Some(n) => DnsQuery::Found(n),
            None => DnsQuery::Root,
        },
        Err(e) => DnsQuery::Invalid(e),
    }
}

/// Suricata's UDP probing parser (`probe_udp`): at least 12 bytes, header
/// valid and body parsing.
pub fn probe_udp(payload: &[u8]) -> Probe {
    match parse_message(payload) {
        Ok(false) => Probe::Request,
        Ok(true) => Probe::Response,
        Err(_) => Probe::NotDns,
    }
}

/// Suricata's TCP probing parser (`c_probe_tcp` / `probe_tcp`) on a stream
/// from its first byte: 14 bytes are needed; when the first message is not
/// complete only its header is checked (against its announced length),
/// otherwise the whole message must parse. So the answer depends on how much
/// of the stream has arrived: `NotDns` is final, but a DNS answer from the
/// header alone can become `NotDns` once the message is complete. Suricata
/// probes once, with the bytes it has, and keeps a DNS answer (the flow
/// tracker does the same).
pub fn probe_tcp(stream: &[u8]) -> Probe {
    if stream.len() < 2 + HEADER_LEN {
        return Probe::NeedMore;
    }
    let dlen = be16(stream, 0).map_or(0, usize::from);
    let rest = &stream[2..];
    if rest.len() < dlen {
        return match (header_valid(rest, dlen), rest[2] & 0x80 != 0) {
            (false, _) => Probe::NotDns,
            (true, false) => Probe::Request,
            (true, true) => Probe::Response,
        };
    }
    probe_udp(&rest[..dlen])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request header with these counts, then `body`.
    fn msg(flags: u16, counts: [u16; 4], body: &[u8]) -> Vec<u8> {
        let mut m = vec![0x12, 0x34];
        m.extend_from_slice(&flags.to_be_bytes());
        for c in counts {
            m.extend_from_slice(&c.to_be_bytes());
        }
        m.extend_from_slice(body);
        m
    }

    fn question(name: &[u8]) -> Vec<u8> {
        let mut q = name.to_vec();
        q.extend_from_slice(&[0, 1, 0, 1]);
        q
    }

    fn udp(m: &[u8]) -> DnsQuery<'static> {
        let mut s = Vec::new();
        match query_name(m, Transport::Udp, &mut s) {
            DnsQuery::Found(n) => DnsQuery::Found(n.to_vec().leak()),
            DnsQuery::Root => DnsQuery::Root,
            DnsQuery::NeedMore => DnsQuery::NeedMore,
            DnsQuery::Invalid(e) => DnsQuery::Invalid(e),
        }
    }

    #[test]
    fn plain_name_case_kept() {
        let m = msg(
            0x0100,
            [1, 0, 0, 0],
            &question(b"\x03WwW\x07ExAmPle\x03COM\x00"),
        );
        assert_eq!(udp(&m), DnsQuery::Found(b"WwW.ExAmPle.COM"));
        assert_eq!(probe_udp(&m), Probe::Request);
    }

    #[test]
    fn single_label_is_borrowed() {
        let m = msg(0x0100, [1, 0, 0, 0], &question(b"\x09localhost\x00"));
        let mut s = Vec::new();
        let n = query_name(&m, Transport::Udp, &mut s).name().unwrap();
        assert_eq!(n, b"localhost");
        assert!(m.as_ptr_range().contains(&n.as_ptr()));
    }

    #[test]
    fn root_name_has_no_buffer() {
        let m = msg(0x0100, [1, 0, 0, 0], &question(b"\x00"));
        assert_eq!(udp(&m), DnsQuery::Root);
        // ... and Suricata stops at it: a later question is not inspected.
        let mut body = question(b"\x00");
        body.extend(question(b"\x01a\x00"));
        let m = msg(0x0100, [2, 0, 0, 0], &body);
        assert_eq!(udp(&m), DnsQuery::Root);
        let r = request(&m).unwrap();
        let mut q = r.questions();
        let mut s = Vec::new();
        assert_eq!(q.next_name(&mut s), Some(&b""[..]));
        assert_eq!(q.next_name(&mut s), Some(&b"a"[..]));
        assert_eq!(q.next_name(&mut s), None);
    }

    #[test]
    fn dots_and_odd_bytes_in_labels_are_kept() {
        let m = msg(0x0100, [1, 0, 0, 0], &question(b"\x03a.b\x02\x00\xff\x00"));
        assert_eq!(udp(&m), DnsQuery::Found(b"a.b.\x00\xff"));
    }

    #[test]
    fn compression_pointer() {
        // Question 1: www.example.com at 12; question 2: "mail" + pointer
        // to "example.com" (offset 16).
        let mut body = question(b"\x03www\x07example\x03com\x00");
        body.extend(question(b"\x04mail\xc0\x10"));
        let m = msg(0x0100, [2, 0, 0, 0], &body);
        let r = request(&m).unwrap();
        let mut q = r.questions();
        let mut s = Vec::new();
        assert_eq!(q.next_name(&mut s), Some(&b"www.example.com"[..]));
        assert_eq!(q.next_name(&mut s), Some(&b"mail.example.com"[..]));
        // A first question that is only a pointer (forward, to the second
        // question's labels) is followed too.
        let mut body = question(b"\xc0\x12");
        body.extend(question(b"\x02ab\x00"));
        let m = msg(0x0100, [2, 0, 0, 0], &body);
        assert_eq!(udp(&m), DnsQuery::Found(b"ab"));
    }

    #[test]
    fn pointer_out_of_message_or_short() {
        let m = msg(0x0100, [1, 0, 0, 0], &question(b"\x01a\xc0\xff"));
        assert_eq!(udp(&m), DnsQuery::Invalid(DnsError::Malformed));
        // A pointer to exactly the end of the message ends the name there.
        let mut m = msg(0x0100, [1, 0, 0, 0], b"\x01a\xc0");
        let end = m.len() + 1 + 4;
        m.push(end as u8);
        m.extend_from_slice(&[0, 1, 0, 1]);
        assert_eq!(m.len(), end);
        assert_eq!(udp(&m), DnsQuery::Found(b"a"));
    }

    #[test]
    fn pointer_loops() {
        // A pointer to itself before any pointer: an error.
        let m = msg(0x0100, [1, 0, 0, 0], &question(b"\xc0\x0c"));
        assert_eq!(udp(&m), DnsQuery::Invalid(DnsError::Malformed));
        // "a" then a pointer to that label: a loop of two steps, ended by
        // the 255-step limit after a pointer was followed: the name is cut.
        let m = msg(0x0100, [1, 0, 0, 0], &question(b"\x01a\xc0\x0c"));
        let DnsQuery::Found(n) = udp(&m) else {
            panic!()
        };
        assert_eq!(n.len(), 128 * 2 - 1, "128 labels 'a' joined with dots");
        assert!(n.split(|&b| b == b'.').all(|l| l == b"a"));
        // Pointer to a pointer to itself: the self reference comes after a
        // pointer was followed, so the name simply ends (empty: no buffer).
        let m = msg(0x0100, [1, 0, 0, 0], &question(b"\xc0\x0e\xc0\x0e"));
        assert_eq!(request(&m).map(|r| r.questions), Ok(1));
        assert_eq!(udp(&m), DnsQuery::Root);
    }

    #[test]
    fn label_length_top_bits_and_63() {
        let long = [&[63u8][..], &[b'x'; 63], &[0]].concat();
        let m = msg(0x0100, [1, 0, 0, 0], &question(&long));
        assert_eq!(udp(&m).name().map(<[u8]>::len), Some(63));
        // 64 (0x40) and 128 (0x80) are reserved label types: errors.
        for bad in [0x40u8, 0x80] {
            let mut l = vec![bad];
            l.extend_from_slice(&[b'x'; 64]);
            l.push(0);
            let m = msg(0x0100, [1, 0, 0, 0], &question(&l));
            assert_eq!(udp(&m), DnsQuery::Invalid(DnsError::Malformed));
        }
    }

    #[test]
    fn long_names_are_kept_then_truncated_at_1025() {
        // 300 bytes: no 255-byte limit.
        let mut n = Vec::new();
        for _ in 0..5 {
            n.push(59);
            n.extend_from_slice(&[b'a'; 59]);
        }
        n.push(0);
        let m = msg(0x0100, [1, 0, 0, 0], &question(&n));
        assert_eq!(udp(&m).name().map(<[u8]>::len), Some(5 * 60 - 1));
        // 20 labels of 63: 1279 bytes joined, truncated to 1025.
        let mut n = Vec::new();
        for i in 0..20u8 {
            n.push(63);
            n.extend_from_slice(&[b'a' + i; 63]);
        }
        n.push(0);
        let m = msg(0x0100, [1, 0, 0, 0], &question(&n));
        let DnsQuery::Found(name) = udp(&m) else {
            panic!()
        };
        assert_eq!(name.len(), MAX_NAME_LEN);
        assert!(name.starts_with(&[b'a'; 63]));
    }

    #[test]
    fn label_limit_is_checked_before_the_length() {
        // "example" "com" then a pointer back to "example": a loop entered
        // without a pointer. At step 256 the label "example" is appended to
        // 1,019 bytes, then the label limit ends the name before the length
        // check could cut it: 1,027 bytes (found by the `dns_query` fuzzer).
        let body = question(b"\x07example\x03com\xc0\x0c");
        let m = msg(0x0100, [1, 0, 0, 0], &body);
        let DnsQuery::Found(n) = udp(&m) else {
            panic!()
        };
        assert_eq!(n.len(), 1027);
        assert!(n.len() > MAX_NAME_LEN && n.len() <= MAX_BUFFER_LEN);
        assert!(n.starts_with(b"example.com.example.com."));
        assert!(n.ends_with(b".com.example"));
    }

    #[test]
    fn too_many_labels_without_pointer_is_an_error() {
        let mut n = Vec::new();
        for _ in 0..256 {
            n.extend_from_slice(b"\x01a");
        }
        n.push(0);
        let m = msg(0x0100, [1, 0, 0, 0], &question(&n));
        assert_eq!(udp(&m), DnsQuery::Invalid(DnsError::Malformed));
        let mut n = Vec::new();
        for _ in 0..255 {
            n.extend_from_slice(b"\x01a");
        }
        n.push(0);
        let m = msg(0x0100, [1, 0, 0, 0], &question(&n));
        assert_eq!(udp(&m).name().map(<[u8]>::len), Some(509));
    }

    #[test]
    fn header_rules() {
        let q = question(b"\x01a\x00");
        // Zero questions in a request.
        let m = msg(0x0100, [0, 0, 0, 0], b"");
        assert_eq!(udp(&m), DnsQuery::Invalid(DnsError::Header));
        assert_eq!(probe_udp(&m), Probe::NotDns);
        // Counts impossible for the length.
        let m = msg(0x0100, [1, 0, 0, 40], &q);
        assert_eq!(udp(&m), DnsQuery::Invalid(DnsError::Header));
        // Short.
        assert_eq!(udp(&m[..11]), DnsQuery::Invalid(DnsError::Header));
        assert_eq!(udp(b""), DnsQuery::Invalid(DnsError::Header));
        // Opcode and Z bit only raise events.
        let m = msg(0x7840, [1, 0, 0, 0], &q);
        assert_eq!(udp(&m), DnsQuery::Found(b"a"));
    }

    #[test]
    fn response_is_not_a_request() {
        let mut body = question(b"\x01a\x00");
        body.extend_from_slice(b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\x01\x02\x03\x04");
        let m = msg(0x8180, [1, 1, 0, 0], &body);
        assert_eq!(udp(&m), DnsQuery::Invalid(DnsError::NotRequest));
        assert_eq!(probe_udp(&m), Probe::Response);
        // A response with no records at all (a FORMERR) is still DNS.
        let m = msg(0x8181, [0, 0, 0, 0], b"");
        assert_eq!(probe_udp(&m), Probe::Response);
    }

    #[test]
    fn truncated_question() {
        let m = msg(
            0x0100,
            [1, 0, 0, 0],
            &question(b"\x03www\x07example\x03com\x00"),
        );
        for cut in HEADER_LEN..m.len() {
            assert!(
                matches!(udp(&m[..cut]), DnsQuery::Invalid(_)),
                "cut at {cut}"
            );
        }
        // The name running off the end ends there, but type/class are
        // missing: an error.
        let m = msg(0x0100, [1, 0, 0, 0], b"\x01a\x01b");
        assert_eq!(udp(&m), DnsQuery::Invalid(DnsError::Malformed));
    }

    #[test]
    fn answers_in_a_request_must_parse_additionals_need_not() {
        let q = question(b"\x01a\x00");
        let rr = |rrtype: u16, rdata: &[u8]| {
            let mut r = b"\xc0\x0c".to_vec();
            r.extend_from_slice(&rrtype.to_be_bytes());
            r.extend_from_slice(&[0, 1, 0, 0, 0, 0]);
            r.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
            r.extend_from_slice(rdata);
            r
        };
        let with = |counts: [u16; 4], r: Vec<u8>| msg(0x0100, counts, &[q.clone(), r].concat());
        assert_eq!(
            udp(&with([1, 1, 0, 0], rr(1, &[1, 2, 3, 4]))),
            DnsQuery::Found(b"a")
        );
        for (t, rdata) in [
            (1u16, &b""[..]),
            (5, b""),
            (5, b"\x05ab"),
            (15, b"\x00"),
            (16, b"\x05ab"),
            (44, b"\x01"),
            (41, b"\x00\x01\x00\x09"),
        ] {
            let m = with([1, 1, 0, 0], rr(t, rdata));
            assert_eq!(
                udp(&m),
                DnsQuery::Invalid(DnsError::Malformed),
                "{t} {rdata:?}"
            );
        }
        for (t, rdata) in [
            (41u16, &b""[..]),
            (16, b"\x00"),
            (5, b"\x01b\x00"),
            (6, &[0; 22][..]),
        ] {
            let m = with([1, 1, 0, 0], rr(t, rdata));
            assert_eq!(udp(&m), DnsQuery::Found(b"a"), "{t} {rdata:?}");
        }
        // A broken additional record (EDNS OPT cut short) does not matter.
        let mut m = with([1, 0, 0, 1], rr(41, b""));
        m.truncate(m.len() - 3);
        assert_eq!(udp(&m), DnsQuery::Found(b"a"));
    }

    #[test]
    fn tcp_length_prefix_across_segments() {
        let m = msg(
            0x0100,
            [1, 0, 0, 0],
            &question(b"\x03www\x07example\x03com\x00"),
        );
        let mut stream = (m.len() as u16).to_be_bytes().to_vec();
        stream.extend_from_slice(&m);
        let mut s = Vec::new();
        for cut in 0..stream.len() {
            assert_eq!(
                query_name(&stream[..cut], Transport::Tcp, &mut s),
                DnsQuery::NeedMore,
                "cut at {cut}"
            );
            let p = probe_tcp(&stream[..cut]);
            assert_eq!(
                p,
                if cut < 14 {
                    Probe::NeedMore
                } else {
                    Probe::Request
                }
            );
        }
        assert_eq!(
            query_name(&stream, Transport::Tcp, &mut s).name(),
            Some(&b"www.example.com"[..])
        );
        // A second message after it changes nothing.
        stream.extend_from_slice(&stream.clone());
        assert_eq!(
            query_name(&stream, Transport::Tcp, &mut s).name(),
            Some(&b"www.example.com"[..])
        );
        // A zero-length first message: not DNS.
        assert_eq!(
            query_name(b"\x00\x00\x00\x1c", Transport::Tcp, &mut s),
            DnsQuery::Invalid(DnsError::EmptyMessage)
        );
        assert_eq!(probe_tcp(&[0; 40]), Probe::NotDns);
        // Header only: the probe judges it against the announced length.
        let mut big = 400u16.to_be_bytes().to_vec();
        big.extend_from_slice(&m[..HEADER_LEN]);
        assert_eq!(probe_tcp(&big), Probe::Request);
        big[1] = 1; // 257 bytes announced, 1 question... valid too
        assert_eq!(probe_tcp(&big), Probe::Request);
        big[0] = 0;
        big[1] = 11; // shorter than a header: the header cannot parse
        assert_eq!(probe_tcp(&big), Probe::NotDns);
    }

    #[test]
    fn probes_reject_other_protocols() {
        assert_eq!(probe_udp(b"ping"), Probe::NotDns);
        assert_eq!(
            probe_udp(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
            Probe::NotDns
        );
        assert_eq!(probe_tcp(b"SSH-2.0-OpenSSH_9.6\r\n"), Probe::NotDns);
        assert_eq!(probe_tcp(b"GET / HTTP/1.1\r\n"), Probe::NotDns);
    }
}
