//! A flow tracker for embedders: packets in, per-packet and per-flow verdicts
//! out, with bounded memory.
//!
//! [`FlowTracker::process`] takes one frame (Ethernet, raw IP, Linux SLL or
//! BSD loopback, see [`LinkType`]) and its capture timestamp, finds or creates
//! the frame's flow (IPv4/IPv6; TCP, UDP, ICMP and other IP protocols by
//! 5-tuple, the **client** being the first packet's sender — or the receiver
//! of a first SYN-ACK), and decides the flow with the [`Ruleset`] at the
//! stages of SPEC §4 and the server's reply, with exactly the queries the
//! decide conformance test
//! (`compiler/tests/decide_conformance.rs`) presents for a flow:
//!
//! 1. `FlowStart` to_server on the client's first packet (not established);
//! 2. `FlowStart` to_client on the server's first packet (established for UDP
//!    and the other non-TCP protocols, not for a TCP SYN-ACK), except a UDP
//!    reply to a detected DNS/QUIC request, which is an `AppResponse` (6.);
//! 3. TCP, after the handshake: the client's payload is reassembled in
//!    order (module `stream`: first copy of a byte wins, out-of-order segments
//!    held until the hole fills, nothing past [`TrackerConfig::max_reassembly`]);
//!    its first bytes select TLS (a record header), HTTP/1 (a method and a
//!    space), DNS (server port 53 and Suricata's DNS probe, see `app.rs`) or
//!    no app protocol; as soon as [`crate::extract`] says the ClientHello,
//!    request head or first DNS message is complete — or at once for a stream
//!    that is none of these — the packet that completed it carries the
//!    `AppRequest` query (established, to_server) with `tls.sni`, or
//!    `http.host`, `http.host.raw`, `http.header_names`, or `dns.query`;
//!    each client packet with data before that, once the first bytes tell
//!    the protocol (TLS: `16 03 0x`; HTTP/1: a method and a space, any case;
//!    DNS: its probe), carries an `AppPartial` query (established,
//!    to_server, that app protocol, no buffer): Suricata detects the
//!    protocol as soon as it can, parses the app layer before inspecting
//!    the packet, and inspects every packet of an undecided flow, so a rule
//!    that needs no buffer (the older AWS catch-all `drop tls … (flow:
//!    to_server, established;)`) matches a split ClientHello's first
//!    segments (SEMANTICS §9);
//! 4. UDP DNS: the client's first datagram with a payload is probed as
//!    Suricata does by default (`app-layer.protocols.dns.udp.detection-ports:
//!    dp: 53`: server port 53, then `probe_udp` of `rust/src/dns/dns.rs`:
//!    header valid, questions and answers parse); in a flow detected as DNS
//!    **every** client datagram makes an `AppRequest` query (to_server, app
//!    protocol DNS, `established` only once the server has answered — UDP is
//!    established when both directions were seen, SEMANTICS §2.2, so the
//!    first request is not), with `dns.query` when it is a valid request.
//!    A datagram that is both the flow's first and a request is one packet
//!    in Suricata, which parses a UDP payload before detection: its
//!    `AppRequest` query is a [`Query::first_packet`] one, which inspects the
//!    IP-only rules too, all in decision order (SEMANTICS §4.3), in place of
//!    a separate `FlowStart` query; a first datagram that is no request
//!    gets the `FlowStart` query alone.
//! 5. UDP QUIC: a flow whose server (or client) port is 443 or 80 and whose
//!    client's first datagram with a payload passes Suricata's QUIC probe
//!    (`quic_probing_parser` of `rust/src/quic/quic.rs`, registered on its
//!    default ports `[443,80]` since the default `suricata.yaml` gives QUIC
//!    no `detection-ports`; the packet header parses) is QUIC, unless it was
//!    detected as DNS. Its client datagrams are fed to
//!    [`crate::extract::quic`] (the server's too, for a Retry); the datagram
//!    that makes the answer final — the ClientHello complete, or a version
//!    Suricata does not decrypt — carries the `AppRequest` query (to_server,
//!    app protocol QUIC, `quic.sni` when found, `established` once the
//!    server has sent something). Each client datagram before it carries
//!    an `AppPartial` query (app protocol QUIC, no `quic.sni`): Suricata
//!    makes a transaction of every client Initial and inspects it, so a
//!    rule without `quic.sni` matches a ClientHello's first datagram when
//!    the hello spans two (as post-quantum key shares make it). The flow's
//!    first datagram is one packet with its query, as for DNS.
//! 6. The server's packets after its first: each one with a payload, once
//!    the flow is established (TCP: after the handshake, the request or not:
//!    a server may speak first; UDP: every later reply datagram), carries an
//!    `AppResponse` query (to_client, established, no client buffers) with
//!    the app protocol of the flow's `AppRequest` query (none before it, or
//!    when the TCP request was malformed or another protocol); for HTTP, the
//!    first such packet that is not only interim (1xx) heads carries the
//!    response head's `http.header_names` when it holds the whole head
//!    ([`crate::extract::http::response_header_names`]). Suricata inspects
//!    every packet of an undecided flow, so a rule only the server's side
//!    matches (`flow:to_client`, addresses or ports of the server's side,
//!    `ssl_state:server_hello`) decides or alerts there. A UDP reply to a
//!    detected DNS or QUIC request is the server's first packet and its
//!    reply at once: one `AppResponse` query with [`Query::first_packet`],
//!    in place of its `FlowStart` query. The server's pure ACKs are not
//!    asked: they carry nothing a rule could tell from the reply that
//!    follows (a packet-scoped drop then drops the reply, not the ACK).
//!
//! `dns.query` is a multi-buffer over a request's questions in Suricata 8
//! (a rule's `dns.query` condition holds if one question satisfies it;
//! inspection stops at the first question with no name — the root): a
//! request makes one `AppRequest` query with every question's name
//! ([`Query::dns_query_more`], at most [`MAX_DNS_QUESTIONS`]), so the rules
//! matching any question share the packet's one queue, in decision order.
//!
//! The first pass/drop/reject flow verdict wins; from then on every packet of
//! the flow gets that verdict with one hash-map lookup and no rule inspected
//! (Suricata: a passed flow skips detection, a dropped flow drops every later
//! packet). Before that, a packet whose own query matched a packet-scoped
//! drop/reject rule (an alert with that action) is dropped alone.
//!
//! Conservative choices (documented deviations from Suricata):
//! - a hole in the client stream that is never filled, or a request longer
//!   than the reassembly cap, means no `AppRequest` query: the flow keeps the
//!   verdict of its `FlowStart` queries (usually none) and its
//!   [`FlowInfo::app_state`] says why ([`AppState::Pending`],
//!   [`AppState::CapReached`]);
//! - TCP flows first seen without the client's SYN get no app-layer
//!   inspection unless [`TrackerConfig::midstream`] is set (Suricata's
//!   `stream.midstream: false` default); an unanswered SYN (one-sided
//!   capture) never becomes established;
//! - a ClientHello or request head that is malformed is presented with no app
//!   protocol ([`AppState::Malformed`]): Suricata's `ssl_state:client_hello`
//!   and HTTP buffers never exist for it either;
//! - the client's request is asked once: its later packets in an undecided
//!   flow are not inspected again (Suricata inspects packet-scoped rules on
//!   every packet), except the client datagrams of a UDP DNS flow, one query
//!   each; nor are its pure ACKs once the protocol is detected;
//! - DNS over TCP: only the connection's first message is inspected (later
//!   requests on the same connection make no query; Suricata makes a
//!   transaction of each); questions past [`MAX_DNS_QUESTIONS`] are not
//!   inspected;
//! - a client whose first UDP datagram to port 53 is a DNS *response*:
//!   Suricata detects DNS and reverses the flow's direction; Ferrule keeps the
//!   first sender as the client and detects no app protocol;
//! - IP fragments are not reassembled ([`SkipReason::Fragment`]); VLAN ids are
//!   not part of the flow key; one idle timeout for every flow state;
//! - a packet dropped by a packet-scoped `noalert` drop rule is not seen as
//!   dropped (the packet verdict is derived from the alerts raised);
//! - QUIC: a ClientHello that never completes (a CRYPTO gap never
//!   filled, a gQUIC CHLO whose tags Suricata does not know) makes no
//!   `AppRequest` query ([`AppState::Pending`]), only `AppPartial` ones;
//!   a client datagram after the one that completed it makes none (Suricata
//!   makes a transaction of each Initial). Detection runs on the
//!   client's first datagram only (Suricata also tries the server's when
//!   the client's fails). The `quic.sni` deviations of
//!   [`crate::extract::quic`] apply (CRYPTO data out of order across
//!   packets is assembled here, not by Suricata);
//! - TLS: every server packet with data counts as the ServerHello for
//!   `ssl_state` ([`crate::TlsHello::Server`]); Suricata sets the state per
//!   handshake message of the packet and clears it on a new record, so a
//!   later Certificate or application-data packet has another state there
//!   (`ssl_state:!server_hello` matches it);
//! - a request split across segments: Suricata knows an absolute URI's
//!   host once the request line is complete (`http.host` exists before the
//!   headers end), where the `AppPartial` queries carry no buffer; a
//!   partial SSLv2 ClientHello is not detected before it completes;
//! - the server's packets without data (pure ACKs) make no query;
//! - HTTP responses: the server's stream is not reassembled, so a response
//!   head split across packets gives no `http.header_names`, and only the
//!   connection's first response is read; header lines httparse cannot read
//!   (a name with a separator byte, a line without a colon, an unusual
//!   status line) are left out, where libhtp keeps them. The request's
//!   names leave out the same lines.
//!
//! Memory is bounded by [`TrackerConfig::max_flows`] (the least recently used
//! flow is evicted), [`TrackerConfig::idle_timeout`], the per-flow reassembly
//! cap (the buffer is freed once the request is decided) and
//! [`TrackerConfig::max_ended`]; [`TrackerStats`] counts when a limit bites.
//! Ended flows are queued as [`FlowRecord`]s for [`FlowTracker::drain_ended`].
//!
//! No input makes the tracker panic (see the `pcap_replay` fuzz target).

