//! Replays the corpora of the matcher's fuzz targets (`fuzz/corpus/<target>/`)
//! through the same bodies the targets run (`extract::fuzzing`), so a crash
//! the fuzzer once found stays fixed. Fails when a corpus folder is missing or
//! empty.

use ferrule_matcher::extract::fuzzing;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

fn replay(target: &str, f: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read corpus folder {}: {e}", dir.display()))
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "corpus folder {} is empty",
        dir.display()
    );
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
        "{target}: inputs panicked:\n{}",
        failed.join("\n")
    );
}

#[test]
fn client_hello_corpus() {
    replay("client_hello", fuzzing::client_hello);
}

#[test]
fn http_request_corpus() {
    replay("http_request", fuzzing::http_request);
}

#[test]
fn dns_query_corpus() {
    replay("dns_query", fuzzing::dns_query);
}

#[test]
fn quic_initial_corpus() {
    replay("quic_initial", fuzzing::quic_initial);
}

#[test]
fn pcap_replay_corpus() {
    replay("pcap_replay", ferrule_matcher::flow::fuzzing::pcap_replay);
}
