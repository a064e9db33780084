//! The decide-conformance query construction (flows.json to the
//! `FlowStart` / reply / `AppPartial` / `AppRequest` / `AppResponse` queries of SPEC §4, HTTP buffers
//! through the product's extractor), plus the case walker, shared by
//! `decide_conformance.rs` (the reference interpreter) and
//! `differential.rs` (the compiled Ruleset).

#![allow(dead_code)]

use ferrule_compiler::interp::FlowQueries;
use ferrule_matcher::extract::http::{parse_request, Http};
use ferrule_matcher::extract::{dns, quic};
use ferrule_matcher::{AppProto, IpProto, Query, Verdict};
use serde_json::Value;
use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

pub fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/decide");
    p.is_dir().then_some(p)
}

/// The buffers of an HTTP/1 request head, as Suricata 8.0.6 fills them
/// (SEMANTICS §3.1, §3.2, §2.7).
#[derive(Debug, Default)]
pub struct HttpBuffers {
    pub host: Option<Vec<u8>>,
    pub host_raw: Option<Vec<u8>>,
    pub header_names: Vec<u8>,
}

/// The HTTP buffers of a raw request, through the product's extractor
/// (`ferrule_matcher::extract::http`), so that these cases check it too.
pub fn parse_http(request: &str) -> HttpBuffers {
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

/// The `http.header_names` of the fixture server's reply, `HTTP/1.1 200
/// OK` with `Content-Length: 2` and `Content-Type: text/plain` (read from
/// the captures).
const RESPONSE_HEADER_NAMES: &[u8] = b"\r\nContent-Length\r\nContent-Type\r\n\r\n";

/// The request the fixture generator sends when `request` is absent.
fn generated_request(host: Option<&str>) -> String {
    let mut r = String::from("GET / HTTP/1.1\r\n");
    if let Some(h) = host {
        r.push_str(&format!("Host: {h}\r\n"));
    }
    r.push_str("User-Agent: ferrule-conformance\r\nAccept: */*\r\n\r\n");
    r
}

pub struct FlowInput {
    pub id: String,
    pub kind: String,
    pub src: IpAddr,
    pub sport: u16,
    pub dst: IpAddr,
    pub dport: u16,
    pub sni: Option<Vec<u8>>,
    pub http: Option<HttpBuffers>,
    /// TLS: the segments of a split ClientHello that Suricata inspects
    /// before the hello is complete ([`partial_segments`]).
    pub partials: usize,
}

/// The length of the fixture generator's ClientHello: 150 bytes plus the
/// SNI's (read from the split-hello captures: 165 bytes for a 15-byte SNI,
/// 164 for 14, 366 for 216).
fn generated_hello_len(sni: Option<&[u8]>) -> usize {
    150 + sni.map_or(0, <[u8]>::len)
}

/// How many segments of a ClientHello of `hello_len` bytes cut at `segments`
/// come after TLS is detected (the record header's first three bytes,
/// `16 03 0x`) and before the segment that completes the hello: each is an
/// `AppPartial` query (SPEC §4), as the flow tracker asks.
pub fn partial_segments(segments: &[u64], hello_len: usize) -> usize {
    let mut seen = 0usize;
    let mut partials = 0;
    for &s in segments {
        seen = seen.saturating_add(usize::try_from(s).unwrap_or(usize::MAX));
        if seen >= hello_len {
            break;
        }
        if seen >= 3 {
            partials += 1;
        }
    }
    partials
}

pub fn flow_input(v: &Value) -> FlowInput {
    let kind = v["kind"].as_str().unwrap_or("").to_string();
    let segments: Vec<u64> = v["segments"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    let sni = v["sni"].as_str().map(str::as_bytes);
    let partials = if kind == "tls" {
        partial_segments(&segments, generated_hello_len(sni))
    } else {
        0
    };
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
        partials,
        http,
        kind,
    }
}

/// Why the query model here cannot present a flow, if it cannot: a raw
/// `payload` that Suricata would detect as an app protocol (a DNS request
/// to port 53, a QUIC Initial, a TLS record or an HTTP request over TCP),
/// or one in a form this reader does not know (not a string). Such flows
/// are decided by the replay conformance test (`cli/tests/replay.rs`),
/// which runs the capture through the flow tracker and its extractors; a
/// payload of no known protocol is what the model presents anyway (no app
/// protocol).
pub fn unmodelled(v: &Value) -> Option<String> {
    let p = v.get("payload")?;
    let Some(text) = p.as_str() else {
        return Some(format!("a payload given as {p}"));
    };
    let b = text.as_bytes();
    let dport = v["dport"].as_u64().unwrap_or(0);
    let sport = v["sport"].as_u64().unwrap_or(0);
    let udp = v["kind"].as_str() == Some("udp");
    if udp && dport == 53 && dns::probe_udp(b) == dns::Probe::Request {
        return Some("a DNS request payload".into());
    }
    if udp && [dport, sport].iter().any(|p| [443, 80].contains(p)) && quic::probe(b) {
        return Some("a QUIC payload".into());
    }
    let http_method = b
        .split(|&c| c == b' ')
        .next()
        .is_some_and(|m| !m.is_empty() && m.len() < 16 && m.iter().all(u8::is_ascii_uppercase));
    if !udp && (b.starts_with(&[0x16, 0x03]) || http_method) {
        return Some("a TLS or HTTP payload over TCP".into());
    }
    None
}

pub fn queries(f: &FlowInput) -> FlowQueries<'_> {
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
            // A split ClientHello: its segments after detection, before the
            // one that completes it.
            qs.extend((0..f.partials).map(|_| start.app_partial(AppProto::Tls)));
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
    // TCP: the server's reply after the request (ServerHello, `HTTP/1.1
    // 200`), with the request's app protocol (SPEC §4, `AppResponse`).
    if proto == IpProto::Tcp {
        let app = qs.last().and_then(|q| q.app_proto);
        let mut r = start.app_response(app);
        if f.kind == "http" {
            r.http_header_names = Some(RESPONSE_HEADER_NAMES);
        }
        qs.push(r);
    }
    FlowQueries { queries: qs }
}

pub fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        // eve flow.action shows a reject as "drop".
        Verdict::Drop | Verdict::Reject => "drop",
        Verdict::None => "none",
    }
}

/// Expected verdict and alert set of one flow.
pub fn expected(ev: &Value) -> (String, BTreeSet<(u64, u64)>) {
    let v = ev["verdict"].as_str().unwrap_or("?").to_string();
    let a = ev["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["gid"].as_u64().unwrap_or(1), a["sid"].as_u64().unwrap()))
        .collect();
    (v, a)
}

/// Every case folder (with `expected.json`), sorted.
pub fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.json").exists())
        .collect();
    cases.sort();
    cases
}

/// `flows.json` and `expected.json` of a case.
pub fn read_case(case: &Path) -> (Vec<Value>, Vec<Value>) {
    let flows: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(case.join("flows.json")).unwrap()).unwrap();
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap())
            .unwrap();
    (flows, expected["flows"].as_array().unwrap().clone())
}
