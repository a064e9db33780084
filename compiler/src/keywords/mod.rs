//! Static knowledge about Suricata 8.0.6: its rule keywords, the app-layer protocol names a
//! rule header may use, and the default configuration (rule variables, classifications,
//! reference types).
//!
//! Everything here is transcribed from Suricata's own sources; see the header comments of
//! [`table`](self) (`table.rs`), `protos.rs` and `vars.rs` for exactly which files and
//! versions were read. In short:
//!
//! * keywords implemented in Rust (dns, mqtt, sip, sdp, ldap, snmp, ntp, enip, dhcp, rfb,
//!   websocket, pgsql and most transforms) are exact: they come from the `suricata` 8.0.6
//!   crate, which is the `rust/` tree of the 8.0.6 release;
//! * keywords implemented in C come from `suricata --list-keywords=csv` of 8.0.0 (names and
//!   the NOOPT / sticky-buffer / content-modifier / firewall / transform bits) plus the C
//!   sources as stored in the search index (7.x to early 8.0 versions) for aliases, the other
//!   flag bits and buffer registrations. Attributes that could not be read are marked
//!   `// UNVERIFIED` in `table.rs` and those entries carry [`Provenance::CSourcePartial`].
//!
//! Lookups mirror Suricata: [`lookup`] is `SigTableGet` (case-insensitive on name and alias),
//! [`has_keyword_exact`] is `SigTableHasKeyword` (used by `requires: keyword`, exact and
//! name-only), [`app_proto`] is `StringToAppProto` plus the registered aliases
//! (case-sensitive).

mod protos;
mod table;
mod vars;

pub use protos::AppProto;
pub use vars::{CLASSIFICATIONS, DEFAULT_ADDRESS_VARS, DEFAULT_PORT_VARS, REFERENCE_TYPES};

/// Keyword flag bits. The first group mirrors Suricata's `SIGMATCH_*` flags (same bit
/// positions as `src/detect.h` 8.0: `BIT_U16(n)`); the last two are Ferrule's own
/// classifications.
pub mod flags {
    /// `SIGMATCH_NOOPT`: the keyword takes no value; `kw:value` fails with
    /// `unexpected option to <kw> keyword`.
    pub const NOOPT: u32 = 1 << 0;
    /// `SIGMATCH_OPTIONAL_OPT`: the value may be omitted.
    pub const OPTIONAL_OPT: u32 = 1 << 4;
    /// `SIGMATCH_QUOTES_OPTIONAL`: the value may be wrapped in double quotes (stripped).
    pub const QUOTES_OPTIONAL: u32 = 1 << 5;
    /// `SIGMATCH_QUOTES_MANDATORY`: the value must be wrapped in double quotes.
    pub const QUOTES_MANDATORY: u32 = 1 << 6;
    /// `SIGMATCH_HANDLE_NEGATION`: a leading `!` is stripped by the rule parser and recorded.
    pub const HANDLE_NEGATION: u32 = 1 << 7;
    /// `SIGMATCH_INFO_CONTENT_MODIFIER`: legacy content modifier (e.g. `http_host`).
    pub const CONTENT_MODIFIER: u32 = 1 << 8;
    /// `SIGMATCH_INFO_STICKY_BUFFER`: sticky buffer (e.g. `tls.sni`). Note that a few
    /// keywords behave as sticky buffers without carrying this bit (see
    /// `KeywordKind::StickyBuffer`).
    pub const STICKY_BUFFER: u32 = 1 << 9;
    /// `SIGMATCH_INFO_DEPRECATED`: deprecated keyword (an alternative exists).
    pub const DEPRECATED: u32 = 1 << 10;
    /// `SIGMATCH_SUPPORT_FIREWALL`: usable in firewall rules (8.0).
    pub const SUPPORT_FIREWALL: u32 = 1 << 12;
    /// Direction prefix support (`kw:to_server,...`). No such `SIGMATCH_` bit exists in the
    /// 8.0.6 sources that were read (the 8.0.6 Rust crate knows NOOPT, OPTIONAL_OPT,
    /// QUOTES_MANDATORY, INFO_STICKY_BUFFER and SUPPORT_FIREWALL only), so no keyword in the
    /// table sets it. Kept for API stability.
    pub const SUPPORT_DIR: u32 = 1 << 13;
    /// The keyword is a transform (`Transform` callback set; `--list-keywords` "transform").
    pub const TRANSFORM: u32 = 1 << 16;
    /// Ferrule classification: a packet-level match on header/decoder fields (dsize, flags,
    /// ttl, itype, checksums, decoder/stream events, ...), i.e. a match in
    /// `DETECT_SM_LIST_MATCH` that Suricata calls "packet specific matches". Which of these
    /// actually trigger `Signature combines packet specific matches ... with stream / state
    /// matching` depends on `SigValidate` (not read for 8.0.6): UNVERIFIED per keyword.
    pub const PACKET: u32 = 1 << 17;
}

