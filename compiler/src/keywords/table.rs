//! The keyword table: every rule keyword Suricata 8.0.6 registers with its default
//! configuration (one entry per `sigmatch_table` element; aliases folded in).
//!
//! Sources (see also the module documentation in `mod.rs`):
//! * `Rust806`: read from the Suricata 8.0.6 Rust crate (`suricata` 8.0.6 on crates.io, the
//!   exact `rust/` tree of the 8.0.6 release): `SCSigTableAppLiteElmt`,
//!   `SigTableElmtStickyBuffer` (`helper_keyword_register_sticky_buffer`: NOOPT|STICKY_BUFFER),
//!   `SCTransformTableElmt`, `SCDetectHelperKeywordAliasRegister`, and the buffer
//!   registrations (`SCDetectHelper*Register(name, alproto, direction)`) plus
//!   `SCDetectSignatureSetAppProto` in each setup function.
//! * `CSource` / `CSourcePartial`: keywords registered from C (`src/detect-*.c`). Their names
//!   and the NOOPT / STICKY_BUFFER / CONTENT_MODIFIER / SUPPORT_FIREWALL / TRANSFORM bits come
//!   from `suricata --list-keywords=csv` of Suricata 8.0.0 (as recorded in
//!   StamusNetworks/suricata-language-server `scripts/keywords/suricata-keywords-v8.0.0.csv`);
//!   aliases, QUOTES_* / HANDLE_NEGATION / OPTIONAL_OPT / DEPRECATED bits and buffer
//!   registrations come from OISF/suricata `src/detect-*.c` as stored in the search index
//!   (mostly 7.x and early 8.0 versions: the 8.0.6 tag itself was not in the index).
//!   `CSourcePartial` entries have at least one attribute (usually the direction or internal
//!   list name) that was inferred rather than read: see the `// UNVERIFIED` comment on the line.
//! * `in_suricata7`: the keyword name appears in `--list-keywords=csv` of Suricata 7.0.10
//!   (same repository, `suricata-keywords-v7.0.10.csv`); no Rust keyword was added between
//!   7.0.10 and 7.0.17 (checked against the `suricata` 7.0.17 crate). UNVERIFIED for C
//!   keywords added in 7.0.11..7.0.17 (none known).
//!
//! Not listed: `template.buffer` (only registered when `app-layer.protocols.template` exists in
//! the config, which the default `suricata.yaml` lacks) and Suricata's internal
//! `__..__` keywords such as `__filestore__postmatch__` (not meant for rules; not in the csv).
// GENERATED from the sources above by a one-off script; edit by hand with care.

use super::flags::*;
use super::{Keyword, KeywordKind, KwDirection, Provenance};

