//! Reading `check`/`convert` inputs: rules files, domain lists, AWS rule
//! groups and policies, with variables from the command line.

use crate::{DialectArg, Generated, InputArgs};
use ferrule_compiler::aws;
use ferrule_compiler::diag::{Code, Diagnostic};
use ferrule_compiler::lint::{GroupInfo, GroupKind, PolicyInfo};
use ferrule_compiler::load::{Load, Loader, State};
use ferrule_compiler::net::Vars;
use ferrule_compiler::span::{FileId, Span};
use ferrule_compiler::Dialect;
use std::path::Path;

/// A `--var [addr:|port:]NAME=VALUE` argument: its kind, if given, its name
/// (without `$`) and its value.
fn var_arg(v: &str) -> Option<(Option<&str>, &str, &str)> {
    let (kind, rest) = match v.split_once(':') {
        Some((k @ ("addr" | "port"), r)) => (Some(k), r),
        _ => (None, v),
    };
    let (name, value) = rest.split_once('=')?;
    Some((kind, name.trim_start_matches('$'), value))
}

pub(crate) fn build_vars(input: &InputArgs) -> Result<Vars, String> {
    let mut vars = match &input.vars_file {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            Vars::from_suricata_yaml(&text)
                .map_err(|e| format!("{}: {}", p.display(), e.message))?
        }
        None => Vars::suricata_defaults(),
    };
    for v in &input.vars {
        let Some((kind, name, value)) = var_arg(v) else {
            return Err(format!("--var {v}: expected NAME=VALUE"));
        };
        let is_port = match kind {
            Some("port") => true,
            Some(_) => false,
            None => {
                name.ends_with("_PORTS")
                    || value
                        .chars()
                        .all(|c| c.is_ascii_digit() || "[]!:, ".contains(c))
            }
        };
        if is_port {
            vars.set_port(name, value);
        } else {
            vars.set_address(name, value);
        }
    }
    for s in &input.ip_sets {
        let Some((name, cidrs)) = s.split_once('=') else {
            return Err(format!("--ip-set {s}: expected NAME=CIDR[,CIDR...]"));
        };
        let list: Vec<String> = cidrs.split(',').map(|c| c.trim().to_string()).collect();
        vars.set_ip_set_reference(name.trim_start_matches('@'), &list);
    }
    Ok(vars)
}

/// The policy-level variables an AWS rule group starts from
/// ([`aws::RuleGroup::vars`]): `HOME_NET` and `EXTERNAL_NET` as `vars` has
/// them (stock, `--var` or the policy's), the IP set references, and the
/// groups the user defined with `--var`. Not Suricata's other stock groups:
/// on AWS a rule using a variable its group does not define makes the group
/// invalid (SEMANTICS §5.3).
pub(crate) fn aws_group_base(vars: &Vars, var_args: &[String]) -> Vars {
    let mut names = vec!["HOME_NET", "EXTERNAL_NET"];
    names.extend(
        var_args
            .iter()
            .filter_map(|v| var_arg(v))
            .map(|(_, name, _)| name),
    );
    vars.only(&names)
}

/// Numbers the AWS rule groups and domain lists of a load from 1, each its
/// own sid space ([`ferrule_compiler::load::Loader::set_group`]).
#[derive(Default)]
pub(crate) struct SidGroups(u16);

impl SidGroups {
    pub(crate) fn next(&mut self) -> Result<u16, String> {
        self.0 = self
            .0
            .checked_add(1)
            .ok_or("more than 65,535 rule groups in one load")?;
        Ok(self.0)
    }
}

pub(crate) enum Kind {
    Rules,
    Domains,
    Aws,
}

pub(crate) fn kind_of(path: &Path, input: &InputArgs) -> Kind {
    if input.domains {
        return Kind::Domains;
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("json" | "yaml" | "yml" | "template") => Kind::Aws,
        Some("txt" | "lst" | "list" | "domains") => Kind::Domains,
        _ => Kind::Rules,
    }
}

pub(crate) fn target_types(input: &InputArgs) -> Result<aws::TargetTypes, String> {
    let mut t = aws::TargetTypes {
        tls_sni: false,
        http_host: false,
    };
    for ty in &input.types {
        match ty.to_ascii_lowercase().as_str() {
            "tls" | "tls_sni" => t.tls_sni = true,
            "http" | "http_host" => t.http_host = true,
            other => {
                return Err(format!(
                    "--types: unknown target type `{other}` (tls, http)"
                ))
            }
        }
    }
    Ok(t)
}

/// Loads every input; returns the load and, for convert, the generated texts.
pub(crate) fn load_inputs(input: &InputArgs) -> Result<(Load, Vec<String>), String> {
    load_inputs_with(input, None).map(|i| (i.load, i.texts))
}