/// What a keyword does to the rule being built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordKind {
    /// Switches the active buffer: following payload keywords apply to it
    /// (`SCDetectBufferSetActiveList`). Includes `pkt_data` (back to the payload),
    /// `file.data`, `base64_data` and a few keywords whose flags lack `STICKY_BUFFER`
    /// (`sip.method`, `sip.uri`, `quic.cyu.*`, `ftp.command`, ...).
    StickyBuffer,
    /// Legacy modifier (e.g. `http_host`): moves the previous `content` into a buffer.
    ContentModifier,
    /// Modifies the previous content/pattern: `nocase`, `depth`, `offset`, `distance`,
    /// `within`, `startswith`, `endswith`, `fast_pattern`, `rawbytes`, `replace`, `prefilter`.
    PayloadModifier,
    /// A transform applied to the active sticky buffer (`dotprefix`, `to_lowercase`, ...).
    Transform,
    /// A match on the active buffer: `content`, `pcre`, `bsize`, `isdataat`, `byte_*`,
    /// `dataset`, `datarep`, `base64_decode`, `absent`, `entropy`, ...
    Payload,
    /// Rule metadata: `msg`, `sid`, `rev`, `gid`, `priority`, `classtype`, `reference`,
    /// `metadata`, `target`, `noalert`, `alert`, `requires`, `tag`.
    Meta,
    /// Flow state and flow variables: `flow`, `flowbits`, `flowint`, `flowvar`, `pktvar`,
    /// `xbits`, `hostbits`, `flow.*`, `stream_size`.
    Flow,
    /// Everything else (header matches, app-layer integer/enum matches, thresholds, ...).
    Other,
}

/// Direction(s) in which the keyword's buffer/match is registered
/// (`DetectAppLayerInspectEngineRegister` / `SCDetectHelper*Register` direction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KwDirection {
    /// Not an app-layer buffer (protocol-neutral or packet-level).
    Any,
    /// Registered to-server only: implies `flow:to_server` for the rule.
    ToServer,
    /// Registered to-client only: implies `flow:to_client` for the rule.
    ToClient,
    /// Registered in both directions.
    Both,
}

/// Where a table entry's attributes were read (see `table.rs` for the details).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// From the Suricata 8.0.6 Rust crate: exact for 8.0.6.
    Rust806,
    /// C keyword: all attributes were seen in the 8.0.0 keyword list and C source excerpts.
    CSource,
    /// C keyword: some attribute (see the `// UNVERIFIED` comment) is inferred.
    CSourcePartial,
}

/// One rule keyword (one `sigmatch_table` entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keyword {
    /// Canonical name (`SigTableElmt.name`).
    pub name: &'static str,
    /// Aliases (`SigTableElmt.alias`; at most one in Suricata).
    pub aliases: &'static [&'static str],
    /// What the keyword does.
    pub kind: KeywordKind,
    /// Bits from [`flags`].
    pub flags: u32,
    /// For sticky buffers and legacy content modifiers: the canonical sticky-buffer keyword
    /// naming the buffer (`http_host` -> `"http.host"`, `dns_query` -> `"dns.query"`).
    pub buffer: Option<&'static str>,
    /// Suricata's internal buffer (list) name as registered with `DetectBufferType*` and
    /// printed in messages such as `duplicate instance for <list>` (e.g. `"http_host"` for
    /// both `http.host` and `http_host`, `"dns_query"` for `dns.query`). `None` when not a
    /// buffer or unknown.
    pub list: Option<&'static str>,
    /// App protocol the keyword forces on the rule, as `AppProtoToString` prints it
    /// (`"tls"`, `"http_any"` for `ALPROTO_HTTP`, `"http"` for `ALPROTO_HTTP1`, `"http2"`,
    /// `"dns"`, ...). `None` for protocol-neutral keywords and for keywords accepting several
    /// protocols (e.g. `ja3.hash`: tls or quic; `dcerpc.*`: dcerpc or smb; file keywords).
    pub alproto: Option<&'static str>,
    /// Registration direction of the keyword's buffer.
    pub direction: KwDirection,
    /// The keyword (by this name) also exists in Suricata 7.0.x.
    pub in_suricata7: bool,
    /// Where the attributes were read.
    pub provenance: Provenance,
}

