//! The compiler back end (DESIGN "build"): lowers loaded IR rules into the
//! matcher's decision table ([`ferrule_matcher::table`]) in decision order and
//! compiles it into a [`Ruleset`] (literal prefilters + residual checks).
//!
//! What is shared with the reference interpreter and what is not:
//! - *shared* (the definitions of SEMANTICS §4): the decision order
//!   ([`decision_order`], so an order is just a permutation of the table), the
//!   rule classification ([`rule_kind`], [`is_flow_scoped`],
//!   [`rule_direction`]) and who alerts ([`raises_alert`]);
//! - *not shared*: every predicate evaluated per query. Headers become range
//!   tables and bit masks, `ip_proto` / `app-layer-protocol` / `ssl_state`
//!   are resolved here once, buffers are tested by the matcher's own engine
//!   ([`ferrule_matcher::inspect`]) behind Aho-Corasick prefilters. The
//!   differential tests compare the two.
//!
//! Inert and `config` rules never match, so they are left out of the table.
//!
//! AWS strict order ([`Order::strict`]) compiles to a table in the rules'
//! given order with [`Ruleset::new_strict`]: the first pass/drop/reject ends
//! processing of a packet, and the stateful default actions
//! ([`Order::defaults`], mapped to [`DefaultAction`]) apply to the packets no
//! rule ended processing of, as the interpreter's `default_applies` says
//! (`Decision::default_action`; `aws:alert_*` alerts go to
//! [`ferrule_matcher::AlertSink::default_alert`]).
//!
//! ```
//! use ferrule_compiler::build::build;
//! use ferrule_compiler::interp::Order;
//! use ferrule_compiler::load::Loader;
//! use ferrule_compiler::net::Vars;
//! use ferrule_compiler::Dialect;
//! use ferrule_matcher::{AppProto, IpProto, NoAlerts, Query, Verdict};
//!
//! let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
//! loader.add_rules("r", "pass tls any any -> any any (tls.sni; content:\"example.com\"; endswith; sid:1;)\n");
//! let rules: Vec<_> = loader.finish().active_rules().cloned().collect();
//! let rs = build(&rules, &Order::default()).unwrap();
//! let mut q = Query::flow_start(IpProto::Tcp, "10.0.0.5".parse().unwrap(), 40000,
//!                               "93.184.216.34".parse().unwrap(), 443)
//!     .app_request(AppProto::Tls);
//! q.tls_sni = Some(b"www.example.com");
//! assert_eq!(rs.decide(&q, &mut NoAlerts).verdict, Verdict::Pass);
//! ```

use crate::interp::{
    decision_order, is_flow_scoped, raises_alert, rule_direction, rule_kind, rule_ref, Order,
    RuleKind, StatefulDefaultAction,
};
use crate::ir::{
    Action, Buffer, Content, Direction, FlowDirection as IrDir, IntCmp, Match, Protocol, Rule,
    Transform,
};
use ferrule_matcher::inspect::{ContentTest, SizeCmp, Test, TransformOp};
use ferrule_matcher::table::{
    AddrSet, AppLayerPred, AppMask, BufferId, CondSpec, IpProtoPred, PortSet, ProtoPred, RuleSpec,
    StageKind,
};
use ferrule_matcher::{DefaultAction, FlowDirection, Ruleset, RulesetError};
use std::fmt;

