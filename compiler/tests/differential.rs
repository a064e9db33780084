//! Differential tests: the compiled `Ruleset` (`build`) against the reference
//! interpreter (`interp`), which stays the oracle.
//!
//! `random_rule_sets_decide_like_the_interpreter`: proptest draws a seed per
//! case; the seed drives a generator of rule TEXT (headers with negated and
//! IPv6 addresses, port ranges and negations, `<>`, `flow`, `ssl_state`,
//! `app-layer-protocol`, `ip_proto`; `tls.sni` / `http.host` / `dns.query`
//! conditions with `nocase`, `startswith`, `endswith`, `offset`, `depth`,
//! `distance`, `within`, `isdataat`, `bsize`, `pcre`, negated contents and the
//! `dotprefix` / `to_lowercase` / `to_uppercase` / `strip_whitespace`
//! transforms; pass/drop/reject/alert, priorities, `noalert`, `alert`; a random
//! `action-order` in a quarter of the action-order cases; AWS strict order
//! with 0–3 random stateful default actions in a third of all cases, where
//! the deciding default action and the `aws:alert_*` alerts are compared
//! too), loaded
//! with the `Loader` in the Suricata dialect, one set in eight in the AWS one
//! (rules that fail to load are dropped), and of queries (every stage,
//! first-packet queries, several DNS questions, v4/v6, ports, directions, app
//! protocols, buffers built from the patterns used: exact, subdomains, case
//! variants, near misses). Each query is compared alone (decision and ordered
//! alert list) and as part of a flow (flow start, reply, the query, the
//! server's `AppResponse`). A failure prints the seed, the rules and the
//! query.
//!
//! Size: `FERRULE_DIFF_CASES` rule sets (default 10,000) × `FERRULE_DIFF_QUERIES`
//! queries each (default 50), i.e. 500,000 single-query comparisons plus
//! 500,000 flow comparisons by default (about 2 s in `--release`). Longer run:
//! `FERRULE_DIFF_CASES=50000 cargo test --release -p ferrule-compiler --test differential`.
//!
//! `conformance_cases_decide_like_suricata_compiled`: the decide conformance
//! cases of ../shared replayed through the compiled `Ruleset`, with the query
//! construction of `decide_conformance.rs` (shared via `#[path]`).

use ferrule_compiler::build::build;
use ferrule_compiler::fuzzing::{compare_compiled, compare_compiled_in};
use ferrule_compiler::interp::{Order, StatefulDefaultAction};
use ferrule_compiler::ir::Rule;
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;
use ferrule_matcher::{AllAlerts, AppProto, IpProto, Query, Stage};
use proptest::prelude::*;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};

/// splitmix64: the generator the proptest seed drives.
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
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    fn word(&mut self, xs: &[String]) -> String {
        xs[self.below(xs.len())].clone()
    }
}

const WORDS: &[&str] = &[
    "example.com",
    ".example.com",
    "www.example.com",
    "Example.COM",
    "com",
    ".com",
    "a.b",
    "test.org",
    ".org",
    "evil",
    "amazon",
    "aws.amazon.com",
    "x",
    "co.uk",
    "bbc.co.uk",
    "www.",
    "foo bar",
    "ex",
];

const ADDRS: &[&str] = &[
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "$HOME_NET",
    "$EXTERNAL_NET",
    "10.0.0.0/8",
    "!10.0.0.5",
    "[10.0.0.0/8,!10.0.0.5]",
    "93.184.216.0/24",
    "93.184.216.34",
    "[1.2.3.4,2001:db8::/48]",
    "2001:db8::/32",
    "![2001:db8::1]",
    "!2001:db8::/32",
    "[192.168.0.0/16,2606:4700::/32]",
    "::1",
];

const PORTS: &[&str] = &[
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "any",
    "443",
    "80",
    "[80,443]",
    "1024:",
    ":1024",
    "!443",
    "[1:100,!50]",
    "[443,8080:8090]",
    "53",
];

const QV4: &[&str] = &[
    "10.0.0.5",
    "10.1.2.3",
    "192.168.1.1",
    "93.184.216.34",
    "1.2.3.4",
    "8.8.8.8",
];
const QV6: &[&str] = &[
    "2001:db8::1",
    "2001:db8:1::5",
    "2606:4700::1",
    "::1",
    "fe80::1",
];
const QPORTS: &[u16] = &[443, 80, 53, 8080, 8085, 1024, 40000, 50, 49, 100, 0, 65535];

fn quote(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(';', "\\;")
}

