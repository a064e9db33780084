//! `quic.sni` from a client's QUIC datagrams, as Suricata 8 derives it.
//!
//! The input is the client's UDP payloads, one datagram per call, in
//! capture order, fed to a per-flow [`QuicInitial`]. The ClientHello travels
//! in CRYPTO frames of encrypted Initial packets; it may span several CRYPTO
//! frames, several Initial packets and several datagrams, in any order. Until
//! the whole ClientHello has arrived the answer is [`QuicSni::NeedMore`],
//! never a guess.
//!
//! Semantics follow Suricata's Rust QUIC parser (`rust/src/quic/quic.rs`,
//! `parser.rs`, `frames.rs`, `crypto.rs`, the 8.0 line):
//!
//! - **packets** (`QuicState::parse`): a datagram is a sequence of packets;
//!   a short-header packet ends it ("nothing to get"); a long header is
//!   flags, version, DCID and SCID (one length byte each, no 20-byte limit)
//!   and, for an Initial, the token (varint length) and the payload length
//!   (varint, at most the bytes left and at most 65,535); any other long
//!   packet (0-RTT, Handshake, Retry, version negotiation) takes the rest of
//!   the datagram. The packet type is read with QUIC v1's mapping for every
//!   version except the gQUIC ones. A header that does not parse ends the
//!   datagram (`return false`);
//! - **keys** (`quic_keys_initial`): derived once per flow, from the DCID of
//!   the first Initial packet: HKDF-SHA256 with the version's salt, then
//!   `client in`, `quic key` / `quic iv` / `quic hp` (RFC 9001 §5). Salts
//!   exist for QUIC v1 and drafts 33–34 (`0x00000001`,
//!   `0xff000021..=0xff000022`), drafts 29–32 (`0xff00001d..=0xff000020`),
//!   drafts 23–28 and `0xfaceb002` (`0xff000017..=0xff00001c`), and gQUIC
//!   Q050 (`0x51303530`). **QUIC v2 (`0x6b3343cf`) gives no SNI** in
//!   Suricata 8: later `crypto.rs` versions carry the v2 salt and `quicv2`
//!   labels (PR #9539), but `parser.rs` reads every non-gQUIC packet type
//!   with v1's mapping, so a v2 Initial (type bits `01`) is a 0-RTT packet
//!   and keys are only derived from an Initial — Ferrule does the same;
//!   neither are T050/T051 or other versions decrypted;
//! - **unprotection** (`QuicState::decrypt`): the payload must hold at least
//!   4 + 16 bytes; the header-protection sample follows a 4-byte packet
//!   number; the truncated packet number is used as is for the nonce; the
//!   AES-128-GCM tag must verify. A packet that fails ends the datagram
//!   (`FailedDecrypt`);
//! - **frames** (`Frame::decode_frames`): PADDING, PING, ACK (type 2),
//!   CRYPTO (type 6), and the gQUIC frames (type 8 "crypto stream", types
//!   with the top bit set "stream") whose data is a CHLO tag/value message;
//!   any other type swallows the rest of the packet. A frame that does not
//!   parse discards the whole packet (`ErrorOnData`, its CRYPTO data is not
//!   kept) and ends the datagram;
//! - **the ClientHello** (`parse_crypto_frame`, `decode_frames`): CRYPTO data
//!   is assembled by offset; a stream whose end passes 65,535
//!   (`QUIC_MAX_CRYPTO_FRAG_LEN`) is not assembled. Once the handshake
//!   message is complete, its SNI is read by [`super::tls`] (see the
//!   deviations). A ClientHello once parsed ends the inspection of the
//!   client's packets (`hello_ts`: "payload is encrypted");
//! - **gQUIC** (`parse_crypto_stream`): the CHLO's `SNI` tag is the SNI
//!   (unencrypted for Q043–Q046, in decrypted Initial packets for Q050); tag
//!   names must be among the ones Suricata knows and the message must end
//!   with its last value, or the frame has no tags;
//! - **Retry** (to the client): discards the keys once; the client's next
//!   Initial derives new ones ([`QuicInitial::server_datagram`]).
//!
//! Protocol detection ([`probe`]) is Suricata's probing parser: the header
//! parses (`QuicHeader::from_bytes`), on the default ports 443 and 80.
//!
//! Deviations (documented; they concern malformed or unusual input):
//! - CRYPTO data is assembled by offset whatever the order of frames and
//!   packets, the first copy of a byte winning. Suricata assembles within a
//!   packet in any order, but across packets only when the earlier packets
//!   hold a gap-free prefix, and it gives up on overlapping frames: an
//!   out-of-order or overlapping ClientHello gives an SNI here and none
//!   there. At most [`MAX_RANGES`] disjoint pieces are held.
//! - The SNI is read with the C TLS parser's rules of [`super::tls`]
//!   (`tls.sni`): first `server_name` entry only, type `host_name`, 1..=255
//!   bytes. Suricata's QUIC code uses the `tls-parser` crate: the first
//!   entry of the **last** `server_name` extension, of any type and length,
//!   and its own rules for malformed extensions. Well-formed hellos agree.
//! - An empty gQUIC SNI tag is no SNI (Suricata: an empty buffer, which no
//!   content matches).
//! - A Retry after the ClientHello completed is ignored (Suricata would parse
//!   the client's next ClientHello again); the CRYPTO data assembled before
//!   a Retry is dropped (Suricata keeps its prefix).
//! - The bytes of the gQUIC Q043–Q046 header after the connection ids follow
//!   the 7.0 parser (`parser.rs`, **\[code\]**: not confirmed against 8.0.6).
//!
//! No input makes it panic. Decryption writes into a caller-owned scratch
//! vector; the per-flow state holds the keys and at most 64 KiB of CRYPTO
//! data (allocated on the first fragment).

use aes_gcm::aead::generic_array::GenericArray;
use aes_gcm::aes::cipher::BlockEncrypt;
use aes_gcm::aes::Aes128;
use aes_gcm::{AeadInPlace, Aes128Gcm, KeyInit};
use hkdf::Hkdf;
use sha2::Sha256;

use super::tls::{client_hello_sni, Sni};

/// Suricata's `QUIC_MAX_CRYPTO_FRAG_LEN`: CRYPTO data ending past this
/// offset is not assembled.
pub const MAX_CRYPTO: usize = 65_535;

/// Most disjoint pieces of CRYPTO data held while waiting for the gaps.
pub const MAX_RANGES: usize = 32;

