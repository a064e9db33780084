//! Table-driven tests of the policy lints F0810-F0818 (and the lint side of
//! F0707): each case is a ruleset, a decision order, the codes that must be
//! reported and the codes that must not. Also: SARIF output validated against
//! the official SARIF 2.1.0 schema (vendored under `tests/data/`).

use ferrule_compiler::aws::{
    self, GeneratedRulesType, RuleOrder, StatefulDefaultAction, TargetTypes,
};
use ferrule_compiler::diag::{Code, Diagnostic};
use ferrule_compiler::interp::Order;
use ferrule_compiler::lint::{lint, GroupInfo, GroupKind, LintContext, PolicyInfo};
use ferrule_compiler::load::{Load, Loader};
use ferrule_compiler::net::Vars;
use ferrule_compiler::span::{FileId, SourceMap, Span};
use ferrule_compiler::Dialect;

fn load(text: &str) -> Load {
    let mut l = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    l.add_rules("t.rules", text);
    l.finish()
}

fn run(text: &str, order: &Order) -> (Load, Vec<Diagnostic>) {
    let load = load(text);
    let errors: Vec<_> = load.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "test rules must load: {errors:?}");
    let rules: Vec<_> = load.active_rules().cloned().collect();
    let out = lint(&LintContext::new(&rules, order, &load.sources));
    (load, out)
}

/// (name, rules, codes that must appear, codes that must not)
type Case = (&'static str, &'static str, &'static [Code], &'static [Code]);

fn check_cases(cases: &[Case], order: &Order) {
    for (name, text, yes, no) in cases {
        let (load, out) = run(text, order);
        let got: Vec<Code> = out.iter().map(|d| d.code).collect();
        for c in *yes {
            assert!(got.contains(c), "{name}: expected {c:?}, got {got:?}");
        }
        for c in *no {
            assert!(!got.contains(c), "{name}: unexpected {c:?} in {out:#?}");
        }
        for d in &out {
            // Every finding: a span inside the sources, a message and a hint.
            let f = load.sources.get(d.span.file);
            assert!(
                d.span.end as usize <= f.text.len(),
                "{name}: span out of range"
            );
            assert!(!d.message.is_empty() && d.hint.is_some(), "{name}: {d:?}");
        }
    }
}

const SNI_CASE: &[Case] = &[
    (
        "sni without nocase (trap 11)",
        "alert tls any any -> any any (tls.sni; content:\"example.com\"; startswith; endswith; sid:1;)",
        &[Code::SniCaseSensitive],
        &[Code::LookalikeName],
    ),
    (
        "sni with nocase",
        "alert tls any any -> any any (tls.sni; content:\"example.com\"; startswith; nocase; endswith; sid:1;)",
        &[],
        &[Code::SniCaseSensitive, Code::LookalikeName],
    ),
    (
        "sni lowercased by a transform",
        "alert tls any any -> any any (tls.sni; to_lowercase; content:\"example.com\"; startswith; endswith; sid:1;)",
        &[],
        &[Code::SniCaseSensitive],
    ),
    (
        "sni content without letters",
        "alert tls any any -> any any (tls.sni; content:\"10.0.0.1\"; startswith; endswith; sid:1;)",
        &[],
        &[Code::SniCaseSensitive],
    ),
    (
        "http.host is lowercase anyway",
        "alert http any any -> any any (http.host; content:\"example.com\"; startswith; endswith; sid:1;)",
        &[],
        &[Code::SniCaseSensitive],
    ),
];

