//! Frames from a capture file held in memory: legacy pcap (microsecond or
//! nanosecond, either byte order, and the "modified" Kuznetzov format) and
//! pcapng (several sections and interfaces, per-interface link type and
//! timestamp resolution), parsed with `pcap-parser`.
//!
//! ```
//! use ferrule_matcher::flow::pcap::{Capture, CaptureError};
//! // A legacy pcap header (Ethernet) with no packet.
//! let mut file = vec![0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0];
//! file.extend_from_slice(&[0; 8]);
//! file.extend_from_slice(&65535u32.to_le_bytes());
//! file.extend_from_slice(&1u32.to_le_bytes());
//! let mut cap = Capture::new(&file).unwrap();
//! assert!(cap.next().is_none());
//! assert!(matches!(Capture::new(b"not a capture"), Err(CaptureError::NotACapture)));
//! ```

use super::{LinkType, Timestamp};
use pcap_parser::pcapng::Block;
use pcap_parser::{PcapError, PcapHeader};
use std::fmt;
use std::time::Duration;

/// One captured frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame<'a> {
    /// Its link layer; `Err(n)`: the `LINKTYPE_*` number is not supported.
    pub link: Result<LinkType, i32>,
    /// Capture time.
    pub ts: Timestamp,
    /// The captured bytes (possibly cut at the snap length).
    pub data: &'a [u8],
}

/// Why a capture could not be read (further).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptureError {
    /// Neither a pcap nor a pcapng file.
    NotACapture,
    /// The file ends inside a record, at this byte offset.
    Truncated(usize),
    /// A malformed record at this byte offset.
    Malformed(usize, String),
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaptureError::NotACapture => write!(f, "not a pcap or pcapng capture"),
            CaptureError::Truncated(o) => {
                write!(f, "capture truncated inside the record at byte {o}")
            }
            CaptureError::Malformed(o, m) => write!(f, "malformed record at byte {o}: {m}"),
        }
    }
}

impl std::error::Error for CaptureError {}

#[derive(Debug, Clone, Copy)]
struct Interface {
    link: Result<LinkType, i32>,
    /// Units per second.
    resolution: u64,
    /// Seconds added to every timestamp.
    offset: i64,
}

enum Format {
    Legacy {
        header: PcapHeader,
    },
    Ng {
        big_endian: bool,
        interfaces: Vec<Interface>,
    },
}

/// An iterator over the frames of a capture in memory; stops at the first
/// error (yielded once).
pub struct Capture<'a> {
    data: &'a [u8],
    pos: usize,
    format: Format,
    done: bool,
}

fn link_of(n: i32) -> Result<LinkType, i32> {
    LinkType::from_pcap(n).ok_or(n)
}

/// Timestamp of `units` at `resolution` units per second plus `offset` s.
fn ts_of(units: u64, resolution: u64, offset: i64) -> Timestamp {
    let resolution = resolution.max(1);
    let secs = (units / resolution).saturating_add_signed(offset);
    let frac = u128::from(units % resolution) * 1_000_000_000 / u128::from(resolution);
    Duration::new(secs, u32::try_from(frac).unwrap_or(0))
}

fn err_of(pos: usize, e: pcap_parser::nom::Err<PcapError<&[u8]>>) -> CaptureError {
    match e {
        pcap_parser::nom::Err::Incomplete(_) => CaptureError::Truncated(pos),
        pcap_parser::nom::Err::Error(e) | pcap_parser::nom::Err::Failure(e) => {
            CaptureError::Malformed(pos, e.to_string())
        }
    }
}

