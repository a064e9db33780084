//! Loading rules for `explain` and `replay`: the rule files (Suricata rules,
//! domain lists, AWS rule groups), an optional AWS firewall policy (rule
//! order, group priorities, stateful default actions, HOME_NET), variables,
//! IP set references and the decision order.

use crate::inputs::{aws_group_base, build_vars, kind_of, Kind, SidGroups};
use crate::{DialectArg, Generated, InputArgs};
use ferrule_compiler::aws::{self, Policy, RuleGroup, RuleOrder, StatefulDefaultAction};
use ferrule_compiler::diag::Diagnostic;
use ferrule_compiler::interp::Order;
use ferrule_compiler::ir::{Action, Rule};
use ferrule_compiler::load::{Load, Loader};
use ferrule_compiler::net::Vars;
use ferrule_compiler::render;
use ferrule_compiler::Dialect;
use ferrule_matcher::extract::http::HostRule;
use std::path::PathBuf;

/// The rule-loading options shared by `explain` and `replay`.
#[derive(clap::Args)]
pub struct RulesetArgs {
    /// Rules file (.rules), domain list (.txt) or AWS rule group (.json/.yaml); repeatable.
    /// In strict order, rules are evaluated in the order given (groups by policy priority).
    #[arg(long = "rules", value_name = "FILE", required = true)]
    pub rules: Vec<PathBuf>,
    /// Rule language: suricata (8.0) or aws (Network Firewall, Suricata 7 based).
    #[arg(long, value_enum, default_value = "suricata")]
    pub dialect: DialectArg,
    /// Define a variable: NAME=VALUE (as for `check`).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub vars: Vec<String>,
    /// AWS IP set reference: NAME=CIDR[,CIDR...].
    #[arg(long = "ip-set", value_name = "NAME=CIDRS")]
    pub ip_sets: Vec<String>,
    /// AWS firewall policy (JSON/YAML): rule order, group priorities, stateful default
    /// actions, HOME_NET.
    #[arg(long, value_name = "POLICY")]
    pub policy: Option<PathBuf>,
    /// AWS STRICT_ORDER: rules as written, first pass/drop/reject decides.
    #[arg(long)]
    pub strict_order: bool,
    /// AWS stateful default action (strict order), e.g. aws:drop_established; repeatable,
    /// replaces the policy's.
    #[arg(long = "default-action", value_name = "ACTION", value_delimiter = ',')]
    pub default_actions: Vec<String>,
    /// Suricata action-order (action order only): the four of pass,drop,reject,alert.
    #[arg(long = "action-order", value_name = "LIST", value_delimiter = ',')]
    pub action_order: Vec<String>,
}

/// One rules text to load, with its settings.
struct Unit {
    name: String,
    text: String,
    vars: Vars,
    dialect: Dialect,
    group: Option<RuleGroup>,
    /// The policy reference overrides the group's drops to alerts (`DROP_TO_ALERT`).
    drop_to_alert: bool,
    /// Its own sid space (an AWS rule group or domain list, from 1), or 0.
    sid_group: u16,
    /// A domain list's targets: its rules are generated once the rule order
    /// of the whole input is known.
    domains: Option<Vec<aws::Target>>,
}

/// Why loading stopped: a usage error (exit 2) or a load failure (exit 1).
pub enum Fail {
    /// Bad arguments.
    Usage(String),
    /// The rendered errors and how many.
    Load(String, usize),
    /// A file could not be read.
    Io(String),
}

impl Fail {
    /// Print why on stderr and give the exit status: 2 for a usage error,
    /// 1 when the rules could not be read or loaded.
    pub fn exit(self) -> std::process::ExitCode {
        match self {
            Fail::Usage(m) => {
                errln!("error: {m}");
                std::process::ExitCode::from(2)
            }
            Fail::Io(m) => {
                errln!("error: {m}");
                std::process::ExitCode::from(1)
            }
            Fail::Load(text, n) => {
                errout!("{text}");
                errln!("error: the rules failed to load ({n} errors)");
                std::process::ExitCode::from(1)
            }
        }
    }
}

