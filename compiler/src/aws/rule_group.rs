//! AWS Network Firewall rule groups read from JSON or YAML (SEMANTICS §5.2).
//!
//! Accepted shapes (detected from the keys; JSON when the text starts with `{` or `[`,
//! YAML otherwise):
//! - the `describe-rule-group` response `{"RuleGroup": {..}, "RuleGroupResponse": {..}}`
//!   (name, type and capacity from `RuleGroupResponse`);
//! - a `create-rule-group` request `{"RuleGroupName", "Type", "Capacity", "RuleGroup"
//!   | "Rules"}` (the flat `Rules` string is a `RulesString`);
//! - a bare `RuleGroup` object `{"RulesSource": .., "RuleVariables": .., ..}`;
//! - a bare `RulesSource` object (`{"RulesSourceList": {..}}`, ...) or a bare
//!   `RulesSourceList` object (`{"Targets": [..], ..}`), as SPEC §2 allows for
//!   domain lists;
//! - a CloudFormation resource `{"Type": "AWS::NetworkFirewall::RuleGroup",
//!   "Properties": {..}}` or a template whose `Resources` hold such resources (all
//!   of them are returned, in file order);
//! - the corpus extraction shape `{"rule_groups": [<create request>, ..]}` written by
//!   Ferrule's corpus helper (`_resource` names the Terraform/CloudFormation resource);
//! - a JSON/YAML list of any of these.
//!
//! Values that are not literals: CloudFormation intrinsic functions (`{"Ref": ..}`,
//! `{"Fn::Sub": ..}`, `!Sub`, ...) and Terraform `${...}` interpolations left by an
//! extraction. Where Ferrule needs the value (rules, targets, target types, rule
//! order) this is an [`Code::AwsShape`] error; a variable whose definition is not a
//! literal is left undefined with an `AwsShape` warning (supply it with `--var`);
//! a name that is not a literal is an `AwsShape` warning and the name is `None`.
//!
//! Spans are best effort: the reader finds the byte offset of each key or string in
//! the text by searching forward from the enclosing object (see `node::Locator`). A
//! string that cannot be found (JSON `\u` escapes, YAML block scalars) gets the span
//! of the nearest enclosing key.

use crate::diag::{Code, Diagnostic};
use crate::net::Vars;
use crate::span::{FileId, Span};

use super::domain_list::{
    domain_list_capacity, generate_domain_rules, validate_targets, GeneratedRule,
    GeneratedRulesType, Target, TargetTypes,
};
use super::node::{self, Locator, Node, Syntax};
use super::stateful::render_rule;
use super::RuleOrder;

/// Largest `RulesString` AWS accepts (`BOTO:` `RulesString` max length).
pub const MAX_RULES_STRING: usize = 2_000_000;
/// Largest capacity of one stateful rule group (NFW quotas page).
pub const MAX_STATEFUL_CAPACITY: u32 = 30_000;
/// Most IP set references in one rule group (NFW quotas page).
pub const MAX_IP_SET_REFERENCES: usize = 5;

/// One AWS rule group.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleGroup {
    /// `RuleGroupName` (from the response, the request or the CloudFormation
    /// properties), when it is a literal.
    pub name: Option<String>,
    /// The CloudFormation logical id or the Terraform resource address the group
    /// came from (corpus `_resource`), when known: what a policy's `Ref` or
    /// `${aws_networkfirewall_rule_group.x.arn}` points at.
    pub resource: Option<String>,
    /// `StatefulRuleOptions.RuleOrder` (default `DEFAULT_ACTION_ORDER`).
    pub rule_order: RuleOrder,
    /// `RuleVariables.IPSets`: name and definition, in file order.
    pub ip_sets: Vec<(String, Vec<String>)>,
    /// `RuleVariables.PortSets`: name and definition, in file order.
    pub port_sets: Vec<(String, Vec<String>)>,
    /// The names of `ReferenceSets.IPSetReferences` (used as `@NAME`).
    pub ip_set_references: Vec<String>,
    /// The rules.
    pub source: RuleGroupSource,
    /// The declared `Capacity`, when given.
    pub capacity: Option<u32>,
    /// Where the group starts in the input, best effort.
    pub span: Span,
}

/// `RulesSource`: where a group's rules come from.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleGroupSource {
    /// `RulesString`: Suricata rules, verbatim.
    RulesString(String),
    /// `RulesSourceList`: a domain list (valid targets only; invalid ones were
    /// reported).
    DomainList {
        /// The valid targets, normalized.
        targets: Vec<Target>,
        /// `TargetTypes`.
        types: TargetTypes,
        /// `GeneratedRulesType`.
        kind: GeneratedRulesType,
    },
    /// `StatefulRules`, rendered to Suricata text (see the `stateful` module docs
    /// for the UNVERIFIED rendering choices). Entries that could not be rendered
    /// were reported and left out.
    Stateful(Vec<GeneratedRule>),
    /// `StatelessRulesAndCustomActions`: not evaluated by Ferrule (reported with a note).
    Stateless {
        /// Number of stateless rules.
        rules: usize,
    },
}