mod app;
#[doc(hidden)]
pub mod fuzzing;
mod packet;
pub mod pcap;
mod stream;
mod table;
mod types;

pub use packet::{LinkType, SkipReason};

use crate::extract::dns::{self, DnsRequest, Probe};
use crate::extract::http;
use crate::extract::quic::{self, QuicInitial, QuicSni};
use crate::{AlertSink, AppProto, Decision, DefaultAction, FlowDirection, IpProto, Query};
use crate::{RuleAction, RuleRef, Ruleset, Stage, Verdict};
use app::{DnsPort, Exam};
use std::collections::VecDeque;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use stream::Stream;
use table::Table;
pub use types::*;

/// Suricata's default QUIC ports (`SCRegisterQuicParser`: `[443,80]`).
const QUIC_PORTS: [u16; 2] = [443, 80];

/// Most questions of one DNS request inspected (the instances of its
/// `AppRequest` query's `dns.query`); the rest are not (documented
/// deviation).
pub const MAX_DNS_QUESTIONS: usize = 16;

/// Per-flow state besides the public [`FlowInfo`].
#[derive(Debug)]
struct Flow {
    info: FlowInfo,
    /// Client's ISN + 1 (stream offset 0), once known.
    stream_base: Option<u32>,
    stream: Stream,
    seen_to_server: bool,
    seen_to_client: bool,
    /// An HTTP response head was looked for in the server's first data.
    response_head_seen: bool,
    syn_ack_seen: bool,
    drop_logged: [bool; 2],
    /// UDP: the client's first payload was examined for DNS.
    udp_probed: bool,
    /// TCP: the stream was detected as DNS, its first message incomplete.
    dns_detected: bool,
    /// UDP QUIC: the client's Initial state until the answer is final.
    quic: Option<Box<QuicInitial>>,
}

