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

/// [`tls_flow`] followed by the server's reply (a ServerHello).
fn tls_flow_with_reply(sni: Option<&'static str>, dport: u16) -> FlowQueries<'static> {
    let mut f = tls_flow(sni, dport);
    f.queries
        .push(start(dport).app_response(Some(AppProto::Tls)));
    f
}

/// The sids the compiled `Ruleset` alerts on for flow `f`, in order.
fn compiled_alerts(rules: &[Rule], f: &FlowQueries<'_>) -> Vec<u32> {
    let rs = crate::build::build(rules, &Order::default()).unwrap();
    let mut alerts = Vec::new();
    rs.decide_flow(&f.queries, &mut alerts);
    alerts.iter().map(|r| r.sid).collect()
}

fn sni_matches(rule: &str, sni: &'static str) -> bool {
    let rules = load(rule);
    let f = tls_flow(Some(sni), 443);
    rule_matches(&rules[0], &f.queries[2]).is_ok()
}

/// `ssl_state` as Suricata's `DetectSslStateMatch` evaluates it:
/// `(listed & current) ^ negated != 0` with `current` = CLIENT_HELLO on the
/// ClientHello, SERVER_HELLO on the server's reply and nothing elsewhere,
/// computed here on the bits for every keyword of one or two items over
/// three states, each plain or negated, joined by `|` or `,`.
#[test]
fn ssl_state_items_follow_suricatas_bit_test() {
    let states = [("client_hello", 1u32), ("server_hello", 2), ("unknown", 16)];
    let mut items = Vec::new();
    for (name, bit) in states {
        for neg in [false, true] {
            items.push((format!("{}{name}", if neg { "!" } else { "" }), bit, neg));
        }
    }
    let mut keywords: Vec<Vec<&(String, u32, bool)>> = items.iter().map(|i| vec![i]).collect();
    for a in &items {
        for b in &items {
            keywords.push(vec![a, b]);
        }
    }
    for (k, kw) in keywords.iter().enumerate() {
        let (mut listed, mut negated) = (0u32, 0u32);
        for (_, bit, neg) in kw {
            listed |= bit;
            if *neg {
                negated |= bit;
            }
        }
        let sep = if k % 2 == 0 { "|" } else { "," };
        let text: Vec<&str> = kw.iter().map(|(t, _, _)| t.as_str()).collect();
        let rule = format!(
            "alert tls any any -> any any (ssl_state:{}; sid:1;)",
            text.join(sep)
        );
        let rules = load(&rule);
        let f = tls_flow(Some("a.com"), 443);
        // The ClientHello, the server's reply (a ServerHello) and a TLS
        // packet with neither (the request as a plain to_client packet).
        let reply = start(443).app_response(Some(AppProto::Tls));
        let neither = start(443).app_request(AppProto::Tls).reversed();
        for (q, current) in [(&f.queries[2], 1), (&reply, 2), (&neither, 0)] {
            let expected = (listed & current) ^ negated != 0;
            assert_eq!(
                rule_matches(&rules[0], q).is_ok(),
                expected,
                "{rule} at {:?} {:?}",
                q.stage,
                q.direction
            );
        }
    }
}

/// PCRE2's `$` (SEMANTICS §2.6): without `m` and `E` it matches at the end
/// or just before a newline that ends the buffer; `E` keeps the very end,
/// `m` allows any newline. A `$` that more pattern follows is inert.
#[test]
fn pcre_dollar_matches_before_a_final_newline() {
    let rule = |re: &str| format!("alert tls any any -> any any (tls.sni; pcre:\"{re}\"; sid:1;)");
    let table: &[(&str, &'static str, bool)] = &[
        ("/evil\\.com$/", "evil.com", true),
        ("/evil\\.com$/", "evil.com\n", true),
        ("/evil\\.com$/", "evil.com\n\n", false),
        ("/evil\\.com$/", "evil.com\nx", false),
        ("/evil\\.com$/", "a\nevil.com\n", true),
        ("/evil\\.com$/E", "evil.com\n", false),
        ("/evil\\.com$/E", "evil.com", true),
        ("/evil\\.com$/m", "evil.com\nx", true),
        ("/^evil\\.com$/", "evil.com\n", true),
        ("/(com|org)$/", "a.org\n", true),
        ("/com\\n$/", "a.com\n", true),
        ("/com\\n?$/", "a.com\n\n", true),
        ("/com\\z/", "a.com\n", false),
    ];
    for &(re, sni, want) in table {
        assert_eq!(sni_matches(&rule(re), sni), want, "{re} on {sni:?}");
    }
    // Not evaluated faithfully, so reported and inert: more pattern after a
    // `$`, `\z` beside one, an inline `(?-m)`, a relative match after one.
    for body in [
        "pcre:\"/com$\\n/\";",
        "pcre:\"/x\\z|com$/\";",
        "pcre:\"/(?-m)com$/m\";",
        "pcre:\"/a$|a\\n/\"; content:\"|0a|\"; distance:0;",
    ] {
        let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
        loader.add_rules(
            "t.rules",
            &format!("alert tls any any -> any any (tls.sni; {body} sid:1;)"),
        );
        let load = loader.finish();
        assert!(
            load.diagnostics
                .iter()
                .any(|d| d.code == crate::diag::Code::PcreUnsupported),
            "{body}: {:?}",
            load.diagnostics
        );
        let f = tls_flow(Some("a.com\n"), 443);
        let rules: Vec<Rule> = load.active_rules().cloned().collect();
        assert!(rules[0].is_inert(), "{body}");
        assert!(rule_matches(&rules[0], &f.queries[2]).is_err());
    }
}

/// SEMANTICS §4.3: a UDP request in the flow's first datagram is one packet
/// (`Query::first_packet`): the IP-only and the app-layer rules go to one
/// queue, in decision order, so an IP-only drop does not come before a
/// `dns.query` pass, and a pass suppresses the alerts after it.
#[test]
fn first_datagram_is_one_packet_for_ip_only_and_app_rules() {
    let dns_flow = |name: &'static str| {
        let s = Query::flow_start(
            IpProto::Udp,
            "10.0.0.1".parse().unwrap(),
            5555,
            "8.8.8.8".parse().unwrap(),
            53,
        );
        let mut q = s.app_request(AppProto::Dns);
        q.established = false;
        q.first_packet = true;
        q.dns_query = Some(name.as_bytes());
        let mut reply = s.reversed();
        reply.established = true;
        FlowQueries {
            queries: vec![q, reply],
        }
    };
    let sids = |d: &FlowDecision| d.alerts.iter().map(|a| a.sid).collect::<Vec<_>>();
    let rules = load(
        "drop udp any any -> any 53 (sid:1;)\n\
         pass dns any any -> any any (dns.query; content:\"good.com\"; sid:2;)\n\
         alert udp any any -> any 53 (sid:3;)\n\
         alert dns any any -> any any (dns.query; content:\"bad\"; sid:4;)\n",
    );
    let d = decide_flow(&rules, &Order::default(), &dns_flow("good.com"));
    assert_eq!(d.decision.verdict, Verdict::Pass);
    assert_eq!(d.decision.rule.unwrap().sid, 2);
    assert_eq!(sids(&d), Vec::<u32>::new());
    let d = decide_flow(&rules, &Order::default(), &dns_flow("bad.com"));
    assert_eq!(d.decision.verdict, Verdict::Drop);
    assert_eq!(d.decision.rule.unwrap().sid, 1);
    assert_eq!(sids(&d), vec![1, 3, 4]);
    // The same rules with the request a later datagram: the IP-only drop
    // decided at the flow start, the pass is never inspected.
    let mut later = dns_flow("good.com");
    let start = later.queries[0];
    later.queries[0].first_packet = false;
    later.queries.insert(
        0,
        Query {
            stage: Stage::FlowStart,
            app_proto: None,
            dns_query: None,
            ..start
        },
    );
    let d = decide_flow(&rules, &Order::default(), &later);
    assert_eq!(d.decision.verdict, Verdict::Drop);
    assert_eq!(d.decision.stage, Some(Stage::FlowStart));
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

// ---------------------------------------------------------------------------
// AWS strict order and stateful default actions (SPEC §6, SEMANTICS §5.6), and
// the deciding traps of SEMANTICS §7 (9, 10, 15, 21).

use crate::aws::{generate_domain_rules, parse_domain_list, GeneratedRulesType, TargetTypes};
use crate::aws::{RuleOrder, StatefulDefaultAction as D};
use crate::span::FileId;

fn sids(d: &FlowDecision) -> Vec<u32> {
    d.alerts.iter().map(|a| a.sid).collect()
}

/// Asserts verdict, deciding sid (None for a default action), default flag and
/// stage, and the alerted sids.
fn assert_decision(
    d: &FlowDecision,
    verdict: Verdict,
    sid: Option<u32>,
    default: Option<D>,
    stage: Option<Stage>,
    alerts: &[u32],
) {
    assert_eq!(d.decision.verdict, verdict, "{d:#?}");
    assert_eq!(d.decision.rule.map(|r| r.sid), sid, "{d:#?}");
    assert_eq!(d.decision.default_action, default.is_some(), "{d:#?}");
    assert_eq!(d.default, default, "{d:#?}");
    assert_eq!(d.decision.stage, stage, "{d:#?}");
    assert_eq!(sids(d), alerts, "{d:#?}");
}

/// A domain list as AWS generates it, loaded in the AWS dialect.
fn domain_rules(targets: &str, types: TargetTypes, order: RuleOrder) -> Vec<Rule> {
    let (t, diags) = parse_domain_list(FileId(0), targets);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let text: String = generate_domain_rules(&t, types, GeneratedRulesType::AllowList, order)
        .iter()
        .map(|r| format!("{}\n", r.text))
        .collect();
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Aws);
    loader.set_strict_order(order == RuleOrder::StrictOrder);
    loader.add_rules("gen.rules", &text);
    let load = loader.finish();
    assert!(!load.has_errors(), "{:?}", load.diagnostics);
    load.active_rules().cloned().collect()
}

const TLS_ONLY: TargetTypes = TargetTypes {
    tls_sni: true,
    http_host: false,
};

fn udp_flow() -> FlowQueries<'static> {
    let s = Query::flow_start(
        IpProto::Udp,
        "10.0.0.5".parse().unwrap(),
        40000,
        "10.0.0.53".parse().unwrap(),
        53,
    );
    let mut reply = s.reversed();
    reply.established = true;
    FlowQueries {
        queries: vec![s, reply],
    }
}

