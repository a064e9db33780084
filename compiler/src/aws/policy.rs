//! AWS Network Firewall firewall policies: the parts that decide stateful verdicts
//! (SEMANTICS §5.3, §5.6).
//!
//! Accepted shapes, as for rule groups: the `describe-firewall-policy` response
//! `{"FirewallPolicy": .., "FirewallPolicyResponse": ..}`, a create request
//! `{"FirewallPolicyName": .., "FirewallPolicy": ..}`, a bare `FirewallPolicy` object,
//! a CloudFormation `AWS::NetworkFirewall::FirewallPolicy` resource or a template with
//! such resources, the corpus extraction `{"firewall_policies": [..]}`, or a list of
//! these.

use crate::diag::{Code, Diagnostic};
use crate::span::{FileId, Span};

use super::node::{self, Locator, Node};
use super::rule_group::{interpolated, parse_error, RuleGroup};
use super::RuleOrder;

/// Most stateful rule groups per policy (AWS quotas, from secondary sources: the
/// BP guide and a linter citing the quotas page).
pub const MAX_STATEFUL_GROUPS_PER_POLICY: usize = 20;

/// A firewall policy, reduced to what the stateful engine needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// `FirewallPolicyName`, when it is a literal.
    pub name: Option<String>,
    /// The CloudFormation logical id or Terraform address (corpus `_resource`).
    pub resource: Option<String>,
    /// `StatefulEngineOptions.RuleOrder` (default `DEFAULT_ACTION_ORDER`); every
    /// referenced group must use the same order.
    pub rule_order: RuleOrder,
    /// `StatefulRuleGroupReferences`, in the order written (in strict order they are
    /// evaluated by [`StatefulGroupRef::priority`], see [`Policy::groups_in_order`]).
    pub stateful_groups: Vec<StatefulGroupRef>,
    /// `StatefulDefaultActions` (strict order only).
    pub stateful_default_actions: Vec<StatefulDefaultAction>,
    /// `StatelessDefaultActions` as written (`aws:forward_to_sfe`, ...).
    pub stateless_default_actions: Vec<String>,
    /// `PolicyVariables.RuleVariables.HOME_NET.Definition`, the only variable a
    /// policy may set; `EXTERNAL_NET` is always its negation (SEMANTICS §5.3).
    pub home_net: Option<Vec<String>>,
    /// `StatefulEngineOptions.StreamExceptionPolicy` as written (`DROP`, `CONTINUE`, `REJECT`).
    pub stream_exception_policy: Option<String>,
    /// Where the policy starts in the input, best effort.
    pub span: Span,
}

/// One `StatefulRuleGroupReferences` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatefulGroupRef {
    /// `ResourceArn`, when it is a literal ARN.
    pub arn: Option<String>,
    /// The resource the ARN expression points at, when it is not a literal: the
    /// logical id of a CloudFormation `Ref`/`!GetAtt`, or the Terraform address of
    /// `${aws_networkfirewall_rule_group.x.arn}`.
    pub resource: Option<String>,
    /// `Priority` (1-65535, unique; only used in strict order).
    pub priority: Option<u32>,
    /// `Override.Action` = `DROP_TO_ALERT`: the group's drop rules only alert.
    pub drop_to_alert: bool,
    /// Where the reference is written, best effort.
    pub span: Span,
}

impl StatefulGroupRef {
    /// The rule group name at the end of a literal ARN (`...:stateful-rulegroup/NAME`).
    pub fn group_name(&self) -> Option<&str> {
        let arn = self.arn.as_deref()?;
        let (_, tail) = arn.rsplit_once(':')?;
        tail.rsplit_once('/').map(|(_, n)| n)
    }

    /// True when this reference points at `group` (by resource id, or by the name at
    /// the end of the ARN).
    pub fn refers_to(&self, group: &RuleGroup) -> bool {
        match (&self.resource, &group.resource) {
            (Some(a), Some(b)) if a == b => return true,
            _ => {}
        }
        matches!((self.group_name(), group.name.as_deref()), (Some(a), Some(b)) if a == b)
    }
}

