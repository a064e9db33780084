//! The `decide` workload: an AWS-style allow list (TLS SNI and HTTP Host,
//! `DEFAULT_ACTION_ORDER`, generated rules) built from a domain list, a seeded query
//! stream, and the baselines Ferrule's compiled [`Ruleset`] is measured against.
//!
//! Used by `benches/benches/decide.rs` and by `ferrule bench`.

use ferrule_compiler::aws::{
    compile_domain_list, generate_domain_rules, parse_domain_list, GeneratedRulesType, RuleOrder,
    TargetTypes,
};
use ferrule_compiler::build::build;
use ferrule_compiler::diag::Severity;
use ferrule_compiler::interp::{action_class, decision_order, rule_matches, Order};
use ferrule_compiler::ir::Rule;
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::span::FileId;
use ferrule_compiler::Dialect;
use ferrule_matcher::{AppProto, IpProto, NoAlerts, Query, RuleAction, Ruleset, Verdict};
use rustc_hash::FxHashSet;
use std::alloc::{GlobalAlloc, Layout, System};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The seed of the query stream.
pub const SEED: u64 = 0x5eed_f3e2_1e00_0001;

/// Reads a one-name-per-line domain list: trims, skips blank and `#` lines.
pub fn read_names(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// The allow list's rules text and the time to generate it.
pub fn allow_list_text(names: &[String]) -> String {
    let list = names.join("\n");
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Aws);
    let file = loader.add_source("domains", &list);
    let (targets, _diags) = parse_domain_list(file, &list);
    let rules = generate_domain_rules(
        &targets,
        TargetTypes::BOTH,
        GeneratedRulesType::AllowList,
        RuleOrder::DefaultActionOrder,
    );
    let mut text = String::with_capacity(rules.len() * 160);
    for r in &rules {
        text.push_str(&r.text);
        text.push('\n');
    }
    text
}

/// A compiled allow list.
pub struct AllowList {
    /// The IR rules (for the reference interpreter).
    pub rules: Vec<Rule>,
    /// The rules' decision order (for the reference interpreter).
    pub sorted: Vec<usize>,
    /// The compiled ruleset.
    pub ruleset: Ruleset,
    /// Time of load (parse + lower of the generated rules text).
    pub load: Duration,
    /// Time of build (IR to `Ruleset`).
    pub build: Duration,
}

/// Loads the generated rules text (AWS dialect) and builds the `Ruleset`.
pub fn compile(text: &str) -> Result<AllowList, String> {
    let t0 = Instant::now();
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Aws);
    loader.add_rules("allowlist (generated rules)", text);
    let load = loader.finish();
    if load.has_errors() {
        let s = load.summary();
        return Err(format!("generated rules failed to load: {s:?}"));
    }
    let rules: Vec<Rule> = load.active_rules().cloned().collect();
    drop(load);
    let t1 = Instant::now();
    let order = Order::default();
    let ruleset = build(&rules, &order).map_err(|e| format!("build: {e:?}"))?;
    let t2 = Instant::now();
    let sorted = decision_order(&rules, &order);
    Ok(AllowList {
        rules,
        sorted,
        ruleset,
        load: t1 - t0,
        build: t2 - t1,
    })
}

/// SplitMix64: a small deterministic generator (no dependency, stable across versions).
pub struct Rng(u64);

impl Rng {
    /// A generator with the given seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0; the modulo bias is negligible here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Kinds of query names, in stream order counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mix {
    /// Listed names as listed.
    pub listed: usize,
    /// `www.` + a listed name.
    pub subdomain: usize,
    /// Names from the unlisted source not in the list.
    pub unlisted: usize,
}

