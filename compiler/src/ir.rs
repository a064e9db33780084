//! The typed IR: one validated [`Rule`] per loaded rule (SPEC §5, DESIGN "IR").
//!
//! Addresses, ports and variables are resolved; each [`Condition`] is the set of
//! tests on one buffer (after its transforms). Keywords Ferrule does not evaluate
//! are kept in [`Rule::unevaluated`] and make the rule inert.

use crate::net::{AddressSet, PortSet};
use crate::span::Span;
use std::fmt;

/// Rule action (SEMANTICS §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// `alert`
    Alert,
    /// `pass`
    Pass,
    /// `drop`
    Drop,
    /// `reject` (same as `rejectsrc`)
    Reject,
    /// `rejectsrc`
    RejectSrc,
    /// `rejectdst`
    RejectDst,
    /// `rejectboth`
    RejectBoth,
    /// `config`
    Config,
}

impl Action {
    /// Suricata spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            Action::Alert => "alert",
            Action::Pass => "pass",
            Action::Drop => "drop",
            Action::Reject => "reject",
            Action::RejectSrc => "rejectsrc",
            Action::RejectDst => "rejectdst",
            Action::RejectBoth => "rejectboth",
            Action::Config => "config",
        }
    }

    /// True for the reject family.
    pub fn is_reject(&self) -> bool {
        matches!(
            self,
            Action::Reject | Action::RejectSrc | Action::RejectDst | Action::RejectBoth
        )
    }
}

/// Explicit 8.x action scope (`drop:flow`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionScope {
    /// `:packet`
    Packet,
    /// `:flow`
    Flow,
}

/// The protocol field (SEMANTICS §1.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// `ip` / `pkthdr`: any IP protocol.
    Ip,
    /// `ipv4` / `ip4`.
    Ipv4,
    /// `ipv6` / `ip6`.
    Ipv6,
    /// `tcp`.
    Tcp,
    /// `tcp-pkt`: packet-only TCP.
    TcpPkt,
    /// `tcp-stream`: stream-only TCP.
    TcpStream,
    /// `udp`.
    Udp,
    /// `icmp` (v4 and v6).
    Icmp,
    /// `icmpv4`.
    Icmpv4,
    /// `icmpv6`.
    Icmpv6,
    /// `sctp`.
    Sctp,
    /// An app-layer protocol (`tls`, `http`, `http1`, `dns`, ...), name as written.
    App(String),
}

impl Protocol {
    /// Suricata spelling.
    pub fn as_str(&self) -> &str {
        match self {
            Protocol::Ip => "ip",
            Protocol::Ipv4 => "ipv4",
            Protocol::Ipv6 => "ipv6",
            Protocol::Tcp => "tcp",
            Protocol::TcpPkt => "tcp-pkt",
            Protocol::TcpStream => "tcp-stream",
            Protocol::Udp => "udp",
            Protocol::Icmp => "icmp",
            Protocol::Icmpv4 => "icmpv4",
            Protocol::Icmpv6 => "icmpv6",
            Protocol::Sctp => "sctp",
            Protocol::App(name) => name,
        }
    }
}

/// Header direction (SEMANTICS §1.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// `->`
    ToDst,
    /// `<>`: Suricata loads two rules with the same sid.
    Both,
    /// `=>` (8.x): transactional, buffers in both directions.
    Transactional,
}

impl Direction {
    /// Suricata spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            Direction::ToDst => "->",
            Direction::Both => "<>",
            Direction::Transactional => "=>",
        }
    }
}

/// Direction of a packet within its flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlowDirection {
    /// `to_server` / `from_client`.
    ToServer,
    /// `to_client` / `from_server`.
    ToClient,
}

/// The `flow` keyword, merged (SEMANTICS §2.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Flow {
    /// `established` (true) / `not_established` (false).
    pub established: Option<bool>,
    /// `to_server` / `to_client` as written in `flow`.
    pub direction: Option<FlowDirection>,
    /// `stateless`.
    pub stateless: bool,
    /// `only_stream` (true) / `no_stream` (false), as written.
    pub stream: Option<bool>,
    /// Whether `stream` is a match (Suricata 7, the AWS dialect: `FlowMatch`
    /// holds `only_stream` only after a stream content match, which no rule
    /// Ferrule evaluates has, and `no_stream` unless there was one). In
    /// Suricata 8 the two only choose how payload content is inspected
    /// (`DetectFlowParse`: "these only affect parsing, not matching"): no
    /// effect on a rule Ferrule evaluates, and not a match keyword.
    pub stream_matches: bool,
    /// `only_frag` (true) / `no_frag` (false).
    pub frag: Option<bool>,
    /// Where `flow` was written.
    pub span: Option<Span>,
}

