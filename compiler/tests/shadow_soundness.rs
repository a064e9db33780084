//! Soundness of the shadowing lint (F0801) and the handshake lints
//! (F0802/F0803), checked against the reference interpreter.
//!
//! Random rule sets are drawn from a small vocabulary built to produce
//! shadowing (header-only rules over nested address/port sets, whole-name
//! `tls.sni` / `http.host` keys over nested names, with and without `nocase`,
//! plus rules with tests the lint cannot reason about), in action order,
//! a configured action order, or AWS strict order. For every rule the lint
//! says is shadowed, no query among the random ones (both stages, both
//! families, names from the same vocabulary with case variants) may be
//! decided by that rule, alone or within its flow. The test counts claims and
//! queries and fails if either is too small to mean anything.
//!
//! `FERRULE_SHADOW_CASES` rule sets (default 3,000) x 40 queries.

use ferrule_compiler::diag::Code;
use ferrule_compiler::interp::{decide_flow, FlowQueries, Order, StatefulDefaultAction};
use ferrule_compiler::lint::{lint, LintContext};
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;
use ferrule_matcher::{AppProto, IpProto, Query, Stage, Verdict};
use std::net::IpAddr;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

const ADDRS: &[&str] = &[
    "any",
    "any",
    "$HOME_NET",
    "$EXTERNAL_NET",
    "10.0.0.0/8",
    "10.0.0.5",
    "!10.0.0.5",
    "[10.0.0.0/8,2001:db8::/32]",
    "93.184.216.0/24",
    "2001:db8::/32",
];
const PORTS: &[&str] = &["any", "any", "443", "80", "[80,443]", "!443", "1024:"];
const NAMES: &[&str] = &[
    "example.com",
    "www.example.com",
    "a.www.example.com",
    "Example.COM",
    "com",
    "example.org",
];

/// A rule's parts, so that later rules can be derived from earlier ones.
#[derive(Clone)]
struct Parts {
    dir: &'static str,
    src: &'static str,
    sp: &'static str,
    dst: &'static str,
    dp: &'static str,
    proto: &'static str,
    body: String,
}

fn text(p: &Parts, action: &str, sid: u32) -> String {
    format!(
        "{action} {} {} {} {} {} {} ({}sid:{sid};)",
        p.proto, p.src, p.sp, p.dir, p.dst, p.dp, p.body
    )
}

/// A rule like `p` matching a subset of its traffic (a narrower header, the
/// same buffer tests, maybe more flow state).
fn narrowed(r: &mut Rng, p: &Parts) -> Parts {
    let mut q = p.clone();
    if q.src == "any" && r.below(2) == 0 {
        q.src = r.pick(&["10.0.0.0/8", "10.0.0.5", "$HOME_NET"]);
    }
    if q.dst == "any" && r.below(2) == 0 {
        q.dst = r.pick(&["93.184.216.0/24", "$EXTERNAL_NET", "2001:db8::/32"]);
    }
    if q.dp == "any" && r.below(2) == 0 {
        q.dp = r.pick(&["443", "[80,443]"]);
    }
    if q.dir == "<>" && r.below(2) == 0 {
        q.dir = "->";
    }
    if !q.body.contains("flow:") && r.below(3) == 0 {
        q.body.push_str("flow:established,to_server; ");
    }
    q
}

