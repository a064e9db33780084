//! The flow tracker on crafted packets: TLS over a handshake with the
//! ClientHello split across segments and out of order, HTTP, decided flows,
//! eviction, idle timeout, the reassembly cap, UDP, DNS over UDP and TCP,
//! IPv6, midstream and garbage frames, QUIC Initials.

use ferrule_matcher::extract::http::HostRule;
use ferrule_matcher::extract::quic::build;
use ferrule_matcher::flow::fuzzing::{
    client_hello, dns_request, dns_ruleset, older_catch_all_ruleset, quic_ruleset, ruleset,
    server_reply_ruleset, Conversation, Flags,
};
use ferrule_matcher::flow::{
    AppState, EndReason, FlowTracker, LinkType, PacketOutcome, SkipReason, TrackerConfig,
};
use ferrule_matcher::{AllAlerts, AppProto, Ruleset, Stage, Verdict};
use std::net::IpAddr;
use std::time::Duration;

const T0: u64 = 1_700_000_000;

fn conv(port: u16, dport: u16) -> Conversation {
    let c: IpAddr = "10.0.0.5".parse().unwrap();
    let s: IpAddr = "93.184.216.34".parse().unwrap();
    Conversation::new((c, port), (s, dport))
}

struct Run<'r> {
    t: FlowTracker<'r>,
    alerts: AllAlerts,
    secs: u64,
}

impl<'r> Run<'r> {
    fn new(rules: &'r Ruleset, config: TrackerConfig) -> Self {
        Run {
            t: FlowTracker::new(rules, config),
            alerts: AllAlerts::default(),
            secs: T0,
        }
    }
    fn feed(&mut self, frame: &[u8]) -> PacketOutcome {
        self.t.process(
            frame,
            LinkType::Ethernet,
            Duration::from_secs(self.secs),
            &mut self.alerts,
        )
    }
    /// A conversation from port `port` to `dport`, its handshake fed.
    fn connect(&mut self, port: u16, dport: u16) -> Conversation {
        let mut c = conv(port, dport);
        for f in c.handshake() {
            self.feed(&f);
        }
        c
    }
    fn sids(&self) -> Vec<u32> {
        self.alerts.rules.iter().map(|r| r.sid).collect()
    }
}

#[test]
fn tls_hello_split_across_segments_decides_on_the_last() {
    let rules = ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = conv(40000, 443);
    let [syn, syn_ack, ack] = c.handshake();
    let o = r.feed(&syn);
    assert!(o.new_flow);
    assert_eq!(o.stages, [Some(Stage::FlowStart), None]);
    assert_eq!(o.verdict, Verdict::None);
    assert_eq!(r.feed(&syn_ack).stages, [Some(Stage::FlowStart), None]);
    assert_eq!(r.feed(&ack).stages, [None, None]);
    let hello = client_hello(b"www.Example.com");
    let key = o.flow.unwrap();
    for (i, part) in hello.chunks(20).enumerate() {
        let o = r.feed(&c.data(true, part));
        let last = (i + 1) * 20 >= hello.len();
        assert_eq!(o.flow_decided, last, "segment {i}");
        if !last {
            assert_eq!(o.verdict, Verdict::None);
            // Detected from the first segment (`16 03 01`), not complete:
            // inspected with no buffer and no hello.
            assert_eq!(o.stages, [Some(Stage::AppPartial), None]);
            assert_eq!(r.t.flow(&key).unwrap().app_state, AppState::Pending);
        } else {
            assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
            assert_eq!(o.verdict, Verdict::Pass);
        }
    }
    let f = r.t.flow(&key).unwrap();
    assert_eq!(f.tls_sni.as_deref(), Some(&b"www.Example.com"[..]));
    assert_eq!(f.app_proto, Some(AppProto::Tls));
    assert_eq!(f.app_state, AppState::Requested);
    assert_eq!(f.decision.rule.unwrap().sid, 1);
    assert!(f.established);
    // Decided: later packets in both directions get the verdict, no query.
    let before = r.t.stats().queries;
    assert_eq!(
        r.feed(&c.data(false, b"server hello")).verdict,
        Verdict::Pass
    );
    assert_eq!(r.feed(&c.data(true, b"more")).verdict, Verdict::Pass);
    assert_eq!(r.t.stats().queries, before);
    assert_eq!(r.t.stats().flows_pass, 1);
    assert!(r.sids().is_empty());
}