/// Room for a TLS record header in front of the CRYPTO data.
const REC: usize = 5;
/// Largest TLS record body [`client_hello_sni`] accepts.
const RECORD_MAX: usize = 1 << 14;
const TAG_LEN: usize = 16;
const SAMPLE_LEN: usize = 16;
/// `PKT_NUM_BUF_MAX_LEN`: the sample follows a 4-byte packet number.
const PN_MAX: usize = 4;

/// Why a client's QUIC data has no `quic.sni`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuicError {
    /// The CRYPTO data carries a handshake message longer than
    /// [`MAX_CRYPTO`] allows (Suricata: `CryptoFragTooLong`).
    CryptoTooLong,
    /// The CRYPTO data is not a TLS ClientHello (another handshake message).
    NotClientHello,
}

/// The answer of [`QuicInitial::feed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuicSni<'a> {
    /// The SNI, as sent.
    Found(&'a [u8]),
    /// Final, no SNI: a complete ClientHello (or gQUIC CHLO) without a
    /// usable SNI, or a version Suricata does not decrypt (QUIC v2, T051..).
    Absent,
    /// The ClientHello is not complete yet: feed the client's next datagram.
    NeedMore,
    /// Final: the CRYPTO data cannot give a ClientHello.
    Malformed(QuicError),
}

impl<'a> QuicSni<'a> {
    /// The `quic.sni` buffer, if any.
    pub fn name(&self) -> Option<&'a [u8]> {
        match self {
            QuicSni::Found(n) => Some(n),
            _ => None,
        }
    }

    /// Is the answer final (more datagrams cannot change it)?
    pub fn is_complete(&self) -> bool {
        !matches!(self, QuicSni::NeedMore)
    }
}

/// The salt of a version's Initial secrets (`quic_keys_initial`).
fn salt(version: u32) -> Option<&'static [u8; 20]> {
    const Q050: [u8; 20] = [
        0x50, 0x45, 0x74, 0xef, 0xd0, 0x66, 0xfe, 0x2f, 0x9d, 0x94, 0x5c, 0xfc, 0xdb, 0xd3, 0xa7,
        0xf0, 0xd3, 0xb5, 0x6b, 0x45,
    ];
    const DRAFT29: [u8; 20] = [
        0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2, 0x4c, 0x9e, 0x97, 0x86, 0xf1, 0x9c, 0x61, 0x11,
        0xe0, 0x43, 0x90, 0xa8, 0x99,
    ];
    const DRAFT23: [u8; 20] = [
        0xc3, 0xee, 0xf7, 0x12, 0xc7, 0x2e, 0xbb, 0x5a, 0x11, 0xa7, 0xd2, 0x43, 0x2b, 0xb4, 0x63,
        0x65, 0xbe, 0xf9, 0xf5, 0x02,
    ];
    const V1: [u8; 20] = [
        0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17, 0x9a, 0xe6, 0xa4, 0xc8, 0x0c,
        0xad, 0xcc, 0xbb, 0x7f, 0x0a,
    ];
    match version {
        0x5130_3530 => Some(&Q050),
        0xff00_001d..=0xff00_0020 => Some(&DRAFT29),
        0xface_b002 | 0xff00_0017..=0xff00_001c => Some(&DRAFT23),
        0x0000_0001 | 0xff00_0021..=0xff00_0022 => Some(&V1),
        _ => None,
    }
}

/// gQUIC versions with their own header layout (`QuicVersion::is_gquic`).
fn is_gquic(version: u32) -> bool {
    (0x5130_3433..=0x5130_3436).contains(&version)
}

/// `HKDF-Expand-Label` with an empty context (RFC 8446 §7.1).
fn expand_label(hk: &Hkdf<Sha256>, label: &[u8], out: &mut [u8]) -> Option<()> {
    const PREFIX: &[u8] = b"tls13 ";
    let len = u16::try_from(out.len()).ok()?.to_be_bytes();
    let label_len = [u8::try_from(PREFIX.len() + label.len()).ok()?];
    hk.expand_multi_info(&[&len, &label_len, PREFIX, label, &[0]], out)
        .ok()
}

/// One direction's Initial packet protection keys.
struct Keys {
    hp: Aes128,
    aead: Aes128Gcm,
    iv: [u8; 12],
}

impl Keys {
    /// The client's Initial keys for `version` and the first Initial's DCID.
    fn client(version: u32, dcid: &[u8]) -> Option<Keys> {
        let hk = Hkdf::<Sha256>::new(Some(salt(version)?), dcid);
        let mut secret = [0u8; 32];
        expand_label(&hk, b"client in", &mut secret)?;
        let hk = Hkdf::<Sha256>::from_prk(&secret).ok()?;
        let (mut key, mut iv, mut hp) = ([0u8; 16], [0u8; 12], [0u8; 16]);
        expand_label(&hk, b"quic key", &mut key)?;
        expand_label(&hk, b"quic iv", &mut iv)?;
        expand_label(&hk, b"quic hp", &mut hp)?;
        Some(Keys {
            hp: Aes128::new(GenericArray::from_slice(&hp)),
            aead: Aes128Gcm::new(GenericArray::from_slice(&key)),
            iv,
        })
    }

    /// The header-protection mask of a sample.
    fn mask(&self, sample: &[u8]) -> [u8; 16] {
        let mut block = GenericArray::clone_from_slice(sample);
        self.hp.encrypt_block(&mut block);
        block.into()
    }

    fn nonce(&self, pn: u64) -> [u8; 12] {
        let mut n = self.iv;
        for (d, p) in n[4..].iter_mut().zip(pn.to_be_bytes()) {
            *d ^= p;
        }
        n
    }
}

/// A QUIC variable-length integer (RFC 9000 §16).
fn varint(b: &[u8], at: &mut usize) -> Option<u64> {
    let first = *b.get(*at)?;
    let len = 1usize << (first >> 6);
    let bytes = b.get(*at..at.checked_add(len)?)?;
    let mut v = u64::from(first & 0x3f);
    for &x in &bytes[1..] {
        v = v << 8 | u64::from(x);
    }
    *at += len;
    Some(v)
}

fn take<'a>(b: &'a [u8], at: &mut usize, n: u64) -> Option<&'a [u8]> {
    let n = usize::try_from(n).ok()?;
    let v = b.get(*at..at.checked_add(n)?)?;
    *at += n;
    Some(v)
}