fn gen_rule(r: &mut Rng, sid: u32, earlier: &mut Vec<Parts>) -> String {
    let action = r.pick(&["pass", "pass", "drop", "reject", "alert"]);
    if !earlier.is_empty() && r.below(5) < 2 {
        let base = earlier[r.below(earlier.len())].clone();
        let p = narrowed(r, &base);
        earlier.push(p.clone());
        return text(&p, action, sid);
    }
    let dir = if r.below(8) == 0 { "<>" } else { "->" };
    let (src, sp, dst, dp) = (r.pick(ADDRS), r.pick(PORTS), r.pick(ADDRS), r.pick(PORTS));
    let kind = r.below(10);
    let (proto, body) = match kind {
        // header only, IP-only or with flow state
        0..=2 => {
            let proto = r.pick(&["tcp", "ip", "tls", "http", "udp", "dns", "quic"]);
            let flow = r.pick(&[
                "",
                "",
                "flow:established; ",
                "flow:to_server; ",
                "flow:established,to_server; ",
            ]);
            // TLS: sometimes a handshake state, so that the ClientHello, the
            // ServerHello and the segments of a split hello (no hello) differ.
            let state = if proto == "tls" && r.below(3) == 0 {
                r.pick(&[
                    "ssl_state:client_hello; ",
                    "ssl_state:!client_hello; ",
                    "ssl_state:server_hello; ",
                ])
            } else {
                ""
            };
            (proto, format!("{state}{flow}"))
        }
        // whole-name key, maybe with an extra test
        _ => {
            let (proto, buf) = r.pick(&[
                ("tls", "tls.sni"),
                ("http", "http.host"),
                ("dns", "dns.query"),
                ("quic", "quic.sni"),
            ]);
            let name = r.pick(NAMES);
            let nocase = if r.below(2) == 0 { " nocase;" } else { "" };
            let key = if r.below(2) == 0 {
                format!("{buf}; content:\"{name}\"; startswith;{nocase} endswith;")
            } else {
                format!("{buf}; dotprefix; content:\".{name}\";{nocase} endswith;")
            };
            let extra = match r.below(6) {
                0 => " pcre:\"/^a/\";",
                1 => " content:\"w\";",
                _ => "",
            };
            let flow = r.pick(&["", "flow:established; ", "flow:to_server; "]);
            (proto, format!("{key}{extra} {flow}"))
        }
    };
    let p = Parts {
        dir,
        src,
        sp,
        dst,
        dp,
        proto,
        body,
    };
    earlier.push(p.clone());
    text(&p, action, sid)
}

struct QueryData {
    start: Query<'static>,
    app: Option<AppProto>,
    name: Option<Vec<u8>>,
}

fn gen_query(r: &mut Rng) -> QueryData {
    let v6 = r.below(4) == 0;
    let pick_addr = |r: &mut Rng| -> IpAddr {
        let s = if v6 {
            r.pick(&["2001:db8::5", "2001:db8:1::1", "2001:dead::1"])
        } else {
            r.pick(&[
                "10.0.0.5",
                "10.1.2.3",
                "93.184.216.34",
                "192.168.1.1",
                "8.8.8.8",
            ])
        };
        s.parse().unwrap()
    };
    let (src, dst) = (pick_addr(r), pick_addr(r));
    let sp = r.pick(&[40000u16, 443, 80, 1000]);
    let dp = r.pick(&[443u16, 80, 8443, 40000]);
    let proto = if r.below(3) == 0 {
        IpProto::Udp
    } else {
        IpProto::Tcp
    };
    let start = Query::flow_start(proto, src, sp, dst, dp);
    let app = match proto {
        IpProto::Udp => r.pick(&[Some(AppProto::Dns), Some(AppProto::Quic), None]),
        _ => r.pick(&[
            Some(AppProto::Tls),
            Some(AppProto::Http1),
            Some(AppProto::Dns),
            None,
        ]),
    };
    let name = r.below(8).ne(&0).then(|| {
        let base = r.pick(NAMES);
        let n = match r.below(5) {
            0 => format!("x.{base}"),
            1 => base.to_ascii_uppercase(),
            2 => format!("{base}."),
            _ => base.to_string(),
        };
        n.into_bytes()
    });
    QueryData { start, app, name }
}

