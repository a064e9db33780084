//! F0804 `SplitRequestDrop`: what acts on a ClientHello or HTTP request head
//! split across TCP segments before the SNI/Host pass rule meant to decide
//! the flow can read the name (SEMANTICS §9, §5.6).
//!
//! Suricata detects TLS from a segment's first three bytes and HTTP/1 from
//! its method, and inspects every packet of an undecided flow; the name
//! buffers exist only once the request is complete. So the segments before
//! that (`Stage::AppPartial`) are matched by any rule that needs no buffer:
//!
//! - a flow-scoped drop/reject (an app-layer rule without a buffer, e.g.
//!   `drop tls … (flow:to_server;)`) drops the whole flow there: the pass
//!   never runs;
//! - a packet-scoped one (the older AWS catch-all `drop tls … (flow:
//!   to_server, established;)`) drops and alerts on those segments; the
//!   pass then decides the flow, and the client must resend them; a
//!   packet-scoped `reject` answers the first with a TCP reset, which
//!   aborts the connection;
//! - in AWS strict order, `aws:drop_established` drops the flow there when
//!   no rule ends processing of the segment (the reason AWS's best-practice
//!   guide gives for its app-layer default actions).
//!
//! Requests span several segments whenever they exceed one: a ClientHello
//! with a post-quantum key share (X25519MLKEM768, ~1.2 KB more, ~1.8 KB in
//! all) does at the usual 1,460-byte MSS.
//!
//! Exact, not heuristic: a finding needs a witness — a TCP flow in both
//! rules' headers whose split segment no earlier rule could end processing
//! of or decide first.

use super::handshake::{is_name_rule, may_match_first_packet};
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

/// The features of a split request's segment before it completes, for
/// app-protocol bit `app` (both family bits set): the request's, without a
/// hello.
fn partial(app: u32) -> u32 {
    (tcp_app_request(app) & !features::HELLO) | features::NOT_HELLO
}

/// The app protocol whose request a name pass rule reads.
fn request_app(b: &Entry<'_>) -> AppProto {
    if b.spec
        .conditions
        .iter()
        .any(|c| c.buffer == BufferId::TlsSni)
    {
        AppProto::Tls
    } else {
        AppProto::Http1
    }
}

/// The request's name, for the messages.
fn what(app: AppProto) -> (&'static str, &'static str) {
    match app {
        AppProto::Tls => ("ClientHello", "SNI"),
        _ => ("HTTP request head", "Host"),
    }
}

/// The flows of `w` (and their family bits) in whose split `app` segment
/// `c` may match: no buffer condition (none exists yet), inspected after
/// the flow start, features and header admitting it.
fn matches_partial(c: &Entry<'_>, w: &FlowBox, app: u32, fam: u32) -> Option<(FlowBox, u32)> {
    if c.spec.stage == StageKind::FlowStartOnly
        || !c.spec.conditions.is_empty()
        || !ip_proto_allows_tcp(&c.spec)
    {
        return None;
    }
    let cfam = admits(c.allowed, partial(app)) & fam;
    if cfam == 0 {
        return None;
    }
    let fwd = FlowBox::of(&c.spec);
    let mut boxes = vec![fwd.meet(w)];
    if c.spec.bidirectional {
        boxes.push(fwd.reversed().meet(w));
    }
    boxes.into_iter().find_map(|x| {
        let f = x.family_bits() & cfam;
        (f != 0).then_some((x, f))
    })
}

/// Could `c` end processing of the segment or decide the flow before a
/// later rule (or the default action) acts? A pass of any scope, a
/// flow-scoped drop/reject, and in strict order any drop/reject.
fn blocks(c: &Entry<'_>, strict: bool) -> bool {
    action(&c.spec) == RuleAction::Pass
        || terminal(&c.spec)
        || (strict && action(&c.spec) != RuleAction::Alert)
}

