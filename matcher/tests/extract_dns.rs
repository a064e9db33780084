//! `extract::dns` on real DNS packets: nDPI's captures
//! (../shared/corpus/pcaps/ndpi, listed in ../shared/corpus/pcaps/INDEX.md:
//! `punycode-idn.pcap` — `i.scdn.co`, `www.xn--mnich-kva.com`;
//! `http_connect.pcap` — `apache.org` with an EDNS OPT record) and
//! suricata-verify's (`dns/dns-query/dns-detect-query-02/input.pcap`,
//! `detect-dotprefix-02/input.pcap`, `issues/issue-4759.1/tcpdns.pcap`, DNS
//! over TCP). Every client datagram to port 53 is a request whose
//! `dns.query` is the expected name (nDPI's `Hostname/SNI`, or the name the
//! suricata-verify rules match); every server datagram is a response (no
//! `dns.query`, probed as DNS). Skips with a message when ../shared is absent.

mod common;

use common::{for_each_packet, shared};
use etherparse::TransportSlice;
use ferrule_matcher::extract::dns::{
    probe_tcp, probe_udp, query_name, request, DnsError, DnsQuery, Probe, Transport,
};
use std::collections::BTreeMap;
use std::path::Path;

/// (to the server, client port, payload) of every UDP or TCP packet with a
/// payload to or from port 53, in capture order.
fn dns_packets(path: &Path, tcp: bool) -> Vec<(bool, u16, Vec<u8>)> {
    let mut out = Vec::new();
    for_each_packet(path, |p| {
        let (sp, dp, payload) = match (&p.transport, tcp) {
            (Some(TransportSlice::Udp(u)), false) => {
                (u.source_port(), u.destination_port(), u.payload())
            }
            (Some(TransportSlice::Tcp(t)), true) => {
                (t.source_port(), t.destination_port(), t.payload())
            }
            _ => return,
        };
        if payload.is_empty() || (sp != 53 && dp != 53) {
            return;
        }
        let to_server = dp == 53;
        out.push((to_server, if to_server { sp } else { dp }, payload.to_vec()));
    });
    out
}

/// The names of the requests of a UDP capture, checking its responses.
fn udp_names(path: &Path) -> Vec<String> {
    let mut names = Vec::new();
    let mut scratch = Vec::new();
    let packets = dns_packets(path, false);
    assert!(!packets.is_empty(), "{}", path.display());
    for (to_server, _, payload) in packets {
        if to_server {
            assert_eq!(probe_udp(&payload), Probe::Request);
            let DnsQuery::Found(n) = query_name(&payload, Transport::Udp, &mut scratch) else {
                panic!("{}: no dns.query in {payload:02x?}", path.display())
            };
            names.push(String::from_utf8(n.to_vec()).unwrap());
        } else {
            assert_eq!(probe_udp(&payload), Probe::Response);
            assert_eq!(request(&payload), Err(DnsError::NotRequest));
        }
    }
    names
}

#[test]
fn ndpi_udp_requests() {
    let Some(root) = shared().map(|s| s.join("corpus")) else {
        return;
    };
    let ndpi = root.join("pcaps/ndpi");
    assert_eq!(
        udp_names(&ndpi.join("punycode-idn.pcap")),
        ["i.scdn.co", "www.xn--mnich-kva.com"]
    );
    // With an EDNS OPT additional record.
    assert_eq!(udp_names(&ndpi.join("http_connect.pcap")), ["apache.org"]);
}

#[test]
fn suricata_verify_udp_requests() {
    let Some(root) = shared().map(|s| s.join("corpus")) else {
        return;
    };
    let sv = root.join("suricata-verify");
    assert_eq!(
        udp_names(&sv.join("dns/dns-query/dns-detect-query-02/input.pcap")),
        ["google.com", "google.net"]
    );
    // The responses here use compression pointers (CNAME chains).
    assert_eq!(
        udp_names(&sv.join("detect-dotprefix-02/input.pcap")),
        ["maps.google.co.uk", "maps.l.google.com"]
    );
}

#[test]
fn suricata_verify_tcp_requests_reassembled() {
    let Some(root) = shared().map(|s| s.join("corpus")) else {
        return;
    };
    let path = root.join("suricata-verify/issues/issue-4759.1/tcpdns.pcap");
    // Per client port: the client's stream (no retransmissions in this
    // capture, so concatenation in capture order is the stream).
    let mut streams: BTreeMap<u16, Vec<u8>> = BTreeMap::new();
    for (to_server, port, payload) in dns_packets(&path, true) {
        if to_server {
            streams.entry(port).or_default().extend_from_slice(&payload);
        }
    }
    let mut scratch = Vec::new();
    let mut names = Vec::new();
    for stream in streams.values() {
        for cut in 0..stream.len() {
            assert_eq!(
                query_name(&stream[..cut], Transport::Tcp, &mut scratch),
                DnsQuery::NeedMore
            );
            assert_eq!(
                probe_tcp(&stream[..cut]),
                if cut < 14 {
                    Probe::NeedMore
                } else {
                    Probe::Request
                }
            );
        }
        let n = query_name(stream, Transport::Tcp, &mut scratch)
            .name()
            .unwrap();
        names.push(String::from_utf8(n.to_vec()).unwrap());
    }
    assert_eq!(names, ["google.com", "aol.com"]);
}
