//! Lints that need to know which rules came from which AWS rule group or
//! domain list, and how the policy decides (SEMANTICS §5.4, §5.6, §5.8, §5.9,
//! traps 9 and 21):
//!
//! - F0810 `AllowListMixedActionOrder`: under action order, an allow list and
//!   a reject or alert list on the same protocol: the allow list's drop rule
//!   is examined before the reject/alert rules (AWS warns about it).
//! - F0811 `NoDefaultDrop`: strict order, SNI/Host pass rules, and neither a
//!   drop default action nor any rule that drops what they do not pass: every
//!   other name is allowed.
//! - F0707 `AwsQuota` (shared with the loader): a domain list read as text over
//!   the 30,000 capacity of a rule group, and a policy whose groups together
//!   need more than 30,000.
//!
//! Sids are unique per rule group on AWS, so rules of different groups never
//! clash (`Loader::set_group`); a clash within a group is the loader's F0404.

use super::util::{describe, is_name_buffer};
use super::{GroupInfo, GroupKind, LintContext};
use crate::aws::{GeneratedRulesType, RuleOrder, MAX_STATEFUL_CAPACITY};
use crate::diag::{Code, Diagnostic};
use crate::ir::{Action, Match, Protocol, Rule};

pub(super) fn lint(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    mixed_lists(ctx, out);
    no_default_drop(ctx, out);
    capacity(ctx, out);
}

fn subset<T: Ord + Copy>(a: &[(T, T)], b: &[(T, T)]) -> bool {
    a.iter()
        .all(|&(lo, hi)| b.iter().any(|&(blo, bhi)| blo <= lo && hi <= bhi))
}

fn proto_is(rule: &Rule, name: &str) -> bool {
    matches!(&rule.protocol, Protocol::App(p) if p == name)
}

/// Does the rule test a host name (a positive content or pcre on a name buffer)?
fn tests_name(rule: &Rule) -> bool {
    rule.conditions.iter().any(|c| {
        is_name_buffer(&c.buffer)
            && c.matches.iter().any(|m| match m {
                Match::Content(ct) => !ct.negated,
                Match::Pcre { negated, .. } => !negated,
                _ => false,
            })
    })
}

fn rules_of<'a>(ctx: &LintContext<'a>, g: &GroupInfo) -> impl Iterator<Item = &'a Rule> {
    let file = g.file;
    ctx.rules.iter().filter(move |r| file == Some(r.span.file))
}