fn gen_content(r: &mut Rng, first: bool, words: &[String]) -> String {
    let w = r.word(words);
    let mut s = format!(
        "content:{}\"{}\"; ",
        if r.chance(12) { "!" } else { "" },
        quote(&w)
    );
    let mut mods: Vec<String> = Vec::new();
    if r.chance(35) {
        mods.push("nocase".into());
    }
    if r.chance(25) {
        mods.push("startswith".into());
    }
    if r.chance(35) {
        mods.push("endswith".into());
    }
    if r.chance(12) {
        mods.push(format!("offset:{}", r.below(6)));
    }
    if r.chance(12) {
        mods.push(format!("depth:{}", 1 + r.below(20)));
    }
    if !first && r.chance(30) {
        mods.push(format!("distance:{}", r.below(8) as i64 - 2));
    }
    if !first && r.chance(30) {
        mods.push(format!("within:{}", 1 + r.below(20)));
    }
    if r.chance(5) {
        mods.push("fast_pattern".into());
    }
    for m in mods {
        s.push_str(&m);
        s.push_str("; ");
    }
    s
}

/// A content that the buffer must equal, in the forms the index keys on
/// besides `startswith; endswith` (ThreatFox's `depth:<len>;
/// isdataat:!1,relative`, ET Open's `bsize:<len>`), or one of their near
/// misses (a length off by one, another `isdataat`, a test in between, a
/// negated or relative content), which must not be keyed as equal.
fn gen_equal_content(r: &mut Rng, words: &[String]) -> String {
    let w = r.word(words);
    let len = w.len() as i64;
    let off = |r: &mut Rng| if r.chance(80) { 0 } else { r.pick(&[-1, 1]) };
    let nocase = if r.chance(50) { "nocase; " } else { "" };
    let neg = if r.chance(8) { "!" } else { "" };
    let content = format!("content:{neg}\"{}\"; {nocase}", quote(&w));
    match r.below(4) {
        0 | 1 => {
            let start = match r.below(8) {
                0 => "startswith; ".to_string(),
                1 => format!("offset:{}; depth:{}; ", r.below(2), len + off(r)),
                _ => format!("depth:{}; ", (len + off(r)).max(1)),
            };
            let between = if r.chance(10) { "bsize:>0; " } else { "" };
            let end = match r.below(6) {
                0 => "endswith; ".to_string(),
                1 => format!("isdataat:{}{},relative; ", r.pick(&["!", ""]), r.below(3)),
                2 => "isdataat:!1; ".to_string(),
                _ => "isdataat:!1,relative; ".to_string(),
            };
            // `endswith` is a content modifier; `isdataat` a test after it.
            if end.starts_with("endswith") {
                format!("{content}{start}{end}{between}")
            } else {
                format!("{content}{start}{between}{end}")
            }
        }
        _ => {
            let bsize = format!("bsize:{}; ", (len + off(r)).max(0));
            let relative = match r.below(10) {
                0 => "distance:0; ".to_string(),
                1 => format!("depth:{}; ", (len + off(r)).max(1)),
                2 => format!("offset:{}; ", r.below(2)),
                _ => String::new(),
            };
            if r.chance(50) {
                format!("{bsize}{content}{relative}")
            } else {
                format!("{content}{relative}{bsize}")
            }
        }
    }
}

fn gen_buffer_block(r: &mut Rng, buffer: &str, words: &[String]) -> String {
    let mut s = format!("{buffer}; ");
    if r.chance(20) {
        s.push_str("dotprefix; ");
    }
    if r.chance(10) {
        s.push_str(r.pick(&[
            "to_lowercase; ",
            "to_uppercase; ",
            "strip_whitespace; ",
            "compress_whitespace; ",
        ]));
    }
    if r.chance(15) {
        s.push_str(&gen_equal_content(r, words));
        if r.chance(30) {
            s.push_str(&gen_content(r, false, words));
        }
        return s;
    }
    let n = 1 + r.below(3);
    for i in 0..n {
        match r.below(12) {
            0 => s.push_str(&format!(
                "bsize:{}; ",
                r.pick(&["11", "<12", ">3", "5<>20", "!7", ">=15", "<=4"])
            )),
            1 => s.push_str(&format!(
                "isdataat:{}{}{}; ",
                if r.chance(40) { "!" } else { "" },
                r.below(12),
                if i > 0 && r.chance(50) {
                    ",relative"
                } else {
                    ""
                }
            )),
            2 => s.push_str(&format!(
                "pcre:{}\"/{}/{}\"; ",
                if r.chance(20) { "!" } else { "" },
                r.pick(&[
                    "example\\.com$",
                    "^www\\.",
                    "[a-z]+\\.org",
                    "com",
                    "^(a|b)\\.",
                    "x{2,}",
                    "(org|com)$",
                    "com\\n?$",
                ]),
                r.pick(&["", "i", "A", "s", "iA", "E", "m"])
            )),
            _ => s.push_str(&gen_content(r, i == 0, words)),
        }
    }
    s
}

