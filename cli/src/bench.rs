//! `ferrule bench`: compile an AWS-style allow list (TLS SNI and HTTP Host,
//! `DEFAULT_ACTION_ORDER`) from a domain file, decide a seeded query stream, and
//! print compile time, memory and ns/decision for Ferrule's compiled `Ruleset` and
//! the baselines, all measured in this run (median of `--rounds` rounds).
//! With `--rules FILE`, the user's own rules instead (`bench_rules`).

use crate::bench_rules::BenchApp;
use crate::Format;
use ferrule_benches::decide::{
    self, allow_list_text, compile, compile_direct_measured, query_names, read_names,
    reference_verdict, regex_set, synthetic_names, throughput, tls_query, HashSuffix, Rng,
};
use ferrule_matcher::{NoAlerts, Query, Verdict};
use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Rounds of the thread-scaling measurement (1 and 2 threads in turn).
const SCALING_ROUNDS: usize = 5;

/// Largest list for which the `regexset` baseline is built.
const REGEXSET_MAX: usize = 10_000;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Domain list (one name per line; `#` lines skipped): the allow list's targets.
    #[arg(long, value_name = "FILE", required_unless_present = "rules")]
    domains: Option<PathBuf>,
    /// Bench your own rules file (Suricata dialect) instead of an allow list:
    /// queries of `--app` named after the rules' contents of its buffer,
    /// against the reference interpreter.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["domains", "extend_to"])]
    rules: Option<PathBuf>,
    /// App protocol of the queries with `--rules`.
    #[arg(long, value_enum, default_value = "dns", requires = "rules")]
    pub(crate) app: BenchApp,
    /// Number of queries in the stream.
    #[arg(long, default_value_t = 10_000)]
    pub(crate) queries: usize,
    /// Source of unlisted query names (one per line, e.g. umbrella-top-100k.txt);
    /// default: seeded random names under the list's own TLDs.
    #[arg(long, value_name = "FILE")]
    pub(crate) unlisted: Option<PathBuf>,
    /// Queries the (slow) reference interpreter decides per round.
    #[arg(long, default_value_t = 32)]
    pub(crate) reference_queries: usize,
    /// Measurement rounds (the median is reported; Ferrule and hash_suffix
    /// are measured in turn within each round).
    #[arg(long, default_value_t = 9)]
    pub(crate) rounds: usize,
    /// Seed of the query stream.
    #[arg(long, default_value_t = decide::SEED)]
    pub(crate) seed: u64,
    /// Extend the list to N names with seeded synthetic ones
    /// (`{label}.{listed name}`), e.g. to measure 1M domains.
    #[arg(long, value_name = "N")]
    extend_to: Option<usize>,
    /// Largest list also compiled through its generated rules text (the load
    /// time comparable with Suricata's, and the reference interpreter's IR).
    #[arg(long, default_value_t = 200_000)]
    text_max: usize,
    /// Milliseconds of each thread-scaling measurement (5 rounds of 1 and
    /// 2 threads in turn).
    #[arg(long, default_value_t = 200)]
    scaling_ms: u64,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub(crate) format: Format,
}