/// What a packet header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Packet<'a> {
    /// A short header: the rest is 1-RTT data.
    Short,
    /// A long header other than Initial (or version negotiation).
    Other { version: u32, next: &'a [u8] },
    /// An Initial packet.
    Initial(Initial<'a>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Initial<'a> {
    version: u32,
    dcid: &'a [u8],
    /// The header up to the packet number.
    header: &'a [u8],
    /// The `Length` bytes: packet number and protected payload (gQUIC
    /// Q043–Q046: the plaintext frames).
    payload: &'a [u8],
    /// The rest of the datagram.
    next: &'a [u8],
}

/// Suricata's default short-header DCID length (`DEFAULT_DCID_LEN`).
const SHORT_DCID: usize = 16;

/// `QuicHeader::from_bytes`: `None` when the header does not parse.
fn packet(b: &[u8]) -> Option<Packet<'_>> {
    let first = *b.first()?;
    if first & 0x80 == 0 {
        // Short header: the DCID of the default length must be there.
        return (b.len() > SHORT_DCID).then_some(Packet::Short);
    }
    let version = u32::from_be_bytes(b.get(1..5)?.try_into().ok()?);
    let mut at = 5usize;
    let ty = if version == 0 {
        None // version negotiation
    } else if is_gquic(version) && version != 0x5130_3436 {
        match first & 0x7f {
            0x7f => Some(0),
            0x7e => Some(3),
            0x7d => Some(2),
            0x7c => Some(1),
            _ => return None,
        }
    } else {
        Some((first & 0x30) >> 4)
    };
    let dcid;
    if is_gquic(version) {
        let lens = *b.get(at)?;
        at += 1;
        let cid_len = |n: u8| if n == 0 { 0 } else { u64::from(n) + 3 };
        dcid = take(b, &mut at, cid_len(lens >> 4))?;
        take(b, &mut at, cid_len(lens & 0x0f))?;
    } else {
        let n = *b.get(at)?;
        at += 1;
        dcid = take(b, &mut at, u64::from(n))?;
        let n = *b.get(at)?;
        at += 1;
        take(b, &mut at, u64::from(n))?;
    }
    if ty != Some(0) {
        return Some(Packet::Other { version, next: &[] });
    }
    if is_gquic(version) {
        // Packet number and message authentication hash, then frames.
        take(b, &mut at, 4 + 12)?;
        let header = b.get(..at)?;
        return Some(Packet::Initial(Initial {
            version,
            dcid,
            header,
            payload: b.get(at..)?,
            next: &[],
        }));
    }
    let token = varint(b, &mut at)?;
    take(b, &mut at, token)?;
    let len = varint(b, &mut at)?;
    let header = b.get(..at)?;
    if len > u64::from(u16::MAX) {
        return None;
    }
    let payload = take(b, &mut at, len)?;
    Some(Packet::Initial(Initial {
        version,
        dcid,
        header,
        payload,
        next: b.get(at..)?,
    }))
}

/// Suricata's QUIC probing parser on a datagram: does its first packet
/// header parse? (Run on the default ports 443 and 80 by the tracker.)
///
/// ```
/// use ferrule_matcher::extract::quic::probe;
/// assert!(!probe(b"\x16\x03\x01\x00\x05hello"));
/// assert!(!probe(b"\xc0\x00\x00\x00\x01")); // a long header cut short
/// ```
pub fn probe(datagram: &[u8]) -> bool {
    packet(datagram).is_some()
}

/// A frame, as the walker hands it over.
enum Frame<'a> {
    Crypto {
        offset: u64,
        data: &'a [u8],
    },
    /// gQUIC stream data, maybe a CHLO.
    Gquic(&'a [u8]),
}

/// `Frame::decode_frames` on a decrypted payload: `None` when a frame does
/// not parse (the whole packet is discarded). Calls `each` for the CRYPTO
/// and gQUIC frames once the whole payload parsed.
fn frames<'a>(p: &'a [u8], mut each: impl FnMut(Frame<'a>)) -> Option<()> {
    for pass in 0..2 {
        let mut at = 0usize;
        while let Some(&ty) = p.get(at) {
            at += 1;
            if ty & 0x80 != 0 {
                // gQUIC STREAM: 0b1_f_d_ooo_ss.
                let id_len = u64::from(ty & 0x03) + 1;
                let off_len = match (ty & 0x1c) >> 2 {
                    0 => 0,
                    n => u64::from(n) + 1,
                };
                take(p, &mut at, id_len + off_len)?;
                let len = if ty & 0x20 != 0 {
                    let l = take(p, &mut at, 2)?;
                    u64::from(u16::from_be_bytes([l[0], l[1]]))
                } else {
                    (p.len() - at) as u64
                };
                let data = take(p, &mut at, len)?;
                if pass == 1 {
                    each(Frame::Gquic(data));
                }
                continue;
            }
            match ty {
                0x00 => {
                    while p.get(at) == Some(&0) {
                        at += 1;
                    }
                }
                0x01 => {}
                0x02 => {
                    varint(p, &mut at)?; // largest acknowledged
                    varint(p, &mut at)?; // delay
                    let ranges = varint(p, &mut at)?;
                    varint(p, &mut at)?; // first range
                    for _ in 0..ranges {
                        varint(p, &mut at)?;
                        varint(p, &mut at)?;
                    }
                }
                0x06 | 0x08 => {
                    let offset = varint(p, &mut at)?;
                    let len = varint(p, &mut at)?;
                    if ty == 0x08 && len > u64::from(u32::MAX) {
                        return None;
                    }
                    let data = take(p, &mut at, len)?;
                    if pass == 1 {
                        each(if ty == 0x06 {
                            Frame::Crypto { offset, data }
                        } else {
                            Frame::Gquic(data)
                        });
                    }
                }
                // Unknown: Suricata keeps the rest as one unknown frame.
                _ => break,
            }
        }
    }
    Some(())
}

/// The gQUIC message tags Suricata knows (`StreamTag`).
const TAGS: [&[u8; 4]; 30] = [
    b"AEAD", b"CCRT", b"CCS\0", b"CETV", b"CFCW", b"CHLO", b"COPT", b"CSCT", b"CTIM", b"ICSL",
    b"IRTT", b"KEXS", b"MIDS", b"MSPC", b"NONC", b"NONP", b"PAD\0", b"PDMD", b"PUBS", b"SCID",
    b"SCLS", b"SFCW", b"SMHL", b"SNI\0", b"SNO\0", b"STK\0", b"TCID", b"UAID", b"VER\0", b"XLCT",
];

fn known_tag(t: &[u8]) -> bool {
    TAGS.iter().any(|k| k[..] == *t)
}

/// `parse_crypto_stream` (all consuming), then the SNI as `handle_frames`
/// picks it: `Some(None)` for a tag message without SNI, `None` when the
/// data is not a tag message.
fn chlo_sni(d: &[u8]) -> Option<Option<&[u8]>> {
    let mut at = 0usize;
    if !known_tag(take(d, &mut at, 4)?) {
        return None;
    }
    let n = take(d, &mut at, 4)?; // entries (LE u16), padding
    let n = usize::from(u16::from_le_bytes([n[0], n[1]]));
    let index = take(d, &mut at, 8u64.checked_mul(n as u64)?)?;
    let mut prev = 0u32;
    let (mut sni, mut ua) = (None, false);
    let mut done = false;
    for e in index.chunks_exact(8) {
        if !known_tag(&e[..4]) {
            return None;
        }
        let end = u32::from_le_bytes([e[4], e[5], e[6], e[7]]);
        let value = take(d, &mut at, u64::from(end.checked_sub(prev)?))?;
        prev = end;
        if !done {
            if &e[..4] == b"SNI\0" {
                sni = Some(value);
            } else if &e[..4] == b"UAID" {
                ua = true;
            }
            done = sni.is_some() && ua;
        }
    }
    (at == d.len()).then_some(sni)
}

/// Where the client's side stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fin {
    /// The ClientHello is complete in the CRYPTO buffer.
    Hello,
    /// A gQUIC CHLO was parsed; its SNI (if any) is in `gquic_sni`.
    Gquic,
    /// A version without keys: no SNI.
    NoKeys,
    /// The handshake message cannot fit.
    TooLong,
}

