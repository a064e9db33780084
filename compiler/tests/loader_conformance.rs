//! Loader conformance with real Suricata 8.0.6: every rules file with recorded
//! outcomes (`expected/<file>.jsonl` in ../shared/corpus/{et-open,suricata-rules},
//! and ../shared/conformance/accept/) is loaded as one file, as Suricata loaded it,
//! and each line's outcome (loaded / rejected / ignored) is compared.
//!
//! Skips with a message when ../shared is absent.

use ferrule_compiler::load::{Loader, State};
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    p.is_dir().then_some(p)
}

#[derive(Debug)]
struct Expect {
    line: u32,
    rule: String,
    loaded: String,
    messages: Vec<String>,
}

fn read_expected(path: &Path) -> Vec<Expect> {
    let text = std::fs::read_to_string(path).expect("read expected");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("jsonl");
            Expect {
                line: v["line"].as_u64().unwrap_or(0) as u32,
                rule: v["rule"].as_str().unwrap_or("").to_string(),
                loaded: match &v["loaded"] {
                    serde_json::Value::Bool(true) => "loaded".into(),
                    serde_json::Value::Bool(false) => "rejected".into(),
                    other => other.as_str().unwrap_or("?").to_string(),
                },
                messages: v["suricata_messages"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|m| m.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// (rules file, expected file) pairs.
fn cases(shared: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut out = vec![(
        shared.join("conformance/accept/rules.rules"),
        shared.join("conformance/accept/expected.jsonl"),
    )];
    for dir in ["corpus/et-open", "corpus/suricata-rules"] {
        let exp_dir = shared.join(dir).join("expected");
        let Ok(rd) = std::fs::read_dir(&exp_dir) else {
            continue;
        };
        let mut files: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for e in files {
            let stem = e.file_stem().unwrap().to_string_lossy().to_string();
            let rules = shared.join(dir).join(format!("{stem}.rules"));
            if rules.exists() {
                out.push((rules, e));
            }
        }
    }
    out
}

#[test]
fn loader_outcomes_equal_suricata() {
    let Some(shared) = shared() else {
        eprintln!("SKIP: ../shared not found; loader conformance not run");
        return;
    };
    let mut total = 0usize;
    let mut agree = 0usize;
    let mut disagreements = Vec::new();
    for (rules, expected) in cases(&shared) {
        let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
        loader.add_rules_file(&rules).expect("read rules");
        let load = loader.finish();
        // The recording marks each physical line: a rule's first line "loaded" unless
        // Suricata logged an error for it (so a rule skipped by `requires`, which logs
        // none, is recorded as loaded), and every line starting with whitespace
        // "ignored" — which includes the continuation lines of a `\` rule.
        let mut got: HashMap<u32, &'static str> = HashMap::new();
        for o in &load.outcomes {
            let state = match o.state {
                State::Loaded(_) | State::Skipped => "loaded",
                State::Rejected => "rejected",
                State::Ignored => "ignored",
            };
            got.insert(o.line, state);
            for extra in 1..o.lines {
                got.insert(o.line + extra, "ignored");
            }
        }
        for e in read_expected(&expected) {
            total += 1;
            let g = got.get(&e.line).copied().unwrap_or("missing");
            if g == e.loaded {
                agree += 1;
            } else {
                let ours: Vec<String> = load
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        d.is_error()
                            && load
                                .sources
                                .get(d.span.file)
                                .line_col(d.span.start as usize)
                                .0 as u32
                                == e.line
                    })
                    .map(|d| d.message.clone())
                    .collect();
                disagreements.push(format!(
                    "{}:{}: suricata={} ferrule={}\n    rule: {}\n    suricata: {:?}\n    ferrule: {:?}",
                    rules.file_name().unwrap().to_string_lossy(),
                    e.line,
                    e.loaded,
                    g,
                    e.rule,
                    e.messages.iter().filter(|m| m.starts_with("E:")).collect::<Vec<_>>(),
                    ours
                ));
            }
        }
    }
    println!("loader conformance: {agree}/{total} lines agree with Suricata 8.0.6");
    for d in &disagreements {
        println!("{d}");
    }
    assert!(
        total > 20_000,
        "expected the full corpus, got {total} lines"
    );
    assert_eq!(
        disagreements.len(),
        0,
        "{} disagreements (listed above)",
        disagreements.len()
    );
}
