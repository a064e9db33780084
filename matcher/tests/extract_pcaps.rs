//! `extract` on real captures: the conformance captures recorded with Suricata
//! 8.0.6 (../shared/conformance/decide/*/capture.pcap, checked against the SNI /
//! request of the same flow in flows.json) and nDPI's captures
//! (../shared/corpus/pcaps/ndpi, checked against nDPI's `Hostname/SNI`).
//! Client streams are reassembled from the TCP segments by sequence number.
//! Skips with a message when ../shared is absent.

mod common;

use common::{addrs, for_each_packet, shared};
use etherparse::{SlicedPacket, TransportSlice};
use ferrule_matcher::extract::http::{parse_request, Http};
use ferrule_matcher::extract::tls::{client_hello_sni, Sni};
use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::path::{Path, PathBuf};

type Key = (IpAddr, u16, IpAddr, u16);

#[derive(Default)]
struct Dir {
    isn: Option<u32>,
    first_seq: Option<u32>,
    segs: BTreeMap<u32, Vec<u8>>,
    data_packets: usize,
}

fn packet(p: &SlicedPacket<'_>, flows: &mut HashMap<Key, Dir>) {
    let Some((src, dst)) = addrs(p) else { return };
    let Some(TransportSlice::Tcp(tcp)) = &p.transport else {
        return;
    };
    let d = flows
        .entry((src, tcp.source_port(), dst, tcp.destination_port()))
        .or_default();
    if tcp.syn() {
        d.isn = Some(tcp.sequence_number());
    }
    let payload = tcp.payload();
    if !payload.is_empty() {
        d.data_packets += 1;
        d.first_seq.get_or_insert(tcp.sequence_number());
        d.segs
            .entry(tcp.sequence_number())
            .or_insert_with(|| payload.to_vec());
    }
}

/// Every TCP direction of a capture (pcap or pcapng), reassembled in sequence
/// order up to the first gap.
fn streams(path: &Path) -> HashMap<Key, (Vec<u8>, usize)> {
    let mut flows: HashMap<Key, Dir> = HashMap::new();
    for_each_packet(path, |p| packet(p, &mut flows));
    flows
        .into_iter()
        .map(|(k, d)| {
            let mut next = d
                .isn
                .map(|s| s.wrapping_add(1))
                .or(d.first_seq)
                .unwrap_or(0);
            let mut out = Vec::new();
            // Segments sorted by seq relative to the start (handles wrap-around).
            let mut segs: Vec<(u32, &Vec<u8>)> = d.segs.iter().map(|(s, p)| (*s, p)).collect();
            segs.sort_by_key(|(s, _)| s.wrapping_sub(next));
            for (seq, p) in segs {
                let skip = next.wrapping_sub(seq) as usize;
                if seq.wrapping_sub(next) as i32 > 0 {
                    break; // gap
                }
                if skip < p.len() {
                    out.extend_from_slice(&p[skip..]);
                    next = seq.wrapping_add(p.len() as u32);
                }
            }
            (k, (out, d.data_packets))
        })
        .collect()
}

fn sni_of(stream: &[u8]) -> Sni<'static> {
    let input: &'static [u8] = Box::leak(stream.to_vec().into_boxed_slice());
    client_hello_sni(input, Box::leak(Box::new(Vec::new())))
}

fn generated_request(host: Option<&str>) -> String {
    let mut r = String::from("GET / HTTP/1.1\r\n");
    if let Some(h) = host {
        r.push_str(&format!("Host: {h}\r\n"));
    }
    r.push_str("User-Agent: ferrule-conformance\r\nAccept: */*\r\n\r\n");
    r
}