impl Flow {
    /// True when the rule had a `flow` keyword with any option.
    pub fn is_set(&self) -> bool {
        self.established.is_some()
            || self.direction.is_some()
            || self.stateless
            || self.stream.is_some()
            || self.frag.is_some()
    }

    /// Does `flow` add a match to the rule (`DetectFlowSetup` appends its
    /// sigmatch), making it a packet rule? Not for a direction alone, which
    /// only sets the rule's direction, nor for `only_stream`/`no_stream` in
    /// Suricata 8 (see [`Flow::stream_matches`]).
    pub fn adds_match(&self) -> bool {
        self.established.is_some()
            || self.stateless
            || self.frag.is_some()
            || (self.stream.is_some() && self.stream_matches)
    }
}

/// A sticky buffer a condition inspects.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Buffer {
    /// `tls.sni`
    TlsSni,
    /// `http.host` (normalized)
    HttpHost,
    /// `http.host.raw`
    HttpHostRaw,
    /// `http.header_names`
    HttpHeaderNames,
    /// `dns.query`
    DnsQuery,
    /// `quic.sni`
    QuicSni,
    /// Raw payload (content with no buffer): not evaluated by Ferrule.
    Payload,
    /// Any other Suricata buffer (kept, not evaluated).
    Other(String),
}

impl Buffer {
    /// From Suricata's canonical buffer name.
    pub fn from_name(name: &str) -> Buffer {
        match name {
            "tls.sni" => Buffer::TlsSni,
            "http.host" => Buffer::HttpHost,
            "http.host.raw" => Buffer::HttpHostRaw,
            "http.header_names" => Buffer::HttpHeaderNames,
            "dns.query" => Buffer::DnsQuery,
            "quic.sni" => Buffer::QuicSni,
            other => Buffer::Other(other.to_string()),
        }
    }

    /// Canonical name (`pkt_data` for the payload).
    pub fn name(&self) -> &str {
        match self {
            Buffer::TlsSni => "tls.sni",
            Buffer::HttpHost => "http.host",
            Buffer::HttpHostRaw => "http.host.raw",
            Buffer::HttpHeaderNames => "http.header_names",
            Buffer::DnsQuery => "dns.query",
            Buffer::QuicSni => "quic.sni",
            Buffer::Payload => "pkt_data",
            Buffer::Other(n) => n,
        }
    }

    /// True for the buffers Ferrule evaluates (SPEC §4).
    pub fn is_evaluated(&self) -> bool {
        !matches!(self, Buffer::Payload | Buffer::Other(_))
    }
}

/// A transform applied to a buffer before matching (SPEC §5).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Transform {
    /// `dotprefix`
    DotPrefix,
    /// `to_lowercase`
    ToLowercase,
    /// `to_uppercase`
    ToUppercase,
    /// `strip_whitespace`
    StripWhitespace,
    /// `compress_whitespace`
    CompressWhitespace,
    /// `domain`
    Domain,
    /// `tld`
    Tld,
    /// Any other transform (kept, not evaluated): name and value.
    Other(String, Option<String>),
}

impl Transform {
    /// Keyword name.
    pub fn name(&self) -> &str {
        match self {
            Transform::DotPrefix => "dotprefix",
            Transform::ToLowercase => "to_lowercase",
            Transform::ToUppercase => "to_uppercase",
            Transform::StripWhitespace => "strip_whitespace",
            Transform::CompressWhitespace => "compress_whitespace",
            Transform::Domain => "domain",
            Transform::Tld => "tld",
            Transform::Other(n, _) => n,
        }
    }

    /// True when Ferrule evaluates it.
    pub fn is_evaluated(&self) -> bool {
        !matches!(self, Transform::Other(..))
    }
}

/// A literal match with its modifiers (SEMANTICS §2.4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Content {
    /// The bytes (lowercased when `nocase`, as Suricata stores them).
    pub pattern: Vec<u8>,
    /// `content:!"..."`.
    pub negated: bool,
    /// `nocase`.
    pub nocase: bool,
    /// `startswith`.
    pub startswith: bool,
    /// `endswith`.
    pub endswith: bool,
    /// `offset:n`.
    pub offset: Option<u16>,
    /// `depth:n` (as written, not added to offset).
    pub depth: Option<u16>,
    /// `distance:n`.
    pub distance: Option<i32>,
    /// `within:n`.
    pub within: Option<i32>,
    /// `fast_pattern` (no effect on results).
    pub fast_pattern: bool,
    /// Where `content` was written.
    pub span: Span,
    /// Where `nocase` was written, if it was.
    pub nocase_span: Option<Span>,
}

