//! `decide`: ns per decision of the compiled `Ruleset` on an AWS-style allow list
//! (TLS SNI and HTTP Host, `DEFAULT_ACTION_ORDER`, generated rules) built from the
//! first N names of `../shared/corpus/domains/stevenblack-hosts-unified.domains.txt`,
//! against baselines measured in the same run:
//!
//! - `hash_suffix`: an `FxHashSet` of the names probed with the host and each parent
//!   suffix;
//! - `reference`: the reference interpreter, rule by rule in decision order (10k only,
//!   64 queries);
//! - `regexset`: `regex::bytes::RegexSet` of the names (10k only);
//! - `hash_exact` (not a decision, a floor): the first probe of `hash_suffix`
//!   alone, the lowercased name in the set.
//!
//! Queries: TLS `AppRequest` with `tls_sni`, a seeded stream (`decide::SEED`) of
//! 8,192 names: 1/3 listed, 1/3 `www.` + listed, 1/3 Umbrella top-100k names not in
//! the list. Every element of a group is one decision; ns/decision = time / elements.
//! 1M: the list has 140,626 names; the rest are seeded synthetic names
//! `{label}.{listed name}` (`decide::synthetic_names`).
//!
//! `blocklist/threatfox`: see [`blocklist_benches`].
//!
//! Groups: `decide/N` (ns per decision = time / elements), `threads/N` (the
//! same 2 x 8,192 decisions on 1 thread and on 2 threads sharing the
//! `Ruleset`), `compile/N` (domain list -> `Ruleset`; at 10k also the
//! generated rules text -> load -> build). Memory is printed to stderr.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ferrule_benches::blocklist;
use ferrule_benches::decide::{
    self, allow_list_text, compile, compile_direct, compile_direct_measured, query_names,
    read_names, reference_verdict, regex_set, synthetic_names, tls_query, CountingAlloc,
    HashSuffix,
};
use ferrule_matcher::{NoAlerts, Verdict};
use std::hint::black_box;
use std::path::Path;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

const QUERIES: usize = 8192;
const REFERENCE_QUERIES: usize = 64;

fn corpus(name: &str) -> Option<String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/domains")
        .join(name);
    match std::fs::read_to_string(&p) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!("SKIP decide: {} not found", p.display());
            None
        }
    }
}