fn tcp_flow(dport: u16) -> FlowQueries<'static> {
    let s = start(dport);
    let mut r = s.app_request(AppProto::Other);
    r.app_proto = None;
    FlowQueries {
        queries: vec![s, s.reversed(), r],
    }
}

const SNI_PASS: &str =
    "pass tls any any -> any any (tls.sni; content:\"example.com\"; endswith; sid:1;)\n";

#[test]
fn strict_first_terminal_decides_alerts_before_it_collected() {
    let rules = load(
        "alert tls any any -> any any (tls.sni; content:\"x\"; sid:1;)\n\
         drop tls any any -> any any (tls.sni; content:\"x\"; sid:2;)\n\
         pass tls any any -> any any (tls.sni; content:\"x\"; sid:3;)\n\
         alert tls any any -> any any (tls.sni; content:\"x\"; sid:4;)\n",
    );
    let f = tls_flow(Some("x"), 443);
    let d = decide_flow(&rules, &Order::strict(vec![]), &f);
    assert_decision(
        &d,
        Verdict::Drop,
        Some(2),
        None,
        Some(Stage::AppRequest),
        &[1, 2],
    );
    let after: Vec<_> = d
        .steps
        .iter()
        .filter(|s| s.outcome == Outcome::AfterTerminal)
        .map(|s| rules[s.rule].meta.sid)
        .collect();
    assert_eq!(after, [3, 4]);
    // The same rules in action order: the pass sorts first and ends processing.
    let d = decide_flow(&rules, &Order::default(), &f);
    assert_decision(
        &d,
        Verdict::Pass,
        Some(3),
        None,
        Some(Stage::AppRequest),
        &[],
    );
}