/// The client side of one QUIC flow: keys, assembled CRYPTO data, and the
/// answer once final. Feed it the client's datagrams with
/// [`QuicInitial::feed`] and the server's with
/// [`QuicInitial::server_datagram`].
#[derive(Default)]
pub struct QuicInitial {
    keys: Option<Keys>,
    retried: bool,
    /// A TLS record header, then the CRYPTO stream from offset 0.
    buf: Vec<u8>,
    /// Disjoint, sorted byte ranges of the CRYPTO stream held in `buf`.
    ranges: Vec<(usize, usize)>,
    fin: Option<Fin>,
    gquic_sni: Vec<u8>,
    /// Records for a ClientHello above one TLS record.
    records: Vec<u8>,
    /// Scratch of the TLS parser.
    tls: Vec<u8>,
}

impl std::fmt::Debug for QuicInitial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuicInitial")
            .field("keys", &self.keys.is_some())
            .field("ranges", &self.ranges)
            .field("fin", &self.fin)
            .finish()
    }
}

impl QuicInitial {
    /// A flow's state before its first datagram.
    pub fn new() -> Self {
        Self::default()
    }

    /// Forget the flow (keeps the allocated capacity).
    pub fn reset(&mut self) {
        self.keys = None;
        self.retried = false;
        self.buf.clear();
        self.ranges.clear();
        self.fin = None;
        self.gquic_sni.clear();
    }

