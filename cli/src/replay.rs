//! `ferrule replay`: a capture (pcap / pcapng) through the flow tracker
//! (`ferrule_matcher::flow`), with the rules loaded as `explain` loads them
//! and compiled into a `Ruleset`: per-flow verdicts, a summary, and
//! optionally eve.json records with Suricata's field names.
//!
//! eve conventions followed (Suricata 8.0 source and docs):
//! - common header: `timestamp` (`2017-04-07T22:24:37.251547+0000`),
//!   `flow_id`, `pcap_cnt`, `event_type`, `src_ip`, `src_port`, `dest_ip`,
//!   `dest_port`, `proto` — docs `output/eve/eve-json-format.rst` "Common
//!   Section" and its alert example; alerts and drops carry the packet's
//!   addresses, flow records the client as `src_*` (`src/output-json.c`
//!   `LOG_DIR_PACKET` / `LOG_DIR_FLOW`);
//! - `alert`: `alert.action` (`"blocked"` for drop/reject rules — IPS mode,
//!   as the conformance fixtures were recorded with `--simulate-ips` —,
//!   `"allowed"` otherwise: `src/output-json-alert.c` `AlertJsonHeader`),
//!   `alert.gid`, `alert.signature_id`, `alert.rev`, `alert.signature`,
//!   `alert.category` (the classtype name here, Suricata prints its
//!   description), `alert.severity` (the priority), `direction`, `app_proto`,
//!   and `tls.sni` / `http.hostname` when the flow has them;
//! - `drop` (one per flow and direction, the `flows: start` setting):
//!   `drop.len`, `tos`, `ttl`, `ipid` (IPv4) or `tc`, `hoplimit`, `flowlbl`
//!   (IPv6), `tcpseq`, `tcpack`, `tcpwin`, `syn`, `ack`, `psh`, `rst`, `urg`,
//!   `fin`, `tcpres`, `tcpurgp` (`src/output-json-drop.c` `DropLogJSON`), and
//!   `reason` (`"rules"` on the deciding packet, `"flow drop"` after);
//! - `flow`: `app_proto` (`tls`, `http`, `failed` for a stream of no detected
//!   protocol), `flow.pkts_toserver`, `pkts_toclient`, `bytes_toserver`,
//!   `bytes_toclient`, `start`, `end`, `age`, `reason` (`timeout`, `forced`
//!   for an eviction, `shutdown` at the end of the capture), `alerted`, and
//!   `action` = `pass` / `drop` (a reject shows as `drop`) only when the flow
//!   was decided (`src/output-json-flow.c`).
//!
//! Ferrule-specific: a strict-order `aws:alert_*` default action is logged as
//! an alert with `signature_id` 0 and the action's name as `signature`.

use crate::ruleset_args::{setup, RulesetArgs};
use crate::Format;
use ferrule_compiler::build::build;
use ferrule_compiler::ir::Rule;
use ferrule_matcher::flow::pcap::Capture;
use ferrule_matcher::flow::{
    AppState, EndReason, FlowInfo, FlowRecord, FlowTracker, LinkType, PacketOutcome, TrackerConfig,
    TrackerStats,
};
use ferrule_matcher::{
    AlertSink, AppProto, DefaultAction, FlowDirection, IpProto, RuleAction, RuleRef, Stage, Verdict,
};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufWriter, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct ReplayArgs {
    #[command(flatten)]
    ruleset: RulesetArgs,
    /// The capture: legacy pcap or pcapng (Ethernet, raw IP, Linux SLL, loopback).
    #[arg(value_name = "CAPTURE")]
    capture: PathBuf,
    /// Write eve.json records (alert, drop, flow) to this file.
    #[arg(long, value_name = "FILE")]
    eve: Option<PathBuf>,
    /// Output format of the per-flow verdicts and summary.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Print only the summary (no per-flow lines).
    #[arg(long, short)]
    quiet: bool,
    /// Most flows tracked at once (the least recently used is evicted).
    #[arg(long, default_value_t = 65_536)]
    max_flows: usize,
    /// Seconds without a packet after which a flow ends.
    #[arg(long, default_value_t = 120)]
    idle_timeout: u64,
    /// Most client bytes reassembled per TCP flow while waiting for the request.
    #[arg(long, default_value_t = 65_536)]
    max_reassembly: usize,
    /// Inspect the app layer of TCP flows first seen without a SYN.
    #[arg(long)]
    midstream: bool,
}