/// `value` with each `$HOME_NET` (not a longer name) replaced by `home`.
fn pin_home_net(value: &str, home: &str) -> String {
    const VAR: &str = "$HOME_NET";
    let mut out = String::with_capacity(value.len() + home.len());
    let mut rest = value;
    while let Some(i) = rest.find(VAR) {
        let after = &rest[i + VAR.len()..];
        let longer = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        out.push_str(&rest[..i]);
        out.push_str(if longer { VAR } else { home });
        rest = after;
    }
    out.push_str(rest);
    out
}

impl RuleGroup {
    /// The variables AWS resolves this group's rules with (SEMANTICS §5.3),
    /// given the policy-level ones (`HOME_NET`, `EXTERNAL_NET`, the IP set
    /// references, and whatever the caller defines on purpose; not Suricata's
    /// stock groups, see [`Vars::only`]): those, then the group's `IPSets` and
    /// `PortSets`. Any other variable a rule uses is undefined, so the rule is
    /// rejected, as AWS rejects the group. A group that sets `HOME_NET` but
    /// not `EXTERNAL_NET` keeps the policy's `EXTERNAL_NET` (`!<policy
    /// HOME_NET>`), which AWS does not recompute from the group's `HOME_NET`
    /// (trap 22).
    pub fn vars(&self, policy: &Vars) -> Vars {
        let mut vars = policy.clone();
        let sets = |name: &str| self.ip_sets.iter().any(|(n, _)| n == name);
        if sets("HOME_NET") && !sets("EXTERNAL_NET") {
            if let (Some(home), Some(external)) =
                (policy.address("HOME_NET"), policy.address("EXTERNAL_NET"))
            {
                vars.set_address("EXTERNAL_NET", &pin_home_net(external, home));
            }
        }
        for (n, defs) in &self.ip_sets {
            vars.set_address(n, &format!("[{}]", defs.join(",")));
        }
        for (n, defs) in &self.port_sets {
            vars.set_port(n, &format!("[{}]", defs.join(",")));
        }
        vars
    }

    /// A domain-list group built from targets (for `--types`/`--generated` on a text
    /// list), with no name, no variables and no declared capacity.
    pub fn from_domain_list(
        targets: Vec<Target>,
        types: TargetTypes,
        kind: GeneratedRulesType,
        rule_order: RuleOrder,
        span: Span,
    ) -> Self {
        RuleGroup {
            name: None,
            resource: None,
            rule_order,
            ip_sets: Vec::new(),
            port_sets: Vec::new(),
            ip_set_references: Vec::new(),
            source: RuleGroupSource::DomainList {
                targets,
                types,
                kind,
            },
            capacity: None,
            span,
        }
    }

    /// The generated rules of a domain-list or standard stateful group (`None` for
    /// `RulesString` and stateless groups).
    pub fn generated_rules(&self) -> Option<Vec<GeneratedRule>> {
        match &self.source {
            RuleGroupSource::DomainList {
                targets,
                types,
                kind,
            } => Some(generate_domain_rules(
                targets,
                *types,
                *kind,
                self.rule_order,
            )),
            RuleGroupSource::Stateful(rules) => Some(rules.clone()),
            _ => None,
        }
    }

    /// The Suricata text AWS would run for this group, one rule per line: a
    /// `RulesString` verbatim (including comments and indentation, which AWS accepts
    /// as written); generated rules one per line, each ending with `\n`; nothing for
    /// a stateless group.
    pub fn rules_text(&self) -> String {
        match &self.source {
            RuleGroupSource::RulesString(s) => s.clone(),
            RuleGroupSource::Stateless { .. } => String::new(),
            _ => {
                let mut out = String::new();
                for r in self.generated_rules().unwrap_or_default() {
                    out.push_str(&r.text);
                    out.push('\n');
                }
                out
            }
        }
    }

    /// The capacity AWS would charge (SEMANTICS §5.8): one per stateful rule (a
    /// `RulesString` rule is a non-blank line not starting with `#`, `\`-continued
    /// lines counting once); domain lists as [`domain_list_capacity`]. For a
    /// stateless group the number of rules, a lower bound (each stateless rule costs
    /// the product of its match-setting counts, which Ferrule does not keep).
    pub fn capacity_estimate(&self) -> u32 {
        match &self.source {
            RuleGroupSource::RulesString(s) => count_rules(s),
            RuleGroupSource::DomainList { targets, types, .. } => {
                domain_list_capacity(targets.len(), *types)
            }
            RuleGroupSource::Stateful(rules) => rules.len() as u32,
            RuleGroupSource::Stateless { rules } => *rules as u32,
        }
    }
}