impl Keyword {
    /// True when `flag` (one or more bits from [`flags`]) is set.
    pub fn has(&self, flag: u32) -> bool {
        self.flags & flag == flag
    }

    /// True when `name` equals the keyword's name or an alias, ASCII case-insensitively.
    pub fn matches(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }
}

/// FNV-1a: keyword names are short, trusted and few, so a simple hash beats
/// SipHash here (callgrind on the parse bench: 21M instructions with SipHash,
/// 38M with a sorted index and binary search).
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Look a keyword up by name or alias, ASCII case-insensitively, like `SigTableGet`.
pub fn lookup(name: &str) -> Option<&'static Keyword> {
    use std::collections::HashMap;
    use std::hash::BuildHasherDefault;
    use std::sync::OnceLock;
    type Index = HashMap<String, &'static Keyword, BuildHasherDefault<Fnv>>;
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m = Index::default();
        for k in table::KEYWORDS.iter() {
            for n in std::iter::once(&k.name).chain(k.aliases.iter()) {
                // First registration wins, as in Suricata's table scan.
                m.entry(n.to_ascii_lowercase()).or_insert(k);
            }
        }
        m
    });
    let mut buf = [0u8; 64];
    let key: &str = if name.bytes().any(|b| b.is_ascii_uppercase()) {
        if name.len() > buf.len() {
            return None;
        }
        buf[..name.len()].copy_from_slice(name.as_bytes());
        buf[..name.len()].make_ascii_lowercase();
        std::str::from_utf8(&buf[..name.len()]).ok()?
    } else {
        name
    };
    index.get(key).copied()
}

/// `SigTableHasKeyword` semantics (used by `requires: keyword <kw>`): exact, case-sensitive
/// comparison against canonical names only (aliases do not count).
pub fn has_keyword_exact(name: &str) -> bool {
    table::KEYWORDS.iter().any(|k| k.name == name)
}

/// All keywords.
pub fn all() -> &'static [Keyword] {
    table::KEYWORDS
}

/// Resolve an app-layer protocol name from a rule header, case-sensitively like
/// `StringToAppProto`, plus registered aliases (`ikev2` -> `ike`). Returns disabled
/// protocols too (check [`AppProto::enabled_by_default`]); `None` for unknown names and for
/// packet protocols such as `tcp`, `udp`, `ip`, `icmp`, `tcp-pkt` (the caller handles those).
pub fn app_proto(name: &str) -> Option<&'static AppProto> {
    let canonical = protos::APP_PROTO_ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map(|(_, target)| *target)
        .unwrap_or(name);
    protos::APP_PROTOS.iter().find(|p| p.name == canonical)
}

/// All app-layer protocol names known to 8.0.6 (enabled or not).
pub fn app_protos() -> &'static [AppProto] {
    protos::APP_PROTOS
}

/// The `AppProtoToString` form of an app proto name (`"http"` -> `"http_any"`,
/// `"http1"` -> `"http"`); `None` if the name is unknown.
pub fn app_proto_display(name: &str) -> Option<&'static str> {
    app_proto(name).map(|p| p.display)
}

/// Default priority of a classtype from the default `classification.config`.
/// Classtype names are compared ASCII case-insensitively (UNVERIFIED: Suricata's
/// classification hash lowercases names).
pub fn classtype_priority(name: &str) -> Option<u8> {
    vars::CLASSIFICATIONS
        .iter()
        .find(|(n, _, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, _, p)| *p)
}

/// Whether `key` is a reference type of the default `reference.config`. Compared ASCII
/// case-insensitively (UNVERIFIED: Suricata's reference hash lowercases keys; ET rules use
/// `arachnids` and `mcafee` for `arachNIDS` and `McAfee`). An unknown key is only a warning
/// in Suricata.
pub fn reference_key_known(key: &str) -> bool {
    vars::REFERENCE_TYPES
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case(key))
}

/// Feature names a default 8.0.6 build provides to `requires: feature <name>`
/// (`ProvidesFeature` calls in the C sources).
///
/// * `ja3`: `ProvidesFeature(FEATURE_JA3)` in `src/app-layer-ssl.c` (confirmed by the
///   suricata-verify tests `tls/tls-ja3s-requires*`, which grep for it); only when built
///   with JA3 support.
/// * `ja4`, `output::file-store`: UNVERIFIED (the 8.0.6 `src/feature.h` was not available).
pub const KNOWN_REQUIRES_FEATURES: &[&str] = &["ja3", "ja4", "output::file-store"];

#[cfg(test)]
mod tests;
