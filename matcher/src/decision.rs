//! What deciding a flow produces (SPEC §6): a [`Decision`] and, through an
//! [`AlertSink`], the alerts Suricata would log.

use crate::{FlowDirection, Query, Stage, Verdict};

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
    /// The AWS rule group the rule came from, numbered from 1 in load order;
    /// 0 for rules outside any (a Suricata rules file). AWS scopes sids per
    /// rule group, so two rules of different groups may share their `(gid,
    /// sid)`: `(group, gid, sid)` names a rule. (A `u16` keeps the reference
    /// 16 bytes.)
    pub group: u16,
}

// A rule reference stays 16 bytes: every slot of the decision table has one.
const _: () = assert!(std::mem::size_of::<RuleRef>() == 16);

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

/// An AWS stateful default action (SEMANTICS §5.6), as the compiled
/// [`crate::Ruleset`] applies it in strict order: it acts on the packets no
/// pass/drop/reject rule ended processing of, at the packets it names
/// ([`DefaultAction::applies`]). Mirrors the compiler's
/// `StatefulDefaultAction` (the matcher does not depend on the compiler).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DefaultAction {
    /// `aws:drop_strict`
    DropStrict,
    /// `aws:drop_established`
    DropEstablished,
    /// `aws:drop_established_app_layer`
    DropEstablishedAppLayer,
    /// `aws:drop_established_app_layer_to_server`
    DropEstablishedAppLayerToServer,
    /// `aws:alert_strict`
    AlertStrict,
    /// `aws:alert_established`
    AlertEstablished,
    /// `aws:alert_established_app_layer`
    AlertEstablishedAppLayer,
    /// `aws:alert_established_app_layer_to_server`
    AlertEstablishedAppLayerToServer,
}

impl DefaultAction {
    /// True for the drop family (the others only log).
    pub fn is_drop(&self) -> bool {
        matches!(
            self,
            DefaultAction::DropStrict
                | DefaultAction::DropEstablished
                | DefaultAction::DropEstablishedAppLayer
                | DefaultAction::DropEstablishedAppLayerToServer
        )
    }

    /// Is `q` a packet this action acts on? `*_strict`: every packet (the
    /// TCP handshake included); `*_established`: established packets;
    /// `*_app_layer`: the established `AppRequest` and the server's
    /// `AppResponse` (AWS: both directions, server banners included), not
    /// the `AppPartial` segments before the request is complete (AWS: the
    /// app-layer defaults wait for the reassembled ClientHello);
    /// `*_to_server`: the `AppRequest` only, client to server.
    pub fn applies(&self, q: &Query) -> bool {
        use DefaultAction as D;
        match self {
            D::DropStrict | D::AlertStrict => true,
            D::DropEstablished | D::AlertEstablished => q.established,
            D::DropEstablishedAppLayer | D::AlertEstablishedAppLayer => {
                matches!(q.stage, Stage::AppRequest | Stage::AppResponse) && q.established
            }
            D::DropEstablishedAppLayerToServer | D::AlertEstablishedAppLayerToServer => {
                q.stage == Stage::AppRequest
                    && q.established
                    && q.direction == FlowDirection::ToServer
            }
        }
    }
}

/// Receives the alerts raised while deciding (what Suricata logs as eve `alert`
/// records). The caller chooses the storage, so deciding allocates nothing.
pub trait AlertSink {
    /// One alert, in processing order.
    fn alert(&mut self, rule: RuleRef);

    /// One alert logged by an `aws:alert_*` stateful default action (strict
    /// order) on a packet at `stage`. Ignored unless the sink overrides it.
    fn default_alert(&mut self, action: DefaultAction, stage: Stage) {
        let _ = (action, stage);
    }
}

/// An [`AlertSink`] that keeps everything: rule alerts in processing order and
/// the default actions' alerts, one per packet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllAlerts {
    /// Rule alerts.
    pub rules: Vec<RuleRef>,
    /// `aws:alert_*` default alerts, with the stage of the packet.
    pub defaults: Vec<(DefaultAction, Stage)>,
}

impl AlertSink for AllAlerts {
    fn alert(&mut self, rule: RuleRef) {
        self.rules.push(rule);
    }
    fn default_alert(&mut self, action: DefaultAction, stage: Stage) {
        self.defaults.push((action, stage));
    }
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