fn bench_size(c: &mut Criterion, all: &[String], umbrella: &[String], n: usize, label: &str) {
    // The real list first; above its length, seeded synthetic names.
    let names = &synthetic_names(all, n, decide::SEED);
    let list: String = names.iter().map(|n| format!("{n}\n")).collect();
    let (ruleset, t, mem) = compile_direct_measured(&list).expect("allow list compiles");
    eprintln!(
        "decide/{label}: {} domains ({} synthetic), {} rules; compile {:.1} ms; \
         ruleset heap {} B ({:.1} B/domain); compile peak heap +{} B ({:.1} B/domain); \
         compile peak RSS +{} B ({:.1} B/domain)",
        n,
        n.saturating_sub(all.len()),
        ruleset.len(),
        t.as_secs_f64() * 1e3,
        mem.ruleset_bytes,
        mem.ruleset_bytes as f64 / n as f64,
        mem.peak_heap_bytes,
        mem.peak_heap_bytes as f64 / n as f64,
        mem.peak_rss_bytes,
        mem.peak_rss_bytes as f64 / n as f64,
    );
    let hs = HashSuffix::new(names);
    let full = HashSuffix::new(all);
    let (qnames, mix) = query_names(names, full.set(), umbrella, QUERIES, decide::SEED);
    let queries: Vec<_> = qnames.iter().map(|n| tls_query(n)).collect();
    let mut passed = 0;
    for (q, name) in queries.iter().zip(&qnames) {
        let d = ruleset.decide(q, &mut NoAlerts);
        let allowed = hs.allows(name);
        assert_eq!(
            d.verdict == Verdict::Pass,
            allowed,
            "ruleset and hash_suffix disagree on {}",
            String::from_utf8_lossy(name)
        );
        passed += allowed as usize;
    }
    eprintln!(
        "decide/{label}: {QUERIES} queries (seed {:#x}): {} listed, {} www.+listed, {} unlisted; {} pass",
        decide::SEED,
        mix.listed,
        mix.subdomain,
        mix.unlisted,
        passed
    );

    let mut g = c.benchmark_group(format!("decide/{label}"));
    g.throughput(Throughput::Elements(queries.len() as u64));
    g.bench_function("ferrule", |b| {
        b.iter(|| {
            for q in &queries {
                black_box(ruleset.decide(black_box(q), &mut NoAlerts));
            }
        })
    });
    g.bench_function("hash_suffix", |b| {
        b.iter(|| {
            for q in &queries {
                black_box(hs.allows(black_box(q.tls_sni.unwrap_or_default())));
            }
        })
    });
    // Not a decision: one probe of the baseline's set with the lowercased
    // name (no parent suffixes, no header): what a single hash probe costs.
    g.bench_function("hash_exact", |b| {
        b.iter(|| {
            for q in &queries {
                black_box(hs.contains_exact(black_box(q.tls_sni.unwrap_or_default())));
            }
        })
    });
    if n <= 10_000 {
        let rs = regex_set(names).expect("regex set builds");
        for name in &qnames {
            assert_eq!(rs.is_match(name), hs.allows(name));
        }
        g.bench_function("regexset", |b| {
            b.iter(|| {
                for q in &queries {
                    black_box(rs.is_match(black_box(q.tls_sni.unwrap_or_default())));
                }
            })
        });
        // The reference interpreter needs the IR: the text path.
        let al = compile(&allow_list_text(names)).expect("rules text compiles");
        let sample = &queries[..REFERENCE_QUERIES];
        for q in sample {
            assert_eq!(
                reference_verdict(&al.rules, &al.sorted, q),
                ruleset.decide(q, &mut NoAlerts).verdict
            );
        }
        g.throughput(Throughput::Elements(sample.len() as u64));
        g.sample_size(10);
        g.bench_function("reference", |b| {
            b.iter(|| {
                for q in sample {
                    black_box(reference_verdict(&al.rules, &al.sorted, black_box(q)));
                }
            })
        });
    }
    g.finish();

    // Two threads sharing the Ruleset against one thread, same work: the
    // query stream twice.
    let mut g = c.benchmark_group(format!("threads/{label}"));
    g.throughput(Throughput::Elements(2 * queries.len() as u64));
    let run = |qs: &[ferrule_matcher::Query<'_>]| {
        for q in qs {
            black_box(ruleset.decide(black_box(q), &mut NoAlerts));
        }
    };
    // `iter_custom`: the second thread is spawned once per sample, not once
    // per iteration (a spawn per 8,192-query round cost ~8% of the round).
    g.bench_function("1", |b| {
        b.iter_custom(|iters| {
            let t = std::time::Instant::now();
            for _ in 0..iters {
                run(&queries);
                run(&queries);
            }
            t.elapsed()
        })
    });
    g.bench_function("2", |b| {
        b.iter_custom(|iters| {
            let t = std::time::Instant::now();
            std::thread::scope(|s| {
                s.spawn(|| (0..iters).for_each(|_| run(&queries)));
                (0..iters).for_each(|_| run(&queries));
            });
            t.elapsed()
        })
    });
    g.finish();
    drop(ruleset);

    let mut g = c.benchmark_group(format!("compile/{label}"));
    g.throughput(Throughput::Elements(n as u64));
    g.sample_size(10);
    g.bench_function("domain_list", |b| {
        b.iter(|| compile_direct(black_box(&list)).expect("compiles").0)
    });
    if n <= 10_000 {
        let text = allow_list_text(names);
        g.bench_function("rules_text", |b| {
            b.iter(|| compile(black_box(&text)).expect("compiles").ruleset)
        });
    }
    g.finish();
}

