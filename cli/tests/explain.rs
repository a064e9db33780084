//! `ferrule explain` as a user runs it: decisions per stage, the handshake-drop
//! trap, AWS strict order with default actions and policies, IPv6, JSON, exit
//! statuses.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn repo(p: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(p)
        .display()
        .to_string()
}

/// A temp file unique to this test process and `name`.
fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ferrule-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn ferrule(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ferrule"))
        .arg("explain")
        .args(args)
        .output()
        .expect("run ferrule");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let (code, out, err) = ferrule(&a);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn alerts(v: &Value) -> Vec<u64> {
    v["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_u64().unwrap())
        .collect()
}

fn tls(rules: &str, sni: &str) -> Vec<String> {
    sni_flow("tls", rules, sni)
}

/// Arguments asking `flow` (tls or quic) 10.0.0.5:40000 -> 93.184.216.34:443
/// with `sni`.
fn sni_flow(flow: &str, rules: &str, sni: &str) -> Vec<String> {
    [
        "--rules",
        rules,
        "--flow",
        flow,
        "--src",
        "10.0.0.5:40000",
        "--dst",
        "93.184.216.34:443",
        "--sni",
        sni,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn passed_sni_human_and_json() {
    let ex = repo("corpus/example.rules");
    let args = tls(&ex, "www.github.com");
    let (code, out, err) = ferrule(&strs(&args));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("stage flow_start to_server"), "{out}");
    assert!(out.contains("stage app_request to_server"), "{out}");
    assert!(out.contains("+ sid 1000001 pass \"allow github\""), "{out}");
    assert!(out.contains("matched: pass (flow)"), "{out}");
    // Every rule is listed with its first reason at each stage.
    assert!(
        out.contains("not matched: app-tx rule: not inspected at this stage"),
        "{out}"
    );
    assert!(
        out.contains("not matched: tls.sni: content:\"example.com\""),
        "{out}"
    );
    assert!(
        out.contains("a pass ended processing of this packet"),
        "{out}"
    );
    assert!(
        out.contains("decision: pass by sid 1000001 \"allow github\" at app_request"),
        "{out}"
    );
    assert!(out.contains("alerts: none"), "{out}");
    let v = json(&strs(&args));
    assert_eq!(v["verdict"], "pass");
    assert_eq!(v["sid"], 1000001);
    assert_eq!(v["msg"], "allow github");
    assert_eq!(v["stage"], "app_request");
    assert_eq!(alerts(&v), Vec::<u64>::new());
    assert_eq!(v["default_action"], false);
}

#[test]
fn dropped_sni() {
    let v = json(&strs(&tls(&repo("corpus/example.rules"), "a.evil.example")));
    assert_eq!(v["verdict"], "drop");
    assert_eq!(v["sid"], 1000004);
    assert_eq!(v["stage"], "app_request");
    // A drop does not end processing: the default-deny drop also alerts.
    assert_eq!(alerts(&v), [1000004, 1000006]);
    assert_eq!(v["default_action"], false);
    // An unlisted name meets the default-deny rule.
    let v = json(&strs(&tls(&repo("corpus/example.rules"), "other.org")));
    assert_eq!(v["verdict"], "drop");
    assert_eq!(v["sid"], 1000006);
    assert_eq!(alerts(&v), [1000006]);
}

const HANDSHAKE: &str = "drop tcp any any -> any 443 (msg:\"block 443\"; sid:100;)\n\
                         pass tls any any -> any any (msg:\"allow sni\"; tls.sni; content:\"example.com\"; sid:101;)\n";

#[test]
fn handshake_drop_trap_decides_at_flow_start() {
    let r = temp("handshake.rules", HANDSHAKE);
    let args = tls(&r, "example.com");
    let (code, out, _) = ferrule(&strs(&args));
    assert_eq!(code, 0);
    assert!(
        out.contains("decision: drop by sid 100 \"block 443\" at flow_start"),
        "{out}"
    );
    assert!(
        out.contains("not inspected: the flow already has a verdict"),
        "{out}"
    );
    let v = json(&strs(&args));
    assert_eq!(v["verdict"], "drop");
    assert_eq!(v["sid"], 100);
    assert_eq!(v["stage"], "flow_start");
    assert_eq!(alerts(&v), [100]);
    assert_eq!(v["stages"][2]["inspected"], false);
    // The same in strict order, even though the SNI pass is written first.
    let r2 = temp(
        "handshake-strict.rules",
        "pass tls any any -> any any (msg:\"allow sni\"; tls.sni; content:\"example.com\"; sid:101;)\n\
         drop tcp any any -> any 443 (msg:\"block 443\"; sid:100;)\n",
    );
    let mut a = tls(&r2, "example.com");
    a.push("--strict-order".into());
    let v = json(&strs(&a));
    assert_eq!(v["verdict"], "drop");
    assert_eq!(v["sid"], 100);
    assert_eq!(v["stage"], "flow_start");
}

const SNI_ONLY: &str =
    "pass tls $HOME_NET any -> any any (msg:\"allow sni\"; tls.sni; content:\"example.com\"; endswith; sid:1;)\n";

#[test]
fn strict_order_default_actions() {
    let r = temp("sni-only.rules", SNI_ONLY);
    let with = |sni: &str, action: &str| {
        let mut a = tls(&r, sni);
        a.extend([
            "--strict-order".into(),
            "--default-action".into(),
            action.into(),
        ]);
        json(&strs(&a))
    };
    // drop_strict kills the handshake: the SNI pass never runs.
    let v = with("www.example.com", "aws:drop_strict");
    assert_eq!(v["verdict"], "drop");
    assert_eq!(v["sid"], Value::Null);
    assert_eq!(v["default_action"], true);
    assert_eq!(v["default_action_name"], "aws:drop_strict");
    assert_eq!(v["stage"], "flow_start");
    // drop_established lets the handshake through.
    let v = with("www.example.com", "aws:drop_established");
    assert_eq!(v["verdict"], "pass");
    assert_eq!(v["sid"], 1);
    assert_eq!(v["default_action"], false);
    let v = with("other.org", "aws:drop_established");
    assert_eq!(v["verdict"], "drop");
    assert_eq!(v["default_action"], true);
    assert_eq!(v["stage"], "app_request");
    let v = with("other.org", "aws:drop_established_app_layer_to_server");
    assert_eq!(v["verdict"], "drop");
    assert_eq!(
        v["default_action_name"],
        "aws:drop_established_app_layer_to_server"
    );
    assert_eq!(v["stage"], "app_request");
    // Alerts only log.
    let v = with("other.org", "aws:alert_established");
    assert_eq!(v["verdict"], "none");
    assert_eq!(v["default_action"], false);
    assert_eq!(v["default_alerts"][0]["action"], "aws:alert_established");
    assert_eq!(v["default_alerts"][0]["stage"], "app_request");
    // Human output names the default action.
    let mut a = tls(&r, "other.org");
    a.extend([
        "--strict-order".into(),
        "--default-action".into(),
        "aws:drop_established".into(),
    ]);
    let (_, out, _) = ferrule(&strs(&a));
    assert!(
        out.contains("decision: drop by default action aws:drop_established at app_request"),
        "{out}"
    );
    assert!(
        out.contains("- default aws:drop_established: not applied: does not act on this packet"),
        "{out}"
    );
}

#[test]
fn policy_orders_groups_by_priority_and_supplies_defaults() {
    let groups = temp(
        "groups.json",
        r#"[{"RuleGroupName": "late", "Type": "STATEFUL", "Capacity": 10,
             "RuleGroup": {"StatefulRuleOptions": {"RuleOrder": "STRICT_ORDER"},
               "RulesSource": {"RulesString": "drop tls $HOME_NET any -> any any (msg:\"deny x\"; tls.sni; content:\"x.example\"; sid:5;)\n"}}},
            {"RuleGroupName": "early", "Type": "STATEFUL", "Capacity": 10,
             "RuleGroup": {"StatefulRuleOptions": {"RuleOrder": "STRICT_ORDER"},
               "RulesSource": {"RulesString": "pass tls $HOME_NET any -> any any (msg:\"allow x\"; tls.sni; content:\"x.example\"; sid:9;)\n"}}}]"#,
    );
    let policy = temp(
        "policy.json",
        r#"{"FirewallPolicyName": "p", "FirewallPolicy": {
             "StatelessDefaultActions": ["aws:forward_to_sfe"], "StatelessFragmentDefaultActions": ["aws:forward_to_sfe"],
             "StatefulRuleGroupReferences": [
               {"ResourceArn": "arn:aws:network-firewall:us-east-1:1:stateful-rulegroup/late", "Priority": 20},
               {"ResourceArn": "arn:aws:network-firewall:us-east-1:1:stateful-rulegroup/early", "Priority": 10}],
             "StatefulDefaultActions": ["aws:drop_established"],
             "StatefulEngineOptions": {"RuleOrder": "STRICT_ORDER"}}}"#,
    );
    let mut a = tls(&groups, "x.example");
    a.extend(["--policy".into(), policy.clone()]);
    let v = json(&strs(&a));
    assert_eq!(v["verdict"], "pass", "{v:#}");
    assert_eq!(v["sid"], 9);
    let mut a = tls(&groups, "y.example");
    a.extend(["--policy".into(), policy]);
    let v = json(&strs(&a));
    assert_eq!(v["verdict"], "drop");
    assert_eq!(v["default_action_name"], "aws:drop_established");
    // Without the policy the groups are in file order: the drop comes first.
    let v = json(&strs(&tls(&groups, "x.example")));
    assert_eq!(v["verdict"], "drop");
    assert_eq!(v["sid"], 5);
}