/// `StatefulDefaultActions` values (SEMANTICS §5.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatefulDefaultAction {
    /// `aws:drop_strict`: drop every packet no rule passed, TCP handshake included.
    DropStrict,
    /// `aws:drop_established`: drop unmatched packets of established connections.
    DropEstablished,
    /// `aws:drop_established_app_layer`: drop once enough app-layer data was seen (both directions).
    DropEstablishedAppLayer,
    /// `aws:drop_established_app_layer_to_server`: as above, client-to-server packets only.
    DropEstablishedAppLayerToServer,
    /// `aws:alert_strict`: alert on every unmatched packet.
    AlertStrict,
    /// `aws:alert_established`: alert on unmatched packets of established connections.
    AlertEstablished,
    /// `aws:alert_established_app_layer`.
    AlertEstablishedAppLayer,
    /// `aws:alert_established_app_layer_to_server`.
    AlertEstablishedAppLayerToServer,
}

impl StatefulDefaultAction {
    const ALL: [StatefulDefaultAction; 8] = [
        StatefulDefaultAction::DropStrict,
        StatefulDefaultAction::DropEstablished,
        StatefulDefaultAction::DropEstablishedAppLayer,
        StatefulDefaultAction::DropEstablishedAppLayerToServer,
        StatefulDefaultAction::AlertStrict,
        StatefulDefaultAction::AlertEstablished,
        StatefulDefaultAction::AlertEstablishedAppLayer,
        StatefulDefaultAction::AlertEstablishedAppLayerToServer,
    ];

    /// The AWS spelling (`aws:drop_strict`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            StatefulDefaultAction::DropStrict => "aws:drop_strict",
            StatefulDefaultAction::DropEstablished => "aws:drop_established",
            StatefulDefaultAction::DropEstablishedAppLayer => "aws:drop_established_app_layer",
            StatefulDefaultAction::DropEstablishedAppLayerToServer => {
                "aws:drop_established_app_layer_to_server"
            }
            StatefulDefaultAction::AlertStrict => "aws:alert_strict",
            StatefulDefaultAction::AlertEstablished => "aws:alert_established",
            StatefulDefaultAction::AlertEstablishedAppLayer => "aws:alert_established_app_layer",
            StatefulDefaultAction::AlertEstablishedAppLayerToServer => {
                "aws:alert_established_app_layer_to_server"
            }
        }
    }

    /// Parses the AWS spelling.
    pub fn from_aws(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// True for the drop family.
    pub fn is_drop(&self) -> bool {
        self.as_str().starts_with("aws:drop")
    }

    /// True for the application-layer variants.
    pub fn is_app_layer(&self) -> bool {
        self.as_str().contains("app_layer")
    }
}

impl Policy {
    /// The stateful group references in evaluation order: by `Priority` (lowest
    /// first, missing last) in strict order, as written in action order (where the
    /// order of groups does not matter).
    pub fn groups_in_order(&self) -> Vec<&StatefulGroupRef> {
        let mut v: Vec<_> = self.stateful_groups.iter().collect();
        if self.rule_order == RuleOrder::StrictOrder {
            v.sort_by_key(|g| g.priority.unwrap_or(u32::MAX));
        }
        v
    }

    /// Checks that every group has the policy's rule order (AWS requires it) and
    /// reports references that match none of `groups` (notes).
    pub fn check_groups(&self, groups: &[RuleGroup]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for r in &self.stateful_groups {
            match groups.iter().find(|g| r.refers_to(g)) {
                Some(g) if g.rule_order != self.rule_order => out.push(
                    Diagnostic::error(
                        Code::AwsShape,
                        r.span,
                        format!(
                            "rule group{} uses {} but the policy uses {}",
                            g.name.as_deref().map(|n| format!(" `{n}`")).unwrap_or_default(),
                            g.rule_order.as_str(),
                            self.rule_order.as_str()
                        ),
                    )
                    .with_label(g.span, "rule group here")
                    .with_hint("AWS requires a policy's stateful rule groups to use the policy's rule order"),
                ),
                Some(_) => {}
                None => out.push(Diagnostic::note(
                    Code::AwsShape,
                    r.span,
                    format!(
                        "rule group reference `{}` matches none of the rule groups read",
                        r.arn.as_deref().or(r.resource.as_deref()).unwrap_or("?")
                    ),
                )),
            }
        }
        out
    }
}