const LOOKALIKE: &[Case] = &[
    (
        "suffix without label boundary",
        "alert tls any any -> any any (tls.sni; content:\"example.com\"; nocase; endswith; sid:1;)",
        &[Code::LookalikeName],
        &[],
    ),
    (
        "unanchored host",
        "alert http any any -> any any (http.host; content:\"example.com\"; sid:1;)",
        &[Code::LookalikeName],
        &[],
    ),
    (
        "dotprefix content without the leading dot",
        "alert tls any any -> any any (tls.sni; dotprefix; content:\"example.com\"; nocase; endswith; sid:1;)",
        &[Code::LookalikeName],
        &[],
    ),
    (
        "AWS wildcard form",
        "alert tls any any -> any any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; sid:1;)",
        &[],
        &[Code::LookalikeName, Code::WildcardMissesBareDomain],
    ),
    (
        "exact match",
        "alert tls any any -> any any (tls.sni; content:\"example.com\"; startswith; nocase; endswith; sid:1;)",
        &[],
        &[Code::LookalikeName],
    ),
    (
        "bsize pins the length",
        "alert tls any any -> any any (tls.sni; content:\"example.com\"; nocase; bsize:11; sid:1;)",
        &[],
        &[Code::LookalikeName],
    ),
    (
        "leading dot: .example.com vs notexample.com",
        "alert dns any any -> any any (dns.query; content:\".example.com\"; nocase; endswith; sid:1;)",
        &[],
        &[Code::LookalikeName],
    ),
    (
        "not a name",
        "alert http any any -> any any (http.host; content:\"admin\"; sid:1;)",
        &[],
        &[Code::LookalikeName],
    ),
];

const BARE_AND_DOT: &[Case] = &[
    (
        "pass .example.com without dotprefix misses example.com",
        "pass tls any any -> any any (tls.sni; content:\".example.com\"; nocase; endswith; sid:1;)",
        &[Code::WildcardMissesBareDomain],
        &[],
    ),
    (
        "alert-only subdomain rule is not flagged",
        "alert tls any any -> any any (tls.sni; content:\".example.com\"; nocase; endswith; sid:1;)",
        &[],
        &[Code::WildcardMissesBareDomain],
    ),
    (
        "dotprefix covers the bare domain",
        "pass tls any any -> any any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; sid:1;)",
        &[],
        &[Code::WildcardMissesBareDomain],
    ),
    (
        "deny rule misses the trailing-dot form (trap 11)",
        "drop tls any any -> any any (tls.sni; dotprefix; content:\".evil.com\"; nocase; endswith; sid:1;)",
        &[Code::TrailingDotEvades],
        &[],
    ),
    (
        "http deny rule misses the trailing-dot form",
        "drop http any any -> any any (http.host; content:\"evil.com\"; startswith; endswith; sid:1;)",
        &[Code::TrailingDotEvades],
        &[],
    ),
    (
        "a catch-all drop handles the trailing dot",
        "drop tls any any -> any any (tls.sni; dotprefix; content:\".evil.com\"; nocase; endswith; sid:1;)\ndrop tls any any -> any any (ssl_state:client_hello; flow:to_server,established; sid:2;)",
        &[],
        &[Code::TrailingDotEvades],
    ),
    (
        "pass rules fail closed",
        "pass tls any any -> any any (tls.sni; dotprefix; content:\".ok.com\"; nocase; endswith; sid:1;)",
        &[],
        &[Code::TrailingDotEvades],
    ),
    (
        "unanchored drop matches the trailing dot too",
        "drop tls any any -> any any (tls.sni; content:\".evil.com\"; nocase; sid:1;)",
        &[],
        &[Code::TrailingDotEvades],
    ),
];