impl<'a> Capture<'a> {
    /// Recognise the file's format from its first bytes.
    pub fn new(data: &'a [u8]) -> Result<Capture<'a>, CaptureError> {
        if pcap_parser::parse_sectionheaderblock(data).is_ok() {
            return Ok(Capture {
                data,
                pos: 0,
                format: Format::Ng {
                    big_endian: false,
                    interfaces: Vec::new(),
                },
                done: false,
            });
        }
        match pcap_parser::parse_pcap_header(data) {
            Ok((rest, header)) => Ok(Capture {
                data,
                pos: data.len() - rest.len(),
                format: Format::Legacy { header },
                done: false,
            }),
            Err(_) => Err(CaptureError::NotACapture),
        }
    }

    /// Bytes of the file consumed so far (for progress reports).
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Size of the file.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// True when the file is empty.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    fn next_frame(&mut self) -> Option<Result<Frame<'a>, CaptureError>> {
        loop {
            let rest = self.data.get(self.pos..)?;
            if rest.is_empty() {
                return None;
            }
            match &mut self.format {
                Format::Legacy { header } => {
                    let parsed = if header.is_modified_format() {
                        pcap_parser::parse_pcap_frame_modified(rest)
                    } else if header.is_bigendian() {
                        pcap_parser::parse_pcap_frame_be(rest)
                    } else {
                        pcap_parser::parse_pcap_frame(rest)
                    };
                    let (after, b) = match parsed {
                        Ok(x) => x,
                        Err(e) => return Some(Err(err_of(self.pos, e))),
                    };
                    self.pos = self.data.len() - after.len();
                    let units_per_sec = if header.is_nanosecond_precision() {
                        1_000_000_000
                    } else {
                        1_000_000
                    };
                    let units = u64::from(b.ts_sec) * units_per_sec + u64::from(b.ts_usec);
                    return Some(Ok(Frame {
                        link: link_of(header.network.0),
                        ts: ts_of(units, units_per_sec, 0),
                        data: b.data,
                    }));
                }
                Format::Ng {
                    big_endian,
                    interfaces,
                } => {
                    // A block is at least 12 bytes (type, length, length).
                    // pcap-parser 0.17 checks a Process Information Block's
                    // length against 4 and then subtracts 12: an overflow
                    // (a panic with overflow checks) on a length of 4-11,
                    // found by the `pcap_replay` fuzz target.
                    if let Some(len) = rest.get(4..8) {
                        let len = [len[0], len[1], len[2], len[3]];
                        let len = if *big_endian {
                            u32::from_be_bytes(len)
                        } else {
                            u32::from_le_bytes(len)
                        };
                        if len < 12 {
                            return Some(Err(CaptureError::Malformed(
                                self.pos,
                                format!("pcapng block length {len}, less than 12"),
                            )));
                        }
                    }
                    let parsed = if *big_endian {
                        pcap_parser::parse_block_be(rest)
                    } else {
                        pcap_parser::parse_block_le(rest)
                    };
                    let (after, block) = match parsed {
                        Ok(x) => x,
                        Err(e) => return Some(Err(err_of(self.pos, e))),
                    };
                    if after.len() >= rest.len() {
                        return Some(Err(CaptureError::Malformed(self.pos, "empty block".into())));
                    }
                    self.pos = self.data.len() - after.len();
                    match block {
                        Block::SectionHeader(shb) => {
                            *big_endian = shb.big_endian();
                            interfaces.clear();
                        }
                        Block::InterfaceDescription(idb) => interfaces.push(Interface {
                            link: link_of(idb.linktype.0),
                            resolution: idb.ts_resolution().unwrap_or(1_000_000),
                            offset: idb.if_tsoffset,
                        }),
                        Block::EnhancedPacket(epb) => {
                            let iface = usize::try_from(epb.if_id)
                                .ok()
                                .and_then(|i| interfaces.get(i));
                            let Some(iface) = iface else {
                                return Some(Err(CaptureError::Malformed(
                                    self.pos,
                                    format!("packet of undeclared interface {}", epb.if_id),
                                )));
                            };
                            let units = (u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low);
                            let len = usize::try_from(epb.caplen).unwrap_or(usize::MAX);
                            return Some(Ok(Frame {
                                link: iface.link,
                                ts: ts_of(units, iface.resolution, iface.offset),
                                data: epb.data.get(..len).unwrap_or(epb.data),
                            }));
                        }
                        Block::SimplePacket(spb) => {
                            let Some(iface) = interfaces.first() else {
                                return Some(Err(CaptureError::Malformed(
                                    self.pos,
                                    "packet before any interface".into(),
                                )));
                            };
                            let len = usize::try_from(spb.origlen).unwrap_or(usize::MAX);
                            return Some(Ok(Frame {
                                link: iface.link,
                                ts: Duration::ZERO,
                                data: spb.data.get(..len).unwrap_or(spb.data),
                            }));
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}

impl<'a> Iterator for Capture<'a> {
    type Item = Result<Frame<'a>, CaptureError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let r = self.next_frame();
        if !matches!(r, Some(Ok(_))) {
            self.done = true;
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(
            ts_of(1_500_000, 1_000_000, 0),
            Duration::new(1, 500_000_000)
        );
        assert_eq!(ts_of(3, 0, -10), Duration::new(0, 0));
        assert_eq!(ts_of(u64::MAX, 1, i64::MAX), Duration::new(u64::MAX, 0));
    }

    /// A pcapng block shorter than its 12-byte frame is a malformed record,
    /// said before pcap-parser sees it (its Process Information Block
    /// parser subtracts 12 from a length it only checked against 4). The
    /// input is the `pcap_replay` fuzz target's crash, without its mode
    /// byte.
    #[test]
    fn a_pcapng_block_shorter_than_12_bytes_is_malformed() {
        let data: &[u8] = &[
            0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0x00, 0x00, 0x00, 0x4d, 0x3c, 0x2b, 0x1a, 0x01, 0x00,
            0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x1c, 0x00, 0x00, 0x00,
            0x01, 0x00, 0x00, 0x80, 0x0a, 0x00, 0x00, 0x00, 0xe9, 0x00, 0x18, 0x20, 0x00, 0x34,
            0xd5, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x2e,
        ];
        let mut c = Capture::new(data).expect("a pcapng section header");
        let errors: Vec<String> = c
            .by_ref()
            .filter_map(Result::err)
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            errors,
            ["malformed record at byte 28: pcapng block length 10, less than 12"]
        );
    }
}