#[test]
fn strict_order_is_the_order_of_the_slice_not_sid_or_action() {
    // Group priorities are laid out by the caller: the first group's pass wins
    // over a later group's drop, whatever the sids.
    let rules = load(
        "pass tls any any -> any any (tls.sni; content:\"x\"; sid:10;)\n\
         drop tls any any -> any any (tls.sni; content:\"x\"; sid:5;)\n",
    );
    assert_eq!(decision_order(&rules, &Order::strict(vec![])), [0, 1]);
    let rev: Vec<Rule> = rules.iter().rev().cloned().collect();
    let f = tls_flow(Some("x"), 443);
    let d = decide_flow(&rules, &Order::strict(vec![]), &f);
    assert_decision(
        &d,
        Verdict::Pass,
        Some(10),
        None,
        Some(Stage::AppRequest),
        &[],
    );
    let d = decide_flow(&rev, &Order::strict(vec![]), &f);
    assert_decision(
        &d,
        Verdict::Drop,
        Some(5),
        None,
        Some(Stage::AppRequest),
        &[5],
    );
}

#[test]
fn strict_without_defaults_leaves_unmatched_flows_undecided() {
    let rules = load(SNI_PASS);
    let d = decide_flow(
        &rules,
        &Order::strict(vec![]),
        &tls_flow(Some("other.org"), 443),
    );
    assert_decision(&d, Verdict::None, None, None, None, &[]);
    assert!(d.default_alerts.is_empty());
}