const NEVER: &[Case] = &[
    (
        "dotprefix + startswith without the dot",
        "alert tls any any -> any any (tls.sni; dotprefix; content:\"example.com\"; startswith; nocase; sid:1;)",
        &[Code::ConditionNeverMatches],
        &[],
    ),
    (
        "dotprefix + startswith with the dot",
        "alert tls any any -> any any (tls.sni; dotprefix; content:\".example.com\"; startswith; nocase; endswith; sid:1;)",
        &[],
        &[Code::ConditionNeverMatches],
    ),
    (
        "endswith + depth against bsize",
        "alert http any any -> any any (http.host; content:\"abc\"; depth:5; endswith; bsize:>10; sid:1;)",
        &[Code::ConditionNeverMatches],
        &[],
    ),
    (
        "endswith + depth against a longer startswith content",
        "alert http any any -> any any (http.host; content:\"abcdefgh\"; startswith; content:\"gh\"; depth:4; endswith; sid:1;)",
        &[Code::ConditionNeverMatches],
        &[],
    ),
    (
        "endswith + depth compatible",
        "alert http any any -> any any (http.host; content:\"abc\"; depth:20; endswith; bsize:>10; sid:1;)",
        &[],
        &[Code::ConditionNeverMatches],
    ),
    (
        "two startswith contents",
        "alert http any any -> any any (http.host; content:\"abc\"; startswith; content:\"abd\"; startswith; sid:1;)",
        &[Code::ConditionNeverMatches],
        &[],
    ),
    (
        "two compatible startswith contents",
        "alert http any any -> any any (http.host; content:\"abc\"; startswith; content:\"ab\"; startswith; sid:1;)",
        &[],
        &[Code::ConditionNeverMatches],
    ),
    (
        "two endswith contents",
        "alert tls any any -> any any (tls.sni; content:\".com\"; nocase; endswith; content:\".net\"; nocase; endswith; sid:1;)",
        &[Code::ConditionNeverMatches],
        &[],
    ),
    (
        "exact content and a content it does not contain",
        "alert http any any -> any any (http.host; content:\"example.com\"; startswith; endswith; content:\"evil\"; sid:1;)",
        &[Code::ConditionNeverMatches],
        &[],
    ),
    (
        "exact content and a negated content it contains",
        "alert http any any -> any any (http.host; content:\"example.com\"; startswith; endswith; content:!\"ample\"; sid:1;)",
        &[Code::ConditionNeverMatches],
        &[],
    ),
    (
        "exact content and a content it contains",
        "alert http any any -> any any (http.host; content:\"example.com\"; startswith; endswith; content:\"ample\"; sid:1;)",
        &[],
        &[Code::ConditionNeverMatches],
    ),
    (
        "isdataat beyond an exact length",
        "alert http any any -> any any (http.host; content:\"example.com\"; startswith; endswith; isdataat:20; sid:1;)",
        &[Code::ConditionNeverMatches],
        &[],
    ),
    (
        "uppercase http.host pcre (trap 12)",
        "alert http any any -> any any (http.host; pcre:\"/Example\\.com$/\"; sid:1;)",
        &[Code::ConditionNeverMatches],
        &[],
    ),
    (
        "http.host pcre with the i flag",
        "alert http any any -> any any (http.host; pcre:\"/Example\\.com$/i\"; sid:1;)",
        &[],
        &[Code::ConditionNeverMatches],
    ),
    (
        "http.host pcre with a lowercase alternative",
        "alert http any any -> any any (http.host; pcre:\"/(Example|test)\\.com$/\"; sid:1;)",
        &[],
        &[Code::ConditionNeverMatches],
    ),
    (
        "uppercase host content behind dotprefix: the loader's F0523, not repeated",
        "alert http any any -> any any (http.host; dotprefix; content:\".Example.com\"; endswith; sid:1;)",
        &[],
        &[Code::ConditionNeverMatches],
    ),
];

const SCOPE: &[Case] = &[
    (
        "IPv4 negation to an IPv6 destination",
        "alert tcp !10.0.0.0/8 any -> 2001:db8::/32 any (sid:1;)",
        &[Code::AddressFamiliesDisjoint],
        &[Code::NegationMissesIpv6],
    ),
    (
        "IPv6 Tor nodes to the stock IPv4 HOME_NET",
        "alert tcp 2001:db8::1 any -> $HOME_NET any (sid:1;)",
        &[Code::AddressFamiliesDisjoint],
        &[],
    ),
    (
        "any to IPv6",
        "alert tcp any any -> 2001:db8::/32 any (sid:1;)",
        &[],
        &[Code::AddressFamiliesDisjoint, Code::NegationMissesIpv6],
    ),
    (
        "IPv4 negation with any (trap 7)",
        "alert tcp !10.0.0.5 any -> any any (sid:1;)",
        &[Code::NegationMissesIpv6],
        &[],
    ),
    (
        "stock EXTERNAL_NET with any",
        "alert tls any any -> $EXTERNAL_NET any (tls.sni; content:\"a.example\"; nocase; startswith; endswith; sid:1;)",
        &[Code::NegationMissesIpv6],
        &[],
    ),
    (
        "stock EXTERNAL_NET to HOME_NET: IPv4 on both sides anyway",
        "alert tcp $EXTERNAL_NET any -> $HOME_NET any (sid:1;)",
        &[],
        &[Code::NegationMissesIpv6, Code::AddressFamiliesDisjoint],
    ),
    (
        "explicit IPv4 everything",
        "alert tcp 0.0.0.0/0 any -> any any (sid:1;)",
        &[],
        &[Code::NegationMissesIpv6],
    ),
    (
        "negation with IPv6 added",
        "alert tcp [!10.0.0.0/8,::/0] any -> any any (sid:1;)",
        &[],
        &[Code::NegationMissesIpv6],
    ),
];