/// Why a rule set could not be compiled.
#[derive(Debug, Clone)]
pub enum BuildError {
    /// The matcher refused the table (e.g. an automaton too large).
    Ruleset(RulesetError),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Ruleset(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// Compile `rules` (as loaded) into a [`Ruleset`] deciding in `order`.
pub fn build(rules: &[Rule], order: &Order) -> Result<Ruleset, BuildError> {
    let specs = decision_order(rules, order)
        .into_iter()
        .map(|i| &rules[i])
        .filter(|r| !r.is_inert() && r.action != Action::Config)
        .map(lower_rule)
        .collect();
    if order.strict {
        let defaults: Vec<DefaultAction> =
            order.defaults.iter().map(|&a| default_action(a)).collect();
        Ruleset::new_strict(specs, &defaults).map_err(BuildError::Ruleset)
    } else {
        Ruleset::new(specs).map_err(BuildError::Ruleset)
    }
}

/// The matcher's spelling of a stateful default action.
pub fn default_action(a: StatefulDefaultAction) -> DefaultAction {
    use DefaultAction as D;
    use StatefulDefaultAction as S;
    match a {
        S::DropStrict => D::DropStrict,
        S::DropEstablished => D::DropEstablished,
        S::DropEstablishedAppLayer => D::DropEstablishedAppLayer,
        S::DropEstablishedAppLayerToServer => D::DropEstablishedAppLayerToServer,
        S::AlertStrict => D::AlertStrict,
        S::AlertEstablished => D::AlertEstablished,
        S::AlertEstablishedAppLayer => D::AlertEstablishedAppLayer,
        S::AlertEstablishedAppLayerToServer => D::AlertEstablishedAppLayerToServer,
    }
}

pub(crate) fn lower_rule(rule: &Rule) -> RuleSpec {
    let stage = match rule_kind(rule) {
        RuleKind::IpOnly => StageKind::FlowStartOnly,
        RuleKind::PdOnly | RuleKind::AppLayer | RuleKind::AppTx => StageKind::AppLayer,
        RuleKind::Packet => StageKind::Every,
    };
    RuleSpec {
        rule: rule_ref(rule),
        stage,
        flow_scoped: is_flow_scoped(rule),
        raises_alert: raises_alert(rule),
        proto: proto_pred(&rule.protocol),
        app_proto: rule.app_proto.as_deref().map(|name| match name {
            // Rule::app_proto holds Suricata's print spelling.
            "http_any" => AppMask::from_rule_name("http"),
            "http" => AppMask::from_rule_name("http1"),
            other => AppMask::from_rule_name(other),
        }),
        src: AddrSet {
            v4: rule.src.v4.clone().into(),
            v6: rule.src.v6.clone().into(),
        },
        src_ports: PortSet(rule.src_ports.ranges.clone().into()),
        dst: AddrSet {
            v4: rule.dst.v4.clone().into(),
            v6: rule.dst.v6.clone().into(),
        },
        dst_ports: PortSet(rule.dst_ports.ranges.clone().into()),
        bidirectional: rule.direction == Direction::Both,
        direction: rule_direction(rule).map(|d| match d {
            IrDir::ToServer => FlowDirection::ToServer,
            IrDir::ToClient => FlowDirection::ToClient,
        }),
        established: rule.flow.established,
        stream: rule.flow.stream.filter(|_| rule.flow.stream_matches),
        only_frag: rule.flow.frag == Some(true),
        ip_proto: rule.ip_proto.as_deref().map(ip_proto_pred),
        ssl_state: rule
            .ssl_state
            .iter()
            .map(|s| {
                [
                    s.holds(Some("client_hello")),
                    s.holds(Some("server_hello")),
                    s.holds(None),
                ]
            })
            .collect(),
        app_layer_protocol: rule.app_layer_protocol.as_deref().map(app_layer_pred),
        conditions: rule
            .conditions
            .iter()
            .filter_map(|c| {
                Some(CondSpec {
                    buffer: buffer_id(&c.buffer)?,
                    transforms: c.transforms.iter().filter_map(transform_op).collect(),
                    tests: c.matches.iter().map(lower_test).collect(),
                })
            })
            .collect(),
    }
}

fn proto_pred(p: &Protocol) -> ProtoPred {
    match p {
        Protocol::Ip => ProtoPred::Any,
        Protocol::Ipv4 => ProtoPred::Ipv4,
        Protocol::Ipv6 => ProtoPred::Ipv6,
        Protocol::Tcp | Protocol::TcpPkt | Protocol::TcpStream => ProtoPred::Tcp,
        Protocol::Udp => ProtoPred::Udp,
        Protocol::Icmp => ProtoPred::Icmp,
        Protocol::Icmpv4 => ProtoPred::Icmpv4,
        Protocol::Icmpv6 => ProtoPred::Icmpv6,
        Protocol::Sctp => ProtoPred::Sctp,
        Protocol::App(name) => ProtoPred::App(AppMask::from_rule_name(name)),
    }
}

/// `ip_proto:[!<>]value`, a number or a common name.
fn ip_proto_pred(value: &str) -> IpProtoPred {
    let v = value.trim();
    let (op, rest) = match v.as_bytes().first() {
        Some(b'!') => ('!', &v[1..]),
        Some(b'<') => ('<', &v[1..]),
        Some(b'>') => ('>', &v[1..]),
        _ => ('=', v),
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
            _ => return IpProtoPred::Never,
        },
    };
    match op {
        '!' => IpProtoPred::Ne(n),
        '<' => IpProtoPred::Lt(n),
        '>' => IpProtoPred::Gt(n),
        _ => IpProtoPred::Eq(n),
    }
}

/// `app-layer-protocol:[!]proto[,mode]`.
fn app_layer_pred(value: &str) -> (AppLayerPred, bool) {
    let v = value.trim();
    let (negated, rest) = match v.strip_prefix('!') {
        Some(r) => (true, r.trim()),
        None => (false, v),
    };
    let name = rest.split(',').next().unwrap_or("").trim();
    let p = match name {
        "unknown" => AppLayerPred::Unknown,
        "failed" => AppLayerPred::Failed,
        n => AppLayerPred::Proto(AppMask::from_rule_name(n)),
    };
    (p, negated)
}

fn buffer_id(b: &Buffer) -> Option<BufferId> {
    Some(match b {
        Buffer::TlsSni => BufferId::TlsSni,
        Buffer::HttpHost => BufferId::HttpHost,
        Buffer::HttpHostRaw => BufferId::HttpHostRaw,
        Buffer::HttpHeaderNames => BufferId::HttpHeaderNames,
        Buffer::DnsQuery => BufferId::DnsQuery,
        Buffer::QuicSni => BufferId::QuicSni,
        // Inert: never reaches the table.
        Buffer::Payload | Buffer::Other(_) => return None,
    })
}

fn transform_op(t: &Transform) -> Option<TransformOp> {
    Some(match t {
        Transform::DotPrefix => TransformOp::DotPrefix,
        Transform::ToLowercase => TransformOp::ToLowercase,
        Transform::ToUppercase => TransformOp::ToUppercase,
        Transform::StripWhitespace => TransformOp::StripWhitespace,
        Transform::CompressWhitespace => TransformOp::CompressWhitespace,
        Transform::Domain => TransformOp::Domain,
        Transform::Tld => TransformOp::Tld,
        Transform::Other(..) => return None,
    })
}

fn lower_test(m: &Match) -> Test {
    match m {
        Match::Content(c) => Test::Content(lower_content(c)),
        Match::IsDataAt {
            negated,
            offset,
            relative,
            ..
        } => Test::IsDataAt {
            negated: *negated,
            offset: *offset,
            relative: *relative,
        },
        Match::Bsize(cmp, _) => Test::Bsize(match *cmp {
            IntCmp::Eq(n) => SizeCmp::Eq(n),
            IntCmp::Ne(n) => SizeCmp::Ne(n),
            IntCmp::Lt(n) => SizeCmp::Lt(n),
            IntCmp::Le(n) => SizeCmp::Le(n),
            IntCmp::Gt(n) => SizeCmp::Gt(n),
            IntCmp::Ge(n) => SizeCmp::Ge(n),
            IntCmp::Range(a, b) => SizeCmp::Range(a, b),
            IntCmp::NotRange(a, b) => SizeCmp::NotRange(a, b),
        }),
        Match::Pcre {
            pattern,
            flags,
            negated,
            final_newline,
            ..
        } => match crate::lower::pcre::compile(pattern, flags) {
            Some(regex) => Test::Pcre {
                regex,
                anchored: flags.contains('A'),
                negated: *negated,
                final_newline: *final_newline,
            },
            None => Test::Fail,
        },
        // Inert: never reaches the table.
        Match::Other { .. } => Test::Fail,
    }
}

fn lower_content(c: &Content) -> ContentTest {
    ContentTest {
        pattern: c.pattern.clone().into(),
        negated: c.negated,
        nocase: c.nocase,
        startswith: c.startswith,
        endswith: c.endswith,
        offset: c.offset,
        depth: c.depth,
        distance: c.distance,
        within: c.within,
    }
}

#[cfg(test)]
mod tests;