/// SEMANTICS §5.3, trap 22: a rule group that sets only `HOME_NET` keeps the
/// policy's `EXTERNAL_NET` (`!<policy HOME_NET>`), not `!<group HOME_NET>`.
#[test]
fn group_home_net_leaves_the_policy_external_net() {
    let group = temp(
        "deny-home.json",
        r#"{"RuleGroup": {"RuleVariables": {"IPSets": {"HOME_NET": {"Definition": ["100.64.0.0/10"]}}},
             "RulesSource": {"RulesSourceList": {"Targets": ["evil.com"], "TargetTypes": ["TLS_SNI"], "GeneratedRulesType": "DENYLIST"}}},
            "RuleGroupResponse": {"RuleGroupName": "deny", "RuleGroupArn": "arn:aws:network-firewall:us-east-1:1:stateful-rulegroup/deny", "Type": "STATEFUL_DOMAIN", "Capacity": 100}}"#,
    );
    let policy = temp(
        "home-policy.json",
        r#"{"FirewallPolicy": {"StatelessDefaultActions": ["aws:forward_to_sfe"], "StatelessFragmentDefaultActions": ["aws:forward_to_sfe"],
             "PolicyVariables": {"RuleVariables": {"HOME_NET": {"Definition": ["10.0.0.0/8"]}}},
             "StatefulRuleGroupReferences": [{"ResourceArn": "arn:aws:network-firewall:us-east-1:1:stateful-rulegroup/deny"}]}}"#,
    );
    let ask = |dst: &str| {
        json(&[
            "--rules",
            &group,
            "--dialect",
            "aws",
            "--policy",
            &policy,
            "--flow",
            "tls",
            "--src",
            "100.64.1.1:40000",
            "--dst",
            dst,
            "--sni",
            "evil.com",
        ])
    };
    // 100.64.2.2 is in the group's HOME_NET but outside the policy's: external.
    let v = ask("100.64.2.2:443");
    assert_eq!(
        (v["verdict"].as_str(), v["sid"].as_u64()),
        (Some("drop"), Some(1)),
        "{v:#}"
    );
    // 10.1.1.1 is inside the policy's HOME_NET: not external, no match.
    let v = ask("10.1.1.1:443");
    assert_eq!(v["verdict"], "none", "{v:#}");
    let v = ask("52.1.1.1:443");
    assert_eq!(v["verdict"], "drop", "{v:#}");
}

