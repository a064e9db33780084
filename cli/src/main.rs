//! `ferrule`: validate Suricata rules and AWS Network Firewall rule groups
//! offline (`check`), print the rules AWS would run (`convert`), and explain how
//! a flow is decided (`explain`), and measure decision speed (`bench`).

mod bench;
mod explain;
mod replay;
mod ruleset_args;

#[global_allocator]
static ALLOC: ferrule_benches::decide::CountingAlloc = ferrule_benches::decide::CountingAlloc;

use clap::{Parser, Subcommand, ValueEnum};
use ferrule_compiler::aws;
use ferrule_compiler::diag::{Code, Diagnostic, Severity};
use ferrule_compiler::interp::Order;
use ferrule_compiler::ir::{Action, Rule};
use ferrule_compiler::lint::{
    annotate_duplicates, lint, GroupInfo, GroupKind, LintContext, PolicyInfo,
};
use ferrule_compiler::load::{Load, Loader, State};
use ferrule_compiler::net::Vars;
use ferrule_compiler::render;
use ferrule_compiler::render_sarif;
use ferrule_compiler::span::{FileId, Span};
use ferrule_compiler::Dialect;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ferrule",
    version,
    about = "Suricata-compatible rule compiler for firewalls"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

/// `check` output formats.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Human,
    Json,
    /// SARIF 2.1.0, for CI systems (GitHub code scanning, ...).
    Sarif,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum DialectArg {
    Suricata,
    Aws,
}

#[derive(Clone, Copy, ValueEnum)]
enum Generated {
    Allowlist,
    Denylist,
    Rejectlist,
    Alertlist,
}

#[derive(clap::Args)]
struct InputArgs {
    /// Rules files (.rules), domain lists (.txt / --domains) or AWS rule groups (.json/.yaml).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Rule language: suricata (8.0) or aws (Network Firewall, Suricata 7 based).
    #[arg(long, value_enum, default_value = "suricata")]
    dialect: DialectArg,
    /// Define a variable: NAME=VALUE (address group if VALUE looks like addresses, else port group;
    /// force with addr:NAME=... or port:NAME=...).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// Read `vars:` (address-groups, port-groups) from a suricata.yaml.
    #[arg(long, value_name = "YAML")]
    vars_file: Option<PathBuf>,
    /// AWS IP set reference: NAME=CIDR[,CIDR...] (used as @NAME in the aws dialect).
    #[arg(long = "ip-set", value_name = "NAME=CIDRS")]
    ip_sets: Vec<String>,
    /// Treat every file as a plain-text domain list.
    #[arg(long)]
    domains: bool,
    /// Domain list target types.
    #[arg(long, value_delimiter = ',', default_value = "tls,http")]
    types: Vec<String>,
    /// Domain list kind.
    #[arg(long, value_enum, default_value = "allowlist")]
    generated: Generated,
    /// Domain lists in AWS strict order (no generated drop rules).
    #[arg(long)]
    strict_order: bool,
}

