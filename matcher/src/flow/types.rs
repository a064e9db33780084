//! The tracker's public data: its limits, flow keys and records, per-packet
//! outcomes and counters.

use super::packet::SkipReason;
#[cfg(doc)]
use super::FlowTracker;
use crate::{AppProto, Decision, DefaultAction, FlowDirection, IpProto};
use crate::{Stage, Verdict};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// A capture timestamp: time since the Unix epoch.
pub type Timestamp = Duration;

/// Limits of a [`FlowTracker`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackerConfig {
    /// Most flows tracked at once; a new flow beyond it evicts the least
    /// recently used one ([`TrackerStats::flows_evicted`]).
    pub max_flows: usize,
    /// A flow with no packet for this long ends
    /// ([`TrackerStats::flows_timed_out`]).
    pub idle_timeout: Duration,
    /// Most client bytes reassembled per TCP flow (contiguous and held out of
    /// order) while waiting for the request to complete. A QUIC flow holds
    /// at most [`crate::extract::quic::MAX_CRYPTO`] bytes of CRYPTO data
    /// (Suricata's own limit) until its ClientHello completes, whatever
    /// this cap; so a tracker holds at most about `max_flows` times the
    /// larger of the two.
    pub max_reassembly: usize,
    /// Inspect the app layer of TCP flows first seen without a SYN (the first
    /// packet's sender is taken as the client).
    pub midstream: bool,
    /// Most ended-flow records queued for [`FlowTracker::drain_ended`]; older
    /// ones are discarded beyond it ([`TrackerStats::records_discarded`]).
    pub max_ended: usize,
    /// How `http.host` is taken from a Host header: as Suricata 8 does, or
    /// as Suricata 7 (AWS Network Firewall) does
    /// ([`HostRule`](crate::extract::http::HostRule)).
    pub http_host: crate::extract::http::HostRule,
}

impl Default for TrackerConfig {
    /// 65,536 flows, 120 s idle timeout, 64 KiB reassembly, no midstream
    /// pickup, 65,536 queued records, Suricata 8's Host rule.
    fn default() -> Self {
        TrackerConfig {
            max_flows: 65_536,
            idle_timeout: Duration::from_secs(120),
            max_reassembly: 64 * 1024,
            midstream: false,
            max_ended: 65_536,
            http_host: crate::extract::http::HostRule::Suricata8,
        }
    }
}

/// A flow's identity, independent of the packet's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FlowKey {
    /// IP protocol.
    pub proto: IpProto,
    /// The lower endpoint.
    pub lo: (IpAddr, u16),
    /// The higher endpoint.
    pub hi: (IpAddr, u16),
}

impl FlowKey {
    /// The key of the flow between two endpoints, in either order.
    ///
    /// ```
    /// use ferrule_matcher::{flow::FlowKey, IpProto};
    /// let a = ("10.0.0.5".parse().unwrap(), 40000);
    /// let b = ("93.184.216.34".parse().unwrap(), 443);
    /// assert_eq!(FlowKey::new(IpProto::Tcp, a, b), FlowKey::new(IpProto::Tcp, b, a));
    /// ```
    pub fn new(proto: IpProto, a: (IpAddr, u16), b: (IpAddr, u16)) -> FlowKey {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        FlowKey { proto, lo, hi }
    }
}

/// Where a flow's app layer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppState {
    /// No client payload examined (no payload yet, UDP other than DNS, ICMP
    /// and other protocols, or a TCP handshake not complete).
    Idle,
    /// Client bytes seen, the request not complete (or a hole not filled;
    /// QUIC: the ClientHello not complete).
    Pending,
    /// The `AppRequest` query was made (UDP DNS: for the latest client
    /// datagram, a valid request).
    Requested,
    /// TLS, HTTP/1 or DNS over TCP by its first bytes, but malformed: the
    /// `AppRequest` query was made with no app protocol (Suricata's parser
    /// fails: no `ssl_state:client_hello`, HTTP or DNS buffers). UDP DNS: the
    /// latest client datagram is not a valid request; its `AppRequest` query
    /// was made with app protocol DNS and no `dns.query` (Suricata keeps the
    /// flow's protocol and makes no transaction).
    Malformed,
    /// The reassembly cap was reached before the request completed: no
    /// `AppRequest` query.
    CapReached,
    /// TCP flow first seen without the client's SYN (no midstream pickup): no
    /// app-layer inspection.
    NoStream,
}

/// Why a flow ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndReason {
    /// No packet for [`TrackerConfig::idle_timeout`].
    IdleTimeout,
    /// Evicted to make room ([`TrackerConfig::max_flows`]).
    Evicted,
    /// [`FlowTracker::finish`] (end of capture).
    Finished,
}

