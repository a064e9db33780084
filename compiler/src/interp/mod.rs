//! The **reference interpreter**: decides queries and flows straight from the IR,
//! rule by rule, the obvious way (SPEC §4–§6, SEMANTICS §2–§4).
//!
//! Clarity beats speed here: this is the oracle the compiled `Ruleset` is tested
//! against and the engine of `ferrule explain`. Every "no" carries the first
//! reason ([`NoMatch`]).
//!
//! - [`rule_matches`]: does one rule match one [`Query`]?
//! - [`decision_order`]: Suricata's signature order (action class, priority, sid;
//!   configurable `action-order`, [`Order::with_action_order`]) or AWS strict
//!   order (the rules as given: groups by priority, rules as written).
//! - [`decide_flow`]: a whole flow, its queries in time order: per query the
//!   matching rules are processed in decision order (a pass ends processing, drop
//!   and reject mark the packet and go on; in strict order the first
//!   pass/drop/reject ends processing), flow-scoped pass/drop/reject set the
//!   flow verdict (first wins), and once the flow has a verdict later queries are
//!   not inspected. In strict order the AWS stateful default actions
//!   ([`Order::defaults`]) apply to the packets no rule ended processing of, at
//!   the packets they name ([`default_applies`]).
//!
//! Assumptions where SEMANTICS marks AWS behaviour UNVERIFIED (§5.6):
//! - a default action acts like a rule appended after every group (BP guide):
//!   it applies only when no pass/drop/reject rule ended processing of the
//!   packet; a matching `alert` rule does not stop it; `aws:alert_*` log one
//!   record per such packet and come before the drop; a default drop logs no
//!   alert (AWS adds `noalert` without the matching alert action);
//! - a default drop of any packet of the query model (the SYN, the UDP reply,
//!   the request packet) drops the flow at that stage;
//! - a packet-scoped rule (`flow:established`, ...) that passes or drops a
//!   packet ends processing of that packet (no default applies) without
//!   setting the flow verdict, as in action order;
//! - `drop_established` acts on every established packet (TCP after the
//!   handshake: the `AppRequest` and the server's `AppResponse`; UDP: the
//!   reply, which the query model marks established); the app-layer variants
//!   act at `AppRequest` and `AppResponse` (whether or not an app protocol
//!   was detected), the `_to_server` ones only on the client's `AppRequest`.
//!
//! ```
//! use ferrule_compiler::interp::{decide_flow, FlowQueries, Order};
//! use ferrule_compiler::load::Loader;
//! use ferrule_compiler::net::Vars;
//! use ferrule_compiler::Dialect;
//! use ferrule_matcher::{AppProto, IpProto, Query, Verdict};
//!
//! let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
//! loader.add_rules("r", "pass tls any any -> any any (tls.sni; content:\"example.com\"; endswith; sid:1;)\n\
//!                        drop tls any any -> any any (ssl_state:client_hello; sid:2;)\n");
//! let load = loader.finish();
//! let rules: Vec<_> = load.active_rules().cloned().collect();
//! let start = Query::flow_start(IpProto::Tcp, "10.0.0.5".parse().unwrap(), 40000,
//!                               "93.184.216.34".parse().unwrap(), 443);
//! let mut req = start.app_request(AppProto::Tls);
//! req.tls_sni = Some(b"www.example.com");
//! let flow = FlowQueries { queries: vec![start, req] };
//! let d = decide_flow(&rules, &Order::default(), &flow);
//! assert_eq!(d.decision.verdict, Verdict::Pass);
//! assert_eq!(d.decision.rule.unwrap().sid, 1);
//! ```

pub mod buffer;

pub use crate::aws::StatefulDefaultAction;
use crate::ir::{Action, ActionScope, Buffer, Direction, FlowDirection as IrDir, Protocol, Rule};
use crate::keywords::classtype_priority;
use ferrule_matcher::{
    AppProto, Decision, FlowDirection, IpProto, Query, RuleAction, RuleRef, Stage, Verdict,
};
use std::fmt;

pub use buffer::BufferMiss;