fn gen_rule(r: &mut Rng, sid: u32, words: &[String]) -> String {
    let action = r.pick(&["pass", "drop", "reject", "alert", "alert", "drop", "pass"]);
    let proto = r.pick(&[
        "tls", "tls", "tls", "http", "http", "dns", "tcp", "udp", "ip", "ipv6", "http1", "icmp",
    ]);
    let dir = if r.chance(15) { "<>" } else { "->" };
    let mut opts = String::new();
    if r.chance(20) {
        opts.push_str(&format!(
            "msg:\"r{sid}\"; {}",
            if r.chance(50) {
                "classtype:bad-unknown; "
            } else {
                ""
            }
        ));
    }
    if r.chance(20) {
        opts.push_str(r.pick(&[
            "flow:established,to_server; ",
            "flow:to_client; ",
            "flow:not_established; ",
            "flow:established; ",
            "flow:to_server; ",
            "flow:only_stream; ",
            "flow:no_stream; ",
            "flow:established,only_stream; ",
            "flow:to_client,no_stream; ",
            "flow:stateless; ",
            "flow:no_frag; ",
            "flow:only_frag; ",
            "flow:to_server; flow:only_stream; ",
        ]));
    }
    if r.chance(5) {
        opts.push_str(r.pick(&[
            "ssl_state:client_hello; ",
            "ssl_state:!client_hello; ",
            "ssl_state:client_hello|server_hello; ",
            "ssl_state:!server_hello; ",
            "ssl_state:client_hello,!client_hello; ",
            "ssl_state:server_hello,!unknown; ",
            "app-layer-protocol:tls; ",
            "app-layer-protocol:!http; ",
            "ip_proto:6; ",
            "ip_proto:!17; ",
            "ssl_state:server_hello; ",
            "ssl_state:!server_hello,!client_hello; ",
            "app-layer-protocol:dns; ",
            "app-layer-protocol:unknown; ",
        ]));
    }
    let buffers: &[&str] = match proto {
        "tls" => &["tls.sni"],
        "http" | "http1" => &["http.host", "http.host.raw", "http.header_names"],
        "dns" => &["dns.query"],
        _ => &["tls.sni", "http.host", "dns.query"],
    };
    let nbuf = if matches!(proto, "tls" | "http" | "dns") {
        [0, 1, 1, 1, 2][r.below(5)]
    } else {
        [0, 0, 0, 1][r.below(4)]
    };
    for _ in 0..nbuf {
        let b = r.pick(buffers);
        opts.push_str(&gen_buffer_block(r, b, words));
    }
    if r.chance(25) {
        opts.push_str(&format!("priority:{}; ", 1 + r.below(4)));
    }
    if r.chance(8) {
        opts.push_str("noalert; ");
    }
    if action == "pass" && r.chance(20) {
        opts.push_str("alert; ");
    }
    format!(
        "{action} {proto} {} {} {dir} {} {} ({opts}sid:{sid}; rev:1;)",
        r.pick(ADDRS),
        r.pick(PORTS),
        r.pick(ADDRS),
        r.pick(PORTS)
    )
}

/// A buffer value derived from the patterns.
fn gen_name(r: &mut Rng, words: &[String]) -> Vec<u8> {
    let w = r.word(words);
    let s = match r.below(10) {
        0 => w,
        1 => format!("www.{}", w.trim_start_matches('.')),
        2 => format!("{w}x"),
        3 => w.to_ascii_uppercase(),
        4 => w.trim_start_matches('.').to_string(),
        5 => format!("{w}{}", r.word(words)),
        6 => format!("a.{w}.{w}"),
        7 => String::new(),
        8 => format!("{} {w}", r.word(words)),
        _ => {
            let mut v: Vec<u8> = w.into_bytes();
            if !v.is_empty() {
                let i = r.below(v.len());
                v[i] = b"aZ.-"[r.below(4)];
            }
            String::from_utf8(v).unwrap()
        }
    };
    s.into_bytes()
}

struct QueryData {
    start: Query<'static>,
    stage: Stage,
    to_client: bool,
    established: bool,
    app: Option<AppProto>,
    bufs: [Option<Vec<u8>>; 6],
    /// `Query::dns_query_more`: further questions' names (with `dns.query`).
    more: Vec<Vec<u8>>,
    /// `Query::first_packet`: the request is the flow's first packet.
    first_packet: bool,
}