/// What [`load_inputs_with`] read: the load, the generated texts, and for the
/// policy lints which source each group's rules came from and the policy.
pub(crate) struct Inputs {
    pub(crate) load: Load,
    pub(crate) texts: Vec<String>,
    pub(crate) groups: Vec<GroupInfo>,
    pub(crate) policies: Vec<PolicyInfo>,
    pub(crate) policy: Option<aws::Policy>,
    pub(crate) any_strict_group: bool,
    /// Sources of groups whose policy reference says `DROP_TO_ALERT`.
    pub(crate) drop_to_alert: Vec<FileId>,
    /// Position of each referenced group's source in the policy's evaluation order.
    pub(crate) ranks: Vec<(FileId, usize)>,
}

/// An input that cannot be read: an F0001 error on an empty source of its
/// name, so it is reported with the others and the load fails.
fn report_unreadable(loader: &mut Loader, name: &str, e: &dyn std::fmt::Display) {
    let f = loader.add_source(name, "");
    loader.report(Diagnostic::error(
        Code::Io,
        Span::new(f, 0..0),
        format!("cannot read {name}: {e}"),
    ));
}

/// The text of input `path`, or `None` once its F0001 error is reported.
fn read_or_report(loader: &mut Loader, path: &Path, name: &str) -> Option<String> {
    std::fs::read_to_string(path)
        .map_err(|e| report_unreadable(loader, name, &e))
        .ok()
}

/// The first line of a source, as the span naming a whole group.
pub(crate) fn first_line(file: FileId, text: &str) -> Span {
    Span::new(file, 0..text.find('\n').unwrap_or(text.len()))
}

