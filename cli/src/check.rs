//! `ferrule check`: load every input, report each problem with its location,
//! then run the policy lints (F08xx) on the rules that loaded.

use crate::inputs::{load_inputs_with, Inputs};
use crate::{CheckFormat, InputArgs};
use ferrule_compiler::aws;
use ferrule_compiler::diag::{Code, Diagnostic, Severity};
use ferrule_compiler::interp::Order;
use ferrule_compiler::ir::{Action, Rule};
use ferrule_compiler::lint::{lint, LintContext};
use ferrule_compiler::load::State;
use ferrule_compiler::render;
use ferrule_compiler::render_sarif;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// `check`'s options.
pub(crate) struct CheckOpts {
    pub(crate) format: CheckFormat,
    pub(crate) strict: bool,
    pub(crate) quiet: bool,
    pub(crate) policy: Option<PathBuf>,
    pub(crate) default_actions: Vec<String>,
    pub(crate) no_lints: bool,
}

/// The decision order for the lints: strict order from `--strict-order`, a
/// strict-order group or the policy; the stateful default actions from
/// `--default-action` or the policy (as `explain` builds it).
pub(crate) fn check_order(
    input: &InputArgs,
    inputs: &Inputs,
    opts: &CheckOpts,
) -> Result<Order, String> {
    let strict = input.strict_order
        || inputs.any_strict_group
        || inputs
            .policy
            .as_ref()
            .is_some_and(|p| p.rule_order == aws::RuleOrder::StrictOrder);
    let mut defaults = Vec::new();
    for a in &opts.default_actions {
        defaults.push(
            aws::StatefulDefaultAction::from_aws(a.trim()).ok_or_else(|| {
                format!(
                    "--default-action `{a}`: expected aws:drop_strict, aws:drop_established, \
                 aws:drop_established_app_layer[_to_server], aws:alert_strict, \
                 aws:alert_established or aws:alert_established_app_layer[_to_server]"
                )
            })?,
        );
    }
    if defaults.is_empty() {
        if let Some(p) = &inputs.policy {
            defaults = p.stateful_default_actions.clone();
        }
    }
    if defaults.iter().filter(|d| d.is_drop()).count() > 1 {
        return Err("at most one drop default action (AWS: choose none or one)".into());
    }
    if !defaults.is_empty() && !strict {
        return Err("stateful default actions apply only in strict order (--strict-order or a STRICT_ORDER policy)".into());
    }
    Ok(if strict {
        Order::strict(defaults)
    } else {
        Order::default()
    })
}

/// Runs the policy lints on the loaded rules (rejected rules are left out; the
/// others are linted even when some were rejected). In strict order with a
/// policy, groups are laid out by the policy's priorities.
pub(crate) fn run_lints(inputs: &Inputs, order: &Order) -> Vec<Diagnostic> {
    let load = &inputs.load;
    let mut rules: Vec<Rule> = load.active_rules().cloned().collect();
    for r in rules.iter_mut() {
        if r.action == Action::Drop && inputs.drop_to_alert.contains(&r.span.file) {
            r.action = Action::Alert;
        }
    }
    if order.strict && !inputs.ranks.is_empty() {
        // Referenced groups first, by policy priority; the rest as given.
        rules.sort_by_key(|r| {
            inputs
                .ranks
                .iter()
                .find(|(f, _)| *f == r.span.file)
                .map_or(usize::MAX, |(_, at)| *at)
        });
    }
    let ctx = LintContext {
        rules: &rules,
        order,
        sources: &load.sources,
        groups: &inputs.groups,
        policies: &inputs.policies,
    };
    lint(&ctx)
}

pub(crate) fn check(input: &InputArgs, opts: &CheckOpts) -> ExitCode {
    let mut inputs = match load_inputs_with(input, opts.policy.as_deref()) {
        Ok(l) => l,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let order = match check_order(input, &inputs, opts) {
        Ok(o) => o,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut findings = if opts.no_lints {
        Vec::new()
    } else {
        run_lints(&inputs, &order)
    };
    let load = &mut inputs.load;
    if opts.strict {
        for d in load.diagnostics.iter_mut() {
            if d.code == Code::InertRule || d.code == Code::PcreUnsupported {
                d.severity = Severity::Error;
            }
        }
        for d in findings.iter_mut() {
            d.severity = Severity::Error;
        }
    }
    let mut summary = load.summary();
    for d in &findings {
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Note => {}
        }
    }
    let failed = load.has_errors() || findings.iter().any(Diagnostic::is_error);
    let shown: Vec<Diagnostic> = load
        .diagnostics
        .iter()
        .chain(&findings)
        .filter(|d| !opts.quiet || d.is_error())
        .cloned()
        .collect();
    match opts.format {
        CheckFormat::Json => {
            let out = serde_json::json!({
                "diagnostics": shown.iter().map(|d| render::to_json(&load.sources, d)).collect::<Vec<_>>(),
                "summary": {
                    "loaded": summary.loaded, "rejected": summary.rejected, "skipped": summary.skipped,
                    "inert": summary.inert, "ignored": summary.ignored,
                    "errors": summary.errors, "warnings": summary.warnings,
                    "lints": findings.len(),
                },
                "rules": load.outcomes.iter().filter(|o| !matches!(o.state, State::Ignored)).map(|o| serde_json::json!({
                    "file": load.sources.get(o.file).name, "line": o.line,
                    "state": match o.state { State::Loaded(_) => "loaded", State::Rejected => "rejected", State::Skipped => "skipped", State::Ignored => "ignored" },
                })).collect::<Vec<_>>(),
            });
            outln!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        CheckFormat::Sarif => {
            let out = render_sarif::to_sarif(&load.sources, &shown);
            outln!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        CheckFormat::Human => {
            if std::io::stderr().is_terminal() {
                let mut w = termcolor::StandardStream::stderr(termcolor::ColorChoice::Auto);
                render::to_color(&mut w, &load.sources, &shown);
            } else {
                errout!("{}", render::to_text(&load.sources, &shown));
            }
            outln!(
                "{} rules: {} loaded ({} inert), {} rejected, {} skipped; {} errors, {} warnings ({} from policy lints)",
                summary.loaded + summary.rejected + summary.skipped,
                summary.loaded,
                summary.inert,
                summary.rejected,
                summary.skipped,
                summary.errors,
                summary.warnings,
                findings.len()
            );
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