/// Collects one packet's alerts.
#[derive(Default)]
struct PacketAlerts {
    rules: Vec<RuleRef>,
    defaults: Vec<DefaultAction>,
}

impl AlertSink for PacketAlerts {
    fn alert(&mut self, rule: RuleRef) {
        self.rules.push(rule);
    }
    fn default_alert(&mut self, action: DefaultAction, _stage: Stage) {
        self.defaults.push(action);
    }
}

/// Per-flow facts the tracker does not keep: the (gid, sid) alerted.
/// A rule's identity: (AWS rule group, gid, sid); see `RuleRef::group`.
type RuleKey = (u16, u32, u32);

type AlertedSids = HashMap<u64, Vec<RuleKey>>;

/// `2017-04-07T22:24:37.251547+0000` in UTC.
fn iso(ts: Duration) -> String {
    let secs = ts.as_secs();
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:06}+0000",
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        ts.subsec_micros()
    )
}

fn proto_name(p: IpProto, ipv6: bool) -> String {
    match p {
        IpProto::Tcp => "TCP".into(),
        IpProto::Udp => "UDP".into(),
        IpProto::Icmp if ipv6 => "IPv6-ICMP".into(),
        IpProto::Icmp => "ICMP".into(),
        IpProto::Other(132) => "SCTP".into(),
        IpProto::Other(n) => n.to_string(),
    }
}

fn has_ports(p: IpProto) -> bool {
    matches!(p, IpProto::Tcp | IpProto::Udp)
}

fn app_name(f: &FlowInfo) -> Option<&'static str> {
    match f.app_proto? {
        AppProto::Tls => Some("tls"),
        AppProto::Http1 => Some("http"),
        AppProto::Http2 => Some("http2"),
        AppProto::Dns => Some("dns"),
        AppProto::Quic => Some("quic"),
        AppProto::Other => Some("failed"),
    }
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Drop => "drop",
        Verdict::Reject => "reject",
        Verdict::None => "none",
    }
}

fn header(
    event: &str,
    ts: Duration,
    f: &FlowInfo,
    pcap_cnt: Option<u64>,
    src: SocketAddr,
    dst: SocketAddr,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("timestamp".into(), iso(ts).into());
    m.insert("flow_id".into(), f.id.into());
    if let Some(n) = pcap_cnt {
        m.insert("pcap_cnt".into(), n.into());
    }
    m.insert("event_type".into(), event.into());
    m.insert("src_ip".into(), src.ip().to_string().into());
    if has_ports(f.proto) {
        m.insert("src_port".into(), src.port().into());
    }
    m.insert("dest_ip".into(), dst.ip().to_string().into());
    if has_ports(f.proto) {
        m.insert("dest_port".into(), dst.port().into());
    }
    m.insert(
        "proto".into(),
        proto_name(f.proto, f.client.is_ipv6()).into(),
    );
    m
}

struct Eve {
    out: BufWriter<std::fs::File>,
    records: u64,
}

impl Eve {
    fn write(&mut self, m: Map<String, Value>) -> std::io::Result<()> {
        self.records += 1;
        serde_json::to_writer(&mut self.out, &Value::Object(m))?;
        self.out.write_all(b"\n")
    }
}

