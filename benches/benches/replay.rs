//! `replay`: flow-tracker throughput (packets/s; flows/s = packets/s divided
//! by the packets per flow printed to stderr) on two inputs:
//!
//! - `replay/generated`: 2,000 flows built with
//!   `ferrule_matcher::flow::fuzzing::Conversation` (1,000 TLS, 1,000 HTTP/1;
//!   each a handshake, the request, two server data segments, one more client
//!   segment, FIN both ways and the last ACK: 10 packets), 3/4 to listed
//!   names, against an AWS allow list of 1,000 names (`TargetTypes::BOTH`,
//!   `DEFAULT_ACTION_ORDER`) compiled with
//!   `ferrule_compiler::aws::compile_domain_list`;
//! - `replay/conformance`: every `../shared/conformance/decide/*/capture.pcap`
//!   with its own rules, frames read once (skipped when ../shared is absent).
//!
//! Each iteration replays all frames through a fresh `FlowTracker` and
//! finishes it (so flow creation, the queries, reassembly and teardown are
//! all in the measurement). Frame parsing from pcap is excluded.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ferrule_compiler::aws::{compile_domain_list, GeneratedRulesType, TargetTypes};
use ferrule_compiler::interp::Order;
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::span::FileId;
use ferrule_compiler::Dialect;
use ferrule_matcher::flow::fuzzing::{client_hello, Conversation, Flags};
use ferrule_matcher::flow::pcap::Capture;
use ferrule_matcher::flow::{FlowTracker, LinkType, TrackerConfig};
use ferrule_matcher::{CountAlerts, Ruleset, Verdict};
use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::time::Duration;

/// Frames with their capture time.
type Frames = Vec<(Vec<u8>, Duration)>;

const FLOWS: usize = 2000;
const NAMES: usize = 1000;

fn name(i: usize) -> String {
    format!("svc{i}.example{}.com", i % 97)
}

/// Frames of one flow, in time order.
fn flow_frames(i: usize, listed: bool) -> Vec<Vec<u8>> {
    let client = IpAddr::V4(Ipv4Addr::new(10, 1, (i >> 8) as u8, i as u8));
    let server = IpAddr::V4(Ipv4Addr::new(93, 184, 216, (i % 200) as u8 + 1));
    let tls = i & 1 == 0;
    let mut c = Conversation::new(
        (client, 20_000 + (i % 40_000) as u16),
        (server, if tls { 443 } else { 80 }),
    );
    let host = if listed {
        name(i % NAMES)
    } else {
        format!("unlisted{i}.example.net")
    };
    let request = if tls {
        client_hello(host.as_bytes())
    } else {
        format!(
            "GET /index.html HTTP/1.1\r\nHost: {host}\r\nUser-Agent: bench\r\nAccept: */*\r\n\r\n"
        )
        .into_bytes()
    };
    let [syn, syn_ack, ack] = c.handshake();
    let fin = Flags {
        fin: true,
        ack: true,
        ..Flags::default()
    };
    vec![
        syn,
        syn_ack,
        ack,
        c.data(true, &request),
        c.data(false, &[0x16; 1200]),
        c.data(false, &[0x17; 800]),
        c.data(true, &[0x17; 200]),
        c.tcp(true, fin, &[]),
        c.tcp(false, fin, &[]),
        c.data(true, &[]),
    ]
}

fn generated() -> (Ruleset, Frames) {
    let list: String = (0..NAMES).map(|i| format!("{}\n", name(i))).collect();
    let compiled = compile_domain_list(
        FileId(0),
        &list,
        TargetTypes::BOTH,
        GeneratedRulesType::AllowList,
        &Order::default(),
        &Vars::suricata_defaults(),
    )
    .expect("allow list compiles");
    // Interleave flows 8 at a time, as concurrent connections would.
    let flows: Vec<Vec<Vec<u8>>> = (0..FLOWS).map(|i| flow_frames(i, i % 4 != 3)).collect();
    let mut frames = Vec::new();
    let mut t = Duration::from_secs(1_700_000_000);
    for chunk in flows.chunks(8) {
        for step in 0..chunk[0].len() {
            for f in chunk {
                t += Duration::from_micros(50);
                frames.push((f[step].clone(), t));
            }
        }
    }
    (compiled.ruleset, frames)
}

fn replay(rules: &Ruleset, frames: &[(Vec<u8>, Duration)]) -> (u64, u64) {
    let mut t = FlowTracker::new(rules, TrackerConfig::default());
    let mut alerts = CountAlerts::default();
    let mut dropped = 0u64;
    for (f, ts) in frames {
        let out = t.process(f, LinkType::Ethernet, *ts, &mut alerts);
        dropped += u64::from(matches!(out.verdict, Verdict::Drop | Verdict::Reject));
    }
    t.finish();
    let ended = t.drain_ended().count() as u64;
    (dropped, ended)
}

fn conformance() -> Vec<(Ruleset, Frames)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/decide");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("SKIP replay/conformance: {} not found", dir.display());
        return Vec::new();
    };
    let mut cases: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    cases.sort();
    let mut out = Vec::new();
    for case in cases {
        let (Ok(pcap), Ok(_)) = (
            std::fs::read(case.join("capture.pcap")),
            std::fs::metadata(case.join("rules.rules")),
        ) else {
            continue;
        };
        let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
        if loader.add_rules_file(&case.join("rules.rules")).is_err() {
            continue;
        }
        let rules: Vec<_> = loader.finish().active_rules().cloned().collect();
        let Ok(rs) = ferrule_compiler::build::build(&rules, &Order::default()) else {
            continue;
        };
        let Ok(cap) = Capture::new(&pcap) else {
            continue;
        };
        let frames = cap
            .filter_map(Result::ok)
            .map(|f| (f.data.to_vec(), f.ts))
            .collect();
        out.push((rs, frames));
    }
    out
}

fn bench(c: &mut Criterion) {
    let (rules, frames) = generated();
    let (dropped, flows) = replay(&rules, &frames);
    assert_eq!(flows as usize, FLOWS);
    eprintln!(
        "replay/generated: {} packets, {} flows ({} packets/flow), {} packets dropped",
        frames.len(),
        flows,
        frames.len() / FLOWS,
        dropped
    );
    let mut g = c.benchmark_group("replay");
    g.throughput(Throughput::Elements(frames.len() as u64));
    g.bench_function("generated", |b| {
        b.iter(|| black_box(replay(&rules, &frames)))
    });
    let cases = conformance();
    if !cases.is_empty() {
        let packets: usize = cases.iter().map(|(_, f)| f.len()).sum();
        let flows: u64 = cases.iter().map(|(r, f)| replay(r, f).1).sum();
        eprintln!("replay/conformance: {packets} packets, {flows} flows");
        g.throughput(Throughput::Elements(packets as u64));
        g.bench_function("conformance", |b| {
            b.iter(|| {
                for (r, f) in &cases {
                    black_box(replay(r, f));
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