/// All keywords, in no particular order (C keywords first, then Rust ones).
#[rustfmt::skip]
pub(super) static KEYWORDS: &[Keyword] = &[
    Keyword { name: "sid", aliases: &[], kind: KeywordKind::Meta, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "rev", aliases: &[], kind: KeywordKind::Meta, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "gid", aliases: &[], kind: KeywordKind::Meta, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "msg", aliases: &[], kind: KeywordKind::Meta, flags: SUPPORT_FIREWALL | QUOTES_MANDATORY, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "priority", aliases: &[], kind: KeywordKind::Meta, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "classtype", aliases: &[], kind: KeywordKind::Meta, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "reference", aliases: &[], kind: KeywordKind::Meta, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "metadata", aliases: &[], kind: KeywordKind::Meta, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "target", aliases: &[], kind: KeywordKind::Meta, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "requires", aliases: &[], kind: KeywordKind::Meta, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "noalert", aliases: &[], kind: KeywordKind::Meta, flags: NOOPT, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "alert", aliases: &[], kind: KeywordKind::Meta, flags: NOOPT, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "tag", aliases: &[], kind: KeywordKind::Meta, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "threshold", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "detection_filter", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "bypass", aliases: &[], kind: KeywordKind::Other, flags: NOOPT, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "config", aliases: &[], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "prefilter", aliases: &[], kind: KeywordKind::PayloadModifier, flags: NOOPT, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // alproto: any file-capable protocol
    Keyword { name: "filestore", aliases: &[], kind: KeywordKind::Other, flags: OPTIONAL_OPT, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "nfq_set_mark", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "lua", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "content", aliases: &[], kind: KeywordKind::Payload, flags: SUPPORT_FIREWALL | QUOTES_MANDATORY | HANDLE_NEGATION, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: alproto/list/direction (legacy alias of content+http_uri)
    Keyword { name: "uricontent", aliases: &[], kind: KeywordKind::Payload, flags: QUOTES_MANDATORY | HANDLE_NEGATION, buffer: Some("http.uri"), list: Some("http_uri"), alproto: Some("http"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // flags QUOTES_OPTIONAL|HANDLE_NEGATION seen in 5.x+ source, not QUOTES_MANDATORY
    Keyword { name: "pcre", aliases: &[], kind: KeywordKind::Payload, flags: QUOTES_OPTIONAL | HANDLE_NEGATION, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "replace", aliases: &[], kind: KeywordKind::PayloadModifier, flags: QUOTES_MANDATORY | HANDLE_NEGATION, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "depth", aliases: &[], kind: KeywordKind::PayloadModifier, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "offset", aliases: &[], kind: KeywordKind::PayloadModifier, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "distance", aliases: &[], kind: KeywordKind::PayloadModifier, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "within", aliases: &[], kind: KeywordKind::PayloadModifier, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "startswith", aliases: &[], kind: KeywordKind::PayloadModifier, flags: NOOPT, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "endswith", aliases: &[], kind: KeywordKind::PayloadModifier, flags: NOOPT, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "nocase", aliases: &[], kind: KeywordKind::PayloadModifier, flags: NOOPT, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "rawbytes", aliases: &[], kind: KeywordKind::PayloadModifier, flags: NOOPT, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "fast_pattern", aliases: &[], kind: KeywordKind::PayloadModifier, flags: OPTIONAL_OPT, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "isdataat", aliases: &[], kind: KeywordKind::Payload, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "bsize", aliases: &[], kind: KeywordKind::Payload, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: 8.0 keyword, no extra flags seen
    Keyword { name: "absent", aliases: &[], kind: KeywordKind::Payload, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword, no extra flags seen
    Keyword { name: "entropy", aliases: &[], kind: KeywordKind::Payload, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSourcePartial },
    Keyword { name: "byte_test", aliases: &[], kind: KeywordKind::Payload, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "byte_jump", aliases: &[], kind: KeywordKind::Payload, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "byte_math", aliases: &[], kind: KeywordKind::Payload, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "byte_extract", aliases: &[], kind: KeywordKind::Payload, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "dataset", aliases: &[], kind: KeywordKind::Payload, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "datarep", aliases: &[], kind: KeywordKind::Payload, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "base64_decode", aliases: &[], kind: KeywordKind::Payload, flags: OPTIONAL_OPT, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // sticky-like: switches to the base64 decoded buffer; no INFO_STICKY_BUFFER flag
    Keyword { name: "base64_data", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT, buffer: Some("base64_data"), list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // resets the active buffer to the packet payload; no INFO_STICKY_BUFFER flag
    Keyword { name: "pkt_data", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "asn1", aliases: &[], kind: KeywordKind::Payload, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "rpc", aliases: &[], kind: KeywordKind::Payload, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alproto/direction
    Keyword { name: "urilen", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: Some("http_uri"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction/list (multi-protocol: http, smtp, smb, nfs, ftp, http2); 8.0.0 csv shows no NOOPT
    Keyword { name: "file.data", aliases: &["file_data"], kind: KeywordKind::StickyBuffer, flags: 0, buffer: Some("file.data"), list: Some("file_data"), alproto: None, direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "flow", aliases: &[], kind: KeywordKind::Flow, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "flowbits", aliases: &[], kind: KeywordKind::Flow, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "flowint", aliases: &[], kind: KeywordKind::Flow, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "flowvar", aliases: &[], kind: KeywordKind::Flow, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "pktvar", aliases: &[], kind: KeywordKind::Flow, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "xbits", aliases: &[], kind: KeywordKind::Flow, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "hostbits", aliases: &[], kind: KeywordKind::Flow, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "flow.age", aliases: &[], kind: KeywordKind::Flow, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "flow.pkts", aliases: &[], kind: KeywordKind::Flow, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSource },
    Keyword { name: "flow.pkts_toserver", aliases: &[], kind: KeywordKind::Flow, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSource },
    Keyword { name: "flow.pkts_toclient", aliases: &[], kind: KeywordKind::Flow, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSource },
    Keyword { name: "flow.bytes", aliases: &[], kind: KeywordKind::Flow, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSource },
    Keyword { name: "flow.bytes_toserver", aliases: &[], kind: KeywordKind::Flow, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSource },
    Keyword { name: "flow.bytes_toclient", aliases: &[], kind: KeywordKind::Flow, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSource },
    Keyword { name: "stream_size", aliases: &[], kind: KeywordKind::Flow, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "app-layer-protocol", aliases: &[], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // alproto comes from the value (proto.event)
    Keyword { name: "app-layer-event", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "app-layer-state", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSourcePartial },
    Keyword { name: "iprep", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "geoip", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "tcp.ack", aliases: &["ack"], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "tcp.seq", aliases: &["seq"], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "tcp.window", aliases: &["window"], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "tcp.flags", aliases: &["flags"], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL | PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "tcp.mss", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "tcp.wscale", aliases: &[], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL | PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSource },
    Keyword { name: "ipopts", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "fragbits", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "fragoffset", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "ttl", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "tos", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "id", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "itype", aliases: &[], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL | PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "icode", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "icmp_id", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "icmp_seq", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "icmpv6.mtu", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "dsize", aliases: &[], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL | PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "sameip", aliases: &[], kind: KeywordKind::Other, flags: NOOPT | PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "ip_proto", aliases: &[], kind: KeywordKind::Other, flags: QUOTES_OPTIONAL | PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "l3_proto", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "ipv4-csum", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "tcpv4-csum", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "tcpv6-csum", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "udpv4-csum", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "udpv6-csum", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "icmpv4-csum", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "icmpv6-csum", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "vlan.id", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "vlan.layers", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSourcePartial },
    Keyword { name: "template2", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "decode-event", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "engine-event", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "stream-event", aliases: &[], kind: KeywordKind::Other, flags: PACKET, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "ip.src", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ip.src"), list: Some("ip.src"), alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "ip.dst", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ip.dst"), list: Some("ip.dst"), alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "ipv4.hdr", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ipv4.hdr"), list: Some("ipv4.hdr"), alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "ipv6.hdr", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ipv6.hdr"), list: Some("ipv6.hdr"), alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "tcp.hdr", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("tcp.hdr"), list: Some("tcp.hdr"), alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "udp.hdr", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("udp.hdr"), list: Some("udp.hdr"), alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "icmpv4.hdr", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("icmpv4.hdr"), list: Some("icmpv4.hdr"), alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "icmpv6.hdr", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("icmpv6.hdr"), list: Some("icmpv6.hdr"), alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // the frame name in the value selects protocol and buffer
    Keyword { name: "frame", aliases: &[], kind: KeywordKind::StickyBuffer, flags: STICKY_BUFFER, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "pcrexform", aliases: &[], kind: KeywordKind::Transform, flags: TRANSFORM | QUOTES_MANDATORY, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "luaxform", aliases: &[], kind: KeywordKind::Transform, flags: TRANSFORM | QUOTES_OPTIONAL, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::CSource },
    // UNVERIFIED: direction from HTTP semantics
    Keyword { name: "http.uri", aliases: &["http.uri.normalized"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.uri"), list: Some("http_uri"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http.uri.raw", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.uri.raw"), list: Some("http_raw_uri"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http.method", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.method"), list: Some("http_method"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http.request_line", aliases: &["http_request_line"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.request_line"), list: Some("http_request_line"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http.response_line", aliases: &["http_response_line"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.response_line"), list: Some("http_response_line"), alproto: Some("http_any"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http.request_body", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.request_body"), list: Some("http_client_body"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list (shares file_data)/direction
    Keyword { name: "http.response_body", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.response_body"), list: Some("file_data"), alproto: Some("http_any"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http.header", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.header"), list: Some("http_header"), alproto: Some("http_any"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http.header.raw", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.header.raw"), list: Some("http_raw_header"), alproto: Some("http_any"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http.cookie", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.cookie"), list: Some("http_cookie"), alproto: Some("http_any"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http.user_agent", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.user_agent"), list: Some("http_user_agent"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "http.host", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.host"), list: Some("http_host"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "http.host.raw", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.host.raw"), list: Some("http_raw_host"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: list/direction
    Keyword { name: "http.stat_msg", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.stat_msg"), list: Some("http_stat_msg"), alproto: Some("http_any"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http.stat_code", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.stat_code"), list: Some("http_stat_code"), alproto: Some("http_any"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "http.header_names", aliases: &["http_header_names"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.header_names"), list: Some("http_header_names"), alproto: Some("http_any"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "http.protocol", aliases: &["http_protocol"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.protocol"), list: Some("http_protocol"), alproto: Some("http_any"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "http.start", aliases: &["http_start"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.start"), list: Some("http_start"), alproto: Some("http_any"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: direction; 8.0.0 csv shows no NOOPT
    Keyword { name: "http.accept", aliases: &["http_accept"], kind: KeywordKind::StickyBuffer, flags: STICKY_BUFFER, buffer: Some("http.accept"), list: Some("http_accept"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alias/direction; 8.0.0 csv shows no NOOPT
    Keyword { name: "http.accept_lang", aliases: &["http_accept_lang"], kind: KeywordKind::StickyBuffer, flags: STICKY_BUFFER, buffer: Some("http.accept_lang"), list: Some("http_accept_lang"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction; 8.0.0 csv shows no NOOPT
    Keyword { name: "http.accept_enc", aliases: &["http_accept_enc"], kind: KeywordKind::StickyBuffer, flags: STICKY_BUFFER, buffer: Some("http.accept_enc"), list: Some("http_accept_enc"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alias/direction; 8.0.0 csv shows no NOOPT
    Keyword { name: "http.connection", aliases: &["http_connection"], kind: KeywordKind::StickyBuffer, flags: STICKY_BUFFER, buffer: Some("http.connection"), list: Some("http_connection"), alproto: Some("http_any"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction; 8.0.0 csv shows no NOOPT
    Keyword { name: "http.content_len", aliases: &["http_content_len"], kind: KeywordKind::StickyBuffer, flags: STICKY_BUFFER, buffer: Some("http.content_len"), list: Some("http_content_len"), alproto: Some("http_any"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction; 8.0.0 csv shows no NOOPT
    Keyword { name: "http.content_type", aliases: &["http_content_type"], kind: KeywordKind::StickyBuffer, flags: STICKY_BUFFER, buffer: Some("http.content_type"), list: Some("http_content_type"), alproto: Some("http_any"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alias/direction
    Keyword { name: "http.location", aliases: &["http_location"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.location"), list: Some("http_location"), alproto: Some("http_any"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alias/direction
    Keyword { name: "http.server", aliases: &["http_server"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.server"), list: Some("http_server"), alproto: Some("http_any"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alias/direction; 8.0.0 csv shows no NOOPT
    Keyword { name: "http.referer", aliases: &["http_referer"], kind: KeywordKind::StickyBuffer, flags: STICKY_BUFFER, buffer: Some("http.referer"), list: Some("http_referer"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alproto (http2-only in 7.x)/list/direction
    Keyword { name: "http.request_header", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.request_header"), list: Some("http_request_header"), alproto: Some("http_any"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alproto (http2-only in 7.x)/list/direction
    Keyword { name: "http.response_header", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http.response_header"), list: Some("http_response_header"), alproto: Some("http_any"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http_uri", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.uri"), list: Some("http_uri"), alproto: Some("http"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http_raw_uri", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.uri.raw"), list: Some("http_raw_uri"), alproto: Some("http"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http_method", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.method"), list: Some("http_method"), alproto: Some("http"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http_client_body", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.request_body"), list: Some("http_client_body"), alproto: Some("http"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http_server_body", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.response_body"), list: Some("file_data"), alproto: Some("http"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http_header", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.header"), list: Some("http_header"), alproto: Some("http"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http_raw_header", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.header.raw"), list: Some("http_raw_header"), alproto: Some("http"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http_cookie", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.cookie"), list: Some("http_cookie"), alproto: Some("http"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http_user_agent", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.user_agent"), list: Some("http_user_agent"), alproto: Some("http"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "http_host", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.host"), list: Some("http_host"), alproto: Some("http"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "http_raw_host", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.host.raw"), list: Some("http_raw_host"), alproto: Some("http"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: list/direction
    Keyword { name: "http_stat_msg", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.stat_msg"), list: Some("http_stat_msg"), alproto: Some("http"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http_stat_code", aliases: &[], kind: KeywordKind::ContentModifier, flags: NOOPT | CONTENT_MODIFIER, buffer: Some("http.stat_code"), list: Some("http_stat_code"), alproto: Some("http"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "http2.frametype", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("http2"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "http2.errorcode", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("http2"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "http2.priority", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("http2"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "http2.window", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("http2"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "http2.size_update", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("http2"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "http2.settings", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("http2"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "http2.header_name", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("http2.header_name"), list: Some("http2_header_name"), alproto: Some("http2"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "tls.sni", aliases: &["tls_sni"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("tls.sni"), list: Some("tls.sni"), alproto: Some("tls"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: direction (client certs since 7.0)
    Keyword { name: "tls.cert_issuer", aliases: &["tls_cert_issuer"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("tls.cert_issuer"), list: Some("tls.cert_issuer"), alproto: Some("tls"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction (client certs since 7.0)
    Keyword { name: "tls.cert_subject", aliases: &["tls_cert_subject"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("tls.cert_subject"), list: Some("tls.cert_subject"), alproto: Some("tls"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction (client certs since 7.0)
    Keyword { name: "tls.cert_serial", aliases: &["tls_cert_serial"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("tls.cert_serial"), list: Some("tls.cert_serial"), alproto: Some("tls"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction (client certs since 7.0)
    Keyword { name: "tls.cert_fingerprint", aliases: &["tls_cert_fingerprint"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("tls.cert_fingerprint"), list: Some("tls.cert_fingerprint"), alproto: Some("tls"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls.certs", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("tls.certs"), list: Some("tls.certs"), alproto: Some("tls"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls.subjectaltname", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("tls.subjectaltname"), list: Some("tls.subjectaltname"), alproto: Some("tls"), direction: KwDirection::ToClient, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword; direction
    Keyword { name: "tls.alpn", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("tls.alpn"), list: Some("tls.alpn"), alproto: Some("tls"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls.random", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("tls.random"), list: Some("tls.random"), alproto: Some("tls"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls.random_time", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("tls.random_time"), list: Some("tls.random_time"), alproto: Some("tls"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls.random_bytes", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("tls.random_bytes"), list: Some("tls.random_bytes"), alproto: Some("tls"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // setup accepts tls or quic rules (sets tls when unset) (UNVERIFIED)
    Keyword { name: "ja3.hash", aliases: &["ja3_hash"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ja3.hash"), list: Some("ja3.hash"), alproto: None, direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // setup accepts tls or quic rules (sets tls when unset) (UNVERIFIED)
    Keyword { name: "ja3.string", aliases: &["ja3_string"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ja3.string"), list: Some("ja3.string"), alproto: None, direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "ja3s.hash", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ja3s.hash"), list: Some("ja3s.hash"), alproto: Some("tls"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: direction
    Keyword { name: "ja3s.string", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ja3s.string"), list: Some("ja3s.string"), alproto: Some("tls"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // setup accepts tls or quic rules (UNVERIFIED)
    Keyword { name: "ja4.hash", aliases: &["ja4_hash"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ja4.hash"), list: Some("ja4.hash"), alproto: None, direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls.version", aliases: &[], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: Some("tls"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls.subject", aliases: &[], kind: KeywordKind::Other, flags: QUOTES_MANDATORY | HANDLE_NEGATION, buffer: None, list: None, alproto: Some("tls"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls.issuerdn", aliases: &[], kind: KeywordKind::Other, flags: QUOTES_MANDATORY | HANDLE_NEGATION, buffer: None, list: None, alproto: Some("tls"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls.fingerprint", aliases: &[], kind: KeywordKind::Other, flags: QUOTES_MANDATORY | HANDLE_NEGATION, buffer: None, list: None, alproto: Some("tls"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "tls_store", aliases: &["tls.store"], kind: KeywordKind::Other, flags: NOOPT, buffer: None, list: None, alproto: Some("tls"), direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: direction
    Keyword { name: "tls_cert_notbefore", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("tls"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls_cert_notafter", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("tls"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls_cert_expired", aliases: &[], kind: KeywordKind::Other, flags: NOOPT, buffer: None, list: None, alproto: Some("tls"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls_cert_valid", aliases: &[], kind: KeywordKind::Other, flags: NOOPT, buffer: None, list: None, alproto: Some("tls"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "tls.cert_chain_len", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("tls"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ssl_version", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("tls"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ssl_state", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("tls"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "ssh.proto", aliases: &["ssh_proto"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ssh.proto"), list: Some("ssh.proto"), alproto: Some("ssh"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: list name in 8.0
    Keyword { name: "ssh.software", aliases: &["ssh_software"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ssh.software"), list: Some("ssh_software"), alproto: Some("ssh"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ssh.hassh", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ssh.hassh"), list: Some("ssh.hassh"), alproto: Some("ssh"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ssh.hassh.string", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ssh.hassh.string"), list: Some("ssh.hassh.string"), alproto: Some("ssh"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ssh.hassh.server", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ssh.hassh.server"), list: Some("ssh.hassh.server"), alproto: Some("ssh"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ssh.hassh.server.string", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ssh.hassh.server.string"), list: Some("ssh.hassh.server.string"), alproto: Some("ssh"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // deprecated, replaced by ssh.proto
    Keyword { name: "ssh.protoversion", aliases: &[], kind: KeywordKind::Other, flags: QUOTES_OPTIONAL | DEPRECATED, buffer: None, list: None, alproto: Some("ssh"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSource },
    // deprecated, replaced by ssh.software
    Keyword { name: "ssh.softwareversion", aliases: &[], kind: KeywordKind::Other, flags: QUOTES_OPTIONAL | DEPRECATED, buffer: None, list: None, alproto: Some("ssh"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: direction
    Keyword { name: "dns.queries.rrname", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("dns.queries.rrname"), list: Some("dns.queries.rrname"), alproto: Some("dns"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "dns.answers.rrname", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("dns.answers.rrname"), list: Some("dns.answers.rrname"), alproto: Some("dns"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "dns.additionals.rrname", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("dns.additionals.rrname"), list: Some("dns.additionals.rrname"), alproto: Some("dns"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "dns.authorities.rrname", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("dns.authorities.rrname"), list: Some("dns.authorities.rrname"), alproto: Some("dns"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "dns.response.rrname", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("dns.response.rrname"), list: Some("dns.response.rrname"), alproto: Some("dns"), direction: KwDirection::ToClient, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "mdns.queries.rrname", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mdns.queries.rrname"), list: Some("mdns.queries.rrname"), alproto: Some("mdns"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "mdns.answers.rrname", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mdns.answers.rrname"), list: Some("mdns.answers.rrname"), alproto: Some("mdns"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "mdns.additionals.rrname", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mdns.additionals.rrname"), list: Some("mdns.additionals.rrname"), alproto: Some("mdns"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "mdns.authorities.rrname", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mdns.authorities.rrname"), list: Some("mdns.authorities.rrname"), alproto: Some("mdns"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "mdns.response.rrname", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mdns.response.rrname"), list: Some("mdns.response.rrname"), alproto: Some("mdns"), direction: KwDirection::ToClient, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction; 8.0.0 csv shows no NOOPT
    Keyword { name: "file.name", aliases: &[], kind: KeywordKind::StickyBuffer, flags: STICKY_BUFFER, buffer: Some("file.name"), list: Some("file.name"), alproto: None, direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction; 8.0.0 csv shows no NOOPT
    Keyword { name: "file.magic", aliases: &[], kind: KeywordKind::StickyBuffer, flags: STICKY_BUFFER, buffer: Some("file.magic"), list: Some("file.magic"), alproto: None, direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "filename", aliases: &[], kind: KeywordKind::Other, flags: QUOTES_OPTIONAL | HANDLE_NEGATION, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "fileext", aliases: &[], kind: KeywordKind::Other, flags: QUOTES_OPTIONAL | HANDLE_NEGATION, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    Keyword { name: "filemagic", aliases: &[], kind: KeywordKind::Other, flags: QUOTES_MANDATORY | HANDLE_NEGATION, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "filemd5", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "filesha1", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "filesha256", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: no extra flags seen
    Keyword { name: "filesize", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alias (KEYWORD_NAME_LEGACY exists, value not seen)
    Keyword { name: "smb.named_pipe", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("smb.named_pipe"), list: Some("smb_named_pipe"), alproto: Some("smb"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alias/list
    Keyword { name: "smb.share", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("smb.share"), list: Some("smb_share"), alproto: Some("smb"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alias/list
    Keyword { name: "smb.ntlmssp_user", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("smb.ntlmssp_user"), list: Some("smb_ntlmssp_user"), alproto: Some("smb"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alias/list
    Keyword { name: "smb.ntlmssp_domain", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("smb.ntlmssp_domain"), list: Some("smb_ntlmssp_domain"), alproto: Some("smb"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "smb.version", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("smb"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // dcerpc or smb
    Keyword { name: "dcerpc.iface", aliases: &["dce_iface"], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // dcerpc or smb
    Keyword { name: "dcerpc.opnum", aliases: &["dce_opnum"], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSource },
    // dcerpc or smb; UNVERIFIED: list/direction
    Keyword { name: "dcerpc.stub_data", aliases: &["dce_stub_data"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("dcerpc.stub_data"), list: Some("dce_stub_data"), alproto: None, direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "nfs_procedure", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("nfs"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "nfs.version", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("nfs"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "krb5.cname", aliases: &["krb5_cname"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("krb5.cname"), list: Some("krb5_cname"), alproto: Some("krb5"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "krb5.sname", aliases: &["krb5_sname"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("krb5.sname"), list: Some("krb5_sname"), alproto: Some("krb5"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "krb5_err_code", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("krb5"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "krb5_msg_type", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("krb5"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "krb5.ticket_encryption", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("krb5"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list
    Keyword { name: "quic.sni", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("quic.sni"), list: Some("quic_sni"), alproto: Some("quic"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list
    Keyword { name: "quic.ua", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("quic.ua"), list: Some("quic_ua"), alproto: Some("quic"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list
    Keyword { name: "quic.version", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("quic.version"), list: Some("quic_version"), alproto: Some("quic"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // no INFO_STICKY_BUFFER flag in 8.0.0 csv; UNVERIFIED: list/direction
    Keyword { name: "quic.cyu.hash", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT, buffer: Some("quic.cyu.hash"), list: Some("quic.cyu.hash"), alproto: Some("quic"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // no INFO_STICKY_BUFFER flag in 8.0.0 csv; UNVERIFIED: list/direction
    Keyword { name: "quic.cyu.string", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT, buffer: Some("quic.cyu.string"), list: Some("quic.cyu.string"), alproto: Some("quic"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ike.exchtype", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("ike"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ike.init_spi", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ike.init_spi"), list: Some("ike.init_spi"), alproto: Some("ike"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ike.resp_spi", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ike.resp_spi"), list: Some("ike.resp_spi"), alproto: Some("ike"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ike.vendor", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ike.vendor"), list: Some("ike.vendor"), alproto: Some("ike"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ike.chosen_sa_attribute", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("ike"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ike.key_exchange_payload_length", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("ike"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ike.nonce_payload_length", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("ike"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ike.nonce_payload", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ike.nonce_payload"), list: Some("ike.nonce_payload"), alproto: Some("ike"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ike.key_exchange_payload", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ike.key_exchange_payload"), list: Some("ike.key_exchange_payload"), alproto: Some("ike"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ftpbounce", aliases: &[], kind: KeywordKind::Other, flags: NOOPT, buffer: None, list: None, alproto: Some("ftp"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "ftpdata_command", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("ftp-data"), direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "ftp.dynamic_port", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("ftp"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword; no INFO_STICKY_BUFFER flag in csv
    Keyword { name: "ftp.command", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT, buffer: Some("ftp.command"), list: Some("ftp.command"), alproto: Some("ftp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword; no INFO_STICKY_BUFFER flag in csv
    Keyword { name: "ftp.command_data", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT, buffer: Some("ftp.command_data"), list: Some("ftp.command_data"), alproto: Some("ftp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword; no INFO_STICKY_BUFFER flag in csv
    Keyword { name: "ftp.reply", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT, buffer: Some("ftp.reply"), list: Some("ftp.reply"), alproto: Some("ftp"), direction: KwDirection::ToClient, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword; no INFO_STICKY_BUFFER flag in csv
    Keyword { name: "ftp.completion_code", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT, buffer: Some("ftp.completion_code"), list: Some("ftp.completion_code"), alproto: Some("ftp"), direction: KwDirection::ToClient, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword (enum value, not a buffer)
    Keyword { name: "ftp.mode", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("ftp"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword (boolean value)
    Keyword { name: "ftp.reply_received", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("ftp"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // no INFO_STICKY_BUFFER flag in csv; UNVERIFIED: list/direction
    Keyword { name: "sip.method", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT, buffer: Some("sip.method"), list: Some("sip.method"), alproto: Some("sip"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // no INFO_STICKY_BUFFER flag in csv; UNVERIFIED: list/direction
    Keyword { name: "sip.uri", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT, buffer: Some("sip.uri"), list: Some("sip.uri"), alproto: Some("sip"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "smtp.helo", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("smtp.helo"), list: Some("smtp.helo"), alproto: Some("smtp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "smtp.mail_from", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("smtp.mail_from"), list: Some("smtp.mail_from"), alproto: Some("smtp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "smtp.rcpt_to", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("smtp.rcpt_to"), list: Some("smtp.rcpt_to"), alproto: Some("smtp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "email.from", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("email.from"), list: Some("email.from"), alproto: Some("smtp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "email.subject", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("email.subject"), list: Some("email.subject"), alproto: Some("smtp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "email.to", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("email.to"), list: Some("email.to"), alproto: Some("smtp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "email.cc", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("email.cc"), list: Some("email.cc"), alproto: Some("smtp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "email.date", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("email.date"), list: Some("email.date"), alproto: Some("smtp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "email.message_id", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("email.message_id"), list: Some("email.message_id"), alproto: Some("smtp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "email.x_mailer", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("email.x_mailer"), list: Some("email.x_mailer"), alproto: Some("smtp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "email.url", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("email.url"), list: Some("email.url"), alproto: Some("smtp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: 8.0 keyword
    Keyword { name: "email.received", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("email.received"), list: Some("email.received"), alproto: Some("smtp"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "modbus", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("modbus"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: list/direction
    Keyword { name: "dnp3.data", aliases: &["dnp3_data"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("dnp3.data"), list: Some("dnp3_data"), alproto: Some("dnp3"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "dnp3_func", aliases: &["dnp3.func"], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("dnp3"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: direction
    Keyword { name: "dnp3_ind", aliases: &["dnp3.ind"], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("dnp3"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    // UNVERIFIED: alias/direction
    Keyword { name: "dnp3_obj", aliases: &["dnp3.obj"], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("dnp3"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::CSourcePartial },
    Keyword { name: "from_base64", aliases: &[], kind: KeywordKind::Transform, flags: OPTIONAL_OPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "to_lowercase", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "to_uppercase", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "compress_whitespace", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "gunzip", aliases: &[], kind: KeywordKind::Transform, flags: OPTIONAL_OPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "zlib_deflate", aliases: &[], kind: KeywordKind::Transform, flags: OPTIONAL_OPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "domain", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "tld", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "dotprefix", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "to_md5", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "to_sha1", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "to_sha256", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "header_lowercase", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "strip_pseudo_headers", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "strip_whitespace", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "url_decode", aliases: &[], kind: KeywordKind::Transform, flags: NOOPT | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "xor", aliases: &[], kind: KeywordKind::Transform, flags: QUOTES_MANDATORY | TRANSFORM, buffer: None, list: None, alproto: None, direction: KwDirection::Any, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "dhcp.leasetime", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("dhcp"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "dhcp.rebinding_time", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("dhcp"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "dhcp.renewal_time", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("dhcp"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "dns.answer.name", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("dns.answer.name"), list: Some("dns.answer.name"), alproto: Some("dns"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "dns.opcode", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("dns"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "dns.query.name", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("dns.query.name"), list: Some("dns.query.name"), alproto: Some("dns"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "dns.rcode", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("dns"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "dns.rrtype", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("dns"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "dns.query", aliases: &["dns_query"], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("dns.query"), list: Some("dns_query"), alproto: Some("dns"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "cip_service", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "enip.capabilities", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.cip_attribute", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.cip_class", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.vendor_id", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.status", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.state", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.serial", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.revision", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.protocol_version", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.product_code", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip_command", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "enip.identity_status", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.device_type", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.cip_status", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.cip_instance", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.cip_extendedstatus", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.product_name", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("enip.product_name"), list: Some("enip.product_name"), alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "enip.service_name", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("enip.service_name"), list: Some("enip.service_name"), alproto: Some("enip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "ldap.request.operation", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("ldap"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "ldap.responses.operation", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("ldap"), direction: KwDirection::ToClient, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "ldap.responses.count", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("ldap"), direction: KwDirection::ToClient, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "ldap.request.dn", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ldap.request.dn"), list: Some("ldap.request.dn"), alproto: Some("ldap"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "ldap.responses.dn", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ldap.responses.dn"), list: Some("ldap.responses.dn"), alproto: Some("ldap"), direction: KwDirection::ToClient, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "ldap.responses.result_code", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("ldap"), direction: KwDirection::ToClient, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "ldap.responses.message", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ldap.responses.message"), list: Some("ldap.responses.message"), alproto: Some("ldap"), direction: KwDirection::ToClient, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "ldap.request.attribute_type", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ldap.request.attribute_type"), list: Some("ldap.request.attribute_type"), alproto: Some("ldap"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "ldap.responses.attribute_type", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ldap.responses.attribute_type"), list: Some("ldap.responses.attribute_type"), alproto: Some("ldap"), direction: KwDirection::ToClient, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.unsubscribe.topic", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mqtt.unsubscribe.topic"), list: Some("mqtt.unsubscribe.topic"), alproto: Some("mqtt"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.type", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("mqtt"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.subscribe.topic", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mqtt.subscribe.topic"), list: Some("mqtt.subscribe.topic"), alproto: Some("mqtt"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.reason_code", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("mqtt"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.connack.session_present", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("mqtt"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.qos", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("mqtt"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.publish.topic", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mqtt.publish.topic"), list: Some("mqtt.publish.topic"), alproto: Some("mqtt"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.publish.message", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mqtt.publish.message"), list: Some("mqtt.publish.message"), alproto: Some("mqtt"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.protocol_version", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("mqtt"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.flags", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("mqtt"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.connect.flags", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("mqtt"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.connect.willtopic", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mqtt.connect.willtopic"), list: Some("mqtt.connect.willtopic"), alproto: Some("mqtt"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.connect.willmessage", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mqtt.connect.willmessage"), list: Some("mqtt.connect.willmessage"), alproto: Some("mqtt"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.connect.username", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mqtt.connect.username"), list: Some("mqtt.connect.username"), alproto: Some("mqtt"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.connect.protocol_string", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mqtt.connect.protocol_string"), list: Some("mqtt.connect.protocol_string"), alproto: Some("mqtt"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.connect.password", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mqtt.connect.password"), list: Some("mqtt.connect.password"), alproto: Some("mqtt"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "mqtt.connect.clientid", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("mqtt.connect.clientid"), list: Some("mqtt.connect.clientid"), alproto: Some("mqtt"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    // registered only when ntp detection is enabled (default: enabled)
    Keyword { name: "ntp.version", aliases: &[], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: Some("ntp"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    // registered only when ntp detection is enabled (default: enabled)
    Keyword { name: "ntp.mode", aliases: &[], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: Some("ntp"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    // registered only when ntp detection is enabled (default: enabled)
    Keyword { name: "ntp.stratum", aliases: &[], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: Some("ntp"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    // registered only when ntp detection is enabled (default: enabled)
    Keyword { name: "ntp.reference_id", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("ntp.reference_id"), list: Some("ntp.reference_id"), alproto: Some("ntp"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "pgsql.query", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("pgsql.query"), list: Some("pgsql.query"), alproto: Some("pgsql"), direction: KwDirection::ToServer, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "rfb.name", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("rfb.name"), list: Some("rfb.name"), alproto: Some("rfb"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "rfb.sectype", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("rfb"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "rfb.secresult", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("rfb"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.session_name", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.session_name"), list: Some("sdp.session_name"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.session_info", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.session_info"), list: Some("sdp.session_info"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.origin", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.origin"), list: Some("sdp.origin"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.uri", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.uri"), list: Some("sdp.uri"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.email", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.email"), list: Some("sdp.email"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.phone_number", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.phone_number"), list: Some("sdp.phone_number"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.connection_data", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.connection_data"), list: Some("sdp.connection_data"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.bandwidth", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.bandwidth"), list: Some("sdp.bandwidth"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.time", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.time"), list: Some("sdp.time"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.repeat_time", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.repeat_time"), list: Some("sdp.repeat_time"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.timezone", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.timezone"), list: Some("sdp.timezone"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.encryption_key", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.encryption_key"), list: Some("sdp.encryption_key"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.attribute", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.attribute"), list: Some("sdp.attribute"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.media.media", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.media.media"), list: Some("sdp.media.media"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.media.media_info", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.media.media_info"), list: Some("sdp.media.media_info"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.media.connection_data", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.media.connection_data"), list: Some("sdp.media.connection_data"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sdp.media.encryption_key", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sdp.media.encryption_key"), list: Some("sdp.media.encryption_key"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sip.protocol", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sip.protocol"), list: Some("sip.protocol"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "sip.stat_code", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sip.stat_code"), list: Some("sip.stat_code"), alproto: Some("sip"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "sip.stat_msg", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sip.stat_msg"), list: Some("sip.stat_msg"), alproto: Some("sip"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "sip.request_line", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sip.request_line"), list: Some("sip.request_line"), alproto: Some("sip"), direction: KwDirection::ToServer, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "sip.response_line", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sip.response_line"), list: Some("sip.response_line"), alproto: Some("sip"), direction: KwDirection::ToClient, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "sip.from", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sip.from"), list: Some("sip.from"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sip.to", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sip.to"), list: Some("sip.to"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sip.via", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sip.via"), list: Some("sip.via"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sip.user_agent", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sip.user_agent"), list: Some("sip.ua"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sip.content_type", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sip.content_type"), list: Some("sip.content_type"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "sip.content_length", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("sip.content_length"), list: Some("sip.content_length"), alproto: Some("sip"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "snmp.version", aliases: &[], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: Some("snmp"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "snmp.pdu_type", aliases: &[], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: Some("snmp"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "snmp.usm", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("snmp.usm"), list: Some("snmp.usm"), alproto: Some("snmp"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "snmp.community", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("snmp.community"), list: Some("snmp.community"), alproto: Some("snmp"), direction: KwDirection::Both, in_suricata7: true, provenance: Provenance::Rust806 },
    Keyword { name: "snmp.trap_type", aliases: &[], kind: KeywordKind::Other, flags: SUPPORT_FIREWALL, buffer: None, list: None, alproto: Some("snmp"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "websocket.opcode", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("websocket"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "websocket.mask", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("websocket"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "websocket.flags", aliases: &[], kind: KeywordKind::Other, flags: 0, buffer: None, list: None, alproto: Some("websocket"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
    Keyword { name: "websocket.payload", aliases: &[], kind: KeywordKind::StickyBuffer, flags: NOOPT | STICKY_BUFFER, buffer: Some("websocket.payload"), list: Some("websocket.payload"), alproto: Some("websocket"), direction: KwDirection::Both, in_suricata7: false, provenance: Provenance::Rust806 },
];