/// Passes alerts on, noticing drop/reject rules and counting; a rule alerts
/// at most once per packet (several queries of one packet can match it).
struct Tap<'s, S: AlertSink> {
    inner: &'s mut S,
    dropped: Option<Verdict>,
    alerts: u32,
    /// The rules that alerted on this packet.
    seen: &'s mut Vec<RuleRef>,
}

impl<S: AlertSink> AlertSink for Tap<'_, S> {
    fn alert(&mut self, rule: RuleRef) {
        if self.seen.contains(&rule) {
            return;
        }
        self.seen.push(rule);
        self.alerts += 1;
        match rule.action {
            RuleAction::Drop => {
                self.dropped.get_or_insert(Verdict::Drop);
            }
            RuleAction::Reject => {
                self.dropped.get_or_insert(Verdict::Reject);
            }
            _ => {}
        }
        self.inner.alert(rule);
    }
    fn default_alert(&mut self, action: DefaultAction, stage: Stage) {
        self.alerts += 1;
        self.inner.default_alert(action, stage);
    }
}

/// Decides flows from their packets with a [`Ruleset`]: see the
/// [module documentation](self).
///
/// ```
/// use ferrule_matcher::flow::{FlowTracker, LinkType, TrackerConfig};
/// use ferrule_matcher::{AllAlerts, Verdict};
/// use std::time::Duration;
/// # let ruleset = ferrule_matcher::flow::fuzzing::ruleset();
/// # let [syn, syn_ack, ack, hello] = ferrule_matcher::flow::fuzzing::example_tls_flow("www.example.com");
/// // `ruleset` passes TLS to *.example.com and drops other TLS; `syn` ..
/// // `hello` are Ethernet frames of a handshake and a ClientHello.
/// let mut tracker = FlowTracker::new(&ruleset, TrackerConfig::default());
/// let mut alerts = AllAlerts::default();
/// let t = Duration::from_secs(1_700_000_000);
/// for frame in [&syn, &syn_ack, &ack] {
///     let out = tracker.process(frame, LinkType::Ethernet, t, &mut alerts);
///     assert_eq!(out.verdict, Verdict::None); // not decided yet
/// }
/// let out = tracker.process(&hello, LinkType::Ethernet, t, &mut alerts);
/// assert!(out.flow_decided);
/// assert_eq!(out.verdict, Verdict::Pass);
/// let flow = tracker.flow(&out.flow.unwrap()).unwrap();
/// assert_eq!(flow.tls_sni.as_deref(), Some(&b"www.example.com"[..]));
/// // Later packets: one lookup, same verdict.
/// assert_eq!(tracker.process(&ack, LinkType::Ethernet, t, &mut alerts).verdict, Verdict::Pass);
/// tracker.finish();
/// assert_eq!(tracker.drain_ended().count(), 1);
/// assert_eq!(tracker.stats().flows_pass, 1);
/// ```
pub struct FlowTracker<'r> {
    ruleset: &'r Ruleset,
    config: TrackerConfig,
    table: Table<Flow>,
    ended: VecDeque<FlowRecord>,
    stats: TrackerStats,
    scratch: Vec<u8>,
    /// A DNS request's names, one after the other (the stream's extraction
    /// may hold `scratch`).
    names: Vec<u8>,
    /// Each DNS name is built here before it joins `names`.
    name_tmp: Vec<u8>,
    /// The `http.header_names` of a server's response head.
    response_names: Vec<u8>,
    /// Rules that alerted on the current packet.
    seen: Vec<RuleRef>,
    next_id: u64,
    now: Timestamp,
}

