//! The body of the `pcap_replay` fuzz target, shared with the test that
//! replays its corpus (`tests/fuzz_corpus.rs`), and the small fixed rule set
//! and frame builders the tracker's examples, tests and benches use.

use super::pcap::Capture;
use super::{FlowTracker, LinkType, TrackerConfig};
use crate::inspect::{ContentTest, Test};
use crate::table::{AddrSet, AppMask, BufferId, CondSpec, PortSet, ProtoPred, RuleSpec, StageKind};
use crate::{AllAlerts, AppProto, FlowDirection, RuleAction, RuleRef, Ruleset, Verdict};
use std::time::Duration;

fn spec(sid: u32, action: RuleAction, proto: ProtoPred, stage: StageKind) -> RuleSpec {
    RuleSpec {
        rule: RuleRef {
            gid: 1,
            sid,
            rev: 1,
            action,
            group: 0,
        },
        stage,
        flow_scoped: true,
        raises_alert: action != RuleAction::Pass,
        proto,
        app_proto: None,
        src: AddrSet {
            v4: Box::new([(0, u32::MAX)]),
            v6: Box::new([(0, u128::MAX)]),
        },
        src_ports: PortSet(Box::new([(0, u16::MAX)])),
        dst: AddrSet {
            v4: Box::new([(0, u32::MAX)]),
            v6: Box::new([(0, u128::MAX)]),
        },
        dst_ports: PortSet(Box::new([(0, u16::MAX)])),
        bidirectional: false,
        direction: None,
        established: None,
        stream: None,
        only_frag: false,
        ip_proto: None,
        ssl_state: Box::new([]),
        app_layer_protocol: None,
        conditions: Box::new([]),
    }
}

/// `content:"<pattern>"` on `buffer`, with `nocase; endswith;` when `name`.
fn content(buffer: BufferId, pattern: &[u8], name: bool) -> CondSpec {
    CondSpec {
        buffer,
        transforms: Box::new([]),
        tests: Box::new([Test::Content(ContentTest {
            pattern: pattern.into(),
            negated: false,
            nocase: name,
            startswith: false,
            endswith: name,
            offset: None,
            depth: None,
            distance: None,
            within: None,
        })]),
    }
}

/// A name ending in `name`: `content:"<name>"; nocase; endswith;`.
fn ends_with(buffer: BufferId, name: &str) -> CondSpec {
    content(buffer, name.as_bytes(), true)
}

/// `content:"<pattern>"; startswith;` on `buffer`.
fn starts_with(buffer: BufferId, pattern: &[u8]) -> CondSpec {
    let mut c = content(buffer, pattern, false);
    if let Some(Test::Content(t)) = c.tests.first_mut() {
        t.startswith = true;
    }
    c
}

/// AWS's TLS catch-all: `drop tls any any -> any any (ssl_state:client_hello;
/// flow:to_server,established; sid:4;)`, flow-scoped (a tx rule), so not
/// matched by the segments of a ClientHello before it completes.
fn client_hello_catch_all() -> RuleSpec {
    let mut r = app_rule(4, RuleAction::Drop, AppProto::Tls, None);
    // Holds on a ClientHello, not on a ServerHello or neither.
    r.ssl_state = Box::new([[true, false, false]]);
    r
}

fn app_rule(sid: u32, action: RuleAction, app: AppProto, cond: Option<CondSpec>) -> RuleSpec {
    let mut r = spec(sid, action, ProtoPred::Tcp, StageKind::AppLayer);
    r.app_proto = Some(AppMask(AppMask::bit(app)));
    r.direction = Some(FlowDirection::ToServer);
    r.established = Some(true);
    r.conditions = cond.into_iter().collect();
    r
}