/// The drop details of a frame (IP and TCP header fields).
fn drop_details(frame: &[u8], link: LinkType, reason: &str) -> Value {
    use etherparse::{NetSlice, SlicedPacket, TransportSlice};
    let mut d = Map::new();
    let sliced = match link {
        LinkType::Ethernet => SlicedPacket::from_ethernet(frame),
        LinkType::RawIp => SlicedPacket::from_ip(frame),
        LinkType::LinuxSll => SlicedPacket::from_linux_sll(frame),
        LinkType::Null => SlicedPacket::from_ip(frame.get(4..).unwrap_or(&[])),
    };
    if let Ok(p) = sliced {
        match &p.net {
            Some(NetSlice::Ipv4(v4)) => {
                let h = v4.header();
                d.insert("len".into(), h.total_len().into());
                d.insert(
                    "tos".into(),
                    (u8::from(h.dcp()) << 2 | u8::from(h.ecn())).into(),
                );
                d.insert("ttl".into(), h.ttl().into());
                d.insert("ipid".into(), h.identification().into());
            }
            Some(NetSlice::Ipv6(v6)) => {
                let h = v6.header();
                d.insert("len".into(), h.payload_length().into());
                d.insert("tc".into(), h.traffic_class().into());
                d.insert("hoplimit".into(), h.hop_limit().into());
                d.insert("flowlbl".into(), u32::from(h.flow_label()).into());
            }
            _ => {}
        }
        if let Some(TransportSlice::Tcp(t)) = &p.transport {
            d.insert("tcpseq".into(), t.sequence_number().into());
            d.insert("tcpack".into(), t.acknowledgment_number().into());
            d.insert("tcpwin".into(), t.window_size().into());
            d.insert("syn".into(), t.syn().into());
            d.insert("ack".into(), t.ack().into());
            d.insert("psh".into(), t.psh().into());
            d.insert("rst".into(), t.rst().into());
            d.insert("urg".into(), t.urg().into());
            d.insert("fin".into(), t.fin().into());
            d.insert("tcpres".into(), u8::from(t.ns()).into());
            d.insert("tcpurgp".into(), t.urgent_pointer().into());
        }
    }
    d.insert("reason".into(), reason.into());
    Value::Object(d)
}

fn app_fields(m: &mut Map<String, Value>, f: &FlowInfo) {
    if let Some(a) = app_name(f) {
        m.insert("app_proto".into(), a.into());
    }
    if let Some(sni) = &f.tls_sni {
        m.insert("tls".into(), json!({ "sni": String::from_utf8_lossy(sni) }));
    }
    if let Some(h) = &f.http_host {
        m.insert(
            "http".into(),
            json!({ "hostname": String::from_utf8_lossy(h) }),
        );
    }
}

fn flow_event(r: &FlowRecord, alerted: bool) -> Map<String, Value> {
    let f = &r.info;
    let mut m = header("flow", f.last_seen, f, None, f.client, f.server);
    if let Some(a) = app_name(f) {
        m.insert("app_proto".into(), a.into());
    }
    let mut fl = Map::new();
    fl.insert("pkts_toserver".into(), f.packets_to_server.into());
    fl.insert("pkts_toclient".into(), f.packets_to_client.into());
    fl.insert("bytes_toserver".into(), f.bytes_to_server.into());
    fl.insert("bytes_toclient".into(), f.bytes_to_client.into());
    fl.insert("start".into(), iso(f.first_seen).into());
    fl.insert("end".into(), iso(f.last_seen).into());
    fl.insert(
        "age".into(),
        f.last_seen.saturating_sub(f.first_seen).as_secs().into(),
    );
    fl.insert(
        "reason".into(),
        match r.reason {
            EndReason::IdleTimeout => "timeout",
            EndReason::Evicted => "forced",
            EndReason::Finished => "shutdown",
        }
        .into(),
    );
    fl.insert("alerted".into(), alerted.into());
    match f.decision.verdict {
        Verdict::Pass => {
            fl.insert("action".into(), "pass".into());
        }
        Verdict::Drop | Verdict::Reject => {
            fl.insert("action".into(), "drop".into());
        }
        Verdict::None => {}
    }
    m.insert("flow".into(), Value::Object(fl));
    m
}

/// One flow as printed by `replay`.
fn flow_json(r: &FlowRecord, alerted: &[RuleKey]) -> Value {
    let f = &r.info;
    let rule = f
        .decision
        .rule
        .map(|r| json!({"gid": r.gid, "sid": r.sid, "rev": r.rev}));
    json!({
        "flow_id": f.id,
        "proto": proto_name(f.proto, f.client.is_ipv6()),
        "client": f.client.to_string(),
        "server": f.server.to_string(),
        "app_proto": app_name(f),
        "app_state": format!("{:?}", f.app_state).to_lowercase(),
        "tls_sni": f.tls_sni.as_ref().map(|s| String::from_utf8_lossy(s).into_owned()),
        "http_host": f.http_host.as_ref().map(|s| String::from_utf8_lossy(s).into_owned()),
        "verdict": verdict_name(f.decision.verdict),
        "rule": rule,
        "default_action": f.default_action.map(|a| format!("{a:?}")),
        "stage": f.decision.stage.map(Stage::name),
        "alerts": alerted.iter().map(|(_, g, s)| json!({"gid": g, "sid": s})).collect::<Vec<_>>(),
        "packets": f.packets_to_server + f.packets_to_client,
        "dropped_packets": f.dropped_packets,
    })
}