/// The first reason a rule did not match a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoMatch {
    /// The rule uses keywords Ferrule does not evaluate: it never matches.
    Inert,
    /// A `config` rule: never decides anything.
    ConfigRule,
    /// The rule is not inspected at this stage (e.g. IP-only rules only at
    /// `FlowStart`).
    Stage(RuleKind),
    /// The IP protocol does not fit the protocol field.
    Protocol,
    /// The address family does not fit (`ipv4`/`ipv6` protocol field).
    Family,
    /// The app protocol (protocol field or buffer binding) is not the flow's.
    AppProto,
    /// Source address not in the rule's set.
    SrcAddr,
    /// Source port not in the rule's set.
    SrcPort,
    /// Destination address not in the rule's set.
    DstAddr,
    /// Destination port not in the rule's set.
    DstPort,
    /// `flow`/buffer direction is not the packet's.
    FlowDirection,
    /// `flow:established` / `not_established` does not hold.
    FlowState,
    /// `flow:only_stream`/`no_stream`/`only_frag` does not hold.
    FlowStream,
    /// An `ssl_state` item does not hold.
    SslState(String),
    /// `app-layer-protocol` does not hold.
    AppLayerProtocol,
    /// `ip_proto` does not hold (or cannot be read).
    IpProto,
    /// A buffer the rule inspects is absent from the query.
    BufferAbsent(String),
    /// A test on a buffer failed.
    Buffer {
        /// Buffer name.
        buffer: String,
        /// Index of the condition in [`Rule::conditions`].
        condition: usize,
        /// The failing test.
        miss: BufferMiss,
    },
}

impl fmt::Display for NoMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoMatch::Inert => write!(f, "inert: uses keywords Ferrule does not evaluate"),
            NoMatch::ConfigRule => write!(f, "config rule: never decides"),
            NoMatch::Stage(k) => write!(f, "{} rule: not inspected at this stage", k.as_str()),
            NoMatch::Protocol => write!(f, "IP protocol does not match the protocol field"),
            NoMatch::Family => write!(f, "address family does not match the protocol field"),
            NoMatch::AppProto => write!(f, "app-layer protocol does not match"),
            NoMatch::SrcAddr => write!(f, "source address not in the rule's addresses"),
            NoMatch::SrcPort => write!(f, "source port not in the rule's ports"),
            NoMatch::DstAddr => write!(f, "destination address not in the rule's addresses"),
            NoMatch::DstPort => write!(f, "destination port not in the rule's ports"),
            NoMatch::FlowDirection => write!(f, "packet direction does not match"),
            NoMatch::FlowState => write!(f, "flow established state does not match"),
            NoMatch::FlowStream => write!(f, "flow stream/frag option does not match"),
            NoMatch::SslState(s) => write!(f, "ssl_state:{s} does not hold"),
            NoMatch::AppLayerProtocol => write!(f, "app-layer-protocol does not match"),
            NoMatch::IpProto => write!(f, "ip_proto does not match"),
            NoMatch::BufferAbsent(b) => write!(f, "buffer {b} absent"),
            NoMatch::Buffer { buffer, miss, .. } => {
                write!(f, "{buffer}: {} does not match", miss.what)
            }
        }
    }
}

/// Suricata's rule types as far as deciding goes (SEMANTICS §4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleKind {
    /// Header only (tcp/udp/ip/..., no direction, no buffers, no app
    /// protocol): inspected once per direction on the first packet; flow
    /// scope.
    IpOnly,
    /// `app-layer-protocol` without an app protocol of its own and with a
    /// `flow` of at most a direction: inspected once the protocol is known;
    /// flow scope.
    PdOnly,
    /// An app-layer protocol (header or buffer-free keyword) with no match
    /// keyword (a direction-only `flow` is none): every later packet; flow
    /// scope.
    AppLayer,
    /// Buffers or app-layer keywords (`tls.sni`, `ssl_state`, ...): inspected on
    /// the transaction (`AppRequest`, `AppResponse`); flow scope.
    AppTx,
    /// Match keywords (a `flow` with a state, `ip_proto`, `app-layer-protocol`
    /// with an app protocol or a flow state) or a direction on a rule with
    /// no app protocol: every packet; packet scope (a drop sets no flow
    /// verdict, SEMANTICS §9).
    Packet,
}

impl RuleKind {
    /// Short name.
    pub fn as_str(&self) -> &'static str {
        match self {
            RuleKind::IpOnly => "ip-only",
            RuleKind::PdOnly => "pd-only",
            RuleKind::AppLayer => "app-layer",
            RuleKind::AppTx => "app-tx",
            RuleKind::Packet => "packet",
        }
    }
}

