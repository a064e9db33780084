//! F0801 `ShadowedRule`: a pass/drop/reject rule that can never decide,
//! because for every query it matches an earlier rule in decision order
//! matches too and settles the packet first.
//!
//! A claim needs a proof; without one the lint is silent ("cannot tell").
//! Rule A shadows a later rule B when
//! 1. A *ends B's chance* on any packet both match: in strict order A is a
//!    pass/drop/reject (the first one ends processing); in action order A is
//!    a pass (it ends processing; only when no drop/reject comes before A in
//!    decision order, since a dropped packet ignores a pass) or a flow-scoped
//!    drop/reject (the first flow verdict wins);
//! 2. A is inspected at every stage B is;
//! 3. B's admitted features (protocol, app protocol, direction, flow state,
//!    `ssl_state`, ...) are a subset of A's, A's `ip_proto` is absent or B's;
//! 4. B's header (both ways when `<>`) lies inside A's (range containment);
//! 5. A has no buffer test, or its only test is a whole-name key (an exact
//!    `content; startswith; endswith`, or `dotprefix; content:".x";
//!    endswith`) implied by a whole-name key of B on the same buffer: the
//!    same name, or a name / dot-suffix under A's dot-suffix, with case
//!    sensitivity respected.
//!
//! Anything else in A (pcre, offsets, several contents, other transforms)
//! makes the lint give up on that pair. Claims are about the queries real
//! flows present (SPEC §4, as `Query::flow_start` / `app_request` /
//! `app_response` build them), not hand-made impossible ones such as a
//! non-established TLS request. Soundness is checked by a property test against the reference
//! interpreter (`tests/shadow_soundness.rs`).

use super::model::{action, addrs_cover, model, ports_cover, Entry, FlowBox};
use super::LintContext;
use crate::diag::{Code, Diagnostic};
use ferrule_matcher::inspect::{Test, TransformOp};
use ferrule_matcher::table::{BufferId, CondSpec, RuleSpec, StageKind};
use ferrule_matcher::RuleAction;
use std::collections::HashMap;

/// A whole-name key.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    buffer: BufferId,
    suffix: bool,
    nocase: bool,
    /// As written (lowercase when `nocase`).
    name: Vec<u8>,
}

/// The whole-name key of a content test in condition `c`, if it is one.
fn key_of(c: &CondSpec, t: &Test) -> Option<Key> {
    let Test::Content(ct) = t else { return None };
    let suffix = match &*c.transforms {
        [] => false,
        [TransformOp::DotPrefix] => true,
        _ => return None,
    };
    let plain = !ct.negated
        && ct.endswith
        && ct.offset.is_none()
        && ct.depth.is_none()
        && ct.distance.is_none()
        && ct.within.is_none()
        && !ct.pattern.is_empty();
    let shape = if suffix {
        !ct.startswith && ct.pattern[0] == b'.'
    } else {
        ct.startswith
    };
    (plain && shape).then(|| Key {
        buffer: c.buffer,
        suffix,
        nocase: ct.nocase,
        name: ct.pattern.to_vec(),
    })
}

/// Every whole-name key among B's tests (each one is required).
fn keys(spec: &RuleSpec) -> Vec<Key> {
    spec.conditions
        .iter()
        .flat_map(|c| c.tests.iter().filter_map(move |t| key_of(c, t)))
        .collect()
}

/// What A requires of the buffers: nothing, or exactly one key.
enum Needs {
    Nothing,
    Key(Key),
    Unknown,
}

fn needs(spec: &RuleSpec) -> Needs {
    match &*spec.conditions {
        [] => Needs::Nothing,
        [c] if c.tests.len() == 1 => match key_of(c, &c.tests[0]) {
            Some(k) => Needs::Key(k),
            None => Needs::Unknown,
        },
        _ => Needs::Unknown,
    }
}

/// Does every buffer that satisfies B's key `b` satisfy A's key `a`?
fn key_implies(b: &Key, a: &Key) -> bool {
    if a.buffer != b.buffer || (b.nocase && !a.nocase) {
        return false;
    }
    let fold = |v: &[u8]| -> Vec<u8> {
        if a.nocase {
            v.to_ascii_lowercase()
        } else {
            v.to_vec()
        }
    };
    match (a.suffix, b.suffix) {
        (false, false) => fold(&b.name) == a.name,
        (false, true) => false,
        (true, false) => {
            let mut dotted = vec![b'.'];
            dotted.extend_from_slice(&b.name);
            fold(&dotted).ends_with(&a.name)
        }
        (true, true) => fold(&b.name).ends_with(&a.name),
    }
}

/// Is A inspected at every stage B is?
fn stages_cover(a: StageKind, b: StageKind) -> bool {
    a == b || a == StageKind::Every
}

