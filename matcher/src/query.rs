//! The query model of SPEC §4: what a firewall knows about a flow at one stage.
//!
//! A [`Query`] describes one packet-level moment of a flow (its first packet in a
//! direction, or the packet that completes the client's request) together with the
//! app-layer buffers known at that moment. Buffers are borrowed: building a query
//! allocates nothing.

use crate::Stage;
use std::net::IpAddr;

/// IP protocol of the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IpProto {
    /// TCP (6).
    Tcp,
    /// UDP (17).
    Udp,
    /// ICMP: ICMPv4 (1) for IPv4 flows, ICMPv6 (58) for IPv6 flows.
    Icmp,
    /// Any other protocol, by number (e.g. 132 for SCTP).
    Other(u8),
}

impl IpProto {
    /// The IANA protocol number (ICMP gives 1; use [`IpProto::number_for`] for
    /// the family-aware number).
    pub fn number(&self) -> u8 {
        match self {
            IpProto::Tcp => 6,
            IpProto::Udp => 17,
            IpProto::Icmp => 1,
            IpProto::Other(n) => *n,
        }
    }

    /// The IANA protocol number for a flow of the given address family
    /// (ICMP is 58 over IPv6).
    pub fn number_for(&self, ipv6: bool) -> u8 {
        match self {
            IpProto::Icmp if ipv6 => 58,
            other => other.number(),
        }
    }
}

/// Direction of the packet within its flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlowDirection {
    /// From the client (the flow's initiator) to the server.
    ToServer,
    /// From the server back to the client.
    ToClient,
}

/// App-layer protocol detected on the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppProto {
    /// TLS.
    Tls,
    /// HTTP/1.x.
    Http1,
    /// HTTP/2.
    Http2,
    /// DNS.
    Dns,
    /// QUIC.
    Quic,
    /// Another, known but not modelled, protocol.
    Other,
}

impl AppProto {
    /// Does a rule protocol name (Suricata spelling, case-sensitive) select this
    /// protocol? `http` means HTTP/1 or HTTP/2 (SEMANTICS §1.4).
    pub fn is_selected_by(&self, name: &str) -> bool {
        matches!(
            (name, self),
            ("tls", AppProto::Tls)
                | ("http", AppProto::Http1 | AppProto::Http2)
                | ("http1", AppProto::Http1)
                | ("http2", AppProto::Http2)
                | ("dns", AppProto::Dns)
                | ("quic", AppProto::Quic)
        )
    }
}

/// The TLS handshake message a query's packet carries, as Suricata's
/// `ssl_state` sees it (`current_flags`, set by the last handshake message
/// parsed): the ClientHello on a TLS `AppRequest`, the ServerHello on a TLS
/// `AppResponse` (the server's reply of the query model), neither otherwise.
/// A server flight whose packet ends with another handshake message (a
/// Certificate, a ServerKeyExchange) is not modelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TlsHello {
    /// The client's ClientHello.
    Client = 0,
    /// The server's ServerHello.
    Server = 1,
    /// Neither hello.
    None = 2,
}

/// One moment of a flow to decide (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Query<'a> {
    /// The stage the flow is at.
    pub stage: Stage,
    /// IP protocol.
    pub proto: IpProto,
    /// Source address of this packet.
    pub src: IpAddr,
    /// Source port of this packet (0 when the protocol has none).
    pub src_port: u16,
    /// Destination address of this packet.
    pub dst: IpAddr,
    /// Destination port of this packet (0 when the protocol has none).
    pub dst_port: u16,
    /// Direction of this packet in the flow.
    pub direction: FlowDirection,
    /// TCP handshake done (UDP: both directions seen).
    pub established: bool,
    /// Detected app-layer protocol, if any yet.
    pub app_proto: Option<AppProto>,
    /// `tls.sni`: the SNI exactly as sent (SEMANTICS §3.4).
    pub tls_sni: Option<&'a [u8]>,
    /// `http.host`: normalised host (lowercase, port stripped, URI host wins).
    pub http_host: Option<&'a [u8]>,
    /// `http.host.raw`: the raw Host header value (or the URI host).
    pub http_host_raw: Option<&'a [u8]>,
    /// `http.header_names`: `\r\nName1\r\nName2\r\n\r\n`, the request's (at
    /// `AppRequest`) or the response's (at `AppResponse`).
    pub http_header_names: Option<&'a [u8]>,
    /// `dns.query`: the query name with dots (a request's first question).
    pub dns_query: Option<&'a [u8]>,
    /// The names of the request's further questions, in order. Suricata's
    /// `dns.query` is a multi-buffer: each `dns.query` condition of a rule
    /// holds when one of the names (`dns_query`, then these) satisfies it,
    /// all in one inspection of the packet (SEMANTICS §2.3). Empty for a
    /// request of one question, and whenever `dns_query` is `None`.
    pub dns_query_more: &'a [&'a [u8]],
    /// `quic.sni`: the SNI of the QUIC Initial.
    pub quic_sni: Option<&'a [u8]>,
    /// An `AppRequest` on the client's first packet of the flow (a UDP DNS
    /// request or QUIC Initial in one datagram), or an `AppResponse` on the
    /// server's first (a UDP reply of a flow whose app protocol is known):
    /// Suricata parses a UDP payload before detection, so the IP-only rules,
    /// inspected on a direction's first packet, and the app-layer rules go
    /// to one queue for that packet and apply in decision order (SEMANTICS
    /// §4.3): an IP-only drop does not come before a `dns.query` pass. Such
    /// a query replaces that direction's `FlowStart` query. False for every
    /// other query.
    pub first_packet: bool,
}

