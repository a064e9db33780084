//! Policy lints (F08xx): what `ferrule check` tells an admin about how the
//! rules *decide together*, which neither Suricata's loader nor AWS's console
//! reports. Each lint is a module with one job; every finding is a
//! [`Diagnostic`] with a stable code, the spans of every rule involved, a
//! plain explanation and a fix.
//!
//! Lints never guess: where a proof is out of reach (a `pcre`, a content
//! chain they cannot compare) they say nothing rather than claim something
//! false.

use crate::aws::{GeneratedRulesType, RuleOrder, StatefulDefaultAction, TargetTypes};
use crate::diag::Diagnostic;
use crate::interp::Order;
use crate::ir::Rule;
use crate::span::{FileId, SourceMap, Span};

mod groups;
mod handshake;
mod model;
mod names;
mod scope;
mod shadow;
mod split;
mod util;

/// What kind of rules an input group holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// Suricata rules: a rules file, a `RulesString` or standard stateful rules.
    Rules,
    /// An AWS domain list (a text list or a `RulesSourceList`).
    DomainList {
        /// `GeneratedRulesType`.
        kind: GeneratedRulesType,
        /// `TargetTypes`.
        types: TargetTypes,
        /// Number of valid targets.
        targets: usize,
    },
    /// A stateless AWS rule group (no Suricata rules).
    Stateless,
}

/// One input group: a rules file, a domain list or an AWS rule group, with the
/// source its rules were loaded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInfo {
    /// Display name (file name, with the AWS group name when it has one).
    pub name: String,
    /// What it holds.
    pub kind: GroupKind,
    /// True when it is an AWS rule group or domain list (AWS quotas apply).
    pub aws: bool,
    /// The group's rule order.
    pub rule_order: RuleOrder,
    /// The source its rules were loaded from (rules are in it when
    /// `rule.span.file == file`).
    pub file: Option<FileId>,
    /// Where the group is defined (the domain list, the group's JSON object, the
    /// rules file).
    pub span: Span,
    /// `Capacity` as declared, when given.
    pub declared_capacity: Option<u32>,
    /// The capacity AWS charges for the rules (SEMANTICS §5.8).
    pub capacity: u32,
    /// True when the loader already compared the capacity with the AWS limit
    /// (rule groups read from AWS JSON/YAML).
    pub capacity_checked: bool,
    /// Index into [`LintContext::policies`] of the policy that references it.
    pub policy: Option<usize>,
}

/// An AWS firewall policy, as far as the lints need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyInfo {
    /// Display name.
    pub name: String,
    /// Where it is defined.
    pub span: Span,
    /// The policy's rule order.
    pub rule_order: RuleOrder,
    /// `StatefulDefaultActions`.
    pub default_actions: Vec<StatefulDefaultAction>,
}

/// What the lints look at.
pub struct LintContext<'a> {
    /// The active rules, in load order (for a strict-order policy: in the
    /// policy's order).
    pub rules: &'a [Rule],
    /// How they decide (action order, or AWS strict order with its stateful
    /// default actions).
    pub order: &'a Order,
    /// The sources the rules came from.
    pub sources: &'a SourceMap,
    /// The input groups (rules files, domain lists, AWS rule groups) and which
    /// source each one's rules came from; empty when unknown.
    pub groups: &'a [GroupInfo],
    /// The AWS firewall policies read; empty when none.
    pub policies: &'a [PolicyInfo],
}

impl<'a> LintContext<'a> {
    /// A context with no group or policy information.
    pub fn new(rules: &'a [Rule], order: &'a Order, sources: &'a SourceMap) -> Self {
        LintContext {
            rules,
            order,
            sources,
            groups: &[],
            policies: &[],
        }
    }

    /// The group a rule was loaded from, if known.
    pub fn group_of(&self, rule: &Rule) -> Option<&'a GroupInfo> {
        self.groups.iter().find(|g| g.file == Some(rule.span.file))
    }
}

/// Run every lint; findings in rule order.
pub fn lint(ctx: &LintContext<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    handshake::lint(ctx, &mut out);
    split::lint(ctx, &mut out);
    shadow::lint(ctx, &mut out);
    groups::lint(ctx, &mut out);
    names::lint(ctx, &mut out);
    scope::lint(ctx, &mut out);
    out.sort_by_key(|d| (d.span.file, d.span.start));
    out
}
