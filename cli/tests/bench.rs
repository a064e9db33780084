//! `ferrule bench` as a user runs it: a small generated domain file, few queries,
//! JSON with the measured fields as positive numbers.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// `ferrule bench <mode> FILE ARGS..`: it succeeds and prints one JSON object.
fn bench_json(mode: &str, file: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_ferrule"))
        .args(["bench", mode])
        .arg(file)
        .args(args)
        .output()
        .expect("run ferrule");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {stdout}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.trim()).expect("one JSON object")
}

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

    let v = bench_json(
        "--domains",
        &path,
        &[
            "--queries",
            "300",
            "--rounds",
            "3",
            "--reference-queries",
            "8",
            "--format",
            "json",
        ],
    );
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

/// `--rules`: the user's own rules. A block list in the shapes ThreatFox and
/// ET Open ship, DNS queries named after it: every rule is proposed by the
/// name index, some queries alert, and the compiled decisions agree with the
/// reference interpreter on the sample (else the exit status is 1).
#[test]
fn bench_rules_json_reports_evaluation_and_agreement() {
    let dir = std::env::temp_dir().join(format!("ferrule-bench-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("block.rules");
    let mut text = String::new();
    for i in 0..40 {
        let name = format!("c2-{i}.example.net");
        let len = name.len();
        if i % 2 == 0 {
            text.push_str(&format!(
                "alert dns $HOME_NET any -> any any (msg:\"tf {i}\"; dns_query; content:\"{name}\"; depth:{len}; isdataat:!1,relative; nocase; sid:{};)\n",
                1000 + i
            ));
        } else {
            text.push_str(&format!(
                "alert dns $HOME_NET any -> any any (msg:\"et {i}\"; dns.query; bsize:{len}; content:\"{name}\"; nocase; sid:{};)\n",
                1000 + i
            ));
        }
    }
    std::fs::write(&path, text).unwrap();
    let v = bench_json(
        "--rules",
        &path,
        &[
            "--app",
            "dns",
            "--queries",
            "300",
            "--rounds",
            "2",
            "--reference-queries",
            "60",
            "--format",
            "json",
        ],
    );
    assert_eq!(v["rules_loaded"], 40, "{v}");
    assert_eq!(v["rules_indexed"], 40, "{v}");
    assert_eq!(v["mismatches"], 0, "{v}");
    assert_eq!(v["reference_queries"], 60, "{v}");
    // A third of the queries are listed names: they alert.
    let alerting = v["alerting_queries"].as_u64().unwrap();
    assert!((80..=140).contains(&alerting), "{v}");
    for key in ["ferrule_ns", "reference_ns", "compile_ms"] {
        let x = v[key].as_f64().unwrap_or_else(|| panic!("{key}: {v}"));
        assert!(x > 0.0 && x.is_finite(), "{key} = {x}");
    }
}

/// `--rules` with no contents of the chosen buffer: a clear error, exit 1.
#[test]
fn bench_rules_without_names_of_the_app_is_an_error() {
    let dir = std::env::temp_dir().join(format!("ferrule-bench-noname-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("tls.rules");
    std::fs::write(
        &path,
        "alert tls any any -> any any (tls.sni; content:\"a.example\"; sid:1;)\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ferrule"))
        .args(["bench", "--rules"])
        .arg(&path)
        .args(["--app", "http"])
        .output()
        .expect("run ferrule");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no http.host contents"), "{stderr}");
}
