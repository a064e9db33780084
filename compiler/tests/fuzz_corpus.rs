//! Replays the fuzz corpora (`fuzz/corpus/<target>/`) through the functions the
//! fuzz targets call (`ferrule_compiler::fuzzing`), so every input the fuzzer kept,
//! including past crashes, stays a regression test under plain `cargo test`.
//!
//! Prints how many inputs each target replayed; fails when a corpus folder is
//! missing or empty, and names every input that panics.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use ferrule_compiler::fuzzing;

/// Files of `fuzz/corpus/<target>/`, sorted.
fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read corpus folder {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "corpus folder {} is empty: seed it (see fuzz/corpus/README.md)",
        dir.display()
    );
    files
}

/// Runs `f` on every input of `target`'s corpus; panics naming each failing input.
fn replay(target: &str, f: fn(&[u8])) {
    let files = corpus(target);
    let mut failed = Vec::new();
    for path in &files {
        let data =
            std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        if panic::catch_unwind(AssertUnwindSafe(|| f(&data))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    println!("fuzz corpus {target}: replayed {} inputs", files.len());
    assert!(
        failed.is_empty(),
        "{target}: {} of {} inputs panicked (messages above):\n{}",
        failed.len(),
        files.len(),
        failed.join("\n")
    );
}

#[test]
fn parse_rules_corpus() {
    replay("parse_rules", fuzzing::parse_rules);
}

#[test]
fn domain_list_corpus() {
    replay("domain_list", fuzzing::domain_list);
}

#[test]
fn aws_json_corpus() {
    replay("aws_json", fuzzing::aws_json);
}

#[test]
fn decide_differential_corpus() {
    replay("decide_differential", fuzzing::decide_differential);
}
