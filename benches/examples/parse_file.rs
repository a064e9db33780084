//! Loads a rules file N times (default 1): a target for profilers
//! (`valgrind --tool=callgrind target/release/examples/parse_file FILE`).
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: parse_file FILE [N]");
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(&path).expect("read");
    let t = std::time::Instant::now();
    let mut rules = 0;
    for _ in 0..n {
        let mut l = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
        l.add_rules(&path, &text);
        rules += l.finish().rules.len();
    }
    let el = t.elapsed();
    println!(
        "{rules} rules in {el:?}: {:.0} rules/s",
        rules as f64 / el.as_secs_f64()
    );
}