impl Content {
    /// True if positioned relative to the previous match.
    pub fn is_relative(&self) -> bool {
        self.distance.is_some() || self.within.is_some()
    }
}

/// An unsigned-integer comparison (`bsize`), SEMANTICS §2.4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntCmp {
    /// `n`
    Eq(u64),
    /// `!n`
    Ne(u64),
    /// `<n`
    Lt(u64),
    /// `<=n`
    Le(u64),
    /// `>n`
    Gt(u64),
    /// `>=n`
    Ge(u64),
    /// `a<>b` / `a-b`: strictly between.
    Range(u64, u64),
    /// `!a<>b` / `!a-b`: not strictly between.
    NotRange(u64, u64),
}

impl IntCmp {
    /// Does `v` satisfy it?
    pub fn test(&self, v: u64) -> bool {
        match *self {
            IntCmp::Eq(n) => v == n,
            IntCmp::Ne(n) => v != n,
            IntCmp::Lt(n) => v < n,
            IntCmp::Le(n) => v <= n,
            IntCmp::Gt(n) => v > n,
            IntCmp::Ge(n) => v >= n,
            IntCmp::Range(a, b) => v > a && v < b,
            IntCmp::NotRange(a, b) => !(v > a && v < b),
        }
    }

    /// Canonical Suricata text.
    pub fn to_suricata(&self) -> String {
        match *self {
            IntCmp::Eq(n) => n.to_string(),
            IntCmp::Ne(n) => format!("!{n}"),
            IntCmp::Lt(n) => format!("<{n}"),
            IntCmp::Le(n) => format!("<={n}"),
            IntCmp::Gt(n) => format!(">{n}"),
            IntCmp::Ge(n) => format!(">={n}"),
            IntCmp::Range(a, b) => format!("{a}<>{b}"),
            IntCmp::NotRange(a, b) => format!("!{a}<>{b}"),
        }
    }
}

/// One test inside a buffer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Match {
    /// `content` with modifiers.
    Content(Content),
    /// `pcre`.
    Pcre {
        /// The regex between the slashes.
        pattern: String,
        /// Flags after the last slash.
        flags: String,
        /// `pcre:!"..."`.
        negated: bool,
        /// False when Ferrule cannot evaluate it faithfully (PCRE-only syntax,
        /// buffer or relative flags): the rule is then inert.
        evaluable: bool,
        /// Its `$` also matches before a newline that ends the buffer, as
        /// PCRE's does ([`crate::lower::dollar`], decided once at lowering).
        final_newline: bool,
        /// Where.
        span: Span,
    },
    /// `bsize`.
    Bsize(IntCmp, Span),
    /// `isdataat:[!]n[,relative]`.
    IsDataAt {
        /// `!`.
        negated: bool,
        /// n.
        offset: u32,
        /// `relative`.
        relative: bool,
        /// Where.
        span: Span,
    },
    /// A keyword Ferrule keeps but does not evaluate (`byte_test`, ...).
    Other {
        /// Keyword.
        name: String,
        /// Raw value.
        value: Option<String>,
        /// Where.
        span: Span,
    },
}

/// The tests on one buffer, after its transforms.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Condition {
    /// Which buffer.
    pub buffer: Buffer,
    /// Transforms, in order.
    pub transforms: Vec<Transform>,
    /// Tests, in order (all must hold).
    pub matches: Vec<Match>,
    /// The legacy content modifier (`http_uri`, `http_host`, ...) that created
    /// this buffer, if it was written that way: it binds the rule to HTTP/1 where
    /// the sticky buffer would bind it to any HTTP, so printing keeps the form.
    pub legacy: Option<String>,
    /// Where the buffer keyword was written.
    pub span: Span,
}

/// One `ssl_state` keyword: its items, joined by `|` or `,` as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SslState {
    /// `(negated, state)`: `!client_hello` is `(true, "client_hello")`; a
    /// state is `client_hello`, `server_hello`, `client_keyx`, `server_keyx`
    /// or `unknown`.
    pub items: Vec<(bool, String)>,
}

