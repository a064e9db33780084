//! Policy lints (F08xx): what `ferrule check` tells an admin about how the
//! rules *decide together*, which neither Suricata's loader nor AWS's console
//! reports. Each lint is a module with one job; every finding is a
//! [`Diagnostic`] with a stable code, the spans of every rule involved, a
//! plain explanation and a fix.
//!
//! Lints never guess: where a proof is out of reach (a `pcre`, a content
//! chain they cannot compare) they say nothing rather than claim something
//! false.

use crate::diag::Diagnostic;
use crate::interp::Order;
use crate::ir::Rule;
use crate::span::SourceMap;

mod handshake;
mod model;
mod shadow;

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
}

/// Run every lint; findings in rule order.
pub fn lint(ctx: &LintContext<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    handshake::lint(ctx, &mut out);
    shadow::lint(ctx, &mut out);
    out.sort_by_key(|d| (d.span.file, d.span.start));
    out
}