/// Classify a rule (SEMANTICS §4.4, `SignatureIsIPOnly` and friends).
pub fn rule_kind(rule: &Rule) -> RuleKind {
    if !rule.conditions.is_empty() || !rule.ssl_state.is_empty() {
        return RuleKind::AppTx;
    }
    let app = matches!(rule.protocol, Protocol::App(_)) || rule.app_proto.is_some();
    // `SignatureIsPDOnly`: no app protocol of its own, and a `flow` with at
    // most a direction; else `app-layer-protocol` is one more match-list
    // keyword: a packet rule.
    if rule.app_layer_protocol.is_some() {
        return if !app && !rule.flow.adds_match() {
            RuleKind::PdOnly
        } else {
            RuleKind::Packet
        };
    }
    // `SignatureSetType`: a match-list keyword (a `flow` with a state,
    // `ip_proto`) makes a packet rule; else an app protocol an app-layer
    // rule (flow scope), whatever the direction; else a single direction
    // keeps it from being IP-only (`SignatureIsIPOnly`) and leaves a packet
    // rule.
    if rule.flow.adds_match() || rule.ip_proto.is_some() {
        return RuleKind::Packet;
    }
    if app {
        RuleKind::AppLayer
    } else if rule.flow.direction.is_some() {
        RuleKind::Packet
    } else {
        RuleKind::IpOnly
    }
}

/// Does a drop/pass of this rule set the flow verdict (SEMANTICS §4.4)? An
/// explicit 8.x scope (`drop:packet`, `drop:flow`) wins over the rule type.
pub fn is_flow_scoped(rule: &Rule) -> bool {
    match rule.scope {
        Some(ActionScope::Flow) => true,
        Some(ActionScope::Packet) => false,
        None => rule_kind(rule) != RuleKind::Packet,
    }
}

/// Is the rule inspected on this query at all? IP-only rules on a
/// direction's first packet: its `FlowStart`, or an `AppRequest` /
/// `AppResponse` that is that packet ([`Query::first_packet`]); app-layer
/// rules on every later packet, the server's reply and the segments of a
/// request not yet complete (`AppPartial`) included.
fn inspected_at(kind: RuleKind, q: &Query) -> bool {
    let stage = q.stage;
    match kind {
        RuleKind::IpOnly => stage == Stage::FlowStart || q.first_packet,
        RuleKind::PdOnly | RuleKind::AppLayer | RuleKind::AppTx => stage != Stage::FlowStart,
        RuleKind::Packet => true,
    }
}

/// The direction a rule applies to: `flow:` as written, or to_server when it
/// inspects a to-server-only buffer (SEMANTICS §2.2, implied direction;
/// `http.header_names` is not one: Suricata inspects the request's and the
/// response's).
pub fn rule_direction(rule: &Rule) -> Option<IrDir> {
    if let Some(d) = rule.flow.direction {
        return Some(d);
    }
    let to_server_buffer = rule.conditions.iter().any(|c| {
        matches!(
            c.buffer,
            Buffer::TlsSni
                | Buffer::HttpHost
                | Buffer::HttpHostRaw
                | Buffer::DnsQuery
                | Buffer::QuicSni
        )
    });
    to_server_buffer.then_some(IrDir::ToServer)
}

/// Does `rule` match `q`? `Err` carries the first reason it does not.
pub fn rule_matches(rule: &Rule, q: &Query) -> Result<(), NoMatch> {
    if rule.is_inert() {
        return Err(NoMatch::Inert);
    }
    if rule.action == Action::Config {
        return Err(NoMatch::ConfigRule);
    }
    let kind = rule_kind(rule);
    if !inspected_at(kind, q) {
        return Err(NoMatch::Stage(kind));
    }
    protocol_matches(rule, q)?;
    header_matches(rule, q)?;
    flow_matches(rule, q)?;
    if let Some(v) = &rule.ip_proto {
        if !ip_proto_matches(v, q) {
            return Err(NoMatch::IpProto);
        }
    }
    for s in &rule.ssl_state {
        if !s.holds(handshake_message(q)) {
            return Err(NoMatch::SslState(s.to_string()));
        }
    }
    if let Some(v) = &rule.app_layer_protocol {
        if !app_layer_protocol_matches(v, q) {
            return Err(NoMatch::AppLayerProtocol);
        }
    }
    for (ci, cond) in rule.conditions.iter().enumerate() {
        let Some(raw) = buffer_of(&cond.buffer, q) else {
            return Err(NoMatch::BufferAbsent(cond.buffer.name().to_string()));
        };
        // A multi-buffer (`dns.query` over a request's questions): the
        // condition holds when one instance satisfies it; the reason given
        // is the first instance's.
        let first = buffer::inspect(cond, &buffer::apply_transforms(raw, &cond.transforms));
        let more = || {
            more_of(&cond.buffer, q).iter().any(|m| {
                buffer::inspect(cond, &buffer::apply_transforms(m, &cond.transforms)).is_ok()
            })
        };
        if let Err(miss) = first {
            if !more() {
                return Err(NoMatch::Buffer {
                    buffer: cond.buffer.name().to_string(),
                    condition: ci,
                    miss,
                });
            }
        }
    }
    Ok(())
}

