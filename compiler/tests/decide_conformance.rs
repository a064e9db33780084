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
//!   flow presents an established to_server packet with no app protocol.
//!
//! A ClientHello split into `segments` is reassembled by Suricata's TLS parser
//! before `tls.sni` exists, so those flows use the same queries.
//!
//! Skips with a message when ../shared is absent. Expectations are never edited.

use ferrule_compiler::interp::{decide_flow, FlowQueries, Order};
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;
use ferrule_matcher::extract::http::{parse_request, Http};
use ferrule_matcher::{AppProto, IpProto, Query, Verdict};
use serde_json::Value;
use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

/// Agreements reached when this test was written; a regression below fails.
const MIN_AGREEMENT: usize = 124;

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/decide");
    p.is_dir().then_some(p)
}

/// The buffers of an HTTP/1 request head, as Suricata 8.0.6 fills them
/// (SEMANTICS §3.1, §3.2, §2.7).
#[derive(Debug, Default)]
struct HttpBuffers {
    host: Option<Vec<u8>>,
    host_raw: Option<Vec<u8>>,
    header_names: Vec<u8>,
}

/// The HTTP buffers of a raw request, through the product's extractor
/// (`ferrule_matcher::extract::http`), so that these cases check it too.
fn parse_http(request: &str) -> HttpBuffers {
    let mut scratch = Vec::new();
    match parse_request(request.as_bytes(), &mut scratch) {
        Http::Request(r) => HttpBuffers {
            host: r.host.map(<[u8]>::to_vec),
            host_raw: r.host_raw.map(<[u8]>::to_vec),
            header_names: r.header_names.to_vec(),
        },
        other => panic!("request {request:?} not extracted: {other:?}"),
    }
}

/// The request the fixture generator sends when `request` is absent.
fn generated_request(host: Option<&str>) -> String {
    let mut r = String::from("GET / HTTP/1.1\r\n");
    if let Some(h) = host {
        r.push_str(&format!("Host: {h}\r\n"));
    }
    r.push_str("User-Agent: ferrule-conformance\r\nAccept: */*\r\n\r\n");
    r
}

struct FlowInput {
    id: String,
    kind: String,
    src: IpAddr,
    sport: u16,
    dst: IpAddr,
    dport: u16,
    sni: Option<Vec<u8>>,
    http: Option<HttpBuffers>,
}

fn flow_input(v: &Value) -> FlowInput {
    let kind = v["kind"].as_str().unwrap_or("").to_string();
    let http = (kind == "http").then(|| {
        let req = match v["request"].as_str() {
            Some(r) => r.to_string(),
            None => generated_request(v["host"].as_str()),
        };
        parse_http(&req)
    });
    FlowInput {
        id: v["id"].as_str().unwrap_or("?").to_string(),
        src: v["src"].as_str().unwrap().parse().unwrap(),
        sport: v["sport"].as_u64().unwrap() as u16,
        dst: v["dst"].as_str().unwrap().parse().unwrap(),
        dport: v["dport"].as_u64().unwrap() as u16,
        sni: v["sni"].as_str().map(|s| s.as_bytes().to_vec()),
        http,
        kind,
    }
}

fn queries(f: &FlowInput) -> FlowQueries<'_> {
    let proto = if f.kind == "udp" {
        IpProto::Udp
    } else {
        IpProto::Tcp
    };
    let start = Query::flow_start(proto, f.src, f.sport, f.dst, f.dport);
    let mut reply = start.reversed();
    reply.established = proto == IpProto::Udp;
    let mut qs = vec![start, reply];
    match f.kind.as_str() {
        "tls" => {
            let mut q = start.app_request(AppProto::Tls);
            q.tls_sni = f.sni.as_deref();
            qs.push(q);
        }
        "http" => {
            let h = f.http.as_ref().unwrap();
            let mut q = start.app_request(AppProto::Http1);
            q.http_host = h.host.as_deref();
            q.http_host_raw = h.host_raw.as_deref();
            q.http_header_names = Some(&h.header_names);
            qs.push(q);
        }
        "tcp" => {
            let mut q = start.app_request(AppProto::Other);
            q.app_proto = None;
            qs.push(q);
        }
        _ => {}
    }
    FlowQueries { queries: qs }
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        // eve flow.action shows a reject as "drop".
        Verdict::Drop | Verdict::Reject => "drop",
        Verdict::None => "none",
    }
}

#[test]
fn decisions_equal_suricata() {
    let Some(dir) = shared() else {
        eprintln!("SKIP: ../shared/conformance/decide not found; decide conformance not run");
        return;
    };
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.json").exists())
        .collect();
    cases.sort();
    let mut total = 0usize;
    let mut agree = 0usize;
    let mut disagreements = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
        loader.add_rules_file(&case.join("rules.rules")).unwrap();
        let load = loader.finish();
        let rules: Vec<_> = load.active_rules().cloned().collect();
        let flows: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(case.join("flows.json")).unwrap())
                .unwrap();
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap())
                .unwrap();
        let exp_flows = expected["flows"].as_array().unwrap();
        for (fv, ev) in flows.iter().zip(exp_flows) {
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
            let exp_v = ev["verdict"].as_str().unwrap_or("?");
            let exp_a: BTreeSet<(u64, u64)> = ev["alerts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| (a["gid"].as_u64().unwrap_or(1), a["sid"].as_u64().unwrap()))
                .collect();
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
