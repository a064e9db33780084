//! Zero-copy, panic-free extraction of the name buffers of SPEC §4 from a
//! client's bytes: `tls.sni` from a TLS ClientHello ([`tls`]),
//! `http.host`, `http.host.raw`, `http.header_names` from an HTTP/1.x request
//! head ([`http`]), `dns.query` from a DNS request over UDP or TCP
//! ([`dns`]) and `quic.sni` from a client's QUIC Initial packets ([`quic`]),
//! derived exactly as Suricata 8 derives them (SEMANTICS §3).
//!
//! The stream entry points take the client's payload from its first byte (the
//! caller concatenates TCP segments) and a caller-owned scratch vector, and
//! answer "need more bytes" until the request is complete. A complete answer
//! never changes when more bytes are appended. Results borrow the input where
//! the bytes appear verbatim and the scratch vector otherwise; nothing else is
//! allocated, and no input makes them panic.

pub mod dns;
#[doc(hidden)]
pub mod fuzzing;
pub mod http;
pub mod quic;
pub mod tls;

pub use dns::{query_name, DnsError, DnsQuery, DnsRequest, Transport};
pub use http::{parse_request, parse_request_as, HostRule, Http, HttpError, HttpRequest};
pub use quic::{QuicError, QuicInitial, QuicSni};
pub use tls::{client_hello_sni, NoSni, Sni, TlsError};
