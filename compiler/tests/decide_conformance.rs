//! Decision conformance with real Suricata 8.0.6, through the reference
//! interpreter: for every case under ../shared/conformance/decide/, load
//! `rules.rules` with the default variables, build each flow's queries from
//! `flows.json`, decide, and compare the verdict and the set of alerted
//! (gid, sid) with `expected.json`.
//!
//! Queries per flow (SPEC §4), in time order:
//! - `FlowStart` to_server (the SYN / first datagram), then `FlowStart`
//!   to_client (SYN-ACK / reply; established for UDP);
//! - TCP: the client's `AppRequest` (established, to_server) with the app
//!   protocol and buffers of the flow kind (`tls`: `tls.sni`; `http`:
//!   `http.host`, `http.host.raw`, `http.header_names` parsed from the request,
//!   the generated `GET /` one when no raw `request` is given); a plain `tcp`
//!   flow presents an established to_server packet with no app protocol;
//! - TCP: the server's reply, an `AppResponse` (established, to_client, the
//!   request's app protocol; for `http` the fixtures' reply's header names).
//!
//! A ClientHello split into `segments` is reassembled by Suricata's TLS parser
//! before `tls.sni` exists; the segments after TLS is detected and before the
//! hello completes are `AppPartial` queries (to_server, established, TLS, no
//! buffer), which rules without a buffer match (SEMANTICS §9).
//!
//! Skips with a message when ../shared is absent. Expectations are never edited.

mod common {
    pub mod conformance_queries;
}

use common::conformance_queries::{
    cases, expected, flow_input, parse_http, queries, read_case, shared, unmodelled, verdict_name,
};
use ferrule_compiler::interp::{decide_flow, Order};
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;
use std::collections::BTreeSet;

/// Agreements reached when this test was written; a regression below fails.
const MIN_AGREEMENT: usize = 124;

#[test]
fn decisions_equal_suricata() {
    let Some(dir) = shared() else {
        eprintln!("SKIP: ../shared/conformance/decide not found; decide conformance not run");
        return;
    };
    let cases = cases(&dir);
    let mut total = 0usize;
    let mut agree = 0usize;
    let mut disagreements = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
        loader.add_rules_file(&case.join("rules.rules")).unwrap();
        let load = loader.finish();
        let rules: Vec<_> = load.active_rules().cloned().collect();
        let (flows, exp_flows) = read_case(case);
        for (fv, ev) in flows.iter().zip(&exp_flows) {
            if let Some(why) = unmodelled(fv) {
                println!(
                    "  SKIP {name}/{}: {why}: decided by the replay conformance test",
                    fv["id"]
                );
                continue;
            }
            total += 1;
            let f = flow_input(fv);
            assert_eq!(ev["id"].as_str(), Some(f.id.as_str()), "flow order");
            let d = decide_flow(&rules, &Order::default(), &queries(&f));
            let got_v = verdict_name(d.decision.verdict);
            let got_a: BTreeSet<(u64, u64)> = d
                .alerts
                .iter()
                .map(|a| (a.gid as u64, a.sid as u64))
                .collect();
            let (exp_v, exp_a) = expected(ev);
            if got_v == exp_v && got_a == exp_a {
                agree += 1;
            } else {
                disagreements.push(format!(
                    "{name}/{}: suricata verdict={exp_v} alerts={exp_a:?}; ferrule verdict={got_v} alerts={got_a:?}",
                    f.id
                ));
            }
        }
    }
    println!("decide conformance: {agree}/{total} flows agree with Suricata 8.0.6");
    for d in &disagreements {
        println!("  DISAGREE {d}");
    }
    assert!(
        agree >= MIN_AGREEMENT.min(total),
        "decide conformance regressed: {agree}/{total} < {MIN_AGREEMENT}"
    );
}

#[test]
fn http_buffers_follow_suricata_normalisation() {
    let h = parse_http("GET http://EXAMPLE.COM:8080/x HTTP/1.1\r\nHost: amazon.co.jp\r\n\r\n");
    assert_eq!(h.host.as_deref(), Some(&b"example.com"[..]));
    assert_eq!(h.host_raw.as_deref(), Some(&b"example.com"[..]));
    let h = parse_http("GET / HTTP/1.1\r\nHost: EXAMPLE.COM:8080\r\nA: b\r\n\r\n");
    assert_eq!(h.host.as_deref(), Some(&b"example.com"[..]));
    assert_eq!(h.host_raw.as_deref(), Some(&b"EXAMPLE.COM:8080"[..]));
    assert_eq!(h.header_names, b"\r\nHost\r\nA\r\n\r\n");
    let h = parse_http("GET / HTTP/1.1\r\nHost: a.com\r\nHost: b.com\r\n\r\n");
    assert_eq!(h.host.as_deref(), Some(&b"a.com, b.com"[..]));
    let h = parse_http("GET / HTTP/1.1\r\n\r\n");
    assert!(h.host.is_none());
    assert!(h.header_names.is_empty());
}

/// Flows whose raw payload the query model cannot present are left to the
/// replay conformance test; a payload of no known protocol is modelled.
#[test]
fn payload_flows_the_model_cannot_present_are_named() {
    let dns = ferrule_matcher::flow::fuzzing::dns_request(7, &["a.example"]);
    let dns = String::from_utf8(dns).expect("this request is ASCII");
    let udp = |dport: u64, payload: serde_json::Value| {
        serde_json::json!({"id": "x", "kind": "udp", "src": "10.0.0.5", "sport": 40000,
                           "dst": "9.9.9.9", "dport": dport, "payload": payload})
    };
    assert!(unmodelled(&udp(53, dns.clone().into())).is_some());
    assert!(unmodelled(&udp(5353, dns.into())).is_none());
    assert!(unmodelled(&udp(53, "hello".into())).is_none());
    assert!(unmodelled(&udp(53, serde_json::json!([1, 2]))).is_some());
    let tcp = serde_json::json!({"id": "y", "kind": "tcp", "src": "10.0.0.5", "sport": 40000,
                                 "dst": "9.9.9.9", "dport": 80, "payload": "GET / HTTP/1.1\r\n\r\n"});
    assert!(unmodelled(&tcp).is_some());
}
