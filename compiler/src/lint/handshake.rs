//! F0802 `HandshakeDrop` and F0803 `IpOnlyPassBlinds`: rules that decide a
//! TLS/HTTP flow at its first packet (SEMANTICS §4.4, §7.9, §7.10), before the
//! SNI/Host rules meant to decide it can run.
//!
//! - F0802: an IP-only (or packet) `drop`/`reject` matching the first packet
//!   of flows that a later `tls.sni`/`http.host` **pass** rule targets: those
//!   flows are dropped at the SYN whatever their name (a packet-scoped one
//!   drops the SYN itself: offline the flow goes on, live it never opens).
//!   Also AWS strict order
//!   with `aws:drop_strict` and SNI/Host pass rules but no rule passing the
//!   handshake.
//! - F0803: an IP-only `pass` matching the first packet of flows that a
//!   `tls.sni`/`http.host` drop/reject/alert rule targets: the pass is sticky,
//!   the name rule never inspects them.
//!
//! Exact, not heuristic: a finding needs a witness — a TCP flow (addresses
//! and ports in both rules' headers, features both admit) at whose first
//! packet no earlier rule could have ended processing or decided instead. If
//! an earlier rule might, the lint says nothing.

use super::model::{
    action, admits, at_flow_start, ip_proto_allows_tcp, model, tcp_app_request, terminal, Entry,
    FlowBox, TCP_FLOW_START,
};
use super::util::label_rules;
use super::LintContext;
use crate::diag::{Code, Diagnostic};
use crate::interp::StatefulDefaultAction;
use ferrule_matcher::table::{features, BufferId, StageKind};
use ferrule_matcher::{AppProto, RuleAction};

pub(crate) fn lint(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = model(ctx);
    let names: Vec<usize> = (0..m.len()).filter(|&i| is_name_rule(&m[i])).collect();
    if names.is_empty() {
        return;
    }
    for (ai, a) in m.iter().enumerate() {
        if !at_flow_start(&a.spec) || !ip_proto_allows_tcp(&a.spec) {
            continue;
        }
        let (code, wanted): (Code, fn(RuleAction) -> bool) = match action(&a.spec) {
            // Flow-scoped: the flow is dropped at the SYN. Packet-scoped (a
            // packet rule without `established`): the SYN itself is
            // dropped, so with live traffic the handshake never completes.
            RuleAction::Drop | RuleAction::Reject => {
                (Code::HandshakeDrop, |b| b == RuleAction::Pass)
            }
            RuleAction::Pass if a.spec.flow_scoped => {
                (Code::IpOnlyPassBlinds, |b| b != RuleAction::Pass)
            }
            _ => continue,
        };
        let mut victims = Vec::new();
        for &bi in &names {
            let b = &m[bi];
            if !wanted(action(&b.spec)) {
                continue;
            }
            if let Some(w) = witness(a, b, &m[..ai]) {
                victims.push((b, w));
            }
        }
        if let Some(d) = finding(a, code, &victims) {
            out.push(d);
        }
    }
    if ctx.order.strict
        && ctx
            .order
            .defaults
            .contains(&StatefulDefaultAction::DropStrict)
    {
        drop_strict(&m, &names, out);
    }
}

/// An app-layer rule that decides on a name: a `tls.sni`, `http.host` or
/// `http.host.raw` condition, inspected on the client's `AppRequest`.
pub(crate) fn is_name_rule(e: &Entry<'_>) -> bool {
    e.spec.stage == StageKind::AppLayer
        && e.spec.conditions.iter().any(|c| {
            matches!(
                c.buffer,
                BufferId::TlsSni | BufferId::HttpHost | BufferId::HttpHostRaw
            )
        })
}

/// The family bits in which `b` can match the request of a TCP flow.
fn request_families(b: &Entry<'_>) -> u32 {
    if !ip_proto_allows_tcp(&b.spec) {
        return 0;
    }
    [AppProto::Tls, AppProto::Http1, AppProto::Http2]
        .iter()
        .map(|&app| admits(b.allowed, tcp_app_request(features::app_bit(Some(app)))))
        .fold(0, |acc, f| acc | f)
}

/// Could `c` match the first (client to server) packet of some flow in `w`?
pub(crate) fn may_match_first_packet(c: &Entry<'_>, w: &FlowBox, fam: u32) -> bool {
    if !at_flow_start(&c.spec) || !ip_proto_allows_tcp(&c.spec) {
        return false;
    }
    let cfam = admits(c.allowed, TCP_FLOW_START) & fam;
    if cfam == 0 {
        return false;
    }
    let fwd = FlowBox::of(&c.spec);
    fwd.meet(w).nonempty_in(cfam)
        || (c.spec.bidirectional && fwd.reversed().meet(w).nonempty_in(cfam))
}

/// Could `c` end processing or set the verdict of a first packet before a
/// later rule acts (a pass of any scope, a flow-scoped drop/reject)?
fn blocks(c: &Entry<'_>) -> bool {
    action(&c.spec) == RuleAction::Pass || terminal(&c.spec)
}