fn decide_benches(c: &mut Criterion) {
    let (Some(sb), Some(um)) = (
        corpus("stevenblack-hosts-unified.domains.txt"),
        corpus("umbrella-top-100k.txt"),
    ) else {
        return;
    };
    let all = read_names(&sb);
    let umbrella = read_names(&um);
    bench_size(c, &all, &umbrella, 10_000, "10k");
    bench_size(c, &all, &umbrella, 100_000, "100k");
    bench_size(c, &all, &umbrella, 1_000_000, "1M");
}

/// `blocklist/threatfox`: ThreatFox's 8,073 DNS rules as shipped (the
/// generic path: see `ferrule_benches::blocklist`), 8,192 DNS queries (1/3
/// listed names, half of them with an uppercase first letter, 1/3 `www.` +
/// a listed name, 1/3 Umbrella names), alerts counted; baselines `reference`
/// (per-rule loop, 64 queries) and `hash_exact` (the set of names this list
/// reduces to).
fn blocklist_benches(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/community-rules/threatfox_suricata.rules");
    let (Ok(text), Some(um)) = (
        std::fs::read_to_string(&path),
        corpus("umbrella-top-100k.txt"),
    ) else {
        eprintln!("SKIP blocklist: {} not found", path.display());
        return;
    };
    let t = std::time::Instant::now();
    let bl = blocklist::compile(&text).expect("ThreatFox rules load and build");
    eprintln!(
        "blocklist/threatfox: {} rules, {} names, {} index keys; load + build {:.1} ms",
        bl.rules.len(),
        bl.names.len(),
        bl.ruleset.index_key_count(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let names = blocklist::query_names(&bl.names, &read_names(&um), QUERIES, decide::SEED);
    let queries: Vec<_> = names.iter().map(|n| blocklist::dns_query(n)).collect();
    // The compiled ruleset answers as the reference interpreter does.
    let mut alerted = 0;
    for q in queries.iter().take(512) {
        let mut sink = blocklist::CountAlerts::default();
        ruleset_decide(&bl.ruleset, q, &mut sink);
        assert_eq!(
            sink.0,
            blocklist::reference_alerts(&bl.rules, &bl.sorted, q),
            "{:?}",
            q.dns_query.map(String::from_utf8_lossy)
        );
        alerted += (sink.0 > 0) as usize;
    }
    eprintln!("blocklist/threatfox: {alerted} of the first 512 queries alert");
    let hash = blocklist::HashExact::new(&bl.names);

    let mut g = c.benchmark_group("blocklist/threatfox");
    g.throughput(Throughput::Elements(queries.len() as u64));
    g.bench_function("ferrule", |b| {
        b.iter(|| {
            let mut sink = blocklist::CountAlerts::default();
            for q in &queries {
                ruleset_decide(&bl.ruleset, black_box(q), &mut sink);
            }
            sink.0
        })
    });
    g.bench_function("hash_exact", |b| {
        b.iter(|| {
            names
                .iter()
                .map(|n| hash.alerts(black_box(n)))
                .sum::<usize>()
        })
    });
    g.finish();
    let mut g = c.benchmark_group("blocklist/threatfox");
    g.throughput(Throughput::Elements(REFERENCE_QUERIES as u64));
    g.sample_size(10);
    g.bench_function("reference", |b| {
        b.iter(|| {
            queries[..REFERENCE_QUERIES]
                .iter()
                .map(|q| blocklist::reference_alerts(&bl.rules, &bl.sorted, black_box(q)))
                .sum::<usize>()
        })
    });
    g.finish();
}

fn ruleset_decide(
    r: &ferrule_matcher::Ruleset,
    q: &ferrule_matcher::Query,
    sink: &mut blocklist::CountAlerts,
) {
    black_box(r.decide(q, sink));
}

criterion_group!(benches, decide_benches, blocklist_benches);
criterion_main!(benches);