/// Could a rule decide a flow of `w` at its first packet either way (the
/// SYN or the SYN-ACK), before any segment of its request? Such flows are
/// the handshake lints' (F0802, F0803), not this one's.
fn decided_at_flow_start(m: &[Entry<'_>], w: &FlowBox, fam: u32) -> bool {
    let reply = (TCP_FLOW_START & !features::TO_SERVER) | features::TO_CLIENT;
    let back = w.reversed();
    m.iter().any(|c| {
        if !terminal(&c.spec) || !at_flow_start(&c.spec) || !ip_proto_allows_tcp(&c.spec) {
            return false;
        }
        if may_match_first_packet(c, w, fam) {
            return true;
        }
        let cfam = admits(c.allowed, reply) & fam;
        let fwd = FlowBox::of(&c.spec);
        cfam != 0
            && (fwd.meet(&back).nonempty_in(cfam)
                || (c.spec.bidirectional && fwd.reversed().meet(&back).nonempty_in(cfam)))
    })
}

pub(crate) fn lint(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = model(ctx);
    let strict = ctx.order.strict;
    // The SNI/Host pass rules, with the app protocol they read.
    let passes: Vec<(&Entry<'_>, AppProto)> = m
        .iter()
        .filter(|b| is_name_rule(b) && action(&b.spec) == RuleAction::Pass)
        .filter(|b| ip_proto_allows_tcp(&b.spec))
        .map(|b| (b, request_app(b)))
        .collect();
    if passes.is_empty() {
        return;
    }
    for (ai, a) in m.iter().enumerate() {
        if !matches!(action(&a.spec), RuleAction::Drop | RuleAction::Reject) {
            continue;
        }
        let mut victims = Vec::new();
        for &(b, app) in &passes {
            let bit = features::app_bit(Some(app));
            // The flows b reads the name of; a must match their segment.
            let Some((w, fam)) = matches_partial(a, &FlowBox::of(&b.spec), bit, features::FAMILY)
            else {
                continue;
            };
            // A flow of that family that no rule decides at its first
            // packet and no earlier rule stops at the segment first.
            let clear = !decided_at_flow_start(&m, &w, fam)
                && !m[..ai]
                    .iter()
                    .any(|c| blocks(c, strict) && matches_partial(c, &w, bit, fam).is_some());
            if clear {
                victims.push((b, app, w, fam));
            }
        }
        if let Some(((_, app, w, fam), _)) = victims.split_first() {
            let (request, name) = what(*app);
            let sid = a.rule.meta.sid;
            let act = action(&a.spec).as_str();
            let done = if action(&a.spec) == RuleAction::Reject {
                "rejected"
            } else {
                "dropped"
            };
            let n = victims.len();
            let e = w.sample(*fam);
            let (msg, label) = if terminal(&a.spec) {
                (
                    format!(
                        "`{act}` (sid {sid}) decides flows on the first segments of a {request} split \
                         across TCP segments, before {n} {name} pass rule(s) can read the {name} \
                         (e.g. {e}): every such flow is {done}"
                    ),
                    format!("never sees a split {request}: the flow is decided first"),
                )
            } else if action(&a.spec) == RuleAction::Reject {
                (
                    format!(
                        "`reject` (sid {sid}) matches the first segments of a {request} split across \
                         TCP segments, before {n} {name} pass rule(s) can read the {name} (e.g. \
                         {e}): it answers the first one with a TCP reset, which aborts the \
                         connection before the {request} completes"
                    ),
                    format!("never sees a split {request}: the connection is reset first"),
                )
            } else {
                (
                    format!(
                        "`drop` (sid {sid}) matches the first segments of a {request} split across \
                         TCP segments, before {n} {name} pass rule(s) can read the {name} (e.g. \
                         {e}): those segments are dropped and alerted on, and the pass decides \
                         only when the {request} completes (the client must send them again)"
                    ),
                    format!("decides a split {request} only after its first segments were dropped"),
                )
            };
            // A packet rule without `established` matches the SYN as well.
            let msg = if at_flow_start(&a.spec) && admits(a.allowed, TCP_FLOW_START) & fam != 0 {
                format!("{msg}; it matches the flow's first packet (the SYN) too")
            } else {
                msg
            };
            let d = Diagnostic::warning(Code::SplitRequestDrop, a.rule.span, msg).with_hint(
                "a rule with an app protocol and no buffer matches every packet once the protocol \
                 is detected, the segments of an incomplete request included (SEMANTICS §9); \
                 a ClientHello with a post-quantum key share (~1.8 KB) spans two segments at the \
                 usual 1,460-byte MSS. Make it wait \
                 for the complete request as AWS's current catch-alls do: `ssl_state:client_hello;` \
                 (TLS) or `http.header_names; content:\"|0d 0a|\"; startswith;` (HTTP)",
            );
            out.push(label_rules(
                d,
                a.rule.span,
                victims.iter().map(|(b, ..)| b.rule.span),
                &label,
            ));
        }
    }
    if strict
        && ctx
            .order
            .defaults
            .contains(&StatefulDefaultAction::DropEstablished)
    {
        drop_established(&m, &passes, out);
    }
}

/// AWS strict order with `aws:drop_established`: a split request's first
/// segment is an established packet no rule passes, so the default drops
/// the flow there unless a rule ends processing of it.
fn drop_established(m: &[Entry<'_>], passes: &[(&Entry<'_>, AppProto)], out: &mut Vec<Diagnostic>) {
    for &(b, app) in passes {
        let bit = features::app_bit(Some(app));
        let w = FlowBox::of(&b.spec);
        // The families in which b reads requests.
        let fam = admits(b.allowed, tcp_app_request(bit));
        if fam == 0 || !w.nonempty_in(fam) {
            continue;
        }
        if decided_at_flow_start(m, &w, fam)
            || m.iter()
                .any(|c| blocks(c, true) && matches_partial(c, &w, bit, fam).is_some())
        {
            continue;
        }
        let (request, name) = what(app);
        let sid = b.rule.meta.sid;
        out.push(
            Diagnostic::warning(
                Code::SplitRequestDrop,
                b.rule.span,
                format!(
                    "`aws:drop_established` drops the flows this pass rule (sid {sid}) is meant to \
                     allow when their {request} is split across TCP segments (e.g. {}): the first \
                     segment carries no {name} yet and no rule passes it",
                    w.sample(fam)
                ),
            )
            .with_hint(
                "in strict order the default action applies to every established packet no rule \
                 passes (SEMANTICS §5.6, §9); a ClientHello with a post-quantum key share (~1.8 KB) \
                 spans two segments at the usual 1,460-byte MSS. Use \
                 `aws:drop_established_app_layer` (or its `_to_server` form), \
                 which waits for the reassembled request, as AWS's best-practice guide advises",
            ),
        );
    }
}