/// SEMANTICS §5.3: an AWS rule group sees only `HOME_NET`, `EXTERNAL_NET`
/// and its own variables; a stock Suricata group such as `$HTTP_PORTS` is
/// undefined there unless the group (or the user, with `--var`) defines it.
#[test]
fn aws_group_sees_no_stock_suricata_variables() {
    let rule = r#"drop tcp $HOME_NET any -> $HTTP_SERVERS $HTTP_PORTS (msg:\"x\"; flow:to_server,established; sid:5;)\n"#;
    let bare = temp(
        "vars-bare.json",
        &format!(
            r#"{{"RuleGroup": {{"RulesSource": {{"RulesString": "{rule}"}}}}, "RuleGroupResponse": {{"RuleGroupName": "v", "Type": "STATEFUL", "Capacity": 100}}}}"#
        ),
    );
    let defined = temp(
        "vars-defined.json",
        &format!(
            r#"{{"RuleGroup": {{"RuleVariables": {{"IPSets": {{"HTTP_SERVERS": {{"Definition": ["10.0.0.0/8"]}}}}, "PortSets": {{"HTTP_PORTS": {{"Definition": ["80", "8080"]}}}}}},
              "RulesSource": {{"RulesString": "{rule}"}}}}, "RuleGroupResponse": {{"RuleGroupName": "v", "Type": "STATEFUL", "Capacity": 100}}}}"#
        ),
    );
    let check = |file: &str, extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ferrule"))
            .args(["check", "--dialect", "aws"])
            .args(extra)
            .arg(file)
            .output()
            .expect("run ferrule");
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.code(), text)
    };
    let (code, text) = check(&bare, &[]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("F0205") && text.contains("HTTP_SERVERS") && text.contains("RuleVariables"),
        "{text}"
    );
    let (code, text) = check(&defined, &[]);
    assert_eq!(code, Some(0), "{text}");
    let (code, text) = check(
        &bare,
        &["--var", "HTTP_SERVERS=10.0.0.0/8", "--var", "HTTP_PORTS=80"],
    );
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn ipv6_addresses_and_host_normalisation() {
    let r = temp(
        "v6.rules",
        "pass http [2001:db8::/32] any -> any 80 (msg:\"v6 host\"; http.host; content:\"example.com\"; startswith; endswith; sid:1;)\n\
         alert http any any -> any any (msg:\"raw keeps case and port\"; http.host.raw; content:\"EXAMPLE.COM:8080\"; sid:2;)\n\
         drop tcp [2001:db8:1::1] 80 -> any any (msg:\"v6 reply\"; sid:3;)\n",
    );
    let args = [
        "--rules",
        r.as_str(),
        "--flow",
        "http",
        "--src",
        "[2001:db8::5]:40000",
        "--dst",
        "[2001:db8:1::1]:80",
        "--host",
        "EXAMPLE.COM:8080",
    ];
    let v = json(&args);
    // The reply (SYN-ACK) matches the IP-only drop first.
    assert_eq!(v["verdict"], "drop", "{v:#}");
    assert_eq!(v["sid"], 3);
    assert_eq!(v["stage"], "flow_start");
    assert_eq!(v["stages"][1]["src"], "[2001:db8:1::1]:80");
    let r2 = temp(
        "v6b.rules",
        "pass http [2001:db8::/32] any -> any 80 (msg:\"v6 host\"; http.host; content:\"example.com\"; startswith; endswith; sid:1;)\n\
         alert http any any -> any any (msg:\"raw\"; http.host.raw; content:\"EXAMPLE.COM:8080\"; sid:2;)\n",
    );
    let mut a = args.to_vec();
    a[1] = r2.as_str();
    let v = json(&a);
    assert_eq!(v["verdict"], "pass");
    assert_eq!(v["sid"], 1);
    assert_eq!(v["stages"][0]["src"], "[2001:db8::5]:40000");
    let (code, out, _) = ferrule(&a);
    assert_eq!(code, 0);
    assert!(
        out.contains("http.host \"example.com\", http.host.raw \"EXAMPLE.COM:8080\""),
        "{out}"
    );
    // The raw-buffer alert matches but comes after the pass (action order).
    assert!(out.contains("+ sid 2 alert \"raw\""), "{out}");
}