#[test]
fn sni_case_lint() {
    check_cases(SNI_CASE, &Order::default());
}

#[test]
fn lookalike_lint() {
    check_cases(LOOKALIKE, &Order::default());
}

#[test]
fn bare_domain_and_trailing_dot_lints() {
    check_cases(BARE_AND_DOT, &Order::default());
}

#[test]
fn never_matches_lint() {
    check_cases(NEVER, &Order::default());
}

#[test]
fn sni_longer_than_255_never_matches() {
    let name = format!("{}.com", "a".repeat(260));
    let text =
        format!("alert tls any any -> any any (tls.sni; content:\"{name}\"; nocase; sid:1;)");
    let (_, out) = run(&text, &Order::default());
    assert!(
        out.iter().any(|d| d.code == Code::ConditionNeverMatches),
        "{out:?}"
    );
    let ok = "alert tls any any -> any any (tls.sni; content:\"aaaa.com\"; nocase; sid:1;)";
    let (_, out) = run(ok, &Order::default());
    assert!(!out.iter().any(|d| d.code == Code::ConditionNeverMatches));
}

#[test]
fn uppercase_host_behind_transform_stays_with_the_loader() {
    let (load, _) = run(
        "alert http any any -> any any (http.host; dotprefix; content:\".Example.com\"; endswith; sid:1;)",
        &Order::default(),
    );
    assert!(load
        .diagnostics
        .iter()
        .any(|d| d.code == Code::NeverMatches));
}

#[test]
fn scope_lints() {
    check_cases(SCOPE, &Order::default());
}

// ---- group lints: domain lists built as the CLI builds them.

struct Built {
    load: Load,
    groups: Vec<GroupInfo>,
}

fn lists(
    specs: &[(GeneratedRulesType, TargetTypes, &str)],
    order: RuleOrder,
    extra: &str,
) -> Built {
    let mut l = Loader::new(Vars::suricata_defaults(), Dialect::Aws);
    l.set_strict_order(order == RuleOrder::StrictOrder);
    let mut groups = Vec::new();
    for (i, (kind, types, targets)) in specs.iter().enumerate() {
        let name = format!("list{i}.txt");
        let file = l.add_source(&name, targets);
        let (ts, diags) = aws::parse_domain_list(file, targets);
        assert!(diags.iter().all(|d| !d.is_error()));
        let rules = aws::generate_domain_rules(&ts, *types, *kind, order);
        let text: String = rules.iter().map(|r| format!("{}\n", r.text)).collect();
        // Each list its own sid space, as the CLI loads them.
        l.set_group(i as u16 + 1);
        let gen = l.add_rules(&format!("{name} (generated rules)"), &text);
        l.set_group(0);
        groups.push(GroupInfo {
            name,
            kind: GroupKind::DomainList {
                kind: *kind,
                types: *types,
                targets: ts.len(),
            },
            aws: true,
            rule_order: order,
            file: Some(gen),
            span: Span::new(file, 0..targets.find('\n').unwrap_or(targets.len())),
            declared_capacity: None,
            capacity: aws::domain_list_capacity(ts.len(), *types),
            capacity_checked: false,
            policy: None,
        });
    }
    if !extra.is_empty() {
        l.add_rules("extra.rules", extra);
    }
    Built {
        load: l.finish(),
        groups,
    }
}

