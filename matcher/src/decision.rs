//! What deciding a flow produces (SPEC §6): a [`Decision`] and, through an
//! [`AlertSink`], the alerts Suricata would log.

use crate::{Stage, Verdict};

/// A rule's action class, as far as deciding is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleAction {
    /// `pass`
    Pass,
    /// `drop`
    Drop,
    /// `reject`, `rejectsrc`, `rejectdst`, `rejectboth`
    Reject,
    /// `alert` (and anything else that only logs)
    Alert,
}

impl RuleAction {
    /// Lowercase name.
    pub fn as_str(&self) -> &'static str {
        match self {
            RuleAction::Pass => "pass",
            RuleAction::Drop => "drop",
            RuleAction::Reject => "reject",
            RuleAction::Alert => "alert",
        }
    }
}

/// A small, copyable reference to a rule: enough to name it in a decision or an
/// alert without borrowing the rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleRef {
    /// Generator id (default 1).
    pub gid: u32,
    /// Signature id.
    pub sid: u32,
    /// Revision (default 0).
    pub rev: u32,
    /// Action class.
    pub action: RuleAction,
}

/// The outcome of deciding a query or a whole flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decision {
    /// What happens to the flow.
    pub verdict: Verdict,
    /// The rule that decided, if a rule did.
    pub rule: Option<RuleRef>,
    /// The stage at which the verdict was reached (None when nothing decided).
    pub stage: Option<Stage>,
    /// True when a default action (not a rule) decided.
    pub default_action: bool,
}

impl Decision {
    /// Nothing decided: verdict [`Verdict::None`].
    pub const NONE: Decision = Decision {
        verdict: Verdict::None,
        rule: None,
        stage: None,
        default_action: false,
    };
}

impl Default for Decision {
    fn default() -> Self {
        Decision::NONE
    }
}

/// Receives the alerts raised while deciding (what Suricata logs as eve `alert`
/// records). The caller chooses the storage, so deciding allocates nothing.
pub trait AlertSink {
    /// One alert, in processing order.
    fn alert(&mut self, rule: RuleRef);
}

impl AlertSink for Vec<RuleRef> {
    fn alert(&mut self, rule: RuleRef) {
        self.push(rule);
    }
}

/// An [`AlertSink`] that discards every alert.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoAlerts;

impl AlertSink for NoAlerts {
    fn alert(&mut self, _rule: RuleRef) {}
}

/// An [`AlertSink`] that only counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct CountAlerts(pub usize);

impl AlertSink for CountAlerts {
    fn alert(&mut self, _rule: RuleRef) {
        self.0 += 1;
    }
}
