//! The decision model the shadowing and handshake lints reason about: every
//! rule that can match, lowered exactly as the matcher sees it
//! ([`RuleSpec`], via the back end's `lower_rule`), in decision order, with
//! the set operations the proofs need (containment and intersection of
//! address and port ranges, feature masks).
//!
//! Using the compiled form rather than the IR keeps the lints honest: they
//! reason about the predicates the `Ruleset` evaluates, and the differential
//! tests keep those equal to the reference interpreter.

use super::LintContext;
use crate::build::lower_rule;
use crate::interp::decision_order;
use crate::ir::{Action, Rule};
use ferrule_matcher::table::{features, AddrSet, PortSet, RuleSpec, StageKind};
use ferrule_matcher::RuleAction;

/// One rule of the model.
pub(crate) struct Entry<'a> {
    /// The IR rule (spans, text, sid).
    pub rule: &'a Rule,
    /// The compiled rule.
    pub spec: RuleSpec,
    /// [`RuleSpec::admitted_features`].
    pub allowed: u32,
    /// The [`realizable`] feature combinations the rule admits, one bit each.
    pub combos: u128,
}

/// The feature combinations of the queries real flows present, as the query
/// model builds them (`Query::flow_start`, its `reversed` reply,
/// `app_request`, `app_response` and `app_partial`; SPEC §4): at `FlowStart` no app
/// protocol, the first packet
/// not established, the reply established only for UDP; at `AppRequest` an
/// app protocol, to_server, established, TLS/HTTP over TCP, QUIC over UDP,
/// DNS over either, and the `client_hello` state exactly for TLS — plus the
/// first UDP DNS request and the QUIC Initial, which are not established
/// (the flow tracker asks before the server has answered, as Suricata
/// inspects them); at `AppResponse` to_client, established, the request's
/// app protocol or none, and the `server_hello` state exactly for TLS; at
/// `AppPartial` (a request split across TCP segments, before it completes)
/// a TLS segment with no hello. The features are not independent, so
/// containment is checked over these combinations (80, a `u128`) rather
/// than mask by mask.
pub(crate) fn realizable() -> Vec<u32> {
    use features::*;
    let protos = [TCP, UDP, ICMP, SCTP, OTHER_PROTO];
    let mut out = Vec::new();
    for fam in [V4, V6] {
        for &p in &protos {
            out.push(APP_NONE | fam | p | TO_SERVER | NOT_EST | FLOW_START | NOT_HELLO);
            let est = if p == UDP { EST } else { NOT_EST };
            out.push(APP_NONE | fam | p | TO_CLIENT | est | FLOW_START | NOT_HELLO);
        }
        let app = |a| features::app_bit(Some(a));
        use ferrule_matcher::AppProto as A;
        let apps: [(u32, &[u32]); 6] = [
            (app(A::Tls), &[TCP]),
            (app(A::Http1), &[TCP]),
            (app(A::Http2), &[TCP]),
            (app(A::Dns), &[TCP, UDP]),
            (app(A::Quic), &[UDP]),
            (app(A::Other), &protos),
        ];
        // The client's request (`AppRequest`; the ClientHello for TLS) and
        // the server's packets after its first (`AppResponse`, with the
        // request's app protocol; the ServerHello for TLS).
        for (dir, tls_hello) in [(TO_SERVER, IS_HELLO), (TO_CLIENT, SERVER_HELLO)] {
            for (a, ps) in apps {
                let hello = if a == app(A::Tls) {
                    tls_hello
                } else {
                    NOT_HELLO
                };
                for &p in ps {
                    out.push(a | fam | p | dir | EST | APP_REQUEST | hello);
                }
            }
        }
        // A TLS ClientHello split across segments: the segments after TLS
        // is detected and before it completes (`AppPartial`) carry no hello.
        // (The other app protocols' partial segments have the features of
        // their requests.)
        out.push(app(A::Tls) | fam | TCP | TO_SERVER | EST | APP_REQUEST | NOT_HELLO);
        // UDP requests asked before the server answered (DNS, the QUIC Initial).
        for a in [app(A::Dns), app(A::Quic)] {
            out.push(a | fam | UDP | TO_SERVER | NOT_EST | APP_REQUEST | NOT_HELLO);
        }
        // The server's packets with no app protocol: before a request, a
        // server that speaks first, a protocol not detected.
        for &p in &protos {
            out.push(APP_NONE | fam | p | TO_CLIENT | EST | APP_REQUEST | NOT_HELLO);
        }
    }
    out
}

/// The [`realizable`] combinations a rule with `allowed` admits.
pub(crate) fn combos(allowed: u32) -> u128 {
    realizable()
        .iter()
        .enumerate()
        .filter(|(_, &f)| f & !allowed == 0)
        .fold(0, |acc, (i, _)| acc | 1u128 << i)
}

/// The rules that can match, in decision order.
pub(crate) fn model<'a>(ctx: &LintContext<'a>) -> Vec<Entry<'a>> {
    decision_order(ctx.rules, ctx.order)
        .into_iter()
        .map(|i| &ctx.rules[i])
        .filter(|r| !r.is_inert() && r.action != Action::Config)
        .map(|rule| {
            let spec = lower_rule(rule);
            let allowed = spec.admitted_features();
            Entry {
                rule,
                spec,
                allowed,
                combos: combos(allowed),
            }
        })
        .collect()
}

