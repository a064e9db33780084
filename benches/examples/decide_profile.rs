//! Profiling harness: compile an allow list from a domain file (direct path)
//! and decide a seeded TLS query stream in a loop, for `perf record`.
//!
//! `cargo run --release -p ferrule-benches --example decide_profile -- DOMAINS [UNLISTED] [SECONDS] [hash]`
//!
//! Modes (the 4th argument): `hash` runs the `hash_suffix` baseline instead
//! (`HashSuffix::allows`); `exact` only its first probe (the lowercased name
//! in the set, no parent suffix: the cost of one hash probe, a floor for any
//! hash-based decision); `hits` / `misses` decide only the queries whose
//! name is / is not listed (what a hit and a miss cost apart from
//! mispredicting which one comes). BENCHMARKS.md (decide) has the numbers.

use ferrule_benches::decide::{query_names, read_names, tls_query, HashSuffix, SEED};
use ferrule_compiler::aws::{compile_domain_list, GeneratedRulesType, TargetTypes};
use ferrule_compiler::interp::Order;
use ferrule_compiler::net::Vars;
use ferrule_compiler::span::FileId;
use ferrule_matcher::NoAlerts;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("domain file");
    let unlisted = args
        .get(2)
        .map(|p| read_names(&std::fs::read_to_string(p).expect("unlisted file")))
        .unwrap_or_default();
    let secs: f64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let names = read_names(&text);
    let t0 = Instant::now();
    let list = compile_domain_list(
        FileId(0),
        &text,
        TargetTypes::BOTH,
        GeneratedRulesType::AllowList,
        &Order::default(),
        &Vars::suricata_defaults(),
    )
    .expect("compiles");
    eprintln!(
        "compiled {} targets in {:?} ({} prefilters, {} index keys)",
        list.targets,
        t0.elapsed(),
        list.ruleset.prefilter_count(),
        list.ruleset.index_key_count()
    );
    let hs = HashSuffix::new(&names);
    let (mut qs, _) = query_names(&names, hs.set(), &unlisted, 8192, SEED);
    let mode = args.get(4).map(String::as_str);
    match mode {
        Some("hits") => qs.retain(|n| hs.set().contains(n)),
        Some("misses") => qs.retain(|n| !hs.set().contains(n)),
        _ => {}
    }
    let queries: Vec<_> = qs.iter().map(|n| tls_query(n)).collect();
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs_f64(secs) {
        if mode == Some("hash") {
            for q in &queries {
                black_box(hs.allows(black_box(q.tls_sni.unwrap_or_default())));
            }
        } else if mode == Some("exact") {
            for q in &queries {
                black_box(hs.contains_exact(black_box(q.tls_sni.unwrap_or_default())));
            }
        } else {
            for q in &queries {
                black_box(list.ruleset.decide(black_box(q), &mut NoAlerts));
            }
        }
        n += queries.len() as u64;
    }
    eprintln!(
        "{:.1} ns/decision ({} decisions)",
        start.elapsed().as_nanos() as f64 / n as f64,
        n
    );
}