/// The further instances of a multi-buffer (`Query::dns_query_more`).
fn more_of<'a>(b: &Buffer, q: &Query<'a>) -> &'a [&'a [u8]] {
    match b {
        Buffer::DnsQuery => q.dns_query_more,
        _ => &[],
    }
}

fn buffer_of<'a>(b: &Buffer, q: &Query<'a>) -> Option<&'a [u8]> {
    match b {
        Buffer::TlsSni => q.tls_sni,
        Buffer::HttpHost => q.http_host,
        Buffer::HttpHostRaw => q.http_host_raw,
        Buffer::HttpHeaderNames => q.http_header_names,
        Buffer::DnsQuery => q.dns_query,
        Buffer::QuicSni => q.quic_sni,
        Buffer::Payload | Buffer::Other(_) => None,
    }
}

/// Protocol field, and the app protocol the rule is bound to (SEMANTICS §1.4).
fn protocol_matches(rule: &Rule, q: &Query) -> Result<(), NoMatch> {
    let v6 = q.is_ipv6();
    let ok = match &rule.protocol {
        Protocol::Ip => true,
        Protocol::Ipv4 => {
            if v6 {
                return Err(NoMatch::Family);
            }
            true
        }
        Protocol::Ipv6 => {
            if !v6 {
                return Err(NoMatch::Family);
            }
            true
        }
        Protocol::Tcp | Protocol::TcpPkt | Protocol::TcpStream => q.proto == IpProto::Tcp,
        Protocol::Udp => q.proto == IpProto::Udp,
        Protocol::Icmp => q.proto == IpProto::Icmp,
        Protocol::Icmpv4 => q.proto == IpProto::Icmp && !v6,
        Protocol::Icmpv6 => q.proto == IpProto::Icmp && v6,
        Protocol::Sctp => q.proto == IpProto::Other(132),
        Protocol::App(name) => {
            if !app_selected(name, q) {
                return Err(NoMatch::AppProto);
            }
            true
        }
    };
    if !ok {
        return Err(NoMatch::Protocol);
    }
    if let Some(name) = &rule.app_proto {
        if !app_selected_print(name, q) {
            return Err(NoMatch::AppProto);
        }
    }
    Ok(())
}

/// A protocol name as written in a rule (`http` = HTTP/1 or 2, `http1`).
fn app_selected(name: &str, q: &Query) -> bool {
    q.app_proto.is_some_and(|a| a.is_selected_by(name))
}

/// A protocol name in Suricata's print spelling, as [`Rule::app_proto`] holds it
/// (`http` = HTTP/1 only, `http_any` = HTTP/1 or 2).
fn app_selected_print(name: &str, q: &Query) -> bool {
    match name {
        "http_any" => app_selected("http", q),
        "http" => app_selected("http1", q),
        other => app_selected(other, q),
    }
}

/// Addresses and ports; `<>` matches either way round (SEMANTICS §1.7).
fn header_matches(rule: &Rule, q: &Query) -> Result<(), NoMatch> {
    let forward = one_way(rule, q.src, q.src_port, q.dst, q.dst_port);
    if forward.is_ok() || rule.direction != Direction::Both {
        return forward;
    }
    match one_way(rule, q.dst, q.dst_port, q.src, q.src_port) {
        Ok(()) => Ok(()),
        Err(_) => forward,
    }
}

fn one_way(
    rule: &Rule,
    src: std::net::IpAddr,
    sp: u16,
    dst: std::net::IpAddr,
    dp: u16,
) -> Result<(), NoMatch> {
    if !rule.src.contains(src) {
        return Err(NoMatch::SrcAddr);
    }
    if !rule.src_ports.contains(sp) {
        return Err(NoMatch::SrcPort);
    }
    if !rule.dst.contains(dst) {
        return Err(NoMatch::DstAddr);
    }
    if !rule.dst_ports.contains(dp) {
        return Err(NoMatch::DstPort);
    }
    Ok(())
}