    /// Feed the client's next datagram; `scratch` receives the decrypted
    /// payloads. Once the answer is final, later datagrams are ignored and
    /// the same answer is given.
    ///
    /// ```
    /// use ferrule_matcher::extract::quic::{QuicInitial, QuicSni};
    /// let mut flow = QuicInitial::new();
    /// let mut scratch = Vec::new();
    /// // A short-header packet carries nothing to inspect.
    /// let short = [0x40u8; 40];
    /// assert_eq!(flow.feed(&short, &mut scratch), QuicSni::NeedMore);
    /// ```
    pub fn feed(&mut self, datagram: &[u8], scratch: &mut Vec<u8>) -> QuicSni<'_> {
        if self.fin.is_none() {
            self.datagram(datagram, scratch);
        }
        self.answer()
    }

    /// The answer so far.
    pub fn answer(&mut self) -> QuicSni<'_> {
        match self.fin {
            None => QuicSni::NeedMore,
            Some(Fin::NoKeys) => QuicSni::Absent,
            Some(Fin::TooLong) => QuicSni::Malformed(QuicError::CryptoTooLong),
            Some(Fin::Gquic) if self.gquic_sni.is_empty() => QuicSni::Absent,
            Some(Fin::Gquic) => QuicSni::Found(&self.gquic_sni),
            Some(Fin::Hello) => self.hello(),
        }
    }

    /// A datagram from the server: a Retry discards the keys once (before
    /// the ClientHello completed), as Suricata does.
    pub fn server_datagram(&mut self, datagram: &[u8]) {
        if self.fin.is_some() || self.retried || self.keys.is_none() {
            return;
        }
        let is_retry = match datagram.first() {
            Some(&b) if b & 0x80 != 0 => {
                let v = datagram.get(1..5).map(|v| [v[0], v[1], v[2], v[3]]);
                matches!(v, Some(v) if v != [0; 4] && !is_gquic(u32::from_be_bytes(v)))
                    && (b & 0x30) >> 4 == 3
                    && packet(datagram).is_some()
            }
            _ => false,
        };
        if is_retry {
            self.keys = None;
            self.retried = true;
            self.buf.clear();
            self.ranges.clear();
        }
    }

    fn datagram(&mut self, datagram: &[u8], scratch: &mut Vec<u8>) {
        let mut rest = datagram;
        while !rest.is_empty() && self.fin.is_none() {
            let Some(p) = packet(rest) else {
                return;
            };
            let init = match p {
                Packet::Short => return,
                Packet::Other { version, next } => {
                    // Only the version is of interest; a version without
                    // keys never gives an SNI (QUIC v2's Initial is here).
                    if version != 0 && salt(version).is_none() && !is_gquic(version) {
                        self.fin = Some(Fin::NoKeys);
                    }
                    rest = next;
                    continue;
                }
                Packet::Initial(i) => i,
            };
            rest = init.next;
            if is_gquic(init.version) {
                // Unencrypted: the frames follow the header.
                if !self.gquic_frames(init.payload) {
                    return;
                }
                continue;
            }
            if self.keys.is_none() {
                self.keys = Keys::client(init.version, init.dcid);
                if self.keys.is_none() {
                    self.fin = Some(Fin::NoKeys);
                    return;
                }
            }
            if init.payload.is_empty() {
                // Suricata parses the empty payload as no frames.
                continue;
            }
            let Some(plain) = self.decrypt(&init, scratch) else {
                return; // FailedDecrypt
            };
            let plain = &scratch[plain..];
            if init.version == 0x5130_3530 {
                if !self.gquic_frames(plain) {
                    return;
                }
                continue;
            }
            // Validate the whole packet before keeping any CRYPTO data.
            let mut crypto = std::mem::take(&mut self.ranges);
            let mut buf = std::mem::take(&mut self.buf);
            let mut gquic: Option<Option<&[u8]>> = None;
            let ok = frames(plain, |f| match f {
                Frame::Crypto { offset, data } => insert(&mut buf, &mut crypto, offset, data),
                Frame::Gquic(d) => {
                    if let Some(s) = chlo_sni(d) {
                        gquic = Some(s.or(gquic.flatten()));
                    }
                }
            });
            self.ranges = crypto;
            self.buf = buf;
            if ok.is_none() {
                return; // ErrorOnData
            }
            if let Some(s) = gquic {
                self.gquic_sni.clear();
                self.gquic_sni.extend_from_slice(s.unwrap_or(&[]));
                self.fin = Some(Fin::Gquic);
            }
            self.check_hello();
        }
    }

    /// gQUIC frames (plaintext, or decrypted Q050): `false` when they do not
    /// parse (the datagram ends).
    fn gquic_frames(&mut self, p: &[u8]) -> bool {
        let mut found: Option<Option<&[u8]>> = None;
        let ok = frames(p, |f| {
            if let Frame::Gquic(d) = f {
                if let Some(s) = chlo_sni(d) {
                    found = Some(s.or(found.flatten()));
                }
            }
        });
        if ok.is_none() {
            return false;
        }
        if let Some(s) = found {
            self.gquic_sni.clear();
            self.gquic_sni.extend_from_slice(s.unwrap_or(&[]));
            self.fin = Some(Fin::Gquic);
        }
        true
    }

    /// Remove header protection and decrypt an Initial into `scratch`
    /// (associated data first): the offset of the plaintext.
    fn decrypt(&self, init: &Initial<'_>, scratch: &mut Vec<u8>) -> Option<usize> {
        let keys = self.keys.as_ref()?;
        let p = init.payload;
        let sample = p.get(PN_MAX..PN_MAX + SAMPLE_LEN)?;
        let mask = keys.mask(sample);
        let first = *init.header.first()? ^ (mask[0] & 0x0f);
        let pn_len = usize::from(first & 0x03) + 1;
        let body = p.get(pn_len..)?;
        if body.len() < TAG_LEN {
            return None;
        }
        let (ct, tag) = body.split_at(body.len() - TAG_LEN);
        scratch.clear();
        scratch.extend_from_slice(init.header);
        scratch[0] = first;
        let mut pn = 0u64;
        for (i, &b) in p[..pn_len].iter().enumerate() {
            let b = b ^ mask[1 + i];
            scratch.push(b);
            pn = pn << 8 | u64::from(b);
        }
        let aad_len = scratch.len();
        scratch.extend_from_slice(ct);
        let (aad, ct) = scratch.split_at_mut(aad_len);
        keys.aead
            .decrypt_in_place_detached(
                GenericArray::from_slice(&keys.nonce(pn)),
                aad,
                ct,
                GenericArray::from_slice(tag),
            )
            .ok()?;
        Some(aad_len)
    }

    /// Is the handshake message at offset 0 complete (or impossible)?
    fn check_hello(&mut self) {
        if self.fin.is_some() {
            return;
        }
        let have = match self.ranges.first() {
            Some(&(0, end)) => end,
            _ => return,
        };
        let Some(h) = self.buf.get(REC..REC + 4) else {
            return;
        };
        let msg = 4 + (usize::from(h[1]) << 16 | usize::from(h[2]) << 8 | usize::from(h[3]));
        if msg > MAX_CRYPTO {
            self.fin = Some(Fin::TooLong);
        } else if have >= msg {
            self.fin = Some(Fin::Hello);
        }
    }

    /// The SNI of the complete ClientHello in `buf`, read by the TLS code.
    fn hello(&mut self) -> QuicSni<'_> {
        let Some(h) = self.buf.get(REC..REC + 4) else {
            return QuicSni::NeedMore;
        };
        let msg = 4 + (usize::from(h[1]) << 16 | usize::from(h[2]) << 8 | usize::from(h[3]));
        if h[0] != 1 {
            return QuicSni::Malformed(QuicError::NotClientHello);
        }
        let sni = if msg <= RECORD_MAX {
            let Some(hdr) = self.buf.get_mut(..REC) else {
                return QuicSni::NeedMore;
            };
            hdr.copy_from_slice(&[0x16, 0x03, 0x03, (msg >> 8) as u8, msg as u8]);
            let rec = self.buf.get(..REC + msg).unwrap_or(&[]);
            client_hello_sni(rec, &mut self.tls)
        } else {
            self.records.clear();
            for chunk in self
                .buf
                .get(REC..REC + msg)
                .unwrap_or(&[])
                .chunks(RECORD_MAX)
            {
                let n = chunk.len();
                self.records
                    .extend_from_slice(&[0x16, 0x03, 0x03, (n >> 8) as u8, n as u8]);
                self.records.extend_from_slice(chunk);
            }
            client_hello_sni(&self.records, &mut self.tls)
        };
        match sni {
            Sni::Found(n) => QuicSni::Found(n),
            Sni::NeedMore => QuicSni::NeedMore,
            Sni::Malformed(_) | Sni::NotTls => QuicSni::Malformed(QuicError::NotClientHello),
            Sni::Absent(_) => QuicSni::Absent,
        }
    }
}

/// Put CRYPTO data at `offset` (first copy wins); data past [`MAX_CRYPTO`]
/// or beyond [`MAX_RANGES`] pieces is not kept.
fn insert(buf: &mut Vec<u8>, ranges: &mut Vec<(usize, usize)>, offset: u64, data: &[u8]) {
    let Ok(start) = usize::try_from(offset) else {
        return;
    };
    let Some(end) = start.checked_add(data.len()) else {
        return;
    };
    if data.is_empty() || end > MAX_CRYPTO {
        return;
    }
    // Where the new range goes, and whether it joins neighbours.
    let i = ranges.partition_point(|&(_, e)| e < start);
    let j = ranges.partition_point(|&(s, _)| s <= end);
    if i == j && ranges.len() >= MAX_RANGES {
        return;
    }
    if buf.len() < REC + end {
        buf.resize(REC + end, 0);
    }
    // Copy the parts of [start, end) no range covers yet.
    let mut pos = start;
    for &(s, e) in &ranges[i..j] {
        if s > pos {
            buf[REC + pos..REC + s].copy_from_slice(&data[pos - start..s - start]);
        }
        pos = pos.max(e);
    }
    if pos < end {
        buf[REC + pos..REC + end].copy_from_slice(&data[pos - start..]);
    }
    let merged = (
        ranges.get(i).map_or(start, |r| r.0.min(start)),
        if j > i { ranges[j - 1].1.max(end) } else { end },
    );
    ranges.splice(i..j, [merged]);
}