fn gen_query(r: &mut Rng, words: &[String]) -> QueryData {
    let v6 = r.chance(30);
    let pool = if v6 { QV6 } else { QV4 };
    let a = |r: &mut Rng| -> IpAddr { r.pick(pool).parse().unwrap() };
    let proto = r.pick(&[
        IpProto::Tcp,
        IpProto::Tcp,
        IpProto::Tcp,
        IpProto::Udp,
        IpProto::Icmp,
    ]);
    let (src, dst) = (a(r), a(r));
    let start = Query::flow_start(proto, src, r.pick(QPORTS), dst, r.pick(QPORTS));
    let app = r.pick(&[
        None,
        Some(AppProto::Tls),
        Some(AppProto::Tls),
        Some(AppProto::Http1),
        Some(AppProto::Http2),
        Some(AppProto::Dns),
        Some(AppProto::Quic),
        Some(AppProto::Other),
    ]);
    let mut bufs: [Option<Vec<u8>>; 6] = Default::default();
    for b in bufs.iter_mut() {
        if r.chance(45) {
            let mut name = gen_name(r, words);
            // A name that ends in a newline: PCRE's `$` matches before it.
            if r.chance(10) {
                name.push(b'\n');
            }
            *b = Some(name);
        }
    }
    if r.chance(30) {
        bufs[3] = Some(b"\r\nHost\r\nUser-Agent\r\n\r\n".to_vec());
    }
    if r.chance(70) {
        // A coherent app request: the protocol's own buffer, to_server,
        // established, so that rules actually match.
        let (app, slots): (AppProto, &[usize]) = match r.below(4) {
            0 | 1 => (AppProto::Tls, &[0]),
            2 => (AppProto::Http1, &[1, 2]),
            _ => (AppProto::Dns, &[4]),
        };
        for &i in slots {
            if r.chance(90) {
                bufs[i] = Some(gen_name(r, words));
            }
        }
        let mut start = start;
        start.proto = if app == AppProto::Dns && r.chance(50) {
            IpProto::Udp
        } else {
            IpProto::Tcp
        };
        // A UDP request in the flow's first datagram: one packet with the
        // flow start, not established, as the flow tracker asks it.
        let first = start.proto == IpProto::Udp && r.chance(50);
        let more = gen_more(r, words);
        return QueryData {
            more,
            start,
            stage: Stage::AppRequest,
            to_client: false,
            established: !first,
            app: Some(app),
            bufs,
            first_packet: first,
        };
    }
    QueryData {
        more: gen_more(r, words),
        start,
        stage: if r.chance(25) {
            Stage::FlowStart
        } else if r.chance(20) {
            Stage::AppResponse
        } else if r.chance(10) {
            Stage::AppPartial
        } else {
            Stage::AppRequest
        },
        to_client: r.chance(15),
        established: r.chance(70),
        app,
        bufs,
        first_packet: r.chance(10),
    }
}

fn make_query<'a>(d: &'a QueryData, more: &'a [&'a [u8]]) -> Query<'a> {
    let mut q = d.start;
    q.stage = d.stage;
    if d.to_client {
        q = q.reversed();
    }
    q.established = d.established;
    q.app_proto = d.app;
    q.tls_sni = d.bufs[0].as_deref();
    q.http_host = d.bufs[1].as_deref();
    q.http_host_raw = d.bufs[2].as_deref();
    q.http_header_names = d.bufs[3].as_deref();
    q.dns_query = d.bufs[4].as_deref();
    if q.dns_query.is_some() {
        q.dns_query_more = more;
    }
    q.quic_sni = d.bufs[5].as_deref();
    q.first_packet = d.first_packet;
    q
}

