//! What the capture-based tests share: where ../shared is, and the IP packets
//! of a capture read with the product's own reader (`flow::pcap::Capture`).

#![allow(dead_code)]

use etherparse::{NetSlice, SlicedPacket};
use ferrule_matcher::flow::pcap::Capture;
use ferrule_matcher::flow::LinkType;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

/// `../shared`, or `None` (with a SKIP message) when it is absent.
pub fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("SKIP: {} is absent", p.display());
        None
    }
}

/// Call `f` with every frame of the capture at `path` (pcap or pcapng) that
/// slices as an IP packet, in capture order. Panics, naming the file, on a
/// capture that cannot be read.
pub fn for_each_packet(path: &Path, mut f: impl FnMut(&SlicedPacket<'_>)) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let frames = Capture::new(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for frame in frames {
        let frame = frame.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let data = frame.data;
        let sliced = match frame.link {
            Ok(LinkType::Ethernet) => SlicedPacket::from_ethernet(data),
            Ok(LinkType::LinuxSll) => SlicedPacket::from_ip(data.get(16..).unwrap_or(&[])),
            Ok(LinkType::Null) => SlicedPacket::from_ip(data.get(4..).unwrap_or(&[])),
            _ => SlicedPacket::from_ip(data),
        };
        if let Ok(p) = sliced {
            f(&p);
        }
    }
}

/// Source and destination of an IP packet.
pub fn addrs(p: &SlicedPacket<'_>) -> Option<(IpAddr, IpAddr)> {
    match &p.net {
        Some(NetSlice::Ipv4(v4)) => Some((
            v4.header().source_addr().into(),
            v4.header().destination_addr().into(),
        )),
        Some(NetSlice::Ipv6(v6)) => Some((
            v6.header().source_addr().into(),
            v6.header().destination_addr().into(),
        )),
        _ => None,
    }
}
