//! Frame decoding with `etherparse`: link layer, IPv4/IPv6, TCP/UDP headers.

use crate::IpProto;
use etherparse::{NetSlice, SlicedPacket, TransportSlice};
use std::net::IpAddr;

/// The link layer a frame starts with (pcap `LINKTYPE_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkType {
    /// Ethernet II, with optional VLAN / QinQ tags (`LINKTYPE_ETHERNET`, 1).
    Ethernet,
    /// A bare IPv4 or IPv6 packet (`LINKTYPE_RAW` 101, `LINKTYPE_IPV4` 228,
    /// `LINKTYPE_IPV6` 229).
    RawIp,
    /// Linux "cooked" capture v1 (`LINKTYPE_LINUX_SLL`, 113).
    LinuxSll,
    /// BSD loopback: a 4-byte address family, then IP (`LINKTYPE_NULL` 0,
    /// `LINKTYPE_LOOP` 108).
    Null,
}

impl LinkType {
    /// The link type of a pcap / pcapng `LINKTYPE_*` number, if supported.
    ///
    /// ```
    /// use ferrule_matcher::flow::LinkType;
    /// assert_eq!(LinkType::from_pcap(1), Some(LinkType::Ethernet));
    /// assert_eq!(LinkType::from_pcap(101), Some(LinkType::RawIp));
    /// assert_eq!(LinkType::from_pcap(147), None);
    /// ```
    pub fn from_pcap(linktype: i32) -> Option<LinkType> {
        match linktype {
            1 => Some(LinkType::Ethernet),
            101 | 228 | 229 => Some(LinkType::RawIp),
            113 => Some(LinkType::LinuxSll),
            0 | 108 => Some(LinkType::Null),
            _ => None,
        }
    }
}

/// Why a frame was not attributed to a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkipReason {
    /// The frame could not be decoded (truncated, bad header lengths, ...).
    Malformed,
    /// Not an IP packet (ARP, LLDP, ...).
    NotIp,
    /// A non-first IP fragment (fragments are not reassembled).
    Fragment,
}

/// The TCP fields the tracker needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tcp {
    pub seq: u32,
    pub syn: bool,
    pub ack: bool,
    pub fin: bool,
    pub rst: bool,
}

/// A decoded packet: addresses, ports, protocol, transport payload.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decoded<'a> {
    pub proto: IpProto,
    pub src: IpAddr,
    pub dst: IpAddr,
    pub sport: u16,
    pub dport: u16,
    pub tcp: Option<Tcp>,
    pub payload: &'a [u8],
}

pub(crate) fn decode(frame: &[u8], link: LinkType) -> Result<Decoded<'_>, SkipReason> {
    let sliced = match link {
        LinkType::Ethernet => SlicedPacket::from_ethernet(frame),
        LinkType::RawIp => SlicedPacket::from_ip(frame),
        LinkType::LinuxSll => SlicedPacket::from_linux_sll(frame),
        LinkType::Null => match frame.get(4..) {
            Some(rest) => SlicedPacket::from_ip(rest),
            None => return Err(SkipReason::Malformed),
        },
    }
    .map_err(|_| SkipReason::Malformed)?;
    let (src, dst, fragmented, ip_number, ipv6) = match &sliced.net {
        Some(NetSlice::Ipv4(v4)) => {
            let h = v4.header();
            (
                IpAddr::V4(h.source_addr()),
                IpAddr::V4(h.destination_addr()),
                v4.is_payload_fragmented(),
                v4.payload().ip_number.0,
                false,
            )
        }
        Some(NetSlice::Ipv6(v6)) => {
            let h = v6.header();
            (
                IpAddr::V6(h.source_addr()),
                IpAddr::V6(h.destination_addr()),
                v6.is_payload_fragmented(),
                v6.payload().ip_number.0,
                true,
            )
        }
        _ => return Err(SkipReason::NotIp),
    };
    let mut d = Decoded {
        proto: IpProto::Other(ip_number),
        src,
        dst,
        sport: 0,
        dport: 0,
        tcp: None,
        payload: &[],
    };
    match &sliced.transport {
        Some(TransportSlice::Tcp(t)) => {
            d.proto = IpProto::Tcp;
            d.sport = t.source_port();
            d.dport = t.destination_port();
            d.tcp = Some(Tcp {
                seq: t.sequence_number(),
                syn: t.syn(),
                ack: t.ack(),
                fin: t.fin(),
                rst: t.rst(),
            });
            d.payload = t.payload();
        }
        Some(TransportSlice::Udp(u)) => {
            d.proto = IpProto::Udp;
            d.sport = u.source_port();
            d.dport = u.destination_port();
            d.payload = u.payload();
        }
        Some(TransportSlice::Icmpv4(_)) | Some(TransportSlice::Icmpv6(_)) => {
            d.proto = IpProto::Icmp;
        }
        _ => {
            // etherparse does not slice the transport of a fragmented
            // payload, and fragments are not reassembled here.
            if fragmented && matches!(ip_number, 6 | 17) {
                return Err(SkipReason::Fragment);
            }
            if matches!(ip_number, 6 | 17) || (ip_number == 1 && !ipv6) || (ip_number == 58 && ipv6)
            {
                // A TCP/UDP/ICMP header that did not decode.
                return Err(SkipReason::Malformed);
            }
        }
    }
    Ok(d)
}