/// Builds protected client Initial packets (tests, fuzzing, benchmarks).
#[doc(hidden)]
pub mod build {
    use super::*;

    /// A client Initial packet of `version` carrying the frames `plain`
    /// (padded to at least 20 bytes), protected with the keys of `dcid`.
    /// `None` for a version without keys.
    pub fn initial(version: u32, dcid: &[u8], pn: u32, plain: &[u8]) -> Option<Vec<u8>> {
        initial_with(version, dcid, dcid, pn, plain)
    }

    /// As [`initial`], with the keys of `key_dcid` (a wrong key when it is
    /// not `dcid`).
    pub fn initial_with(
        version: u32,
        dcid: &[u8],
        key_dcid: &[u8],
        pn: u32,
        plain: &[u8],
    ) -> Option<Vec<u8>> {
        let keys = Keys::client(version, key_dcid)?;
        let pn_len = 4usize;
        let mut payload = plain.to_vec();
        if payload.len() < 20 {
            payload.resize(20, 0);
        }
        let len = pn_len + payload.len() + TAG_LEN;
        let mut pkt = vec![0xc0 | (pn_len as u8 - 1)];
        pkt.extend_from_slice(&version.to_be_bytes());
        pkt.push(u8::try_from(dcid.len()).ok()?);
        pkt.extend_from_slice(dcid);
        pkt.push(0); // SCID
        pkt.push(0); // token
        let len = u16::try_from(len).ok()?;
        pkt.extend_from_slice(&(0x4000 | len).to_be_bytes());
        let hlen = pkt.len();
        pkt.extend_from_slice(&pn.to_be_bytes());
        let mut body = payload;
        let tag = keys
            .aead
            .encrypt_in_place_detached(
                GenericArray::from_slice(&keys.nonce(u64::from(pn))),
                &pkt,
                &mut body,
            )
            .ok()?;
        pkt.extend_from_slice(&body);
        pkt.extend_from_slice(&tag);
        let mask = keys.mask(&pkt[hlen + PN_MAX..hlen + PN_MAX + SAMPLE_LEN]);
        pkt[0] ^= mask[0] & 0x0f;
        for i in 0..pn_len {
            pkt[hlen + i] ^= mask[1 + i];
        }
        Some(pkt)
    }

    /// A CRYPTO frame.
    pub fn crypto(offset: u64, data: &[u8]) -> Vec<u8> {
        let mut f = vec![0x06];
        push_varint(&mut f, offset);
        push_varint(&mut f, data.len() as u64);
        f.extend_from_slice(data);
        f
    }

    /// A QUIC varint (always 8 bytes for values above 2^30).
    pub fn push_varint(out: &mut Vec<u8>, v: u64) {
        if v < 64 {
            out.push(v as u8);
        } else if v < 16_384 {
            out.extend_from_slice(&(0x4000 | v as u16).to_be_bytes());
        } else if v < 1 << 30 {
            out.extend_from_slice(&(0x8000_0000 | v as u32).to_be_bytes());
        } else {
            out.extend_from_slice(&(0xc000_0000_0000_0000 | v).to_be_bytes());
        }
    }

    /// A TLS 1.3-style ClientHello handshake message (type, length, body)
    /// with `sni` (none when empty) and `pad` bytes of padding extension.
    pub fn client_hello(sni: &[u8], pad: usize) -> Vec<u8> {
        let mut ext = Vec::new();
        if !sni.is_empty() {
            ext.extend_from_slice(&crate::extract::tls::sni_extension(sni));
        }
        ext.extend_from_slice(&[0x00, 0x2b, 0x00, 0x03, 0x02, 0x03, 0x04]);
        if pad > 0 {
            ext.extend_from_slice(&[0x00, 0x15]);
            ext.extend_from_slice(&(pad as u16).to_be_bytes());
            ext.resize(ext.len() + pad, 0);
        }
        crate::extract::tls::client_hello_message(&ext)
    }
}

#[cfg(test)]
mod tests {
    use super::build::*;
    use super::*;

    const DCID: &[u8] = &[0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08];

    fn feed_all(dgs: &[Vec<u8>]) -> (Vec<QuicSni<'static>>, Option<Vec<u8>>) {
        let mut st = QuicInitial::new();
        let mut s = Vec::new();
        let mut out = Vec::new();
        let mut name = None;
        for d in dgs {
            let a = st.feed(d, &mut s);
            name = a.name().map(<[u8]>::to_vec);
            out.push(match a {
                QuicSni::Found(_) => QuicSni::Found(b"*"),
                QuicSni::Absent => QuicSni::Absent,
                QuicSni::NeedMore => QuicSni::NeedMore,
                QuicSni::Malformed(e) => QuicSni::Malformed(e),
            });
        }
        (out, name)
    }

    #[test]
    fn rfc9001_appendix_a_keys() {
        // RFC 9001 A.1: client_initial key/iv/hp for this DCID.
        let k = Keys::client(1, DCID).unwrap();
        assert_eq!(
            k.iv,
            [0xfa, 0x04, 0x4b, 0x2f, 0x42, 0xa3, 0xfd, 0x3b, 0x46, 0xfb, 0x25, 0x5c]
        );
        // A.2: the sample d1b1c98dd7689fb8ec11d242b123dc9b gives the mask
        // 437b9aec36.
        let sample = [
            0xd1, 0xb1, 0xc9, 0x8d, 0xd7, 0x68, 0x9f, 0xb8, 0xec, 0x11, 0xd2, 0x42, 0xb1, 0x23,
            0xdc, 0x9b,
        ];
        assert_eq!(k.mask(&sample)[..5], [0x43, 0x7b, 0x9a, 0xec, 0x36]);
    }

