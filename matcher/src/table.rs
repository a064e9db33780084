//! The compiled rule table: what the compiler's `build` hands to
//! [`Ruleset::new`](crate::Ruleset::new). Plain data, one [`RuleSpec`] per rule
//! that can ever match, **in decision order** (the order is a permutation chosen
//! by the compiler: Suricata's action order, or any other).

use crate::inspect::{Test, TransformOp};
use crate::{AppProto, FlowDirection, IpProto, Query, RuleRef, Stage};
use std::net::IpAddr;

/// `Option<AppMask>` as a predicate on the flow's app protocol.
trait OptMask {
    fn is_none_or_has(&self, app: Option<AppProto>) -> bool;
}

impl OptMask for Option<AppMask> {
    fn is_none_or_has(&self, app: Option<AppProto>) -> bool {
        match self {
            None => true,
            Some(m) => m.has(app),
        }
    }
}

/// A set of app-layer protocols, one bit per [`AppProto`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AppMask(pub u8);

impl AppMask {
    /// The bit of one protocol.
    pub const fn bit(a: AppProto) -> u8 {
        match a {
            AppProto::Tls => 1,
            AppProto::Http1 => 2,
            AppProto::Http2 => 4,
            AppProto::Dns => 8,
            AppProto::Quic => 16,
            AppProto::Other => 32,
        }
    }

    /// The protocols a rule protocol name (Suricata spelling) selects, as
    /// [`AppProto::is_selected_by`]: `http` is HTTP/1 or HTTP/2; an unknown
    /// name selects nothing.
    pub fn from_rule_name(name: &str) -> AppMask {
        let all = [
            AppProto::Tls,
            AppProto::Http1,
            AppProto::Http2,
            AppProto::Dns,
            AppProto::Quic,
            AppProto::Other,
        ];
        AppMask(
            all.iter()
                .filter(|a| a.is_selected_by(name))
                .fold(0, |m, a| m | Self::bit(*a)),
        )
    }

    /// Does the flow's app protocol (if any) fall in the set?
    #[inline]
    pub fn has(&self, a: Option<AppProto>) -> bool {
        a.is_some_and(|a| self.0 & Self::bit(a) != 0)
    }
}

/// The protocol field as a predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProtoPred {
    /// `ip`: anything.
    Any,
    /// `ipv4`: IPv4 flows.
    Ipv4,
    /// `ipv6`: IPv6 flows.
    Ipv6,
    /// `tcp`, `tcp-pkt`, `tcp-stream`.
    Tcp,
    /// `udp`.
    Udp,
    /// `icmp` (both families).
    Icmp,
    /// `icmpv4`.
    Icmpv4,
    /// `icmpv6`.
    Icmpv6,
    /// `sctp` (132).
    Sctp,
    /// An app-layer protocol field.
    App(AppMask),
}

impl ProtoPred {
    #[inline]
    fn holds(&self, q: &Query) -> bool {
        let v6 = q.is_ipv6();
        match *self {
            ProtoPred::Any => true,
            ProtoPred::Ipv4 => !v6,
            ProtoPred::Ipv6 => v6,
            ProtoPred::Tcp => q.proto == IpProto::Tcp,
            ProtoPred::Udp => q.proto == IpProto::Udp,
            ProtoPred::Icmp => q.proto == IpProto::Icmp,
            ProtoPred::Icmpv4 => q.proto == IpProto::Icmp && !v6,
            ProtoPred::Icmpv6 => q.proto == IpProto::Icmp && v6,
            ProtoPred::Sctp => q.proto == IpProto::Other(132),
            ProtoPred::App(m) => m.has(q.app_proto),
        }
    }
}

/// Addresses as sorted, merged, inclusive ranges per family; looked up by
/// binary search.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AddrSet {
    /// IPv4 ranges, sorted, disjoint.
    pub v4: Box<[(u32, u32)]>,
    /// IPv6 ranges, sorted, disjoint.
    pub v6: Box<[(u128, u128)]>,
}

#[inline]
fn in_ranges<T: Ord + Copy>(ranges: &[(T, T)], v: T) -> bool {
    // Typical sets (`any`, `$HOME_NET`, its negation) have a handful of
    // ranges: a scan beats the branchy binary search there.
    if ranges.len() <= 8 {
        return ranges.iter().any(|&(lo, hi)| lo <= v && v <= hi);
    }
    // First range whose end is >= v.
    let i = ranges.partition_point(|&(_, hi)| hi < v);
    i < ranges.len() && ranges[i].0 <= v
}

impl AddrSet {
    /// Membership, in the address's own family.
    #[inline]
    pub fn contains(&self, ip: IpAddr) -> bool {
        match ip {
            IpAddr::V4(a) => in_ranges(&self.v4, u32::from(a)),
            IpAddr::V6(a) => in_ranges(&self.v6, u128::from(a)),
        }
    }
}