#[test]
fn json_has_the_documented_fields() {
    let r = temp("none.rules", SNI_ONLY);
    let v = json(&strs(&tls(&r, "other.org")));
    for k in [
        "verdict",
        "sid",
        "stage",
        "alerts",
        "default_action",
        "stages",
    ] {
        assert!(v.get(k).is_some(), "missing {k}: {v:#}");
    }
    assert_eq!(v["verdict"], "none");
    assert_eq!(v["sid"], Value::Null);
    assert_eq!(v["stage"], Value::Null);
    assert_eq!(v["default_action"], false);
    let st = &v["stages"][2];
    assert_eq!(st["stage"], "app_request");
    assert_eq!(st["rules"][0]["sid"], 1);
    assert_eq!(st["rules"][0]["matched"], false);
    assert!(st["rules"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("tls.sni"));
    // No SNI at all (SEMANTICS §7.15): the buffer is absent.
    let (code, out, _) = ferrule(&[
        "--rules",
        &r,
        "--flow",
        "tls",
        "--src",
        "10.0.0.5:1",
        "--dst",
        "1.2.3.4:443",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["stages"][2]["rules"][0]["reason"],
        "buffer tls.sni absent"
    );
}

#[test]
fn reject_verdict_and_action_order_option() {
    let r = temp(
        "reject.rules",
        "reject tls any any -> any any (msg:\"rej\"; tls.sni; content:\"x\"; sid:1;)\n\
         pass tls any any -> any any (msg:\"ok\"; tls.sni; content:\"x\"; sid:2;)\n",
    );
    let v = json(&strs(&tls(&r, "x")));
    assert_eq!(v["verdict"], "pass");
    let mut a = tls(&r, "x");
    a.extend(["--action-order".into(), "reject,drop,pass,alert".into()]);
    let v = json(&strs(&a));
    assert_eq!(v["verdict"], "reject");
    assert_eq!(v["sid"], 1);
    assert_eq!(alerts(&v), [1]);
}

#[test]
fn exit_statuses() {
    let ex = repo("corpus/example.rules");
    let base = [
        "--rules",
        ex.as_str(),
        "--flow",
        "tls",
        "--dst",
        "1.2.3.4:443",
    ];
    let run = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend_from_slice(extra);
        ferrule(&a).0
    };
    assert_eq!(run(&["--src", "10.0.0.5:1"]), 0);
    assert_eq!(run(&["--src", "10.0.0.5"]), 2, "no port");
    assert_eq!(run(&["--src", "2001:db8::1:80"]), 2, "IPv6 needs brackets");
    assert_eq!(
        run(&["--src", "10.0.0.5:1", "--host", "a"]),
        2,
        "--host on tls"
    );
    assert_eq!(
        run(&["--src", "10.0.0.5:1", "--default-action", "aws:drop_strict"]),
        2,
        "default action without strict order"
    );
    assert_eq!(
        run(&[
            "--src",
            "10.0.0.5:1",
            "--strict-order",
            "--default-action",
            "aws:drop_all"
        ]),
        2
    );
    assert_eq!(
        run(&["--src", "10.0.0.5:1", "--action-order", "pass,drop,alert"]),
        2
    );
    assert_eq!(run(&["--src", "[2001:db8::1]:1"]), 2, "mixed families");
    let (code, _, _) = ferrule(&[
        "--flow",
        "tls",
        "--src",
        "10.0.0.5:1",
        "--dst",
        "1.2.3.4:443",
    ]);
    assert_eq!(code, 2, "--rules is required");
    let bad = repo("corpus/bad.rules");
    let (code, _, err) = ferrule(&[
        "--rules",
        &bad,
        "--flow",
        "tls",
        "--src",
        "10.0.0.5:1",
        "--dst",
        "1.2.3.4:443",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("F0301"), "{err}");
    let (code, _, _) = ferrule(&[
        "--rules",
        "/nonexistent/x.rules",
        "--flow",
        "tls",
        "--src",
        "10.0.0.5:1",
        "--dst",
        "1.2.3.4:443",
    ]);
    assert_eq!(code, 1);
}

/// A DNS flow is asked as the flow tracker asks it: the request's
/// `AppRequest` is not established (the server has not answered), so an
/// established-only pass does not stop a drop on the name; the root name
/// gives no buffer; `--query` belongs to `--flow dns` only.
#[test]
fn dns_flow_first_request_not_established() {
    let rules = temp(
        "dns.rules",
        "drop dns any any -> any any (dns.query; content:\"evil.example\"; startswith; endswith; sid:2;)\n\
         pass dns any any -> any any (flow:established; sid:1;)\n\
         pass dns any any -> any any (flow:not_established; dns.query; content:\"good.example\"; startswith; endswith; sid:3;)\n",
    );
    let dns = |name: Option<&str>| {
        let mut a = vec![
            "--rules",
            &rules,
            "--flow",
            "dns",
            "--src",
            "10.0.0.5:40000",
            "--dst",
            "8.8.8.8:53",
        ];
        if let Some(n) = name {
            a.extend(["--query", n]);
        }
        json(&a)
    };
    let v = dns(Some("evil.example"));
    assert_eq!(v["verdict"], "drop", "{v}");
    assert_eq!(v["sid"], 2);
    assert_eq!(v["stage"], "app_request");
    let v = dns(Some("good.example"));
    assert_eq!(v["verdict"], "pass", "{v}");
    assert_eq!(v["sid"], 3);
    // No name: neither name rule matches. The reply is the server's first
    // packet with its app layer (established, DNS): sid 1 matches there, but
    // `flow:established` makes it a packet rule, so its pass is the
    // packet's, not the flow's.
    let v = dns(None);
    assert_eq!(v["verdict"], "none", "{v}");
    let reply = &v["stages"][1];
    assert_eq!(reply["stage"], "app_response", "{v}");
    assert_eq!(reply["rules"][0]["sid"], 1, "{v}");
    assert_eq!(
        reply["rules"][0]["outcome"], "matched: pass (packet)",
        "{v}"
    );
    let (code, _, err) = ferrule(&[
        "--rules",
        &rules,
        "--flow",
        "udp",
        "--src",
        "10.0.0.5:1",
        "--dst",
        "8.8.8.8:53",
        "--query",
        "x",
    ]);
    assert_eq!(code, 2, "{err}");
}

/// A QUIC flow: the Initial carries `quic.sni` and is not established.
#[test]
fn quic_flow_initial_not_established() {
    let rules = temp(
        "quic.rules",
        "drop quic any any -> any any (quic.sni; content:\"evil.example\"; startswith; endswith; sid:2;)\n\
         pass quic any any -> any any (flow:established; sid:1;)\n",
    );
    let quic = |sni: &str| json(&strs(&sni_flow("quic", &rules, sni)));
    let v = quic("evil.example");
    assert_eq!(v["verdict"], "drop", "{v}");
    assert_eq!(v["sid"], 2);
    assert_eq!(v["stage"], "app_request");
    let v = quic("good.example");
    assert_eq!(v["verdict"], "none", "{v}");
}

/// SEMANTICS §3.4, trap 15: an SNI of 0 or more than 255 bytes is no SNI at
/// all (as the TLS and QUIC extractors have it): a `tls.sni` rule sees no
/// buffer, and explain says why on stderr.
#[test]
fn sni_outside_1_to_255_bytes_is_no_sni() {
    let r = temp(
        "sni-len.rules",
        "alert tls any any -> any any (msg:\"any sni\"; tls.sni; bsize:>0; sid:3;)\n\
         alert tls any any -> any any (msg:\"not x\"; tls.sni; content:!\"x\"; sid:5;)\n\
         alert quic any any -> any any (msg:\"quic sni\"; quic.sni; bsize:>0; sid:7;)\n",
    );
    let long = format!("{}.com", "a".repeat(251));
    assert_eq!(long.len(), 255);
    let v = json(&strs(&tls(&r, &long)));
    assert_eq!(alerts(&v), vec![3, 5], "{v:#}");
    let longer = format!("a{long}");
    for (flow, sni) in [
        ("tls", longer.as_str()),
        ("tls", ""),
        ("quic", longer.as_str()),
    ] {
        let a = sni_flow(flow, &r, sni);
        let v = json(&strs(&a));
        assert_eq!(
            alerts(&v),
            Vec::<u64>::new(),
            "{flow} {} bytes: {v:#}",
            sni.len()
        );
        let (code, _, err) = ferrule(&strs(&a));
        assert_eq!(code, 0);
        assert!(err.contains("INVALID_SNI_LENGTH"), "{err}");
    }
    let v = json(&strs(&sni_flow("quic", &r, &long)));
    assert_eq!(alerts(&v), vec![7], "{v:#}");
}

/// SEMANTICS §9: AWS follows Suricata 7.0, which keeps the case of a Host
/// with a port, so a lowercase deny rule misses `EVIL.COM:8080` there while
/// Suricata 8 lowercases it and drops the flow.
#[test]
fn aws_host_with_a_port_keeps_its_case() {
    let r = temp(
        "deny-host.rules",
        "drop http $HOME_NET any -> $EXTERNAL_NET any (http.host; content:\"evil.com\"; startswith; endswith; msg:\"deny\"; flow:to_server, established; sid:1;)\n",
    );
    let ask = |host: &str, dialect: &str| {
        json(&[
            "--rules",
            &r,
            "--dialect",
            dialect,
            "--flow",
            "http",
            "--src",
            "10.0.0.5:40000",
            "--dst",
            "52.1.1.1:8080",
            "--host",
            host,
        ])
    };
    assert_eq!(ask("EVIL.COM:8080", "suricata")["verdict"], "drop");
    // A domain list is AWS's too, whatever the dialect flag.
    let list = temp("allow-host.txt", "allowed.com\n");
    let v = json(&[
        "--rules",
        &list,
        "--flow",
        "http",
        "--src",
        "10.0.0.5:40000",
        "--dst",
        "52.1.1.1:8080",
        "--host",
        "Allowed.COM:8080",
    ]);
    assert_eq!(v["verdict"], "drop", "{v:#}");
    assert_eq!(ask("EVIL.COM:8080", "aws")["verdict"], "none");
    assert_eq!(ask("EVIL.COM", "aws")["verdict"], "drop");
    assert_eq!(ask("evil.com:8080", "aws")["verdict"], "drop");
    let (code, _, err) = ferrule(&[
        "--rules",
        &r,
        "--flow",
        "http",
        "--src",
        "10.0.0.5:40000",
        "--dst",
        "52.1.1.1:80",
        "--host",
        "a.com\r\nHost: evil.com",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("line breaks"), "{err}");
}

/// SEMANTICS §4.3: the DNS request datagram is the flow's first packet, so
/// the IP-only rules and the `dns.query` rules are one queue: the pass comes
/// first in action order and the IP-only drop is not applied.
#[test]
fn dns_request_datagram_is_one_packet_with_the_flow_start() {
    let rules = temp(
        "dns-one-packet.rules",
        "drop udp any any -> any 53 (msg:\"ip-only drop\"; sid:1;)\n\
         pass dns any any -> any any (msg:\"good\"; dns.query; content:\"good.com\"; sid:2;)\n\
         alert udp any any -> any 53 (msg:\"ip-only alert\"; sid:3;)\n",
    );
    let ask = |name: &str| {
        json(&[
            "--rules",
            &rules,
            "--flow",
            "dns",
            "--src",
            "10.0.0.1:5555",
            "--dst",
            "8.8.8.8:53",
            "--query",
            name,
        ])
    };
    let v = ask("good.com");
    assert_eq!(
        (v["verdict"].as_str(), v["sid"].as_u64()),
        (Some("pass"), Some(2)),
        "{v:#}"
    );
    assert_eq!(alerts(&v), Vec::<u64>::new());
    assert_eq!(v["stages"][0]["first_packet"], true, "{v:#}");
    let v = ask("other.com");
    assert_eq!(
        (v["verdict"].as_str(), v["sid"].as_u64()),
        (Some("drop"), Some(1)),
        "{v:#}"
    );
    assert_eq!(alerts(&v), vec![1, 3]);
    let (_, out, _) = ferrule(&[
        "--rules",
        &rules,
        "--flow",
        "dns",
        "--src",
        "10.0.0.1:5555",
        "--dst",
        "8.8.8.8:53",
        "--query",
        "good.com",
    ]);
    assert!(
        out.contains("the flow's first packet: IP-only rules too"),
        "{out}"
    );
}

/// AWS scopes sids per rule group: an allow list and a reject list, both
/// numbered from sid 1, load side by side and decide together (was a false
/// F0404 duplicate); each alert names its own rule.
#[test]
fn two_domain_list_groups_keep_their_own_sids() {
    let group = |name: &str, targets: &str, kind: &str| {
        temp(
            &format!("{name}.json"),
            &format!(
                r#"{{"RuleGroup": {{"RulesSource": {{"RulesSourceList": {{"Targets": [{targets}], "TargetTypes": ["TLS_SNI"], "GeneratedRulesType": "{kind}"}}}}}},
                    "RuleGroupResponse": {{"RuleGroupName": "{name}", "Type": "STATEFUL_DOMAIN", "Capacity": 100}}}}"#
            ),
        )
    };
    let allow = group("allow", r#"".example.com""#, "ALLOWLIST");
    let deny = group("deny", r#""bad.example.com""#, "DENYLIST");
    let ask = |sni: &str| {
        json(&[
            "--rules",
            &allow,
            "--rules",
            &deny,
            "--dialect",
            "aws",
            "--flow",
            "tls",
            "--src",
            "10.0.0.5:40000",
            "--dst",
            "52.1.1.1:443",
            "--sni",
            sni,
        ])
    };
    // Both lists' sid 1 match; action order puts the allow list's pass first.
    let v = ask("bad.example.com");
    assert_eq!(
        (v["verdict"].as_str(), v["sid"].as_u64()),
        (Some("pass"), Some(1)),
        "{v:#}"
    );
    let v = ask("other.org");
    assert_eq!(
        (v["verdict"].as_str(), v["sid"].as_u64()),
        (Some("drop"), Some(2)),
        "{v:#}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ferrule"))
        .args([
            "check",
            "--dialect",
            "aws",
            "--format",
            "json",
            &allow,
            &deny,
        ])
        .output()
        .expect("run ferrule");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["summary"]["loaded"], 3, "{text}");
    assert_eq!(v["summary"]["rejected"], 0, "{text}");
    assert!(!text.contains("F0404"), "{text}");
    // Merged into one Suricata file, the two sid 1 would clash: convert says so.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ferrule"))
        .args(["convert", &allow, &deny])
        .output()
        .expect("run ferrule");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sid 1 (gid 1)") && err.contains("renumber"),
        "{err}"
    );
}

