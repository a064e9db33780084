//! `tls.sni` from the client's byte stream, as Suricata 8 derives it.
//!
//! The input is the client-to-server TCP payload from its first byte, with the
//! segments concatenated by the caller. The ClientHello may be spread over
//! several TLS records (handshake fragmentation, e.g. post-quantum key shares)
//! and several TCP segments; until the record that completes it has arrived the
//! answer is [`Sni::NeedMore`], never a guess.
//!
//! Semantics follow Suricata's C TLS parser (`src/app-layer-ssl.c`, the 8.0
//! line; the same limits are in 7.0):
//!
//! - records (`SSLv3Decode`): content type 20..=24, record version valid, length
//!   1..=16384, a handshake record shorter than 4 bytes is an error, and a record
//!   is only processed once it is complete;
//! - handshake messages (`SSLv3ParseHandshakeProtocol`): the 4-byte message
//!   header must lie in one record; a message longer than its record is
//!   buffered across the following handshake records (`hs_buffer`) and parsed
//!   when complete;
//! - the hello body (`TLSDecodeHandshakeHello`): version, random, session id,
//!   cipher suites (even length), compression methods, then the extensions;
//! - extensions (`TLSDecodeHSHelloExtensions`): an extension that does not fit
//!   stops the walk; a malformed `server_name`, `supported_groups`,
//!   `ec_point_formats`, `signature_algorithms`, `application_layer_protocol_negotiation` or
//!   `supported_versions` extension also stops it (extensions after it are not
//!   seen);
//! - `server_name` (`TLSDecodeHSHelloExtensionSni`): an empty extension is
//!   skipped; the list length is skipped, not checked; only the **first entry**
//!   is read: its type must be `host_name` (0) and its length 1..=255 and inside
//!   the extension, else the walk stops with no SNI (events `INVALID_SNI_TYPE`,
//!   `INVALID_SNI_LENGTH`); a second `server_name` extension is ignored
//!   (`MULTIPLE_SNI_EXTENSIONS`). The bytes are kept as sent: no case folding,
//!   trailing dot kept.

/// Where a ClientHello without a usable SNI stopped (Suricata sets no `tls.sni`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoSni {
    /// The hello has no extensions block, or no `server_name` extension.
    Missing,
    /// The first `server_name` entry is not of type `host_name` (0).
    NotHostName(u8),
    /// The first `host_name` is empty, longer than 255 bytes, or overruns its
    /// extension (the length as written).
    BadLength(u16),
    /// The `server_name` extension is too short for its list header.
    Truncated,
    /// The hello body or an extension before any `server_name` is malformed,
    /// which ends Suricata's parse of the hello.
    MalformedHello,
    /// An SSLv2-format ClientHello: it has no extensions.
    Sslv2Hello,
}

/// Why a stream is rejected as TLS, or its record layer is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TlsError {
    /// A record before the end of the ClientHello is not a handshake record
    /// (its content type).
    UnexpectedRecord(u8),
    /// A record with an invalid protocol version.
    RecordVersion(u16),
    /// A record of length 0 or above 16384.
    RecordLength(u16),
    /// A handshake record shorter than 4 bytes (Suricata rejects those).
    ShortHandshakeRecord,
    /// The first handshake message is not a ClientHello (its type).
    NotClientHello(u8),
}

/// The answer of [`client_hello_sni`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sni<'a> {
    /// The SNI, exactly as sent (1 to 255 bytes).
    Found(&'a [u8]),
    /// A complete ClientHello without a usable SNI.
    Absent(NoSni),
    /// The ClientHello is not complete yet: feed more of the stream.
    NeedMore,
    /// The stream does not start like TLS (or SSLv2) from a client.
    NotTls,
    /// TLS, but the records before the end of the ClientHello are malformed.
    Malformed(TlsError),
}

impl<'a> Sni<'a> {
    /// The `tls.sni` buffer, if any.
    pub fn name(&self) -> Option<&'a [u8]> {
        match self {
            Sni::Found(n) => Some(n),
            _ => None,
        }
    }

    /// Is the answer final (more bytes cannot change it)?
    pub fn is_complete(&self) -> bool {
        !matches!(self, Sni::NeedMore)
    }
}

const HANDSHAKE: u8 = 22;
const CLIENT_HELLO: u8 = 1;
const RECORD_HDR: usize = 5;
/// `SSLV3_RECORD_MAX_LEN` (`1 << 14`).
const RECORD_MAX: usize = 1 << 14;

