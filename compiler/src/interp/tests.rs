//! Unit tests of the reference interpreter: content quirks and the deciding
//! traps of SEMANTICS §7.

use super::*;
use crate::load::Loader;
use crate::net::Vars;
use crate::Dialect;
use ferrule_matcher::{AppProto, IpProto, Query, Verdict};

fn load(text: &str) -> Vec<Rule> {
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    loader.add_rules("t.rules", text);
    let load = loader.finish();
    assert!(!load.has_errors(), "{:?}", load.diagnostics);
    load.active_rules().cloned().collect()
}

fn start(dport: u16) -> Query<'static> {
    Query::flow_start(
        IpProto::Tcp,
        "10.0.0.5".parse().unwrap(),
        40000,
        "93.184.216.34".parse().unwrap(),
        dport,
    )
}

fn tls_flow(sni: Option<&'static str>, dport: u16) -> FlowQueries<'static> {
    let s = start(dport);
    let mut r = s.app_request(AppProto::Tls);
    r.tls_sni = sni.map(str::as_bytes);
    FlowQueries {
        queries: vec![s, s.reversed(), r],
    }
}

fn sni_matches(rule: &str, sni: &'static str) -> bool {
    let rules = load(rule);
    let f = tls_flow(Some(sni), 443);
    rule_matches(&rules[0], &f.queries[2]).is_ok()
}

#[test]
fn endswith_retries_later_occurrences() {
    let r = "alert tls any any -> any any (tls.sni; content:\".example.com\"; endswith; sid:1;)";
    assert!(sni_matches(r, "a.example.com.example.com"));
    assert!(sni_matches(r, "www.example.com"));
    assert!(!sni_matches(r, "www.example.com.x"));
}

#[test]
fn negated_endswith_looks_at_first_occurrence_only() {
    let r = "alert tls any any -> any any (tls.sni; content:!\".example.com\"; endswith; sid:1;)";
    // The first occurrence does not end the buffer: the negation holds even
    // though a later occurrence does end it (SEMANTICS §2.4 quirk).
    assert!(sni_matches(r, "a.example.com.example.com"));
    assert!(!sni_matches(r, "a.example.com"));
    assert!(sni_matches(r, "a.other.org"));
}

#[test]
fn dotprefix_wildcard_and_exact() {
    let w = "alert tls any any -> any any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; sid:1;)";
    assert!(sni_matches(w, "example.com"));
    assert!(sni_matches(w, "A.B.EXAMPLE.COM"));
    assert!(!sni_matches(w, "fakeexample.com"));
    assert!(!sni_matches(w, "example.com."));
    let e = "alert tls any any -> any any (tls.sni; content:\"example.com\"; startswith; nocase; endswith; sid:1;)";
    assert!(sni_matches(e, "Example.com"));
    assert!(!sni_matches(e, "www.example.com"));
    assert!(!sni_matches(e, "example.com.au"));
}

#[test]
fn transforms() {
    use crate::ir::Transform as T;
    assert_eq!(&*buffer::apply_transforms(b"", &[T::DotPrefix]), b"");
    assert_eq!(&*buffer::apply_transforms(b"a.b", &[T::DotPrefix]), b".a.b");
    assert_eq!(
        &*buffer::apply_transforms(b"I  \t J", &[T::CompressWhitespace]),
        b"I J"
    );
    assert_eq!(
        &*buffer::apply_transforms(b" a b\tc ", &[T::StripWhitespace]),
        b"abc"
    );
    assert_eq!(
        &*buffer::apply_transforms(b"www.example.co.uk", &[T::Domain]),
        b"example.co.uk"
    );
    assert_eq!(
        &*buffer::apply_transforms(b"www.example.co.uk", &[T::Tld]),
        b"co.uk"
    );
}

#[test]
fn offset_depth_within_bsize_pcre() {
    let o = "alert tls any any -> any any (tls.sni; content:\"api\"; offset:2; depth:8; sid:1;)";
    assert!(sni_matches(o, "a-corp-api.net"));
    assert!(!sni_matches(o, "xapi.y.z"));
    let w = "alert tls any any -> any any (tls.sni; content:\"a\"; content:\"corp-api\"; distance:0; within:11; sid:1;)";
    assert!(sni_matches(w, "ab.ccorp-api.net"));
    let b = "alert tls any any -> any any (tls.sni; bsize:<12; sid:1;)";
    assert!(sni_matches(b, "w"));
    assert!(!sni_matches(b, "www.example.com"));
    let p =
        "alert tls any any -> any any (tls.sni; pcre:\"/^[a-z0-9-]+\\.corp-api\\.net$/i\"; sid:1;)";
    assert!(sni_matches(p, "Sub.CORP-API.NET"));
    assert!(!sni_matches(p, "a.b.corp-api.net"));
    let i =
        "alert tls any any -> any any (tls.sni; content:\"evil\"; isdataat:!1,relative; sid:1;)";
    assert!(sni_matches(i, "x.evil"));
    assert!(!sni_matches(i, "evil.x"));
}

#[test]
fn handshake_drop_trap() {
    // SEMANTICS §7.9: an IP-only drop decides at the SYN, before any SNI rule.
    let rules = load(
        "drop tcp any any -> any 8443 (sid:100;)\n\
         pass tls any any -> any any (tls.sni; content:\"example.com\"; sid:101;)\n",
    );
    let d = decide_flow(
        &rules,
        &Order::default(),
        &tls_flow(Some("example.com"), 8443),
    );
    assert_eq!(d.decision.verdict, Verdict::Drop);
    assert_eq!(d.decision.stage, Some(Stage::FlowStart));
    assert_eq!(d.alerts.iter().map(|a| a.sid).collect::<Vec<_>>(), [100]);
}

#[test]
fn packet_scoped_drop_sets_no_flow_verdict() {
    let rules = load("drop tcp any any -> any 2223 (flow:established,to_server; sid:108;)\n");
    let d = decide_flow(&rules, &Order::default(), &tls_flow(None, 2223));
    assert_eq!(d.decision.verdict, Verdict::None);
    assert_eq!(d.alerts.len(), 1);
}

#[test]
fn action_order_beats_priority_and_pass_is_sticky() {
    let rules = load(
        "drop tls any any -> any any (tls.sni; content:\"x\"; priority:1; sid:1;)\n\
         alert tls any any -> any any (tls.sni; content:\"x\"; sid:2;)\n\
         pass tls any any -> any any (tls.sni; content:\"x\"; priority:9; sid:3;)\n",
    );
    let d = decide_flow(&rules, &Order::default(), &tls_flow(Some("x"), 443));
    assert_eq!(d.decision.verdict, Verdict::Pass);
    assert_eq!(d.decision.rule.unwrap().sid, 3);
    assert!(d.alerts.is_empty());
}

#[test]
fn drop_does_not_end_processing_first_verdict_wins() {
    let rules = load(
        "drop tls any any -> any any (tls.sni; content:\"x\"; priority:5; sid:103;)\n\
         reject tls any any -> any any (tls.sni; content:\"x\"; priority:1; sid:104;)\n\
         alert tls any any -> any any (tls.sni; content:\"x\"; sid:105;)\n",
    );
    let d = decide_flow(&rules, &Order::default(), &tls_flow(Some("x"), 443));
    assert_eq!(d.decision.verdict, Verdict::Drop);
    assert_eq!(d.decision.rule.unwrap().sid, 103);
    assert_eq!(
        d.alerts.iter().map(|a| a.sid).collect::<Vec<_>>(),
        [103, 104, 105]
    );
}

#[test]
fn ipv4_negation_never_matches_ipv6() {
    let rules = load("alert tcp !10.0.0.5 any -> any any (sid:1;)\n");
    let q = Query::flow_start(
        IpProto::Tcp,
        "2001:db8::5".parse().unwrap(),
        1,
        "2001:db8::1".parse().unwrap(),
        2,
    );
    assert_eq!(rule_matches(&rules[0], &q), Err(NoMatch::SrcAddr));
}

#[test]
fn bidirectional_header_and_noalert_and_inert() {
    let rules = load(
        "alert udp any any <> any 53 (sid:1;)\n\
         drop udp any any -> any 53 (noalert; sid:2;)\n",
    );
    let q = Query::flow_start(
        IpProto::Udp,
        "10.0.0.5".parse().unwrap(),
        53,
        "10.0.0.6".parse().unwrap(),
        4000,
    );
    assert!(rule_matches(&rules[0], &q).is_ok());
    let fwd = q.reversed();
    let d = decide_flow(
        &rules,
        &Order::default(),
        &FlowQueries { queries: vec![fwd] },
    );
    assert_eq!(d.decision.verdict, Verdict::Drop);
    assert_eq!(d.alerts.iter().map(|a| a.sid).collect::<Vec<_>>(), [1]);
}

#[test]
fn http_sticky_buffer_binds_http1_and_http2() {
    let rules = load(
        "alert http any any -> any any (http.host; content:\"example.com\"; sid:1;)\n\
         alert http1 any any -> any any (sid:2;)\n",
    );
    let s = start(80);
    for (app, want2) in [(AppProto::Http1, true), (AppProto::Http2, false)] {
        let mut q = s.app_request(app);
        q.http_host = Some(b"example.com");
        assert!(rule_matches(&rules[0], &q).is_ok(), "{app:?}");
        assert_eq!(rule_matches(&rules[1], &q).is_ok(), want2, "{app:?}");
    }
    let mut q = s.app_request(AppProto::Tls);
    q.http_host = Some(b"example.com");
    assert_eq!(rule_matches(&rules[0], &q), Err(NoMatch::AppProto));
    // IP-only rules are not inspected after the first packet.
    let ip_only = load("alert tcp any any -> any any (sid:3;)\n");
    assert_eq!(
        rule_matches(&ip_only[0], &q),
        Err(NoMatch::Stage(RuleKind::IpOnly))
    );
}