fn ep(a: SocketAddr) -> (IpAddr, u16) {
    (a.ip(), a.port())
}

impl<'r> FlowTracker<'r> {
    /// A tracker deciding with `ruleset`, within `config`'s limits.
    pub fn new(ruleset: &'r Ruleset, config: TrackerConfig) -> Self {
        FlowTracker {
            ruleset,
            config,
            table: Table::new(),
            ended: VecDeque::new(),
            stats: TrackerStats::default(),
            scratch: Vec::new(),
            names: Vec::new(),
            name_tmp: Vec::new(),
            response_names: Vec::new(),
            seen: Vec::new(),
            next_id: 1,
            now: Duration::ZERO,
        }
    }

    /// The limits in force.
    pub fn config(&self) -> &TrackerConfig {
        &self.config
    }

    /// The counters so far.
    pub fn stats(&self) -> &TrackerStats {
        &self.stats
    }

    /// Flows currently tracked.
    pub fn active_flows(&self) -> usize {
        self.table.len()
    }

    /// A tracked flow.
    pub fn flow(&self, key: &FlowKey) -> Option<&FlowInfo> {
        self.table.get(key).map(|f| &f.info)
    }

    /// The records of the flows that ended since the last call (idle timeout,
    /// eviction, [`FlowTracker::finish`]), oldest first.
    pub fn drain_ended(&mut self) -> impl Iterator<Item = FlowRecord> + '_ {
        self.ended.drain(..)
    }

    /// End every tracked flow (end of capture): each becomes a
    /// [`FlowRecord`] with [`EndReason::Finished`], least recently used first.
    pub fn finish(&mut self) {
        while let Some(f) = self.table.pop_lru() {
            self.end(f, EndReason::Finished);
        }
    }

    /// End the flows idle for longer than the timeout at `now` (also done on
    /// every packet, with the latest timestamp seen).
    pub fn expire(&mut self, now: Timestamp) {
        self.now = self.now.max(now);
        while let Some(f) = self.table.lru() {
            if self.now.saturating_sub(f.info.last_seen) <= self.config.idle_timeout {
                break;
            }
            if let Some(f) = self.table.pop_lru() {
                self.stats.flows_timed_out += 1;
                self.end(f, EndReason::IdleTimeout);
            }
        }
    }

    fn end(&mut self, f: Flow, reason: EndReason) {
        if self.config.max_ended == 0 {
            self.stats.records_discarded += 1;
            return;
        }
        while self.ended.len() >= self.config.max_ended {
            self.ended.pop_front();
            self.stats.records_discarded += 1;
        }
        self.ended.push_back(FlowRecord {
            info: f.info,
            reason,
        });
    }

    /// Process one frame captured at `ts`: update its flow, make the queries
    /// it triggers (alerts go to `alerts`), and say what to do with it.
    pub fn process(
        &mut self,
        frame: &[u8],
        link: LinkType,
        ts: Timestamp,
        alerts: &mut impl AlertSink,
    ) -> PacketOutcome {
        self.stats.packets += 1;
        self.stats.bytes += frame.len() as u64;
        self.expire(ts);
        let d = match packet::decode(frame, link) {
            Ok(d) => d,
            Err(r) => {
                match r {
                    SkipReason::Malformed => self.stats.malformed += 1,
                    SkipReason::NotIp => self.stats.not_ip += 1,
                    SkipReason::Fragment => self.stats.fragments += 1,
                }
                return PacketOutcome::skipped(r);
            }
        };
        let key = FlowKey::new(d.proto, (d.src, d.sport), (d.dst, d.dport));
        let mut new_flow = false;
        let slot = match self.table.find(&key) {
            Some(i) => i,
            None => {
                if self.table.len() >= self.config.max_flows.max(1) {
                    if let Some(f) = self.table.pop_lru() {
                        self.stats.flows_evicted += 1;
                        self.end(f, EndReason::Evicted);
                    }
                }
                new_flow = true;
                self.stats.flows += 1;
                let sender = SocketAddr::new(d.src, d.sport);
                let receiver = SocketAddr::new(d.dst, d.dport);
                // A first SYN-ACK comes from the server.
                let syn_ack = d.tcp.is_some_and(|t| t.syn && t.ack);
                let (client, server) = if syn_ack {
                    (receiver, sender)
                } else {
                    (sender, receiver)
                };
                if d.tcp.is_some_and(|t| !t.syn) {
                    self.stats.midstream_flows += 1;
                }
                let id = self.next_id;
                self.next_id += 1;
                let info = FlowInfo {
                    id,
                    proto: d.proto,
                    client,
                    server,
                    first_seen: ts,
                    last_seen: ts,
                    packets_to_server: 0,
                    packets_to_client: 0,
                    bytes_to_server: 0,
                    bytes_to_client: 0,
                    app_proto: None,
                    app_state: AppState::Idle,
                    tls_sni: None,
                    http_host: None,
                    dns_query: None,
                    quic_sni: None,
                    established: false,
                    decision: Decision::NONE,
                    default_action: None,
                    decided_at: None,
                    alerts: 0,
                    dropped_packets: 0,
                };
                self.table.insert(
                    key,
                    Flow {
                        info,
                        stream_base: None,
                        stream: Stream::default(),
                        seen_to_server: false,
                        seen_to_client: false,
                        response_head_seen: false,
                        syn_ack_seen: false,
                        drop_logged: [false; 2],
                        udp_probed: false,
                        dns_detected: false,
                        quic: None,
                    },
                )
            }
        };
        self.table.touch(slot);
        let Some(flow) = self.table.slot_mut(slot) else {
            // Unreachable: the slot was just found or inserted.
            return PacketOutcome::skipped(SkipReason::Malformed);
        };
        let info = &mut flow.info;
        let dir = if (d.src, d.sport) == ep(info.client) && (d.dst, d.dport) == ep(info.server) {
            FlowDirection::ToServer
        } else {
            FlowDirection::ToClient
        };
        let to_server = dir == FlowDirection::ToServer;
        info.last_seen = info.last_seen.max(ts);
        if to_server {
            info.packets_to_server += 1;
            info.bytes_to_server += frame.len() as u64;
        } else {
            info.packets_to_client += 1;
            info.bytes_to_client += frame.len() as u64;
        }
        let mut out = PacketOutcome {
            flow: Some(key),
            skipped: None,
            flow_id: info.id,
            direction: dir,
            verdict: Verdict::None,
            new_flow,
            flow_decided: false,
            stages: [None; 2],
            alerts: 0,
            first_drop: false,
        };

        if info.decision.verdict == Verdict::None {
            self.seen.clear();
            let mut tap = Tap {
                inner: alerts,
                dropped: None,
                alerts: 0,
                seen: &mut self.seen,
            };
            let ruleset = self.ruleset;
            let stats = &mut self.stats;

            // TCP handshake.
            if let Some(t) = d.tcp {
                if to_server && t.syn && !t.ack && flow.stream.data().is_empty() {
                    flow.stream_base = Some(t.seq.wrapping_add(1));
                }
                if !to_server && t.syn && t.ack {
                    flow.syn_ack_seen = true;
                }
                if to_server && t.ack && !t.syn && flow.syn_ack_seen && flow.stream_base.is_some() {
                    info.established = true;
                }
                if self.config.midstream
                    && to_server
                    && flow.stream_base.is_none()
                    && !t.syn
                    && !d.payload.is_empty()
                {
                    flow.stream_base = Some(t.seq);
                    info.established = true;
                }
            } else if !to_server {
                info.established = true;
            }

            // FlowStart, once per direction.
            let start = Query::flow_start(
                info.proto,
                info.client.ip(),
                info.client.port(),
                info.server.ip(),
                info.server.port(),
            );
            // A UDP datagram that is also the client's request is one packet
            // with it (`Query::first_packet`): its `FlowStart` query waits
            // for the request below and is asked alone only without one.
            let mut pending_start = None;
            if to_server && !flow.seen_to_server {
                flow.seen_to_server = true;
                let mut q = start;
                q.established = info.established;
                if d.proto == IpProto::Udp && !d.payload.is_empty() {
                    pending_start = Some(q);
                } else {
                    ask(ruleset, &q, info, &mut tap, stats, &mut out, ts);
                }
            }
            // The server's packets: its first (the SYN-ACK; a UDP reply)
            // is a `FlowStart`; a UDP reply to a detected request is one
            // packet with its app layer (`Query::first_packet`); every
            // later one with data is the server's reply (`AppResponse`).
            if !to_server {
                let app = response_app(info, d.proto);
                if !flow.seen_to_client {
                    flow.seen_to_client = true;
                    let mut q = start.reversed();
                    q.established = info.established;
                    if d.proto == IpProto::Udp && app.is_some() {
                        q = start.app_response(app);
                        q.first_packet = true;
                    }
                    ask(ruleset, &q, info, &mut tap, stats, &mut out, ts);
                } else if info.established && !d.payload.is_empty() {
                    let mut q = start.app_response(app);
                    // HTTP: the response's header names, from the server's
                    // first data that is not only interim (1xx) heads, when
                    // it holds the whole head.
                    if app == Some(AppProto::Http1) && !flow.response_head_seen {
                        match http::response_header_names(d.payload, &mut self.response_names) {
                            http::ResponseNames::Interim => {}
                            http::ResponseNames::NotHead => flow.response_head_seen = true,
                            http::ResponseNames::Head(names) => {
                                flow.response_head_seen = true;
                                q.http_header_names = names;
                            }
                        }
                    }
                    ask(ruleset, &q, info, &mut tap, stats, &mut out, ts);
                }
            }

            // The client's request (TCP).
            if let Some(t) = d.tcp {
                let waiting = matches!(info.app_state, AppState::Idle | AppState::Pending);
                if to_server && waiting && !d.payload.is_empty() && info.established {
                    match flow.stream_base {
                        None => info.app_state = AppState::NoStream,
                        Some(base) => {
                            let cap = self.config.max_reassembly;
                            let fed = flow.stream.feed(t.seq.wrapping_sub(base), d.payload, cap);
                            stats.reassembly_bytes_dropped += fed.dropped as u64;
                            if fed.held {
                                stats.out_of_order_segments += 1;
                            }
                            info.app_state = AppState::Pending;
                            let exam = if fed.grew {
                                let dns_port = if flow.dns_detected {
                                    DnsPort::Detected
                                } else if info.server.port() == 53 {
                                    DnsPort::Probe
                                } else {
                                    DnsPort::No
                                };
                                app::examine(
                                    flow.stream.data(),
                                    &mut self.scratch,
                                    dns_port,
                                    self.config.http_host,
                                )
                            } else {
                                Exam::NeedMore
                            };
                            let mut q = start.app_request(AppProto::Other);
                            let mut asked = true;
                            let mut dns_done = false;
                            match exam {
                                Exam::NeedMore | Exam::DnsNeedMore => {
                                    flow.dns_detected |= exam == Exam::DnsNeedMore;
                                    asked = false;
                                    if flow.stream.capped {
                                        info.app_state = AppState::CapReached;
                                        stats.reassembly_cap_reached += 1;
                                    }
                                    // Detected, not complete: Suricata
                                    // inspects the segment (`AppPartial`).
                                    let app = if flow.dns_detected {
                                        Some(AppProto::Dns)
                                    } else {
                                        app::detected(flow.stream.data())
                                    };
                                    if let Some(app) = app {
                                        // Suricata sets the flow's app
                                        // protocol at detection.
                                        info.app_proto = Some(app);
                                        let p = start.app_partial(app);
                                        ask(ruleset, &p, info, &mut tap, stats, &mut out, ts);
                                    }
                                }
                                Exam::Tls(sni) => {
                                    stats.app_tls += 1;
                                    info.app_proto = Some(AppProto::Tls);
                                    q.app_proto = Some(AppProto::Tls);
                                    q.tls_sni = sni;
                                    info.tls_sni = sni.map(Box::from);
                                }
                                Exam::Http(r) => {
                                    stats.app_http += 1;
                                    info.app_proto = Some(AppProto::Http1);
                                    q.app_proto = Some(AppProto::Http1);
                                    q.http_host = r.host;
                                    q.http_host_raw = r.host_raw;
                                    q.http_header_names = Some(r.header_names);
                                    info.http_host = r.host.map(Box::from);
                                }
                                Exam::BadTls | Exam::BadHttp => {
                                    stats.app_malformed += 1;
                                    info.app_proto = Some(if exam == Exam::BadTls {
                                        AppProto::Tls
                                    } else {
                                        AppProto::Http1
                                    });
                                    q.app_proto = None;
                                }
                                Exam::Other => {
                                    stats.app_other += 1;
                                    info.app_proto = Some(AppProto::Other);
                                    q.app_proto = None;
                                }
                                Exam::Dns(Ok(req)) => {
                                    stats.app_dns += 1;
                                    info.app_proto = Some(AppProto::Dns);
                                    info.app_state = AppState::Requested;
                                    q.app_proto = Some(AppProto::Dns);
                                    let mut ctx = Ctx {
                                        ruleset,
                                        info: &mut *info,
                                        tap: &mut tap,
                                        stats: &mut *stats,
                                        out: &mut out,
                                        ts,
                                    };
                                    ask_dns(
                                        &mut ctx,
                                        &q,
                                        &req,
                                        &mut self.names,
                                        &mut self.name_tmp,
                                    );
                                    asked = false;
                                    dns_done = true;
                                }
                                Exam::Dns(Err(_)) => {
                                    stats.app_malformed += 1;
                                    info.app_proto = Some(AppProto::Dns);
                                    q.app_proto = None;
                                }
                            }
                            if asked {
                                let bad = matches!(
                                    exam,
                                    Exam::BadTls | Exam::BadHttp | Exam::Dns(Err(_))
                                );
                                info.app_state = if bad {
                                    AppState::Malformed
                                } else {
                                    AppState::Requested
                                };
                                ask(ruleset, &q, info, &mut tap, stats, &mut out, ts);
                            }
                            if asked || dns_done || info.app_state == AppState::CapReached {
                                flow.stream.release();
                            }
                        }
                    }
                }
            }
            // The client's DNS requests (UDP).
            if d.proto == IpProto::Udp && to_server && !d.payload.is_empty() {
                if !flow.udp_probed {
                    flow.udp_probed = true;
                    // Default `detection-ports: dp: 53`; a response from the
                    // client (Suricata reverses the flow) is not modelled.
                    if info.server.port() == 53 && dns::probe_udp(d.payload) == Probe::Request {
                        stats.app_dns += 1;
                        info.app_proto = Some(AppProto::Dns);
                    } else if [info.server.port(), info.client.port()]
                        .iter()
                        .any(|p| QUIC_PORTS.contains(p))
                        && quic::probe(d.payload)
                    {
                        stats.app_quic += 1;
                        info.app_proto = Some(AppProto::Quic);
                        flow.quic = Some(Box::default());
                    }
                }
                if let Some(state) = flow.quic.as_deref_mut() {
                    let answer = state.feed(d.payload, &mut self.scratch);
                    if answer == QuicSni::NeedMore {
                        info.app_state = AppState::Pending;
                        // Suricata makes a transaction of each client
                        // Initial: inspected before the ClientHello is
                        // complete, without `quic.sni` (`AppPartial`).
                        let mut p = start.app_partial(AppProto::Quic);
                        p.established = info.established;
                        p.first_packet = pending_start.take().is_some();
                        ask(ruleset, &p, info, &mut tap, stats, &mut out, ts);
                    } else {
                        let mut q = start.app_request(AppProto::Quic);
                        q.established = info.established;
                        q.first_packet = pending_start.take().is_some();
                        q.quic_sni = answer.name();
                        info.quic_sni = q.quic_sni.map(Box::from);
                        info.app_state = if matches!(answer, QuicSni::Malformed(_)) {
                            stats.app_malformed += 1;
                            AppState::Malformed
                        } else {
                            AppState::Requested
                        };
                        ask(ruleset, &q, info, &mut tap, stats, &mut out, ts);
                        flow.quic = None;
                    }
                }
                if info.app_proto == Some(AppProto::Dns) {
                    let mut q = start.app_request(AppProto::Dns);
                    q.established = info.established;
                    q.first_packet = pending_start.is_some();
                    let req = dns::request(d.payload);
                    let mut ctx = Ctx {
                        ruleset,
                        info: &mut *info,
                        tap: &mut tap,
                        stats: &mut *stats,
                        out: &mut out,
                        ts,
                    };
                    match req {
                        Ok(req) => {
                            ctx.info.app_state = AppState::Requested;
                            if ask_dns(&mut ctx, &q, &req, &mut self.names, &mut self.name_tmp) {
                                pending_start = None;
                            }
                        }
                        Err(_) => {
                            ctx.stats.app_malformed += 1;
                            ctx.info.app_state = AppState::Malformed;
                            ask(ruleset, &q, ctx.info, ctx.tap, ctx.stats, ctx.out, ts);
                            pending_start = None;
                        }
                    }
                }
            }
            if let Some(q) = pending_start {
                ask(ruleset, &q, info, &mut tap, stats, &mut out, ts);
            }
            // The server's datagrams of a QUIC flow (a Retry resets the keys).
            if !to_server {
                if let Some(state) = flow.quic.as_deref_mut() {
                    state.server_datagram(d.payload);
                }
            }
            out.alerts = tap.alerts;
            info.alerts = info.alerts.saturating_add(tap.alerts);
            stats.alerts += u64::from(tap.alerts);
            if out.flow_decided {
                match info.decision.verdict {
                    Verdict::Pass => stats.flows_pass += 1,
                    Verdict::Drop => stats.flows_drop += 1,
                    Verdict::Reject => stats.flows_reject += 1,
                    Verdict::None => {}
                }
            }
            out.verdict = match (info.decision.verdict, tap.dropped) {
                (Verdict::None, Some(v)) => v,
                (v, _) => v,
            };
        } else {
            out.verdict = info.decision.verdict;
        }

        match out.verdict {
            Verdict::Pass => self.stats.packets_pass += 1,
            Verdict::Drop | Verdict::Reject => {
                self.stats.packets_drop += 1;
                info.dropped_packets += 1;
                let logged = &mut flow.drop_logged[usize::from(!to_server)];
                out.first_drop = !*logged;
                *logged = true;
            }
            Verdict::None => self.stats.packets_none += 1,
        }
        out
    }
}