/// A seeded query-name stream of `n` names: each name is, with probability 1/3,
/// a listed name, `www.` + a listed name, or an unlisted name (from `unlisted`,
/// with names that are in `all_listed` removed).
pub fn query_names(
    listed: &[String],
    all_listed: &FxHashSet<Vec<u8>>,
    unlisted: &[String],
    n: usize,
    seed: u64,
) -> (Vec<Vec<u8>>, Mix) {
    let unlisted: Vec<&String> = unlisted
        .iter()
        .filter(|u| {
            let u = u.to_ascii_lowercase();
            !all_listed.contains(u.as_bytes()) && !all_listed.contains(format!(".{u}").as_bytes())
        })
        .collect();
    let mut rng = Rng::new(seed);
    let mut mix = Mix::default();
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let k = if unlisted.is_empty() {
            rng.below(2)
        } else {
            rng.below(3)
        };
        let name = match k {
            0 => {
                mix.listed += 1;
                listed[rng.below(listed.len())]
                    .trim_start_matches('.')
                    .to_owned()
            }
            1 => {
                mix.subdomain += 1;
                format!(
                    "www.{}",
                    listed[rng.below(listed.len())].trim_start_matches('.')
                )
            }
            _ => {
                mix.unlisted += 1;
                unlisted[rng.below(unlisted.len())].clone()
            }
        };
        out.push(name.into_bytes());
    }
    (out, mix)
}

/// The `AppRequest` query of a TLS flow 10.0.0.5:40000 -> 93.184.216.34:443 with
/// the given SNI.
pub fn tls_query(sni: &[u8]) -> Query<'_> {
    let mut q = client_query(IpProto::Tcp, 40000, [93, 184, 216, 34], 443, AppProto::Tls);
    q.tls_sni = Some(sni);
    q
}

/// The `AppRequest` of a flow from 10.0.0.5:`src_port` to `dst`:`dst_port`,
/// without buffers.
pub fn client_query(
    proto: IpProto,
    src_port: u16,
    dst: [u8; 4],
    dst_port: u16,
    app: AppProto,
) -> Query<'static> {
    Query::flow_start(
        proto,
        IpAddr::V4(Ipv4Addr::new(10, 0, 0, 5)),
        src_port,
        IpAddr::V4(Ipv4Addr::from(dst)),
        dst_port,
    )
    .app_request(app)
}

/// Baseline `hash_suffix`: an `FxHashSet` of the listed names (a wildcard
/// `.example.com` also as `example.com` and `.example.com`), probed with the
/// lowercased host and each of its parent suffixes that starts at a dot.
pub struct HashSuffix {
    set: FxHashSet<Vec<u8>>,
}

impl HashSuffix {
    /// Builds the set from the listed names (as written in the list).
    pub fn new(names: &[String]) -> Self {
        let mut set = FxHashSet::default();
        set.reserve(names.len());
        for n in names {
            let n = n.to_ascii_lowercase();
            if let Some(base) = n.strip_prefix('.') {
                set.insert(base.as_bytes().to_vec());
            }
            set.insert(n.into_bytes());
        }
        HashSuffix { set }
    }

    /// The set (also used to keep unlisted query names unlisted).
    pub fn set(&self) -> &FxHashSet<Vec<u8>> {
        &self.set
    }

    /// Only the first probe of [`HashSuffix::allows`]: is the lowercased
    /// host itself in the set (no parent suffix)? Not a decision — the cost
    /// of one hash probe, a floor under any hash-based one, measured beside
    /// the others (`hash_exact`).
    #[inline]
    pub fn contains_exact(&self, host: &[u8]) -> bool {
        let mut buf = [0u8; 256];
        let Some(h) = buf.get_mut(..host.len()) else {
            return false;
        };
        h.copy_from_slice(host);
        h.make_ascii_lowercase();
        self.set.contains(&*h)
    }

    /// True when the host is allowed.
    #[inline]
    pub fn allows(&self, host: &[u8]) -> bool {
        let mut buf = [0u8; 256];
        if host.len() > buf.len() {
            return false;
        }
        let h = &mut buf[..host.len()];
        h.copy_from_slice(host);
        h.make_ascii_lowercase();
        let h = &*h;
        if self.set.contains(h) {
            return true;
        }
        for (i, &b) in h.iter().enumerate().skip(1) {
            // a parent suffix `.parent`: only wildcard entries start with a dot
            if b == b'.' && self.set.contains(&h[i..]) {
                return true;
            }
        }
        false
    }
}