fn flow_line(r: &FlowRecord, alerted: &[RuleKey]) -> String {
    let f = &r.info;
    let mut s = format!(
        "flow {} {} {} -> {}",
        f.id,
        proto_name(f.proto, f.client.is_ipv6()),
        f.client,
        f.server
    );
    if let Some(a) = app_name(f) {
        s.push_str(&format!(" {a}"));
    }
    if let Some(n) = &f.tls_sni {
        s.push_str(&format!(" sni={:?}", String::from_utf8_lossy(n)));
    }
    if let Some(n) = &f.http_host {
        s.push_str(&format!(" host={:?}", String::from_utf8_lossy(n)));
    }
    match f.app_state {
        AppState::Pending => s.push_str(" (request incomplete)"),
        AppState::CapReached => s.push_str(" (reassembly cap reached)"),
        AppState::Malformed => s.push_str(" (malformed request)"),
        AppState::NoStream => s.push_str(" (no handshake seen: not inspected)"),
        AppState::Idle | AppState::Requested => {}
    }
    s.push_str(&format!(": {}", verdict_name(f.decision.verdict)));
    if let Some(r) = f.decision.rule {
        s.push_str(&format!(" by {}:{}:{}", r.gid, r.sid, r.rev));
    } else if let Some(a) = f.default_action {
        s.push_str(&format!(" by default action {a:?}"));
    }
    if let Some(st) = f.decision.stage {
        s.push_str(" at ");
        s.push_str(st.name());
    }
    if !alerted.is_empty() {
        let a: Vec<String> = alerted.iter().map(|(_, g, s)| format!("{g}:{s}")).collect();
        s.push_str(&format!("; alerts {}", a.join(", ")));
    }
    s
}

fn stats_json(s: &TrackerStats) -> Value {
    json!({
        "packets": s.packets, "bytes": s.bytes,
        "malformed": s.malformed, "not_ip": s.not_ip, "fragments": s.fragments,
        "packets_pass": s.packets_pass, "packets_drop": s.packets_drop, "packets_none": s.packets_none,
        "flows": s.flows, "flows_pass": s.flows_pass, "flows_drop": s.flows_drop, "flows_reject": s.flows_reject,
        "flows_evicted": s.flows_evicted, "flows_timed_out": s.flows_timed_out,
        "queries": s.queries, "alerts": s.alerts,
        "app_tls": s.app_tls, "app_http": s.app_http, "app_other": s.app_other, "app_malformed": s.app_malformed,
        "reassembly_cap_reached": s.reassembly_cap_reached,
        "reassembly_bytes_dropped": s.reassembly_bytes_dropped,
        "out_of_order_segments": s.out_of_order_segments,
        "midstream_flows": s.midstream_flows,
        "records_discarded": s.records_discarded,
    })
}