/// A small fixed rule set, in decision order (what the compiler would make
/// of these rules in Suricata's action order):
///
/// ```text
/// pass tls any any -> any any (tls.sni; content:"example.com"; nocase; endswith; flow:to_server,established; sid:1;)
/// pass http any any -> any any (http.host; content:"example.com"; endswith; flow:to_server,established; sid:2;)
/// drop tcp any any -> any 23 (sid:3;)
/// drop tls any any -> any any (ssl_state:client_hello; flow:to_server,established; sid:4;)
/// reject http any any -> any any (http.header_names; content:"|0d 0a|"; startswith; flow:to_server,established; sid:5;)
/// alert udp any any -> any 53 (sid:6;)
/// ```
pub fn ruleset() -> Ruleset {
    let mut telnet = spec(
        3,
        RuleAction::Drop,
        ProtoPred::Tcp,
        StageKind::FlowStartOnly,
    );
    telnet.dst_ports = PortSet(Box::new([(23, 23)]));
    let mut dns = spec(
        6,
        RuleAction::Alert,
        ProtoPred::Udp,
        StageKind::FlowStartOnly,
    );
    dns.dst_ports = PortSet(Box::new([(53, 53)]));
    let specs = vec![
        app_rule(
            1,
            RuleAction::Pass,
            AppProto::Tls,
            Some(ends_with(BufferId::TlsSni, "example.com")),
        ),
        app_rule(
            2,
            RuleAction::Pass,
            AppProto::Http1,
            Some(ends_with(BufferId::HttpHost, "example.com")),
        ),
        telnet,
        client_hello_catch_all(),
        app_rule(
            5,
            RuleAction::Reject,
            AppProto::Http1,
            Some(starts_with(BufferId::HttpHeaderNames, b"\r\n")),
        ),
        dns,
    ];
    Ruleset::new(specs).unwrap_or_else(|_| Ruleset::empty())
}

/// A TLS 1.2 ClientHello record with `sni` as its only extension (no SNI
/// extension when `sni` is empty).
pub fn client_hello(sni: &[u8]) -> Vec<u8> {
    use crate::extract::tls::{client_hello_message, sni_extension};
    let ext = if sni.is_empty() {
        Vec::new()
    } else {
        sni_extension(sni)
    };
    let hs = client_hello_message(&ext);
    let mut rec = vec![0x16, 0x03, 0x01];
    rec.extend_from_slice(&(hs.len() as u16).to_be_bytes());
    rec.extend_from_slice(&hs);
    rec
}

/// Builds Ethernet frames of one TCP or UDP conversation between a client and
/// a server (IPv4 or IPv6), tracking sequence numbers.
#[derive(Debug, Clone)]
pub struct Conversation {
    client: (std::net::IpAddr, u16),
    server: (std::net::IpAddr, u16),
    /// Next client sequence number.
    pub client_seq: u32,
    /// Next server sequence number.
    pub server_seq: u32,
}

/// TCP flags of a crafted segment.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    /// SYN
    pub syn: bool,
    /// ACK
    pub ack: bool,
    /// FIN
    pub fin: bool,
    /// RST
    pub rst: bool,
}

impl Conversation {
    /// A conversation between `client` and `server` (same address family).
    pub fn new(client: (std::net::IpAddr, u16), server: (std::net::IpAddr, u16)) -> Self {
        Conversation {
            client,
            server,
            client_seq: 1000,
            server_seq: 5000,
        }
    }

    fn base(&self, to_server: bool) -> etherparse::PacketBuilderStep<etherparse::IpHeaders> {
        let (s, d) = if to_server {
            (self.client, self.server)
        } else {
            (self.server, self.client)
        };
        let eth = etherparse::PacketBuilder::ethernet2([2, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 2]);
        match (s.0, d.0) {
            (std::net::IpAddr::V4(a), std::net::IpAddr::V4(b)) => {
                eth.ipv4(a.octets(), b.octets(), 64)
            }
            (a, b) => {
                let v6 = |ip: std::net::IpAddr| match ip {
                    std::net::IpAddr::V6(x) => x.octets(),
                    std::net::IpAddr::V4(x) => x.to_ipv6_mapped().octets(),
                };
                eth.ipv6(v6(a), v6(b), 64)
            }
        }
    }

    /// A TCP segment at an explicit sequence number (does not advance the
    /// counters).
    pub fn tcp_at(&self, to_server: bool, seq: u32, flags: Flags, payload: &[u8]) -> Vec<u8> {
        let (sp, dp, ack) = if to_server {
            (self.client.1, self.server.1, self.server_seq)
        } else {
            (self.server.1, self.client.1, self.client_seq)
        };
        let mut b = self.base(to_server).tcp(sp, dp, seq, 64240);
        if flags.syn {
            b = b.syn();
        }
        if flags.ack {
            b = b.ack(ack);
        }
        if flags.fin {
            b = b.fin();
        }
        if flags.rst {
            b = b.rst();
        }
        let mut v = Vec::with_capacity(b.size(payload.len()));
        let _ = b.write(&mut v, payload);
        v
    }