#[test]
fn default_drop_strict_kills_the_handshake() {
    // SEMANTICS §7.9: aws:drop_strict drops the SYN; the SNI pass never runs.
    let rules = load(SNI_PASS);
    let d = decide_flow(
        &rules,
        &Order::strict(vec![D::DropStrict]),
        &tls_flow(Some("www.example.com"), 443),
    );
    assert_decision(
        &d,
        Verdict::Drop,
        None,
        Some(D::DropStrict),
        Some(Stage::FlowStart),
        &[],
    );
    assert_eq!(d.inspected, 1);
    assert_eq!(
        d.default_steps,
        [DefaultStep {
            query: 0,
            action: D::DropStrict,
            outcome: DefaultOutcome::Applied
        }]
    );
}

#[test]
fn default_drop_strict_with_the_handshake_passed_explicitly() {
    // The documented workaround: pass the handshake packets by a packet-scoped
    // rule, then the SNI rule decides; an unlisted SNI meets the default.
    let rules = load(
        "pass tcp any any <> any 443 (flow:not_established; sid:9;)\n\
         pass tls any any -> any any (tls.sni; content:\"example.com\"; endswith; sid:1;)\n",
    );
    let o = Order::strict(vec![D::DropStrict]);
    let d = decide_flow(&rules, &o, &tls_flow(Some("www.example.com"), 443));
    assert_decision(
        &d,
        Verdict::Pass,
        Some(1),
        None,
        Some(Stage::AppRequest),
        &[],
    );
    let d = decide_flow(&rules, &o, &tls_flow(Some("other.org"), 443));
    assert_decision(
        &d,
        Verdict::Drop,
        None,
        Some(D::DropStrict),
        Some(Stage::AppRequest),
        &[],
    );
}

#[test]
fn default_drop_established_lets_the_handshake_through() {
    let rules = load(SNI_PASS);
    let o = Order::strict(vec![D::DropEstablished]);
    let d = decide_flow(&rules, &o, &tls_flow(Some("www.example.com"), 443));
    assert_decision(
        &d,
        Verdict::Pass,
        Some(1),
        None,
        Some(Stage::AppRequest),
        &[],
    );
    let d = decide_flow(&rules, &o, &tls_flow(Some("other.org"), 443));
    assert_decision(
        &d,
        Verdict::Drop,
        None,
        Some(D::DropEstablished),
        Some(Stage::AppRequest),
        &[],
    );
    let outcomes: Vec<_> = d.default_steps.iter().map(|s| s.outcome).collect();
    assert_eq!(
        outcomes,
        [
            DefaultOutcome::NotThisPacket,
            DefaultOutcome::NotThisPacket,
            DefaultOutcome::Applied
        ]
    );
    // A plain TCP flow: the first established data packet is dropped.
    let d = decide_flow(&rules, &o, &tcp_flow(22));
    assert_decision(
        &d,
        Verdict::Drop,
        None,
        Some(D::DropEstablished),
        Some(Stage::AppRequest),
        &[],
    );
}

#[test]
fn default_drop_established_udp_reply_is_established() {
    // UDP is established once both directions were seen: the reply is dropped.
    let d = decide_flow(&[], &Order::strict(vec![D::DropEstablished]), &udp_flow());
    assert_decision(
        &d,
        Verdict::Drop,
        None,
        Some(D::DropEstablished),
        Some(Stage::FlowStart),
        &[],
    );
    assert_eq!(d.inspected, 2);
    // The app-layer variant waits for an app request the UDP flow never has here.
    let d = decide_flow(
        &[],
        &Order::strict(vec![D::DropEstablishedAppLayer]),
        &udp_flow(),
    );
    assert_decision(&d, Verdict::None, None, None, None, &[]);
}

#[test]
fn default_drop_app_layer_variants_wait_for_the_request() {
    let rules = load(SNI_PASS);
    for action in [
        D::DropEstablishedAppLayer,
        D::DropEstablishedAppLayerToServer,
    ] {
        let o = Order::strict(vec![action]);
        let d = decide_flow(&rules, &o, &tls_flow(Some("other.org"), 443));
        assert_decision(
            &d,
            Verdict::Drop,
            None,
            Some(action),
            Some(Stage::AppRequest),
            &[],
        );
        let d = decide_flow(&rules, &o, &tls_flow(Some("a.example.com"), 443));
        assert_decision(
            &d,
            Verdict::Pass,
            Some(1),
            None,
            Some(Stage::AppRequest),
            &[],
        );
    }
    // The server's reply: only the bidirectional variant acts on it.
    let q = start(443).app_response(Some(AppProto::Tls));
    assert!(default_applies(D::DropEstablishedAppLayer, &q));
    assert!(default_applies(D::AlertEstablishedAppLayer, &q));
    assert!(!default_applies(D::DropEstablishedAppLayerToServer, &q));
    assert!(!default_applies(D::AlertEstablishedAppLayerToServer, &q));
    // Not at the handshake, even for an established UDP reply.
    let u = udp_flow();
    assert!(!default_applies(D::DropEstablishedAppLayer, &u.queries[1]));
    assert!(default_applies(D::DropEstablished, &u.queries[1]));
}