/// ns per call of `f` over `items` in one round: the whole slice repeated
/// until at least 20 ms have passed.
fn round<T>(items: &[T], f: &mut impl FnMut(&T)) -> f64 {
    let start = Instant::now();
    let mut calls = 0u64;
    loop {
        for it in items {
            f(it);
        }
        calls += items.len() as u64;
        if start.elapsed() >= Duration::from_millis(20) {
            break;
        }
    }
    start.elapsed().as_nanos() as f64 / calls.max(1) as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The names of `--unlisted`, if given; an unreadable file is reported
/// (exit status 1).
pub(crate) fn unlisted_names(args: &BenchArgs) -> Result<Option<Vec<String>>, ExitCode> {
    let Some(p) = &args.unlisted else {
        return Ok(None);
    };
    match std::fs::read_to_string(p) {
        Ok(t) => Ok(Some(read_names(&t))),
        Err(e) => {
            errln!("error: cannot read {}: {e}", p.display());
            Err(ExitCode::from(1))
        }
    }
}

/// Median ns per call of `f` over `items`, of `rounds` rounds.
pub(crate) fn measure<T>(items: &[T], rounds: usize, mut f: impl FnMut(&T)) -> f64 {
    median((0..rounds.max(1)).map(|_| round(items, &mut f)).collect())
}

/// Ferrule and a baseline measured in turn, round after round, so that a
/// noise episode of the machine (on a shared VM they last seconds) falls on
/// both alike: medians and fastest rounds of each, and the median of the
/// per-round ratios (baseline ÷ Ferrule), the figure least moved by noise.
struct Paired {
    ferrule: f64,
    ferrule_best: f64,
    base: f64,
    base_best: f64,
    ratio: f64,
}

fn measure_paired<T>(
    items: &[T],
    rounds: usize,
    mut ferrule: impl FnMut(&T),
    mut base: impl FnMut(&T),
) -> Paired {
    let (mut f, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds.max(1) {
        let x = round(items, &mut ferrule);
        let y = round(items, &mut base);
        f.push(x);
        b.push(y);
        r.push(y / x);
    }
    let best = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    Paired {
        ferrule_best: best(&f),
        base_best: best(&b),
        ferrule: median(f),
        base: median(b),
        ratio: median(r),
    }
}

/// Seeded random names not in the list, under TLDs taken from the list.
fn synthetic_unlisted(names: &[String], n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed ^ 0x756e_6c69_7374_6564);
    (0..n)
        .map(|_| {
            let tld = names[rng.below(names.len())]
                .rsplit('.')
                .next()
                .unwrap_or("com")
                .to_owned();
            let len = 4 + rng.below(12);
            let label: String = (0..len)
                .map(|_| (b'a' + rng.below(26) as u8) as char)
                .collect();
            format!("{label}.{tld}")
        })
        .collect()
}

fn ratio(base: Option<f64>, ferrule: f64) -> Option<f64> {
    base.map(|b| b / ferrule)
}

pub fn run(args: &BenchArgs) -> ExitCode {
    let domains = match (&args.rules, &args.domains) {
        (Some(rules), _) => return crate::bench_rules::run(args, rules),
        (None, Some(d)) => d,
        // clap requires one of them.
        (None, None) => return ExitCode::from(2),
    };
    let text = match std::fs::read_to_string(domains) {
        Ok(t) => t,
        Err(e) => {
            errln!("error: cannot read {}: {e}", domains.display());
            return ExitCode::from(1);
        }
    };
    let mut names = read_names(&text);
    if names.is_empty() {
        errln!("error: {}: no domain names", domains.display());
        return ExitCode::from(1);
    }
    let real = names.len();
    if let Some(n) = args.extend_to {
        names = synthetic_names(&names, n, args.seed);
    }
    let list: String = names.iter().map(|n| format!("{n}\n")).collect();
    drop(text);

    // The Ruleset under test, compiled first so that its peak RSS is not
    // hidden by memory an earlier compile freed.
    let (ruleset, compile_t, mem) = match compile_direct_measured(&list) {
        Ok(x) => x,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let unlisted = match unlisted_names(args) {
        Ok(Some(u)) => u,
        Ok(None) => synthetic_unlisted(&names, names.len().clamp(1000, 100_000), args.seed),
        Err(code) => return code,
    };
    let n_queries = args.queries.max(1);
    let hs = HashSuffix::new(&names);
    let (qnames, mix) = query_names(&names, hs.set(), &unlisted, n_queries, args.seed);
    let queries: Vec<Query> = qnames.iter().map(|n| tls_query(n)).collect();

    // The text path (generated rules text -> load -> build): its time is what
    // compares with Suricata loading the same rules, its IR feeds the
    // reference interpreter, and its Ruleset must decide as the direct one.
    let text_path = if names.len() <= args.text_max {
        let rules_text = allow_list_text(&names);
        match compile(&rules_text) {
            Ok(al) => Some(al),
            Err(e) => {
                errln!("error: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        None
    };

    // Agreement: every query against hash_suffix and the text path's
    // Ruleset, the reference on its sample.
    let mut mismatches = 0usize;
    let mut passed = 0usize;
    for (q, name) in queries.iter().zip(&qnames) {
        let d = ruleset.decide(q, &mut NoAlerts);
        let pass = d.verdict == Verdict::Pass;
        passed += pass as usize;
        mismatches += (pass != hs.allows(name)) as usize;
        if let Some(al) = &text_path {
            mismatches += (al.ruleset.decide(q, &mut NoAlerts) != d) as usize;
        }
    }
    let ref_sample = &queries[..args.reference_queries.clamp(1, queries.len())];
    if let Some(al) = &text_path {
        for q in ref_sample {
            let d = ruleset.decide(q, &mut NoAlerts).verdict;
            mismatches += (d != reference_verdict(&al.rules, &al.sorted, q)) as usize;
        }
    }

    let rounds = args.rounds.max(1);
    let paired = measure_paired(
        &queries,
        rounds,
        |q| {
            black_box(ruleset.decide(black_box(q), &mut NoAlerts));
        },
        |q| {
            black_box(hs.allows(black_box(q.tls_sni.unwrap_or_default())));
        },
    );
    let (ferrule_ns, hash_suffix_ns) = (paired.ferrule, paired.base);
    // Not a decision: one probe of the baseline's set (the cost of a single
    // hash probe, a floor under any hash-based decision).
    let hash_exact_ns = measure(&queries, rounds, |q| {
        black_box(hs.contains_exact(black_box(q.tls_sni.unwrap_or_default())));
    });
    let reference_ns = text_path.as_ref().map(|al| {
        measure(ref_sample, rounds, |q| {
            black_box(reference_verdict(&al.rules, &al.sorted, black_box(q)));
        })
    });
    let regexset_ns = if names.len() <= REGEXSET_MAX {
        match regex_set(&names) {
            Ok(rs) => {
                for name in &qnames {
                    mismatches += (rs.is_match(name) != hs.allows(name)) as usize;
                }
                Some(measure(&queries, rounds, |q| {
                    black_box(rs.is_match(black_box(q.tls_sni.unwrap_or_default())));
                }))
            }
            Err(e) => {
                errln!("warning: regexset baseline not built: {e}");
                None
            }
        }
    } else {
        None
    };
    // 1 and 2 threads in turn, round after round (as `measure_paired`).
    let window = Duration::from_millis(args.scaling_ms.max(10));
    let (mut ones, mut twos, mut scalings) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..SCALING_ROUNDS {
        let one = throughput(&ruleset, &queries, 1, window);
        let two = throughput(&ruleset, &queries, 2, window);
        ones.push(one);
        twos.push(two);
        scalings.push(two / one);
    }
    let (one, two, scaling) = (median(ones), median(twos), median(scalings));

    let compile_ms = compile_t.as_secs_f64() * 1e3;
    let domains = names.len();
    let per_domain = |b: f64| b / domains as f64;
    let text_ms = |f: fn(&decide::AllowList) -> Duration| {
        text_path.as_ref().map(|al| f(al).as_secs_f64() * 1e3)
    };
    let (text_load_ms, text_build_ms) = (text_ms(|a| a.load), text_ms(|a| a.build));
    let out = serde_json::json!({
        "domains": domains,
        "real_domains": real.min(domains),
        "synthetic_domains": domains.saturating_sub(real),
        "rules": ruleset.len(),
        "queries": queries.len(),
        "seed": args.seed,
        "mix": { "listed": mix.listed, "subdomain": mix.subdomain, "unlisted": mix.unlisted },
        "passed": passed,
        "mismatches": mismatches,
        "rounds": rounds,
        "compile_ms": compile_ms,
        "text_load_ms": text_load_ms,
        "text_build_ms": text_build_ms,
        "ruleset_bytes": mem.ruleset_bytes,
        "ruleset_bytes_per_domain": per_domain(mem.ruleset_bytes as f64),
        "peak_heap_bytes": mem.peak_heap_bytes,
        "peak_rss_bytes": mem.peak_rss_bytes,
        "peak_rss_bytes_per_domain": per_domain(mem.peak_rss_bytes as f64),
        "ferrule_ns": ferrule_ns,
        "ferrule_best_ns": paired.ferrule_best,
        "hash_suffix_ns": hash_suffix_ns,
        "hash_suffix_best_ns": paired.base_best,
        "hash_exact_ns": hash_exact_ns,
        "reference_ns": reference_ns,
        "reference_queries": text_path.as_ref().map(|_| ref_sample.len()),
        "regexset_ns": regexset_ns,
        "ratio_hash_suffix": paired.ratio,
        "ratio_reference": ratio(reference_ns, ferrule_ns),
        "ratio_regexset": ratio(regexset_ns, ferrule_ns),
        "decisions_per_s_1_thread": one,
        "decisions_per_s_2_threads": two,
        "scaling_2_threads": scaling,
    });
    match args.format {
        Format::Json => outln!("{out}"),
        Format::Human => {
            outln!(
                "allow list: {domains} domains ({} synthetic) -> {} rules (TLS SNI + HTTP Host, DEFAULT_ACTION_ORDER)",
                domains.saturating_sub(real),
                ruleset.len()
            );
            outln!("compile (domain list -> Ruleset): {compile_ms:.1} ms");
            match (text_load_ms, text_build_ms) {
                (Some(l), Some(b)) => outln!(
                    "compile (generated rules text): {:.1} ms (load {l:.1} ms + build {b:.1} ms)",
                    l + b
                ),
                _ => outln!(
                    "compile (generated rules text): skipped above --text-max {} domains",
                    args.text_max
                ),
            }
            outln!(
                "memory: ruleset {} B ({:.0} B/domain); compile peak RSS +{} B ({:.0} B/domain); peak heap +{} B",
                mem.ruleset_bytes,
                per_domain(mem.ruleset_bytes as f64),
                mem.peak_rss_bytes,
                per_domain(mem.peak_rss_bytes as f64),
                mem.peak_heap_bytes
            );
            outln!(
                "queries: {} TLS (seed {:#x}): {} listed, {} www.+listed, {} unlisted; {passed} pass; {mismatches} mismatches",
                queries.len(),
                args.seed,
                mix.listed,
                mix.subdomain,
                mix.unlisted
            );
            outln!(
                "ns/decision (median of {rounds} rounds; ferrule and hash_suffix in turn, fastest round in brackets):"
            );
            outln!(
                "  ferrule      {ferrule_ns:>12.1}  [{:.1}]",
                paired.ferrule_best
            );
            outln!(
                "  hash_suffix  {hash_suffix_ns:>12.1}  [{:.1}]  (÷ ferrule = {:.2}, median of the per-round ratios)",
                paired.base_best, paired.ratio
            );
            outln!(
                "  hash_exact   {hash_exact_ns:>12.1}  (not a decision: one probe of hash_suffix's set)"
            );
            match reference_ns {
                Some(r) => outln!(
                    "  reference    {r:>12.1}  (÷ ferrule = {:.2}; {} queries)",
                    r / ferrule_ns,
                    ref_sample.len()
                ),
                None => {
                    outln!("  reference    (needs the text path's IR; skipped above --text-max)")
                }
            }
            match regexset_ns {
                Some(r) => outln!(
                    "  regexset     {r:>12.1}  (÷ ferrule = {:.2})",
                    r / ferrule_ns
                ),
                None => outln!("  regexset     (not built above {REGEXSET_MAX} domains)"),
            }
            outln!(
                "threads: 1 -> {:.1} M decisions/s, 2 -> {:.1} M decisions/s ({scaling:.2}x; medians of {SCALING_ROUNDS} rounds of each in turn)",
                one / 1e6,
                two / 1e6,
            );
        }
    }
    if mismatches > 0 {
        errln!("error: {mismatches} decisions disagree between Ferrule and a baseline");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