/// Suricata detects the protocol from the first bytes (TLS: `16 03 0x`, 3
/// bytes; HTTP/1: a method and a space, any case) and inspects every later
/// segment of an undecided flow (SEMANTICS §9): a packet-scoped catch-all
/// drops the segments of a split request before the name pass decides the
/// flow; bytes not yet conclusive make no query.
#[test]
fn split_requests_meet_the_older_packet_scoped_catch_alls() {
    let rules = older_catch_all_ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = r.connect(40100, 443);
    let hello = client_hello(b"www.example.com");
    // Two bytes: not TLS yet, no query.
    let o = r.feed(&c.data(true, &hello[..2]));
    assert_eq!((o.stages, o.verdict), ([None, None], Verdict::None));
    // The third byte: TLS; the segment is dropped alone.
    let o = r.feed(&c.data(true, &hello[2..3]));
    assert_eq!(o.stages, [Some(Stage::AppPartial), None]);
    assert_eq!((o.verdict, o.flow_decided), (Verdict::Drop, false));
    let o = r.feed(&c.data(true, &hello[3..40]));
    assert_eq!((o.verdict, o.flow_decided), (Verdict::Drop, false));
    let o = r.feed(&c.data(true, &hello[40..]));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    assert_eq!((o.verdict, o.flow_decided), (Verdict::Pass, true));
    assert_eq!(r.sids(), [43, 43]);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.dropped_packets, 2);

    // HTTP, the method in lowercase: "ge" is not conclusive, "get " is.
    r.alerts = AllAlerts::default();
    let mut c = r.connect(40101, 80);
    let o = r.feed(&c.data(true, b"ge"));
    assert_eq!(o.stages, [None, None]);
    let o = r.feed(&c.data(true, b"t / HTTP/1.1\r\nHost: www.example.com\r\n"));
    assert_eq!(o.stages, [Some(Stage::AppPartial), None]);
    assert_eq!(o.verdict, Verdict::Drop);
    let o = r.feed(&c.data(true, b"\r\n"));
    assert_eq!((o.verdict, o.flow_decided), (Verdict::Pass, true));
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_proto, Some(AppProto::Http1));
    assert_eq!(f.http_host.as_deref(), Some(&b"www.example.com"[..]));
    assert_eq!(r.sids(), [44]);

    // An app-layer rule (a direction-only `flow`) is flow-scoped: its drop
    // on the first segment wins over the pass the complete request would
    // have had (`RuleActionToFlow`: the first flow action stays).
    r.alerts = AllAlerts::default();
    let mut c = r.connect(40102, 8080);
    let o = r.feed(&c.data(true, b"GET / HTTP/1.1\r\n"));
    assert_eq!((o.verdict, o.flow_decided), (Verdict::Drop, true));
    assert_eq!(r.sids(), [44, 45]);
    let o = r.feed(&c.data(true, b"Host: www.example.com\r\n\r\n"));
    assert_eq!(o.verdict, Verdict::Drop);
    assert_eq!(o.stages, [None, None]);

    // After detection, an out-of-order segment (held, the stream does not
    // grow) and a retransmission are client packets too: inspected.
    r.alerts = AllAlerts::default();
    let mut c = r.connect(40104, 443);
    let base = c.client_seq;
    let o = r.feed(&c.data(true, &hello[..10]));
    assert_eq!(o.verdict, Verdict::Drop);
    let late = c.data_at(true, base + 20, &hello[20..30]);
    let o = r.feed(&late);
    assert_eq!(
        (o.stages, o.verdict),
        ([Some(Stage::AppPartial), None], Verdict::Drop)
    );
    let again = c.data_at(true, base, &hello[..10]);
    assert_eq!(r.feed(&again).verdict, Verdict::Drop);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_proto, Some(AppProto::Tls), "set at detection");
    assert_eq!(f.app_state, AppState::Pending);
    assert_eq!(r.sids(), [43, 43, 43]);

    // The whole request in one segment: the pass comes first.
    r.alerts = AllAlerts::default();
    let mut c = r.connect(40103, 443);
    let o = r.feed(&c.data(true, &hello));
    assert_eq!((o.verdict, o.flow_decided), (Verdict::Pass, true));
    assert!(r.sids().is_empty());
}

#[test]
fn tls_to_another_name_is_dropped_with_an_alert() {
    let rules = ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = r.connect(40001, 443);
    let o = r.feed(&c.data(true, &client_hello(b"evil.example.net")));
    assert!(o.flow_decided);
    assert_eq!(o.verdict, Verdict::Drop);
    assert!(o.first_drop);
    assert_eq!(o.alerts, 1);
    assert_eq!(r.sids(), vec![4]);
    let o = r.feed(&c.data(true, b"x"));
    assert_eq!(o.verdict, Verdict::Drop);
    assert!(
        !o.first_drop,
        "only the first drop per direction is flagged"
    );
    assert!(r.feed(&c.data(false, b"y")).first_drop);
}

