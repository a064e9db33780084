//! `ferrule bench --rules FILE`: the user's own rules (Suricata dialect) instead
//! of a generated allow list. Loads and builds them, draws a seeded query
//! stream of one app protocol from the names the rules look for (1/3 as
//! written, half of those with an uppercase first letter, 1/3 `www.` + a
//! name, 1/3 unlisted names), checks the compiled decisions and alerts
//! against the reference interpreter on a sample, and prints load time, how
//! the rules are evaluated and ns/decision against the reference, measured
//! in this run.

use crate::bench::{measure, unlisted_names, BenchArgs};
use crate::Format;
use ferrule_benches::blocklist::{
    alerting, buffer_contents, query_names, reference_alerts, CountAlerts, QueryApp,
};
use ferrule_compiler::build::build;
use ferrule_compiler::interp::{decide_flow, decision_order, FlowQueries, Order};
use ferrule_compiler::ir::Rule;
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;
use ferrule_matcher::{Query, RuleRef};
use std::hint::black_box;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// The app protocol of the query stream.
#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
pub enum BenchApp {
    /// DNS requests (`dns.query`).
    Dns,
    /// TLS ClientHellos (`tls.sni`).
    Tls,
    /// HTTP/1 requests (`http.host`).
    Http,
}

impl From<BenchApp> for QueryApp {
    fn from(a: BenchApp) -> QueryApp {
        match a {
            BenchApp::Dns => QueryApp::Dns,
            BenchApp::Tls => QueryApp::Tls,
            BenchApp::Http => QueryApp::Http,
        }
    }
}

fn sids(alerts: &[RuleRef]) -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = alerts.iter().map(|r| (r.gid, r.sid)).collect();
    v.sort_unstable();
    v
}

pub fn run(args: &BenchArgs, path: &Path) -> ExitCode {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            errln!("error: cannot read {}: {e}", path.display());
            return ExitCode::from(1);
        }
    };
    let t0 = Instant::now();
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    loader.add_rules(&path.display().to_string(), &text);
    let load = loader.finish();
    let summary = load.summary();
    let rules: Vec<Rule> = load.active_rules().cloned().collect();
    drop(load);
    let order = Order::default();
    let ruleset = match build(&rules, &order) {
        Ok(r) => r,
        Err(e) => {
            errln!("error: build: {e}");
            return ExitCode::from(1);
        }
    };
    let compile_ms = t0.elapsed().as_secs_f64() * 1e3;
    let deciding = rules.iter().filter(|r| !r.is_inert()).count();

    let app = QueryApp::from(args.app);
    let markers = app.markers();
    let names = buffer_contents(&text, markers);
    if names.is_empty() {
        errln!(
            "error: {}: no {} contents to draw query names from (try another --app)",
            path.display(),
            markers[0].trim_end_matches(';')
        );
        return ExitCode::from(1);
    }
    let unlisted = match unlisted_names(args) {
        Ok(u) => u.unwrap_or_default(),
        Err(code) => return code,
    };
    let qnames = query_names(&names, &unlisted, args.queries.max(1), args.seed);
    let queries: Vec<Query> = qnames.iter().map(|n| app.query(n)).collect();

    // Agreement with the reference interpreter on a sample: verdict, deciding
    // rule and the set of alerts.
    let sample = &queries[..args.reference_queries.clamp(1, queries.len())];
    let mut mismatches = 0usize;
    for q in sample {
        let mut got = Vec::new();
        let d = ruleset.decide_flow(std::slice::from_ref(q), &mut got);
        let want = decide_flow(&rules, &order, &FlowQueries { queries: vec![*q] });
        mismatches += (d != want.decision || sids(&got) != sids(&want.alerts)) as usize;
    }
    let alerting = alerting(&ruleset, &queries);

    let rounds = args.rounds.max(1);
    let ferrule_ns = measure(&queries, rounds, |q| {
        black_box(ruleset.decide(black_box(q), &mut CountAlerts::default()));
    });
    let sorted = decision_order(&rules, &order);
    let reference_ns = measure(sample, rounds, |q| {
        black_box(reference_alerts(&rules, &sorted, black_box(q)));
    });
    let indexed = ruleset.indexed_rule_count();
    match args.format {
        Format::Json => {
            let out = serde_json::json!({
                "rules_file": path.display().to_string(),
                "app": app.name(),
                "rules_loaded": summary.loaded,
                "rules_rejected": summary.rejected,
                "rules_deciding": deciding,
                "rules_indexed": indexed,
                "prefilters": ruleset.prefilter_count(),
                "fast_plans": ruleset.fast_plans(),
                "compile_ms": compile_ms,
                "queries": queries.len(),
                "alerting_queries": alerting,
                "ferrule_ns": ferrule_ns,
                "reference_ns": reference_ns,
                "ratio_reference": reference_ns / ferrule_ns,
                "reference_queries": sample.len(),
                "mismatches": mismatches,
            });
            outln!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Human => {
            outln!(
                "rules: {} loaded ({} decide, {} inert), {} rejected; load + build {compile_ms:.1} ms",
                summary.loaded,
                deciding,
                summary.loaded - deciding,
                summary.rejected
            );
            outln!(
                "evaluation: {indexed} rules proposed by a name index, {} prefilter automata, {} app protocols on the fast path",
                ruleset.prefilter_count(),
                ruleset.fast_plans()
            );
            outln!(
                "queries: {} {} (seed {:#x}), names from {} {} contents; {alerting} alert; {mismatches} mismatches with the reference on {}",
                queries.len(),
                app.name(),
                args.seed,
                names.len(),
                markers[0].trim_end_matches(';'),
                sample.len()
            );
            outln!("ns/decision (median of {rounds} rounds):");
            outln!("  ferrule    {ferrule_ns:12.1}");
            outln!(
                "  reference  {reference_ns:12.1}  (÷ ferrule = {:.1}; {} queries)",
                reference_ns / ferrule_ns,
                sample.len()
            );
        }
    }
    if mismatches > 0 {
        errln!(
            "error: {mismatches} decisions disagree between Ferrule and the reference interpreter"
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