/// `n + 1` without overflow, for the range walks.
pub(crate) trait Step: Ord + Copy {
    fn succ(self) -> Option<Self>;
}

impl Step for u16 {
    fn succ(self) -> Option<Self> {
        self.checked_add(1)
    }
}

impl Step for u32 {
    fn succ(self) -> Option<Self> {
        self.checked_add(1)
    }
}

impl Step for u128 {
    fn succ(self) -> Option<Self> {
        self.checked_add(1)
    }
}

/// Is every value of `inner` in `outer`? Both sorted by start; adjacent or
/// overlapping ranges of `outer` count as one.
pub(crate) fn ranges_cover<T: Step>(outer: &[(T, T)], inner: &[(T, T)]) -> bool {
    inner.iter().all(|&(lo, hi)| {
        let mut cursor = lo;
        for &(a, b) in outer {
            if a <= cursor && cursor <= b {
                match b.succ() {
                    Some(next) if b < hi => cursor = next,
                    _ => return true,
                }
            }
        }
        false
    })
}

/// The intersection of two sorted range lists.
pub(crate) fn ranges_meet<T: Step>(a: &[(T, T)], b: &[(T, T)]) -> Vec<(T, T)> {
    let mut out = Vec::new();
    for &(a0, a1) in a {
        for &(b0, b1) in b {
            let lo = a0.max(b0);
            let hi = a1.min(b1);
            if lo <= hi {
                out.push((lo, hi));
            }
        }
    }
    out.sort();
    out
}

/// Does `outer` contain every address of `inner` (both families)?
pub(crate) fn addrs_cover(outer: &AddrSet, inner: &AddrSet) -> bool {
    ranges_cover(&outer.v4, &inner.v4) && ranges_cover(&outer.v6, &inner.v6)
}

/// Does `outer` contain every port of `inner`?
pub(crate) fn ports_cover(outer: &PortSet, inner: &PortSet) -> bool {
    ranges_cover(&outer.0, &inner.0)
}

/// `a ∩ b`.
pub(crate) fn addrs_meet(a: &AddrSet, b: &AddrSet) -> AddrSet {
    AddrSet {
        v4: ranges_meet(&a.v4, &b.v4).into(),
        v6: ranges_meet(&a.v6, &b.v6).into(),
    }
}

/// `a ∩ b`.
pub(crate) fn ports_meet(a: &PortSet, b: &PortSet) -> PortSet {
    PortSet(ranges_meet(&a.0, &b.0).into())
}

/// A set of flows as a box: client addresses and ports, server addresses
/// and ports (one direction, as the client sends).
#[derive(Debug, Clone)]
pub(crate) struct FlowBox {
    pub src: AddrSet,
    pub sp: PortSet,
    pub dst: AddrSet,
    pub dp: PortSet,
}

impl FlowBox {
    /// The flows a rule's header matches one way (src -> dst as written).
    pub fn of(spec: &RuleSpec) -> Self {
        FlowBox {
            src: spec.src.clone(),
            sp: spec.src_ports.clone(),
            dst: spec.dst.clone(),
            dp: spec.dst_ports.clone(),
        }
    }

    /// The same flows seen from the other side.
    pub fn reversed(&self) -> Self {
        FlowBox {
            src: self.dst.clone(),
            sp: self.dp.clone(),
            dst: self.src.clone(),
            dp: self.sp.clone(),
        }
    }

    /// `self ∩ other`.
    pub fn meet(&self, other: &FlowBox) -> FlowBox {
        FlowBox {
            src: addrs_meet(&self.src, &other.src),
            sp: ports_meet(&self.sp, &other.sp),
            dst: addrs_meet(&self.dst, &other.dst),
            dp: ports_meet(&self.dp, &other.dp),
        }
    }

    /// The address families with at least one flow (both ends in the
    /// family, some port each way): (IPv4, IPv6).
    pub fn families(&self) -> (bool, bool) {
        let ports = !self.sp.0.is_empty() && !self.dp.0.is_empty();
        (
            ports && !self.src.v4.is_empty() && !self.dst.v4.is_empty(),
            ports && !self.src.v6.is_empty() && !self.dst.v6.is_empty(),
        )
    }