/// Baseline `regexset`: a `regex::bytes::RegexSet` with one anchored,
/// case-insensitive pattern per listed name.
pub fn regex_set(names: &[String]) -> Result<regex::bytes::RegexSet, regex::Error> {
    let pats: Vec<String> = names
        .iter()
        .map(|n| match n.strip_prefix('.') {
            Some(base) => format!(r"(?i-u)(?:^|\.){}$", regex::escape(base)),
            None => format!(r"(?i-u)^{}$", regex::escape(n)),
        })
        .collect();
    regex::bytes::RegexSetBuilder::new(pats)
        .size_limit(1 << 31)
        .dfa_size_limit(1 << 31)
        .build()
}

/// Baseline `reference`: the reference interpreter as a per-rule loop over the
/// rules in decision order (`interp::rule_matches` on each rule; a matching pass
/// ends processing, a drop or reject is kept and processing goes on, as in action
/// order).
pub fn reference_verdict(rules: &[Rule], sorted: &[usize], q: &Query) -> Verdict {
    let mut v = Verdict::None;
    for &ri in sorted {
        let r = &rules[ri];
        if rule_matches(r, q).is_err() {
            continue;
        }
        match action_class(r.action) {
            Some(RuleAction::Pass) => {
                return if v == Verdict::None { Verdict::Pass } else { v };
            }
            Some(RuleAction::Drop) if v == Verdict::None => v = Verdict::Drop,
            Some(RuleAction::Reject) if v == Verdict::None => v = Verdict::Reject,
            _ => {}
        }
    }
    v
}