    /// The next TCP segment in a direction (advances that side's sequence
    /// number by the payload, plus one for SYN / FIN).
    pub fn tcp(&mut self, to_server: bool, flags: Flags, payload: &[u8]) -> Vec<u8> {
        let seq = if to_server {
            self.client_seq
        } else {
            self.server_seq
        };
        let v = self.tcp_at(to_server, seq, flags, payload);
        let adv = (payload.len() as u32).wrapping_add(u32::from(flags.syn) + u32::from(flags.fin));
        if to_server {
            self.client_seq = self.client_seq.wrapping_add(adv);
        } else {
            self.server_seq = self.server_seq.wrapping_add(adv);
        }
        v
    }

    /// SYN, SYN-ACK, ACK.
    pub fn handshake(&mut self) -> [Vec<u8>; 3] {
        let syn = self.tcp(
            true,
            Flags {
                syn: true,
                ..Flags::default()
            },
            &[],
        );
        let syn_ack = self.tcp(
            false,
            Flags {
                syn: true,
                ack: true,
                ..Flags::default()
            },
            &[],
        );
        let ack = self.data(true, &[]);
        [syn, syn_ack, ack]
    }

    /// An ACK segment with `payload`.
    pub fn data(&mut self, to_server: bool, payload: &[u8]) -> Vec<u8> {
        self.tcp(
            to_server,
            Flags {
                ack: true,
                ..Flags::default()
            },
            payload,
        )
    }

    /// An ACK segment with `payload` at an explicit sequence number (out of
    /// order, a retransmission; does not advance the counters).
    pub fn data_at(&self, to_server: bool, seq: u32, payload: &[u8]) -> Vec<u8> {
        self.tcp_at(
            to_server,
            seq,
            Flags {
                ack: true,
                ..Flags::default()
            },
            payload,
        )
    }

    /// A UDP datagram.
    pub fn udp(&self, to_server: bool, payload: &[u8]) -> Vec<u8> {
        let (sp, dp) = if to_server {
            (self.client.1, self.server.1)
        } else {
            (self.server.1, self.client.1)
        };
        let b = self.base(to_server).udp(sp, dp);
        let mut v = Vec::with_capacity(b.size(payload.len()));
        let _ = b.write(&mut v, payload);
        v
    }
}

/// A small fixed DNS rule set, in decision order:
///
/// ```text
/// pass dns any any -> any any (dns.query; content:"example.com"; nocase; endswith; sid:11;)
/// drop dns any any -> any any (dns.query; content:"evil.test"; nocase; endswith; sid:12;)
/// alert udp any any -> any 53 (flow:to_server; sid:13;)   # a packet rule
/// alert dns any any -> any any (flow:established; sid:14;)
/// ```
pub fn dns_ruleset() -> Ruleset {
    app_ruleset(AppProto::Dns, BufferId::DnsQuery, 53, 10)
}

/// The older AWS catch-alls, packet rules without an app-layer keyword,
/// behind the name passes, in decision order:
///
/// ```text
/// pass tls any any -> any any (tls.sni; content:"example.com"; nocase; endswith; flow:to_server,established; sid:41;)
/// pass http any any -> any any (http.host; content:"example.com"; nocase; endswith; flow:to_server,established; sid:42;)
/// drop tls any any -> any any (flow:to_server,established; sid:43;)   # a packet rule
/// drop http any any -> any any (flow:to_server,established; sid:44;)  # a packet rule
/// drop http any any -> any 8080 (flow:to_server; sid:45;)  # app-layer (direction only): flow-scoped
/// ```
pub fn older_catch_all_ruleset() -> Ruleset {
    let packet = |sid, app| {
        let mut r = app_rule(sid, RuleAction::Drop, app, None);
        r.stage = StageKind::Every;
        r.flow_scoped = false;
        r
    };
    let mut flow_drop = spec(45, RuleAction::Drop, ProtoPred::Tcp, StageKind::AppLayer);
    flow_drop.app_proto = Some(AppMask(AppMask::bit(AppProto::Http1)));
    flow_drop.direction = Some(FlowDirection::ToServer);
    flow_drop.dst_ports = PortSet(Box::new([(8080, 8080)]));
    let specs = vec![
        app_rule(
            41,
            RuleAction::Pass,
            AppProto::Tls,
            Some(ends_with(BufferId::TlsSni, "example.com")),
        ),
        app_rule(
            42,
            RuleAction::Pass,
            AppProto::Http1,
            Some(ends_with(BufferId::HttpHost, "example.com")),
        ),
        packet(43, AppProto::Tls),
        packet(44, AppProto::Http1),
        flow_drop,
    ];
    Ruleset::new(specs).unwrap_or_else(|_| Ruleset::empty())
}