/// The loaded rules and how to decide with them.
pub struct Setup {
    /// The load (sources and diagnostics).
    pub load: Load,
    /// Active rules in evaluation order (load order: strict order uses it).
    pub rules: Vec<Rule>,
    /// Decision order (action order or strict order with default actions).
    pub order: Order,
    /// The policy's name, if a policy was given.
    pub policy_name: Option<String>,
    /// How `http.host` is taken from a Host header: as AWS Network Firewall
    /// (Suricata 7) does when the rules are AWS's (`--dialect aws`, a policy,
    /// an AWS rule group or a domain list), else as Suricata 8 does
    /// (SEMANTICS §9).
    pub host_rule: HostRule,
}

pub fn setup(args: &RulesetArgs) -> Result<Setup, Fail> {
    let input = InputArgs {
        files: args.rules.clone(),
        dialect: args.dialect,
        vars: args.vars.clone(),
        vars_file: None,
        ip_sets: args.ip_sets.clone(),
        domains: false,
        types: vec!["tls".into(), "http".into()],
        generated: Generated::Allowlist,
        strict_order: args.strict_order,
    };
    let mut base_vars = build_vars(&input).map_err(Fail::Usage)?;
    let dialect = match args.dialect {
        DialectArg::Suricata => Dialect::Suricata,
        DialectArg::Aws => Dialect::Aws,
    };
    let mut loader = Loader::new(base_vars.clone(), dialect);
    let mut diags: Vec<Diagnostic> = Vec::new();

    // The policy first: it sets HOME_NET for every group.
    let mut policy: Option<Policy> = None;
    if let Some(p) = &args.policy {
        let name = p.display().to_string();
        let text = std::fs::read_to_string(p).map_err(|e| Fail::Io(format!("{name}: {e}")))?;
        let file = loader.add_source(&name, &text);
        let (pol, d) = aws::read_policy(file, &text);
        diags.extend(d);
        let Some(pol) = pol else {
            return Err(Fail::Io(format!("{name}: no firewall policy found")));
        };
        if let Some(home) = &pol.home_net {
            base_vars.set_address("HOME_NET", &format!("[{}]", home.join(",")));
        }
        policy = Some(pol);
    }

    let mut units: Vec<Unit> = Vec::new();
    let mut sid_groups = SidGroups::default();
    let mut any_strict_group = false;
    let aws_base = aws_group_base(&base_vars, &args.vars);
    for path in &args.rules {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Fail::Io(format!("cannot read {name}: {e}")))?;
        match kind_of(path, &input) {
            Kind::Rules => units.push(Unit {
                name,
                text,
                vars: base_vars.clone(),
                dialect,
                group: None,
                drop_to_alert: false,
                sid_group: 0,
                domains: None,
            }),
            Kind::Domains => {
                let file = loader.add_source(&name, &text);
                let (targets, d) = aws::parse_domain_list(file, &text);
                diags.extend(d);
                units.push(Unit {
                    name: format!("{name} (generated rules)"),
                    text: String::new(),
                    vars: base_vars.clone(),
                    dialect: Dialect::Aws,
                    group: None,
                    drop_to_alert: false,
                    sid_group: sid_groups.next().map_err(Fail::Usage)?,
                    domains: Some(targets),
                });
            }
            Kind::Aws => {
                let file = loader.add_source(&name, &text);
                let (groups, d) = aws::read_rule_groups(file, &text);
                diags.extend(d);
                for (i, g) in groups.into_iter().enumerate() {
                    any_strict_group |= g.rule_order == RuleOrder::StrictOrder;
                    let gvars = g.vars(&aws_base);
                    let gname = match &g.name {
                        Some(n) => format!("{name} ({n})"),
                        None => format!("{name} (group {})", i + 1),
                    };
                    units.push(Unit {
                        name: gname,
                        text: g.rules_text(),
                        vars: gvars,
                        dialect: Dialect::Aws,
                        group: Some(g),
                        drop_to_alert: false,
                        sid_group: sid_groups.next().map_err(Fail::Usage)?,
                        domains: None,
                    });
                }
            }
        }
    }

    let strict = args.strict_order
        || any_strict_group
        || policy
            .as_ref()
            .is_some_and(|p| p.rule_order == RuleOrder::StrictOrder);

    // A domain list follows the input's rule order (strict: no generated
    // drop rules and no `priority`), whichever input says it.
    let list_order = if strict {
        RuleOrder::StrictOrder
    } else {
        RuleOrder::DefaultActionOrder
    };
    for u in units.iter_mut() {
        if let Some(targets) = u.domains.take() {
            let rules = aws::generate_domain_rules(
                &targets,
                aws::TargetTypes {
                    tls_sni: true,
                    http_host: true,
                },
                aws::GeneratedRulesType::AllowList,
                list_order,
            );
            u.text = rules.iter().map(|r| format!("{}\n", r.text)).collect();
        }
    }

    // Groups by policy priority (referenced groups first, lowest priority first),
    // then everything else in the order given.
    if let Some(pol) = &policy {
        let groups: Vec<RuleGroup> = units.iter().filter_map(|u| u.group.clone()).collect();
        diags.extend(pol.check_groups(&groups));
        for u in units.iter_mut() {
            if let Some(g) = &u.group {
                u.drop_to_alert = pol
                    .stateful_groups
                    .iter()
                    .any(|r| r.drop_to_alert && r.refers_to(g));
            }
        }
        if strict {
            let refs = pol.groups_in_order();
            let key = |u: &Unit| -> (usize, usize) {
                u.group
                    .as_ref()
                    .and_then(|g| refs.iter().position(|r| r.refers_to(g)))
                    .map_or((1, 0), |p| (0, p))
            };
            units.sort_by_key(key);
        }
    }

    // Default actions: --default-action replaces the policy's.
    let mut defaults = Vec::new();
    for a in &args.default_actions {
        match StatefulDefaultAction::from_aws(a.trim()) {
            Some(d) => defaults.push(d),
            None => {
                return Err(Fail::Usage(format!(
                    "--default-action `{a}`: expected aws:drop_strict, aws:drop_established, \
                     aws:drop_established_app_layer[_to_server], aws:alert_strict, \
                     aws:alert_established or aws:alert_established_app_layer[_to_server]"
                )))
            }
        }
    }
    if defaults.is_empty() {
        if let Some(p) = &policy {
            defaults = p.stateful_default_actions.clone();
        }
    }
    if defaults.iter().filter(|d| d.is_drop()).count() > 1 {
        return Err(Fail::Usage(
            "at most one drop default action (AWS: choose none or one)".into(),
        ));
    }
    if !defaults.is_empty() && !strict {
        return Err(Fail::Usage(
            "stateful default actions apply only in strict order (--strict-order or a STRICT_ORDER policy)"
                .into(),
        ));
    }
    let mut order = if args.action_order.is_empty() {
        Order::default()
    } else {
        if strict {
            return Err(Fail::Usage(
                "--action-order applies only in action order, not strict order".into(),
            ));
        }
        let names: Vec<&str> = args.action_order.iter().map(String::as_str).collect();
        Order::with_action_order(&names).map_err(Fail::Usage)?
    };
    order.strict = strict;
    order.defaults = defaults;

    let mut drop_to_alert = Vec::new();
    for u in &units {
        loader.set_vars(u.vars.clone());
        loader.set_dialect(u.dialect);
        loader.set_strict_order(strict && u.dialect == Dialect::Aws);
        loader.set_group(u.sid_group);
        let file = loader.add_rules(&u.name, &u.text);
        if u.drop_to_alert {
            drop_to_alert.push(file);
        }
    }
    for d in diags {
        loader.report(d);
    }
    let load = loader.finish();
    if load.has_errors() {
        let errors: Vec<Diagnostic> = load
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        return Err(Fail::Load(
            render::to_text(&load.sources, &errors),
            errors.len(),
        ));
    }
    let mut rules: Vec<Rule> = load.active_rules().cloned().collect();
    // `Override.Action: DROP_TO_ALERT`: the group's drop rules only alert
    // (rejects are left as they are: UNVERIFIED whether AWS turns them too).
    for r in rules.iter_mut() {
        if r.action == Action::Drop && drop_to_alert.contains(&r.span.file) {
            r.action = Action::Alert;
        }
    }
    // AWS rules: `--dialect aws`, a policy, a rule group or a domain list.
    let aws = dialect == Dialect::Aws
        || policy.is_some()
        || units.iter().any(|u| u.dialect == Dialect::Aws);
    Ok(Setup {
        load,
        rules,
        order,
        policy_name: policy.and_then(|p| p.name),
        host_rule: if aws {
            HostRule::Suricata7
        } else {
            HostRule::Suricata8
        },
    })
}
