//! `ferrule check` with the policy lints: JSON and SARIF output, `--strict`,
//! `--no-lints`, strict order and default actions.

use std::path::PathBuf;
use std::process::Command;

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

fn file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ferrule-lints-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join(name);
    std::fs::write(&f, text).unwrap();
    f
}

const RULES: &str = "\
alert tls $HOME_NET any -> $EXTERNAL_NET any (msg:\"sni\"; tls.sni; content:\"example.com\"; startswith; endswith; sid:1;)
alert tcp !10.0.0.0/8 any -> 2001:db8::/32 any (msg:\"families\"; sid:2;)
";

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn json_lists_lint_findings_with_the_loader_diagnostics() {
    let f = file("a.rules", RULES);
    let (code, out, _) = ferrule(&["check", "--format", "json", f.to_str().unwrap()]);
    assert_eq!(code, 0, "lint findings are warnings");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = codes(&v);
    assert!(c.contains(&"F0815".to_string()), "{c:?}");
    assert!(c.contains(&"F0812".to_string()), "{c:?}");
    assert_eq!(v["summary"]["lints"], 2);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "F0812")
        .unwrap();
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["location"]["line"], 2);
    assert_eq!(d["labels"].as_array().unwrap().len(), 2);
    assert!(d["hint"].as_str().is_some());

    let (code, out, _) = ferrule(&[
        "check",
        "--format",
        "json",
        "--no-lints",
        f.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(codes(&v).iter().all(|c| !c.starts_with("F08")));

    let (code, _, err) = ferrule(&["check", "--strict", f.to_str().unwrap()]);
    assert_eq!(code, 1, "--strict makes lint findings errors");
    assert!(err.contains("error[F0812]"), "{err}");
}

#[test]
fn sarif_output_has_rules_results_and_regions() {
    let f = file("b.rules", RULES);
    let (code, out, _) = ferrule(&["check", "--format", "sarif", f.to_str().unwrap()]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "ferrule");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run["results"].as_array().unwrap();
    for r in results {
        assert!(rules.contains(&r["ruleId"].as_str().unwrap()));
    }
    let fam = results
        .iter()
        .find(|r| r["ruleId"] == "F0812")
        .expect("F0812");
    assert_eq!(fam["level"], "warning");
    let loc = &fam["locations"][0]["physicalLocation"];
    assert!(loc["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("b.rules"));
    assert_eq!(loc["region"]["startLine"], 2);
    assert_eq!(loc["region"]["startColumn"], 1);
    assert_eq!(fam["relatedLocations"].as_array().unwrap().len(), 2);
    assert!(fam["message"]["text"].as_str().unwrap().contains("help:"));
}

#[test]
fn strict_order_domain_list_needs_a_default_drop() {
    let f = file("allow.txt", ".example.com\nexample.org\n");
    let p = f.to_str().unwrap();
    let (code, out, _) = ferrule(&["check", "--format", "json", "--strict-order", p]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(codes(&v).contains(&"F0811".to_string()), "{out}");
    let (code, out, _) = ferrule(&[
        "check",
        "--format",
        "json",
        "--strict-order",
        "--default-action",
        "aws:drop_established_app_layer",
        p,
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(!codes(&v).contains(&"F0811".to_string()), "{out}");
    // Default actions need strict order.
    let (code, _, err) = ferrule(&["check", "--default-action", "aws:drop_established", p]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn policy_file_supplies_order_and_defaults() {
    let group = file(
        "group.json",
        r#"{"RuleGroup": {"RulesSource": {"RulesSourceList": {"Targets": [".example.com"], "TargetTypes": ["TLS_SNI"], "GeneratedRulesType": "ALLOWLIST"}},
            "StatefulRuleOptions": {"RuleOrder": "STRICT_ORDER"}},
           "RuleGroupResponse": {"RuleGroupName": "allow", "Type": "STATEFUL"}}"#,
    );
    let policy = |defaults: &str| {
        file(
            "policy.json",
            &format!(
                r#"{{"FirewallPolicy": {{"StatelessDefaultActions": ["aws:forward_to_sfe"], "StatelessFragmentDefaultActions": ["aws:forward_to_sfe"],
                    "StatefulEngineOptions": {{"RuleOrder": "STRICT_ORDER"}}, "StatefulDefaultActions": [{defaults}],
                    "StatefulRuleGroupReferences": [{{"ResourceArn": "arn:aws:network-firewall:us-east-1:1:stateful-rulegroup/allow", "Priority": 1}}]}}}}"#
            ),
        )
    };
    let run = |pol: PathBuf| {
        let (code, out, err) = ferrule(&[
            "check",
            "--format",
            "json",
            "--policy",
            pol.to_str().unwrap(),
            group.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{out}{err}");
        codes(&serde_json::from_str(&out).unwrap())
    };
    assert!(run(policy("")).contains(&"F0811".to_string()));
    assert!(!run(policy("\"aws:drop_established\"")).contains(&"F0811".to_string()));
}

/// A domain list checked beside a STRICT_ORDER rule group is generated in
/// strict order, as it would be in that policy: no catch-all drop, so F0811
/// says every other name is allowed (was: generated in action order, with
/// its catch-all, and no finding).
#[test]
fn domain_list_beside_a_strict_group_is_checked_in_strict_order() {
    let list = file("strict-list.txt", "example.com\n");
    let group = file(
        "strict-group.json",
        r#"{"RuleGroup": {"StatefulRuleOptions": {"RuleOrder": "STRICT_ORDER"},
             "RulesSource": {"RulesString": "alert tls $HOME_NET any -> $EXTERNAL_NET any (msg:\"seen\"; tls.sni; content:\"other\"; nocase; sid:9;)\n"}},
            "RuleGroupResponse": {"RuleGroupName": "strict", "Type": "STATEFUL", "Capacity": 10}}"#,
    );
    let (code, out, err) = ferrule(&[
        "check",
        "--dialect",
        "aws",
        "--format",
        "json",
        list.to_str().unwrap(),
        group.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(codes(&v).contains(&"F0811".to_string()), "{out}");
    assert_eq!(v["summary"]["loaded"], 3, "{out}");
}