/// The `flow` keyword and the implied direction (SEMANTICS §2.2).
fn flow_matches(rule: &Rule, q: &Query) -> Result<(), NoMatch> {
    if let Some(d) = rule_direction(rule) {
        let want = match d {
            IrDir::ToServer => FlowDirection::ToServer,
            IrDir::ToClient => FlowDirection::ToClient,
        };
        if q.direction != want {
            return Err(NoMatch::FlowDirection);
        }
    }
    if let Some(est) = rule.flow.established {
        if q.established != est {
            return Err(NoMatch::FlowState);
        }
    }
    // Suricata 7 (`FlowMatch`): `only_stream` needs a stream content match,
    // which no rule Ferrule evaluates has; `no_stream` holds without one.
    // Suricata 8: no match at all (`Flow::stream_matches`). No packet of the
    // query model is a fragment.
    if rule.flow.stream == Some(true) && rule.flow.stream_matches {
        return Err(NoMatch::FlowStream);
    }
    if rule.flow.frag == Some(true) {
        return Err(NoMatch::FlowStream);
    }
    Ok(())
}

/// The TLS handshake message of the query's packet, as `ssl_state` sees it:
/// the ClientHello of the request, the ServerHello of the server's reply
/// (the only TLS messages of the query model, SPEC §4), or none.
fn handshake_message(q: &Query) -> Option<&'static str> {
    match (q.stage, q.app_proto, q.direction) {
        (Stage::AppRequest, Some(AppProto::Tls), FlowDirection::ToServer) => Some("client_hello"),
        (Stage::AppResponse, Some(AppProto::Tls), FlowDirection::ToClient) => Some("server_hello"),
        _ => None,
    }
}

/// `app-layer-protocol:[!]proto[,mode]` (SEMANTICS §2.7).
fn app_layer_protocol_matches(value: &str, q: &Query) -> bool {
    let v = value.trim();
    let (neg, rest) = match v.strip_prefix('!') {
        Some(r) => (true, r.trim()),
        None => (false, v),
    };
    let name = rest.split(',').next().unwrap_or("").trim();
    let holds = match name {
        "unknown" => q.app_proto.is_none(),
        "failed" => false,
        n => app_selected(n, q),
    };
    holds != neg
}

/// `ip_proto:[!<>]value` with a number or a common name.
fn ip_proto_matches(value: &str, q: &Query) -> bool {
    let v = value.trim();
    let (op, rest) = if let Some(r) = v.strip_prefix('!') {
        ('!', r)
    } else if let Some(r) = v.strip_prefix('<') {
        ('<', r)
    } else if let Some(r) = v.strip_prefix('>') {
        ('>', r)
    } else {
        ('=', v)
    };
    let rest = rest.trim();
    let n: u8 = match rest.parse() {
        Ok(n) => n,
        Err(_) => match rest.to_ascii_lowercase().as_str() {
            "icmp" => 1,
            "tcp" => 6,
            "udp" => 17,
            "ipv6-icmp" | "icmpv6" => 58,
            "sctp" => 132,
            _ => return false,
        },
    };
    let p = q.proto.number_for(q.is_ipv6());
    match op {
        '!' => p != n,
        '<' => p < n,
        '>' => p > n,
        _ => p == n,
    }
}

/// How matching rules are ordered and what happens when none decides
/// (SPEC §6).
///
/// - Action order (`strict: false`, Suricata and AWS `DEFAULT_ACTION_ORDER`):
///   rules sorted by action class in [`Order::actions`], then priority, then
///   sid; a pass ends processing, drop/reject do not.
/// - Strict order (`strict: true`, AWS `STRICT_ORDER`): rules in the order of
///   the slice given to [`decide_flow`] (the caller lays them out by group
///   priority, then as written); the first matching pass/drop/reject ends
///   processing of the packet, alerts before it are collected; when no rule
///   ended processing, the [`Order::defaults`] apply at the packets they name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// The four classes, first examined first (action order only).
    pub actions: [RuleAction; 4],
    /// AWS strict order: rules as given, first terminal match decides.
    pub strict: bool,
    /// AWS `StatefulDefaultActions` (strict order only; ignored otherwise).
    pub defaults: Vec<StatefulDefaultAction>,
}

impl Default for Order {
    /// Suricata's (and AWS `DEFAULT_ACTION_ORDER`'s) pass, drop, reject, alert.
    fn default() -> Self {
        Order {
            actions: [
                RuleAction::Pass,
                RuleAction::Drop,
                RuleAction::Reject,
                RuleAction::Alert,
            ],
            strict: false,
            defaults: Vec::new(),
        }
    }
}