#[test]
fn out_of_order_segment_is_held_until_the_hole_fills() {
    let rules = ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let c = r.connect(40002, 443);
    let hello = client_hello(b"www.example.com");
    let base = c.client_seq;
    let (a, b) = hello.split_at(30);
    // The second half first.
    let late = c.data_at(true, base + 30, b);
    let o = r.feed(&late);
    assert_eq!(o.verdict, Verdict::None);
    assert_eq!(r.t.stats().out_of_order_segments, 1);
    // A retransmission of bytes 10..20 changes nothing.
    let dup = c.data_at(true, base + 10, &a[10..20]);
    assert!(!r.feed(&dup).flow_decided);
    let o = r.feed(&c.data_at(true, base, a));
    assert!(o.flow_decided);
    assert_eq!(o.verdict, Verdict::Pass);
}

#[test]
fn a_hole_never_filled_leaves_the_flow_undecided() {
    let rules = ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let c = r.connect(40003, 443);
    let hello = client_hello(b"evil.example.net");
    let base = c.client_seq;
    let o = r.feed(&c.data_at(true, base + 5, &hello[5..]));
    assert_eq!(o.verdict, Verdict::None);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_state, AppState::Pending);
    assert_eq!(f.decision.verdict, Verdict::None);
}

#[test]
fn http_request_and_reject() {
    let rules = ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut ok = conv(40010, 80);
    for f in ok.handshake() {
        r.feed(&f);
    }
    let o = r.feed(&ok.data(true, b"GET / HTTP/1.1\r\nHost: WWW.EXAMPLE.COM:8080\r\n"));
    assert_eq!(o.verdict, Verdict::None);
    let o = r.feed(&ok.data(true, b"Accept: */*\r\n\r\n"));
    assert_eq!(o.verdict, Verdict::Pass);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.http_host.as_deref(), Some(&b"www.example.com"[..]));
    assert_eq!(f.app_proto, Some(AppProto::Http1));

    let mut bad = conv(40011, 80);
    for f in bad.handshake() {
        r.feed(&f);
    }
    let o = r.feed(&bad.data(true, b"GET / HTTP/1.1\r\nHost: tracker.net\r\n\r\n"));
    assert_eq!(o.verdict, Verdict::Reject);
    assert_eq!(r.t.stats().flows_reject, 1);
    assert_eq!(r.sids(), vec![5]);
}

/// With Suricata 7's Host rule (AWS, SEMANTICS §9) the tracker keeps the
/// case of a Host with a port (`http_request_and_reject` has Suricata 8's
/// lowercase for the same header).
#[test]
fn suricata7_host_rule_keeps_the_case_of_a_host_with_a_port() {
    let rules = ruleset();
    let config = TrackerConfig {
        http_host: HostRule::Suricata7,
        ..TrackerConfig::default()
    };
    let mut r = Run::new(&rules, config);
    let mut c = r.connect(40012, 80);
    let o = r.feed(&c.data(
        true,
        b"GET / HTTP/1.1\r\nHost: WWW.EXAMPLE.COM:8080\r\n\r\n",
    ));
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.http_host.as_deref(), Some(&b"WWW.EXAMPLE.COM"[..]));
}

#[test]
fn ip_only_drop_decides_on_the_syn() {
    let rules = ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = conv(40020, 23);
    let [syn, syn_ack, ack] = c.handshake();
    let o = r.feed(&syn);
    assert!(o.flow_decided);
    assert_eq!(o.verdict, Verdict::Drop);
    assert_eq!(r.feed(&syn_ack).verdict, Verdict::Drop);
    assert_eq!(r.feed(&ack).verdict, Verdict::Drop);
    assert_eq!(r.t.stats().queries, 1);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.decision.stage, Some(Stage::FlowStart));
    assert_eq!(f.dropped_packets, 3);
}

#[test]
fn plain_tcp_gets_an_app_request_without_app_protocol() {
    let rules = ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = r.connect(40030, 2222);
    let o = r.feed(&c.data(true, b"SSH-2.0-OpenSSH_9.6\r\n"));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    assert_eq!(o.verdict, Verdict::None);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_proto, Some(AppProto::Other));
    assert_eq!(f.app_state, AppState::Requested);
}

#[test]
fn eviction_at_max_flows() {
    let rules = ruleset();
    let config = TrackerConfig {
        max_flows: 2,
        ..TrackerConfig::default()
    };
    let mut r = Run::new(&rules, config);
    let mut cs: Vec<Conversation> = (0..3).map(|i| conv(41000 + i, 443)).collect();
    let [syn0, ..] = cs[0].handshake();
    let [syn1, ..] = cs[1].handshake();
    let k0 = r.feed(&syn0).flow.unwrap();
    let k1 = r.feed(&syn1).flow.unwrap();
    // Touch flow 0: flow 1 becomes the least recently used.
    r.feed(&syn0);
    let [syn2, ..] = cs[2].handshake();
    let o = r.feed(&syn2);
    assert!(o.new_flow);
    assert_eq!(r.t.active_flows(), 2);
    assert_eq!(r.t.stats().flows_evicted, 1);
    assert!(r.t.flow(&k0).is_some());
    assert!(r.t.flow(&k1).is_none());
    let ended: Vec<_> = r.t.drain_ended().collect();
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].reason, EndReason::Evicted);
    assert_eq!(ended[0].info.client.port(), 41001);
}