/// Ports as sorted, disjoint, inclusive ranges.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct PortSet(pub Box<[(u16, u16)]>);

impl PortSet {
    /// Membership.
    #[inline]
    pub fn contains(&self, p: u16) -> bool {
        in_ranges(&self.0, p)
    }
}

/// `ip_proto`, resolved to a number at build time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IpProtoPred {
    /// `n`
    Eq(u8),
    /// `!n`
    Ne(u8),
    /// `<n`
    Lt(u8),
    /// `>n`
    Gt(u8),
    /// A value that could not be read: never holds.
    Never,
}

/// `app-layer-protocol`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppLayerPred {
    /// `unknown`: no app protocol detected.
    Unknown,
    /// `failed`: never, in the query model.
    Failed,
    /// A protocol name.
    Proto(AppMask),
}

/// Which stages a rule is inspected at, and whether its header may be matched
/// on the first packet (SEMANTICS §4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StageKind {
    /// IP-only: `FlowStart` only.
    FlowStartOnly,
    /// App-layer rules: `AppRequest` only.
    AppRequestOnly,
    /// Packet rules: every stage.
    Every,
}

impl StageKind {
    /// Inspected at `stage`?
    #[inline]
    pub fn at(&self, stage: Stage) -> bool {
        match self {
            StageKind::FlowStartOnly => stage == Stage::FlowStart,
            StageKind::AppRequestOnly => stage == Stage::AppRequest,
            StageKind::Every => true,
        }
    }
}

/// A buffer of the query model (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BufferId {
    /// `tls.sni`
    TlsSni,
    /// `http.host`
    HttpHost,
    /// `http.host.raw`
    HttpHostRaw,
    /// `http.header_names`
    HttpHeaderNames,
    /// `dns.query`
    DnsQuery,
    /// `quic.sni`
    QuicSni,
}

impl BufferId {
    /// The buffer's bytes in `q`, if present.
    #[inline]
    pub fn of<'a>(&self, q: &Query<'a>) -> Option<&'a [u8]> {
        match self {
            BufferId::TlsSni => q.tls_sni,
            BufferId::HttpHost => q.http_host,
            BufferId::HttpHostRaw => q.http_host_raw,
            BufferId::HttpHeaderNames => q.http_header_names,
            BufferId::DnsQuery => q.dns_query,
            BufferId::QuicSni => q.quic_sni,
        }
    }
}

/// The tests on one buffer after its transforms.
#[derive(Debug, Clone)]
pub struct CondSpec {
    /// Which buffer (absent from the query: the rule does not match).
    pub buffer: BufferId,
    /// Transforms, in order.
    pub transforms: Box<[TransformOp]>,
    /// Tests, in order.
    pub tests: Box<[Test]>,
}

/// One rule as the decision table holds it: header predicates first (cheap),
/// then the residual buffer checks.
#[derive(Debug, Clone)]
pub struct RuleSpec {
    /// Names the rule in decisions and alerts (carries the action class).
    pub rule: RuleRef,
    /// Stages the rule is inspected at.
    pub stage: StageKind,
    /// Does a pass/drop/reject set the flow verdict (else only the packet)?
    pub flow_scoped: bool,
    /// Does a match raise an eve alert record (SPEC §6)?
    pub raises_alert: bool,
    /// Protocol field.
    pub proto: ProtoPred,
    /// App protocol the rule is bound to (from buffers or the header, print
    /// spelling resolved): the flow's must be in the set.
    pub app_proto: Option<AppMask>,
    /// Source addresses.
    pub src: AddrSet,
    /// Source ports.
    pub src_ports: PortSet,
    /// Destination addresses.
    pub dst: AddrSet,
    /// Destination ports.
    pub dst_ports: PortSet,
    /// `<>`: the header also matches the other way round.
    pub bidirectional: bool,
    /// Direction required (`flow:to_server`, implied by a to-server buffer).
    pub direction: Option<FlowDirection>,
    /// `flow:established` (true) / `not_established` (false).
    pub established: Option<bool>,
    /// `flow:only_stream` (true) / `no_stream` (false).
    pub stream: Option<bool>,
    /// `flow:only_frag`: no packet of the query model is a fragment.
    pub only_frag: bool,
    /// `ip_proto`.
    pub ip_proto: Option<IpProtoPred>,
    /// `ssl_state` items: (negated, the item lists `client_hello`).
    pub ssl_state: Box<[(bool, bool)]>,
    /// `app-layer-protocol`: (predicate, negated).
    pub app_layer_protocol: Option<(AppLayerPred, bool)>,
    /// Buffer conditions.
    pub conditions: Box<[CondSpec]>,
}