    /// One flow of the box in a family of `fam`, for messages: a client
    /// port of 49152 and a server port of 443 or 80 when the box has them,
    /// and a range's second address rather than its network address.
    pub fn sample(&self, fam: u32) -> String {
        let (v4, _) = self.families();
        let port = |p: &PortSet, likely: &[u16]| {
            likely
                .iter()
                .copied()
                .find(|&x| p.0.iter().any(|&(lo, hi)| lo <= x && x <= hi))
                .or_else(|| p.0.first().map(|r| r.0))
                .unwrap_or(0)
        };
        let (sp, dp) = (port(&self.sp, &[49152]), port(&self.dp, &[443, 80]));
        fn pick<T: Step>(r: Option<&(T, T)>, zero: T) -> T {
            r.map_or(
                zero,
                |&(lo, hi)| if lo < hi { lo.succ().unwrap_or(lo) } else { lo },
            )
        }
        if v4 && fam & features::V4 != 0 {
            let a = |s: &AddrSet| std::net::Ipv4Addr::from(pick(s.v4.first(), 0));
            format!("{}:{sp} -> {}:{dp}", a(&self.src), a(&self.dst))
        } else {
            let a = |s: &AddrSet| std::net::Ipv6Addr::from(pick(s.v6.first(), 0));
            format!("[{}]:{sp} -> [{}]:{dp}", a(&self.src), a(&self.dst))
        }
    }

    /// The family feature bits ([`features::V4`], [`features::V6`]) with a
    /// flow in the box.
    pub fn family_bits(&self) -> u32 {
        let (v4, v6) = self.families();
        (if v4 { features::V4 } else { 0 }) | (if v6 { features::V6 } else { 0 })
    }

    /// Is there a flow in the box of a family whose feature bit is in
    /// `family_mask`?
    pub fn nonempty_in(&self, family_mask: u32) -> bool {
        self.family_bits() & family_mask != 0
    }
}

/// The features of a TCP flow's first packet (client to server, `FlowStart`)
/// of both families; the family bits are both set, to be narrowed.
pub(crate) const TCP_FLOW_START: u32 = features::APP_NONE
    | features::FAMILY
    | features::TCP
    | features::TO_SERVER
    | features::NOT_EST
    | features::FLOW_START
    | features::NOT_HELLO;

/// Does a rule with `allowed` admit a query with exactly the one-hot
/// `fixed` features and one of the family bits of `fixed`'s family group?
/// Returns the admitted family bits.
pub(crate) fn admits(allowed: u32, fixed: u32) -> u32 {
    let non_family = fixed & !features::FAMILY;
    if non_family & !allowed != 0 {
        return 0;
    }
    fixed & features::FAMILY & allowed
}

/// The app-layer request features of a TCP flow for app-protocol bit `app`
/// (both family bits set).
pub(crate) fn tcp_app_request(app: u32) -> u32 {
    let hello = if app == features::app_bit(Some(ferrule_matcher::AppProto::Tls)) {
        features::IS_HELLO
    } else {
        features::NOT_HELLO
    };
    app | features::FAMILY
        | features::TCP
        | features::TO_SERVER
        | features::EST
        | features::APP_REQUEST
        | hello
}

/// Can the rule's `ip_proto` predicate hold for TCP (6)?
pub(crate) fn ip_proto_allows_tcp(spec: &RuleSpec) -> bool {
    use ferrule_matcher::table::IpProtoPred as P;
    match spec.ip_proto {
        None => true,
        Some(P::Eq(v)) => v == 6,
        Some(P::Ne(v)) => v != 6,
        Some(P::Lt(v)) => 6 < v,
        Some(P::Gt(v)) => 6 > v,
        Some(P::Never) => false,
    }
}

/// Is the rule inspected at `FlowStart` (IP-only or packet rule)?
pub(crate) fn at_flow_start(spec: &RuleSpec) -> bool {
    matches!(spec.stage, StageKind::FlowStartOnly | StageKind::Every)
}

/// The action class of a compiled rule.
pub(crate) fn action(spec: &RuleSpec) -> RuleAction {
    spec.rule.action
}

/// Does the rule set the flow verdict when it matches (a flow-scoped pass,
/// drop or reject)?
pub(crate) fn terminal(spec: &RuleSpec) -> bool {
    spec.flow_scoped && action(spec) != RuleAction::Alert
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn realizable_combinations_fit_a_word_and_are_one_hot() {
        let all = realizable();
        assert!(all.len() <= 128, "{}", all.len());
        let distinct: std::collections::BTreeSet<u32> = all.iter().copied().collect();
        assert_eq!(distinct.len(), all.len(), "no combination twice");
        for f in &all {
            for g in [
                features::APP,
                features::FAMILY,
                features::PROTO,
                features::DIRECTION,
                features::ESTABLISHED,
                features::STAGE,
                features::HELLO,
            ] {
                assert_eq!((f & g).count_ones(), 1, "{f:#x}");
            }
        }
        assert_eq!(combos(features::ALL).count_ones() as usize, all.len());
    }

    #[test]
    fn cover_and_meet() {
        let outer = [(0u16, 10), (11, 20), (30, 40)];
        assert!(ranges_cover(&outer, &[(5, 15)]));
        assert!(ranges_cover(&outer, &[(0, 20), (35, 40)]));
        assert!(!ranges_cover(&outer, &[(15, 31)]));
        assert!(!ranges_cover(&outer, &[(41, 41)]));
        assert!(ranges_cover(&[(0u16, u16::MAX)], &[(0, u16::MAX)]));
        assert!(ranges_cover::<u16>(&[], &[]));
        assert_eq!(
            ranges_meet(&outer, &[(8, 12), (39, 50)]),
            [(8, 10), (11, 12), (39, 40)]
        );
    }
}
