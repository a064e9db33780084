//! `ferrule`: validate Suricata rules and AWS Network Firewall rule groups
//! offline (`check`), print the rules AWS would run (`convert`), and explain how
//! a flow is decided (`explain`), and measure decision speed (`bench`).

mod bench;
mod explain;

#[global_allocator]
static ALLOC: ferrule_benches::decide::CountingAlloc = ferrule_benches::decide::CountingAlloc;

use clap::{Parser, Subcommand, ValueEnum};
use ferrule_compiler::aws;
use ferrule_compiler::diag::{Code, Diagnostic};
use ferrule_compiler::load::{Load, Loader, State};
use ferrule_compiler::net::Vars;
use ferrule_compiler::render;
use ferrule_compiler::span::Span;
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
        format: Format,
        /// Inert rules (keywords Ferrule cannot evaluate) are errors.
        #[arg(long)]
        strict: bool,
        /// Print only errors and the summary.
        #[arg(long, short)]
        quiet: bool,
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
        } => check(&input, format, strict, quiet),
        Cmd::Convert { input } => convert(&input),
        Cmd::Explain(args) => explain::run(&args),
        Cmd::Bench(args) => bench::run(&args),
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
    let vars = build_vars(input)?;
    let dialect = match input.dialect {
        DialectArg::Suricata => Dialect::Suricata,
        DialectArg::Aws => Dialect::Aws,
    };
    let types = target_types(input)?;
    let mut loader = Loader::new(vars.clone(), dialect);
    let mut generated_texts = Vec::new();
    for path in &input.files {
        let name = path.display().to_string();
        match kind_of(path, input) {
            Kind::Rules => {
                if let Err(e) = loader.add_rules_file(path) {
                    let f = loader.add_source(&name, "");
                    loader.report(Diagnostic::error(
                        Code::Io,
                        Span::new(f, 0..0),
                        format!("cannot read {name}: {e}"),
                    ));
                }
            }
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
                let order = if input.strict_order {
                    aws::RuleOrder::StrictOrder
                } else {
                    aws::RuleOrder::DefaultActionOrder
                };
                let rules = aws::generate_domain_rules(&targets, types, kind, order);
                let text: String = rules.iter().map(|r| format!("{}\n", r.text)).collect();
                let prev = loader.vars().clone();
                loader.set_dialect(Dialect::Aws);
                loader.set_strict_order(input.strict_order);
                loader.add_rules(&format!("{name} (generated rules)"), &text);
                loader.set_strict_order(false);
                loader.set_dialect(dialect);
                loader.set_vars(prev);
                generated_texts.push(text);
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
                let (groups, diags) = aws::read_rule_groups(file, &text);
                for d in diags {
                    loader.report(d);
                }
                for (i, g) in groups.iter().enumerate() {
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
                    loader.add_rules(&gname, &rules_text);
                    loader.set_strict_order(false);
                    loader.set_dialect(dialect);
                    loader.set_vars(vars.clone());
                    generated_texts.push(rules_text);
                }
            }
        }
    }
    Ok((loader.finish(), generated_texts))
}

fn check(input: &InputArgs, format: Format, strict: bool, quiet: bool) -> ExitCode {
    let (mut load, _) = match load_inputs(input) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if strict {
        for d in load.diagnostics.iter_mut() {
            if d.code == Code::InertRule || d.code == Code::PcreUnsupported {
                d.severity = ferrule_compiler::diag::Severity::Error;
            }
        }
    }
    let summary = load.summary();
    let failed = load.has_errors();
    let shown: Vec<Diagnostic> = load
        .diagnostics
        .iter()
        .filter(|d| !quiet || d.is_error())
        .cloned()
        .collect();
    match format {
        Format::Json => {
            let out = serde_json::json!({
                "diagnostics": shown.iter().map(|d| render::to_json(&load.sources, d)).collect::<Vec<_>>(),
                "summary": {
                    "loaded": summary.loaded, "rejected": summary.rejected, "skipped": summary.skipped,
                    "inert": summary.inert, "ignored": summary.ignored,
                    "errors": summary.errors, "warnings": summary.warnings,
                },
                "rules": load.outcomes.iter().filter(|o| !matches!(o.state, State::Ignored)).map(|o| serde_json::json!({
                    "file": load.sources.get(o.file).name, "line": o.line,
                    "state": match o.state { State::Loaded(_) => "loaded", State::Rejected => "rejected", State::Skipped => "skipped", State::Ignored => "ignored" },
                })).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Human => {
            if std::io::stderr().is_terminal() {
                let mut w = termcolor::StandardStream::stderr(termcolor::ColorChoice::Auto);
                render::to_color(&mut w, &load.sources, &shown);
            } else {
                eprint!("{}", render::to_text(&load.sources, &shown));
            }
            println!(
                "{} rules: {} loaded ({} inert), {} rejected, {} skipped; {} errors, {} warnings",
                summary.loaded + summary.rejected + summary.skipped,
                summary.loaded,
                summary.inert,
                summary.rejected,
                summary.skipped,
                summary.errors,
                summary.warnings
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