fn lint_built(b: &Built, order: &Order, policies: &[PolicyInfo]) -> Vec<Diagnostic> {
    let rules: Vec<_> = b.load.active_rules().cloned().collect();
    let ctx = LintContext {
        rules: &rules,
        order,
        sources: &b.load.sources,
        groups: &b.groups,
        policies,
    };
    lint(&ctx)
}

const TLS: TargetTypes = TargetTypes {
    tls_sni: true,
    http_host: false,
};
const HTTP: TargetTypes = TargetTypes {
    tls_sni: false,
    http_host: true,
};

fn has(out: &[Diagnostic], c: Code) -> bool {
    out.iter().any(|d| d.code == c)
}

#[test]
fn allow_list_mixed_with_reject_or_alert_list() {
    use GeneratedRulesType::*;
    let order = Order::default();
    for other in [RejectList, AlertList] {
        let b = lists(
            &[
                (AllowList, TLS, ".example.com\n"),
                (other, TLS, "evil.com\n"),
            ],
            RuleOrder::DefaultActionOrder,
            "",
        );
        let out = lint_built(&b, &order, &[]);
        let d = out
            .iter()
            .find(|d| d.code == Code::AllowListMixedActionOrder)
            .unwrap_or_else(|| panic!("{other:?}: {out:#?}"));
        // Primary on the reject/alert list, a label on the allow list's drop
        // rule.
        assert_eq!(d.span.file, b.groups[1].span.file);
        assert_eq!(Some(d.labels[0].span.file), b.groups[0].file);
        // With the reject/alert rules loaded (distinct sids): labelled too.
        let rules = format!(
            "{} tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; tls.sni; content:\"evil.com\"; startswith; nocase; endswith; flow:to_server, established; sid:500;)\n",
            other.action()
        );
        let mut b = lists(
            &[(AllowList, TLS, ".example.com\n")],
            RuleOrder::DefaultActionOrder,
            &rules,
        );
        let extra = b.load.rules.last().unwrap().span.file;
        let mut g = b.groups[0].clone();
        g.name = "extra".into();
        g.kind = GroupKind::DomainList {
            kind: other,
            types: TLS,
            targets: 1,
        };
        g.file = Some(extra);
        b.groups.push(g);
        let out = lint_built(&b, &order, &[]);
        let d = out
            .iter()
            .find(|d| d.code == Code::AllowListMixedActionOrder)
            .expect("F0810");
        assert_eq!(d.labels.len(), 2);
        assert_eq!(Some(d.labels[1].span.file), Some(extra));
    }
    // True negatives: a deny list; different protocols; strict order.
    let b = lists(
        &[
            (AllowList, TLS, ".example.com\n"),
            (DenyList, TLS, "evil.com\n"),
        ],
        RuleOrder::DefaultActionOrder,
        "",
    );
    assert!(!has(
        &lint_built(&b, &order, &[]),
        Code::AllowListMixedActionOrder
    ));
    let b = lists(
        &[
            (AllowList, TLS, ".example.com\n"),
            (RejectList, HTTP, "evil.com\n"),
        ],
        RuleOrder::DefaultActionOrder,
        "",
    );
    assert!(!has(
        &lint_built(&b, &order, &[]),
        Code::AllowListMixedActionOrder
    ));
    let b = lists(
        &[
            (AllowList, TLS, ".example.com\n"),
            (RejectList, TLS, "evil.com\n"),
        ],
        RuleOrder::StrictOrder,
        "",
    );
    let strict = Order::strict(vec![StatefulDefaultAction::DropEstablished]);
    assert!(!has(
        &lint_built(&b, &strict, &[]),
        Code::AllowListMixedActionOrder
    ));
}