fn be16(b: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(*b.get(at)?) << 8 | usize::from(*b.get(at + 1)?))
}

/// `TLSVersionValid` for a record: SSLv3, TLS 1.0 to 1.3 (record versions of
/// TLS 1.3 drafts are 0x0301..0x0303 on the wire as well).
fn record_version_valid(v: usize) -> bool {
    (0x0300..=0x0304).contains(&v)
}

/// Find the SNI of the ClientHello at the start of a client's TCP stream.
///
/// `input` is the client's payload from its first byte (segments concatenated).
/// When the ClientHello lies in one TLS record the SNI is borrowed from
/// `input`; when it spans records its fragments are copied into `scratch`
/// (cleared first) and the SNI borrows from there. Nothing else is allocated.
///
/// A complete answer never changes when more bytes are appended.
///
/// ```
/// use ferrule_matcher::extract::tls::{client_hello_sni, Sni};
///
/// // A minimal TLS 1.2 ClientHello for "example.com" in one record.
/// let mut ext = vec![0x00, 0x00, 0x00, 0x10, 0x00, 0x0e, 0x00, 0x00, 0x0b];
/// ext.extend_from_slice(b"example.com");
/// let mut body = vec![0x03, 0x03];
/// body.extend_from_slice(&[0u8; 32]); // random
/// body.extend_from_slice(&[0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00]);
/// body.extend_from_slice(&(ext.len() as u16).to_be_bytes());
/// body.extend_from_slice(&ext);
/// let mut hs = vec![0x01, 0x00];
/// hs.extend_from_slice(&(body.len() as u16).to_be_bytes());
/// hs.extend_from_slice(&body);
/// let mut stream = vec![0x16, 0x03, 0x01];
/// stream.extend_from_slice(&(hs.len() as u16).to_be_bytes());
/// stream.extend_from_slice(&hs);
///
/// let mut scratch = Vec::new();
/// assert_eq!(client_hello_sni(&stream[..20], &mut scratch), Sni::NeedMore);
/// assert_eq!(client_hello_sni(&stream, &mut scratch), Sni::Found(b"example.com"));
/// assert_eq!(client_hello_sni(b"GET / HTTP/1.1\r\n", &mut scratch), Sni::NotTls);
/// ```
pub fn client_hello_sni<'a>(input: &'a [u8], scratch: &'a mut Vec<u8>) -> Sni<'a> {
    let Some(&first) = input.first() else {
        return Sni::NeedMore;
    };
    if first & 0xc0 != 0 {
        return sslv2(input);
    }
    // First record: decides "is this TLS at all".
    let Some(hdr) = input.get(..RECORD_HDR) else {
        return if first == HANDSHAKE && !matches!(input.get(1), Some(&m) if m != 3) {
            Sni::NeedMore
        } else {
            Sni::NotTls
        };
    };
    let version = be16(hdr, 1).unwrap_or(0);
    if hdr[0] != HANDSHAKE || !record_version_valid(version) {
        return Sni::NotTls;
    }
    let rec_len = be16(hdr, 3).unwrap_or(0);
    if let Err(e) = check_record(HANDSHAKE, version, rec_len) {
        return Sni::Malformed(e);
    }
    // The handshake message header lies in the first record (length >= 4).
    let Some(msg_hdr) = input.get(RECORD_HDR..RECORD_HDR + 4) else {
        return Sni::NeedMore;
    };
    if msg_hdr[0] != CLIENT_HELLO {
        return Sni::Malformed(TlsError::NotClientHello(msg_hdr[0]));
    }
    let msg_len =
        usize::from(msg_hdr[1]) << 16 | usize::from(msg_hdr[2]) << 8 | usize::from(msg_hdr[3]);
    let first_frag = rec_len - 4;
    if msg_len <= first_frag {
        // Single record: Suricata parses once the whole record is in.
        let Some(rec) = input.get(RECORD_HDR..RECORD_HDR + rec_len) else {
            return Sni::NeedMore;
        };
        return parse_hello(rec.get(4..4 + msg_len).unwrap_or(&[]));
    }
    // Spanning records: validate and locate every fragment first.
    let mut have = first_frag;
    let mut pos = RECORD_HDR + rec_len;
    if input.len() < pos {
        return Sni::NeedMore;
    }
    while have < msg_len {
        let Some(hdr) = input.get(pos..pos + RECORD_HDR) else {
            return Sni::NeedMore;
        };
        let version = be16(hdr, 1).unwrap_or(0);
        let len = be16(hdr, 3).unwrap_or(0);
        if let Err(e) = check_record(hdr[0], version, len) {
            return Sni::Malformed(e);
        }
        pos += RECORD_HDR + len;
        if input.len() < pos {
            return Sni::NeedMore;
        }
        have += len;
    }
    // Complete: gather the fragments into scratch.
    scratch.clear();
    scratch.reserve(msg_len);
    scratch.extend_from_slice(
        input
            .get(RECORD_HDR + 4..RECORD_HDR + rec_len)
            .unwrap_or(&[]),
    );
    let mut pos = RECORD_HDR + rec_len;
    while scratch.len() < msg_len {
        let len = be16(input, pos + 3).unwrap_or(0);
        let body = input
            .get(pos + RECORD_HDR..pos + RECORD_HDR + len)
            .unwrap_or(&[]);
        let take = (msg_len - scratch.len()).min(body.len());
        scratch.extend_from_slice(body.get(..take).unwrap_or(&[]));
        if len == 0 {
            break; // unreachable: check_record refused empty records
        }
        pos += RECORD_HDR + len;
    }
    let body: &'a [u8] = scratch;
    parse_hello(body)
}

