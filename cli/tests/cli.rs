//! The `ferrule` binary as a user runs it: exit statuses, human and JSON output,
//! domain-list conversion.

use std::path::PathBuf;
use std::process::Command;

fn repo(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(p)
}

fn ferrule(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ferrule"))
        .args(args)
        .output()
        .expect("run ferrule");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn clean_rules_exit_zero_with_a_summary() {
    let (code, out, _) = ferrule(&["check", repo("corpus/example.rules").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("6 loaded"), "{out}");
}

#[test]
fn rejected_rules_exit_one_with_located_carets() {
    let bad = repo("corpus/bad.rules");
    let (code, out, err) = ferrule(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error[F0301]: no terminating \";\" found"),
        "{err}"
    );
    assert!(err.contains("bad.rules:1:63"), "{err}");
    assert!(err.contains("^^^^^"), "{err}");
    assert!(err.contains("help:"), "{err}");
    assert!(out.contains("9 rejected"), "{out}");
}

#[test]
fn usage_errors_exit_two() {
    let (code, _, _) = ferrule(&["check", "--no-such-flag", "x"]);
    assert_eq!(code, 2);
    let (code, _, _) = ferrule(&["frobnicate"]);
    assert_eq!(code, 2);
}

#[test]
fn missing_file_is_an_error_not_a_panic() {
    let (code, _, err) = ferrule(&["check", "/nonexistent/x.rules"]);
    assert_eq!(code, 1);
    assert!(err.contains("F0001"), "{err}");
}

#[test]
fn json_output_has_codes_locations_and_summary() {
    let bad = repo("corpus/bad.rules");
    let (code, out, _) = ferrule(&["check", "--format", "json", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let diags = v["diagnostics"].as_array().unwrap();
    let first = &diags[0];
    assert_eq!(first["code"], "F0301");
    assert_eq!(first["location"]["line"], 1);
    assert_eq!(first["location"]["column"], 63);
    assert_eq!(v["summary"]["rejected"], 9);
    assert_eq!(v["summary"]["ignored"], 1);
}

#[test]
fn convert_domain_list_prints_the_aws_rules() {
    let list = repo("corpus/allowlist.txt");
    let (code, out, _) = ferrule(&["convert", "--types", "tls", list.to_str().unwrap()]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(
        lines[1],
        "pass tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; tls.sni; content:\"example.com\"; startswith; nocase; endswith; msg:\"matching TLS allowlisted FQDNs\"; priority:1; flow:to_server, established; sid:2; rev:1;)"
    );
    assert!(lines[3].starts_with("drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:\"not matching any TLS allowlisted FQDNs\""));
}

#[test]
fn strict_turns_inert_rules_into_errors() {
    let dir = std::env::temp_dir().join(format!("ferrule-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("inert.rules");
    std::fs::write(
        &f,
        "alert http any any -> any any (http.uri; content:\"/x\"; sid:1;)\n",
    )
    .unwrap();
    let (code, _, _) = ferrule(&["check", f.to_str().unwrap()]);
    assert_eq!(code, 0);
    let (code, _, err) = ferrule(&["check", "--strict", f.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("F0601"), "{err}");
}

/// `ferrule check … | head`: a reader that stops early ends ferrule quietly
/// (exit 141, as SIGPIPE would), not with a panic about a broken pipe.
#[test]
fn a_closed_stdout_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let rules: String = (1..=3000)
        .map(|i| {
            format!("alert tls any any -> any any (tls.sni; content:\"a{i}.com\"; sid:{i};)\n")
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("ferrule-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("many.rules");
    std::fs::write(&path, rules).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ferrule"))
        .args(["check", "--format", "json", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(141), "{stderr}");
    // The human diagnostics go to stderr: `2>&1 | head` the same.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ferrule"))
        .args(["check", path.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stderr
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(141));
    std::fs::remove_dir_all(&dir).ok();
}