#[test]
fn conformance_captures_match_flows_json() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("conformance/decide");
    let (mut tls, mut http, mut split) = (0, 0, 0);
    for case in std::fs::read_dir(&dir).unwrap() {
        let case = case.unwrap().path();
        let flows: serde_like::Flows = serde_like::read(&case.join("flows.json"));
        let streams = streams(&case.join("capture.pcap"));
        for f in flows {
            if f.kind != "tls" && f.kind != "http" {
                continue;
            }
            let key: Key = (f.src, f.sport, f.dst, f.dport);
            let Some((stream, packets)) = streams.get(&key) else {
                panic!("{}: flow {} not in capture", case.display(), f.id);
            };
            match f.kind.as_str() {
                "tls" => {
                    tls += 1;
                    let got = sni_of(stream);
                    match &f.sni {
                        Some(s) => assert_eq!(got, Sni::Found(s.as_bytes()), "{}", f.id),
                        None => assert!(matches!(got, Sni::Absent(_)), "{}: {got:?}", f.id),
                    }
                    if let Some(segs) = &f.segments {
                        split += 1;
                        assert!(*packets >= segs.len(), "{}: not split", f.id);
                        // Every prefix of the reassembled stream up to the hello's end.
                        let mut scratch = Vec::new();
                        let mut first_complete = None;
                        for cut in 0..=stream.len() {
                            let r = client_hello_sni(&stream[..cut], &mut scratch);
                            if r.is_complete() {
                                first_complete = Some(cut);
                                break;
                            }
                        }
                        assert!(first_complete.is_some(), "{}", f.id);
                    }
                }
                "http" => {
                    http += 1;
                    // The generator's User-Agent differs from the capture's: compare
                    // the request line and Host only for generated requests.
                    let expected = match &f.request {
                        Some(r) => r.clone(),
                        None => generated_request(f.host.as_deref())
                            .split("User-Agent")
                            .next()
                            .unwrap_or("")
                            .to_string(),
                    };
                    assert!(
                        stream.starts_with(expected.as_bytes()),
                        "{}: request differs",
                        f.id
                    );
                    let mut scratch = Vec::new();
                    let Http::Request(r) = parse_request(stream, &mut scratch) else {
                        panic!("{}: not parsed", f.id)
                    };
                    if f.request.is_none() {
                        let host = f.host.as_deref();
                        assert_eq!(r.host_raw, host.map(str::as_bytes), "{}", f.id);
                        let norm = host.map(|h| h.split(':').next().unwrap().to_ascii_lowercase());
                        assert_eq!(r.host, norm.as_deref().map(str::as_bytes), "{}", f.id);
                        assert_eq!(
                            r.header_names,
                            &b"\r\nHost\r\nUser-Agent\r\nAccept\r\n\r\n"[..]
                        );
                    }
                }
                _ => {}
            }
        }
    }
    eprintln!("conformance captures: {tls} TLS flows, {split} split, {http} HTTP flows");
    assert!(
        tls >= 50 && http >= 30 && split >= 3,
        "{tls} {http} {split}"
    );
}

/// Known differences with nDPI's reading, each with its reason.
const NDPI_DIFFERENCES: &[(&str, &str)] = &[
    (
        "smtp-starttls.pcap",
        "TLS after SMTP STARTTLS: the client stream starts with SMTP, so the \
         caller must hand `client_hello_sni` the stream from the TLS start",
    ),
    (
        "http_origin_different_than_host.pcap",
        "this test's reassembler yields no client bytes for the flow",
    ),
    (
        "tls_invalid_reads.pcap",
        "this test's reassembler yields no client bytes for the flow",
    ),
];