impl Order {
    /// AWS strict order with the given stateful default actions.
    pub fn strict(defaults: Vec<StatefulDefaultAction>) -> Self {
        Order {
            strict: true,
            defaults,
            ..Order::default()
        }
    }

    /// Action order with a configured `action-order` (SEMANTICS §4.1): the four
    /// names `pass`, `drop`, `reject`, `alert`, each exactly once, lowercase.
    /// The error is Suricata's message.
    ///
    /// ```
    /// use ferrule_compiler::interp::Order;
    /// use ferrule_matcher::RuleAction;
    /// let o = Order::with_action_order(&["drop", "pass", "reject", "alert"]).unwrap();
    /// assert_eq!(o.actions[0], RuleAction::Drop);
    /// assert!(Order::with_action_order(&["pass", "drop", "alert"]).is_err());
    /// ```
    pub fn with_action_order(names: &[&str]) -> Result<Self, String> {
        const ALL: &str = "pass, drop, reject, alert";
        let mut actions = Vec::with_capacity(4);
        for n in names {
            let a = match n.trim() {
                "pass" => RuleAction::Pass,
                "drop" => RuleAction::Drop,
                "reject" => RuleAction::Reject,
                "alert" => RuleAction::Alert,
                other => {
                    return Err(format!(
                        "action-order, invalid action: \"{other}\". Please fix the action-order configuration (expected {ALL})"
                    ))
                }
            };
            if actions.contains(&a) {
                return Err(format!(
                    "action-order, action \"{}\" given twice. Please fix the action-order configuration",
                    a.as_str()
                ));
            }
            actions.push(a);
        }
        let actions: [RuleAction; 4] = actions.try_into().map_err(|_| {
            format!(
                "action-order, the config didn't specify all of the actions. Please fix the action-order configuration (expected {ALL})"
            )
        })?;
        Ok(Order {
            actions,
            ..Order::default()
        })
    }

    pub(crate) fn rank(&self, a: Option<RuleAction>) -> usize {
        match a {
            Some(a) => self.actions.iter().position(|x| *x == a).unwrap_or(4),
            // `config` sorts last.
            None => 5,
        }
    }
}

/// A rule's action class (`None` for `config`).
pub fn action_class(a: Action) -> Option<RuleAction> {
    match a {
        Action::Pass => Some(RuleAction::Pass),
        Action::Drop => Some(RuleAction::Drop),
        Action::Reject | Action::RejectSrc | Action::RejectDst | Action::RejectBoth => {
            Some(RuleAction::Reject)
        }
        Action::Alert => Some(RuleAction::Alert),
        Action::Config => None,
    }
}

/// Effective priority: `priority`, else the classtype's, else 3.
pub fn priority(rule: &Rule) -> i64 {
    rule.meta
        .priority
        .or_else(|| {
            rule.meta
                .classtype
                .as_deref()
                .and_then(classtype_priority)
                .map(i64::from)
        })
        .unwrap_or(3)
}

/// The rule as a [`RuleRef`].
pub fn rule_ref(rule: &Rule) -> RuleRef {
    RuleRef {
        gid: rule.meta.gid,
        sid: rule.meta.sid,
        rev: rule.meta.rev,
        action: action_class(rule.action).unwrap_or(RuleAction::Alert),
        group: rule.meta.group,
    }
}

/// Indices of `rules` in decision order. Action order: action class, priority,
/// sid (then gid and position, for a total order); file order plays no role
/// (SEMANTICS §4.2). Strict order: the order of the slice (SEMANTICS §5.6).
pub fn decision_order(rules: &[Rule], order: &Order) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..rules.len()).collect();
    if order.strict {
        return idx;
    }
    idx.sort_by_key(|&i| {
        let r = &rules[i];
        (
            order.rank(action_class(r.action)),
            priority(r),
            r.meta.sid,
            r.meta.gid,
            i,
        )
    });
    idx
}

/// A flow as the queries it presents, in time order (e.g. `FlowStart` to_server,
/// `FlowStart` to_client, `AppRequest`, `AppResponse`).
#[derive(Debug, Clone, Default)]
pub struct FlowQueries<'a> {
    /// The queries, first packet first.
    pub queries: Vec<Query<'a>>,
}

