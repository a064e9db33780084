//! `parse`: parse + lower throughput (rules/s, single thread) over the largest
//! real ruleset in ../shared/corpus (ET Open `emerging-info.rules`, 6,746 active
//! rules), plus ThreatFox's 8,073 DNS rules. Skips a file that is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;
use std::path::Path;

fn bench_file(c: &mut Criterion, name: &str, rel: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(rel);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("SKIP {name}: {} not found", path.display());
        return;
    };
    let vars = Vars::suricata_defaults();
    let mut probe = Loader::new(vars.clone(), Dialect::Suricata);
    probe.add_rules(rel, &text);
    let rules = probe.finish().summary();
    let n = (rules.loaded + rules.rejected + rules.skipped) as u64;
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Elements(n));
    g.sample_size(20);
    g.bench_function(name, |b| {
        b.iter(|| {
            let mut l = Loader::new(vars.clone(), Dialect::Suricata);
            l.add_rules(rel, &text);
            l.finish()
        })
    });
    g.finish();
}

fn parse(c: &mut Criterion) {
    bench_file(c, "et-open/emerging-info", "et-open/emerging-info.rules");
    bench_file(c, "threatfox", "community-rules/threatfox_suricata.rules");
}

criterion_group!(benches, parse);
criterion_main!(benches);
