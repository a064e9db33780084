//! `ferrule`: validate Suricata rules and AWS Network Firewall rule groups
//! offline and lint the policy they make (`check`), print the rules AWS would
//! run (`convert`), explain how a flow is decided (`explain`), replay a
//! capture (`replay`) and measure decision speed (`bench`).

/// `println!` that ends the process quietly when stdout is a closed pipe
/// (`ferrule check | head`): exit status 141, as a shell shows a process
/// that SIGPIPE ended; `println!` panics there.
macro_rules! outln {
    ($($t:tt)*) => { $crate::to_stdout(format_args!("{}\n", format_args!($($t)*))) };
}

/// `print!`, as [`outln!`].
macro_rules! out {
    ($($t:tt)*) => { $crate::to_stdout(format_args!($($t)*)) };
}

/// `eprintln!` that ends the process quietly when stderr is a closed pipe
/// (`ferrule check … 2>&1 | head`: diagnostics go to stderr); another
/// stderr error is ignored (there is nowhere left to say it).
macro_rules! errln {
    ($($t:tt)*) => { $crate::to_stderr(format_args!("{}\n", format_args!($($t)*))) };
}

/// `eprint!`, as [`errln!`].
macro_rules! errout {
    ($($t:tt)*) => { $crate::to_stderr(format_args!($($t)*)) };
}

/// Write to stdout: a closed pipe ends the process quietly (exit 141), any
/// other error is said on stderr (exit 1).
fn to_stdout(text: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let Err(e) = std::io::stdout().lock().write_fmt(text) else {
        return;
    };
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(141);
    }
    errln!("error: cannot write to stdout: {e}");
    std::process::exit(1);
}

/// Write to stderr: a closed pipe ends the process as SIGPIPE would; another
/// error is ignored.
fn to_stderr(text: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    if let Err(e) = std::io::stderr().lock().write_fmt(text) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(141);
        }
    }
}

mod bench;
mod bench_rules;
mod check;
mod explain;
mod inputs;
mod replay;
mod ruleset_args;

#[global_allocator]
static ALLOC: ferrule_benches::decide::CountingAlloc = ferrule_benches::decide::CountingAlloc;

use clap::{Parser, Subcommand, ValueEnum};
use ferrule_compiler::diag::Diagnostic;
use ferrule_compiler::render;
use std::path::PathBuf;
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
        } => check::check(
            &input,
            &check::CheckOpts {
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

fn convert(input: &InputArgs) -> ExitCode {
    let (load, texts) = match inputs::load_inputs(input) {
        Ok(l) => l,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let errors: Vec<Diagnostic> = load
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    errout!("{}", render::to_text(&load.sources, &errors));
    // AWS keeps a sid space per rule group; one Suricata rules file has one.
    let mut seen: std::collections::HashMap<(u32, u32), u16> = std::collections::HashMap::new();
    for r in load.active_rules() {
        match seen.get(&(r.meta.gid, r.meta.sid)) {
            Some(&g) if g != r.meta.group => errln!(
                "warning: sid {} (gid {}) is used by two of the rule groups converted here: AWS keeps a sid space per rule group, but Suricata loading this output as one file keeps only one of them; renumber one group's rules first",
                r.meta.sid, r.meta.gid
            ),
            Some(_) => {}
            None => {
                seen.insert((r.meta.gid, r.meta.sid), r.meta.group);
            }
        }
    }
    if texts.is_empty() {
        // Plain rules: print the canonical text of every loaded rule.
        for r in load.active_rules() {
            outln!("{}", r.to_suricata());
        }
    } else {
        for t in texts {
            out!("{t}");
        }
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