#[test]
fn default_alerts_log_without_deciding() {
    let rules = load(SNI_PASS);
    let f = tls_flow(Some("other.org"), 443);
    let stages = |d: &FlowDecision| d.default_alerts.iter().map(|a| a.stage).collect::<Vec<_>>();
    let d = decide_flow(&rules, &Order::strict(vec![D::AlertStrict]), &f);
    assert_decision(&d, Verdict::None, None, None, None, &[]);
    assert_eq!(
        stages(&d),
        [Stage::FlowStart, Stage::FlowStart, Stage::AppRequest]
    );
    let d = decide_flow(&rules, &Order::strict(vec![D::AlertEstablished]), &f);
    assert_decision(&d, Verdict::None, None, None, None, &[]);
    assert_eq!(stages(&d), [Stage::AppRequest]);
    for a in [
        D::AlertEstablishedAppLayer,
        D::AlertEstablishedAppLayerToServer,
    ] {
        let d = decide_flow(&rules, &Order::strict(vec![a]), &f);
        assert_decision(&d, Verdict::None, None, None, None, &[]);
        assert_eq!(stages(&d), [Stage::AppRequest]);
        assert_eq!(d.default_alerts[0].action, a);
    }
    // A passed flow raises no default alert.
    let d = decide_flow(
        &rules,
        &Order::strict(vec![D::AlertStrict]),
        &tls_flow(Some("example.com"), 443),
    );
    assert_eq!(stages(&d), [Stage::FlowStart, Stage::FlowStart]);
    assert_eq!(d.decision.verdict, Verdict::Pass);
    // Alert and drop together: the alert is logged, then the drop decides.
    let d = decide_flow(
        &rules,
        &Order::strict(vec![D::DropStrict, D::AlertStrict]),
        &f,
    );
    assert_decision(
        &d,
        Verdict::Drop,
        None,
        Some(D::DropStrict),
        Some(Stage::FlowStart),
        &[],
    );
    assert_eq!(stages(&d), [Stage::FlowStart]);
}

#[test]
fn defaults_are_ignored_in_action_order() {
    let rules = load(SNI_PASS);
    let o = Order {
        defaults: vec![D::DropStrict],
        ..Order::default()
    };
    let d = decide_flow(&rules, &o, &tls_flow(Some("other.org"), 443));
    assert_decision(&d, Verdict::None, None, None, None, &[]);
    assert!(d.default_steps.is_empty());
}

#[test]
fn strict_packet_scoped_drop_ends_processing_without_a_flow_verdict() {
    // A packet-scoped drop acts on the packet (no flow verdict, SEMANTICS §4.4)
    // but still ends processing: the default action does not apply.
    let rules = load("drop tcp any any -> any any (flow:established,to_server; sid:7;)\n");
    let d = decide_flow(
        &rules,
        &Order::strict(vec![D::DropEstablished]),
        &tcp_flow(22),
    );
    assert_decision(&d, Verdict::None, None, None, None, &[7]);
    assert_eq!(
        d.default_steps.last().unwrap().outcome,
        DefaultOutcome::RuleDecided
    );
}

#[test]
fn trap9_ip_only_drop_in_strict_order_decides_at_flow_start() {
    let rules = load(
        "pass tls any any -> any any (tls.sni; content:\"example.com\"; sid:101;)\n\
         drop tcp any any -> any 443 (sid:100;)\n",
    );
    // Written after the SNI pass, but the SNI rule cannot run at the SYN.
    let d = decide_flow(
        &rules,
        &Order::strict(vec![D::DropEstablished]),
        &tls_flow(Some("example.com"), 443),
    );
    assert_decision(
        &d,
        Verdict::Drop,
        Some(100),
        None,
        Some(Stage::FlowStart),
        &[100],
    );
}

#[test]
fn trap10_pass_is_sticky_and_blinds_later_rules() {
    let rules = load(
        "pass tcp any any -> any 443 (sid:1;)\n\
         drop tls any any -> any any (tls.sni; content:\"evil\"; sid:2;)\n\
         alert tls any any -> any any (tls.sni; content:\"evil\"; sid:3;)\n",
    );
    let f = tls_flow(Some("evil.example"), 443);
    for o in [Order::default(), Order::strict(vec![D::DropEstablished])] {
        let d = decide_flow(&rules, &o, &f);
        assert_decision(
            &d,
            Verdict::Pass,
            Some(1),
            None,
            Some(Stage::FlowStart),
            &[],
        );
        assert_eq!(d.inspected, 1, "the ClientHello is never inspected");
        assert!(d.default_alerts.is_empty());
    }
}