fn queries(d: &QueryData) -> Vec<Query<'_>> {
    let mut reply = d.start.reversed();
    reply.established = d.start.proto == IpProto::Udp;
    let mut out = vec![d.start, reply];
    if let Some(app) = d.app {
        let mut q = d.start.app_request(app);
        match app {
            AppProto::Tls => q.tls_sni = d.name.as_deref(),
            AppProto::Dns | AppProto::Quic => {
                if app == AppProto::Dns {
                    q.dns_query = d.name.as_deref();
                } else {
                    q.quic_sni = d.name.as_deref();
                }
                if d.start.proto == IpProto::Udp {
                    // The flow tracker asks on the first request, before the
                    // server answered: not established, one packet with the
                    // flow start (`Query::first_packet`); a later request is
                    // established.
                    let mut first = q;
                    first.established = false;
                    first.first_packet = true;
                    out[0] = first;
                    // The reply datagram: one packet with its app layer.
                    let mut response = d.start.app_response(Some(app));
                    response.first_packet = true;
                    out[1] = response;
                }
            }
            _ => {
                q.http_host = d.name.as_deref();
                q.http_host_raw = d.name.as_deref();
                q.http_header_names = Some(b"\r\nHost\r\n\r\n");
            }
        }
        // About half the TCP requests (by the name's length) arrive split:
        // a segment after the protocol is detected, before the request
        // completes (`AppPartial`).
        if d.start.proto == IpProto::Tcp && d.name.as_ref().map_or(0, Vec::len) % 2 == 1 {
            out.push(d.start.app_partial(app));
        }
        out.push(q);
    }
    // TCP: the server's reply (`AppResponse`), after the request if any.
    if d.start.proto == IpProto::Tcp {
        let mut r = d.start.app_response(d.app);
        if matches!(d.app, Some(AppProto::Http1 | AppProto::Http2)) {
            r.http_header_names = Some(b"\r\nContent-Length\r\nServer\r\n\r\n");
        }
        out.push(r);
    }
    out
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn shadowed_rules_never_decide() {
    let cases = env_usize("FERRULE_SHADOW_CASES", 3000);
    let (mut claims, mut checked, mut handshake) = (0usize, 0usize, 0usize);
    for case in 0..cases {
        let seed = 0x5a0d_0000 + case as u64;
        let mut r = Rng(seed);
        let n = 2 + r.below(8);
        let mut parts = Vec::new();
        let text: String = (0..n)
            .map(|i| gen_rule(&mut r, 100 + i as u32, &mut parts) + "\n")
            .collect();
        let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
        loader.add_rules("gen.rules", &text);
        let load = loader.finish();
        let rules: Vec<_> = load.active_rules().cloned().collect();
        let order = match r.below(4) {
            0 => Order::strict(vec![StatefulDefaultAction::DropEstablished]),
            1 => Order::with_action_order(&["drop", "pass", "reject", "alert"]).unwrap(),
            _ => Order::default(),
        };
        let ctx = LintContext::new(&rules, &order, &load.sources);
        let findings = lint(&ctx);
        handshake += findings
            .iter()
            .filter(|d| matches!(d.code, Code::HandshakeDrop | Code::IpOnlyPassBlinds))
            .count();
        let shadowed: Vec<u32> = findings
            .iter()
            .filter(|d| d.code == Code::ShadowedRule)
            .filter_map(|d| rules.iter().find(|r| r.span == d.span))
            .map(|r| r.meta.sid)
            .collect();
        if shadowed.is_empty() {
            continue;
        }
        claims += shadowed.len();
        for _ in 0..40 {
            let d = gen_query(&mut r);
            let qs = queries(&d);
            // Each query alone, then the whole flow.
            let mut flows: Vec<Vec<Query>> = qs.iter().map(|q| vec![*q]).collect();
            flows.push(qs.clone());
            for f in flows {
                let out = decide_flow(&rules, &order, &FlowQueries { queries: f.clone() });
                if let Some(rule) = out.decision.rule {
                    assert!(
                        !shadowed.contains(&rule.sid),
                        "seed {seed:#x}: the lint says sid {} is shadowed, but it decided \
                         {:?} at {:?}\nrules:\n{text}\nflow: {f:#?}\nfindings: {findings:#?}",
                        rule.sid,
                        out.decision.verdict,
                        out.decision.stage.unwrap_or(Stage::FlowStart)
                    );
                    assert_ne!(out.decision.verdict, Verdict::None);
                }
                checked += 1;
            }
        }
    }
    println!(
        "shadowing: {claims} shadowed-rule claims checked over {checked} queries/flows, 0 \
         counterexamples; {handshake} handshake findings"
    );
    assert!(claims >= 100, "too few claims ({claims}) to test soundness");
    assert!(checked >= 100_000, "too few queries ({checked})");
}