    #[test]
    fn single_initial() {
        let hello = client_hello(b"example.com", 0);
        let p = initial(1, DCID, 0, &crypto(0, &hello)).unwrap();
        assert!(probe(&p));
        let (a, n) = feed_all(&[p]);
        assert_eq!(a, [QuicSni::Found(b"*")]);
        assert_eq!(n.as_deref(), Some(&b"example.com"[..]));
    }

    #[test]
    fn drafts_and_q050_salts() {
        let hello = client_hello(b"d.example", 0);
        for v in [
            0xff00_001d,
            0xff00_001c,
            0xff00_0020,
            0xff00_0022,
            0xface_b002,
        ] {
            let p = initial(v, DCID, 1, &crypto(0, &hello)).unwrap();
            assert_eq!(
                feed_all(&[p]).1.as_deref(),
                Some(&b"d.example"[..]),
                "{v:x}"
            );
        }
        // No salt: QUIC v2, T051.
        assert!(initial(0x6b33_43cf, DCID, 0, &hello).is_none());
    }

    #[test]
    fn unsupported_versions_are_final_without_sni() {
        // QUIC v2's Initial has type bits 01: a 0-RTT packet under v1's map.
        let mut p = vec![0xd0, 0x6b, 0x33, 0x43, 0xcf, 8];
        p.extend_from_slice(DCID);
        p.extend_from_slice(&[0, 0, 0x41, 0x00]);
        p.resize(300, 0x55);
        assert!(probe(&p));
        assert_eq!(feed_all(&[p]).0, [QuicSni::Absent]);
        // T051 with an Initial type: no salt.
        let mut p = vec![0xc3];
        p.extend_from_slice(b"T051");
        p.push(8);
        p.extend_from_slice(DCID);
        p.extend_from_slice(&[0, 0, 0x40, 0x30]);
        p.resize(p.len() + 0x30, 0x11);
        assert_eq!(feed_all(&[p]).0, [QuicSni::Absent]);
    }

    #[test]
    fn truncated_and_bad_headers() {
        let hello = client_hello(b"example.com", 0);
        let p = initial(1, DCID, 0, &crypto(0, &hello)).unwrap();
        for cut in 0..p.len() {
            let (a, _) = feed_all(&[p[..cut].to_vec()]);
            assert_eq!(a, [QuicSni::NeedMore], "{cut}");
        }
        // The Length field past the datagram: the header does not parse.
        assert!(!probe(&p[..p.len() - 1]));
        assert!(!probe(&[]));
        assert!(!probe(&[0x40; 10])); // short header without its DCID
        assert!(probe(&[0x40; 17]));
    }

    #[test]
    fn bad_tag_or_wrong_key_is_ignored() {
        let hello = client_hello(b"example.com", 0);
        let mut p = initial(1, DCID, 0, &crypto(0, &hello)).unwrap();
        let last = p.len() - 1;
        p[last] ^= 1;
        let good = initial(1, DCID, 1, &crypto(0, &hello)).unwrap();
        let (a, n) = feed_all(&[p, good]);
        assert_eq!(a, [QuicSni::NeedMore, QuicSni::Found(b"*")]);
        assert_eq!(n.as_deref(), Some(&b"example.com"[..]));
        // Keys come from the first Initial's DCID: a second connection id
        // does not decrypt.
        let other = [9u8; 8];
        let first = initial(1, DCID, 0, &[1]).unwrap();
        let second = initial(1, &other, 1, &crypto(0, &hello)).unwrap();
        assert_eq!(feed_all(&[first, second]).0, [QuicSni::NeedMore; 2]);
        let wrong = initial_with(1, DCID, &other, 0, &crypto(0, &hello)).unwrap();
        assert_eq!(feed_all(&[wrong]).0, [QuicSni::NeedMore]);
    }

    #[test]
    fn short_header_and_zero_rtt() {
        let hello = client_hello(b"example.com", 0);
        let mut d = vec![0x41u8; 30];
        d.extend_from_slice(&initial(1, DCID, 0, &crypto(0, &hello)).unwrap());
        // The short header ends the datagram.
        assert_eq!(feed_all(&[d]).0, [QuicSni::NeedMore]);
        // A 0-RTT packet of v1 is not final.
        let mut z = vec![0xd0, 0, 0, 0, 1, 8];
        z.extend_from_slice(DCID);
        z.extend_from_slice(&[0, 0x40, 0x20]);
        z.resize(z.len() + 0x20, 3);
        let p = initial(1, DCID, 0, &crypto(0, &hello)).unwrap();
        let (a, _) = feed_all(&[z, p]);
        assert_eq!(a, [QuicSni::NeedMore, QuicSni::Found(b"*")]);
    }

    #[test]
    fn hello_across_packets_datagrams_out_of_order() {
        let hello = client_hello(b"split.example.org", 1500);
        let (a, b) = hello.split_at(700);
        let p1 = initial(1, DCID, 0, &crypto(0, a)).unwrap();
        let p2 = initial(1, DCID, 1, &crypto(700, b)).unwrap();
        for order in [[&p1, &p2], [&p2, &p1]] {
            let (ans, n) = feed_all(&[order[0].clone(), order[1].clone()]);
            assert_eq!(ans, [QuicSni::NeedMore, QuicSni::Found(b"*")]);
            assert_eq!(n.as_deref(), Some(&b"split.example.org"[..]));
        }
        // Coalesced in one datagram.
        let mut d = p1.clone();
        d.extend_from_slice(&p2);
        assert_eq!(feed_all(&[d]).1.as_deref(), Some(&b"split.example.org"[..]));
        // Several CRYPTO frames shuffled in one packet, PING and PADDING
        // between them, one overlapping.
        let mut frames = crypto(1000, &hello[1000..]);
        frames.push(0x01);
        frames.extend_from_slice(&crypto(0, &hello[..400]));
        frames.extend_from_slice(&[0, 0, 0]);
        frames.extend_from_slice(&crypto(300, &hello[300..1000]));
        let p = initial(1, DCID, 0, &frames).unwrap();
        assert_eq!(feed_all(&[p]).1.as_deref(), Some(&b"split.example.org"[..]));
        // A gap: never an answer.
        let p3 = initial(1, DCID, 2, &crypto(800, &hello[800..])).unwrap();
        assert_eq!(feed_all(&[p1.clone(), p3]).0, [QuicSni::NeedMore; 2]);
    }