#[test]
fn idle_timeout_ends_flows() {
    let rules = ruleset();
    let config = TrackerConfig {
        idle_timeout: Duration::from_secs(30),
        ..TrackerConfig::default()
    };
    let mut r = Run::new(&rules, config);
    let mut a = conv(42000, 443);
    let mut b = conv(42001, 443);
    let [syn_a, ..] = a.handshake();
    let [syn_b, ..] = b.handshake();
    r.feed(&syn_a);
    r.secs += 20;
    r.feed(&syn_b);
    r.secs += 20; // a idle 40 s, b 20 s
    r.t.expire(Duration::from_secs(r.secs));
    let ended: Vec<_> = r.t.drain_ended().collect();
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].reason, EndReason::IdleTimeout);
    assert_eq!(ended[0].info.client.port(), 42000);
    assert_eq!(r.t.stats().flows_timed_out, 1);
    // A packet of the timed-out flow starts a new flow.
    assert!(r.feed(&syn_a).new_flow);
    r.t.finish();
    assert!(r.t.drain_ended().all(|f| f.reason == EndReason::Finished));
    assert_eq!(r.t.active_flows(), 0);
}

#[test]
fn reassembly_cap_stops_waiting() {
    let rules = ruleset();
    let config = TrackerConfig {
        max_reassembly: 100,
        ..TrackerConfig::default()
    };
    let mut r = Run::new(&rules, config);
    let mut c = r.connect(43000, 443);
    let long = "a".repeat(200) + ".example.com";
    let hello = client_hello(long.as_bytes());
    let mut last = None;
    for part in hello.chunks(60) {
        last = Some(r.feed(&c.data(true, part)));
    }
    let o = last.unwrap();
    assert_eq!(o.verdict, Verdict::None);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_state, AppState::CapReached);
    let s = r.t.stats();
    assert_eq!(s.reassembly_cap_reached, 1);
    // The segment that crossed the cap lost its last 20 bytes; later ones
    // are not reassembled at all (the flow stopped waiting).
    assert_eq!(s.reassembly_bytes_dropped, 20);
}

#[test]
fn udp_flow_both_directions() {
    let rules = ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let c = conv(44000, 53);
    let o = r.feed(&c.udp(true, b"\x12\x34query"));
    assert!(o.new_flow);
    assert_eq!(o.alerts, 1);
    assert_eq!(o.verdict, Verdict::None);
    let o2 = r.feed(&c.udp(false, b"\x12\x34answer"));
    assert!(!o2.new_flow);
    assert_eq!(o2.flow, o.flow);
    assert_eq!(o2.stages, [Some(Stage::FlowStart), None]);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert!(f.established);
    assert_eq!((f.packets_to_server, f.packets_to_client), (1, 1));
    assert_eq!(r.sids(), vec![6]);
}

#[test]
fn ipv6_tls_flow() {
    let rules = ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = Conversation::new(
        ("2001:db8::5".parse().unwrap(), 40000),
        ("2001:db8::1".parse().unwrap(), 443),
    );
    for f in c.handshake() {
        r.feed(&f);
    }
    let o = r.feed(&c.data(true, &client_hello(b"bad.example.org")));
    assert_eq!(o.verdict, Verdict::Drop);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert!(f.client.is_ipv6());
    assert_eq!(f.client.port(), 40000);
}

#[test]
fn midstream_flows_get_no_app_layer_unless_enabled() {
    let rules = ruleset();
    for midstream in [false, true] {
        let config = TrackerConfig {
            midstream,
            ..TrackerConfig::default()
        };
        let mut r = Run::new(&rules, config);
        let mut c = conv(45000, 443);
        let o = r.feed(&c.data(true, &client_hello(b"x.example.net")));
        assert_eq!(r.t.stats().midstream_flows, 1);
        let f = r.t.flow(&o.flow.unwrap()).unwrap();
        if midstream {
            assert_eq!(o.verdict, Verdict::Drop);
            assert_eq!(f.app_state, AppState::Requested);
        } else {
            assert_eq!(o.verdict, Verdict::None);
            assert_eq!(f.app_state, AppState::Idle);
        }
    }
}