impl<'a> Query<'a> {
    /// A query for the first packet of a flow, client to server: not established,
    /// no app protocol, no buffers.
    pub fn flow_start(
        proto: IpProto,
        src: IpAddr,
        src_port: u16,
        dst: IpAddr,
        dst_port: u16,
    ) -> Self {
        Query {
            stage: Stage::FlowStart,
            proto,
            src,
            src_port,
            dst,
            dst_port,
            direction: FlowDirection::ToServer,
            established: false,
            app_proto: None,
            tls_sni: None,
            http_host: None,
            http_host_raw: None,
            http_header_names: None,
            dns_query: None,
            dns_query_more: &[],
            quic_sni: None,
            first_packet: false,
        }
    }

    /// The same flow seen in the other direction (addresses and ports swapped).
    pub fn reversed(mut self) -> Self {
        std::mem::swap(&mut self.src, &mut self.dst);
        std::mem::swap(&mut self.src_port, &mut self.dst_port);
        self.direction = match self.direction {
            FlowDirection::ToServer => FlowDirection::ToClient,
            FlowDirection::ToClient => FlowDirection::ToServer,
        };
        self
    }

    /// The `AppRequest` query of this flow: established, to_server, with the given
    /// app protocol and no buffers yet (set the buffer fields afterwards).
    pub fn app_request(self, app_proto: AppProto) -> Self {
        let base = match self.direction {
            FlowDirection::ToServer => self,
            FlowDirection::ToClient => self.reversed(),
        };
        Query {
            stage: Stage::AppRequest,
            established: true,
            app_proto: Some(app_proto),
            ..base
        }
    }

    /// A client packet of this flow whose request is not complete yet
    /// ([`Stage::AppPartial`]): established (as for TCP; a QUIC Initial sets
    /// it from the flow), to_server, with the detected app protocol and no
    /// buffers.
    pub fn app_partial(self, app_proto: AppProto) -> Self {
        Query {
            stage: Stage::AppPartial,
            ..self.app_request(app_proto)
        }
    }

    /// The server's reply of this flow: `AppResponse`, established,
    /// to_client, with the given app protocol (`None`: not detected, e.g. a
    /// server that speaks first) and no buffers; an HTTP reply may then get
    /// its response head's `http_header_names`, the one buffer Suricata
    /// also fills from the server's side.
    pub fn app_response(self, app_proto: Option<AppProto>) -> Self {
        let client = match self.direction {
            FlowDirection::ToServer => self,
            FlowDirection::ToClient => self.reversed(),
        };
        // No buffers, not a first packet: the flow start's, reversed.
        let start = Query::flow_start(
            client.proto,
            client.src,
            client.src_port,
            client.dst,
            client.dst_port,
        );
        Query {
            stage: Stage::AppResponse,
            established: true,
            app_proto,
            ..start.reversed()
        }
    }

    /// The TLS handshake message of this query's packet ([`TlsHello`]).
    #[inline]
    pub fn tls_hello(&self) -> TlsHello {
        match (self.stage, self.app_proto, self.direction) {
            (Stage::AppRequest, Some(AppProto::Tls), FlowDirection::ToServer) => TlsHello::Client,
            (Stage::AppResponse, Some(AppProto::Tls), FlowDirection::ToClient) => TlsHello::Server,
            _ => TlsHello::None,
        }
    }

    /// True when the flow is IPv6.
    pub fn is_ipv6(&self) -> bool {
        self.src.is_ipv6()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_request_is_established_to_server_whatever_the_base_direction() {
        let s = Query::flow_start(
            IpProto::Tcp,
            "10.0.0.5".parse().unwrap(),
            40000,
            "93.184.216.34".parse().unwrap(),
            443,
        );
        let r = s.reversed();
        assert_eq!(r.direction, FlowDirection::ToClient);
        assert_eq!(r.src_port, 443);
        let a = r.app_request(AppProto::Tls);
        assert_eq!(a.stage, Stage::AppRequest);
        assert_eq!(a.direction, FlowDirection::ToServer);
        assert_eq!(a.dst_port, 443);
        assert!(a.established);
        assert!(AppProto::Http2.is_selected_by("http"));
        assert!(!AppProto::Http2.is_selected_by("http1"));
        assert_eq!(IpProto::Icmp.number_for(true), 58);
    }
}