    #[test]
    fn hello_above_one_tls_record() {
        let hello = client_hello(b"big.example", 20_000);
        let mut pkts = Vec::new();
        for (i, c) in hello.chunks(1100).enumerate() {
            pkts.push(initial(1, DCID, i as u32, &crypto((i * 1100) as u64, c)).unwrap());
        }
        let (a, n) = feed_all(&pkts);
        assert_eq!(a.last(), Some(&QuicSni::Found(b"*")));
        assert!(a[..a.len() - 1].iter().all(|x| *x == QuicSni::NeedMore));
        assert_eq!(n.as_deref(), Some(&b"big.example"[..]));
    }

    #[test]
    fn no_sni_not_hello_too_long() {
        let p = initial(1, DCID, 0, &crypto(0, &client_hello(b"", 0))).unwrap();
        assert_eq!(feed_all(&[p]).0, [QuicSni::Absent]);
        let mut sh = client_hello(b"x.y", 0);
        sh[0] = 2; // ServerHello
        let p = initial(1, DCID, 0, &crypto(0, &sh)).unwrap();
        assert_eq!(
            feed_all(&[p]).0,
            [QuicSni::Malformed(QuicError::NotClientHello)]
        );
        let p = initial(1, DCID, 0, &crypto(0, &[1, 1, 0, 0, 3, 3])).unwrap();
        assert_eq!(
            feed_all(&[p]).0,
            [QuicSni::Malformed(QuicError::CryptoTooLong)]
        );
    }

    #[test]
    fn a_bad_frame_discards_the_packet() {
        let hello = client_hello(b"example.com", 0);
        let mut f = crypto(0, &hello);
        f.extend_from_slice(&[0x02, 0x05]); // truncated ACK
        let bad = initial(1, DCID, 0, &f).unwrap();
        assert_eq!(feed_all(&[bad]).0, [QuicSni::NeedMore]);
        // An unknown frame type swallows the rest: the CRYPTO frame before
        // it counts, the one after does not.
        let mut f = crypto(0, &hello[..10]);
        f.push(0x1c);
        f.extend_from_slice(&crypto(10, &hello[10..]));
        let p = initial(1, DCID, 0, &f).unwrap();
        assert_eq!(feed_all(&[p]).0, [QuicSni::NeedMore]);
        // ACK with ranges, then CRYPTO.
        let mut f = vec![0x02, 0x05, 0x00, 0x01, 0x00, 0x01, 0x01];
        f.extend_from_slice(&crypto(0, &hello));
        let p = initial(1, DCID, 0, &f).unwrap();
        assert_eq!(feed_all(&[p]).0, [QuicSni::Found(b"*")]);
    }

    #[test]
    fn retry_discards_keys() {
        let hello = client_hello(b"after.retry", 0);
        let p1 = initial(1, DCID, 0, &crypto(0, &hello[..50])).unwrap();
        let new_dcid = [0x42u8; 12];
        let p2 = initial(1, &new_dcid, 0, &crypto(0, &hello)).unwrap();
        let mut st = QuicInitial::new();
        let mut s = Vec::new();
        assert_eq!(st.feed(&p1, &mut s), QuicSni::NeedMore);
        let mut retry = vec![0xf0, 0, 0, 0, 1, 0, 12];
        retry.extend_from_slice(&new_dcid);
        retry.extend_from_slice(&[0xaa; 30]);
        st.server_datagram(&retry);
        assert_eq!(st.feed(&p2, &mut s), QuicSni::Found(b"after.retry"));
        // Without the Retry the new DCID does not decrypt.
        let mut st = QuicInitial::new();
        st.feed(&p1, &mut s);
        assert_eq!(st.feed(&p2, &mut s), QuicSni::NeedMore);
    }

    #[test]
    fn gquic_chlo_tags() {
        // CHLO with PAD, SNI, UAID.
        let mut chlo = b"CHLO\x03\x00\x00\x00".to_vec();
        for (t, end) in [(b"PAD\0", 4u32), (b"SNI\0", 19), (b"UAID", 22)] {
            chlo.extend_from_slice(t);
            chlo.extend_from_slice(&end.to_le_bytes());
        }
        chlo.extend_from_slice(b"\0\0\0\0www.gstatic.comabc");
        assert_eq!(chlo_sni(&chlo), Some(Some(&b"www.gstatic.com"[..])));
        assert_eq!(chlo_sni(&chlo[..chlo.len() - 1]), None);
        let mut trailing = chlo.clone();
        trailing.push(0);
        assert_eq!(chlo_sni(&trailing), None);
        let mut unknown = chlo.clone();
        unknown[..4].copy_from_slice(b"XXXX");
        assert_eq!(chlo_sni(&unknown), None);
        // Q050: the CHLO in a type-8 frame of a decrypted Initial.
        let mut f = vec![0x08, 0x00];
        push_varint(&mut f, chlo.len() as u64);
        f.extend_from_slice(&chlo);
        let p = initial(0x5130_3530, DCID, 1, &f).unwrap();
        assert_eq!(feed_all(&[p]).1.as_deref(), Some(&b"www.gstatic.com"[..]));
        // Q043: an unencrypted STREAM frame after the header and hash.
        let mut p = vec![0xff];
        p.extend_from_slice(b"Q043");
        p.push(0x50);
        p.extend_from_slice(DCID);
        p.extend_from_slice(&[0, 0, 0, 1]);
        p.extend_from_slice(&[0xab; 12]);
        p.push(0xa0); // stream, data length, 1-byte stream id
        p.push(1);
        p.extend_from_slice(&(chlo.len() as u16).to_be_bytes());
        p.extend_from_slice(&chlo);
        assert!(probe(&p));
        assert_eq!(feed_all(&[p]).1.as_deref(), Some(&b"www.gstatic.com"[..]));
    }

    #[test]
    fn insert_first_copy_wins_and_bounds() {
        let (mut b, mut r) = (Vec::new(), Vec::new());
        insert(&mut b, &mut r, 4, b"efgh");
        insert(&mut b, &mut r, 0, b"abXX");
        insert(&mut b, &mut r, 2, b"cdYY");
        assert_eq!(r, [(0, 8)]);
        assert_eq!(&b[REC..], b"abXXefgh");
        insert(&mut b, &mut r, MAX_CRYPTO as u64, b"z");
        insert(&mut b, &mut r, u64::MAX, b"z");
        assert_eq!(r, [(0, 8)]);
        for i in 0..100u64 {
            insert(&mut b, &mut r, 100 + 10 * i, b"q");
        }
        assert_eq!(r.len(), MAX_RANGES);
    }
}
