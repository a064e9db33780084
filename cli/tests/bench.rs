//! `ferrule bench` as a user runs it: a small generated domain file, few queries,
//! JSON with the measured fields as positive numbers.

use serde_json::Value;
use std::process::Command;

#[test]
fn bench_json_has_positive_measurements() {
    let dir = std::env::temp_dir().join(format!("ferrule-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("domains.txt");
    let mut text = String::from("# generated test list\n");
    for i in 0..200 {
        text.push_str(&format!("host{i}.example{}.com\n", i % 7));
    }
    text.push_str(".wild.example.org\n");
    std::fs::write(&path, text).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_ferrule"))
        .args(["bench", "--domains"])
        .arg(&path)
        .args([
            "--queries",
            "300",
            "--rounds",
            "3",
            "--reference-queries",
            "8",
            "--format",
            "json",
        ])
        .output()
        .expect("run ferrule");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {stdout}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(stdout.trim()).expect("one JSON object");
    for key in [
        "ferrule_ns",
        "ferrule_best_ns",
        "hash_suffix_ns",
        "hash_suffix_best_ns",
        "hash_exact_ns",
        "reference_ns",
        "regexset_ns",
        "compile_ms",
        "ratio_hash_suffix",
        "ratio_reference",
    ] {
        let x = v[key]
            .as_f64()
            .unwrap_or_else(|| panic!("{key} is not a number: {v}"));
        assert!(x > 0.0 && x.is_finite(), "{key} = {x}");
    }
    // The fastest round is one of the rounds: never slower than the median.
    for (best, median) in [
        ("ferrule_best_ns", "ferrule_ns"),
        ("hash_suffix_best_ns", "hash_suffix_ns"),
    ] {
        assert!(
            v[best].as_f64() <= v[median].as_f64(),
            "{best} > {median}: {v}"
        );
    }
    assert_eq!(v["domains"], 201);
    assert_eq!(v["rules"], 2 * 201 + 2);
    assert_eq!(v["queries"], 300);
    assert_eq!(v["mismatches"], 0);
    let mix = &v["mix"];
    let total = mix["listed"].as_u64().unwrap()
        + mix["subdomain"].as_u64().unwrap()
        + mix["unlisted"].as_u64().unwrap();
    assert_eq!(total, 300);
    assert!(v["passed"].as_u64().unwrap() > 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bench_missing_file_fails() {
    let out = Command::new(env!("CARGO_BIN_EXE_ferrule"))
        .args(["bench", "--domains", "/nonexistent/ferrule/domains.txt"])
        .output()
        .expect("run ferrule");
    assert_eq!(out.status.code(), Some(1));
}