/// A domain list given beside a STRICT_ORDER rule group follows the strict
/// order of the input (no generated drop rules, no `priority`), as it would
/// in that policy (was: generated in action order, then refused with F0705).
#[test]
fn domain_list_beside_a_strict_group_is_generated_in_strict_order() {
    let list = temp("strict-list.txt", "example.com\n");
    let group = temp(
        "strict-group.json",
        r#"{"RuleGroup": {"StatefulRuleOptions": {"RuleOrder": "STRICT_ORDER"},
             "RulesSource": {"RulesString": "alert tls $HOME_NET any -> $EXTERNAL_NET any (msg:\"seen\"; tls.sni; content:\"other\"; sid:9;)\n"}},
            "RuleGroupResponse": {"RuleGroupName": "strict", "Type": "STATEFUL", "Capacity": 10}}"#,
    );
    let ask = |sni: &str| {
        json(&[
            "--rules",
            &list,
            "--rules",
            &group,
            "--dialect",
            "aws",
            "--flow",
            "tls",
            "--src",
            "10.0.0.5:40000",
            "--dst",
            "52.1.1.1:443",
            "--sni",
            sni,
        ])
    };
    let v = ask("example.com");
    assert_eq!(v["verdict"], "pass", "{v:#}");
    // No generated catch-all drop in strict order.
    let v = ask("other.org");
    assert_eq!(v["verdict"], "none", "{v:#}");
    assert_eq!(alerts(&v), vec![9]);
}