/// Record-level checks of `SSLv3Decode` for a record carrying the ClientHello.
fn check_record(ctype: u8, version: usize, len: usize) -> Result<(), TlsError> {
    if ctype != HANDSHAKE {
        return Err(TlsError::UnexpectedRecord(ctype));
    }
    if !record_version_valid(version) {
        return Err(TlsError::RecordVersion(version as u16));
    }
    if len == 0 || len > RECORD_MAX {
        return Err(TlsError::RecordLength(len as u16));
    }
    if len < 4 {
        return Err(TlsError::ShortHandshakeRecord);
    }
    Ok(())
}

/// An SSLv2-format record (`SSLv2Decode`): a CLIENT-HELLO has no extensions.
fn sslv2(input: &[u8]) -> Sni<'_> {
    // 2-byte header when the top bit is set; 3-byte header otherwise.
    let type_at = if input.first().is_some_and(|b| b & 0x80 != 0) {
        2
    } else {
        3
    };
    let Some(vers) = input.get(type_at..type_at + 3) else {
        return Sni::NeedMore;
    };
    // msg type CLIENT-HELLO, then the client version (0x0002 or 0x03xx).
    if vers[0] == 1 && (vers[1] == 0 && vers[2] == 2 || vers[1] == 3) {
        Sni::Absent(NoSni::Sslv2Hello)
    } else {
        Sni::NotTls
    }
}

/// A cursor over a slice where every read is checked (Suricata's `HAS_SPACE`).
struct Cur<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Cur<'a> {
    fn u8(&mut self) -> Option<usize> {
        let v = *self.b.get(self.at)?;
        self.at += 1;
        Some(usize::from(v))
    }
    fn u16(&mut self) -> Option<usize> {
        let v = be16(self.b, self.at)?;
        self.at += 2;
        Some(v)
    }
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let v = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(v)
    }
    fn rest(&self) -> usize {
        self.b.len().saturating_sub(self.at)
    }
}

/// `TLSDecodeHandshakeHello` on a complete ClientHello body.
fn parse_hello(body: &[u8]) -> Sni<'_> {
    match hello_sni(body) {
        Ok(Some(s)) => Sni::Found(s),
        Ok(None) => Sni::Absent(NoSni::Missing),
        Err(reason) => Sni::Absent(reason),
    }
}