#[test]
fn garbage_frames_are_skipped_and_counted() {
    let rules = ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let c = conv(46000, 53);
    let good = c.udp(true, b"abc");
    let mut arp = good.clone();
    arp[12] = 0x08;
    arp[13] = 0x06;
    let cases: Vec<Vec<u8>> = vec![
        vec![],
        vec![0xff; 3],
        good[..20].to_vec(),
        good[..good.len() - 2].to_vec(),
        arp,
        (0..=255u8).collect(),
    ];
    for f in &cases {
        for link in [
            LinkType::Ethernet,
            LinkType::RawIp,
            LinkType::LinuxSll,
            LinkType::Null,
        ] {
            let o = r.t.process(f, link, Duration::from_secs(T0), &mut r.alerts);
            assert!(o.skipped.is_some() || o.flow.is_some());
        }
    }
    let s = r.t.stats();
    assert!(s.malformed > 0 && s.not_ip > 0, "{s:?}");
    let o = r.feed(&good);
    assert_eq!(o.skipped, None);
    // Raw IP: the Ethernet frame without its 14-byte header.
    let o2 = r.t.process(
        &good[14..],
        LinkType::RawIp,
        Duration::from_secs(T0),
        &mut r.alerts,
    );
    assert_eq!(o2.flow, o.flow);
    let mut frag = good.clone();
    frag[14 + 6] = 0x20; // IPv4 "more fragments"
    let o3 = r.feed(&frag);
    assert_eq!(o3.skipped, Some(SkipReason::Fragment));
}

#[test]
fn udp_dns_each_request_is_a_query() {
    let rules = dns_ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let c = conv(47000, 53);
    // First request: the flow's first packet and the request in one query
    // (`Query::first_packet`), not established (the server has not
    // answered yet).
    let o = r.feed(&c.udp(true, &dns_request(1, &["www.Google.com"])));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    assert_eq!(o.verdict, Verdict::None);
    // sid 13 (a packet rule) alerts once for the packet; sid 14 needs an
    // established flow.
    assert_eq!(r.sids(), vec![13]);
    assert_eq!(o.alerts, 1);
    let key = o.flow.unwrap();
    let f = r.t.flow(&key).unwrap();
    assert_eq!(f.app_proto, Some(AppProto::Dns));
    assert_eq!(f.app_state, AppState::Requested);
    assert_eq!(f.dns_query.as_deref(), Some(&b"www.Google.com"[..]));
    assert!(!f.established);
    // The answer establishes the flow; it is the server's first packet and
    // its reply in one query (an `AppResponse` with `first_packet`), not an
    // `AppRequest`.
    let o = r.feed(&c.udp(false, b"\x00\x01\x81\x80\x00\x00\x00\x00\x00\x00\x00\x00"));
    assert_eq!(o.stages, [Some(Stage::AppResponse), None]);
    // sid 14 (`alert dns ... (flow:established;)`, no direction) matches the
    // answer: an app-layer rule of an established DNS flow.
    assert_eq!(r.sids(), vec![13, 14]);
    assert_eq!(o.alerts, 1);
    // A second request on the same flow: its own query, now established.
    let o = r.feed(&c.udp(true, &dns_request(2, &["mail.Example.COM"])));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    assert_eq!(o.verdict, Verdict::Pass);
    assert!(o.flow_decided);
    assert_eq!(r.sids(), vec![13, 14]);
    let f = r.t.flow(&key).unwrap();
    assert_eq!(f.decision.rule.unwrap().sid, 11);
    assert!(f.established);
    // The first request's name stays on record.
    assert_eq!(f.dns_query.as_deref(), Some(&b"www.Google.com"[..]));
    assert_eq!(r.t.stats().app_dns, 1);
}