/// Further DNS questions: none mostly, else one to three names.
fn gen_more(r: &mut Rng, words: &[String]) -> Vec<Vec<u8>> {
    if r.chance(75) {
        return Vec::new();
    }
    (0..1 + r.below(3)).map(|_| gen_name(r, words)).collect()
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn load(text: &str) -> Vec<Rule> {
    load_as(text, Dialect::Suricata)
}

/// Rules in a dialect: AWS (Suricata 7) reads some keywords differently
/// (`flow:only_stream`/`no_stream`, `http.host` case).
fn load_as(text: &str, d: Dialect) -> Vec<Rule> {
    let mut loader = Loader::new(Vars::suricata_defaults(), d);
    loader.add_rules("gen.rules", text);
    loader.finish().active_rules().cloned().collect()
}

static QUERIES: AtomicUsize = AtomicUsize::new(0);
static FLOWS: AtomicUsize = AtomicUsize::new(0);
static RULES: AtomicUsize = AtomicUsize::new(0);
static GENERATED: AtomicUsize = AtomicUsize::new(0);
static DECIDED: AtomicUsize = AtomicUsize::new(0);
static ALERTED: AtomicUsize = AtomicUsize::new(0);
static STRICT: AtomicUsize = AtomicUsize::new(0);
static STRICT_QUERIES: AtomicUsize = AtomicUsize::new(0);
static BY_DEFAULT: AtomicUsize = AtomicUsize::new(0);
static DEFAULT_ALERTED: AtomicUsize = AtomicUsize::new(0);

const ALL_DEFAULTS: [StatefulDefaultAction; 8] = [
    StatefulDefaultAction::DropStrict,
    StatefulDefaultAction::DropEstablished,
    StatefulDefaultAction::DropEstablishedAppLayer,
    StatefulDefaultAction::DropEstablishedAppLayerToServer,
    StatefulDefaultAction::AlertStrict,
    StatefulDefaultAction::AlertEstablished,
    StatefulDefaultAction::AlertEstablishedAppLayer,
    StatefulDefaultAction::AlertEstablishedAppLayerToServer,
];

/// Random rules of every shape the generator knows.
fn gen_rules(r: &mut Rng, words: &[String]) -> (String, usize) {
    let nrules = 1 + r.below(10);
    let text = (0..nrules)
        .map(|i| gen_rule(r, 1000 + i as u32 * 7 % 13 + i as u32, words) + "\n")
        .collect();
    (text, nrules)
}

/// Words for domain-list shaped sets: the usual ones and names longer than
/// the index's 32-byte fixed-word reads.
const LONG_WORDS: &[&str] = &[
    "averyveryverylonglabel-0123456789.example.com",
    ".averyveryverylonglabel-0123456789.example.com",
    "a-label-of-exactly-thirty-two.io",
    "x.a-label-of-exactly-thirty-two.io",
];

/// A set shaped like an AWS domain list (`Ruleset`'s fast path when its
/// candidates are one index of rules with one head and an only key, then
/// at most one catch-all without buffer tests): 1-8 exact or dot-suffix
/// rules on one buffer with one header and one `flow`, then (mostly) a
/// catch-all with the same header; sometimes a rule of another action (another head), a second
/// catch-all or a rule with another header, which leave the shape.
fn gen_domain_list(r: &mut Rng, words: &[String]) -> (String, usize) {
    let (buffer, proto) = r.pick(&[
        ("tls.sni", "tls"),
        ("tls.sni", "tls"),
        ("http.host", "http"),
        ("dns.query", "dns"),
    ]);
    let header = format!(
        "{proto} {} {} -> {} {}",
        r.pick(ADDRS),
        r.pick(PORTS),
        r.pick(ADDRS),
        r.pick(PORTS)
    );
    let flow = r.pick(&["flow:to_server, established; ", "flow:to_server; ", ""]);
    let action = if r.chance(75) {
        "pass"
    } else {
        r.pick(&["drop", "alert", "reject"])
    };
    let n = 1 + r.below(8);
    let mut text = String::new();
    for sid in 1..=n {
        let w = r.word(words);
        let name = quote(w.trim_start_matches('.'));
        let act = if r.chance(92) {
            action
        } else {
            r.pick(&["pass", "drop", "alert"])
        };
        let nocase = if r.chance(85) { "nocase; " } else { "" };
        let body = if r.chance(55) {
            format!("{buffer}; content:\"{name}\"; startswith; {nocase}endswith; ")
        } else {
            format!("{buffer}; dotprefix; content:\".{name}\"; {nocase}endswith; ")
        };
        text.push_str(&format!("{act} {header} ({body}{flow}sid:{sid}; rev:1;)\n"));
    }
    // Mostly a catch-all (an allow list); sometimes none (a block list).
    let mut total = n;
    if r.chance(80) {
        let last = r.pick(&["drop", "drop", "drop", "reject", "alert", "pass"]);
        text.push_str(&format!("{last} {header} ({flow}sid:{}; rev:1;)\n", n + 1));
        total += 1;
    }
    if r.chance(15) {
        text.push_str(&(gen_rule(r, 100, words) + "\n"));
        total += 1;
    }
    (text, total)
}

fn run_case(seed: u64, nq: usize) -> Result<(), String> {
    run_case_with(seed, nq, WORDS, gen_rules, true).map(|_| ())
}

/// One rule set from `gen` and `nq` queries; true when the set was decided
/// on the domain-list fast path for at least one app protocol. `count`: add
/// to the counters `random_rule_sets_decide_like_the_interpreter` reports
/// (the tests run in parallel).
fn run_case_with(
    seed: u64,
    nq: usize,
    pool: &[&str],
    gen: fn(&mut Rng, &[String]) -> (String, usize),
    count: bool,
) -> Result<bool, String> {
    let tally = |c: &AtomicUsize, n: usize| {
        if count {
            c.fetch_add(n, Ordering::Relaxed);
        }
    };
    let mut r = Rng(seed);
    let mut words: Vec<String> = (0..2 + r.below(5))
        .map(|_| r.pick(pool).to_string())
        .collect();
    words.dedup();
    let (text, nrules) = gen(&mut r, &words);
    // One set in eight in the AWS dialect.
    let dialect = if seed % 8 == 3 {
        Dialect::Aws
    } else {
        Dialect::Suricata
    };
    let rules = load_as(&text, dialect);
    tally(&GENERATED, nrules);
    tally(&RULES, rules.len());
    // A third in AWS strict order with random stateful default actions (none,
    // one, or several of any family, in random order); of the rest, mostly
    // Suricata's action order, sometimes a configured `action-order` (the
    // table is the same, permuted).
    let order = if r.below(3) == 0 {
        tally(&STRICT, 1);
        let n = r.pick(&[0usize, 1, 1, 1, 2, 2, 3]);
        Order::strict((0..n).map(|_| r.pick(&ALL_DEFAULTS)).collect())
    } else if r.chance(25) {
        let mut names = ["pass", "drop", "reject", "alert"];
        for i in (1..4).rev() {
            names.swap(i, r.below(i + 1));
        }
        Order::with_action_order(&names).unwrap()
    } else {
        Order::default()
    };
    let rs = build(&rules, &order).map_err(|e| e.to_string())?;
    let fast = rs.fast_plans() > 0;
    for _ in 0..nq {
        let d = gen_query(&mut r, &words);
        let more: Vec<&[u8]> = d.more.iter().map(Vec::as_slice).collect();
        let q = make_query(&d, &more);
        compare_compiled_in(&rules, &rs, &order, &[q])
            .map_err(|e| format!("seed {seed:#x} ({order:?})\nrules:\n{text}\n{e}"))?;
        tally(&QUERIES, 1);
        let mut alerts = AllAlerts::default();
        let dq = rs.decide(&q, &mut alerts);
        if dq.rule.is_some() {
            tally(&DECIDED, 1);
        }
        if !alerts.rules.is_empty() {
            tally(&ALERTED, 1);
        }
        if order.strict {
            tally(&STRICT_QUERIES, 1);
        }
        if dq.default_action {
            tally(&BY_DEFAULT, 1);
        }
        if !alerts.defaults.is_empty() {
            tally(&DEFAULT_ALERTED, 1);
        }
        // The query within a flow: first packet, reply, then the query;
        // or the query as the first packet.
        // Then the server's reply after the request (`AppResponse`; on a
        // first-packet flow, the reply datagram is one).
        let mut reply = d.start.reversed();
        reply.established = d.start.proto == IpProto::Udp;
        let mut response = d.start.app_response(q.app_proto);
        response.first_packet = q.first_packet;
        // A TCP request split across segments: one before it completes
        // (`AppPartial`, the request's app protocol, no buffer).
        let partial = match q.app_proto {
            Some(app)
                if q.proto == IpProto::Tcp && q.stage == Stage::AppRequest && r.chance(30) =>
            {
                Some(d.start.app_partial(app))
            }
            _ => None,
        };
        let flow: Vec<Query> = if q.first_packet {
            vec![q, response]
        } else {
            [d.start, reply]
                .into_iter()
                .chain(partial)
                .chain([q, response])
                .collect()
        };
        compare_compiled_in(&rules, &rs, &order, &flow)
            .map_err(|e| format!("seed {seed:#x} (flow, {order:?})\nrules:\n{text}\n{e}"))?;
        tally(&FLOWS, 1);
    }
    Ok(fast)
}

#[test]
fn random_rule_sets_decide_like_the_interpreter() {
    let cases = env_usize("FERRULE_DIFF_CASES", 10_000);
    let nq = env_usize("FERRULE_DIFF_QUERIES", 50);
    let t0 = std::time::Instant::now();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: cases as u32,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let res = runner.run(&any::<u64>(), |seed| {
        run_case(seed, nq).map_err(TestCaseError::fail)
    });
    println!(
        "differential: {cases} rule sets ({} in strict order; {} rules generated, {} loaded), {} single-query comparisons ({} strict; {} decided by a rule, {} by a default action, {} with alerts, {} with default alerts) + {} flow comparisons, {:.1?}",
        STRICT.load(Ordering::Relaxed),
        GENERATED.load(Ordering::Relaxed),
        RULES.load(Ordering::Relaxed),
        QUERIES.load(Ordering::Relaxed),
        STRICT_QUERIES.load(Ordering::Relaxed),
        DECIDED.load(Ordering::Relaxed),
        BY_DEFAULT.load(Ordering::Relaxed),
        ALERTED.load(Ordering::Relaxed),
        DEFAULT_ALERTED.load(Ordering::Relaxed),
        FLOWS.load(Ordering::Relaxed),
        t0.elapsed()
    );
    if let Err(e) = res {
        panic!("{e}");
    }
}

/// Domain-list shaped sets (`gen_domain_list`), both orders: the fast path
/// of `Ruleset` against the interpreter, and a check that the generator
/// does reach the fast path (else this test would compare nothing new).
/// `FERRULE_DIFF_DOMAIN_CASES` sets (default 4,000) × 50 queries.
#[test]
fn domain_list_shaped_sets_decide_like_the_interpreter() {
    let cases = env_usize("FERRULE_DIFF_DOMAIN_CASES", 4_000);
    let nq = env_usize("FERRULE_DIFF_QUERIES", 50);
    let pool: Vec<&str> = WORDS.iter().chain(LONG_WORDS).copied().collect();
    let fast = AtomicUsize::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: cases as u32,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let res = runner.run(&any::<u64>(), |seed| {
        let f =
            run_case_with(seed, nq, &pool, gen_domain_list, false).map_err(TestCaseError::fail)?;
        fast.fetch_add(f as usize, Ordering::Relaxed);
        Ok(())
    });
    let fast = fast.into_inner();
    println!("domain-list shaped: {cases} rule sets, {fast} decided on the fast path, {nq} queries each (+ flows)");
    if let Err(e) = res {
        panic!("{e}");
    }
    assert!(
        fast * 4 >= cases,
        "only {fast} of {cases} domain-list shaped sets reached the fast path"
    );
}

/// Every combination of the ways a rule can say (or almost say) "the name
/// equals this": anchors (`startswith`, `depth` equal to, shorter or longer
/// than the name, `offset`), ends (`endswith`, `isdataat` of each kind),
/// `bsize` of each relation to the name's length, before or after the
/// content, a relative content, `nocase` or not; each rule alone, in front
/// of a catch-all, decided on the name, its case variants, longer and
/// shorter names. The index keys and implies some of these forms; compiled
/// and interpreter must agree on every one.
#[test]
fn equality_forms_decide_like_the_interpreter() {
    let name = "evil.example";
    let len = name.len();
    let anchors = [
        String::new(),
        "startswith; ".into(),
        format!("depth:{len}; "),
        format!("depth:{}; ", len - 1),
        format!("depth:{}; ", len + 1),
        format!("offset:0; depth:{len}; "),
        format!("offset:1; depth:{len}; "),
        "offset:1; ".into(),
    ];
    let ends = [
        "",
        "endswith; ",
        "isdataat:!1,relative; ",
        "isdataat:!2,relative; ",
        "isdataat:1,relative; ",
        "isdataat:!1; ",
    ];
    let sizes = [
        String::new(),
        format!("bsize:{len}; "),
        format!("bsize:{}; ", len - 1),
        format!("bsize:{}; ", len + 1),
        format!("bsize:>{}; ", len - 1),
        format!("bsize:!{len}; "),
    ];
    let queries: Vec<Vec<u8>> = [
        name.to_string(),
        name.to_ascii_uppercase(),
        "Evil.Example".into(),
        format!("{name}x"),
        format!("x{name}"),
        format!("www.{name}"),
        name[..len - 1].to_string(),
        name[1..].to_string(),
        String::new(),
    ]
    .into_iter()
    .map(String::into_bytes)
    .collect();
    let mut cases = 0;
    for anchor in &anchors {
        for end in ends {
            for size in &sizes {
                for size_first in [false, true] {
                    for nocase in ["", "nocase; "] {
                        for relative in ["", "distance:0; "] {
                            if size_first && size.is_empty() {
                                continue;
                            }
                            // `endswith` is a content modifier; `isdataat`
                            // a test after the content.
                            let (modifier, after) = match end.starts_with("endswith") {
                                true => (end, ""),
                                false => ("", end),
                            };
                            let content = format!(
                                "content:\"{name}\"; {nocase}{anchor}{modifier}{relative}{after}"
                            );
                            let body = match size_first {
                                true => format!("{size}{content}"),
                                false => format!("{content}{size}"),
                            };
                            let rule =
                                format!("alert tls any any -> any any (tls.sni; {body}sid:1;)");
                            for text in [
                                rule.clone(),
                                format!("{rule}\ndrop tls any any -> any any (sid:2;)"),
                            ] {
                                let rules = load(&text);
                                if rules.is_empty() {
                                    continue;
                                }
                                let rs = build(&rules, &Order::default()).expect("builds");
                                let qs: Vec<Query> = queries
                                    .iter()
                                    .map(|n| {
                                        let mut q = Query::flow_start(
                                            IpProto::Tcp,
                                            "10.0.0.5".parse().unwrap(),
                                            40000,
                                            "93.184.216.34".parse().unwrap(),
                                            443,
                                        )
                                        .app_request(AppProto::Tls);
                                        q.tls_sni = Some(n);
                                        q
                                    })
                                    .collect();
                                for q in &qs {
                                    if let Err(e) =
                                        compare_compiled(&rules, &rs, std::slice::from_ref(q))
                                    {
                                        panic!(
                                            "{text}\n{:?}: {e}",
                                            q.tls_sni.map(String::from_utf8_lossy)
                                        );
                                    }
                                }
                                cases += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    // Most combinations load (a few are rejected, e.g. `startswith` with `distance`).
    assert!(cases > 2000, "{cases} rule sets");
}

#[test]
fn generated_rules_mostly_load() {
    // Guards the generator: most generated rules must load, or the
    // differential test would compare near-empty rule sets.
    let mut r = Rng(7);
    let words: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    let text: String = (0..400)
        .map(|i| gen_rule(&mut r, i + 1, &words) + "\n")
        .collect();
    let loaded = load(&text).len();
    println!("generator: {loaded}/400 rules load");
    assert!(loaded >= 200, "only {loaded}/400 generated rules load");
}

// ---------------------------------------------------------------------------
// Conformance through the compiled Ruleset.

mod common {
    pub mod conformance_queries;
}
use common::conformance_queries as cq;

#[test]
fn conformance_cases_decide_like_suricata_compiled() {
    let Some(dir) = cq::shared() else {
        eprintln!("SKIP: ../shared/conformance/decide not found; compiled conformance not run");
        return;
    };
    let (mut total, mut agree) = (0usize, 0usize);
    let mut disagreements = Vec::new();
    for case in cq::cases(&dir) {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
        loader.add_rules_file(&case.join("rules.rules")).unwrap();
        let rules: Vec<Rule> = loader.finish().active_rules().cloned().collect();
        let rs = build(&rules, &Order::default()).unwrap();
        let (flows, exp_flows) = cq::read_case(&case);
        for (fv, ev) in flows.iter().zip(&exp_flows) {
            if let Some(why) = cq::unmodelled(fv) {
                println!(
                    "  SKIP {name}/{}: {why}: decided by the replay conformance test",
                    fv["id"]
                );
                continue;
            }
            total += 1;
            let f = cq::flow_input(fv);
            assert_eq!(ev["id"].as_str(), Some(f.id.as_str()), "flow order");
            let qs = cq::queries(&f);
            let mut alerts = Vec::new();
            let d = rs.decide_flow(&qs.queries, &mut alerts);
            let got_v = cq::verdict_name(d.verdict);
            let got_a: std::collections::BTreeSet<(u64, u64)> = alerts
                .iter()
                .map(|a| (a.gid as u64, a.sid as u64))
                .collect();
            let (exp_v, exp_a) = cq::expected(ev);
            if got_v == exp_v && got_a == exp_a {
                agree += 1;
            } else {
                disagreements.push(format!(
                    "{name}/{}: suricata verdict={exp_v} alerts={exp_a:?}; compiled verdict={got_v} alerts={got_a:?}",
                    f.id
                ));
            }
            // And the compiled ruleset agrees with the interpreter on it.
            compare_compiled(&rules, &rs, &qs.queries).unwrap();
        }
    }
    println!("compiled decide conformance: {agree}/{total} flows agree with Suricata 8.0.6");
    for d in &disagreements {
        println!("  DISAGREE {d}");
    }
    assert_eq!(agree, total, "compiled ruleset disagrees with Suricata");
    assert!(
        total >= 124,
        "expected at least 124 conformance flows, found {total}"
    );
}