#[test]
fn strict_order_allow_list_without_default_drop() {
    use GeneratedRulesType::*;
    let both = TargetTypes {
        tls_sni: true,
        http_host: true,
    };
    let b = lists(
        &[(AllowList, both, ".example.com\nexample.org\n")],
        RuleOrder::StrictOrder,
        "",
    );
    // Trap 21: no implicit drop in strict order.
    let out = lint_built(&b, &Order::strict(vec![]), &[]);
    let d = out
        .iter()
        .find(|d| d.code == Code::NoDefaultDrop)
        .expect("F0811");
    assert_eq!(d.span, b.groups[0].span);
    assert!(!d.labels.is_empty());
    // Only an alert default: still nothing drops.
    let out = lint_built(
        &b,
        &Order::strict(vec![StatefulDefaultAction::AlertEstablished]),
        &[],
    );
    assert!(has(&out, Code::NoDefaultDrop));
    // True negatives: a drop default, a catch-all drop rule, action order.
    for a in [
        StatefulDefaultAction::DropEstablished,
        StatefulDefaultAction::DropEstablishedAppLayer,
        StatefulDefaultAction::DropEstablishedAppLayerToServer,
    ] {
        assert!(!has(
            &lint_built(&b, &Order::strict(vec![a]), &[]),
            Code::NoDefaultDrop
        ));
    }
    let b2 = lists(
        &[(AllowList, both, ".example.com\n")],
        RuleOrder::StrictOrder,
        "drop tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; flow:to_server,established; sid:100;)\n",
    );
    assert!(!has(
        &lint_built(&b2, &Order::strict(vec![]), &[]),
        Code::NoDefaultDrop
    ));
    let b3 = lists(
        &[(AllowList, both, ".example.com\n")],
        RuleOrder::DefaultActionOrder,
        "",
    );
    assert!(!has(
        &lint_built(&b3, &Order::default(), &[]),
        Code::NoDefaultDrop
    ));
}

fn group(name: &str, file: u32, capacity: u32, policy: Option<usize>) -> GroupInfo {
    GroupInfo {
        name: name.into(),
        kind: GroupKind::Rules,
        aws: true,
        rule_order: RuleOrder::DefaultActionOrder,
        file: Some(FileId(file)),
        span: Span::new(FileId(file), 0..1),
        declared_capacity: None,
        capacity,
        capacity_checked: false,
        policy,
    }
}

#[test]
fn capacity_of_groups_and_policies() {
    let mut sources = SourceMap::new();
    for n in ["a", "b", "policy.json"] {
        sources.add(n, "x\n");
    }
    let order = Order::default();
    let policies = [PolicyInfo {
        name: "p".into(),
        span: Span::new(FileId(2), 0..1),
        rule_order: RuleOrder::DefaultActionOrder,
        default_actions: vec![],
    }];
    let run = |groups: &[GroupInfo]| {
        lint(&LintContext {
            rules: &[],
            order: &order,
            sources: &sources,
            groups,
            policies: &policies,
        })
    };
    // One group over 30,000 (a text domain list of 15,000 targets, TLS + HTTP).
    let big = aws::domain_list_capacity(
        15_000,
        TargetTypes {
            tls_sni: true,
            http_host: true,
        },
    );
    assert_eq!(big, 30_001);
    let out = run(&[group("a", 0, big, None)]);
    assert_eq!(out.iter().filter(|d| d.code == Code::AwsQuota).count(), 1);
    // Exactly at the limit: fine.
    assert!(run(&[group("a", 0, 30_000, None)]).is_empty());
    // The loader already checked JSON groups: not repeated.
    let mut checked = group("a", 0, big, None);
    checked.capacity_checked = true;
    assert!(run(&[checked]).is_empty());
    // Two groups of one policy, 20,000 each: the policy is over.
    let out = run(&[
        group("a", 0, 20_000, Some(0)),
        group("b", 1, 20_000, Some(0)),
    ]);
    let d = out
        .iter()
        .find(|d| d.code == Code::AwsQuota)
        .expect("policy quota");
    assert_eq!(d.span.file, FileId(2));
    assert_eq!(d.labels.len(), 2);
    // Not in the policy: nothing.
    assert!(run(&[group("a", 0, 20_000, Some(0)), group("b", 1, 20_000, None)]).is_empty());
}