#[test]
fn ndpi_captures_match_ndpi_names() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("corpus/pcaps/ndpi");
    let mut checked = 0;
    let mut diffs = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pcap" || e == "pcapng"))
        .collect();
    names.sort();
    for pcap in names {
        let out = std::fs::read_to_string(format!("{}.ndpi.out", pcap.display())).unwrap();
        let streams = streams(&pcap);
        let file = pcap.file_name().unwrap().to_string_lossy().to_string();
        for line in out.lines() {
            let Some(rest) = line.trim_start().split_once("TCP ").map(|x| x.1) else {
                continue;
            };
            let Some(name) = line
                .split("[Hostname/SNI: ")
                .nth(1)
                .and_then(|s| s.split(']').next())
            else {
                continue;
            };
            let Some((a, rest)) = rest.split_once(" <-> ").or_else(|| rest.split_once(" -> "))
            else {
                continue;
            };
            let b = rest.split(' ').next().unwrap();
            let ep = |s: &str| -> Option<(IpAddr, u16)> {
                let (ip, port) = s.rsplit_once(':')?;
                Some((
                    ip.trim_matches(['[', ']']).parse().ok()?,
                    port.parse().ok()?,
                ))
            };
            let (Some(a), Some(b)) = (ep(a), ep(b)) else {
                continue;
            };
            let proto = line
                .split("[proto: ")
                .nth(1)
                .and_then(|p| p.split(']').next())
                .unwrap_or("");
            let is_tls = proto.contains("TLS") || proto.contains("SMTPS");
            let is_http = proto.contains("HTTP");
            if !is_tls && !is_http {
                continue;
            }
            let fwd = streams
                .get(&(a.0, a.1, b.0, b.1))
                .map(|s| s.0.as_slice())
                .unwrap_or(&[]);
            let rev = streams
                .get(&(b.0, b.1, a.0, a.1))
                .map(|s| s.0.as_slice())
                .unwrap_or(&[]);
            let flow = format!("{file} {a:?}->{b:?}");
            let got: Option<Vec<u8>> = if is_tls {
                [fwd, rev]
                    .iter()
                    .find_map(|s| sni_of(s).name().map(<[u8]>::to_vec))
            } else {
                [fwd, rev].iter().find_map(|s| {
                    let mut scratch = Vec::new();
                    match parse_request(s, &mut scratch) {
                        Http::Request(r) => r.host.map(<[u8]>::to_vec),
                        _ => None,
                    }
                })
            };
            checked += 1;
            let got = got.map(|g| String::from_utf8_lossy(&g).to_string());
            let ok = got.as_deref().is_some_and(|g| g.eq_ignore_ascii_case(name));
            eprintln!(
                "{} {flow}: nDPI {name:?}, ferrule {got:?}",
                if ok { "ok  " } else { "DIFF" }
            );
            if !ok {
                for s in [fwd, rev] {
                    let mut scratch = Vec::new();
                    eprintln!(
                        "     tls {:?} http {:?} start {:?}",
                        sni_of(s),
                        parse_request(s, &mut scratch),
                        String::from_utf8_lossy(&s[..s.len().min(60)])
                    );
                }
                diffs.push(flow);
            }
        }
    }
    let unexplained: Vec<&String> = diffs
        .iter()
        .filter(|d| !NDPI_DIFFERENCES.iter().any(|(k, _)| d.starts_with(k)))
        .collect();
    assert!(
        unexplained.is_empty(),
        "unexplained differences: {unexplained:#?}"
    );
    assert!(checked >= 20, "only {checked} flows checked");
}

/// A minimal reader of flows.json (no serde in the matcher's dev-dependencies).
mod serde_like {
    use std::net::IpAddr;
    use std::path::Path;

    pub struct Flow {
        pub id: String,
        pub kind: String,
        pub src: IpAddr,
        pub sport: u16,
        pub dst: IpAddr,
        pub dport: u16,
        pub sni: Option<String>,
        pub host: Option<String>,
        pub request: Option<String>,
        pub segments: Option<Vec<usize>>,
    }
    pub type Flows = Vec<Flow>;

    fn field<'a>(obj: &'a str, name: &str) -> Option<&'a str> {
        let at = obj.find(&format!("\"{name}\":"))? + name.len() + 3;
        Some(obj[at..].trim_start())
    }
    fn string(obj: &str, name: &str) -> Option<String> {
        let v = field(obj, name)?;
        let v = v.strip_prefix('"')?;
        let mut out = String::new();
        let mut chars = v.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return Some(out),
                '\\' => match chars.next()? {
                    'r' => out.push('\r'),
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    c => out.push(c),
                },
                c => out.push(c),
            }
        }
        None
    }
    fn number(obj: &str, name: &str) -> u16 {
        let v = field(obj, name).unwrap();
        v[..v.find(|c: char| !c.is_ascii_digit()).unwrap()]
            .parse()
            .unwrap()
    }

    pub fn read(path: &Path) -> Flows {
        let text = std::fs::read_to_string(path).unwrap();
        text.split("\n {")
            .skip(1)
            .map(|obj| Flow {
                id: string(obj, "id").unwrap(),
                kind: string(obj, "kind").unwrap(),
                src: string(obj, "src").unwrap().parse().unwrap(),
                sport: number(obj, "sport"),
                dst: string(obj, "dst").unwrap().parse().unwrap(),
                dport: number(obj, "dport"),
                sni: string(obj, "sni"),
                host: string(obj, "host"),
                request: string(obj, "request"),
                segments: field(obj, "segments").map(|v| {
                    v[1..v.find(']').unwrap()]
                        .split(',')
                        .filter_map(|n| n.trim().parse().ok())
                        .collect()
                }),
            })
            .collect()
    }
}