pub fn run(args: &ReplayArgs) -> ExitCode {
    let s = match setup(&args.ruleset) {
        Ok(s) => s,
        Err(f) => return f.exit(),
    };
    let ruleset = match build(&s.rules, &s.order) {
        Ok(r) => r,
        Err(e) => {
            errln!("error: cannot compile the rules: {e}");
            return ExitCode::from(1);
        }
    };
    let data = match std::fs::read(&args.capture) {
        Ok(d) => d,
        Err(e) => {
            errln!("error: cannot read {}: {e}", args.capture.display());
            return ExitCode::from(1);
        }
    };
    let capture = match Capture::new(&data) {
        Ok(c) => c,
        Err(e) => {
            errln!("error: {}: {e}", args.capture.display());
            return ExitCode::from(1);
        }
    };
    let mut eve = match &args.eve {
        None => None,
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Some(Eve {
                out: BufWriter::new(f),
                records: 0,
            }),
            Err(e) => {
                errln!("error: cannot create {}: {e}", p.display());
                return ExitCode::from(1);
            }
        },
    };
    let rules: HashMap<RuleKey, &Rule> = s
        .rules
        .iter()
        .map(|r| ((r.meta.group, r.meta.gid, r.meta.sid), r))
        .collect();
    let config = TrackerConfig {
        max_flows: args.max_flows.max(1),
        idle_timeout: Duration::from_secs(args.idle_timeout),
        max_reassembly: args.max_reassembly,
        midstream: args.midstream,
        max_ended: 1 << 20,
        http_host: s.host_rule,
    };
    let mut tracker = FlowTracker::new(&ruleset, config);
    let mut alerted: AlertedSids = HashMap::new();
    let mut records: Vec<(FlowRecord, Vec<RuleKey>)> = Vec::new();
    let mut unsupported: BTreeMap<i32, u64> = BTreeMap::new();
    let mut capture_error = None;
    let mut pcap_cnt = 0u64;
    let total = capture.len();
    let progress = std::io::stderr().is_terminal() && total > 16 << 20;
    let started = Instant::now();
    let mut last_progress = Instant::now();
    let mut io_error: Option<std::io::Error> = None;
    let mut cap = capture;
    for frame in cap.by_ref() {
        let frame = match frame {
            Ok(f) => f,
            Err(e) => {
                capture_error = Some(e);
                break;
            }
        };
        pcap_cnt += 1;
        let link = match frame.link {
            Ok(l) => l,
            Err(n) => {
                *unsupported.entry(n).or_default() += 1;
                continue;
            }
        };
        let mut pa = PacketAlerts::default();
        let out = tracker.process(frame.data, link, frame.ts, &mut pa);
        if let Some(key) = out.flow {
            if let Some(f) = tracker.flow(&key) {
                let list = alerted.entry(f.id).or_default();
                for r in &pa.rules {
                    // Rules of different AWS rule groups may share a sid:
                    // each alerts in its own right.
                    if !list.contains(&(r.group, r.gid, r.sid)) {
                        list.push((r.group, r.gid, r.sid));
                    }
                }
                if let Some(e) = eve.as_mut() {
                    if let Err(err) = write_packet_events(
                        e, &out, f, &pa, &rules, frame.data, link, frame.ts, pcap_cnt,
                    ) {
                        io_error.get_or_insert(err);
                    }
                }
            }
        }
        for r in tracker.drain_ended() {
            let a = alerted.remove(&r.info.id).unwrap_or_default();
            records.push((r, a));
        }
        if progress && pcap_cnt & 4095 == 0 && last_progress.elapsed() > Duration::from_millis(250)
        {
            last_progress = Instant::now();
            let pos = cap_position(&data, frame.data);
            errout!(
                "\rreplay: {:3}%  {} packets, {} flows",
                pos * 100 / total.max(1),
                pcap_cnt,
                tracker.stats().flows
            );
        }
    }
    if progress {
        errout!("\r{:60}\r", "");
    }
    tracker.finish();
    for r in tracker.drain_ended() {
        let a = alerted.remove(&r.info.id).unwrap_or_default();
        records.push((r, a));
    }
    records.sort_by_key(|(r, _)| r.info.id);
    if let Some(e) = eve.as_mut() {
        for (r, a) in &records {
            if let Err(err) = e.write(flow_event(r, r.info.alerts > 0 || !a.is_empty())) {
                io_error.get_or_insert(err);
            }
        }
        if let Err(err) = e.out.flush() {
            io_error.get_or_insert(err);
        }
    }
    let elapsed = started.elapsed();
    let st = *tracker.stats();
    match args.format {
        Format::Json => {
            let mut v = json!({
                "capture": args.capture.display().to_string(),
                "summary": {
                    "frames": pcap_cnt,
                    "seconds": elapsed.as_secs_f64(),
                    "tracker": stats_json(&st),
                    "unsupported_link_types": unsupported.iter().map(|(k, n)| json!({"linktype": k, "frames": n})).collect::<Vec<_>>(),
                    "eve_records": eve.as_ref().map(|e| e.records),
                    "capture_error": capture_error.as_ref().map(|e| e.to_string()),
                },
            });
            if !args.quiet {
                v["flows"] = records.iter().map(|(r, a)| flow_json(r, a)).collect();
            }
            outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        Format::Human => {
            if !args.quiet {
                for (r, a) in &records {
                    outln!("{}", flow_line(r, a));
                }
            }
            outln!(
                "{} frames, {} flows in {:.3}s ({:.0} packets/s): flows pass {}, drop {}, reject {}, none {}; packets pass {}, drop {}, none {}; {} alerts",
                pcap_cnt,
                st.flows,
                elapsed.as_secs_f64(),
                pcap_cnt as f64 / elapsed.as_secs_f64().max(1e-9),
                st.flows_pass,
                st.flows_drop,
                st.flows_reject,
                st.flows - st.flows_pass - st.flows_drop - st.flows_reject,
                st.packets_pass,
                st.packets_drop,
                st.packets_none,
                st.alerts
            );
            outln!(
                "tracker: {} malformed, {} not IP, {} fragments skipped; {} TLS, {} HTTP, {} other, {} malformed streams; {} midstream flows; {} evicted, {} timed out; reassembly: {} cap reached, {} bytes dropped, {} out-of-order segments",
                st.malformed,
                st.not_ip,
                st.fragments,
                st.app_tls,
                st.app_http,
                st.app_other,
                st.app_malformed,
                st.midstream_flows,
                st.flows_evicted,
                st.flows_timed_out,
                st.reassembly_cap_reached,
                st.reassembly_bytes_dropped,
                st.out_of_order_segments
            );
            for (k, n) in &unsupported {
                outln!("skipped {n} frames of unsupported link type {k}");
            }
            if let Some(e) = &eve {
                outln!("eve: {} records", e.records);
            }
        }
    }
    if let Some(e) = &capture_error {
        errln!(
            "warning: {}: {e}; the frames before it were replayed",
            args.capture.display()
        );
    }
    if let Some(e) = io_error {
        errln!("error: writing eve records: {e}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// Offset of `frame` inside `data` (the capture is in memory).
fn cap_position(data: &[u8], frame: &[u8]) -> usize {
    (frame.as_ptr() as usize)
        .saturating_sub(data.as_ptr() as usize)
        .min(data.len())
}

#[allow(clippy::too_many_arguments)]
fn write_packet_events(
    e: &mut Eve,
    out: &PacketOutcome,
    f: &FlowInfo,
    pa: &PacketAlerts,
    rules: &HashMap<RuleKey, &Rule>,
    frame: &[u8],
    link: LinkType,
    ts: Duration,
    pcap_cnt: u64,
) -> std::io::Result<()> {
    let (src, dst) = match out.direction {
        FlowDirection::ToServer => (f.client, f.server),
        FlowDirection::ToClient => (f.server, f.client),
    };
    let direction = match out.direction {
        FlowDirection::ToServer => "to_server",
        FlowDirection::ToClient => "to_client",
    };
    for r in &pa.rules {
        let mut m = header("alert", ts, f, Some(pcap_cnt), src, dst);
        m.insert("direction".into(), direction.into());
        let rule = rules.get(&(r.group, r.gid, r.sid));
        let mut a = Map::new();
        let blocked = matches!(r.action, RuleAction::Drop | RuleAction::Reject);
        a.insert(
            "action".into(),
            if blocked { "blocked" } else { "allowed" }.into(),
        );
        a.insert("gid".into(), r.gid.into());
        a.insert("signature_id".into(), r.sid.into());
        a.insert("rev".into(), r.rev.into());
        a.insert(
            "signature".into(),
            rule.and_then(|x| x.meta.msg.clone())
                .unwrap_or_default()
                .into(),
        );
        a.insert(
            "category".into(),
            rule.and_then(|x| x.meta.classtype.clone())
                .unwrap_or_default()
                .into(),
        );
        a.insert(
            "severity".into(),
            rule.and_then(|x| x.meta.priority).unwrap_or(3).into(),
        );
        m.insert("alert".into(), Value::Object(a));
        app_fields(&mut m, f);
        e.write(m)?;
    }
    for d in &pa.defaults {
        let mut m = header("alert", ts, f, Some(pcap_cnt), src, dst);
        m.insert("direction".into(), direction.into());
        m.insert(
            "alert".into(),
            json!({
                "action": "allowed", "gid": 1, "signature_id": 0, "rev": 0,
                "signature": format!("{d:?}"), "category": "", "severity": 3,
            }),
        );
        app_fields(&mut m, f);
        e.write(m)?;
    }
    if out.first_drop {
        let mut m = header("drop", ts, f, Some(pcap_cnt), src, dst);
        let reason = if out.flow_decided || f.decision.verdict == Verdict::None {
            "rules"
        } else {
            "flow drop"
        };
        m.insert("drop".into(), drop_details(frame, link, reason));
        app_fields(&mut m, f);
        e.write(m)?;
    }
    Ok(())
}