/// A flow whose first packet `a` decides and whose request `b` targets, with
/// no earlier rule in the way; `None` when there is none or it cannot be
/// shown.
fn witness(a: &Entry<'_>, b: &Entry<'_>, earlier: &[Entry<'_>]) -> Option<(FlowBox, u32)> {
    let fam = admits(a.allowed, TCP_FLOW_START) & request_families(b);
    if fam == 0 {
        return None;
    }
    let bbox = FlowBox::of(&b.spec);
    let afwd = FlowBox::of(&a.spec);
    let mut boxes = vec![afwd.meet(&bbox)];
    if a.spec.bidirectional {
        boxes.push(afwd.reversed().meet(&bbox));
    }
    boxes.into_iter().find_map(|w| {
        let clear = w.nonempty_in(fam)
            && !earlier
                .iter()
                .any(|c| blocks(c) && may_match_first_packet(c, &w, fam));
        clear.then_some((w, fam))
    })
}

fn finding(
    a: &Entry<'_>,
    code: Code,
    victims: &[(&Entry<'_>, (FlowBox, u32))],
) -> Option<Diagnostic> {
    let (_, (w, fam)) = victims.first()?;
    let sid = a.rule.meta.sid;
    let act = action(&a.spec).as_str();
    let n = victims.len();
    let (msg, label, hint) = match code {
        Code::HandshakeDrop if !terminal(&a.spec) => (
            format!(
                "`{act}` (sid {sid}) matches the first packet (the SYN) of TLS/HTTP flows that {n} \
                 SNI/Host pass rule(s) are meant to allow (e.g. {}): it acts on that packet alone, \
                 so a capture replayed offline goes on, but a live client's SYN is {} and the \
                 handshake never completes",
                w.sample(*fam),
                if action(&a.spec) == RuleAction::Reject {
                    "answered with a reset"
                } else {
                    "dropped, each time it is sent again,"
                }
            ),
            "with live traffic this pass rule never sees those flows: their SYN is stopped",
            "a rule with a `flow` direction or state but without `established` matches the TCP \
             handshake too (SEMANTICS §4.4); add `established` (`flow:to_server,established;`) so \
             it acts only once the connection is open, or let the SNI/Host rules decide",
        ),
        Code::HandshakeDrop => (
            format!(
                "IP-only `{act}` (sid {sid}) decides TLS/HTTP flows at their first packet, before \
                 {n} SNI/Host pass rule(s) can let them through (e.g. {})",
                w.sample(*fam)
            ),
            "this pass rule never sees those flows: they are dropped at the SYN",
            "a rule without `flow:` and without buffers is matched on the first packet and its \
             verdict sticks to the flow (SEMANTICS §4.4, §7.9); add `flow:established,to_server;` \
             (or an app-layer protocol) so it waits for the request, or exclude the flows the \
             SNI/Host rules decide",
        ),
        _ => (
            format!(
                "IP-only `pass` (sid {sid}) decides flows at their first packet: {n} SNI/Host \
                 rule(s) never inspect them (e.g. {})",
                w.sample(*fam)
            ),
            "never inspects those flows: the pass is sticky",
            "a pass on the first packet passes the whole flow and blinds later rules, including \
             threat signatures (SEMANTICS §7.10); narrow the pass rule's header or make it an \
             app-layer rule on the name it means to allow",
        ),
    };
    let d = Diagnostic::warning(code, a.rule.span, msg).with_hint(hint);
    Some(label_rules(
        d,
        a.rule.span,
        victims.iter().map(|(b, _)| b.rule.span),
        label,
    ))
}

/// AWS strict order with `aws:drop_strict`: the first packet of every flow no
/// rule passes is dropped, so SNI/Host pass rules never see a request
/// unless something passes the handshake.
fn drop_strict(m: &[Entry<'_>], names: &[usize], out: &mut Vec<Diagnostic>) {
    for &bi in names {
        let b = &m[bi];
        if action(&b.spec) != RuleAction::Pass {
            continue;
        }
        let fam = admits(features::ALL, TCP_FLOW_START) & request_families(b);
        let w = FlowBox::of(&b.spec);
        if fam == 0 || !w.nonempty_in(fam) {
            continue;
        }
        // Any rule that might act on the handshake (a pass, or a drop that
        // decides it anyway) leaves the question open: say nothing.
        if m.iter()
            .any(|c| blocks(c) && may_match_first_packet(c, &w, fam))
        {
            continue;
        }
        let sid = b.rule.meta.sid;
        out.push(
            Diagnostic::warning(
                Code::HandshakeDrop,
                b.rule.span,
                format!(
                    "`aws:drop_strict` drops the first packet (TCP handshake) of the flows this \
                     pass rule (sid {sid}) is meant to allow (e.g. {}): it never sees their SNI/Host",
                    w.sample(fam)
                ),
            )
            .with_hint(
                "in strict order the default action applies to every packet no rule passes, the \
                 SYN included (SEMANTICS §5.6, §7.21); use `aws:drop_established_app_layer` (or \
                 its `_to_server` form: `aws:drop_established` drops a ClientHello split across \
                 segments, F0804), or pass the handshake explicitly with a \
                 `flow:not_established` rule",
            ),
        );
    }
}