#[test]
fn trap15_sni_absent_allow_list_drops() {
    let list = ".example.com\n";
    // Action order: the pass rules need tls.sni, the ssl_state drop does not.
    let rules = domain_rules(list, TLS_ONLY, RuleOrder::DefaultActionOrder);
    let drop_sid = rules
        .iter()
        .find(|r| r.action == Action::Drop)
        .unwrap()
        .meta
        .sid;
    let d = decide_flow(&rules, &Order::default(), &tls_flow(None, 443));
    assert_decision(
        &d,
        Verdict::Drop,
        Some(drop_sid),
        None,
        Some(Stage::AppRequest),
        &[drop_sid],
    );
    assert!(d.steps.iter().any(|s| matches!(
        &s.outcome,
        Outcome::NoMatch(NoMatch::BufferAbsent(b)) if b == "tls.sni"
    )));
    // Strict order: no generated drop rule; drop_established drops it.
    let rules = domain_rules(list, TLS_ONLY, RuleOrder::StrictOrder);
    let d = decide_flow(
        &rules,
        &Order::strict(vec![D::DropEstablished]),
        &tls_flow(None, 443),
    );
    assert_decision(
        &d,
        Verdict::Drop,
        None,
        Some(D::DropEstablished),
        Some(Stage::AppRequest),
        &[],
    );
}

#[test]
fn trap21_strict_domain_list_has_no_implicit_drop() {
    let rules = domain_rules(".example.com\n", TLS_ONLY, RuleOrder::StrictOrder);
    assert!(rules.iter().all(|r| r.action == Action::Pass));
    let listed = tls_flow(Some("www.example.com"), 443);
    let unlisted = tls_flow(Some("evil.org"), 443);
    // No default action: the unlisted name goes through.
    let d = decide_flow(&rules, &Order::strict(vec![]), &unlisted);
    assert_decision(&d, Verdict::None, None, None, None, &[]);
    // Drop established: the recommended default.
    let o = Order::strict(vec![D::DropEstablished]);
    let d = decide_flow(&rules, &o, &listed);
    assert_eq!(d.decision.verdict, Verdict::Pass);
    assert_eq!(d.decision.stage, Some(Stage::AppRequest));
    let d = decide_flow(&rules, &o, &unlisted);
    assert_decision(
        &d,
        Verdict::Drop,
        None,
        Some(D::DropEstablished),
        Some(Stage::AppRequest),
        &[],
    );
    // Drop strict alone: even the listed name dies with the handshake.
    let d = decide_flow(&rules, &Order::strict(vec![D::DropStrict]), &listed);
    assert_decision(
        &d,
        Verdict::Drop,
        None,
        Some(D::DropStrict),
        Some(Stage::FlowStart),
        &[],
    );
}

#[test]
fn configurable_action_order() {
    let rules = load(
        "pass tls any any -> any any (tls.sni; content:\"x\"; sid:1;)\n\
         drop tls any any -> any any (tls.sni; content:\"x\"; sid:2;)\n\
         alert tls any any -> any any (tls.sni; content:\"x\"; sid:3;)\n",
    );
    let f = tls_flow(Some("x"), 443);
    let o = Order::with_action_order(&["drop", "pass", "reject", "alert"]).unwrap();
    let d = decide_flow(&rules, &o, &f);
    // The drop comes first; the pass is then ignored on the dropped packet and
    // the alert still logged.
    assert_decision(
        &d,
        Verdict::Drop,
        Some(2),
        None,
        Some(Stage::AppRequest),
        &[2, 3],
    );
    let o = Order::with_action_order(&["alert", "pass", "drop", "reject"]).unwrap();
    let d = decide_flow(&rules, &o, &f);
    assert_decision(
        &d,
        Verdict::Pass,
        Some(1),
        None,
        Some(Stage::AppRequest),
        &[3],
    );
    assert_eq!(
        Order::with_action_order(&["pass", "drop", "reject", "alert"]).unwrap(),
        Order::default()
    );
    for bad in [
        &["pass", "drop", "reject"][..],
        &["pass", "drop", "reject", "alert", "alert"],
        &["pass", "pass", "reject", "alert"],
        &["Pass", "drop", "reject", "alert"],
    ] {
        assert!(Order::with_action_order(bad).is_err(), "{bad:?}");
    }
}