/// Reads the first firewall policy of an AWS JSON or YAML input (see the module docs
/// for the shapes); further policies are reported with a note (use [`read_policies`]).
pub fn read_policy(file: FileId, text: &str) -> (Option<Policy>, Vec<Diagnostic>) {
    let (mut policies, mut diags) = read_policies(file, text);
    if policies.len() > 1 {
        diags.push(Diagnostic::note(
            Code::AwsShape,
            policies[1].span,
            format!(
                "{} firewall policies in this input; only the first was read",
                policies.len()
            ),
        ));
    }
    let first = if policies.is_empty() {
        None
    } else {
        Some(policies.swap_remove(0))
    };
    (first, diags)
}

/// Reads every firewall policy of an AWS JSON or YAML input.
pub fn read_policies(file: FileId, text: &str) -> (Vec<Policy>, Vec<Diagnostic>) {
    let (root, syntax) = match node::parse(text) {
        Ok(x) => x,
        Err(e) => return (Vec::new(), vec![parse_error(file, text, &e)]),
    };
    let mut r = PolicyReader {
        loc: Locator { file, text, syntax },
        diags: Vec::new(),
        out: Vec::new(),
        cursor: 0,
    };
    r.top(&root);
    if r.out.is_empty() && !r.diags.iter().any(Diagnostic::is_error) {
        r.diags.push(Diagnostic::error(
            Code::AwsShape,
            Span::new(file, 0..0),
            "no AWS firewall policy here: expected a FirewallPolicy object, a \
             describe-firewall-policy response or an AWS::NetworkFirewall::FirewallPolicy resource",
        ));
    }
    (r.out, r.diags)
}

struct PolicyReader<'a> {
    loc: Locator<'a>,
    diags: Vec<Diagnostic>,
    out: Vec<Policy>,
    cursor: usize,
}

const POLICY_KEYS: [&str; 4] = [
    "StatefulRuleGroupReferences",
    "StatelessDefaultActions",
    "StatefulDefaultActions",
    "StatefulEngineOptions",
];

impl<'a> PolicyReader<'a> {
    fn key_span(&self, from: usize, key: &str) -> Span {
        let at = self.loc.key(from, key);
        self.loc.key_span(at, key, from)
    }