/// Rules that only the server's packets match, in decision order:
///
/// ```text
/// drop tls any any -> any any (flow:to_client; sid:21;)                # app-layer: flow-scoped
/// alert tcp any 443 -> any any (flow:established,to_client; sid:22;)  # a packet rule
/// alert http any any -> any any (http.header_names; content:"|0d 0a|Server|0d 0a|"; sid:23;)
/// ```
pub fn server_reply_ruleset() -> Ruleset {
    let mut tls = spec(21, RuleAction::Drop, ProtoPred::Tcp, StageKind::AppLayer);
    tls.app_proto = Some(AppMask(AppMask::bit(AppProto::Tls)));
    tls.direction = Some(FlowDirection::ToClient);
    let mut banner = spec(22, RuleAction::Alert, ProtoPred::Tcp, StageKind::Every);
    banner.flow_scoped = false;
    banner.src_ports = PortSet(Box::new([(443, 443)]));
    banner.direction = Some(FlowDirection::ToClient);
    banner.established = Some(true);
    let mut server = spec(23, RuleAction::Alert, ProtoPred::Tcp, StageKind::AppLayer);
    server.app_proto = Some(AppMask(AppMask::bit(AppProto::Http1)));
    server.conditions = Box::new([content(BufferId::HttpHeaderNames, b"\r\nServer\r\n", false)]);
    Ruleset::new(vec![tls, banner, server]).expect("builds")
}

/// A QUIC ruleset: pass `quic.sni` ending in `example.com` (sid 31), drop
/// `quic.sni` ending in `evil.test` (sid 32), alert on every client UDP
/// packet to port 443 (packet rule, sid 33), alert on established QUIC
/// requests (sid 34).
pub fn quic_ruleset() -> Ruleset {
    app_ruleset(AppProto::Quic, BufferId::QuicSni, 443, 30)
}

/// The rule set of [`dns_ruleset`] and [`quic_ruleset`] for app protocol
/// `app`, its buffer and UDP port, with sids `base + 1` to `base + 4`.
fn app_ruleset(app: AppProto, buffer: BufferId, port: u16, base: u32) -> Ruleset {
    let mask = AppMask(AppMask::bit(app));
    let rule = |sid, action, cond: Option<CondSpec>| {
        let mut r = spec(sid, action, ProtoPred::App(mask), StageKind::AppLayer);
        r.app_proto = Some(mask);
        r.direction = Some(FlowDirection::ToServer);
        r.conditions = cond.into_iter().collect();
        r
    };
    let mut pkt = spec(
        base + 3,
        RuleAction::Alert,
        ProtoPred::Udp,
        StageKind::Every,
    );
    pkt.flow_scoped = false;
    pkt.direction = Some(FlowDirection::ToServer);
    pkt.dst_ports = PortSet(Box::new([(port, port)]));
    let mut est = rule(base + 4, RuleAction::Alert, None);
    est.direction = None;
    est.established = Some(true);
    let specs = vec![
        rule(
            base + 1,
            RuleAction::Pass,
            Some(ends_with(buffer, "example.com")),
        ),
        rule(
            base + 2,
            RuleAction::Drop,
            Some(ends_with(buffer, "evil.test")),
        ),
        pkt,
        est,
    ];
    Ruleset::new(specs).unwrap_or_else(|_| Ruleset::empty())
}

/// A DNS request (id `id`, recursion desired) with one question per name
/// (`.`-separated, uncompressed, type A, class IN).
pub fn dns_request(id: u16, names: &[&str]) -> Vec<u8> {
    let mut m = id.to_be_bytes().to_vec();
    m.extend_from_slice(&[0x01, 0x00]);
    m.extend_from_slice(&(names.len() as u16).to_be_bytes());
    m.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    for n in names {
        for label in n.split('.').filter(|l| !l.is_empty()) {
            m.push(label.len() as u8);
            m.extend_from_slice(label.as_bytes());
        }
        m.extend_from_slice(&[0, 0, 1, 0, 1]);
    }
    m
}