/// The server's reply after the request (`AppResponse`, SPEC §4): rules
/// that only server packets match decide there, in decision order, once
/// the request left the flow undecided; a pass at the request blinds them.
#[test]
fn the_servers_reply_is_inspected_after_the_request() {
    let text = "\
drop tls $EXTERNAL_NET any -> $HOME_NET any (msg:\"server side, no flow keyword\"; sid:1;)
alert tcp any 443 -> any any (flow:established,to_client; sid:2;)
alert tls any any -> any any (ssl_state:server_hello; sid:3;)
alert tls any any -> any any (ssl_state:client_hello; flow:to_client; sid:4;)
alert tls any any -> any any (tls.sni; content:\"a.com\"; sid:5;)
";
    let rules = load(text);
    let f = tls_flow_with_reply(Some("b.com"), 443);
    let d = decide_flow(&rules, &Order::default(), &f);
    assert_decision(
        &d,
        Verdict::Drop,
        Some(1),
        None,
        Some(Stage::AppResponse),
        &[1, 2, 3],
    );
    // A pass at the request decides the flow first.
    let mut rules = load(text);
    rules.extend(load(
        "pass tls any any -> any any (tls.sni; content:\"b.com\"; sid:6;)",
    ));
    let d = decide_flow(&rules, &Order::default(), &f);
    assert_decision(
        &d,
        Verdict::Pass,
        Some(6),
        None,
        Some(Stage::AppRequest),
        &[],
    );
    // No request (a server that speaks first): no app protocol, so only
    // the packet rule matches the server's data.
    let s = start(443);
    let banner = FlowQueries {
        queries: vec![s, s.reversed(), s.app_response(None)],
    };
    let d = decide_flow(&load(text), &Order::default(), &banner);
    assert_decision(&d, Verdict::None, None, None, None, &[2]);
}

/// `dns.query` is a multi-buffer in Suricata 8 (SEMANTICS §2.3): a
/// condition holds when one question's name satisfies all of it; two
/// conditions (another transform chain is another buffer) may each hold
/// on a different question.
#[test]
fn dns_query_is_a_multi_buffer_over_the_questions() {
    let s = Query::flow_start(
        IpProto::Udp,
        "10.0.0.5".parse().unwrap(),
        40000,
        "9.9.9.9".parse().unwrap(),
        53,
    );
    let mut q = s.app_request(AppProto::Dns);
    q.dns_query = Some(b"good.org");
    let more: [&[u8]; 2] = [b"EVIL.com", b"x.net"];
    q.dns_query_more = &more;
    let table: &[(&str, bool)] = &[
        ("dns.query; content:\"EVIL\";", true),
        ("dns.query; content:\"good\";", true),
        ("dns.query; content:\"x.net\"; startswith; endswith;", true),
        ("dns.query; content:\"good\"; content:\"EVIL\";", false),
        ("dns.query; content:\"evil\";", false),
        (
            "dns.query; to_lowercase; content:\"evil\"; dns.query; content:\"good\";",
            true,
        ),
        ("dns.query; content:\"y.net\";", false),
        // A repeated `dns.query` is another instance: each may match
        // another question (Suricata's multi-buffer matching).
        (
            "dns.query; content:\"good\"; dns.query; content:\"EVIL\";",
            true,
        ),
        (
            "dns.query; content:\"good\"; dns.query; content:\"evil\";",
            false,
        ),
    ];
    for &(body, want) in table {
        let rules = load(&format!("alert dns any any -> any any ({body} sid:1;)"));
        assert_eq!(rule_matches(&rules[0], &q).is_ok(), want, "{body}");
        // The compiled Ruleset probes and checks every question as well.
        let rs = crate::build::build(&rules, &Order::default()).unwrap();
        let mut alerts = ferrule_matcher::AllAlerts::default();
        rs.decide(&q, &mut alerts);
        assert_eq!(alerts.rules.len(), usize::from(want), "compiled: {body}");
    }
}

/// `flow` with a direction only adds no match (`DetectFlowSetup`): an
/// app-protocol rule stays an app-layer rule, flow-scoped
/// (`SignatureSetType`), while a plain tcp rule is a packet rule, not
/// IP-only (`SignatureIsIPOnly`).
#[test]
fn a_flow_direction_alone_keeps_an_app_layer_rule_flow_scoped() {
    let rules = load(
        "drop tls any any -> any any (flow:to_client; sid:1;)\n\
         alert tcp any any -> any 443 (flow:to_server; sid:2;)\n\
         drop tls any any -> any any (flow:established,to_client; sid:3;)\n",
    );
    assert_eq!(rule_kind(&rules[0]), RuleKind::AppLayer);
    assert!(is_flow_scoped(&rules[0]));
    assert_eq!(rule_kind(&rules[1]), RuleKind::Packet);
    assert_eq!(rule_kind(&rules[2]), RuleKind::Packet);
    assert!(!is_flow_scoped(&rules[2]));
    let f = tls_flow_with_reply(Some("a.com"), 443);
    let d = decide_flow(&rules, &Order::default(), &f);
    assert_decision(
        &d,
        Verdict::Drop,
        Some(1),
        None,
        Some(Stage::AppResponse),
        &[2, 1, 3],
    );
}

/// `only_stream` / `no_stream`: in Suricata 8 they only choose how payload
/// content is inspected, so a rule with nothing else stays IP-only and they
/// never fail a match; in Suricata 7 (the AWS dialect) `FlowMatch` holds
/// `only_stream` only after a stream content match (never, here) and
/// `no_stream` always.
#[test]
fn flow_stream_options_by_dialect() {
    let text = "alert tcp any any -> any 443 (flow:only_stream; sid:1;)\n\
                alert tcp any any -> any 443 (flow:established,only_stream; sid:2;)\n\
                alert tcp any any -> any 443 (flow:established,no_stream; sid:3;)\n";
    let s8 = load(text);
    assert_eq!(rule_kind(&s8[0]), RuleKind::IpOnly);
    let f = tls_flow(Some("a.com"), 443);
    let d = decide_flow(&s8, &Order::default(), &f);
    assert_eq!(sids(&d), [1, 2, 3], "{d:#?}");
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Aws);
    loader.add_rules("t.rules", text);
    let aws: Vec<Rule> = loader.finish().active_rules().cloned().collect();
    assert_eq!(rule_kind(&aws[0]), RuleKind::Packet);
    let d = decide_flow(&aws, &Order::default(), &f);
    assert_eq!(sids(&d), [3], "{d:#?}");
    // The compiled Ruleset agrees.
    for rules in [&s8, &aws] {
        let want = sids(&decide_flow(rules, &Order::default(), &f));
        assert_eq!(compiled_alerts(rules, &f), want);
    }
}