impl SslState {
    /// Does the keyword hold on a packet whose TLS handshake message is
    /// `current`?
    /// Suricata (`src/detect-ssl-state.c` `DetectSslStateMatch`) matches when
    /// `(listed & current) ^ negated` is non-zero, where `listed` has every
    /// item's state and `negated` those written with `!`: so the items are
    /// alternatives (`client_hello|server_hello` holds on a ClientHello), a
    /// lone `!client_hello` holds on anything but a ClientHello, and a
    /// negated item also holds where its state is absent. `current` is the
    /// packet's handshake message (`client_hello`, `server_hello`) or none:
    /// the query model knows the ClientHello of the request and the
    /// ServerHello of the reply (SPEC §4).
    pub fn holds(&self, current: Option<&str>) -> bool {
        let negated = |state: &str| self.items.iter().any(|(n, s)| *n && s == state);
        // (listed & current) ^ negated, per state bit: a listed state's bit
        // is whether it is the current one, flipped when it is negated;
        // every unlisted bit is zero on both sides.
        self.items
            .iter()
            .any(|(_, s)| (current == Some(s.as_str())) != negated(s))
    }
}

impl fmt::Display for SslState {
    /// The items joined by `,`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (negated, state)) in self.items.iter().enumerate() {
            let sep = if i > 0 { "," } else { "" };
            write!(f, "{sep}{}{state}", if *negated { "!" } else { "" })?;
        }
        Ok(())
    }
}

/// `target` keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// `src_ip`
    SrcIp,
    /// `dest_ip`
    DestIp,
}

/// Meta keywords (SEMANTICS §2.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Meta {
    /// `sid`.
    pub sid: u32,
    /// `gid` (default 1).
    pub gid: u32,
    /// `rev` (default 0).
    pub rev: u32,
    /// `msg`, unescaped.
    pub msg: Option<String>,
    /// `classtype`.
    pub classtype: Option<String>,
    /// `priority` as written (lowest kept if repeated).
    pub priority: Option<i64>,
    /// `reference` values as written.
    pub references: Vec<String>,
    /// `metadata` values as written.
    pub metadata: Vec<String>,
    /// `target`.
    pub target: Option<Target>,
    /// `noalert`.
    pub noalert: bool,
    /// `alert` (8.x keyword: log a pass).
    pub alert: bool,
    /// `requires` as written.
    pub requires: Option<String>,
    /// The AWS rule group (or domain list) the rule was loaded from,
    /// numbered from 1 ([`crate::load::Loader::set_group`]); 0 outside any.
    /// Sids are unique within a group (AWS), or across all rules of group 0
    /// (one Suricata instance).
    pub group: u16,
}

/// A keyword outside SPEC §5: kept with its position, makes the rule inert.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unevaluated {
    /// Canonical keyword name.
    pub name: String,
    /// Raw value.
    pub value: Option<String>,
    /// Where.
    pub span: Span,
    /// A reason derived from the rule's other parts (its header protocol),
    /// not a keyword of its own: not printed back.
    pub derived: bool,
}

/// A loaded, validated rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Action.
    pub action: Action,
    /// Explicit action scope.
    pub scope: Option<ActionScope>,
    /// Protocol.
    pub protocol: Protocol,
    /// 8.x hook (`tls:client_hello_done`), as written after the colon.
    pub hook: Option<String>,
    /// Source addresses.
    pub src: AddressSet,
    /// Source ports.
    pub src_ports: PortSet,
    /// Direction.
    pub direction: Direction,
    /// Destination addresses.
    pub dst: AddressSet,
    /// Destination ports.
    pub dst_ports: PortSet,
    /// Merged `flow`.
    pub flow: Flow,
    /// App protocol the rule is bound to (from header or buffers), Suricata spelling.
    pub app_proto: Option<String>,
    /// `ssl_state` keywords (each must hold; see [`SslState::holds`]).
    pub ssl_state: Vec<SslState>,
    /// `app-layer-protocol` value as written.
    pub app_layer_protocol: Option<String>,
    /// `ip_proto` value as written.
    pub ip_proto: Option<String>,
    /// Buffer conditions, in the order first written.
    pub conditions: Vec<Condition>,
    /// Keywords kept but not evaluated.
    pub unevaluated: Vec<Unevaluated>,
    /// Meta keywords.
    pub meta: Meta,
    /// Where the rule came from.
    pub span: Span,
    /// The rule text as loaded.
    pub text: String,
}

impl Rule {
    /// True if the rule uses anything Ferrule cannot evaluate faithfully.
    pub fn is_inert(&self) -> bool {
        !self.unevaluated.is_empty()
            || self.conditions.iter().any(|c| {
                !c.buffer.is_evaluated()
                    || c.transforms.iter().any(|t| !t.is_evaluated())
                    || c.matches.iter().any(|m| {
                        matches!(
                            m,
                            Match::Other { .. }
                                | Match::Pcre {
                                    evaluable: false,
                                    ..
                                }
                        )
                    })
            })
    }
}
