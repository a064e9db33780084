//! Runtime side of Ferrule: the types a firewall links to decide flows.
//!
//! This crate deliberately has no dependency on the rule-text parser: an embedder
//! that only decides links the compiled [`Ruleset`] types and nothing else.
//!
//! - [`query`], [`decision`]: the vocabulary shared with the compiler;
//! - [`table`]: the decision table the compiler's `build` fills, in decision order;
//! - [`inspect`]: the residual-check engine (transforms, content chains, pcre);
//! - [`RulesetBuilder`] -> [`Ruleset`]: the table with interned rule heads, a
//!   whole-name hash index of the domain-style rules, literal prefilters
//!   (Aho-Corasick) for the others; `decide`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod builder;
pub mod decision;
pub mod extract;
pub mod flow;
mod index;
pub mod inspect;
mod prefilter;
pub mod query;
mod ruleset;
pub mod table;

pub use builder::{RulesetBuilder, Template};
pub use decision::{
    AlertSink, AllAlerts, CountAlerts, Decision, DefaultAction, NoAlerts, RuleAction, RuleRef,
};
pub use query::{AppProto, FlowDirection, IpProto, Query, TlsHello};
pub use ruleset::{Ruleset, RulesetError};

/// What a rule (or a default action) does to a flow when it decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// The flow is let through; later rules are not consulted.
    Pass,
    /// The flow is dropped silently.
    Drop,
    /// The flow is dropped and the sender told (TCP RST / ICMP unreachable).
    Reject,
    /// No rule decided: the engine's default applies.
    None,
}

/// The stage of a flow at which a rule can decide (SPEC §4). Non-exhaustive:
/// `AppResponse` and `AppPartial` came later than the other two, and more
/// may come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
#[non_exhaustive]
pub enum Stage {
    /// First packet in each direction: only IP-only header rules can match.
    FlowStart = 0,
    /// The client's request is complete (ClientHello, HTTP request head, ...).
    AppRequest = 1,
    /// A packet from the server after the handshake (established,
    /// to_client): the server's reply (ServerHello, HTTP response, DNS
    /// answer, ...) or a banner. Packet and app-layer rules are inspected on
    /// it, as Suricata inspects every packet of a flow without a verdict;
    /// no client buffer is present (`tls.sni`, `http.host` and the others
    /// are to_server only).
    AppResponse = 2,
    /// A client packet with data after the flow's app protocol was detected
    /// from the first bytes of its request, before the request is complete:
    /// the first segments of a ClientHello or an HTTP request head split
    /// across TCP packets (to_server, established), or a QUIC Initial
    /// before the one that completes the ClientHello (established once the
    /// server has sent something; the flow's first datagram is a
    /// [`Query::first_packet`] one). Suricata detects the
    /// protocol as soon as the first bytes allow and inspects every packet
    /// of an undecided flow, so a rule that needs no buffer — the older AWS
    /// catch-all `drop tls … (flow:to_server, established;)` — matches such
    /// a segment before the SNI or Host exists (SEMANTICS §9). No buffer is
    /// present and no TLS hello (`ssl_state` sees none); the AWS
    /// `*_established_app_layer` default actions wait for the request and do
    /// not act on it, `aws:drop_established` does.
    AppPartial = 3,
}

impl Stage {
    /// The name in explain's and replay's output: `flow_start`,
    /// `app_request`, `app_response`, `app_partial`.
    pub fn name(self) -> &'static str {
        match self {
            Stage::FlowStart => "flow_start",
            Stage::AppRequest => "app_request",
            Stage::AppResponse => "app_response",
            Stage::AppPartial => "app_partial",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn ruleset_is_send_sync_and_empty() {
        assert_send_sync::<Ruleset>();
        assert!(Ruleset::empty().is_empty());
    }
}