/// A global allocator that counts live bytes and their high-water mark; install
/// it with `#[global_allocator]` in a bench or binary to measure memory.
pub struct CountingAlloc;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = System.alloc(l);
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = System.realloc(p, l, new);
        if !q.is_null() {
            if new >= l.size() {
                let now = LIVE.fetch_add(new - l.size(), Ordering::Relaxed) + new - l.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

/// Live heap bytes (0 unless [`CountingAlloc`] is the global allocator).
pub fn live_bytes() -> usize {
    LIVE.load(Ordering::Relaxed)
}

/// Heap high-water mark since the last [`reset_peak`].
pub fn peak_bytes() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Resets the heap high-water mark to the live bytes.
pub fn reset_peak() {
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
}

/// Peak resident set size of the process (`VmHWM`, bytes), if readable.
pub fn peak_rss() -> Option<u64> {
    proc_status_kb("VmHWM:").map(|k| k * 1024)
}

/// Resets the process's peak RSS to its current RSS (Linux `clear_refs` 5).
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn proc_status_kb(key: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Memory of one compile, measured around [`compile`].
#[derive(Debug, Clone, Copy, Default)]
pub struct CompileMemory {
    /// Heap bytes still live after the compile, held by the `Ruleset` alone
    /// (IR rules excluded; needs [`CountingAlloc`]).
    pub ruleset_bytes: usize,
    /// Heap high-water mark during load + build above the heap before (needs
    /// [`CountingAlloc`]).
    pub peak_heap_bytes: usize,
    /// Peak RSS during load + build above the RSS before (0 when unreadable).
    pub peak_rss_bytes: u64,
}

/// Compiles like [`compile`] and measures its memory. The IR rules are kept in
/// the result; their heap is excluded from `ruleset_bytes`.
pub fn compile_measured(text: &str) -> Result<(AllowList, CompileMemory), String> {
    let rss_before = proc_status_kb("VmRSS:").map(|k| k * 1024);
    let rss_reset = reset_peak_rss();
    reset_peak();
    let before = live_bytes();
    let al = compile(text)?;
    let peak = peak_bytes();
    let rss_peak = peak_rss();
    // heap held by the IR rules and the decision order: measured by dropping a clone
    let with_all = live_bytes();
    let rules_clone = al.rules.clone();
    let clone_bytes = live_bytes() - with_all;
    drop(rules_clone);
    let order_bytes = al.sorted.capacity() * std::mem::size_of::<usize>();
    let ruleset_bytes = with_all
        .saturating_sub(before)
        .saturating_sub(clone_bytes)
        .saturating_sub(order_bytes);
    let peak_rss_bytes = match (rss_reset, rss_before, rss_peak) {
        (true, Some(b), Some(p)) => p.saturating_sub(b),
        _ => 0,
    };
    Ok((
        al,
        CompileMemory {
            ruleset_bytes,
            peak_heap_bytes: peak.saturating_sub(before),
            peak_rss_bytes,
        },
    ))
}

/// Compiles the allow list of a domain file's text straight into a `Ruleset`
/// (`aws::compile_domain_list`: TLS SNI + HTTP Host, `ALLOWLIST`,
/// `DEFAULT_ACTION_ORDER`, Suricata's default variables) and times it.
pub fn compile_direct(list: &str) -> Result<(Ruleset, Duration), String> {
    let t0 = Instant::now();
    let c = compile_domain_list(
        FileId(0),
        list,
        TargetTypes::BOTH,
        GeneratedRulesType::AllowList,
        &Order::default(),
        &Vars::suricata_defaults(),
    )
    .map_err(|e| format!("domain list: {e}"))?;
    let t = t0.elapsed();
    if c.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(format!(
            "domain list: {} targets rejected",
            c.diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count()
        ));
    }
    Ok((c.ruleset, t))
}

/// [`compile_direct`] with its memory: peak RSS and peak heap during the
/// compile above what was there before, and the heap the `Ruleset` keeps.
pub fn compile_direct_measured(list: &str) -> Result<(Ruleset, Duration, CompileMemory), String> {
    let rss_before = proc_status_kb("VmRSS:").map(|k| k * 1024);
    let rss_reset = reset_peak_rss();
    reset_peak();
    let before = live_bytes();
    let (rs, t) = compile_direct(list)?;
    let peak = peak_bytes();
    let rss_peak = peak_rss();
    let peak_rss_bytes = match (rss_reset, rss_before, rss_peak) {
        (true, Some(b), Some(p)) => p.saturating_sub(b),
        _ => 0,
    };
    let mem = CompileMemory {
        ruleset_bytes: live_bytes().saturating_sub(before),
        peak_heap_bytes: peak.saturating_sub(before),
        peak_rss_bytes,
    };
    Ok((rs, t, mem))
}

/// Extends a real list to `n` distinct names with seeded synthetic ones:
/// `{label}.{real name}`, the label 3-12 random letters/digits (so the
/// length and suffix distribution stays that of the real list). The real
/// names come first, in order.
pub fn synthetic_names(base: &[String], n: usize, seed: u64) -> Vec<String> {
    let mut out: Vec<String> = base.iter().take(n).cloned().collect();
    if base.is_empty() {
        return out;
    }
    let mut seen: FxHashSet<String> = out.iter().cloned().collect();
    let mut rng = Rng::new(seed ^ 0x73_796e_7468);
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    while out.len() < n {
        let parent = base[rng.below(base.len())].trim_start_matches('.');
        let len = 3 + rng.below(10);
        let label: String = (0..len)
            .map(|_| ALNUM[rng.below(ALNUM.len())] as char)
            .collect();
        let name = format!("{label}.{parent}");
        if name.len() <= 253 && seen.insert(name.clone()) {
            out.push(name);
        }
    }
    out
}

/// Decisions per second over `queries` (repeated) on `threads` threads
/// sharing `ruleset`, for about `dur`: the sum of every thread's count over
/// the elapsed time.
pub fn throughput(ruleset: &Ruleset, queries: &[Query<'_>], threads: usize, dur: Duration) -> f64 {
    let start = Instant::now();
    let total: u64 = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.max(1))
            .map(|t| {
                s.spawn(move || {
                    // Each thread starts at another place in the stream.
                    let offset = t * queries.len() / threads.max(1);
                    let mut n = 0u64;
                    while start.elapsed() < dur {
                        for q in queries[offset..].iter().chain(&queries[..offset]) {
                            std::hint::black_box(
                                ruleset.decide(std::hint::black_box(q), &mut NoAlerts),
                            );
                        }
                        n += queries.len() as u64;
                    }
                    n
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
    });
    total as f64 / start.elapsed().as_secs_f64()
}
