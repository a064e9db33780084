//! Zero-copy, panic-free extraction of the name buffers of SPEC §4 from a
//! client's byte stream: `tls.sni` from a TLS ClientHello ([`tls`]) and
//! `http.host`, `http.host.raw`, `http.header_names` from an HTTP/1.x request
//! head ([`http`]), derived exactly as Suricata 8 derives them (SEMANTICS §3).
//!
//! Both entry points take the client's payload from its first byte (the caller
//! concatenates TCP segments) and a caller-owned scratch vector, and answer
//! "need more bytes" until the request is complete. A complete answer never
//! changes when more bytes are appended. Results borrow the input where the
//! bytes appear verbatim and the scratch vector otherwise; nothing else is
//! allocated, and no input makes them panic.

#[doc(hidden)]
pub mod fuzzing;
pub mod http;
pub mod tls;

pub use http::{parse_request, Http, HttpError, HttpRequest};
pub use tls::{client_hello_sni, NoSni, Sni, TlsError};
