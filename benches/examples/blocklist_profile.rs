//! Profiling harness for the generic path: load a rules file (Suricata
//! dialect; rejected rules are dropped and counted), build it, and decide a
//! seeded DNS query stream (names from the rules' `dns.query` / `dns_query`
//! contents, `www.` + them, and unlisted names) in a loop, for `perf record`
//! or callgrind.
//!
//! `cargo run --release -p ferrule-benches --example blocklist_profile -- RULES [UNLISTED] [SECONDS] [dns|dns-first|tls|http]`
//!
//! The 4th argument picks the queries: DNS (default), TLS SNI or HTTP Host,
//! with names from the rules' contents of that buffer; `dns-first` asks the DNS
//! queries as a UDP flow's first datagram (`Query::first_packet`).
//!
//! Prints ns/decision and the number of queries that alerted.

use ferrule_benches::blocklist::{alerting, buffer_contents, query_names, CountAlerts, QueryApp};
use ferrule_benches::decide::{read_names, SEED};
use ferrule_compiler::build::build;
use ferrule_compiler::interp::Order;
use ferrule_compiler::ir::Rule;
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("rules file");
    let unlisted = args
        .get(2)
        .map(|p| read_names(&std::fs::read_to_string(p).expect("unlisted file")))
        .unwrap_or_default();
    let secs: f64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let t0 = Instant::now();
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    loader.add_rules("rules", &text);
    let load = loader.finish();
    let rules: Vec<Rule> = load.active_rules().cloned().collect();
    let summary = load.summary();
    drop(load);
    let ruleset = build(&rules, &Order::default()).expect("builds");
    eprintln!(
        "{} rules ({summary:?}) in {:?}: {} prefilters, {} index keys, {} rules indexed",
        rules.len(),
        t0.elapsed(),
        ruleset.prefilter_count(),
        ruleset.index_key_count(),
        ruleset.indexed_rule_count()
    );
    let mode = args.get(4).map(String::as_str);
    let app = match mode {
        Some("tls") => QueryApp::Tls,
        Some("http") => QueryApp::Http,
        _ => QueryApp::Dns,
    };
    let names = buffer_contents(&text, app.markers());
    let qs = query_names(&names, &unlisted, 8192, SEED);
    // `dns-first`: the request as the flow tracker asks a UDP DNS flow's
    // first datagram (one packet with the flow start, not established).
    let first = mode == Some("dns-first");
    let queries: Vec<_> = qs
        .iter()
        .map(|n| {
            let mut q = app.query(n);
            if first {
                q.first_packet = true;
                q.established = false;
            }
            q
        })
        .collect();
    let alerted = alerting(&ruleset, &queries);
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs_f64(secs) {
        let mut sink = CountAlerts::default();
        for q in &queries {
            black_box(ruleset.decide(black_box(q), &mut sink));
        }
        n += queries.len() as u64;
    }
    let ns = start.elapsed().as_secs_f64() * 1e9 / n as f64;
    println!(
        "{ns:.1} ns/decision ({n} decisions; {alerted} of {} queries alert)",
        queries.len()
    );
}