    fn err(&mut self, span: Span, msg: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(Code::AwsShape, span, msg));
    }

    fn top(&mut self, n: &Node) {
        match n {
            Node::Seq(items) => items.iter().for_each(|i| self.top(i)),
            Node::Map(_) => {
                if let Some(Node::Map(res)) = n.get("Resources") {
                    let base = self.loc.key(0, "Resources").unwrap_or(0);
                    for (id, r) in res {
                        if r.get("Type").and_then(Node::as_str)
                            == Some("AWS::NetworkFirewall::FirewallPolicy")
                        {
                            let at = self.loc.key(base, id).unwrap_or(base);
                            if let Some(p) = r.get("Properties") {
                                self.record(p, Some(id.clone()), at, at);
                            }
                        }
                    }
                } else if n.get("Properties").is_some()
                    && n.get("Type").and_then(Node::as_str)
                        == Some("AWS::NetworkFirewall::FirewallPolicy")
                {
                    self.record(n.get("Properties").expect("checked"), None, 0, 0);
                } else if let Some(Node::Seq(items)) = n.get("firewall_policies") {
                    for it in items {
                        let from = self.cursor;
                        let at = self.loc.key(from, "FirewallPolicy").unwrap_or(from);
                        self.record(it, None, from, at);
                        self.cursor = at + 1;
                    }
                } else if n.get("FirewallPolicy").is_some() {
                    let from = self.cursor;
                    let at = self.loc.key(from, "FirewallPolicy").unwrap_or(from);
                    self.record(n, None, from, at);
                    self.cursor = at + 1;
                } else if POLICY_KEYS.iter().any(|k| n.get(k).is_some()) {
                    let at = self.cursor;
                    self.policy(n, at, None, None);
                }
            }
            _ => {}
        }
    }

    fn record(&mut self, rec: &Node, resource: Option<String>, from: usize, at: usize) {
        let meta = rec.get("FirewallPolicyResponse").unwrap_or(rec);
        let resource = resource.or_else(|| {
            rec.get("_resource")
                .and_then(Node::as_str)
                .map(str::to_owned)
        });
        let name = match meta.get("FirewallPolicyName") {
            Some(Node::Str(s)) => Some(s.clone()),
            Some(other) if other.intrinsic().is_some() => {
                let s = self.key_span(from, "FirewallPolicyName");
                self.diags.push(
                    Diagnostic::warning(
                        Code::AwsShape,
                        s,
                        format!(
                            "FirewallPolicyName is a CloudFormation {} expression, not a literal",
                            other.intrinsic().unwrap_or_default()
                        ),
                    )
                    .with_hint(
                        "Ferrule reads templates without deploying them; the policy has no name",
                    ),
                );
                None
            }
            _ => None,
        };
        match rec.get("FirewallPolicy") {
            Some(p @ Node::Map(_)) => {
                let pat = self.loc.key(from, "FirewallPolicy").unwrap_or(at);
                self.policy(p, pat, name, resource);
            }
            Some(other) => {
                let s = self.key_span(from, "FirewallPolicy");
                self.err(
                    s,
                    format!("FirewallPolicy must be an object, found {}", other.kind()),
                );
            }
            None => {
                let s = self.loc.span(at..at);
                self.err(
                    s,
                    "the firewall policy resource has no FirewallPolicy object",
                );
            }
        }
    }

    fn policy(&mut self, p: &Node, at: usize, name: Option<String>, resource: Option<String>) {
        let span = self.loc.span(at..at);
        let mut rule_order = RuleOrder::DefaultActionOrder;
        let mut stream_exception_policy = None;
        if let Some(opts) = p.get("StatefulEngineOptions") {
            match opts.get("RuleOrder") {
                None | Some(Node::Null) => {}
                Some(Node::Str(s)) => match RuleOrder::from_aws(s) {
                    Some(o) => rule_order = o,
                    None => {
                        let s2 = self.key_span(at, "RuleOrder");
                        self.err(
                            s2,
                            format!("RuleOrder `{s}` is not DEFAULT_ACTION_ORDER or STRICT_ORDER"),
                        );
                    }
                },
                Some(other) => {
                    let s2 = self.key_span(at, "RuleOrder");
                    self.err(
                        s2,
                        format!("RuleOrder must be a literal string, found {}", other.kind()),
                    );
                }
            }
            stream_exception_policy = opts
                .get("StreamExceptionPolicy")
                .and_then(Node::as_str)
                .map(str::to_owned);
        }

        // Stateful group references.
        let mut stateful_groups = Vec::new();
        match p.get("StatefulRuleGroupReferences") {
            None | Some(Node::Null) => {}
            Some(Node::Seq(items)) => {
                let mut cur = self
                    .loc
                    .key(at, "StatefulRuleGroupReferences")
                    .unwrap_or(at);
                for it in items {
                    let rat = self.loc.key(cur, "ResourceArn").unwrap_or(cur);
                    cur = rat + 1;
                    let rspan = self.loc.key_span(Some(rat), "ResourceArn", rat);
                    let (arn, res) = match it.get("ResourceArn") {
                        Some(Node::Str(s)) if interpolated(s) => (None, terraform_resource(s)),
                        Some(Node::Str(s)) => (Some(s.clone()), None),
                        Some(other) => match cfn_target(other) {
                            Some(id) => (None, Some(id)),
                            None => {
                                self.err(
                                    rspan,
                                    format!("ResourceArn must be a string, found {}", other.kind()),
                                );
                                (None, None)
                            }
                        },
                        None => {
                            self.err(
                                rspan,
                                "a StatefulRuleGroupReferences entry has no ResourceArn",
                            );
                            (None, None)
                        }
                    };
                    let priority = match it.get("Priority") {
                        None | Some(Node::Null) => None,
                        Some(n) => match n.as_u64() {
                            Some(v) if (1..=65535).contains(&v) => Some(v as u32),
                            _ => {
                                self.err(rspan, "Priority must be an integer from 1 to 65535");
                                None
                            }
                        },
                    };
                    let drop_to_alert = it
                        .get("Override")
                        .and_then(|o| o.get("Action"))
                        .and_then(Node::as_str)
                        == Some("DROP_TO_ALERT");
                    stateful_groups.push(StatefulGroupRef {
                        arn,
                        resource: res,
                        priority,
                        drop_to_alert,
                        span: rspan,
                    });
                }
            }
            Some(other) => {
                let s = self.key_span(at, "StatefulRuleGroupReferences");
                self.err(
                    s,
                    format!(
                        "StatefulRuleGroupReferences must be a list, found {}",
                        other.kind()
                    ),
                );
            }
        }
        if rule_order == RuleOrder::StrictOrder {
            let mut seen: Vec<(u32, Span)> = Vec::new();
            for g in &stateful_groups {
                match g.priority {
                    None => self.diags.push(
                        Diagnostic::error(
                            Code::AwsShape,
                            g.span,
                            "a strict-order policy needs a Priority for every stateful rule group",
                        )
                        .with_hint("groups are evaluated by Priority, lowest first"),
                    ),
                    Some(pr) => {
                        if let Some((_, first)) = seen.iter().find(|(p, _)| *p == pr) {
                            let d = Diagnostic::error(
                                Code::AwsShape,
                                g.span,
                                format!("stateful rule group Priority {pr} is used twice"),
                            )
                            .with_label(*first, "first used here");
                            self.diags.push(d);
                        } else {
                            seen.push((pr, g.span));
                        }
                    }
                }
            }
        }
        if stateful_groups.len() > MAX_STATEFUL_GROUPS_PER_POLICY {
            let s = self.key_span(at, "StatefulRuleGroupReferences");
            self.diags.push(Diagnostic::warning(
                Code::AwsQuota,
                s,
                format!(
                    "{} stateful rule groups in one policy; AWS allows {MAX_STATEFUL_GROUPS_PER_POLICY} \
                     (quota from secondary sources)",
                    stateful_groups.len()
                ),
            ));
        }

        // Stateful default actions.
        let mut stateful_default_actions = Vec::new();
        let dspan = self.key_span(at, "StatefulDefaultActions");
        match p.get("StatefulDefaultActions") {
            None | Some(Node::Null) => {}
            Some(Node::Seq(items)) => {
                for it in items {
                    match it.as_str().and_then(StatefulDefaultAction::from_aws) {
                        Some(a) if stateful_default_actions.contains(&a) => {
                            self.err(
                                dspan,
                                format!("stateful default action {} given twice", a.as_str()),
                            );
                        }
                        Some(a) => stateful_default_actions.push(a),
                        None => {
                            let shown = it
                                .as_str()
                                .map_or_else(|| it.kind().to_owned(), |s| format!("`{s}`"));
                            self.err(dspan, format!("{shown} is not a stateful default action"));
                        }
                    }
                }
            }
            Some(other) => self.err(
                dspan,
                format!(
                    "StatefulDefaultActions must be a list, found {}",
                    other.kind()
                ),
            ),
        }
        if !stateful_default_actions.is_empty() && rule_order != RuleOrder::StrictOrder {
            self.diags.push(
                Diagnostic::error(
                    Code::AwsShape,
                    dspan,
                    "StatefulDefaultActions are only valid with STRICT_ORDER",
                )
                .with_hint("set StatefulEngineOptions.RuleOrder to STRICT_ORDER or remove the default actions"),
            );
        }
        let drops = stateful_default_actions
            .iter()
            .filter(|a| a.is_drop())
            .count();
        if drops > 1 {
            self.err(
                dspan,
                "at most one drop action may be chosen among the stateful default actions",
            );
        }
        let app = stateful_default_actions.iter().any(|a| a.is_app_layer());
        let est = stateful_default_actions.iter().any(|a| {
            !a.is_app_layer()
                && *a != StatefulDefaultAction::DropStrict
                && *a != StatefulDefaultAction::AlertStrict
        });
        if app && est {
            self.diags.push(
                Diagnostic::warning(
                    Code::AwsShape,
                    dspan,
                    "established and application-layer stateful default actions are mixed",
                )
                .with_hint(
                    "a third-party linter reports that AWS rejects this combination (UNVERIFIED); \
                     Ferrule applies each action at the stage it names",
                ),
            );
        }

        // Stateless defaults: Ferrule assumes traffic reaches the stateful engine.
        let mut stateless_default_actions = Vec::new();
        if let Some(Node::Seq(items)) = p.get("StatelessDefaultActions") {
            stateless_default_actions = items
                .iter()
                .filter_map(Node::as_str)
                .map(str::to_owned)
                .collect();
            if !stateless_default_actions
                .iter()
                .any(|a| a == "aws:forward_to_sfe")
            {
                let s = self.key_span(at, "StatelessDefaultActions");
                self.diags.push(
                    Diagnostic::warning(
                        Code::AwsUnsupported,
                        s,
                        format!(
                            "stateless default action {} does not forward to the stateful engine",
                            stateless_default_actions.join(", ")
                        ),
                    )
                    .with_hint(
                        "Ferrule evaluates the stateful engine only; traffic no stateless rule \
                         forwards never reaches the stateful rules on AWS",
                    ),
                );
            }
        }

        // Policy variables: only HOME_NET.
        let mut home_net = None;
        if let Some(vars) = p
            .get("PolicyVariables")
            .and_then(|v| v.get("RuleVariables"))
        {
            let vat = self.loc.key(at, "PolicyVariables").unwrap_or(at);
            for (k, v) in vars.entries().unwrap_or(&[]) {
                let s = self.key_span(vat, k);
                if k != "HOME_NET" {
                    self.diags.push(
                        Diagnostic::error(
                            Code::AwsShape,
                            s,
                            format!("policy variable `{k}`: a policy may only set HOME_NET"),
                        )
                        .with_hint("define other variables in the rule groups"),
                    );
                    continue;
                }
                match v.get("Definition") {
                    Some(Node::Seq(items))
                        if items
                            .iter()
                            .all(|i| matches!(i, Node::Str(s) if !interpolated(s))) =>
                    {
                        home_net = Some(
                            items
                                .iter()
                                .filter_map(Node::as_str)
                                .map(str::to_owned)
                                .collect(),
                        );
                    }
                    _ => self.diags.push(
                        Diagnostic::warning(
                            Code::AwsShape,
                            s,
                            "HOME_NET definition is not a literal list of CIDRs",
                        )
                        .with_hint(
                            "Ferrule used the default HOME_NET; supply it with --var HOME_NET=...",
                        ),
                    ),
                }
            }
        }

        self.out.push(Policy {
            name,
            resource,
            rule_order,
            stateful_groups,
            stateful_default_actions,
            stateless_default_actions,
            home_net,
            stream_exception_policy,
            span,
        });
    }
}

/// `${aws_networkfirewall_rule_group.x.arn}` → `aws_networkfirewall_rule_group.x`.
fn terraform_resource(s: &str) -> Option<String> {
    let inner = s.trim().strip_prefix("${")?.strip_suffix('}')?;
    let addr = inner.strip_suffix(".arn")?;
    (addr.split('.').count() == 2).then(|| addr.to_owned())
}

/// The logical id a CloudFormation `Ref` / `GetAtt` points at.
fn cfn_target(n: &Node) -> Option<String> {
    let (f, v) = match n {
        Node::Tagged(t, v) => (t.as_str(), v.as_ref()),
        Node::Map(e) if e.len() == 1 => (e[0].0.as_str(), &e[0].1),
        _ => return None,
    };
    match (f, v) {
        ("Ref", Node::Str(id)) => Some(id.clone()),
        ("GetAtt" | "Fn::GetAtt", Node::Str(s)) => s.split('.').next().map(str::to_owned),
        ("GetAtt" | "Fn::GetAtt", Node::Seq(items)) => {
            items.first().and_then(Node::as_str).map(str::to_owned)
        }
        _ => None,
    }
}
