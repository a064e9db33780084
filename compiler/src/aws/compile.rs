//! A domain list straight into a [`Ruleset`], without a rule per name in
//! between: the same decisions as loading the text of
//! [`generate_domain_rules`] and [`build`](crate::build::build)ing it, in a
//! fraction of the time and memory (a million names: about a second and
//! under 200 bytes per name, BENCHMARKS.md).
//!
//! How it stays faithful: the generated rules of one list differ only in
//! their target and their `sid`. So each rule *shape* (TLS or HTTP, exact or
//! leading-dot target, and the allow list's catch-all drop rules) is
//! generated as text for a stand-in target, loaded by the ordinary
//! [`Loader`] and lowered by the ordinary back end; the matcher then stamps
//! that shape once per target with the target as the content and the sid the
//! text would have had ([`RulesetBuilder::push_templated`]). The decision
//! order is the one [`decision_order`](crate::interp::decision_order) gives
//! the text: the shapes are groups of consecutive sids with one action and
//! one priority each, so sorting the groups sorts the rules. A test compares
//! both paths rule by rule and decision by decision.

use super::domain_list::{target_lines, validate_target, GeneratedRulesType, Target, TargetTypes};
use super::{generate_domain_rules, RuleOrder};
use crate::build::{default_action, lower_rule};
use crate::diag::{Code, Diagnostic};
use crate::interp::{action_class, priority, rule_ref, Order};
use crate::load::Loader;
use crate::net::Vars;
use crate::span::{FileId, Span};
use crate::Dialect;
use ferrule_matcher::table::BufferId;
use ferrule_matcher::{RuleRef, Ruleset, RulesetBuilder, RulesetError, Template};
use std::fmt;