/// What the tracker knows about one flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowInfo {
    /// Sequential id, from 1, in order of creation.
    pub id: u64,
    /// IP protocol.
    pub proto: IpProto,
    /// The client (the flow's initiator).
    pub client: SocketAddr,
    /// The server.
    pub server: SocketAddr,
    /// Timestamp of the first packet.
    pub first_seen: Timestamp,
    /// Timestamp of the latest packet (the largest seen).
    pub last_seen: Timestamp,
    /// Packets client to server.
    pub packets_to_server: u64,
    /// Packets server to client.
    pub packets_to_client: u64,
    /// Frame bytes client to server.
    pub bytes_to_server: u64,
    /// Frame bytes server to client.
    pub bytes_to_client: u64,
    /// The app protocol detected from the client's first bytes (TLS, HTTP/1,
    /// DNS, QUIC), or `Some(AppProto::Other)` for a TCP stream that is none
    /// of these (`None` for UDP other than DNS and QUIC).
    pub app_proto: Option<AppProto>,
    /// Where the app layer stands.
    pub app_state: AppState,
    /// `tls.sni` of the ClientHello, as sent.
    pub tls_sni: Option<Box<[u8]>>,
    /// `http.host` of the request (normalised).
    pub http_host: Option<Box<[u8]>>,
    /// `dns.query` of the first DNS request that has one (its first
    /// question's name), as sent.
    pub dns_query: Option<Box<[u8]>>,
    /// `quic.sni` of the QUIC ClientHello, as sent.
    pub quic_sni: Option<Box<[u8]>>,
    /// TCP: the three-way handshake completed (UDP and others: both
    /// directions seen).
    pub established: bool,
    /// The flow verdict (first pass/drop/reject wins) and who decided it.
    pub decision: Decision,
    /// The stateful default action that decided, if one did (strict order).
    pub default_action: Option<DefaultAction>,
    /// When the verdict was reached.
    pub decided_at: Option<Timestamp>,
    /// Alerts raised on the flow.
    pub alerts: u32,
    /// Packets given a drop verdict (flow or packet scoped).
    pub dropped_packets: u64,
}

/// A flow that ended, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowRecord {
    /// The flow.
    pub info: FlowInfo,
    /// Why it ended.
    pub reason: EndReason,
}

/// What [`FlowTracker::process`] did with one packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacketOutcome {
    /// The packet's flow (`None`: the frame was skipped, see `skipped`).
    pub flow: Option<FlowKey>,
    /// Why the frame was not attributed to a flow.
    pub skipped: Option<SkipReason>,
    /// The flow's id (0 when skipped).
    pub flow_id: u64,
    /// Direction of the packet in its flow.
    pub direction: FlowDirection,
    /// The verdict for this packet: `Pass` or `Drop`/`Reject` when the flow
    /// has that verdict, `Drop`/`Reject` when a packet-scoped drop/reject rule
    /// matched this packet, `None` when nothing decided (the embedder's
    /// default applies).
    pub verdict: Verdict,
    /// This packet created its flow.
    pub new_flow: bool,
    /// This packet gave its flow a verdict.
    pub flow_decided: bool,
    /// The stage of each query made on this packet, each stage once (a UDP
    /// request that is also the flow's first packet makes one query).
    pub stages: [Option<Stage>; 2],
    /// Alerts raised on this packet.
    pub alerts: u32,
    /// First dropped packet of its flow in its direction (Suricata's eve
    /// `drop` logger with `flows: start` logs only those).
    pub first_drop: bool,
}

impl PacketOutcome {
    pub(super) fn skipped(reason: SkipReason) -> Self {
        PacketOutcome {
            flow: None,
            skipped: Some(reason),
            flow_id: 0,
            direction: FlowDirection::ToServer,
            verdict: Verdict::None,
            new_flow: false,
            flow_decided: false,
            stages: [None; 2],
            alerts: 0,
            first_drop: false,
        }
    }
}

/// Counters of a [`FlowTracker`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TrackerStats {
    /// Frames given to [`FlowTracker::process`].
    pub packets: u64,
    /// Their bytes.
    pub bytes: u64,
    /// Frames that could not be decoded.
    pub malformed: u64,
    /// Frames that are not IP.
    pub not_ip: u64,
    /// IP fragments (not reassembled).
    pub fragments: u64,
    /// Packets given the verdict `Pass`.
    pub packets_pass: u64,
    /// Packets given `Drop` or `Reject`.
    pub packets_drop: u64,
    /// Packets of tracked flows given no verdict.
    pub packets_none: u64,
    /// Flows created.
    pub flows: u64,
    /// Flows that reached a pass verdict.
    pub flows_pass: u64,
    /// Flows that reached a drop verdict.
    pub flows_drop: u64,
    /// Flows that reached a reject verdict.
    pub flows_reject: u64,
    /// Flows evicted at [`TrackerConfig::max_flows`].
    pub flows_evicted: u64,
    /// Flows ended by the idle timeout.
    pub flows_timed_out: u64,
    /// Queries decided.
    pub queries: u64,
    /// Alerts raised.
    pub alerts: u64,
    /// Flows whose client stream was detected as TLS.
    pub app_tls: u64,
    /// ... as HTTP/1.
    pub app_http: u64,
    /// ... as neither.
    pub app_other: u64,
    /// ... as DNS (TCP or UDP).
    pub app_dns: u64,
    /// UDP flows detected as QUIC.
    pub app_quic: u64,
    /// TLS / HTTP / DNS-over-TCP streams that were malformed, and UDP DNS
    /// client datagrams that were not valid requests.
    pub app_malformed: u64,
    /// Flows whose request did not complete within the reassembly cap.
    pub reassembly_cap_reached: u64,
    /// Client bytes dropped by the reassembly cap or the out-of-order limit.
    pub reassembly_bytes_dropped: u64,
    /// Out-of-order client segments held until a hole filled.
    pub out_of_order_segments: u64,
    /// TCP flows first seen without a SYN (no app-layer inspection unless
    /// midstream pickup is on).
    pub midstream_flows: u64,
    /// Ended-flow records discarded because the queue was full.
    pub records_discarded: u64,
}