/// The app protocol of the server's packets: the one detected from the
/// client's first bytes, before the request completes too (Suricata sets the
/// flow's protocol at detection); a request it could not parse leaves none
/// over TCP, while a UDP DNS flow keeps DNS; none before detection.
fn response_app(info: &FlowInfo, proto: IpProto) -> Option<AppProto> {
    match info.app_state {
        // Detected from the request's first bytes, the request complete or
        // not yet.
        AppState::Requested | AppState::Pending | AppState::CapReached => {
            info.app_proto.filter(|&a| a != AppProto::Other)
        }
        AppState::Malformed if proto == IpProto::Udp => info.app_proto,
        _ => None,
    }
}

/// What [`ask`] needs, bundled.
struct Ctx<'c, 'r, 's, S: AlertSink> {
    ruleset: &'r Ruleset,
    info: &'c mut FlowInfo,
    tap: &'c mut Tap<'s, S>,
    stats: &'c mut TrackerStats,
    out: &'c mut PacketOutcome,
    ts: Timestamp,
}

/// The `AppRequest` query of a DNS request: `base` with the first
/// question's name as `dns.query` and the others' as its further instances
/// ([`Query::dns_query_more`]: Suricata's `dns.query` is a multi-buffer, one
/// inspection of the packet over every question), up to the first question
/// with no name (the root: Suricata's multi-buffer inspection stops there;
/// a first root question is still a query, with no buffer) or
/// [`MAX_DNS_QUESTIONS`]. False when the request has no question (no query
/// was made). `names` holds the names, `tmp` builds each.
fn ask_dns<S: AlertSink>(
    c: &mut Ctx<'_, '_, '_, S>,
    base: &Query,
    req: &DnsRequest<'_>,
    names: &mut Vec<u8>,
    tmp: &mut Vec<u8>,
) -> bool {
    let mut questions = req.questions();
    names.clear();
    let mut ends = [0usize; MAX_DNS_QUESTIONS];
    let mut n = 0;
    while n < MAX_DNS_QUESTIONS {
        let Some(name) = questions.next_name(tmp) else {
            break;
        };
        if name.is_empty() {
            if n == 0 {
                ask(c.ruleset, base, c.info, c.tap, c.stats, c.out, c.ts);
                return true;
            }
            break;
        }
        names.extend_from_slice(name);
        ends[n] = names.len();
        n += 1;
    }
    if n == 0 {
        return false;
    }
    let mut all: [&[u8]; MAX_DNS_QUESTIONS] = [&[]; MAX_DNS_QUESTIONS];
    let mut from = 0;
    for (slot, &end) in all.iter_mut().zip(&ends[..n]) {
        *slot = &names[from..end];
        from = end;
    }
    if c.info.dns_query.is_none() {
        c.info.dns_query = Some(Box::from(all[0]));
    }
    let mut q = *base;
    q.dns_query = Some(all[0]);
    q.dns_query_more = &all[1..n];
    ask(c.ruleset, &q, c.info, c.tap, c.stats, c.out, c.ts);
    true
}

/// Decide one query of a flow that has no verdict yet.
fn ask<S: AlertSink>(
    ruleset: &Ruleset,
    q: &Query,
    info: &mut FlowInfo,
    tap: &mut Tap<'_, S>,
    stats: &mut TrackerStats,
    out: &mut PacketOutcome,
    ts: Timestamp,
) {
    if info.decision.verdict != Verdict::None {
        return;
    }
    let (dec, def) = ruleset.decide_detailed(q, tap);
    stats.queries += 1;
    if !out.stages.contains(&Some(q.stage)) {
        if let Some(s) = out.stages.iter_mut().find(|s| s.is_none()) {
            *s = Some(q.stage);
        }
    }
    if dec.verdict != Verdict::None {
        info.decision = dec;
        info.default_action = def;
        info.decided_at = Some(ts);
        out.flow_decided = true;
    }
}