/// What happened to one rule on one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Matched and its action was applied (alert recorded when it alerts).
    Applied,
    /// Matched, but after a pass ended processing of this packet.
    AfterPass,
    /// Matched, but after a drop/reject ended processing of this packet
    /// (strict order only: there the first terminal rule ends processing).
    AfterTerminal,
    /// Matched, but its action had no effect (a pass on an already dropped packet).
    Ignored,
    /// Did not match.
    NoMatch(NoMatch),
}

/// One line of an explanation: a rule (index into the rules slice) on one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Index into [`FlowQueries::queries`].
    pub query: usize,
    /// Index into the rules slice.
    pub rule: usize,
    /// What happened.
    pub outcome: Outcome,
}

/// What happened to one stateful default action on one query (strict order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultOutcome {
    /// Applied: the packet was dropped (the flow verdict set) or an alert logged.
    Applied,
    /// A rule ended processing of this packet first (pass, drop or reject).
    RuleDecided,
    /// This packet is not one the action names (not established, or not the
    /// app-layer request, or not to_server).
    NotThisPacket,
}

/// One stateful default action considered on one query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultStep {
    /// Index into [`FlowQueries::queries`].
    pub query: usize,
    /// The action.
    pub action: StatefulDefaultAction,
    /// What happened.
    pub outcome: DefaultOutcome,
}

/// An alert logged by a stateful default action (`aws:alert_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultAlert {
    /// The action that alerted.
    pub action: StatefulDefaultAction,
    /// Where.
    pub stage: Stage,
}

/// The decision of a whole flow with its alerts and the trace that led to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowDecision {
    /// Verdict, deciding rule, stage (`default_action` when a stateful
    /// default action decided; then [`FlowDecision::default`] names it).
    pub decision: Decision,
    /// The stateful default action that decided, if one did.
    pub default: Option<StatefulDefaultAction>,
    /// Alerts as eve alert records (SPEC §6), deduplicated by (group, gid, sid), in
    /// the order first raised.
    pub alerts: Vec<RuleRef>,
    /// Alerts logged by `aws:alert_*` default actions, one per packet.
    pub default_alerts: Vec<DefaultAlert>,
    /// Every rule considered on every query inspected, in decision order.
    pub steps: Vec<Step>,
    /// Every default action considered on every query inspected (strict order).
    pub default_steps: Vec<DefaultStep>,
    /// How many queries were inspected (later ones are skipped once the flow
    /// has a verdict).
    pub inspected: usize,
}

/// Does a matching rule raise an eve alert record (SPEC §6)?
pub fn raises_alert(rule: &Rule) -> bool {
    if rule.meta.noalert {
        return false;
    }
    match action_class(rule.action) {
        Some(RuleAction::Pass) => rule.meta.alert,
        Some(_) => true,
        None => false,
    }
}

/// Is `q` a packet the stateful default action acts on (SEMANTICS §5.6)?
///
/// - `*_strict`: every packet, the TCP handshake included (the handshake-drop
///   trap, SEMANTICS §7.9);
/// - `*_established`: packets of established flows (TCP after the handshake;
///   UDP once both directions were seen, i.e. the reply);
/// - `*_established_app_layer`: the packet that completes the client's
///   app-layer request (the `AppRequest` query) and the server's reply
///   (`AppResponse`): both directions, server banners included; not the
///   segments before the request completes (`AppPartial`: AWS "waits for
///   enough app-layer data ... reassembled multi-packet ClientHello");
/// - `*_established_app_layer_to_server`: the request only, client to server.
///
/// The app-layer variants are taken to act at those stages whether or not an
/// app protocol was detected (UNVERIFIED: what AWS does on a flow whose
/// protocol detection fails is not documented).
pub fn default_applies(action: StatefulDefaultAction, q: &Query) -> bool {
    use StatefulDefaultAction as D;
    match action {
        D::DropStrict | D::AlertStrict => true,
        D::DropEstablished | D::AlertEstablished => q.established,
        D::DropEstablishedAppLayer | D::AlertEstablishedAppLayer => {
            matches!(q.stage, Stage::AppRequest | Stage::AppResponse) && q.established
        }
        D::DropEstablishedAppLayerToServer | D::AlertEstablishedAppLayerToServer => {
            q.stage == Stage::AppRequest && q.established && q.direction == FlowDirection::ToServer
        }
    }
}