/// `app-layer-protocol` makes a pd-only rule only without an app protocol
/// of its own and with a `flow` of at most a direction
/// (`SignatureIsPDOnly`); otherwise it is one more match keyword of a
/// packet rule, packet-scoped.
#[test]
fn app_layer_protocol_rules_are_pd_only_or_packet_rules() {
    let rules = load(
        "drop tcp any any -> any any (app-layer-protocol:tls; sid:1;)\n\
         drop tcp any any -> any any (app-layer-protocol:tls; flow:to_server; sid:2;)\n\
         drop tcp any any -> any any (app-layer-protocol:tls; flow:established,to_server; sid:3;)\n\
         drop tls any any -> any any (app-layer-protocol:!http; sid:4;)\n",
    );
    let kinds: Vec<RuleKind> = rules.iter().map(rule_kind).collect();
    use RuleKind::*;
    assert_eq!(kinds, [PdOnly, PdOnly, Packet, Packet]);
    assert!(is_flow_scoped(&rules[0]));
    assert!(!is_flow_scoped(&rules[2]));
    assert!(!is_flow_scoped(&rules[3]));
}

/// `http.header_names` without a direction is inspected on the request's
/// headers and on the response's (Suricata registers it both ways): a rule
/// the request's names cannot match may match the server's reply.
#[test]
fn header_names_are_inspected_on_the_response_too() {
    let text = "alert http any any -> any any (http.header_names; content:!\"|0d 0a|Host|0d 0a|\"; sid:1;)\n\
                alert http any any -> any any (http.header_names; content:\"|0d 0a|Content-Type|0d 0a|\"; sid:2;)\n\
                alert http any any -> any any (flow:to_server; http.header_names; content:\"|0d 0a|Content-Type|0d 0a|\"; sid:3;)\n\
                alert http any any -> any any (flow:to_client; http.header_names; content:\"|0d 0a|Host|0d 0a|\"; sid:4;)\n";
    let rules = load(text);
    let s = start(80);
    let mut req = s.app_request(AppProto::Http1);
    req.http_host = Some(b"a.com");
    req.http_header_names = Some(b"\r\nHost\r\nAccept\r\n\r\n");
    let mut resp = s.app_response(Some(AppProto::Http1));
    resp.http_header_names = Some(b"\r\nContent-Length\r\nContent-Type\r\n\r\n");
    let f = FlowQueries {
        queries: vec![s, s.reversed(), req, resp],
    };
    let d = decide_flow(&rules, &Order::default(), &f);
    assert_eq!(sids(&d), [1, 2], "{d:#?}");
    assert_eq!(compiled_alerts(&rules, &f), [1, 2]);
}