/// AWS scopes sids per rule group: two domain lists both numbered from sid 1
/// load side by side (each its own sid space), and a clash within one group
/// is still a duplicate.
#[test]
fn sids_are_unique_per_group_only() {
    use GeneratedRulesType::*;
    let b = lists(
        &[
            (AllowList, TLS, "a.example\n"),
            (DenyList, TLS, "b.example\n"),
        ],
        RuleOrder::DefaultActionOrder,
        "",
    );
    assert!(!b
        .load
        .diagnostics
        .iter()
        .any(|d| d.code == Code::DuplicateSignature));
    let rules: Vec<_> = b.load.active_rules().collect();
    assert_eq!(rules.len(), 3);
    let ones: Vec<u16> = rules
        .iter()
        .filter(|r| r.meta.sid == 1)
        .map(|r| r.meta.group)
        .collect();
    assert_eq!(ones, [1, 2]);
    let mut l = Loader::new(Vars::suricata_defaults(), Dialect::Aws);
    l.set_group(1);
    l.add_rules(
        "g.rules",
        "alert tcp any any -> any any (sid:1;)\nalert udp any any -> any any (sid:1;)\n",
    );
    let load = l.finish();
    assert!(load
        .diagnostics
        .iter()
        .any(|d| d.code == Code::DuplicateSignature));
}

#[test]
fn lints_never_panic_on_odd_rules() {
    let odd = [
        "alert tls any any -> any any (tls.sni; bsize:0; sid:1;)",
        "alert tls any any -> any any (tls.sni; content:\".\"; endswith; sid:1;)",
        "drop http any any -> any any (http.host; content:\"-\"; endswith; sid:1;)",
        "alert http any any -> any any (http.host; pcre:\"/[/\"; sid:1;)",
        "alert tls any any -> any any (tls.sni; content:\"a\"; bsize:<1; sid:1;)",
        "alert ip [1.2.3.4,::1] any <> [5.6.7.8] any (sid:1;)",
    ];
    for r in odd {
        let load = load(r);
        let rules: Vec<_> = load.active_rules().cloned().collect();
        let _ = lint(&LintContext::new(&rules, &Order::default(), &load.sources));
    }
}

// ---- SARIF

fn sarif_schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sarif-schema-2.1.0.json"
    ))
    .expect("vendored schema");
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

#[test]
fn sarif_output_validates_against_the_schema() {
    let text = "alert tls any any -> any any (tls.sni; content:\"example.com\"; sid:1;)\n\
                alert tcp !10.0.0.0/8 any -> 2001:db8::/32 any (sid:2;)\n\
                alert tcp any any -> any any (content:\"x\"; nocase; nocase; sid:3;)\n";
    let load = load(text);
    let rules: Vec<_> = load.active_rules().cloned().collect();
    let mut diags = load.diagnostics.clone();
    diags.extend(lint(&LintContext::new(
        &rules,
        &Order::default(),
        &load.sources,
    )));
    assert!(diags.iter().any(|d| d.is_error()));
    assert!(diags.iter().any(|d| !d.labels.is_empty()));
    let log = ferrule_compiler::render_sarif::to_sarif(&load.sources, &diags);
    let v = sarif_schema();
    let errors: Vec<String> = v.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}\n{log:#}");
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), diags.len());
    let rule_ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for (r, d) in results.iter().zip(&diags) {
        assert_eq!(r["ruleId"], d.code.as_str());
        assert_eq!(
            rule_ids[r["ruleIndex"].as_u64().unwrap() as usize],
            d.code.as_str()
        );
        assert_eq!(r["level"], d.severity.as_str());
        let region = &r["locations"][0]["physicalLocation"]["region"];
        let f = load.sources.get(d.span.file);
        let (line, col) = f.line_col(d.span.start as usize);
        assert_eq!(region["startLine"], line);
        assert_eq!(
            region["startColumn"], col,
            "ASCII text: code points = bytes"
        );
        assert_eq!(
            r["relatedLocations"].as_array().map_or(0, Vec::len),
            d.labels.len()
        );
    }
    // The schema is not a rubber stamp: a broken log is refused.
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!v.is_valid(&bad));
    let mut bad = log;
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        serde_json::json!(0);
    assert!(!v.is_valid(&bad));
}
