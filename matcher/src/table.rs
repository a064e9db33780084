//! The compiled rule table: what the compiler's `build` hands to
//! [`Ruleset::new`](crate::Ruleset::new). Plain data, one [`RuleSpec`] per rule
//! that can ever match, **in decision order** (the order is a permutation chosen
//! by the compiler: Suricata's action order, or any other).

use crate::inspect::{Test, TransformOp};
use crate::{AppProto, FlowDirection, Query, RuleRef, Stage};
use std::net::IpAddr;

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
    /// App-layer rules: every stage after `FlowStart` (`AppRequest`,
    /// `AppResponse`).
    AppLayer,
    /// Packet rules: every stage.
    Every,
}

impl StageKind {
    /// Inspected at `stage`?
    #[inline]
    pub fn at(&self, stage: Stage) -> bool {
        match self {
            StageKind::FlowStartOnly => stage == Stage::FlowStart,
            StageKind::AppLayer => stage != Stage::FlowStart,
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

    /// The buffer's further instances in `q` (a multi-buffer's; only
    /// `dns.query` has them: [`Query::dns_query_more`]).
    #[inline]
    pub fn more<'a>(&self, q: &Query<'a>) -> &'a [&'a [u8]] {
        match self {
            BufferId::DnsQuery => q.dns_query_more,
            _ => &[],
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
    /// `flow:only_stream` (true) / `no_stream` (false) as Suricata 7 matches
    /// them: `only_stream` needs a stream content match, which no query
    /// has (never holds); `no_stream` always holds. `None` for Suricata 8,
    /// where they are no match.
    pub stream: Option<bool>,
    /// `flow:only_frag`: no packet of the query model is a fragment.
    pub only_frag: bool,
    /// `ip_proto`.
    pub ip_proto: Option<IpProtoPred>,
    /// `ssl_state` keywords: whether each holds on a packet carrying a
    /// ClientHello, a ServerHello, or neither (indexed by
    /// [`TlsHello`](crate::TlsHello)); each must hold.
    pub ssl_state: Box<[[bool; 3]]>,
    /// `app-layer-protocol`: (predicate, negated).
    pub app_layer_protocol: Option<(AppLayerPred, bool)>,
    /// Buffer conditions.
    pub conditions: Box<[CondSpec]>,
}

impl RuleSpec {
    /// The query features ([`features`]) the rule admits: a query whose
    /// [`features::of`] has a bit outside this mask never matches the rule,
    /// whatever its addresses and buffers.
    pub fn admitted_features(&self) -> u32 {
        self.head().allowed
    }

    /// The shared part of the rule (everything but `rule` and `conditions`),
    /// its enumerable predicates folded into one feature mask.
    pub(crate) fn head(&self) -> Head {
        use features::*;
        let mut allowed = ALL;
        let mut keep = |group: u32, ok: u32| allowed &= !group | ok;
        match self.proto {
            ProtoPred::Any => {}
            ProtoPred::Ipv4 => keep(FAMILY, V4),
            ProtoPred::Ipv6 => keep(FAMILY, V6),
            ProtoPred::Tcp => keep(PROTO, TCP),
            ProtoPred::Udp => keep(PROTO, UDP),
            ProtoPred::Icmp => keep(PROTO, ICMP),
            ProtoPred::Icmpv4 => {
                keep(PROTO, ICMP);
                keep(FAMILY, V4);
            }
            ProtoPred::Icmpv6 => {
                keep(PROTO, ICMP);
                keep(FAMILY, V6);
            }
            ProtoPred::Sctp => keep(PROTO, SCTP),
            ProtoPred::App(m) => keep(APP, app_bits(m)),
        }
        if let Some(m) = self.app_proto {
            keep(APP, app_bits(m));
        }
        if let Some(d) = self.direction {
            keep(
                DIRECTION,
                match d {
                    FlowDirection::ToServer => TO_SERVER,
                    FlowDirection::ToClient => TO_CLIENT,
                },
            );
        }
        if let Some(est) = self.established {
            keep(ESTABLISHED, if est { EST } else { NOT_EST });
        }
        if self.stream == Some(true) {
            keep(STAGE, 0);
        }
        if self.only_frag {
            keep(STAGE, 0);
        }
        for holds in self.ssl_state.iter() {
            let bits = [IS_HELLO, SERVER_HELLO, NOT_HELLO];
            keep(
                HELLO,
                (0..3).filter(|&i| holds[i]).fold(0, |m, i| m | bits[i]),
            );
        }
        if let Some((p, negated)) = self.app_layer_protocol {
            let set = match p {
                AppLayerPred::Unknown => APP_NONE,
                AppLayerPred::Failed => 0,
                AppLayerPred::Proto(m) => app_bits(m),
            };
            keep(APP, if negated { APP & !set } else { set });
        }
        Head {
            stage: self.stage,
            flow_scoped: self.flow_scoped,
            raises_alert: self.raises_alert,
            allowed,
            src: self.src.clone(),
            src_ports: self.src_ports.clone(),
            dst: self.dst.clone(),
            dst_ports: self.dst_ports.clone(),
            bidirectional: self.bidirectional,
            ip_proto: self.ip_proto,
            any: [
                self.src.is_all(),
                self.src_ports.is_all(),
                self.dst.is_all(),
                self.dst_ports.is_all(),
            ],
            src4: V4Ranges::of(&self.src.v4),
            dst4: V4Ranges::of(&self.dst.v4),
        }
    }
}

/// One-hot features of a query, one group per enumerable field: a rule's
/// protocol, app-protocol, direction, `flow`, `ssl_state` and
/// `app-layer-protocol` predicates are each a set of allowed values per
/// group, so all of them together are one mask (`Head::allowed`), and a
/// query passes them all iff it has no feature outside the mask: one AND
/// instead of a dozen branches per candidate rule.
///
/// A rule admits a set of values per group
/// ([`RuleSpec::admitted_features`](crate::table::RuleSpec::admitted_features)).
#[allow(missing_docs)]
pub mod features {
    use crate::{AppProto, FlowDirection, IpProto, Query, TlsHello};

    /// App protocol: none, then one bit per [`AppProto`] (`app_slot` order).
    pub const APP_NONE: u32 = 1;
    /// All app-protocol bits.
    pub const APP: u32 = 0x7f;
    pub const V4: u32 = 1 << 7;
    pub const V6: u32 = 1 << 8;
    pub const FAMILY: u32 = V4 | V6;
    pub const TCP: u32 = 1 << 9;
    pub const UDP: u32 = 1 << 10;
    pub const ICMP: u32 = 1 << 11;
    pub const SCTP: u32 = 1 << 12;
    pub const OTHER_PROTO: u32 = 1 << 13;
    pub const PROTO: u32 = TCP | UDP | ICMP | SCTP | OTHER_PROTO;
    pub const TO_SERVER: u32 = 1 << 14;
    pub const TO_CLIENT: u32 = 1 << 15;
    pub const DIRECTION: u32 = TO_SERVER | TO_CLIENT;
    pub const NOT_EST: u32 = 1 << 16;
    pub const EST: u32 = 1 << 17;
    pub const ESTABLISHED: u32 = NOT_EST | EST;
    pub const FLOW_START: u32 = 1 << 18;
    /// A packet after the direction's first: `AppRequest`, `AppResponse` or
    /// `AppPartial` (rules tell these apart by direction and hello, not by
    /// stage).
    pub const APP_REQUEST: u32 = 1 << 19;
    pub const STAGE: u32 = FLOW_START | APP_REQUEST;
    /// The TLS handshake message of the packet, as `ssl_state` sees it
    /// ([`TlsHello`]): neither hello, the client's, the
    /// server's.
    pub const NOT_HELLO: u32 = 1 << 20;
    pub const IS_HELLO: u32 = 1 << 21;
    pub const SERVER_HELLO: u32 = 1 << 22;
    pub const HELLO: u32 = NOT_HELLO | IS_HELLO | SERVER_HELLO;
    pub const ALL: u32 = APP | FAMILY | PROTO | DIRECTION | ESTABLISHED | STAGE | HELLO;

    /// The app-protocol bit of a query's app protocol.
    #[inline]
    pub fn app_bit(app: Option<AppProto>) -> u32 {
        1 << crate::ruleset::app_slot(app)
    }

    /// The direction, stage and hello bits of a query, by its stage
    /// (discriminant), direction (to_server) and whether its app protocol
    /// is TLS: [`Query::tls_hello`] as a table. Why: computing the three
    /// with comparisons and a `match` cost ~10 instructions a decision more
    /// on the allow-list bench than the two stages did (callgrind: 390
    /// against 380); the table costs none.
    ///
    /// Sixteen entries, four stages, and a masked index: a fifth stage can
    /// never index past the table on the hot path (the `const` assertion
    /// below makes the table be revisited instead).
    const MOMENT: [u32; 16] = {
        let mut t = [0u32; 16];
        let mut i = 0;
        while i < 16 {
            let (stage, to_server, tls) = (i >> 2, i & 2 != 0, i & 1 != 0);
            let hello = match (stage, to_server, tls) {
                (1, true, true) => IS_HELLO,
                (2, false, true) => SERVER_HELLO,
                _ => NOT_HELLO,
            };
            t[i] = hello
                | if to_server { TO_SERVER } else { TO_CLIENT }
                | if stage == 0 { FLOW_START } else { APP_REQUEST };
            i += 1;
        }
        t
    };

    const _: () = assert!(
        crate::Stage::AppResponse as usize == 2 && crate::Stage::AppPartial as usize == 3,
        "MOMENT covers four stages"
    );

    /// The features of `q`: exactly one bit per group.
    #[inline]
    pub fn of(q: &Query) -> u32 {
        let v6 = q.is_ipv6();
        let proto = match q.proto {
            IpProto::Tcp => TCP,
            IpProto::Udp => UDP,
            IpProto::Icmp => ICMP,
            IpProto::Other(132) => SCTP,
            IpProto::Other(_) => OTHER_PROTO,
        };
        let to_server = q.direction == FlowDirection::ToServer;
        let tls = matches!(q.app_proto, Some(AppProto::Tls));
        let moment =
            MOMENT[((q.stage as usize) << 2 | (to_server as usize) << 1 | tls as usize) & 15];
        debug_assert_eq!(
            moment & HELLO,
            match q.tls_hello() {
                TlsHello::None => NOT_HELLO,
                TlsHello::Client => IS_HELLO,
                TlsHello::Server => SERVER_HELLO,
            }
        );
        app_bit(q.app_proto)
            | if v6 { V6 } else { V4 }
            | proto
            | if q.established { EST } else { NOT_EST }
            | moment
    }
}

/// The app-protocol feature bits of a mask (no app protocol is never in it).
fn app_bits(m: AppMask) -> u32 {
    crate::ruleset::APPS
        .iter()
        .filter(|a| m.has(**a))
        .fold(0, |bits, a| bits | features::app_bit(*a))
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
    /// The query features the rule admits ([`features`]).
    allowed: u32,
    src: AddrSet,
    src_ports: PortSet,
    dst: AddrSet,
    dst_ports: PortSet,
    bidirectional: bool,
    ip_proto: Option<IpProtoPred>,
    /// src, src ports, dst, dst ports cover everything (`any`): no lookup.
    any: [bool; 4],
    /// The IPv4 part of `src` / `dst` inline, when it has 1-4 ranges.
    src4: Option<V4Ranges>,
    dst4: Option<V4Ranges>,
}

/// Up to four IPv4 ranges inline, as (start, length - 1), tested without a
/// loop or a branch per range. Why: `$HOME_NET` and its negation, the
/// addresses of nearly every rule, have 3 and 4 ranges; on the allow-list
/// bench the inline test has 4 more instructions than the loop over the
/// boxed ranges (381 against 377 per decision) yet was faster in each of
/// two series of 12-16 alternating rounds (fastest 24.8 against 27.1 ns,
/// medians 36.9 against 39.8 ns in a noisy stretch; BENCHMARKS.md decide).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct V4Ranges([(u32, u32); 4]);

impl V4Ranges {
    /// The inline form of `ranges`, if they are 1-4 (unused slots repeat the
    /// first range, which changes no answer).
    fn of(ranges: &[(u32, u32)]) -> Option<V4Ranges> {
        let first = *ranges.first()?;
        if ranges.len() > 4 {
            return None;
        }
        let mut r = [(first.0, first.1 - first.0); 4];
        for (slot, &(lo, hi)) in r.iter_mut().zip(ranges) {
            *slot = (lo, hi - lo);
        }
        Some(V4Ranges(r))
    }

    #[inline(always)]
    fn contains(&self, v: u32) -> bool {
        let [a, b, c, d] = self.0;
        let inr = |(lo, span): (u32, u32)| v.wrapping_sub(lo) <= span;
        inr(a) | inr(b) | inr(c) | inr(d)
    }
}

/// `v4` (its inline form, when there is one) or `set`.
#[inline(always)]
fn addr_in(set: &AddrSet, v4: &Option<V4Ranges>, ip: &IpAddr) -> bool {
    match (ip, v4) {
        (IpAddr::V4(a), Some(r)) => r.contains(u32::from(*a)),
        _ => set.contains(*ip),
    }
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
    /// The app-protocol feature bits the rule admits ([`features::app_bit`]):
    /// it can match no query of another app protocol.
    pub(crate) fn app_bits(&self) -> u32 {
        self.allowed & features::APP
    }

    /// Everything but the buffer conditions (and the stage); `feat` is
    /// [`features::of`] the query.
    #[inline(always)]
    pub(crate) fn holds(&self, q: &Query, feat: u32) -> bool {
        if feat & !self.allowed != 0 {
            return false;
        }
        let header = self.one_way(&q.src, q.src_port, &q.dst, q.dst_port)
            || (self.bidirectional && self.one_way(&q.dst, q.dst_port, &q.src, q.src_port));
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
        true
    }

    #[inline(always)]
    fn one_way(&self, src: &IpAddr, sp: u16, dst: &IpAddr, dp: u16) -> bool {
        let [src_any, sp_any, dst_any, dp_any] = self.any;
        (src_any || addr_in(&self.src, &self.src4, src))
            && (sp_any || self.src_ports.contains(sp))
            && (dst_any || addr_in(&self.dst, &self.dst4, dst))
            && (dp_any || self.dst_ports.contains(dp))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The feature table gives the stage, direction and hello bits
    /// [`Query::tls_hello`] and the stage say, one bit per group, for every
    /// stage, direction and app protocol.
    #[test]
    fn query_features_follow_stage_direction_and_hello() {
        use crate::{IpProto, TlsHello};
        use features::*;
        let base = Query::flow_start(
            IpProto::Tcp,
            "10.0.0.5".parse().unwrap(),
            40000,
            "93.184.216.34".parse().unwrap(),
            443,
        );
        let apps = [
            None,
            Some(AppProto::Tls),
            Some(AppProto::Http1),
            Some(AppProto::Dns),
        ];
        for stage in [
            Stage::FlowStart,
            Stage::AppRequest,
            Stage::AppResponse,
            Stage::AppPartial,
        ] {
            for dir in [FlowDirection::ToServer, FlowDirection::ToClient] {
                for app in apps {
                    let q = Query {
                        stage,
                        direction: dir,
                        app_proto: app,
                        ..base
                    };
                    let f = features::of(&q);
                    let hello = match q.tls_hello() {
                        TlsHello::Client => IS_HELLO,
                        TlsHello::Server => SERVER_HELLO,
                        TlsHello::None => NOT_HELLO,
                    };
                    let st = if stage == Stage::FlowStart {
                        FLOW_START
                    } else {
                        APP_REQUEST
                    };
                    let d = if dir == FlowDirection::ToServer {
                        TO_SERVER
                    } else {
                        TO_CLIENT
                    };
                    assert_eq!(f & HELLO, hello, "{stage:?} {dir:?} {app:?}");
                    assert_eq!(f & STAGE, st, "{stage:?} {dir:?} {app:?}");
                    assert_eq!(f & DIRECTION, d, "{stage:?} {dir:?} {app:?}");
                    let tls_hello = app == Some(AppProto::Tls)
                        && matches!(
                            (stage, dir),
                            (Stage::AppRequest, FlowDirection::ToServer)
                                | (Stage::AppResponse, FlowDirection::ToClient)
                        );
                    assert_eq!(hello != NOT_HELLO, tls_hello);
                }
            }
        }
    }

    /// The inline form answers as the ranges do, for 1-4 ranges (and there
    /// is none for 0 or 5), at every range edge and between them.
    #[test]
    fn inline_v4_ranges_agree_with_the_ranges() {
        let sets: &[&[(u32, u32)]] = &[
            &[],
            &[(0, u32::MAX)],
            &[(10 << 24, (11 << 24) - 1)],
            &[(5, 5), (7, 9)],
            &[(0, 9), (11, 100), (200, 300)],
            &[
                (0, 0x09ff_ffff),
                (0x0b00_0000, 0xac0f_ffff),
                (0xac20_0000, 0xc0a7_ffff),
                (0xc0a9_0000, u32::MAX),
            ],
            &[(1, 1), (3, 3), (5, 5), (7, 7), (9, 9)],
        ];
        for ranges in sets {
            let inline = V4Ranges::of(ranges);
            assert_eq!(
                inline.is_some(),
                (1..=4).contains(&ranges.len()),
                "{ranges:?}"
            );
            let Some(inline) = inline else { continue };
            let mut probes = vec![0, 1, u32::MAX, u32::MAX - 1, 0x5db8_d822];
            for &(lo, hi) in ranges.iter() {
                probes.extend([
                    lo.wrapping_sub(1),
                    lo,
                    lo.wrapping_add(1),
                    hi.wrapping_sub(1),
                    hi,
                    hi.wrapping_add(1),
                ]);
            }
            for v in probes {
                assert_eq!(
                    inline.contains(v),
                    in_ranges(ranges, v),
                    "{ranges:?} {v:#x}"
                );
            }
        }
    }
}