/// Loads every input (and the policy, whose `HOME_NET` applies to every group),
/// recording the groups the lints need.
pub(crate) fn load_inputs_with(
    input: &InputArgs,
    policy_path: Option<&Path>,
) -> Result<Inputs, String> {
    let mut vars = build_vars(input)?;
    let dialect = match input.dialect {
        DialectArg::Suricata => Dialect::Suricata,
        DialectArg::Aws => Dialect::Aws,
    };
    let types = target_types(input)?;
    let mut loader = Loader::new(vars.clone(), dialect);
    let mut sid_group = SidGroups::default();
    let mut generated_texts = Vec::new();
    let mut groups: Vec<GroupInfo> = Vec::new();
    let mut read_groups: Vec<(aws::RuleGroup, usize)> = Vec::new();
    let mut policy: Option<aws::Policy> = None;
    let mut policies: Vec<PolicyInfo> = Vec::new();
    if let Some(p) = policy_path {
        let name = p.display().to_string();
        let text = std::fs::read_to_string(p).map_err(|e| format!("{name}: {e}"))?;
        let file = loader.add_source(&name, &text);
        let (pol, diags) = aws::read_policy(file, &text);
        for d in diags {
            loader.report(d);
        }
        let pol = pol.ok_or_else(|| format!("{name}: no firewall policy found"))?;
        if let Some(home) = &pol.home_net {
            vars.set_address("HOME_NET", &format!("[{}]", home.join(",")));
            loader.set_vars(vars.clone());
        }
        policies.push(PolicyInfo {
            name: pol.name.clone().or(pol.resource.clone()).unwrap_or(name),
            span: pol.span,
            rule_order: pol.rule_order,
            default_actions: pol.stateful_default_actions.clone(),
        });
        policy = Some(pol);
    }
    // A domain list follows the input's rule order: `--strict-order`, a
    // STRICT_ORDER policy, or a STRICT_ORDER rule group among the inputs
    // (AWS requires a group's order to match its policy's).
    let strict_input = input.strict_order
        || policy
            .as_ref()
            .is_some_and(|p| p.rule_order == aws::RuleOrder::StrictOrder)
        || input.files.iter().any(|p| {
            matches!(kind_of(p, input), Kind::Aws)
                && std::fs::read_to_string(p).is_ok_and(|text| {
                    aws::read_rule_groups(FileId(0), &text)
                        .0
                        .iter()
                        .any(|g| g.rule_order == aws::RuleOrder::StrictOrder)
                })
        });
    let order_flag = if strict_input {
        aws::RuleOrder::StrictOrder
    } else {
        aws::RuleOrder::DefaultActionOrder
    };
    let mut any_strict_group = false;
    let mut drop_to_alert = Vec::new();
    let mut ranks = Vec::new();
    let aws_base = aws_group_base(&vars, &input.vars);
    for path in &input.files {
        let name = path.display().to_string();
        match kind_of(path, input) {
            Kind::Rules => match loader.add_rules_file(path) {
                Ok(file) => groups.push(GroupInfo {
                    name: name.clone(),
                    kind: GroupKind::Rules,
                    aws: dialect == Dialect::Aws,
                    rule_order: order_flag,
                    file: Some(file),
                    span: Span::new(file, 0..0),
                    declared_capacity: None,
                    capacity: 0,
                    capacity_checked: false,
                    policy: None,
                }),
                Err(e) => report_unreadable(&mut loader, &name, &e),
            },
            Kind::Domains => {
                let Some(text) = read_or_report(&mut loader, path, &name) else {
                    continue;
                };
                let file = loader.add_source(&name, &text);
                let (targets, diags) = aws::parse_domain_list(file, &text);
                for d in diags {
                    loader.report(d);
                }
                let kind = match input.generated {
                    Generated::Allowlist => aws::GeneratedRulesType::AllowList,
                    Generated::Denylist => aws::GeneratedRulesType::DenyList,
                    Generated::Rejectlist => aws::GeneratedRulesType::RejectList,
                    Generated::Alertlist => aws::GeneratedRulesType::AlertList,
                };
                let rules = aws::generate_domain_rules(&targets, types, kind, order_flag);
                let text_rules: String = rules.iter().map(|r| format!("{}\n", r.text)).collect();
                let prev = loader.vars().clone();
                loader.set_dialect(Dialect::Aws);
                loader.set_strict_order(strict_input);
                loader.set_group(sid_group.next()?);
                let gen = loader.add_rules(&format!("{name} (generated rules)"), &text_rules);
                loader.set_group(0);
                loader.set_strict_order(false);
                loader.set_dialect(dialect);
                loader.set_vars(prev);
                any_strict_group |= strict_input;
                groups.push(GroupInfo {
                    name: name.clone(),
                    kind: GroupKind::DomainList {
                        kind,
                        types,
                        targets: targets.len(),
                    },
                    aws: true,
                    rule_order: order_flag,
                    file: Some(gen),
                    span: first_line(file, &text),
                    declared_capacity: None,
                    capacity: aws::domain_list_capacity(targets.len(), types),
                    capacity_checked: false,
                    policy: None,
                });
                generated_texts.push(text_rules);
            }
            Kind::Aws => {
                let Some(text) = read_or_report(&mut loader, path, &name) else {
                    continue;
                };
                let file = loader.add_source(&name, &text);
                let (found, diags) = aws::read_rule_groups(file, &text);
                for d in diags {
                    loader.report(d);
                }
                for (i, g) in found.into_iter().enumerate() {
                    let gvars = g.vars(&aws_base);
                    let rules_text = g.rules_text();
                    let gname = match &g.name {
                        Some(n) => format!("{name} ({n})"),
                        None => format!("{name} (group {})", i + 1),
                    };
                    loader.set_vars(gvars);
                    loader.set_dialect(Dialect::Aws);
                    loader.set_strict_order(g.rule_order == aws::RuleOrder::StrictOrder);
                    loader.set_group(sid_group.next()?);
                    let gen = loader.add_rules(&gname, &rules_text);
                    loader.set_group(0);
                    loader.set_strict_order(false);
                    loader.set_dialect(dialect);
                    loader.set_vars(vars.clone());
                    generated_texts.push(rules_text);
                    any_strict_group |= g.rule_order == aws::RuleOrder::StrictOrder;
                    let reference = policy
                        .as_ref()
                        .and_then(|p| p.stateful_groups.iter().find(|r| r.refers_to(&g)));
                    if reference.is_some_and(|r| r.drop_to_alert) {
                        drop_to_alert.push(gen);
                    }
                    if let Some(p) = &policy {
                        if let Some(at) = p.groups_in_order().iter().position(|r| r.refers_to(&g)) {
                            ranks.push((gen, at));
                        }
                    }
                    groups.push(GroupInfo {
                        name: g.name.clone().unwrap_or_else(|| gname.clone()),
                        kind: match &g.source {
                            aws::RuleGroupSource::DomainList {
                                targets,
                                types,
                                kind,
                            } => GroupKind::DomainList {
                                kind: *kind,
                                types: *types,
                                targets: targets.len(),
                            },
                            aws::RuleGroupSource::Stateless { .. } => GroupKind::Stateless,
                            _ => GroupKind::Rules,
                        },
                        aws: true,
                        rule_order: g.rule_order,
                        file: Some(gen),
                        span: g.span,
                        declared_capacity: g.capacity,
                        capacity: g.capacity_estimate(),
                        capacity_checked: true,
                        policy: reference.map(|_| 0),
                    });
                    read_groups.push((g, groups.len() - 1));
                }
            }
        }
    }
    if let Some(pol) = &policy {
        let gs: Vec<aws::RuleGroup> = read_groups.iter().map(|(g, _)| g.clone()).collect();
        for d in pol.check_groups(&gs) {
            loader.report(d);
        }
    }
    let load = loader.finish();
    // Rules files: span and capacity (one per rule, as AWS counts) from the load.
    for g in groups
        .iter_mut()
        .filter(|g| g.kind == GroupKind::Rules && !g.capacity_checked)
    {
        if let Some(f) = g.file {
            g.span = first_line(f, &load.sources.get(f).text);
            g.capacity = load
                .outcomes
                .iter()
                .filter(|o| o.file == f && !matches!(o.state, State::Ignored))
                .count() as u32;
        }
    }
    Ok(Inputs {
        load,
        texts: generated_texts,
        groups,
        policies,
        policy,
        any_strict_group,
        drop_to_alert,
        ranks,
    })
}