/// Does A's header match every (src, sp, dst, dp) of the box?
fn header_covers(a: &RuleSpec, w: &FlowBox) -> bool {
    let inside = |x: &FlowBox| {
        addrs_cover(&a.src, &x.src)
            && ports_cover(&a.src_ports, &x.sp)
            && addrs_cover(&a.dst, &x.dst)
            && ports_cover(&a.dst_ports, &x.dp)
    };
    inside(w) || (a.bidirectional && inside(&w.reversed()))
}

/// Conditions 2-5 of the module docs (A before B is the caller's).
fn covers(a: &Entry<'_>, b: &Entry<'_>, bkeys: &[Key]) -> bool {
    if !stages_cover(a.spec.stage, b.spec.stage) || b.combos & !a.combos != 0 {
        return false;
    }
    if a.spec.ip_proto.is_some() && a.spec.ip_proto != b.spec.ip_proto {
        return false;
    }
    let bf = FlowBox::of(&b.spec);
    if !header_covers(&a.spec, &bf)
        || (b.spec.bidirectional && !header_covers(&a.spec, &bf.reversed()))
    {
        return false;
    }
    match needs(&a.spec) {
        Needs::Nothing => true,
        Needs::Key(k) => bkeys.iter().any(|bk| key_implies(bk, &k)),
        Needs::Unknown => false,
    }
}

/// Condition 1: can A end B's chance, given the rules before it?
fn settles(a: &Entry<'_>, strict: bool, drop_before: bool) -> bool {
    match action(&a.spec) {
        RuleAction::Pass => strict || !drop_before,
        RuleAction::Drop | RuleAction::Reject => strict || a.spec.flow_scoped,
        RuleAction::Alert => false,
    }
}

pub(crate) fn lint(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = model(ctx);
    let strict = ctx.order.strict;
    // Candidate shadowers seen so far: header-only rules in a list, key-only
    // rules by (buffer, folded name) for lookup by B's keys.
    let mut header_only: Vec<usize> = Vec::new();
    let mut by_key: HashMap<(BufferId, Vec<u8>), Vec<usize>> = HashMap::new();
    let mut drop_before = false;
    let mut settles_at: Vec<bool> = Vec::with_capacity(m.len());
    for (bi, b) in m.iter().enumerate() {
        let bkeys = keys(&b.spec);
        // A rule that matches no realizable query is not "shadowed" (the
        // claim would be vacuous); the scope lints say why it never matches.
        if action(&b.spec) != RuleAction::Alert && b.combos != 0 {
            let mut cands: Vec<usize> = header_only.clone();
            for k in &bkeys {
                let folded = k.name.to_ascii_lowercase();
                if let Some(v) = by_key.get(&(k.buffer, folded.clone())) {
                    cands.extend(v);
                }
                // A dot-suffix key of A can sit under any dot of `.` + B's name.
                let mut dotted = vec![b'.'];
                if !k.suffix {
                    dotted.extend_from_slice(&folded);
                } else {
                    dotted = folded.clone();
                }
                for (j, &c) in dotted.iter().enumerate() {
                    if c == b'.' {
                        if let Some(v) = by_key.get(&(k.buffer, dotted[j..].to_vec())) {
                            cands.extend(v);
                        }
                    }
                }
            }
            cands.sort_unstable();
            cands.dedup();
            if let Some(&ai) = cands
                .iter()
                .find(|&&ai| settles_at[ai] && covers(&m[ai], b, &bkeys))
            {
                out.push(finding(&m[ai], b));
            }
        }
        // B becomes a candidate shadower for the rules after it.
        settles_at.push(settles(b, strict, drop_before));
        match needs(&b.spec) {
            Needs::Nothing => header_only.push(bi),
            Needs::Key(k) => {
                let folded = k.name.to_ascii_lowercase();
                by_key.entry((k.buffer, folded)).or_default().push(bi);
            }
            Needs::Unknown => {}
        }
        if matches!(action(&b.spec), RuleAction::Drop | RuleAction::Reject) {
            drop_before = true;
        }
    }
}

fn finding(a: &Entry<'_>, b: &Entry<'_>) -> Diagnostic {
    let (asid, bsid) = (a.rule.meta.sid, b.rule.meta.sid);
    let why = match action(&a.spec) {
        RuleAction::Pass => "passes",
        _ => "decides",
    };
    Diagnostic::warning(
        Code::ShadowedRule,
        b.rule.span,
        format!(
            "rule sid {bsid} can never decide: sid {asid}, earlier in decision order, matches \
             every packet it matches and {why} first"
        ),
    )
    .with_label(
        a.rule.span,
        format!("sid {asid} matches a superset of sid {bsid}'s traffic"),
    )
    .with_hint(
        "remove the shadowed rule, or narrow the earlier one (its header, its name) so the later \
         rule gets the traffic it was written for; in action order pass rules go before \
         drop/reject/alert whatever their position in the file",
    )
}