/// The SYN, SYN-ACK, ACK and ClientHello (with `sni`) frames of a TLS flow
/// from 10.0.0.5:40000 to 93.184.216.34:443.
pub fn example_tls_flow(sni: &str) -> [Vec<u8>; 4] {
    let mut c = Conversation::new(
        ("10.0.0.5".parse().unwrap_or([10, 0, 0, 5].into()), 40000),
        (
            "93.184.216.34".parse().unwrap_or([93, 184, 216, 34].into()),
            443,
        ),
    );
    let [syn, syn_ack, ack] = c.handshake();
    let hello = c.data(true, &client_hello(sni.as_bytes()));
    [syn, syn_ack, ack, hello]
}

/// `pcap_replay` target: the first byte picks how the rest is read: even, as
/// a capture file (pcap / pcapng); odd, as a sequence of frames, each a
/// 2-byte big-endian length, a link-type selector byte, and the frame. The
/// frames go through a tracker with small limits (4 flows, 512 reassembly
/// bytes, 2 s idle timeout, 8 queued records; midstream pickup when bit 1 of
/// the first byte is set) and the fixed [`ruleset`] (bit 2 clear) or
/// [`dns_ruleset`] (bit 2 set). Checks: no panic, the limits hold, a rule
/// alerts at most once per packet, a decided flow keeps its verdict, every
/// flow created is eventually ended (queued or counted as discarded).
pub fn pcap_replay(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let rules = if mode & 4 == 0 {
        ruleset()
    } else {
        dns_ruleset()
    };
    let config = TrackerConfig {
        max_flows: 4,
        idle_timeout: Duration::from_secs(2),
        max_reassembly: 512,
        midstream: mode & 2 != 0,
        max_ended: 8,
        http_host: if mode & 8 == 0 {
            crate::extract::http::HostRule::Suricata8
        } else {
            crate::extract::http::HostRule::Suricata7
        },
    };
    let mut t = FlowTracker::new(&rules, config);
    let mut ended = 0u64;
    let mut feed = |t: &mut FlowTracker<'_>, frame: &[u8], link: LinkType, ts: Duration| {
        let mut alerts = AllAlerts::default();
        let before = t.stats().alerts;
        let out = t.process(frame, link, ts, &mut alerts);
        assert!(t.active_flows() <= 4);
        assert_eq!(out.flow.is_some(), out.skipped.is_none());
        assert_eq!(
            u64::from(out.alerts),
            (alerts.rules.len() + alerts.defaults.len()) as u64
        );
        assert_eq!(t.stats().alerts - before, u64::from(out.alerts));
        // A rule alerts at most once per packet.
        let mut sids: Vec<RuleRef> = alerts.rules.clone();
        sids.sort();
        sids.dedup();
        assert_eq!(sids.len(), alerts.rules.len());
        if let Some(k) = out.flow {
            let f = t.flow(&k).expect("flow of a tracked packet");
            if f.decision.verdict != Verdict::None {
                assert_eq!(out.verdict, f.decision.verdict);
            }
        }
        ended += t.drain_ended().count() as u64;
    };
    if mode & 1 == 0 {
        let Ok(cap) = Capture::new(rest) else {
            return;
        };
        for frame in cap {
            let Ok(frame) = frame else { break };
            let Ok(link) = frame.link else { continue };
            feed(&mut t, frame.data, link, frame.ts);
        }
    } else {
        let mut rest = rest;
        let mut ts = Duration::from_secs(1_000);
        while rest.len() >= 3 {
            let len = usize::from(u16::from_be_bytes([rest[0], rest[1]]));
            let link = match rest[2] % 4 {
                0 => LinkType::Ethernet,
                1 => LinkType::RawIp,
                2 => LinkType::LinuxSll,
                _ => LinkType::Null,
            };
            // The selector's high bits advance the clock (idle timeouts).
            ts += Duration::from_millis(u64::from(rest[2] >> 2) * 100);
            let body = &rest[3..];
            let frame = &body[..len.min(body.len())];
            feed(&mut t, frame, link, ts);
            rest = &body[frame.len()..];
        }
    }
    t.finish();
    ended += t.drain_ended().count() as u64;
    let s = *t.stats();
    assert_eq!(s.flows, ended + s.records_discarded);
    assert_eq!(
        s.packets,
        s.packets_pass + s.packets_drop + s.packets_none + s.malformed + s.not_ip + s.fragments
    );
}
