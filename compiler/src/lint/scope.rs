//! Header scope lints (SEMANTICS §1.5, §9, trap 7):
//!
//! - F0812 `AddressFamiliesDisjoint`: the source addresses and the
//!   destination addresses have no IP family in common (e.g. an IPv4-only
//!   `!10.0.0.0/8` source and an IPv6 destination): no flow can match.
//! - F0813 `NegationMissesIpv6`: one side is a pure IPv4 negation (`!1.2.3.4`,
//!   `!$HOME_NET` with an IPv4 `HOME_NET`), which Suricata turns into "every
//!   IPv4 address except ..." and never into IPv6, while the other side
//!   accepts IPv6: the rule silently never matches IPv6 flows.

use super::util::{header_field, Field};
use super::LintContext;
use crate::diag::{Code, Diagnostic};
use crate::ir::{Action, Rule};
use crate::net::AddressSet;

pub(super) fn lint(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for rule in ctx.rules {
        if rule.action == Action::Config {
            continue;
        }
        if let Some(d) = check_rule(rule) {
            out.push(d);
        }
    }
}

fn families(a: &AddressSet) -> &'static str {
    match (a.matches_ipv4(), a.matches_ipv6()) {
        (true, true) => "IPv4 and IPv6",
        (true, false) => "IPv4 only",
        (false, true) => "IPv6 only",
        (false, false) => "nothing",
    }
}

/// An IPv4-only set that is what Suricata makes of a negation with no
/// positive IPv4 part: it reaches both ends of the IPv4 space without being
/// all of it, and was written with `!` or a variable.
fn ipv4_negation(a: &AddressSet, text: &str) -> bool {
    a.matches_ipv4()
        && !a.matches_ipv6()
        && a.v4.first().is_some_and(|r| r.0 == 0)
        && a.v4.last().is_some_and(|r| r.1 == u32::MAX)
        && a.v4 != [(0, u32::MAX)]
        && (text.contains('!') || text.contains('$'))
}

/// At most 60 characters of an address field, for messages.
fn short(t: &str) -> String {
    if t.chars().count() <= 60 {
        t.to_string()
    } else {
        let mut s: String = t.chars().take(57).collect();
        s.push_str("...");
        s
    }
}

pub(crate) fn check_rule(rule: &Rule) -> Option<Diagnostic> {
    let (src, dst) = (&rule.src, &rule.dst);
    if src.is_empty() || dst.is_empty() {
        return None;
    }
    let (sspan, stext) = header_field(rule, Field::Src).unwrap_or((rule.span, ""));
    let (dspan, dtext) = header_field(rule, Field::Dst).unwrap_or((rule.span, ""));
    let (stext, dtext) = (short(stext), short(dtext));
    let v4 = src.matches_ipv4() && dst.matches_ipv4();
    let v6 = src.matches_ipv6() && dst.matches_ipv6();
    if !v4 && !v6 {
        return Some(
            Diagnostic::warning(
                Code::AddressFamiliesDisjoint,
                rule.span,
                format!(
                    "rule {} can never match: its source addresses `{stext}` are {} and its destination addresses `{dtext}` are {}",
                    rule.meta.sid,
                    families(src),
                    families(dst)
                ),
            )
            .with_label(sspan, format!("source: {}", families(src)))
            .with_label(dspan, format!("destination: {}", families(dst)))
            .with_hint("a flow has one address family: if a variable such as HOME_NET should cover the other family, define it with those ranges; a negation such as `!10.0.0.0/8` covers IPv4 only (SEMANTICS §1.5): add the IPv6 ranges the rule should cover, e.g. `[!10.0.0.0/8, ::/0]`"),
        );
    }
    for (this, tspan, ttext, other, ospan, side, oside) in [
        (src, sspan, stext, dst, dspan, "source", "destination"),
        (dst, dspan, dtext, src, sspan, "destination", "source"),
    ] {
        if ipv4_negation(this, &ttext) && other.matches_ipv6() {
            return Some(
                Diagnostic::warning(
                    Code::NegationMissesIpv6,
                    tspan,
                    format!(
                        "rule {}: the {side} `{ttext}` is a negation of IPv4 addresses only, which Suricata reads as \"every IPv4 address except these\": the rule never matches IPv6 flows, although its {oside} accepts IPv6",
                        rule.meta.sid
                    ),
                )
                .with_label(ospan, format!("{oside}: {}", families(other)))
                .with_hint("if IPv6 traffic should match too, add it explicitly, e.g. `[<negation>, ::/0]`, or define HOME_NET with its IPv6 ranges"),
            );
        }
    }
    None
}
