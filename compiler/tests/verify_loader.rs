//! Loader outcomes on Suricata's own regression tests (../shared/corpus/suricata-verify):
//! every `test.rules` of a test that runs on 8.0.6 must load completely, except the
//! tests that exist to show rule failures, whose expected failure counts come from
//! their `test.yaml` checks (e.g. "11 rules successfully loaded, 13 rules failed").

use ferrule_compiler::load::{Loader, State};
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;
use std::path::Path;

/// Tests whose test.yaml expects rule failures, with the expected failed count.
const EXPECTED_FAILURES: &[(&str, usize)] = &[
    // "1 rule files processed. 11 rules successfully loaded, 13 rules failed"
    ("pcre-invalid-rule-01", 13),
    // "2 rules successfully loaded, 3 rules failed"; 3 x "signature can't match"
    ("test-unreachable-distance-1", 3),
    // engine error "depth needs preceding content ..."
    ("test-bad-depth-rule-1", 1),
    // engine errors about http.host case / nocase
    ("test-bad-http-host-rule-1", 1),
    ("test-bad-http-host-rule-2", 1),
];

/// `requires: min-version` of a test.yaml, as (major, minor, patch).
fn min_version(yaml: &str) -> (u32, u32, u32) {
    let mut in_requires = false;
    for line in yaml.lines() {
        if line.starts_with("requires:") {
            in_requires = true;
            continue;
        }
        if in_requires && !line.starts_with(' ') && !line.trim().is_empty() {
            in_requires = false;
        }
        if in_requires {
            if let Some(v) = line.trim().strip_prefix("min-version:") {
                let mut it = v
                    .trim()
                    .trim_matches('"')
                    .split('.')
                    .map(|p| p.parse::<u32>().unwrap_or(0));
                return (
                    it.next().unwrap_or(0),
                    it.next().unwrap_or(0),
                    it.next().unwrap_or(0),
                );
            }
        }
    }
    (0, 0, 0)
}

#[test]
fn suricata_verify_rules_load_as_their_tests_expect() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/suricata-verify");
    if !root.is_dir() {
        eprintln!("SKIP: {} not found", root.display());
        return;
    }
    let mut stack = vec![root.clone()];
    let mut checked = 0;
    let mut failures = Vec::new();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            }
        }
        let (rules, yaml) = (dir.join("test.rules"), dir.join("test.yaml"));
        let (Ok(text), Ok(yaml)) = (
            std::fs::read_to_string(&rules),
            std::fs::read_to_string(&yaml),
        ) else {
            continue;
        };
        if min_version(&yaml) > (8, 0, 6) {
            continue;
        }
        let name = dir.strip_prefix(&root).unwrap().display().to_string();
        let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
        loader.add_rules(&name, &text);
        let load = loader.finish();
        let rejected = load
            .outcomes
            .iter()
            .filter(|o| o.state == State::Rejected)
            .count();
        let expected = EXPECTED_FAILURES
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, c)| *c);
        checked += 1;
        if rejected != expected {
            let errs: Vec<String> = load
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| format!("  {}: {}", load.sources.location(d.span), d.message))
                .collect();
            failures.push(format!(
                "{name}: {rejected} rejected, expected {expected}\n{}",
                errs.join("\n")
            ));
        }
    }
    println!(
        "suricata-verify: {checked} tests' rules checked, {} disagree",
        failures.len()
    );
    assert!(checked > 100, "only {checked} tests found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