fn mixed_lists(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.order.strict {
        return;
    }
    let lists = |want: &[GeneratedRulesType]| {
        ctx.groups
            .iter()
            .filter(|g| g.rule_order == RuleOrder::DefaultActionOrder)
            .filter_map(move |g| match g.kind {
                GroupKind::DomainList { kind, types, .. } if want.contains(&kind) => {
                    Some((g, kind, types))
                }
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let allows = lists(&[GeneratedRulesType::AllowList]);
    let others = lists(&[
        GeneratedRulesType::RejectList,
        GeneratedRulesType::AlertList,
    ]);
    for (r, rkind, rtypes) in &others {
        for (a, _, atypes) in &allows {
            for (proto, on, name) in [
                ("tls", rtypes.tls_sni && atypes.tls_sni, "TLS"),
                ("http", rtypes.http_host && atypes.http_host, "HTTP"),
            ] {
                if !on {
                    continue;
                }
                // The allow list's catch-all drop for this protocol.
                let Some(drop) = rules_of(ctx, a)
                    .find(|x| x.action == Action::Drop && proto_is(x, proto) && !tests_name(x))
                else {
                    continue;
                };
                // The reject/alert rules it covers (same or wider scope).
                let covered: Vec<&Rule> = rules_of(ctx, r)
                    .filter(|x| {
                        proto_is(x, proto)
                            && subset(&x.src.v4, &drop.src.v4)
                            && subset(&x.src.v6, &drop.src.v6)
                            && subset(&x.dst.v4, &drop.dst.v4)
                            && subset(&x.dst.v6, &drop.dst.v6)
                            && drop.src_ports.is_any()
                            && drop.dst_ports.is_any()
                    })
                    .collect();
                // The list's rules may all have been rejected as duplicate sids
                // (generated sids restart at 1 in every list): the finding then
                // rests on the list itself.
                let loaded_any = rules_of(ctx, r).next().is_some();
                if loaded_any && covered.is_empty() {
                    continue;
                }
                let effect = if *rkind == GeneratedRulesType::RejectList {
                    format!("a {name} name on the reject list that is not on the allow list is dropped without a reset, and one on both lists is passed: the reject rules never decide")
                } else {
                    format!("every {name} flow the alert list alerts on is also dropped unless its name is allow-listed, and an allow-listed name passes without the alert")
                };
                let mut d = Diagnostic::warning(
                        Code::AllowListMixedActionOrder,
                        r.span,
                        format!(
                            "{} list `{}` is combined with allow list `{}` under action order: for the flows both inspect, the allow list's drop rule is examined before the {} rules, so {effect}",
                            rkind.as_str().trim_end_matches("LIST").to_ascii_lowercase(),
                            r.name,
                            a.name,
                            rkind.action()
                        ),
                    )
                    .with_label(drop.span, format!("the allow list's catch-all: {}", describe(drop)))
                    .with_hint("AWS advises against combining allow lists with reject or alert lists under action order; use STRICT_ORDER with the reject/alert groups first and an established or application-layer default drop, or fold the lists into one allow list");
                if let Some(first) = covered.first() {
                    d = d.with_label(
                        first.span,
                        format!(
                            "{} ({} rules of this list are affected)",
                            describe(first),
                            covered.len()
                        ),
                    );
                }
                out.push(d);
            }
        }
    }
}

fn no_default_drop(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    if !ctx.order.strict || ctx.order.defaults.iter().any(|d| d.is_drop()) {
        return;
    }
    let passes: Vec<&Rule> = ctx
        .rules
        .iter()
        .filter(|r| r.action == Action::Pass && !r.is_inert() && tests_name(r))
        .collect();
    let Some(first) = passes.first() else {
        return;
    };
    // Any drop/reject rule that does not itself test a name may catch the rest:
    // then this lint cannot prove anything.
    if ctx
        .rules
        .iter()
        .any(|r| (r.action == Action::Drop || r.action.is_reject()) && !tests_name(r))
    {
        return;
    }
    let list = ctx.groups.iter().find(|g| {
        g.rule_order == RuleOrder::StrictOrder
            && matches!(
                g.kind,
                GroupKind::DomainList {
                    kind: GeneratedRulesType::AllowList,
                    ..
                }
            )
            && rules_of(ctx, g).any(|r| r.action == Action::Pass)
    });
    let (span, what) = match list {
        Some(g) => (
            g.span,
            format!("strict-order domain allow list `{}`", g.name),
        ),
        None => (first.span, format!("{} in strict order", describe(first))),
    };
    let defaults = if ctx.order.defaults.is_empty() {
        "no stateful default action".to_string()
    } else {
        let v: Vec<&str> = ctx.order.defaults.iter().map(|d| d.as_str()).collect();
        format!("only {}", v.join(", "))
    };
    let mut d = Diagnostic::warning(
        Code::NoDefaultDrop,
        span,
        format!(
            "{what} passes the names it lists, but with {defaults} and no rule that drops the rest, every other TLS/HTTP name is allowed: strict-order domain lists generate no drop rule"
        ),
    )
    .with_hint("set the policy's StatefulDefaultActions to aws:drop_established_app_layer (or its _to_server form), which waits for the reassembled ClientHello; not aws:drop_strict, which drops TLS before the SNI is seen, nor aws:drop_established, which drops a ClientHello split across TCP segments (F0804)");
    for r in passes.iter().filter(|r| r.span != span).take(10) {
        d = d.with_label(
            r.span,
            format!("{} passes; nothing drops the rest", describe(r)),
        );
    }
    if passes.len() > 10 {
        d.message
            .push_str(&format!(" ({} pass rules, 10 shown)", passes.len()));
    }
    for p in ctx.policies {
        d = d.with_label(
            p.span,
            "this policy's StatefulDefaultActions has no drop action",
        );
    }
    out.push(d);
}

fn capacity(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for g in ctx.groups {
        if g.aws && !g.capacity_checked && g.capacity > MAX_STATEFUL_CAPACITY {
            out.push(
                Diagnostic::warning(
                    Code::AwsQuota,
                    g.span,
                    format!(
                        "`{}` needs capacity {} as AWS computes it, over the limit of {MAX_STATEFUL_CAPACITY} for a stateful rule group",
                        g.name, g.capacity
                    ),
                )
                .with_hint("split it into several rule groups"),
            );
        }
    }
    for (i, p) in ctx.policies.iter().enumerate() {
        let members: Vec<&GroupInfo> = ctx.groups.iter().filter(|g| g.policy == Some(i)).collect();
        let total: u64 = members
            .iter()
            .map(|g| g.declared_capacity.unwrap_or(g.capacity).max(g.capacity) as u64)
            .sum();
        if total > MAX_STATEFUL_CAPACITY as u64 {
            let mut d = Diagnostic::warning(
                Code::AwsQuota,
                p.span,
                format!(
                    "policy `{}`: its stateful rule groups have a combined capacity of {total}, over the {MAX_STATEFUL_CAPACITY} stateful rules AWS allows per policy (an adjustable quota)",
                    p.name
                ),
            )
            .with_hint("request a quota increase or move rule groups to another policy");
            for g in members {
                d = d.with_label(
                    g.span,
                    format!(
                        "`{}`: capacity {}",
                        g.name,
                        g.declared_capacity.unwrap_or(g.capacity).max(g.capacity)
                    ),
                );
            }
            out.push(d);
        }
    }
}