#[test]
fn udp_dns_multi_question_and_malformed() {
    let rules = dns_ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    // The second question decides.
    let c = conv(47001, 53);
    let o = r.feed(&c.udp(true, &dns_request(7, &["a.example.org", "x.evil.test"])));
    assert_eq!(o.verdict, Verdict::Drop);
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    // One query over both questions (`dns.query` is a multi-buffer), also
    // the flow's first packet (`Query::first_packet`), with no separate
    // FlowStart query.
    assert_eq!(r.t.stats().queries, 1);
    assert_eq!(
        r.t.flow(&o.flow.unwrap())
            .unwrap()
            .decision
            .rule
            .unwrap()
            .sid,
        12
    );
    // In decision order: the drop, then the packet rule's alert.
    assert_eq!(r.sids(), vec![12, 13]);
    // A pass matching the second question beats a drop matching the first:
    // one queue for the packet, in decision order (pass before drop).
    let c = conv(47003, 53);
    let o = r.feed(&c.udp(true, &dns_request(10, &["x.evil.test", "a.example.com"])));
    assert_eq!(o.verdict, Verdict::Pass);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.decision.rule.unwrap().sid, 11);
    assert_eq!(f.dns_query.as_deref(), Some(&b"x.evil.test"[..]));
    // The pass ends the packet's inspection: sid 13 is not raised.
    assert_eq!(r.sids(), vec![12, 13]);
    // A root first question: a query with no buffer, later questions not
    // inspected (Suricata's multi-buffer stops there).
    let c = conv(47002, 53);
    let o = r.feed(&c.udp(true, &dns_request(8, &["", "x.evil.test"])));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    assert_eq!(o.verdict, Verdict::None);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_proto, Some(AppProto::Dns));
    assert_eq!(f.dns_query, None);
    // A DNS flow's later datagram that is not a valid request: a query with
    // app protocol DNS and no name.
    r.feed(&c.udp(false, b"\x00\x08\x81\x80\x00\x00\x00\x00\x00\x00\x00\x00"));
    let mut bad = dns_request(9, &["x.evil.test"]);
    bad.truncate(bad.len() - 2);
    let o = r.feed(&c.udp(true, &bad));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    assert_eq!(o.verdict, Verdict::None);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_state, AppState::Malformed);
    // sid 14 (alert dns, flow:established) matched that query.
    assert_eq!(r.sids().last(), Some(&14));
}

#[test]
fn udp_not_dns_or_not_port_53_is_not_inspected() {
    let rules = dns_ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    // Port 53 but not DNS: detection fails once for the flow; a valid
    // request later on the same flow is not inspected either.
    let c = conv(47010, 53);
    let o = r.feed(&c.udp(true, b"ping"));
    assert_eq!(o.stages, [Some(Stage::FlowStart), None]);
    let o = r.feed(&c.udp(true, &dns_request(1, &["x.evil.test"])));
    assert_eq!(o.stages, [None, None]);
    assert_eq!(o.verdict, Verdict::None);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_proto, None);
    assert_eq!(f.app_state, AppState::Idle);
    // A DNS request to another port: no DNS detection (default
    // detection-ports: dp 53).
    let c = conv(47011, 5353);
    let o = r.feed(&c.udp(true, &dns_request(1, &["x.evil.test"])));
    assert_eq!(o.stages, [Some(Stage::FlowStart), None]);
    assert_eq!(r.t.flow(&o.flow.unwrap()).unwrap().app_proto, None);
    // A response as the client's first datagram: not modelled.
    let c = conv(47012, 53);
    let mut resp = dns_request(1, &["x.evil.test"]);
    resp[2] |= 0x80;
    let o = r.feed(&c.udp(true, &resp));
    assert_eq!(r.t.flow(&o.flow.unwrap()).unwrap().app_proto, None);
    assert_eq!(r.t.stats().app_dns, 0);
}

#[test]
fn tcp_dns_request_split_across_segments() {
    let rules = dns_ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = r.connect(47020, 53);
    let msg = dns_request(0x1c5e, &["cdn.Example.com"]);
    let mut stream = (msg.len() as u16).to_be_bytes().to_vec();
    stream.extend_from_slice(&msg);
    // The length prefix alone, then the rest in two parts.
    let o = r.feed(&c.data(true, &stream[..1]));
    assert_eq!(o.stages, [None, None]);
    let o = r.feed(&c.data(true, &stream[1..9]));
    assert_eq!(o.stages, [None, None]);
    let key = o.flow.unwrap();
    assert_eq!(r.t.flow(&key).unwrap().app_state, AppState::Pending);
    let o = r.feed(&c.data(true, &stream[9..]));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    assert_eq!(o.verdict, Verdict::Pass);
    let f = r.t.flow(&key).unwrap();
    assert_eq!(f.app_proto, Some(AppProto::Dns));
    assert_eq!(f.dns_query.as_deref(), Some(&b"cdn.Example.com"[..]));
    assert!(f.established);
}

#[test]
fn tcp_dns_malformed_and_other_ports() {
    let rules = dns_ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    // A valid header, then a broken question. Detected from the header
    // alone (the first segment): DNS, then malformed, the query made with no
    // app protocol (Suricata's parser errors out).
    let mut msg = dns_request(1, &["x.evil.test"]);
    msg[12] = 0x80;
    let mut stream = (msg.len() as u16).to_be_bytes().to_vec();
    stream.extend_from_slice(&msg);
    let mut c = r.connect(47030, 53);
    let o = r.feed(&c.data(true, &stream[..16]));
    // Detected, the message not complete: the segment is inspected with
    // no buffer (`AppPartial`).
    assert_eq!(o.stages, [Some(Stage::AppPartial), None]);
    let o = r.feed(&c.data(true, &stream[16..]));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    assert_eq!(o.verdict, Verdict::None);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_state, AppState::Malformed);
    assert_eq!(f.app_proto, Some(AppProto::Dns));
    assert_eq!(r.t.stats().app_malformed, 1);
    // The whole message in the first segment: the probe parses it all and
    // fails, so no app protocol (Suricata: detection failed).
    let mut c = r.connect(47032, 53);
    let o = r.feed(&c.data(true, &stream));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_state, AppState::Requested);
    assert_eq!(f.app_proto, Some(AppProto::Other));
    // The same valid request to port 5353 over TCP: no app protocol.
    let mut c = r.connect(47031, 5353);
    let msg = dns_request(1, &["x.evil.test"]);
    let mut stream = (msg.len() as u16).to_be_bytes().to_vec();
    stream.extend_from_slice(&msg);
    let o = r.feed(&c.data(true, &stream));
    assert_eq!(o.verdict, Verdict::None);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_proto, Some(AppProto::Other));
}