fn count_rules(s: &str) -> u32 {
    let mut n = 0;
    let mut continued = false;
    for line in s.lines() {
        let t = line.trim();
        let is_continuation = continued;
        continued = t.ends_with('\\');
        if !is_continuation && !t.is_empty() && !t.starts_with('#') {
            n += 1;
        }
    }
    n
}

/// Reads every rule group in an AWS JSON or YAML input (see the module docs for the
/// accepted shapes). Groups with errors in their rules source are reported and left
/// out; other errors are reported and the group is kept.
pub fn read_rule_groups(file: FileId, text: &str) -> (Vec<RuleGroup>, Vec<Diagnostic>) {
    let (root, syntax) = match node::parse(text) {
        Ok(x) => x,
        Err(e) => return (Vec::new(), vec![parse_error(file, text, &e)]),
    };
    let mut r = Reader {
        loc: Locator { file, text, syntax },
        diags: Vec::new(),
        groups: Vec::new(),
        cursor: 0,
        empty_wrapper: false,
    };
    r.top(&root, true);
    if r.groups.is_empty() && !r.diags.iter().any(Diagnostic::is_error) && !r.empty_wrapper {
        r.diags.push(Diagnostic::error(
            Code::AwsShape,
            Span::new(file, 0..0),
            "no AWS rule group found in this input",
        ));
    }
    (r.groups, r.diags)
}

pub(crate) fn parse_error(file: FileId, text: &str, e: &node::ParseError) -> Diagnostic {
    let at = e.offset.unwrap_or(0).min(text.len());
    let kind = match e.syntax {
        Syntax::Json => "JSON",
        Syntax::Yaml => "YAML",
    };
    Diagnostic::error(
        Code::AwsShape,
        Span::new(file, at..at),
        format!("not valid {kind}: {}", e.message),
    )
}

/// Metadata around a `RuleGroup` object.
#[derive(Default)]
struct Meta {
    name: Option<String>,
    resource: Option<String>,
    capacity: Option<u32>,
    group_type: Option<String>,
}

/// True when `s` contains a Terraform/CloudFormation `${...}` expression.
pub(crate) fn interpolated(s: &str) -> bool {
    s.find("${").is_some_and(|i| s[i..].contains('}'))
}

struct Reader<'a> {
    loc: Locator<'a>,
    diags: Vec<Diagnostic>,
    groups: Vec<RuleGroup>,
    /// Groups are located one after the other: searches start here.
    cursor: usize,
    /// The input is the corpus extraction shape with an empty `rule_groups` list
    /// (a file with policies only): no groups is then not an error.
    empty_wrapper: bool,
}

const SOURCE_KEYS: [&str; 4] = [
    "RulesString",
    "RulesSourceList",
    "StatefulRules",
    "StatelessRulesAndCustomActions",
];