/// `--query` repeated is a request of several questions (`dns.query` is a
/// multi-buffer: a pass on the second question beats a drop on the first);
/// `--response-header` gives the HTTP response's header names, which a
/// rule without a direction inspects too, and belongs to `--flow http`.
#[test]
fn several_questions_and_response_headers() {
    let rules = temp(
        "multi.rules",
        "pass dns any any -> any any (dns.query; content:\"good.example\"; startswith; endswith; sid:1;)\n\
         drop dns any any -> any any (dns.query; content:\"evil.example\"; startswith; endswith; sid:2;)\n\
         drop http any any -> any any (http.header_names; content:\"|0d 0a|Server|0d 0a|\"; sid:3;)\n",
    );
    let v = json(&[
        "--rules",
        &rules,
        "--flow",
        "dns",
        "--src",
        "10.0.0.5:40000",
        "--dst",
        "8.8.8.8:53",
        "--query",
        "evil.example",
        "--query",
        "good.example",
    ]);
    assert_eq!(v["verdict"], "pass", "{v}");
    assert_eq!(v["sid"], 1, "{v}");
    let http = |headers: &[&str]| {
        let mut a = vec![
            "--rules",
            &rules,
            "--flow",
            "http",
            "--src",
            "10.0.0.5:40000",
            "--dst",
            "93.184.216.34:80",
            "--host",
            "a.example",
        ];
        for h in headers {
            a.extend(["--response-header", h]);
        }
        json(&a)
    };
    let v = http(&["Content-Type", "server"]);
    assert_eq!(
        v["verdict"], "none",
        "header names are case-sensitive here: {v}"
    );
    let v = http(&["Content-Type", "Server"]);
    assert_eq!(v["verdict"], "drop", "{v}");
    assert_eq!(v["stage"], "app_response", "{v}");
    let v = http(&[]);
    assert_eq!(v["verdict"], "none", "{v}");
    let (code, _, err) = ferrule(&[
        "--rules",
        &rules,
        "--flow",
        "tls",
        "--src",
        "10.0.0.5:40000",
        "--dst",
        "93.184.216.34:443",
        "--response-header",
        "Server",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--response-header"), "{err}");
}

/// `--split`: a ClientHello across segments. The segment after TLS is
/// detected is inspected with no buffer (`app_partial`): the older
/// packet-scoped catch-all drops and alerts there before the SNI pass
/// (SEMANTICS §9); `aws:drop_established` drops the flow there, the
/// app-layer default actions wait for the hello (SEMANTICS §5.6).
#[test]
fn split_request_is_inspected_before_it_completes() {
    let older = temp(
        "older-catch-all.rules",
        "pass tls $HOME_NET any -> $EXTERNAL_NET any (tls.sni; content:\"example.com\"; nocase; endswith; flow:to_server, established; sid:1;)\n\
         drop tls $HOME_NET any -> $EXTERNAL_NET any (flow:to_server, established; sid:2;)\n",
    );
    let split = |rules: &str, extra: &[&str]| {
        let mut a = tls(rules, "www.example.com");
        a.push("--split".into());
        a.extend(extra.iter().map(|s| s.to_string()));
        json(&strs(&a))
    };
    let v = split(&older, &[]);
    assert_eq!(
        (v["verdict"].as_str(), v["sid"].as_u64()),
        (Some("pass"), Some(1))
    );
    assert_eq!(alerts(&v), [2]);
    assert_eq!(v["stages"][2]["stage"], "app_partial");
    assert_eq!(
        v["stages"][2]["rules"][1]["outcome"],
        "matched: drop (packet)"
    );
    // Not split: the pass comes first, no alert.
    let v = json(&strs(&tls(&older, "www.example.com")));
    assert_eq!(v["verdict"], "pass");
    assert!(alerts(&v).is_empty());

    let r = temp("sni-only.rules", SNI_ONLY);
    let v = split(
        &r,
        &["--strict-order", "--default-action", "aws:drop_established"],
    );
    assert_eq!(v["verdict"], "drop");
    assert_eq!(v["default_action"], true);
    assert_eq!(v["stage"], "app_partial");
    for d in [
        "aws:drop_established_app_layer",
        "aws:drop_established_app_layer_to_server",
    ] {
        let v = split(&r, &["--strict-order", "--default-action", d]);
        assert_eq!(
            (v["verdict"].as_str(), v["sid"].as_u64()),
            (Some("pass"), Some(1)),
            "{d}"
        );
    }
    // Human output says what the segment carries.
    let mut a = tls(&older, "www.example.com");
    a.push("--split".into());
    let (code, out, err) = ferrule(&strs(&a));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("stage app_partial to_server 10.0.0.5:40000 -> 93.184.216.34:443 (established, app tls, the request not complete yet: no buffer)"),
        "{out}"
    );
    // Only TLS and HTTP requests are split.
    let (code, _, err) = ferrule(&[
        "--rules",
        &older,
        "--flow",
        "dns",
        "--src",
        "10.0.0.5:40000",
        "--dst",
        "9.9.9.9:53",
        "--split",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--split is for --flow tls or http"), "{err}");
}
