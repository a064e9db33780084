//! Unit tests of the back end: the content quirks and deciding traps, compiled,
//! checked against both fixed expectations and the reference interpreter.

use super::*;
use crate::interp::{decide_flow, FlowQueries};
use crate::load::Loader;
use crate::net::Vars;
use crate::Dialect;
use ferrule_matcher::{AppProto, IpProto, Query, RuleRef, Verdict};

fn load(text: &str) -> Vec<Rule> {
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    loader.add_rules("t.rules", text);
    let load = loader.finish();
    assert!(!load.has_errors(), "{:?}", load.diagnostics);
    load.active_rules().cloned().collect()
}

fn tls_flow(sni: &'static str, v6: bool) -> Vec<Query<'static>> {
    let (s, d) = if v6 {
        ("2001:db8::5", "2001:db8:1::1")
    } else {
        ("10.0.0.5", "93.184.216.34")
    };
    let st = Query::flow_start(
        IpProto::Tcp,
        s.parse().unwrap(),
        40000,
        d.parse().unwrap(),
        443,
    );
    let mut r = st.app_request(AppProto::Tls);
    r.tls_sni = Some(sni.as_bytes());
    vec![st, st.reversed(), r]
}

/// Compiled flow decision, checked equal to the interpreter's.
fn decide(rules_text: &str, flow: &[Query]) -> (Verdict, Option<u32>, Vec<u32>) {
    let rules = load(rules_text);
    let rs = build(&rules, &Order::default()).unwrap();
    let mut alerts: Vec<RuleRef> = Vec::new();
    let d = rs.decide_flow(flow, &mut alerts);
    let oracle = decide_flow(
        &rules,
        &Order::default(),
        &FlowQueries {
            queries: flow.to_vec(),
        },
    );
    assert_eq!(d, oracle.decision, "decision differs from the interpreter");
    assert_eq!(alerts, oracle.alerts, "alerts differ from the interpreter");
    (
        d.verdict,
        d.rule.map(|r| r.sid),
        alerts.iter().map(|a| a.sid).collect(),
    )
}

#[test]
fn ruleset_is_send_sync() {
    fn f<T: Send + Sync>() {}
    f::<Ruleset>();
}

#[test]
fn endswith_retry_and_negated_first_occurrence() {
    let r = "pass tls any any -> any any (tls.sni; content:\".example.com\"; endswith; sid:1;)\n\
             alert tls any any -> any any (tls.sni; content:!\".example.com\"; endswith; sid:2;)";
    let (v, sid, alerts) = decide(r, &tls_flow("a.example.com.example.com", false));
    assert_eq!((v, sid), (Verdict::Pass, Some(1)));
    assert!(alerts.is_empty());
    let (v, _, alerts) = decide(r, &tls_flow("www.example.com.x", false));
    assert_eq!(v, Verdict::None);
    assert_eq!(alerts, vec![2]);
}

#[test]
fn dotprefix_nocase_and_ipv6() {
    let r = "drop tls any any -> [2001:db8:1::/48] any (tls.sni; dotprefix; content:\".Example.COM\"; nocase; endswith; sid:7;)";
    assert_eq!(decide(r, &tls_flow("WWW.example.com", true)).1, Some(7));
    assert_eq!(decide(r, &tls_flow("example.com", true)).1, Some(7));
    assert_eq!(decide(r, &tls_flow("badexample.com", true)).1, None);
    assert_eq!(decide(r, &tls_flow("example.com", false)).1, None);
}

#[test]
fn ip_only_decides_at_flow_start_and_sticks() {
    let r = "drop ip any any -> 93.184.216.34 any (sid:3;)\n\
             pass tls any any -> any any (tls.sni; content:\"example.com\"; sid:4;)";
    let (v, sid, alerts) = decide(r, &tls_flow("example.com", false));
    assert_eq!((v, sid), (Verdict::Drop, Some(3)));
    assert_eq!(alerts, vec![3]);
}

#[test]
fn pass_ends_processing_and_drop_then_alerts_continue() {
    let r = "pass tls any any -> any any (tls.sni; content:\"a.com\"; sid:10;)\n\
             drop tls any any -> any any (tls.sni; content:\"b.com\"; sid:11;)\n\
             alert tls any any -> any any (tls.sni; content:\".com\"; sid:12;)\n\
             reject tls any any -> any any (tls.sni; pcre:\"/^x/\"; sid:13;)";
    assert_eq!(decide(r, &tls_flow("a.com", false)).2, Vec::<u32>::new());
    let (v, sid, alerts) = decide(r, &tls_flow("xb.com", false));
    assert_eq!((v, sid), (Verdict::Drop, Some(11)));
    assert_eq!(alerts, vec![11, 13, 12]);
}

/// Compiled flow decision in `order`, checked equal to the interpreter's
/// (decision, deciding default, rule alerts, default alerts).
fn decide_in(
    rules_text: &str,
    order: &Order,
    flow: &[Query],
) -> (Verdict, Option<u32>, Vec<u32>, Option<DefaultAction>, usize) {
    let rules = load(rules_text);
    let rs = build(&rules, order).unwrap();
    let mut alerts: Vec<RuleRef> = Vec::new();
    let mut dalerts = Vec::new();
    let (d, def) = rs.decide_flow_detailed(flow, &mut alerts, &mut dalerts);
    let oracle = decide_flow(
        &rules,
        order,
        &FlowQueries {
            queries: flow.to_vec(),
        },
    );
    assert_eq!(d, oracle.decision, "decision differs from the interpreter");
    assert_eq!(alerts, oracle.alerts, "alerts differ from the interpreter");
    assert_eq!(def, oracle.default.map(default_action), "deciding default");
    let want: Vec<_> = oracle
        .default_alerts
        .iter()
        .map(|a| (default_action(a.action), a.stage))
        .collect();
    assert_eq!(dalerts, want, "default alerts differ from the interpreter");
    (
        d.verdict,
        d.rule.map(|r| r.sid),
        alerts.iter().map(|a| a.sid).collect(),
        def,
        dalerts.len(),
    )
}

#[test]
fn strict_order_first_terminal_rule_wins() {
    // Rules as written: the drop before the pass decides; the alert before
    // it is kept, the one after it is not reached.
    let r = "alert tls any any -> any any (tls.sni; content:\".com\"; sid:3;)\n\
             drop tls any any -> any any (tls.sni; content:\"example\"; sid:2;)\n\
             pass tls any any -> any any (tls.sni; content:\"example.com\"; sid:1;)\n\
             alert tls any any -> any any (tls.sni; content:\"com\"; sid:4;)";
    let got = decide_in(
        r,
        &Order::strict(Vec::new()),
        &tls_flow("example.com", false),
    );
    assert_eq!(got, (Verdict::Drop, Some(2), vec![3, 2], None, 0));
    // Action order would pass it.
    assert_eq!(decide(r, &tls_flow("example.com", false)).0, Verdict::Pass);
}

#[test]
fn strict_order_default_actions() {
    use StatefulDefaultAction as S;
    let pass = "pass tls any any -> any any (tls.sni; content:\"example.com\"; endswith; sid:1;)";
    // drop_strict: the handshake is dropped before the SNI is seen (SEMANTICS §7.9).
    let o = Order::strict(vec![S::DropStrict]);
    let got = decide_in(pass, &o, &tls_flow("example.com", false));
    assert_eq!(got.0, Verdict::Drop);
    assert_eq!(got.3, Some(DefaultAction::DropStrict));
    // drop_established + alert_established: the listed name passes, others
    // are alerted on and dropped at the request.
    let o = Order::strict(vec![S::DropEstablished, S::AlertEstablished]);
    let got = decide_in(pass, &o, &tls_flow("www.example.com", false));
    assert_eq!(got, (Verdict::Pass, Some(1), vec![], None, 0));
    let got = decide_in(pass, &o, &tls_flow("evil.org", true));
    assert_eq!(
        got,
        (
            Verdict::Drop,
            None,
            vec![],
            Some(default_action(S::DropEstablished)),
            1
        )
    );
    // App-layer variants.
    let o = Order::strict(vec![
        S::AlertEstablishedAppLayerToServer,
        S::DropEstablishedAppLayer,
    ]);
    let got = decide_in(pass, &o, &tls_flow("evil.org", false));
    assert_eq!(got.0, Verdict::Drop);
    assert_eq!(got.3, Some(DefaultAction::DropEstablishedAppLayer));
    assert_eq!(got.4, 1);
}

/// An HTTP/1 flow 10.0.0.5:40000 -> 93.184.216.34:80 with the given buffers.
fn http_flow(
    host: Option<&'static str>,
    header_names: Option<&'static str>,
) -> Vec<Query<'static>> {
    let st = Query::flow_start(
        IpProto::Tcp,
        "10.0.0.5".parse().unwrap(),
        40000,
        "93.184.216.34".parse().unwrap(),
        80,
    );
    let mut r = st.app_request(AppProto::Http1);
    r.http_host = host.map(str::as_bytes);
    r.http_host_raw = host.map(str::as_bytes);
    r.http_header_names = header_names.map(str::as_bytes);
    vec![st, st.reversed(), r]
}

