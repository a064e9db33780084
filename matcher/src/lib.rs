//! Runtime side of Ferrule: the types a firewall links to decide flows.
//!
//! This crate deliberately has no dependency on the rule-text parser: an embedder
//! that only decides links the compiled [`Ruleset`] types and nothing else. The
//! decision core (automata, decision table) lands with the decision-core issue;
//! for now it holds the vocabulary shared with the compiler.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod decision;
pub mod query;

pub use decision::{AlertSink, CountAlerts, Decision, NoAlerts, RuleAction, RuleRef};
pub use query::{AppProto, FlowDirection, IpProto, Query};

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

/// The stage of a flow at which a rule can decide (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// First packet in each direction: only IP-only header rules can match.
    FlowStart,
    /// The client's request is complete (ClientHello, HTTP request head, ...).
    AppRequest,
}

/// A compiled, immutable rule set. Placeholder until the decision-core issue:
/// it only records how many rules it was built from, so the compiler's API shape
/// (`IR -> Ruleset`) is fixed early.
#[derive(Debug, Clone, Default)]
pub struct Ruleset {
    rules: usize,
}

impl Ruleset {
    /// An empty ruleset (decides nothing).
    pub fn empty() -> Self {
        Self::default()
    }

    /// Number of rules compiled in.
    pub fn len(&self) -> usize {
        self.rules
    }

    /// True when no rule was compiled in.
    pub fn is_empty(&self) -> bool {
        self.rules == 0
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