impl<'a> Reader<'a> {
    fn err(&mut self, span: Span, msg: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(Code::AwsShape, span, msg));
    }

    fn top(&mut self, n: &Node, outermost: bool) {
        let here = self.loc.span(self.cursor..self.cursor);
        match n {
            Node::Seq(items) => {
                for it in items {
                    self.top(it, false);
                }
            }
            Node::Map(_) => {
                if let Some(res) = n.get("Resources") {
                    self.template(res);
                } else if let Some(Node::Str(t)) =
                    n.get("Type").filter(|_| n.get("Properties").is_some())
                {
                    if t == "AWS::NetworkFirewall::RuleGroup" {
                        let at = self.cursor;
                        self.cfn_resource(n, None, at);
                    } else {
                        self.err(
                            here,
                            format!("resource type `{t}` is not AWS::NetworkFirewall::RuleGroup"),
                        );
                    }
                } else if let Some(Node::Seq(items)) = n.get("rule_groups") {
                    self.empty_wrapper |= items.is_empty();
                    for it in items {
                        self.record(it, Meta::default());
                    }
                } else if n.get("RuleGroup").is_some() || n.get("Rules").is_some() {
                    self.record(n, Meta::default());
                } else if n.get("RulesSource").is_some() {
                    let at = self.locate(&["RulesSource"]);
                    self.group(n, at, at, Meta::default());
                    self.cursor = at + 1;
                } else if SOURCE_KEYS.iter().any(|k| n.get(k).is_some()) {
                    let at = self.locate(&SOURCE_KEYS);
                    let wrapped = Node::Map(vec![("RulesSource".into(), n.clone())]);
                    self.group(&wrapped, at, at, Meta::default());
                    self.cursor = at + 1;
                } else if n.get("Targets").is_some() && n.get("TargetTypes").is_some() {
                    let at = self.locate(&["Targets", "TargetTypes", "GeneratedRulesType"]);
                    let wrapped = Node::Map(vec![(
                        "RulesSource".into(),
                        Node::Map(vec![("RulesSourceList".into(), n.clone())]),
                    )]);
                    self.group(&wrapped, at, at, Meta::default());
                    self.cursor = at + 1;
                } else {
                    self.err(
                        here,
                        "no AWS rule group here: expected a describe-rule-group response \
                         ({\"RuleGroup\": ..}), a RuleGroup object ({\"RulesSource\": ..}), a \
                         CloudFormation AWS::NetworkFirewall::RuleGroup resource or template, or a \
                         RulesSourceList",
                    );
                }
            }
            other => {
                let msg = format!("no AWS rule group here: the document is {}", other.kind());
                if outermost {
                    self.err(here, msg);
                }
            }
        }
    }

    /// The first of `keys` found from the cursor (the cursor itself if none is).
    fn locate(&self, keys: &[&str]) -> usize {
        keys.iter()
            .filter_map(|k| self.loc.key(self.cursor, k))
            .min()
            .unwrap_or(self.cursor)
    }

    fn template(&mut self, res: &Node) {
        let base = self.loc.key(0, "Resources").unwrap_or(0);
        let Some(entries) = res.entries() else {
            self.err(
                self.loc.key_span(Some(base), "Resources", 0),
                "Resources must be an object",
            );
            return;
        };
        let mut found = false;
        for (id, r) in entries {
            if r.get("Type").and_then(Node::as_str) != Some("AWS::NetworkFirewall::RuleGroup") {
                continue;
            }
            found = true;
            let at = self.loc.key(base, id).unwrap_or(base);
            self.cursor = at;
            self.cfn_resource(r, Some(id.clone()), at);
        }
        if !found {
            self.err(
                self.loc.key_span(Some(base), "Resources", 0),
                "the template has no AWS::NetworkFirewall::RuleGroup resource",
            );
        }
    }

    fn cfn_resource(&mut self, r: &Node, id: Option<String>, at: usize) {
        let span = match &id {
            Some(k) => self.loc.key_span(Some(at), k, at),
            None => self.loc.span(at..at),
        };
        let Some(props) = r.get("Properties").filter(|p| p.entries().is_some()) else {
            self.err(
                span,
                "the AWS::NetworkFirewall::RuleGroup resource has no Properties object",
            );
            return;
        };
        let meta = Meta {
            resource: id,
            ..Meta::default()
        };
        self.record_at(props, meta, at, at);
    }

    /// A create-rule-group request / corpus record / describe response, located
    /// from the cursor.
    fn record(&mut self, rec: &Node, meta: Meta) {
        let from = self.cursor;
        let at = self
            .loc
            .key(from, "RuleGroup")
            .or_else(|| self.loc.key(from, "Rules"))
            .unwrap_or(from);
        self.record_at(rec, meta, from, at);
    }

    /// `from`: where the record's own keys start (for locating them); `at`: where
    /// the group is said to start.
    fn record_at(&mut self, rec: &Node, mut meta: Meta, from: usize, at: usize) {
        let span0 = self.loc.span(at..at);
        if rec.entries().is_none() {
            self.err(
                span0,
                format!("a rule group entry must be an object, found {}", rec.kind()),
            );
            return;
        }
        // The describe response keeps the metadata in RuleGroupResponse.
        let meta_src = rec.get("RuleGroupResponse").unwrap_or(rec);
        if meta.resource.is_none() {
            meta.resource = rec
                .get("_resource")
                .and_then(Node::as_str)
                .map(str::to_owned);
        }
        if let Some(n) = meta_src.get("RuleGroupName") {
            meta.name = self.cosmetic_string(n, "RuleGroupName", from, meta.resource.as_deref());
        }
        match meta_src.get("Capacity") {
            None | Some(Node::Null) => {}
            Some(c) => match c.as_u64() {
                Some(v) if v <= u32::MAX as u64 => meta.capacity = Some(v as u32),
                _ => {
                    let s = self.key_span(from, "Capacity");
                    let msg = match c.intrinsic() {
                        Some(f) => {
                            format!("Capacity is a CloudFormation {f} expression, not a literal")
                        }
                        None => format!("Capacity must be a positive integer, found {}", c.kind()),
                    };
                    self.diags
                        .push(Diagnostic::warning(Code::AwsShape, s, msg).with_hint(
                        "Ferrule ignored the declared capacity (the capacity checks are skipped)",
                    ));
                }
            },
        }
        meta.group_type = meta_src
            .get("Type")
            .and_then(Node::as_str)
            .map(str::to_owned);

        match (rec.get("RuleGroup"), rec.get("Rules")) {
            (Some(g), _) if g.entries().is_some() => {
                let gat = self.loc.key(from, "RuleGroup").unwrap_or(at);
                self.group(g, gat, at, meta);
            }
            (Some(g), _) => {
                let s = self.key_span(from, "RuleGroup");
                let msg = match g.intrinsic() {
                    Some(f) => {
                        format!("RuleGroup is a CloudFormation {f} expression, not a literal")
                    }
                    None => format!("RuleGroup must be an object, found {}", g.kind()),
                };
                self.err(s, msg);
            }
            (None, Some(rules)) => {
                let wrapped = Node::Map(vec![(
                    "RulesSource".into(),
                    Node::Map(vec![("RulesString".into(), rules.clone())]),
                )]);
                let rat = self.loc.key(from, "Rules").unwrap_or(at);
                self.group(&wrapped, rat, at, meta);
            }
            (None, None) => {
                self.err(span0, "the rule group has neither RuleGroup nor Rules");
            }
        }
        self.cursor = self.cursor.max(at + 1);
    }

    fn key_span(&self, from: usize, key: &str) -> Span {
        let at = self.loc.key(from, key);
        self.loc.key_span(at, key, from)
    }

    /// A name-like value: a literal string, or `None` with a warning.
    fn cosmetic_string(
        &mut self,
        n: &Node,
        what: &str,
        from: usize,
        resource: Option<&str>,
    ) -> Option<String> {
        let span = self.key_span(from, what);
        let who = resource.map(|r| format!(" of `{r}`")).unwrap_or_default();
        match n {
            Node::Str(s) if interpolated(s) => {
                self.diags.push(
                    Diagnostic::warning(
                        Code::AwsShape,
                        span,
                        format!("{what}{who} `{s}` contains an unresolved `${{...}}` expression"),
                    )
                    .with_hint("Ferrule keeps the name as written"),
                );
                Some(s.clone())
            }
            Node::Str(s) => Some(s.clone()),
            Node::Null => None,
            other => {
                let msg = match other.intrinsic() {
                    Some(f) => {
                        format!("{what}{who} is a CloudFormation {f} expression, not a literal")
                    }
                    None => format!("{what}{who} must be a string, found {}", other.kind()),
                };
                self.diags
                    .push(Diagnostic::warning(Code::AwsShape, span, msg).with_hint(
                        "Ferrule reads templates without deploying them; the group has no name",
                    ));
                None
            }
        }
    }

    /// A `RuleGroup` object whose keys are searched from `at`; the group is said to
    /// start at `start`.
    fn group(&mut self, g: &Node, at: usize, start: usize, meta: Meta) {
        let span = self.loc.span(start..start);
        let mut rule_order = RuleOrder::DefaultActionOrder;
        for (k, _) in g.entries().unwrap_or(&[]) {
            if !matches!(
                k.as_str(),
                "RuleVariables" | "ReferenceSets" | "RulesSource" | "StatefulRuleOptions"
            ) {
                let s = self.key_span(at, k);
                self.diags.push(
                    Diagnostic::warning(
                        Code::AwsShape,
                        s,
                        format!("unknown RuleGroup field `{k}`"),
                    )
                    .with_hint(
                        "RuleGroup has RuleVariables, ReferenceSets, RulesSource and \
                             StatefulRuleOptions; Ferrule ignored this field",
                    ),
                );
            }
        }
        if let Some(opts) = g.get("StatefulRuleOptions") {
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
                    let msg = match other.intrinsic() {
                        Some(f) => {
                            format!("RuleOrder is a CloudFormation {f} expression, not a literal")
                        }
                        None => format!("RuleOrder must be a string, found {}", other.kind()),
                    };
                    self.err(s2, msg);
                }
            }
        }

        let (ip_sets, port_sets) = match g.get("RuleVariables") {
            Some(v) => {
                let vat = self.loc.key(at, "RuleVariables").unwrap_or(at);
                (
                    self.var_sets(v, "IPSets", vat),
                    self.var_sets(v, "PortSets", vat),
                )
            }
            None => (Vec::new(), Vec::new()),
        };

        let mut ip_set_references = Vec::new();
        if let Some(rs) = g.get("ReferenceSets") {
            let rat = self.loc.key(at, "ReferenceSets").unwrap_or(at);
            match rs.get("IPSetReferences") {
                None | Some(Node::Null) => {}
                Some(Node::Map(entries)) => {
                    for (name, _) in entries {
                        self.check_var_name(name, rat, "IPSetReferences");
                        ip_set_references.push(name.clone());
                    }
                    if entries.len() > MAX_IP_SET_REFERENCES {
                        let s = self.key_span(rat, "IPSetReferences");
                        self.diags.push(
                            Diagnostic::error(
                                Code::AwsQuota,
                                s,
                                format!(
                                    "{} IP set references in one rule group; AWS allows at most {MAX_IP_SET_REFERENCES}",
                                    entries.len()
                                ),
                            )
                            .with_hint("split the references over several rule groups"),
                        );
                    }
                }
                Some(other) => {
                    let s = self.key_span(rat, "IPSetReferences");
                    self.err(
                        s,
                        format!("IPSetReferences must be an object, found {}", other.kind()),
                    );
                }
            }
        }

        let Some(rs) = g.get("RulesSource") else {
            self.err(span, "the RuleGroup has no RulesSource");
            return;
        };
        let sat = self.loc.key(at, "RulesSource").unwrap_or(at);
        let sspan = self.loc.key_span(Some(sat), "RulesSource", sat);
        let present: Vec<&str> = SOURCE_KEYS
            .iter()
            .copied()
            .filter(|k| rs.get(k).is_some_and(|v| *v != Node::Null))
            .collect();
        if let Some(entries) = rs.entries() {
            for (k, _) in entries {
                if !SOURCE_KEYS.contains(&k.as_str()) {
                    let s = self.key_span(sat, k);
                    self.err(
                        s,
                        format!(
                            "unknown RulesSource field `{k}`; expected one of {}",
                            SOURCE_KEYS.join(", ")
                        ),
                    );
                }
            }
        } else {
            self.err(
                sspan,
                format!("RulesSource must be an object, found {}", rs.kind()),
            );
            return;
        }
        let key = match present.as_slice() {
            [one] => *one,
            [] => {
                self.err(
                    sspan,
                    format!(
                        "RulesSource has none of {}: the group has no rules",
                        SOURCE_KEYS.join(", ")
                    ),
                );
                return;
            }
            many => {
                self.err(
                    sspan,
                    format!(
                        "RulesSource must have exactly one of its fields, found {}",
                        many.join(", ")
                    ),
                );
                return;
            }
        };
        let value = rs.get(key).expect("present");
        let kat = self.loc.key(sat, key).unwrap_or(sat);
        let kspan = self.loc.key_span(Some(kat), key, kat);

        let source = match key {
            "RulesString" => match value {
                Node::Str(s) => {
                    if s.len() > MAX_RULES_STRING {
                        self.diags.push(Diagnostic::error(
                            Code::AwsQuota,
                            kspan,
                            format!(
                                "RulesString is {} bytes; AWS allows at most {MAX_RULES_STRING}",
                                s.len()
                            ),
                        ));
                    }
                    if interpolated(s) {
                        self.diags.push(
                            Diagnostic::warning(
                                Code::AwsShape,
                                kspan,
                                "RulesString contains an unresolved `${...}` expression",
                            )
                            .with_hint(
                                "Ferrule reads the rules as written; rules that contain the \
                                 expression will not parse as intended",
                            ),
                        );
                    }
                    RuleGroupSource::RulesString(s.clone())
                }
                other => {
                    let msg = match other.intrinsic() {
                        Some(f) => {
                            format!("RulesString is a CloudFormation {f} expression, not a literal")
                        }
                        None => format!("RulesString must be a string, found {}", other.kind()),
                    };
                    self.diags.push(
                        Diagnostic::error(Code::AwsShape, kspan, msg)
                            .with_hint("Ferrule reads templates without deploying them; write the rules as a literal string"),
                    );
                    return;
                }
            },
            "RulesSourceList" => match self.domain_list(value, kat) {
                Some(s) => s,
                None => return,
            },
            "StatefulRules" => {
                let Node::Seq(items) = value else {
                    self.err(
                        kspan,
                        format!("StatefulRules must be a list, found {}", value.kind()),
                    );
                    return;
                };
                let mut rules = Vec::new();
                let mut cur = kat;
                for it in items {
                    let rat = self.loc.key(cur, "Action").unwrap_or(cur);
                    cur = rat + 1;
                    let rspan = self.loc.key_span(Some(rat), "Action", rat);
                    if let Some(text) = render_rule(it, rspan, &mut self.diags) {
                        rules.push(GeneratedRule {
                            text,
                            origin: Some(rspan),
                        });
                    }
                }
                RuleGroupSource::Stateful(rules)
            }
            _ => {
                // Stateless: nothing depends on its content, so shape problems are warnings.
                let rules = match value.get("StatelessRules") {
                    Some(Node::Seq(v)) => v.len(),
                    _ => {
                        self.diags.push(
                            Diagnostic::warning(
                                Code::AwsShape,
                                kspan,
                                "StatelessRulesAndCustomActions has no StatelessRules list",
                            )
                            .with_hint(
                                "Ferrule does not evaluate stateless rule groups; counted 0 rules",
                            ),
                        );
                        0
                    }
                };
                self.diags.push(
                    Diagnostic::note(
                        Code::AwsUnsupported,
                        kspan,
                        format!("stateless rule group ({rules} rules) not evaluated"),
                    )
                    .with_hint(
                        "Ferrule models the stateful engine only; traffic is assumed to reach it \
                         (stateless action aws:forward_to_sfe)",
                    ),
                );
                RuleGroupSource::Stateless { rules }
            }
        };

        let stateless = matches!(source, RuleGroupSource::Stateless { .. });
        if let Some(t) = meta.group_type.as_deref() {
            let declared_stateless = t == "STATELESS";
            if !matches!(t, "STATELESS" | "STATEFUL" | "STATEFUL_DOMAIN") {
                self.diags.push(Diagnostic::warning(
                    Code::AwsShape,
                    span,
                    format!("rule group Type `{t}` is not STATEFUL or STATELESS"),
                ));
            } else if declared_stateless != stateless {
                self.err(kspan, format!("a {t} rule group cannot have {key}"));
            }
        }

        let group = RuleGroup {
            name: meta.name,
            resource: meta.resource,
            rule_order,
            ip_sets,
            port_sets,
            ip_set_references,
            source,
            capacity: meta.capacity,
            span,
        };
        if !stateless {
            let need = group.capacity_estimate();
            if let Some(c) = group.capacity {
                if c > MAX_STATEFUL_CAPACITY {
                    self.diags.push(Diagnostic::error(
                        Code::AwsQuota,
                        group.span,
                        format!(
                            "declared capacity {c} is over the AWS limit of {MAX_STATEFUL_CAPACITY} for a stateful rule group"
                        ),
                    ));
                }
                if need > c {
                    self.diags.push(
                        Diagnostic::error(
                            Code::AwsQuota,
                            group.span,
                            format!("the rules need capacity {need} but the group declares {c}"),
                        )
                        .with_hint(
                            "AWS rejects rules beyond a group's capacity, which is fixed at \
                             creation; one per rule, domain lists per SEMANTICS §5.8",
                        ),
                    );
                }
            } else if need > MAX_STATEFUL_CAPACITY {
                self.diags.push(Diagnostic::error(
                    Code::AwsQuota,
                    group.span,
                    format!(
                        "the rules need capacity {need}, over the AWS limit of {MAX_STATEFUL_CAPACITY} for a stateful rule group"
                    ),
                ));
            }
        }
        self.groups.push(group);
    }

    fn check_var_name(&mut self, name: &str, from: usize, what: &str) {
        let ok = (1..=32).contains(&name.len())
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok {
            let s = self.key_span(from, name);
            self.err(
                s,
                format!(
                    "{what} name `{name}` is not valid: AWS names are 1-32 characters, a letter \
                     then letters, digits or `_`"
                ),
            );
        }
    }

    /// `RuleVariables.IPSets` / `PortSets`.
    fn var_sets(&mut self, vars: &Node, which: &str, from: usize) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        let Some(sets) = vars.get(which) else {
            return out;
        };
        let sat = self.loc.key(from, which).unwrap_or(from);
        let Some(entries) = sets.entries() else {
            if *sets != Node::Null {
                let s = self.loc.key_span(Some(sat), which, sat);
                self.err(
                    s,
                    format!(
                        "RuleVariables.{which} must be an object, found {}",
                        sets.kind()
                    ),
                );
            }
            return out;
        };
        for (name, set) in entries {
            self.check_var_name(name, sat, which);
            let nat = self.loc.key(sat, name).unwrap_or(sat);
            let nspan = self.loc.key_span(Some(nat), name, nat);
            let def = set.get("Definition");
            let Some(Node::Seq(items)) = def else {
                let msg = match def {
                    None => format!("{which}.{name} has no Definition list"),
                    Some(d) => match d.intrinsic() {
                        Some(f) => format!("{which}.{name}.Definition is a CloudFormation {f} expression, not a literal"),
                        None => format!("{which}.{name}.Definition must be a list, found {}", d.kind()),
                    },
                };
                self.diags
                    .push(
                        Diagnostic::warning(Code::AwsShape, nspan, msg).with_hint(format!(
                            "Ferrule left `{name}` undefined; supply it with --var {name}=..."
                        )),
                    );
                continue;
            };
            let mut values = Vec::new();
            let mut literal = true;
            for it in items {
                match it {
                    Node::Str(s) if !interpolated(s) => values.push(s.clone()),
                    Node::Int(i) => values.push(i.to_string()),
                    Node::Str(s) => {
                        literal = false;
                        self.diags.push(
                            Diagnostic::warning(
                                Code::AwsShape,
                                nspan,
                                format!("{which}.{name} holds `{s}`, an unresolved `${{...}}` expression"),
                            )
                            .with_hint(format!(
                                "Ferrule left `{name}` undefined; supply its value with --var {name}=..."
                            )),
                        );
                    }
                    other => {
                        literal = false;
                        let msg = match other.intrinsic() {
                            Some(f) => format!("{which}.{name} holds a CloudFormation {f} expression, not a literal"),
                            None => format!("{which}.{name} holds {}, not a string", other.kind()),
                        };
                        self.diags.push(
                            Diagnostic::warning(Code::AwsShape, nspan, msg).with_hint(format!(
                                "Ferrule left `{name}` undefined; supply its value with --var {name}=..."
                            )),
                        );
                    }
                }
            }
            if literal {
                out.push((name.clone(), values));
            }
        }
        out
    }

    /// `RulesSourceList` at key offset `at`.
    fn domain_list(&mut self, v: &Node, at: usize) -> Option<RuleGroupSource> {
        let span = self.loc.key_span(Some(at), "RulesSourceList", at);
        if v.entries().is_none() {
            self.err(
                span,
                format!("RulesSourceList must be an object, found {}", v.kind()),
            );
            return None;
        }
        let mut ok = true;

        let kind = match v.get("GeneratedRulesType") {
            Some(Node::Str(s)) => match GeneratedRulesType::from_aws(s) {
                Some(k) => Some(k),
                None => {
                    let s2 = self.key_span(at, "GeneratedRulesType");
                    let mut d = Diagnostic::error(
                        Code::AwsShape,
                        s2,
                        format!("GeneratedRulesType `{s}` is not ALLOWLIST, DENYLIST, REJECTLIST or ALERTLIST"),
                    );
                    if GeneratedRulesType::from_aws(&s.to_ascii_uppercase()).is_some() {
                        d = d.with_hint(format!(
                            "AWS API values are uppercase: {}",
                            s.to_ascii_uppercase()
                        ));
                    }
                    self.diags.push(d);
                    None
                }
            },
            other => {
                let msg = self.not_literal_msg(other, "RulesSourceList.GeneratedRulesType");
                self.err(span, msg);
                None
            }
        };

        let mut types = TargetTypes::default();
        match v.get("TargetTypes") {
            Some(Node::Seq(items)) => {
                for it in items {
                    match it.as_str() {
                        Some("TLS_SNI") => types.tls_sni = true,
                        Some("HTTP_HOST") => types.http_host = true,
                        _ => {
                            let s2 = self.key_span(at, "TargetTypes");
                            let shown = it
                                .as_str()
                                .map_or_else(|| it.kind().to_owned(), |s| format!("`{s}`"));
                            self.err(
                                s2,
                                format!("TargetTypes value {shown} is not TLS_SNI or HTTP_HOST"),
                            );
                            ok = false;
                        }
                    }
                }
                if items.is_empty() {
                    let s2 = self.key_span(at, "TargetTypes");
                    self.err(
                        s2,
                        "TargetTypes is empty: the domain list generates no rules",
                    );
                    ok = false;
                }
            }
            other => {
                let msg = self.not_literal_msg(other, "RulesSourceList.TargetTypes");
                self.err(span, msg);
                ok = false;
            }
        }

        let targets = match v.get("Targets") {
            Some(Node::Seq(items)) => {
                let tat = self.loc.key(at, "Targets").unwrap_or(at);
                let tspan = self.loc.key_span(Some(tat), "Targets", tat);
                let mut cur = tat;
                let mut raw = Vec::new();
                for it in items {
                    match it {
                        Node::Str(s) => {
                            let sp = match self.loc.string(cur, s) {
                                Some(r) => {
                                    cur = r.end;
                                    self.loc.span(r)
                                }
                                None => tspan,
                            };
                            if interpolated(s) {
                                self.diags.push(
                                    Diagnostic::error(
                                        Code::AwsShape,
                                        sp,
                                        format!("domain-list target `{s}` is an unresolved `${{...}}` expression"),
                                    )
                                    .with_hint("write the targets as literal strings"),
                                );
                                ok = false;
                            } else {
                                raw.push((s.clone(), sp));
                            }
                        }
                        other => {
                            let msg = self.not_literal_msg(Some(other), "a Targets entry");
                            self.err(tspan, msg);
                            ok = false;
                        }
                    }
                }
                let (targets, mut d) = validate_targets(raw);
                self.diags.append(&mut d);
                if items.is_empty() {
                    self.diags.push(Diagnostic::warning(
                        Code::AwsShape,
                        tspan,
                        "Targets is empty: an allow list then only has its drop rules, other lists generate nothing",
                    ));
                }
                targets
            }
            other => {
                let tat = self.loc.key(at, "Targets");
                let tspan = self.loc.key_span(tat, "Targets", at);
                let mut msg = self.not_literal_msg(other, "RulesSourceList.Targets");
                if let Some(Node::Str(s)) = other {
                    if interpolated(s) {
                        msg = format!("RulesSourceList.Targets is `{s}`, an unresolved `${{...}}` expression, not a list");
                    }
                }
                self.diags.push(
                    Diagnostic::error(Code::AwsShape, tspan, msg)
                        .with_hint("write the targets as a literal list of domain names"),
                );
                ok = false;
                Vec::new()
            }
        };

        match (ok, kind) {
            (true, Some(kind)) => Some(RuleGroupSource::DomainList {
                targets,
                types,
                kind,
            }),
            _ => None,
        }
    }

    fn not_literal_msg(&self, n: Option<&Node>, what: &str) -> String {
        match n {
            None | Some(Node::Null) => format!("{what} is missing"),
            Some(n) => match n.intrinsic() {
                Some(f) => format!("{what} is a CloudFormation {f} expression, not a literal"),
                None => format!("{what} has the wrong type ({})", n.kind()),
            },
        }
    }
}
