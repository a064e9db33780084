//! `Ruleset::decide` allocates nothing on the hot path: a counting global
//! allocator (this test binary only) counts allocations while a warmed-up
//! ruleset decides a batch of queries covering the prefilters, transforms
//! (dotprefix, to_lowercase), pcre, header-only rules, every stage (the
//! server's reply too), first-packet queries and multi-question DNS, in
//! action order and in AWS strict order with stateful default actions.
//!
//! Warm-up matters: the per-thread scratch (transform buffers, candidate list)
//! and regex-automata's per-thread cache grow on first use, then are reused.

use ferrule_compiler::build::build;
use ferrule_compiler::interp::{Order, StatefulDefaultAction};
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;
use ferrule_matcher::{AppProto, CountAlerts, IpProto, Query};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const RULES: &str = r#"
pass tls $HOME_NET any -> any any (tls.sni; dotprefix; content:".example.com"; endswith; sid:1;)
pass http $HOME_NET any -> any any (http.host; dotprefix; content:".example.com"; endswith; sid:2;)
drop tls any any -> any any (tls.sni; to_lowercase; content:"evil"; sid:3;)
alert tls any any -> any any (tls.sni; pcre:"/^[a-z]+\.org$/i"; sid:4;)
reject http any any -> [2001:db8::/32] 443 (http.host; content:"bad"; startswith; bsize:<20; sid:5;)
drop ip any any -> 198.51.100.0/24 any (sid:6;)
alert tcp any any -> any ![80,443] (flow:established,to_server; sid:7;)
drop tls any any -> any any (ssl_state:client_hello; sid:8;)
drop http any any -> any any (sid:9;)
pass tls any any -> any any (tls.sni; content:"foo.org"; startswith; nocase; endswith; sid:10;)
pass dns any any -> any any (dns.query; dotprefix; content:".example.com"; endswith; sid:11;)
drop dns any any -> any any (dns.query; to_lowercase; content:"evil"; sid:12;)
alert http any any -> any any (http.header_names; content:"|0d 0a|Server|0d 0a|"; sid:13;)
alert tls any any -> any any (flow:to_client; sid:14;)
"#;

#[test]
fn decide_allocates_nothing_once_warm() {
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    loader.add_rules("r", RULES);
    let rules: Vec<_> = loader.finish().active_rules().cloned().collect();
    assert_eq!(rules.len(), 14);
    let rs = build(&rules, &Order::default()).unwrap();
    // The longest name (311 bytes) is over the domain index's stack buffer
    // (255 bytes): it goes through the per-thread scratch.
    let long = format!("{}example.com", "label.".repeat(50)).into_bytes();
    let names: [&[u8]; 7] = [
        &long,
        b"www.example.com",
        b"EVIL.example.net",
        b"foo.org",
        b"bad.example.org",
        b"a-much-longer-name-than-the-others.example.com.evil.test",
        b"",
    ];
    let mut qs = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let (s, d): (&str, &str) = if i % 2 == 0 {
            ("192.168.1.5", "93.184.216.34")
        } else {
            ("2001:db8::5", "2001:db8:1::1")
        };
        let start = Query::flow_start(
            IpProto::Tcp,
            s.parse().unwrap(),
            40000,
            d.parse().unwrap(),
            443,
        );
        qs.push(start);
        qs.push(start.reversed());
        let mut t = start.app_request(AppProto::Tls);
        t.tls_sni = Some(n);
        qs.push(t);
        let mut h = start.app_request(AppProto::Http1);
        h.http_host = Some(n);
        qs.push(h);
        let mut r = start.app_response(Some(AppProto::Http1));
        r.http_header_names = Some(b"\r\nServer\r\nContent-Type\r\n\r\n");
        qs.push(r);
        qs.push(start.app_response(Some(AppProto::Tls)));
        qs.push(start.app_partial(AppProto::Tls));
        qs.push(start.app_partial(AppProto::Http1));
    }
    let more: Vec<&[u8]> = names.to_vec();
    let us = Query::flow_start(
        IpProto::Udp,
        "10.0.0.5".parse().unwrap(),
        40000,
        "8.8.8.8".parse().unwrap(),
        53,
    );
    let mut dq = us.app_request(AppProto::Dns);
    dq.dns_query = Some(b"a.example.org");
    dq.dns_query_more = &more;
    dq.first_packet = true;
    qs.push(dq);
    dq.first_packet = false;
    qs.push(dq);
    let mut dr = us.app_response(Some(AppProto::Dns));
    dr.first_packet = true;
    qs.push(dr);
    let strict = build(
        &rules,
        &Order::strict(vec![
            StatefulDefaultAction::AlertStrict,
            StatefulDefaultAction::DropStrict,
        ]),
    )
    .unwrap();
    let mut sink = CountAlerts::default();
    let mut decided = 0usize;
    let mut by_default = 0usize;
    for q in &qs {
        rs.decide(q, &mut sink); // warm up
        strict.decide(q, &mut sink);
    }
    COUNTING.store(true, Ordering::SeqCst);
    for _ in 0..100 {
        for q in &qs {
            decided += rs.decide(q, &mut sink).rule.is_some() as usize;
            by_default += strict.decide(q, &mut sink).default_action as usize;
        }
    }
    COUNTING.store(false, Ordering::SeqCst);
    let allocs = ALLOCS.load(Ordering::SeqCst);
    println!(
        "no_alloc: {} decisions ({decided} decided by a rule in action order, {by_default} by a default action in strict order, {} alerts), {allocs} allocations",
        2 * 100 * qs.len(),
        sink.0
    );
    assert!(
        decided > 0 && by_default > 0 && sink.0 > 0,
        "the batch must exercise matching rules"
    );
    assert_eq!(allocs, 0, "decide allocated on the hot path");
}