fn hello_sni(body: &[u8]) -> Result<Option<&[u8]>, NoSni> {
    let bad = NoSni::MalformedHello;
    let mut c = Cur { b: body, at: 0 };
    c.take(2 + 32).ok_or(bad)?; // version, random
    let sid = c.u8().ok_or(bad)?;
    c.take(sid).ok_or(bad)?;
    let cs = c.u16().ok_or(bad)?;
    if cs % 2 != 0 {
        return Err(bad);
    }
    c.take(cs).ok_or(bad)?;
    let comp = c.u8().ok_or(bad)?;
    c.take(comp).ok_or(bad)?;
    // "Extensions are optional": fewer than 2 bytes left = none.
    if c.rest() < 2 {
        return Ok(None);
    }
    let ext_total = c.u16().ok_or(bad)?;
    let mut exts = Cur {
        b: c.take(ext_total).ok_or(bad)?,
        at: 0,
    };
    let mut sni: Option<&[u8]> = None;
    while exts.rest() > 0 {
        let (Some(ty), Some(len)) = (exts.u16(), exts.u16()) else {
            return stop(sni, bad);
        };
        let Some(data) = exts.take(len) else {
            return stop(sni, bad);
        };
        let ok = match ty {
            0 => match server_name(data) {
                Ok(None) => true,
                Ok(Some(name)) => {
                    sni.get_or_insert(name);
                    true
                }
                Err(why) => return stop(sni, why),
            },
            10 => data.is_empty() || be16(data, 0).is_some_and(|l| l + 2 <= data.len()),
            11 => !matches!(data.first(), Some(&l) if usize::from(l) >= data.len()),
            13 => {
                data.is_empty() || be16(data, 0).is_some_and(|l| l % 2 == 0 && l + 2 <= data.len())
            }
            16 => alpn_ok(data),
            43 => !matches!(data.first(), Some(&l) if l < 2 || usize::from(l) >= data.len()),
            _ => true,
        };
        if !ok {
            return stop(sni, bad);
        }
    }
    Ok(sni)
}

/// Any stop of the extension walk keeps an SNI already found (`goto end`).
fn stop(sni: Option<&[u8]>, why: NoSni) -> Result<Option<&[u8]>, NoSni> {
    sni.map(Some).ok_or(why)
}

/// `TLSDecodeHSHelloExtensionSni`: `Ok(None)` for an empty extension.
fn server_name(data: &[u8]) -> Result<Option<&[u8]>, NoSni> {
    if data.is_empty() {
        return Ok(None);
    }
    let mut c = Cur { b: data, at: 0 };
    c.u16().ok_or(NoSni::Truncated)?; // list length: skipped
    let ty = c.u8().ok_or(NoSni::Truncated)?;
    if ty != 0 {
        return Err(NoSni::NotHostName(ty as u8));
    }
    let len = c.u16().ok_or(NoSni::Truncated)?;
    if len == 0 || len > 255 {
        return Err(NoSni::BadLength(len as u16));
    }
    c.take(len).map(Some).ok_or(NoSni::BadLength(len as u16))
}

/// `TLSDecodeHSHelloExtensionALPN`: does it parse without an error?
fn alpn_ok(data: &[u8]) -> bool {
    if data.is_empty() {
        return true;
    }
    let Some(list) = be16(data, 0) else {
        return false;
    };
    if list + 2 > data.len() {
        return false;
    }
    let mut done = 0usize;
    let mut at = 2usize;
    while done < list {
        let Some(&plen) = data.get(at) else {
            return false;
        };
        let plen = usize::from(plen);
        at += 1;
        done += 1;
        if at + plen > data.len() {
            return false;
        }
        if done + plen > list {
            break;
        }
        done += plen;
        at += plen;
    }
    true
}

/// The `server_name` extension (type, length, one `host_name` entry) of a
/// ClientHello naming `sni`: with [`client_hello_message`], the one builder
/// of the test, fuzzing and bench hellos (`extract::quic::build`,
/// `flow::fuzzing`).
#[doc(hidden)]
pub fn sni_extension(sni: &[u8]) -> Vec<u8> {
    let n = sni.len() as u16;
    let mut ext = Vec::with_capacity(sni.len() + 9);
    ext.extend_from_slice(&[0x00, 0x00]);
    ext.extend_from_slice(&(n + 5).to_be_bytes());
    ext.extend_from_slice(&(n + 3).to_be_bytes());
    ext.push(0);
    ext.extend_from_slice(&n.to_be_bytes());
    ext.extend_from_slice(sni);
    ext
}

/// A ClientHello handshake message (type, 3-byte length, body) with the
/// extensions block `ext`: TLS 1.2 legacy version, a fixed random, no
/// session id, one cipher suite (TLS_AES_128_GCM_SHA256), null compression.
#[doc(hidden)]
pub fn client_hello_message(ext: &[u8]) -> Vec<u8> {
    let mut body = vec![0x03, 0x03];
    body.extend_from_slice(&[7u8; 32]);
    body.extend_from_slice(&[0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00]);
    body.extend_from_slice(&(ext.len() as u16).to_be_bytes());
    body.extend_from_slice(ext);
    let mut hs = vec![0x01, 0x00];
    hs.extend_from_slice(&(body.len() as u16).to_be_bytes());
    hs.extend_from_slice(&body);
    hs
}