const QDCID: &[u8] = &[1, 2, 3, 4, 5, 6, 7, 8];

/// A client Initial (QUIC v1) carrying a CRYPTO frame.
fn quic_initial(pn: u32, offset: u64, data: &[u8]) -> Vec<u8> {
    let mut p = build::initial(1, QDCID, pn, &build::crypto(offset, data)).unwrap();
    // Clients pad their Initial datagrams to 1200 bytes.
    p.resize(p.len().max(1200), 0);
    p
}

#[test]
fn quic_hello_in_one_datagram_is_one_packet() {
    let rules = quic_ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let c = conv(51000, 443);
    let hello = build::client_hello(b"www.example.com", 0);
    let o = r.feed(&c.udp(true, &quic_initial(0, 0, &hello)));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    assert_eq!(o.verdict, Verdict::Pass);
    // One packet, one queue (SEMANTICS §4.3): the pass (sid 31) ends its
    // processing before the packet rule sid 33, which is neither applied
    // nor logged; sid 34 needs an established flow.
    assert_eq!(r.sids(), Vec::<u32>::new());
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_proto, Some(AppProto::Quic));
    assert_eq!(f.app_state, AppState::Requested);
    assert_eq!(f.quic_sni.as_deref(), Some(&b"www.example.com"[..]));
    assert_eq!(f.decision.rule.unwrap().sid, 31);
    assert!(!f.established);
    assert_eq!(r.t.stats().app_quic, 1);
}

#[test]
fn quic_hello_across_datagrams_decides_on_the_last() {
    let rules = quic_ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let c = conv(51001, 443);
    let hello = build::client_hello(b"x.evil.test", 1500);
    let (a, b) = hello.split_at(900);
    // The second half first: held until the first arrives.
    let o = r.feed(&c.udp(true, &quic_initial(1, 900, b)));
    // Detected, the ClientHello not complete: Suricata's transaction of
    // this Initial is inspected without `quic.sni`, in one queue with the
    // flow start (`AppPartial`, first packet); the packet rule sid 33
    // alerts.
    assert_eq!(o.stages, [Some(Stage::AppPartial), None]);
    assert_eq!(r.sids(), [33]);
    let key = o.flow.unwrap();
    assert_eq!(r.t.flow(&key).unwrap().app_state, AppState::Pending);
    // The server answers (an ACK-only datagram): established from now on;
    // QUIC was detected, so its first datagram is one packet with its app
    // layer.
    let o = r.feed(&c.udp(false, &[0x40; 30]));
    assert_eq!(o.stages, [Some(Stage::AppResponse), None]);
    let o = r.feed(&c.udp(true, &quic_initial(0, 0, a)));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    assert_eq!(o.verdict, Verdict::Drop);
    assert!(o.flow_decided);
    let f = r.t.flow(&key).unwrap();
    assert_eq!(f.quic_sni.as_deref(), Some(&b"x.evil.test"[..]));
    assert_eq!(f.decision.rule.unwrap().sid, 32);
    assert!(f.established);
    // sid 34 (established) alerted with the drop.
    assert!(r.sids().contains(&34));
}

#[test]
fn quic_detection_ports_and_unsupported_versions() {
    let rules = quic_ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let hello = build::client_hello(b"www.example.com", 0);
    // Another port: not QUIC (default ports 443, 80).
    let c = conv(51002, 4433);
    let o = r.feed(&c.udp(true, &quic_initial(0, 0, &hello)));
    assert_eq!(o.stages, [Some(Stage::FlowStart), None]);
    assert_eq!(r.t.flow(&o.flow.unwrap()).unwrap().app_proto, None);
    // Port 443 but not a QUIC header: not QUIC, never inspected later.
    let c = conv(51003, 443);
    let o = r.feed(&c.udp(true, b"\xc0\x00"));
    assert_eq!(r.t.flow(&o.flow.unwrap()).unwrap().app_proto, None);
    let o = r.feed(&c.udp(true, &quic_initial(0, 0, &hello)));
    assert_eq!(o.stages, [None, None]);
    // QUIC v2 (Suricata 8 does not decrypt it): an AppRequest without
    // quic.sni at once.
    let c = conv(51004, 80);
    let mut v2 = vec![0xd0, 0x6b, 0x33, 0x43, 0xcf, 8];
    v2.extend_from_slice(QDCID);
    v2.extend_from_slice(&[0, 0, 0x41, 0x00]);
    v2.resize(1200, 0x55);
    let o = r.feed(&c.udp(true, &v2));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    assert_eq!(o.verdict, Verdict::None);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.app_proto, Some(AppProto::Quic));
    assert_eq!(f.quic_sni, None);
    assert_eq!(f.app_state, AppState::Requested);
    assert_eq!(r.t.stats().app_quic, 1);
}