/// Why a domain list could not be compiled.
#[derive(Debug, Clone)]
pub enum CompileError {
    /// A generated rule shape did not load (a variable the vars do not
    /// define, ...): the loader's diagnostics.
    Shape(Vec<Diagnostic>),
    /// The matcher refused the table.
    Ruleset(RulesetError),
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::Shape(d) => write!(
                f,
                "a generated rule did not load: {}",
                d.first().map_or("", |d| d.message.as_ref())
            ),
            CompileError::Ruleset(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for CompileError {}

impl From<RulesetError> for CompileError {
    fn from(e: RulesetError) -> Self {
        CompileError::Ruleset(e)
    }
}

/// A compiled domain list.
#[derive(Debug)]
pub struct CompiledList {
    /// The rule set: the generated rules, in decision order.
    pub ruleset: Ruleset,
    /// Targets that made rules (valid ones, duplicates included).
    pub targets: usize,
    /// What was wrong with the list: the errors and warnings of
    /// [`parse_domain_list`](super::parse_domain_list), except that a duplicate
    /// target's warning does not point at the first occurrence.
    pub diagnostics: Vec<Diagnostic>,
}

/// One group of generated rules: consecutive sids, one shape per target kind.
struct Group {
    /// Exact and leading-dot shapes (target rules), or one catch-all rule.
    kind: GroupKind,
    first_sid: u32,
    sort_key: (usize, i64),
    /// The reference of the group's rules (sid aside).
    base: RuleRef,
}

enum GroupKind {
    Targets { exact: Template, wildcard: Template },
    CatchAll(Box<ferrule_matcher::table::RuleSpec>),
}

/// Stand-ins for the targets while the shapes are generated (valid, distinct).
const EXACT: &str = "shape.example";
const WILDCARD: &str = ".shape.example";

/// Each target of a text domain list (lines as
/// [`parse_domain_list`](super::parse_domain_list) reads them), normalized,
/// or the diagnostics that dropped it.
fn for_each_target(
    file: FileId,
    text: &str,
    mut f: impl FnMut(Option<&str>, Span, Vec<Diagnostic>),
) {
    for (trimmed, span) in target_lines(file, text) {
        // Fast path: already a plain lowercase ASCII name (the common case)
        // needs no normalization; anything else goes through the validator.
        if plain(trimmed) {
            f(Some(trimmed), span, Vec::new());
        } else {
            let (n, d) = validate_target(trimmed, span);
            f(n.as_deref(), span, d);
        }
    }
}

/// True when `validate_target` would accept `t` unchanged and silently:
/// 1-253 characters of `a-z 0-9 - _ .` (a leading dot allowed), no empty
/// label, no label over 63, no trailing dot.
fn plain(t: &str) -> bool {
    let b = t.as_bytes();
    let name = b.strip_prefix(b".").unwrap_or(b);
    if name.is_empty() || name.len() > 253 || name.last() == Some(&b'.') {
        return false;
    }
    name.split(|&c| c == b'.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && label
                .iter()
                .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_')
    })
}

/// Compile a text domain list (one target per line, as
/// [`parse_domain_list`](super::parse_domain_list)) into the [`Ruleset`] of
/// its generated rules, for `types` and `kind`, deciding in `order` (its
/// `strict` flag picks `STRICT_ORDER` generation, as an AWS rule group's
/// `RuleOrder` does). `vars` resolve `$HOME_NET` / `$EXTERNAL_NET`.
///
/// ```
/// use ferrule_compiler::aws::{compile_domain_list, GeneratedRulesType, TargetTypes};
/// use ferrule_compiler::interp::Order;
/// use ferrule_compiler::net::Vars;
/// use ferrule_compiler::span::FileId;
/// use ferrule_matcher::{AppProto, IpProto, NoAlerts, Query, Verdict};
///
/// let list = compile_domain_list(FileId(0), ".example.com\nexample.org\n", TargetTypes::BOTH,
///     GeneratedRulesType::AllowList, &Order::default(), &Vars::suricata_defaults()).unwrap();
/// let mut q = Query::flow_start(IpProto::Tcp, "10.0.0.5".parse().unwrap(), 40000,
///                               "93.184.216.34".parse().unwrap(), 443)
///     .app_request(AppProto::Tls);
/// q.tls_sni = Some(b"WWW.Example.COM");
/// assert_eq!(list.ruleset.decide(&q, &mut NoAlerts).verdict, Verdict::Pass);
/// q.tls_sni = Some(b"example.net");
/// assert_eq!(list.ruleset.decide(&q, &mut NoAlerts).verdict, Verdict::Drop);
/// ```
pub fn compile_domain_list(
    file: FileId,
    text: &str,
    types: TargetTypes,
    kind: GeneratedRulesType,
    order: &Order,
    vars: &Vars,
) -> Result<CompiledList, CompileError> {
    // Pass 1: validate, count, report.
    let mut diagnostics = Vec::new();
    let (mut n, mut bytes) = (0usize, 0usize);
    for_each_target(file, text, |t, _, mut d| {
        diagnostics.append(&mut d);
        if let Some(t) = t {
            n += 1;
            bytes += t.len();
        }
    });
    let rule_order = if order.strict {
        RuleOrder::StrictOrder
    } else {
        RuleOrder::DefaultActionOrder
    };
    let n32 = u32::try_from(n).map_err(|_| RulesetError::new("too many targets"))?;

    // The shapes, generated for two stand-in targets and loaded as text.
    let stand_in = |s: &str| Target {
        text: s.to_owned(),
        normalized: s.to_owned(),
        span: Span::new(file, 0..0),
    };
    let generated = generate_domain_rules(
        &[stand_in(EXACT), stand_in(WILDCARD)],
        types,
        kind,
        rule_order,
    );
    let mut loader = Loader::new(vars.clone(), Dialect::Aws);
    let shapes_text: String = generated.iter().map(|g| g.text.clone() + "\n").collect();
    loader.add_rules("generated rules", &shapes_text);
    let load = loader.finish();
    if load.has_errors() {
        return Err(CompileError::Shape(load.diagnostics.clone()));
    }
    let shapes: Vec<_> = load.active_rules().collect();
    if shapes.len() != generated.len() {
        return Err(CompileError::Shape(load.diagnostics.clone()));
    }

    // Groups in generation (= sid) order: TLS targets, HTTP targets, then the
    // catch-alls; the stand-in rules come in pairs (exact, wildcard).
    let mut b = RulesetBuilder::new();
    let mut groups = Vec::new();
    let mut sid = 1u32;
    let mut next = 0usize;
    let key = |r: &crate::ir::Rule| (order.rank(action_class(r.action)), priority(r));
    for (on, buffer) in [
        (types.tls_sni, BufferId::TlsSni),
        (types.http_host, BufferId::HttpHost),
    ] {
        if !on {
            continue;
        }
        let (e, w) = (shapes[next], shapes[next + 1]);
        next += 2;
        let exact = b.template(&lower_rule(e))?;
        let wildcard = b.template(&lower_rule(w))?;
        b.reserve(n, buffer, n, bytes);
        groups.push(Group {
            kind: GroupKind::Targets { exact, wildcard },
            first_sid: sid,
            sort_key: key(e),
            base: rule_ref(e),
        });
        sid = sid.saturating_add(n32);
    }
    for r in &shapes[next..] {
        groups.push(Group {
            kind: GroupKind::CatchAll(Box::new(lower_rule(r))),
            first_sid: sid,
            sort_key: key(r),
            base: rule_ref(r),
        });
        sid = sid.saturating_add(1);
    }
    if !order.strict {
        groups.sort_by_key(|g| (g.sort_key, g.first_sid));
    }

    // Pass 2 (per group): stamp the shapes. The first target group reports
    // duplicates (the index sees them).
    let mut report_duplicates = true;
    for g in groups {
        match g.kind {
            GroupKind::CatchAll(spec) => {
                let mut spec = *spec;
                spec.rule.sid = g.first_sid;
                b.push(spec)?;
            }
            GroupKind::Targets { exact, wildcard } => {
                let mut sid = g.first_sid;
                let mut failed = None;
                for_each_target(file, text, |t, span, _| {
                    let Some(t) = t else { return };
                    if failed.is_some() {
                        return;
                    }
                    let shape = if t.starts_with('.') { wildcard } else { exact };
                    let rule = RuleRef { sid, ..g.base };
                    match b.push_templated(shape, rule, t.as_bytes()) {
                        Ok(true) => {}
                        Ok(false) if report_duplicates => diagnostics.push(duplicate(t, span)),
                        Ok(false) => {}
                        Err(e) => failed = Some(e),
                    }
                    sid = sid.wrapping_add(1);
                });
                if let Some(e) = failed {
                    return Err(e.into());
                }
                report_duplicates = false;
            }
        }
    }
    let ruleset = if order.strict {
        let defaults: Vec<_> = order.defaults.iter().map(|&a| default_action(a)).collect();
        b.build_strict(&defaults)?
    } else {
        b.build()?
    };
    Ok(CompiledList {
        ruleset,
        targets: n,
        diagnostics,
    })
}

fn duplicate(target: &str, span: Span) -> Diagnostic {
    Diagnostic::warning(
        Code::AwsTargetInvalid,
        span,
        format!("duplicate domain-list target `{target}`"),
    )
    .with_hint(
        "Ferrule generates rules for every occurrence, in list order (whether AWS \
         removes duplicates is UNVERIFIED); remove the duplicate",
    )
}