/// Decide a whole flow (SPEC §6, SEMANTICS §4.3–§4.4, §5.6).
///
/// Per query, in time order, until the flow has a verdict: the matching rules
/// are processed in [`decision_order`]. Action order: a pass ends processing of
/// the packet, drop/reject mark it and processing goes on. Strict order: the
/// first pass/drop/reject ends processing. A flow-scoped pass/drop/reject sets
/// the flow verdict (first wins, `RuleActionToFlow`); a packet-scoped one acts
/// on that packet only (SEMANTICS §4.4). In strict order, when no rule ended
/// processing of a packet, the alert defaults that name the packet log, then
/// the drop default that names it drops the flow (`default_action`).
pub fn decide_flow(rules: &[Rule], order: &Order, flow: &FlowQueries) -> FlowDecision {
    let sorted = decision_order(rules, order);
    let mut out = FlowDecision {
        decision: Decision::NONE,
        default: None,
        alerts: Vec::new(),
        default_alerts: Vec::new(),
        steps: Vec::new(),
        default_steps: Vec::new(),
        inspected: 0,
    };
    for (qi, q) in flow.queries.iter().enumerate() {
        if out.decision.verdict != Verdict::None {
            break;
        }
        out.inspected += 1;
        let mut packet_dropped = false;
        let mut ended: Option<Outcome> = None;
        for &ri in &sorted {
            let rule = &rules[ri];
            if let Err(why) = rule_matches(rule, q) {
                out.steps.push(Step {
                    query: qi,
                    rule: ri,
                    outcome: Outcome::NoMatch(why),
                });
                continue;
            }
            if let Some(after) = &ended {
                out.steps.push(Step {
                    query: qi,
                    rule: ri,
                    outcome: after.clone(),
                });
                continue;
            }
            let class = action_class(rule.action).unwrap_or(RuleAction::Alert);
            let mut outcome = Outcome::Applied;
            match class {
                RuleAction::Pass => {
                    if packet_dropped {
                        outcome = Outcome::Ignored;
                    } else {
                        if is_flow_scoped(rule) {
                            set_flow_verdict(&mut out.decision, Verdict::Pass, rule, q.stage);
                        }
                        ended = Some(Outcome::AfterPass);
                    }
                }
                RuleAction::Drop | RuleAction::Reject => {
                    packet_dropped = true;
                    if is_flow_scoped(rule) {
                        let v = if class == RuleAction::Drop {
                            Verdict::Drop
                        } else {
                            Verdict::Reject
                        };
                        set_flow_verdict(&mut out.decision, v, rule, q.stage);
                    }
                    if order.strict {
                        ended = Some(Outcome::AfterTerminal);
                    }
                }
                RuleAction::Alert => {}
            }
            if raises_alert(rule) {
                let r = rule_ref(rule);
                if !out
                    .alerts
                    .iter()
                    .any(|a| (a.group, a.gid, a.sid) == (r.group, r.gid, r.sid))
                {
                    out.alerts.push(r);
                }
            }
            out.steps.push(Step {
                query: qi,
                rule: ri,
                outcome,
            });
        }
        if order.strict {
            apply_defaults(&mut out, order, qi, q, ended.is_some());
        }
    }
    out
}

/// The stateful default actions on one packet no rule ended processing of:
/// alerts first (they do not end processing), then the drop.
fn apply_defaults(out: &mut FlowDecision, order: &Order, qi: usize, q: &Query, ruled: bool) {
    let alerts = order.defaults.iter().filter(|a| !a.is_drop());
    let drops = order.defaults.iter().filter(|a| a.is_drop());
    for &action in alerts.chain(drops) {
        let outcome = if ruled || out.decision.verdict != Verdict::None {
            DefaultOutcome::RuleDecided
        } else if !default_applies(action, q) {
            DefaultOutcome::NotThisPacket
        } else {
            if action.is_drop() {
                out.decision = Decision {
                    verdict: Verdict::Drop,
                    rule: None,
                    stage: Some(q.stage),
                    default_action: true,
                };
                out.default = Some(action);
            } else {
                out.default_alerts.push(DefaultAlert {
                    action,
                    stage: q.stage,
                });
            }
            DefaultOutcome::Applied
        };
        out.default_steps.push(DefaultStep {
            query: qi,
            action,
            outcome,
        });
    }
}

/// First flow verdict wins (`RuleActionToFlow`).
fn set_flow_verdict(d: &mut Decision, v: Verdict, rule: &Rule, stage: Stage) {
    if d.verdict == Verdict::None {
        *d = Decision {
            verdict: v,
            rule: Some(rule_ref(rule)),
            stage: Some(stage),
            default_action: false,
        };
    }
}

#[cfg(test)]
mod tests;