impl RuleSpec {
    /// The shared part of the rule (everything but `rule` and `conditions`).
    pub(crate) fn head(&self) -> Head {
        Head {
            stage: self.stage,
            flow_scoped: self.flow_scoped,
            raises_alert: self.raises_alert,
            proto: self.proto,
            app_proto: self.app_proto,
            src: self.src.clone(),
            src_ports: self.src_ports.clone(),
            dst: self.dst.clone(),
            dst_ports: self.dst_ports.clone(),
            bidirectional: self.bidirectional,
            direction: self.direction,
            established: self.established,
            stream: self.stream,
            only_frag: self.only_frag,
            ip_proto: self.ip_proto,
            ssl_state: self.ssl_state.clone(),
            app_layer_protocol: self.app_layer_protocol,
            any: [
                self.src.is_all(),
                self.src_ports.is_all(),
                self.dst.is_all(),
                self.dst_ports.is_all(),
            ],
        }
    }
}

/// What many rules share: a [`RuleSpec`] without its rule reference and its
/// buffer conditions. The [`Ruleset`](crate::Ruleset) stores each distinct
/// head once (an AWS domain list of a million names has two), so a rule costs
/// a few words, not the hundreds of bytes of its address and port tables.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Head {
    pub(crate) stage: StageKind,
    pub(crate) flow_scoped: bool,
    pub(crate) raises_alert: bool,
    proto: ProtoPred,
    app_proto: Option<AppMask>,
    src: AddrSet,
    src_ports: PortSet,
    dst: AddrSet,
    dst_ports: PortSet,
    bidirectional: bool,
    direction: Option<FlowDirection>,
    established: Option<bool>,
    stream: Option<bool>,
    only_frag: bool,
    ip_proto: Option<IpProtoPred>,
    ssl_state: Box<[(bool, bool)]>,
    app_layer_protocol: Option<(AppLayerPred, bool)>,
    /// src, src ports, dst, dst ports cover everything (`any`): no lookup.
    any: [bool; 4],
}

impl AddrSet {
    fn is_all(&self) -> bool {
        *self.v4 == [(0, u32::MAX)] && *self.v6 == [(0, u128::MAX)]
    }
}

impl PortSet {
    fn is_all(&self) -> bool {
        *self.0 == [(0, u16::MAX)]
    }
}

impl Head {
    /// Can the rule match a query of this app protocol at all (protocol
    /// field, app-layer buffers)? Used to split the rules inspected on every
    /// query by app protocol.
    pub(crate) fn admits_app(&self, app: Option<AppProto>) -> bool {
        if let ProtoPred::App(m) = self.proto {
            if !m.has(app) {
                return false;
            }
        }
        self.app_proto.is_none_or_has(app)
    }

    /// Everything but the buffer conditions (and the stage). Cheap, selective
    /// tests first; all are conjuncts, so the order changes nothing else.
    #[inline]
    pub(crate) fn holds(&self, q: &Query) -> bool {
        if !self.proto.holds(q) {
            return false;
        }
        if let Some(m) = self.app_proto {
            if !m.has(q.app_proto) {
                return false;
            }
        }
        if let Some(d) = self.direction {
            if q.direction != d {
                return false;
            }
        }
        if let Some(est) = self.established {
            if q.established != est {
                return false;
            }
        }
        if let Some(stream) = self.stream {
            if stream != (q.stage == Stage::AppRequest) {
                return false;
            }
        }
        if self.only_frag {
            return false;
        }
        let header = self.one_way(q.src, q.src_port, q.dst, q.dst_port)
            || (self.bidirectional && self.one_way(q.dst, q.dst_port, q.src, q.src_port));
        if !header {
            return false;
        }
        if let Some(p) = self.ip_proto {
            let n = q.proto.number_for(q.is_ipv6());
            let ok = match p {
                IpProtoPred::Eq(v) => n == v,
                IpProtoPred::Ne(v) => n != v,
                IpProtoPred::Lt(v) => n < v,
                IpProtoPred::Gt(v) => n > v,
                IpProtoPred::Never => false,
            };
            if !ok {
                return false;
            }
        }
        if !self.ssl_state.is_empty() {
            let hello = q.stage == Stage::AppRequest
                && q.app_proto == Some(AppProto::Tls)
                && q.direction == FlowDirection::ToServer;
            for &(negated, client_hello) in self.ssl_state.iter() {
                if (client_hello && hello) == negated {
                    return false;
                }
            }
        }
        if let Some((p, negated)) = self.app_layer_protocol {
            let holds = match p {
                AppLayerPred::Unknown => q.app_proto.is_none(),
                AppLayerPred::Failed => false,
                AppLayerPred::Proto(m) => m.has(q.app_proto),
            };
            if holds == negated {
                return false;
            }
        }
        true
    }

    #[inline]
    fn one_way(&self, src: IpAddr, sp: u16, dst: IpAddr, dp: u16) -> bool {
        let [src_any, sp_any, dst_any, dp_any] = self.any;
        (src_any || self.src.contains(src))
            && (sp_any || self.src_ports.contains(sp))
            && (dst_any || self.dst.contains(dst))
            && (dp_any || self.dst_ports.contains(dp))
    }
}