#[derive(Subcommand)]
enum Cmd {
    /// Load rules and report every problem with its location; exit 1 if any rule is rejected.
    Check {
        #[command(flatten)]
        input: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// Inert rules (keywords Ferrule cannot evaluate) and policy lint findings are errors.
        #[arg(long)]
        strict: bool,
        /// Print only errors and the summary.
        #[arg(long, short)]
        quiet: bool,
        /// AWS firewall policy (JSON/YAML): rule order, group priorities, stateful default
        /// actions and HOME_NET, for the policy lints.
        #[arg(long, value_name = "POLICY")]
        policy: Option<PathBuf>,
        /// AWS stateful default action (strict order), e.g. aws:drop_established; repeatable,
        /// replaces the policy's.
        #[arg(long = "default-action", value_name = "ACTION", value_delimiter = ',')]
        default_actions: Vec<String>,
        /// Do not run the policy lints (F08xx).
        #[arg(long)]
        no_lints: bool,
    },
    /// Print the Suricata rules a domain list or AWS rule group becomes (or canonical text of rules).
    Convert {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Decide one flow with the reference interpreter and show every rule considered,
    /// per stage, matched or why not, then the decision.
    Explain(explain::ExplainArgs),
    /// Compile an AWS-style allow list from a domain file and measure compile time,
    /// memory and ns/decision against baselines (hash suffix probe, reference interpreter,
    /// RegexSet).
    Bench(bench::BenchArgs),
    /// Replay a capture (pcap / pcapng) through the flow tracker: per-flow verdicts, a
    /// summary, and optionally Suricata-style eve.json records.
    Replay(replay::ReplayArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.cmd {
        Cmd::Check {
            input,
            format,
            strict,
            quiet,
            policy,
            default_actions,
            no_lints,
        } => check(
            &input,
            &CheckOpts {
                format,
                strict,
                quiet,
                policy,
                default_actions,
                no_lints,
            },
        ),
        Cmd::Convert { input } => convert(&input),
        Cmd::Explain(args) => explain::run(&args),
        Cmd::Bench(args) => bench::run(&args),
        Cmd::Replay(args) => replay::run(&args),
    }
}

fn build_vars(input: &InputArgs) -> Result<Vars, String> {
    let mut vars = match &input.vars_file {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            Vars::from_suricata_yaml(&text)
                .map_err(|e| format!("{}: {}", p.display(), e.message))?
        }
        None => Vars::suricata_defaults(),
    };
    for v in &input.vars {
        let (kind, rest) = match v.split_once(':') {
            Some((k @ ("addr" | "port"), r)) => (Some(k), r),
            _ => (None, v.as_str()),
        };
        let Some((name, value)) = rest.split_once('=') else {
            return Err(format!("--var {v}: expected NAME=VALUE"));
        };
        let name = name.trim_start_matches('$');
        let is_port = match kind {
            Some("port") => true,
            Some(_) => false,
            None => {
                name.ends_with("_PORTS")
                    || value
                        .chars()
                        .all(|c| c.is_ascii_digit() || "[]!:, ".contains(c))
            }
        };
        if is_port {
            vars.set_port(name, value);
        } else {
            vars.set_address(name, value);
        }
    }
    for s in &input.ip_sets {
        let Some((name, cidrs)) = s.split_once('=') else {
            return Err(format!("--ip-set {s}: expected NAME=CIDR[,CIDR...]"));
        };
        let list: Vec<String> = cidrs.split(',').map(|c| c.trim().to_string()).collect();
        vars.set_ip_set_reference(name.trim_start_matches('@'), &list);
    }
    Ok(vars)
}

enum Kind {
    Rules,
    Domains,
    Aws,
}

fn kind_of(path: &Path, input: &InputArgs) -> Kind {
    if input.domains {
        return Kind::Domains;
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("json" | "yaml" | "yml" | "template") => Kind::Aws,
        Some("txt" | "lst" | "list" | "domains") => Kind::Domains,
        _ => Kind::Rules,
    }
}

fn target_types(input: &InputArgs) -> Result<aws::TargetTypes, String> {
    let mut t = aws::TargetTypes {
        tls_sni: false,
        http_host: false,
    };
    for ty in &input.types {
        match ty.to_ascii_lowercase().as_str() {
            "tls" | "tls_sni" => t.tls_sni = true,
            "http" | "http_host" => t.http_host = true,
            other => {
                return Err(format!(
                    "--types: unknown target type `{other}` (tls, http)"
                ))
            }
        }
    }
    Ok(t)
}

/// Loads every input; returns the load and, for convert, the generated texts.
fn load_inputs(input: &InputArgs) -> Result<(Load, Vec<String>), String> {
    load_inputs_with(input, None).map(|i| (i.load, i.texts))
}

/// What [`load_inputs_with`] read: the load, the generated texts, and for the
/// policy lints which source each group's rules came from and the policy.
struct Inputs {
    load: Load,
    texts: Vec<String>,
    groups: Vec<GroupInfo>,
    policies: Vec<PolicyInfo>,
    policy: Option<aws::Policy>,
    any_strict_group: bool,
    /// Sources of groups whose policy reference says `DROP_TO_ALERT`.
    drop_to_alert: Vec<FileId>,
    /// Position of each referenced group's source in the policy's evaluation order.
    ranks: Vec<(FileId, usize)>,
}

/// The first line of a source, as the span naming a whole group.
fn first_line(file: FileId, text: &str) -> Span {
    Span::new(file, 0..text.find('\n').unwrap_or(text.len()))
}

/// Loads every input (and the policy, whose `HOME_NET` applies to every group),
/// recording the groups the lints need.
fn load_inputs_with(input: &InputArgs, policy_path: Option<&Path>) -> Result<Inputs, String> {
    let mut vars = build_vars(input)?;
    let dialect = match input.dialect {
        DialectArg::Suricata => Dialect::Suricata,
        DialectArg::Aws => Dialect::Aws,
    };
    let types = target_types(input)?;
    let mut loader = Loader::new(vars.clone(), dialect);
    let mut generated_texts = Vec::new();
    let mut groups: Vec<GroupInfo> = Vec::new();
    let mut read_groups: Vec<(aws::RuleGroup, usize)> = Vec::new();
    let mut policy: Option<aws::Policy> = None;
    let mut policies: Vec<PolicyInfo> = Vec::new();
    if let Some(p) = policy_path {
        let name = p.display().to_string();
        let text = std::fs::read_to_string(p).map_err(|e| format!("{name}: {e}"))?;
        let file = loader.add_source(&name, &text);
        let (pol, diags) = aws::read_policy(file, &text);
        for d in diags {
            loader.report(d);
        }
        let pol = pol.ok_or_else(|| format!("{name}: no firewall policy found"))?;
        if let Some(home) = &pol.home_net {
            vars.set_address("HOME_NET", &format!("[{}]", home.join(",")));
            loader.set_vars(vars.clone());
        }
        policies.push(PolicyInfo {
            name: pol.name.clone().or(pol.resource.clone()).unwrap_or(name),
            span: pol.span,
            rule_order: pol.rule_order,
            default_actions: pol.stateful_default_actions.clone(),
        });
        policy = Some(pol);
    }
    let order_flag = if input.strict_order {
        aws::RuleOrder::StrictOrder
    } else {
        aws::RuleOrder::DefaultActionOrder
    };
    let mut any_strict_group = false;
    let mut drop_to_alert = Vec::new();
    let mut ranks = Vec::new();
    for path in &input.files {
        let name = path.display().to_string();
        match kind_of(path, input) {
            Kind::Rules => match loader.add_rules_file(path) {
                Ok(file) => groups.push(GroupInfo {
                    name: name.clone(),
                    kind: GroupKind::Rules,
                    aws: dialect == Dialect::Aws,
                    rule_order: order_flag,
                    file: Some(file),
                    span: Span::new(file, 0..0),
                    declared_capacity: None,
                    capacity: 0,
                    capacity_checked: false,
                    policy: None,
                }),
                Err(e) => {
                    let f = loader.add_source(&name, "");
                    loader.report(Diagnostic::error(
                        Code::Io,
                        Span::new(f, 0..0),
                        format!("cannot read {name}: {e}"),
                    ));
                }
            },
            Kind::Domains => {
                let text = match std::fs::read_to_string(path) {
                    Ok(t) => t,
                    Err(e) => {
                        let f = loader.add_source(&name, "");
                        loader.report(Diagnostic::error(
                            Code::Io,
                            Span::new(f, 0..0),
                            format!("cannot read {name}: {e}"),
                        ));
                        continue;
                    }
                };
                let file = loader.add_source(&name, &text);
                let (targets, diags) = aws::parse_domain_list(file, &text);
                for d in diags {
                    loader.report(d);
                }
                let kind = match input.generated {
                    Generated::Allowlist => aws::GeneratedRulesType::AllowList,
                    Generated::Denylist => aws::GeneratedRulesType::DenyList,
                    Generated::Rejectlist => aws::GeneratedRulesType::RejectList,
                    Generated::Alertlist => aws::GeneratedRulesType::AlertList,
                };
                let rules = aws::generate_domain_rules(&targets, types, kind, order_flag);
                let text_rules: String = rules.iter().map(|r| format!("{}\n", r.text)).collect();
                let prev = loader.vars().clone();
                loader.set_dialect(Dialect::Aws);
                loader.set_strict_order(input.strict_order);
                let gen = loader.add_rules(&format!("{name} (generated rules)"), &text_rules);
                loader.set_strict_order(false);
                loader.set_dialect(dialect);
                loader.set_vars(prev);
                any_strict_group |= input.strict_order;
                groups.push(GroupInfo {
                    name: name.clone(),
                    kind: GroupKind::DomainList {
                        kind,
                        types,
                        targets: targets.len(),
                    },
                    aws: true,
                    rule_order: order_flag,
                    file: Some(gen),
                    span: first_line(file, &text),
                    declared_capacity: None,
                    capacity: aws::domain_list_capacity(targets.len(), types),
                    capacity_checked: false,
                    policy: None,
                });
                generated_texts.push(text_rules);
            }
            Kind::Aws => {
                let text = match std::fs::read_to_string(path) {
                    Ok(t) => t,
                    Err(e) => {
                        let f = loader.add_source(&name, "");
                        loader.report(Diagnostic::error(
                            Code::Io,
                            Span::new(f, 0..0),
                            format!("cannot read {name}: {e}"),
                        ));
                        continue;
                    }
                };
                let file = loader.add_source(&name, &text);
                let (found, diags) = aws::read_rule_groups(file, &text);
                for d in diags {
                    loader.report(d);
                }
                for (i, g) in found.into_iter().enumerate() {
                    let mut gvars = vars.clone();
                    for (n, defs) in &g.ip_sets {
                        gvars.set_address(n, &format!("[{}]", defs.join(",")));
                    }
                    for (n, defs) in &g.port_sets {
                        gvars.set_port(n, &format!("[{}]", defs.join(",")));
                    }
                    let rules_text = g.rules_text();
                    let gname = match &g.name {
                        Some(n) => format!("{name} ({n})"),
                        None => format!("{name} (group {})", i + 1),
                    };
                    loader.set_vars(gvars);
                    loader.set_dialect(Dialect::Aws);
                    loader.set_strict_order(g.rule_order == aws::RuleOrder::StrictOrder);
                    let gen = loader.add_rules(&gname, &rules_text);
                    loader.set_strict_order(false);
                    loader.set_dialect(dialect);
                    loader.set_vars(vars.clone());
                    generated_texts.push(rules_text);
                    any_strict_group |= g.rule_order == aws::RuleOrder::StrictOrder;
                    let reference = policy
                        .as_ref()
                        .and_then(|p| p.stateful_groups.iter().find(|r| r.refers_to(&g)));
                    if reference.is_some_and(|r| r.drop_to_alert) {
                        drop_to_alert.push(gen);
                    }
                    if let Some(p) = &policy {
                        if let Some(at) = p.groups_in_order().iter().position(|r| r.refers_to(&g)) {
                            ranks.push((gen, at));
                        }
                    }
                    groups.push(GroupInfo {
                        name: g.name.clone().unwrap_or_else(|| gname.clone()),
                        kind: match &g.source {
                            aws::RuleGroupSource::DomainList {
                                targets,
                                types,
                                kind,
                            } => GroupKind::DomainList {
                                kind: *kind,
                                types: *types,
                                targets: targets.len(),
                            },
                            aws::RuleGroupSource::Stateless { .. } => GroupKind::Stateless,
                            _ => GroupKind::Rules,
                        },
                        aws: true,
                        rule_order: g.rule_order,
                        file: Some(gen),
                        span: g.span,
                        declared_capacity: g.capacity,
                        capacity: g.capacity_estimate(),
                        capacity_checked: true,
                        policy: reference.map(|_| 0),
                    });
                    read_groups.push((g, groups.len() - 1));
                }
            }
        }
    }
    if let Some(pol) = &policy {
        let gs: Vec<aws::RuleGroup> = read_groups.iter().map(|(g, _)| g.clone()).collect();
        for d in pol.check_groups(&gs) {
            loader.report(d);
        }
    }
    let load = loader.finish();
    // Rules files: span and capacity (one per rule, as AWS counts) from the load.
    for g in groups
        .iter_mut()
        .filter(|g| g.kind == GroupKind::Rules && !g.capacity_checked)
    {
        if let Some(f) = g.file {
            g.span = first_line(f, &load.sources.get(f).text);
            g.capacity = load
                .outcomes
                .iter()
                .filter(|o| o.file == f && !matches!(o.state, State::Ignored))
                .count() as u32;
        }
    }
    Ok(Inputs {
        load,
        texts: generated_texts,
        groups,
        policies,
        policy,
        any_strict_group,
        drop_to_alert,
        ranks,
    })
}

/// `check`'s options.
struct CheckOpts {
    format: CheckFormat,
    strict: bool,
    quiet: bool,
    policy: Option<PathBuf>,
    default_actions: Vec<String>,
    no_lints: bool,
}

/// The decision order for the lints: strict order from `--strict-order`, a
/// strict-order group or the policy; the stateful default actions from
/// `--default-action` or the policy (as `explain` builds it).
fn check_order(input: &InputArgs, inputs: &Inputs, opts: &CheckOpts) -> Result<Order, String> {
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
fn run_lints(inputs: &Inputs, order: &Order) -> Vec<Diagnostic> {
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

fn check(input: &InputArgs, opts: &CheckOpts) -> ExitCode {
    let mut inputs = match load_inputs_with(input, opts.policy.as_deref()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let order = match check_order(input, &inputs, opts) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut findings = if opts.no_lints {
        Vec::new()
    } else {
        run_lints(&inputs, &order)
    };
    let groups = std::mem::take(&mut inputs.groups);
    let load = &mut inputs.load;
    annotate_duplicates(&mut load.diagnostics, &groups);
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
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        CheckFormat::Sarif => {
            let out = render_sarif::to_sarif(&load.sources, &shown);
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        CheckFormat::Human => {
            if std::io::stderr().is_terminal() {
                let mut w = termcolor::StandardStream::stderr(termcolor::ColorChoice::Auto);
                render::to_color(&mut w, &load.sources, &shown);
            } else {
                eprint!("{}", render::to_text(&load.sources, &shown));
            }
            println!(
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

fn convert(input: &InputArgs) -> ExitCode {
    let (load, texts) = match load_inputs(input) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let errors: Vec<Diagnostic> = load
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    eprint!("{}", render::to_text(&load.sources, &errors));
    if texts.is_empty() {
        // Plain rules: print the canonical text of every loaded rule.
        for r in load.active_rules() {
            println!("{}", r.to_suricata());
        }
    } else {
        for t in texts {
            print!("{t}");
        }
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