#[test]
fn the_servers_packets_after_the_handshake_are_inspected() {
    let rules = server_reply_ruleset();
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = conv(40100, 443);
    let [syn, syn_ack, ack] = c.handshake();
    assert_eq!(r.feed(&syn).stages, [Some(Stage::FlowStart), None]);
    // The SYN-ACK is the server's first packet: not established, so sid 22
    // does not match it.
    assert_eq!(r.feed(&syn_ack).stages, [Some(Stage::FlowStart), None]);
    r.feed(&ack);
    let o = r.feed(&c.data(true, &client_hello(b"www.example.com")));
    assert_eq!(o.stages, [Some(Stage::AppRequest), None]);
    assert_eq!(o.verdict, Verdict::None);
    assert!(r.sids().is_empty());
    // The server's reply: both rules match it; the drop decides the flow
    // there, and the alert after it is still raised (action order).
    let o = r.feed(&c.data(false, b"\x16\x03\x03\x00\x04\x02\x00\x00\x00"));
    assert_eq!(o.stages, [Some(Stage::AppResponse), None]);
    assert_eq!(o.verdict, Verdict::Drop);
    assert!(o.flow_decided);
    assert_eq!(r.sids(), vec![21, 22]);
    let f = r.t.flow(&o.flow.unwrap()).unwrap();
    assert_eq!(f.decision.stage, Some(Stage::AppResponse));
    assert_eq!(f.decision.rule.unwrap().sid, 21);

    // A server that speaks first (a banner before any request): no app
    // protocol yet, so only the packet rule matches.
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = r.connect(40101, 443);
    let o = r.feed(&c.data(false, b"220 banner\r\n"));
    assert_eq!(o.stages, [Some(Stage::AppResponse), None]);
    assert_eq!(o.verdict, Verdict::None);
    assert_eq!(r.sids(), vec![22]);
    // HTTP: the response's header names are inspected on the server's
    // reply (sid 23 has no direction).
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = r.connect(40102, 80);
    r.feed(&c.data(true, b"GET / HTTP/1.1\r\nHost: a.com\r\n\r\n"));
    assert!(r.sids().is_empty());
    let o = r.feed(&c.data(false, b"HTTP/1.1 200 OK\r\nServer: x\r\n\r\n"));
    assert_eq!(o.stages, [Some(Stage::AppResponse), None]);
    assert_eq!(r.sids(), vec![23]);
    // An interim 100 in one packet, the final head in the next: the names
    // are the final head's (the 100's Server header is not among them).
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = r.connect(40104, 80);
    r.feed(&c.data(
        true,
        b"POST / HTTP/1.1\r\nHost: a.com\r\nExpect: 100-continue\r\n\r\n",
    ));
    r.feed(&c.data(false, b"HTTP/1.1 100 Continue\r\nServer: i\r\n\r\n"));
    assert!(r.sids().is_empty());
    r.feed(&c.data(false, b"HTTP/1.1 200 OK\r\nServer: x\r\n\r\n"));
    assert_eq!(r.sids(), vec![23]);
    // Server data that is not a response head ends the looking: a head in
    // a later packet (a second response) is not read.
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = r.connect(40105, 80);
    r.feed(&c.data(true, b"GET / HTTP/1.1\r\nHost: a.com\r\n\r\n"));
    r.feed(&c.data(false, b"HTTP/1.1 200 OK\r\nContent-"));
    r.feed(&c.data(false, b"HTTP/1.1 200 OK\r\nServer: x\r\n\r\n"));
    assert!(r.sids().is_empty());
    let mut r = Run::new(&rules, TrackerConfig::default());
    let mut c = r.connect(40103, 443);
    // A pure ACK from the server carries no reply: no query.
    let before = r.t.stats().queries;
    let ack = Flags {
        ack: true,
        ..Flags::default()
    };
    r.feed(&c.tcp(false, ack, b""));
    assert_eq!(r.t.stats().queries, before);
}