#[test]
fn trap11_sni_keeps_the_trailing_dot_so_wildcards_miss_it() {
    // SEMANTICS §7.11: tls.sni is raw bytes; `example.com.` is not under `.example.com`.
    let r = "pass tls any any -> any any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; sid:1;)\n\
             drop tls any any -> any any (ssl_state:client_hello; sid:2;)";
    assert_eq!(decide(r, &tls_flow("www.example.com", false)).1, Some(1));
    let (v, sid, _) = decide(r, &tls_flow("www.example.com.", false));
    assert_eq!((v, sid), (Verdict::Drop, Some(2)));
}

#[test]
fn trap12_uppercase_http_host_content_after_dotprefix_is_dead() {
    // SEMANTICS §7.12: http.host is lowercased; an uppercase pattern behind a
    // transform loads but can never match.
    let r = "pass http any any -> any any (http.host; dotprefix; content:\".Example.com\"; endswith; sid:1;)";
    let hdr = Some("\r\nHost\r\n\r\n");
    assert_eq!(
        decide(r, &http_flow(Some("www.example.com"), hdr)).0,
        Verdict::None
    );
    let ok = "pass http any any -> any any (http.host; dotprefix; content:\".example.com\"; endswith; sid:1;)";
    assert_eq!(
        decide(ok, &http_flow(Some("www.example.com"), hdr)).1,
        Some(1)
    );
}

#[test]
fn trap23_http_allow_list_drop_keys_on_header_names() {
    // SEMANTICS §7.23: the AWS HTTP allow-list catch-all drop needs a header
    // line; a request without headers (no Host, no header names) matches
    // neither the pass rules nor the drop rule.
    let r = "pass http $HOME_NET any -> $EXTERNAL_NET any (http.host; content:\"example.com\"; startswith; endswith; flow:to_server, established; sid:1;)\n\
             drop http $HOME_NET any -> $EXTERNAL_NET any (http.header_names; content:\"|0d 0a|\"; startswith; flow:to_server, established; sid:2;)";
    let hdr = Some("\r\nHost\r\n\r\n");
    assert_eq!(decide(r, &http_flow(Some("example.com"), hdr)).1, Some(1));
    assert_eq!(decide(r, &http_flow(Some("other.com"), hdr)).1, Some(2));
    let (v, sid, alerts) = decide(r, &http_flow(None, None));
    assert_eq!((v, sid), (Verdict::None, None));
    assert!(alerts.is_empty());
}
