//! `lints`: the policy lints (`ferrule_compiler::lint::lint`, F08xx) over every
//! rules file of ET Open in ../shared/corpus/et-open (16,538 loaded rules):
//! load + lint, and lint alone on the loaded rules, in action order (as
//! `ferrule check` runs them on plain rules files). Target: under 2 s.
//! Skips when the corpus is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ferrule_compiler::interp::Order;
use ferrule_compiler::lint::{lint, LintContext};
use ferrule_compiler::load::{Load, Loader};
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;
use std::path::Path;
use std::time::Duration;

fn et_open() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/et-open");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "rules"));
    files.sort();
    files
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

fn load_all(files: &[(String, String)]) -> Load {
    let mut l = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    for (name, text) in files {
        l.add_rules(name, text);
    }
    l.finish()
}

fn lints(c: &mut Criterion) {
    let files = et_open();
    if files.is_empty() {
        eprintln!("SKIP lints: ../shared/corpus/et-open not found");
        return;
    }
    let order = Order::default();
    let load = load_all(&files);
    let rules: Vec<_> = load.active_rules().cloned().collect();
    let findings = lint(&LintContext::new(&rules, &order, &load.sources));
    let mut by_code = std::collections::BTreeMap::new();
    for d in &findings {
        *by_code.entry(d.code.as_str()).or_insert(0usize) += 1;
    }
    eprintln!(
        "lints: {} rules, {} findings {by_code:?}",
        rules.len(),
        findings.len()
    );
    let mut g = c.benchmark_group("lints");
    g.throughput(Throughput::Elements(rules.len() as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("et-open/lint", |b| {
        b.iter(|| lint(&LintContext::new(&rules, &order, &load.sources)))
    });
    g.bench_function("et-open/load+lint", |b| {
        b.iter(|| {
            let load = load_all(&files);
            let rules: Vec<_> = load.active_rules().cloned().collect();
            lint(&LintContext::new(&rules, &order, &load.sources)).len()
        })
    });
    g.finish();
}

criterion_group!(benches, lints);
criterion_main!(benches);
