//! Table-driven tests of the AWS importer: the published AWS examples byte for
//! byte, target validation, shapes, policies and the shared corpus.

use std::path::{Path, PathBuf};

use super::*;
use crate::diag::{Code, Diagnostic, Severity};
use crate::span::{FileId, Span};

const F: FileId = FileId(7);

fn targets(list: &[&str]) -> Vec<Target> {
    let (t, d) = parse_domain_list(F, &list.join("\n"));
    assert!(d.is_empty(), "{d:?}");
    t
}

fn texts(rules: &[GeneratedRule]) -> Vec<&str> {
    rules.iter().map(|r| r.text.as_str()).collect()
}

fn errors(d: &[Diagnostic]) -> Vec<&Diagnostic> {
    d.iter().filter(|d| d.is_error()).collect()
}

// ---- SEMANTICS §5.4: the published examples, byte for byte.

#[test]
fn published_domain_list_examples() {
    struct Case {
        name: &'static str,
        targets: &'static [&'static str],
        types: TargetTypes,
        kind: GeneratedRulesType,
        expected: &'static [&'static str],
    }
    let cases = [
        Case {
            name: "deny list evil.com TLS+HTTP",
            targets: &["evil.com"],
            types: TargetTypes::BOTH,
            kind: GeneratedRulesType::DenyList,
            expected: &[
                r#"drop tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; tls.sni; content:"evil.com"; startswith; nocase; endswith; msg:"matching TLS denylisted FQDNs"; priority:1; flow:to_server, established; sid:1; rev:1;)"#,
                r#"drop http $HOME_NET any -> $EXTERNAL_NET any (http.host; content:"evil.com"; startswith; endswith; msg:"matching HTTP denylisted FQDNs"; priority:1; flow:to_server, established; sid:2; rev:1;)"#,
            ],
        },
        Case {
            name: "HTTP allow list",
            targets: &[".amazon.com", "example.com"],
            types: TargetTypes {
                tls_sni: false,
                http_host: true,
            },
            kind: GeneratedRulesType::AllowList,
            expected: &[
                r#"pass http $HOME_NET any -> $EXTERNAL_NET any (http.host; dotprefix; content:".amazon.com"; endswith; msg:"matching HTTP allowlisted FQDNs"; priority:1; flow:to_server, established; sid:1; rev:1;)"#,
                r#"pass http $HOME_NET any -> $EXTERNAL_NET any (http.host; content:"example.com"; startswith; endswith; msg:"matching HTTP allowlisted FQDNs"; priority:1; flow:to_server, established; sid:2; rev:1;)"#,
                r#"drop http $HOME_NET any -> $EXTERNAL_NET any (http.header_names; content:"|0d 0a|"; startswith; msg:"not matching any HTTP allowlisted FQDNs"; priority:1; flow:to_server, established; sid:3; rev:1;)"#,
            ],
        },
        Case {
            name: "TLS allow list",
            targets: &[".amazon.com", "example.com"],
            types: TargetTypes {
                tls_sni: true,
                http_host: false,
            },
            kind: GeneratedRulesType::AllowList,
            expected: &[
                r#"pass tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; tls.sni; dotprefix; content:".amazon.com"; nocase; endswith; msg:"matching TLS allowlisted FQDNs"; priority:1; flow:to_server, established; sid:1; rev:1;)"#,
                r#"pass tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; tls.sni; content:"example.com"; startswith; nocase; endswith; msg:"matching TLS allowlisted FQDNs"; priority:1; flow:to_server, established; sid:2; rev:1;)"#,
                r#"drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"not matching any TLS allowlisted FQDNs"; priority:1; ssl_state:client_hello; flow:to_server, established; sid:3; rev:1;)"#,
            ],
        },
    ];
    for c in cases {
        let t = targets(c.targets);
        let rules = generate_domain_rules(&t, c.types, c.kind, RuleOrder::DefaultActionOrder);
        assert_eq!(texts(&rules), c.expected, "{}", c.name);
        // Target rules point back at their target; drop rules belong to the group.
        for r in &rules {
            assert_eq!(
                r.origin.is_none(),
                r.text.contains("not matching any"),
                "{}",
                r.text
            );
        }
    }
}

#[test]
fn strict_order_has_no_drop_rules_and_no_priority() {
    let t = targets(&[".amazon.com", "example.com"]);
    let rules = generate_domain_rules(
        &t,
        TargetTypes::BOTH,
        GeneratedRulesType::AllowList,
        RuleOrder::StrictOrder,
    );
    assert_eq!(
        texts(&rules),
        [
            r#"pass tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; tls.sni; dotprefix; content:".amazon.com"; nocase; endswith; msg:"matching TLS allowlisted FQDNs"; flow:to_server, established; sid:1; rev:1;)"#,
            r#"pass tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; tls.sni; content:"example.com"; startswith; nocase; endswith; msg:"matching TLS allowlisted FQDNs"; flow:to_server, established; sid:2; rev:1;)"#,
            r#"pass http $HOME_NET any -> $EXTERNAL_NET any (http.host; dotprefix; content:".amazon.com"; endswith; msg:"matching HTTP allowlisted FQDNs"; flow:to_server, established; sid:3; rev:1;)"#,
            r#"pass http $HOME_NET any -> $EXTERNAL_NET any (http.host; content:"example.com"; startswith; endswith; msg:"matching HTTP allowlisted FQDNs"; flow:to_server, established; sid:4; rev:1;)"#,
        ]
    );
}

#[test]
fn two_type_allow_list_order() {
    // TLS rules, HTTP rules, then the TLS and HTTP drop rules (UNVERIFIED order).
    let t = targets(&["a.com", ".b.com"]);
    let rules = generate_domain_rules(
        &t,
        TargetTypes::BOTH,
        GeneratedRulesType::AllowList,
        RuleOrder::DefaultActionOrder,
    );
    let heads: Vec<String> = rules
        .iter()
        .map(|r| {
            let sid = r
                .text
                .split("sid:")
                .nth(1)
                .unwrap()
                .split(';')
                .next()
                .unwrap();
            format!("{} {}", &r.text[..9], sid)
        })
        .collect();
    assert_eq!(
        heads,
        [
            "pass tls  1",
            "pass tls  2",
            "pass http 3",
            "pass http 4",
            "drop tls  5",
            "drop http 6"
        ]
    );
}

#[test]
fn reject_and_alert_lists() {
    let t = targets(&["x.org"]);
    for (kind, action, word) in [
        (GeneratedRulesType::RejectList, "reject", "rejectlisted"),
        (GeneratedRulesType::AlertList, "alert", "alertlisted"),
        (GeneratedRulesType::DenyList, "drop", "denylisted"),
    ] {
        for order in [RuleOrder::DefaultActionOrder, RuleOrder::StrictOrder] {
            let rules = generate_domain_rules(&t, TargetTypes::BOTH, kind, order);
            assert_eq!(
                rules.len(),
                2,
                "{kind:?} {order:?}: no drop rules for non-allow lists"
            );
            assert!(rules[0].text.starts_with(&format!("{action} tls ")));
            assert!(rules[1].text.starts_with(&format!("{action} http ")));
            assert!(rules[0]
                .text
                .contains(&format!("msg:\"matching TLS {word} FQDNs\"")));
            assert_eq!(
                rules[0].text.contains("priority:1;"),
                order == RuleOrder::DefaultActionOrder
            );
        }
    }
}

// ---- target validation

#[test]
fn target_validation_table() {
    enum Want {
        /// Accepted as is.
        Ok,
        /// Accepted with a warning of this code, normalized to this.
        Warn(Code, &'static str, &'static str),
        /// Rejected with this hint fragment.
        Err(&'static str),
    }
    use Want::*;
    let cases: &[(&str, Want)] = &[
        ("example.com", Ok),
        (".example.com", Ok),
        ("a-b_c.example.co.uk", Ok),
        ("-container.supertms.com", Ok),
        ("1.2.3.4", Ok),
        (
            "Example.COM",
            Warn(Code::AwsTargetNormalized, "example.com", "lowercased"),
        ),
        (
            ".Amazon.com",
            Warn(Code::AwsTargetNormalized, ".amazon.com", "UNVERIFIED"),
        ),
        (
            "bücher.de",
            Warn(
                Code::AwsTargetNormalized,
                "xn--bcher-kva.de",
                "punycode A-label",
            ),
        ),
        (
            "bücher.de",
            Warn(Code::AwsTargetNormalized, "xn--bcher-kva.de", "punycode"),
        ),
        (
            ".Bücher.DE",
            Warn(
                Code::AwsTargetNormalized,
                ".xn--bcher-kva.de",
                "generated the rules for `.xn--bcher-kva.de`",
            ),
        ),
        (
            "example.com.",
            Warn(Code::AwsTargetInvalid, "example.com.", "kept it as written"),
        ),
        (
            "ＥＸＡＭＰＬＥ.com",
            Warn(Code::AwsTargetNormalized, "example.com", "punycode"),
        ),
        (
            "a\u{200D}b.com",
            Err("not a valid internationalized domain name"),
        ),
        ("a／b.com", Err("which contains `/`")),
        ("", Err("remove the empty entry")),
        (".", Err("write the domain after the dot")),
        (
            "*.example.com",
            Err("AWS domain lists use a leading dot: .example.com"),
        ),
        ("*", Err("no match-all target")),
        ("foo*.example.com", Err("leading dot")),
        ("exa mple.com", Err("no spaces")),
        ("0.0.0.0\texample.com", Err("hosts-file")),
        ("example.com:443", Err("no port")),
        ("https://example.com/x", Err("without scheme")),
        ("exa\"mple.com", Err("letters, digits")),
        ("a;b.com", Err("letters, digits")),
        ("example..com", Err("remove the extra dot")),
        ("..example.com", Err("remove the extra dot")),
        ("example.com..", Err("remove the extra dot")),
        (
            &*Box::leak(format!("{}.com", "a".repeat(64)).into_boxed_str()),
            Err("at most 63"),
        ),
        (
            &*Box::leak(format!("{}.com", vec!["a".repeat(60); 5].join(".")).into_boxed_str()),
            Err(""),
        ),
    ];
    for (input, want) in cases {
        let span = Span::new(F, 100..100 + input.len());
        let (targets, diags) =
            super::domain_list::validate_targets(vec![(input.to_string(), span)]);
        match want {
            Ok => {
                assert!(diags.is_empty(), "{input:?}: {diags:?}");
                assert_eq!(targets[0].normalized, *input);
            }
            Warn(code, normalized, hint) => {
                assert_eq!(targets.len(), 1, "{input:?}: {diags:?}");
                assert_eq!(targets[0].normalized, *normalized, "{input:?}");
                assert_eq!(targets[0].text, *input);
                assert_eq!(diags.len(), 1, "{input:?}: {diags:?}");
                assert_eq!(diags[0].severity, Severity::Warning);
                assert_eq!(diags[0].code, *code);
                let h = diags[0].hint.as_deref().unwrap();
                assert!(h.contains(hint), "{input:?}: hint {h:?}");
            }
            Err(hint) => {
                assert!(targets.is_empty(), "{input:?} accepted as {targets:?}");
                assert_eq!(diags.len(), 1, "{input:?}: {diags:?}");
                assert!(diags[0].is_error());
                assert_eq!(diags[0].code, Code::AwsTargetInvalid);
                let h = format!(
                    "{} / {}",
                    diags[0].message,
                    diags[0].hint.as_deref().unwrap()
                );
                assert!(h.contains(hint), "{input:?}: {h:?}");
                assert!(diags[0].span.start >= span.start && diags[0].span.end <= span.end);
            }
        }
    }
}

#[test]
fn domain_list_text_file() {
    let text = "# comment\n\n  .amazon.com  \r\nexample.com\n\t# indented comment\n*.bad.com\nEXAMPLE.com\n";
    let (t, d) = parse_domain_list(F, text);
    let got: Vec<_> = t
        .iter()
        .map(|t| (t.text.as_str(), t.normalized.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (".amazon.com", ".amazon.com"),
            ("example.com", "example.com"),
            ("EXAMPLE.com", "example.com")
        ]
    );
    // Spans cover the target as written.
    for t in &t {
        assert_eq!(&text[t.span.range()], t.text);
        assert_eq!(t.span.file, F);
    }
    let codes: Vec<_> = d.iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(
        codes,
        [
            (Code::AwsTargetInvalid, Severity::Error),
            (Code::AwsTargetNormalized, Severity::Warning),
            (Code::AwsTargetInvalid, Severity::Warning), // duplicate after normalization
        ]
    );
    assert_eq!(&text[d[0].span.range()], "*");
    assert!(d[2].message.contains("duplicate"));
    assert_eq!(&text[d[2].labels[0].span.range()], "example.com");
}

#[test]
fn domain_capacity() {
    let both = TargetTypes::BOTH;
    let tls = TargetTypes {
        tls_sni: true,
        http_host: false,
    };
    let http = TargetTypes {
        tls_sni: false,
        http_host: true,
    };
    assert_eq!(domain_list_capacity(20, both), 41);
    assert_eq!(domain_list_capacity(1, both), 3);
    assert_eq!(domain_list_capacity(1, http), 2);
    assert_eq!(domain_list_capacity(1, tls), 1);
    assert_eq!(domain_list_capacity(5, tls), 5);
    assert_eq!(domain_list_capacity(0, both), 0);
}

// ---- standard stateful rules (SEMANTICS §5.5)

#[test]
fn stateful_rules_rendering() {
    let doc = r#"{"RulesSource": {"StatefulRules": [
      {"Action":"DROP","Header":{"Protocol":"HTTP","Source":"$HOME_NET","SourcePort":"ANY","Direction":"ANY","Destination":"$EXTERNAL_NET","DestinationPort":"ANY"},
       "RuleOptions":[{"Keyword":"msg","Settings":["\"this is a stateful drop rule\""]},{"Keyword":"sid","Settings":["1234"]}]},
      {"Action":"PASS","Header":{"Protocol":"TLS","Source":"@BETA","SourcePort":"ANY","Direction":"FORWARD","Destination":"ANY","DestinationPort":"443"},
       "RuleOptions":[{"Keyword":"flow","Settings":["to_server","established"]},{"Keyword":"sid:2"},{"Keyword":"noalert","Settings":[]}]},
      {"Action":"drop","Header":{"Protocol":"TCP","Source":"ANY","SourcePort":"ANY","Direction":"FORWARD","Destination":"ANY","DestinationPort":"ANY"},
       "RuleOptions":[{"Keyword":"sid","Settings":["3"]}]}
    ]}}"#;
    let (groups, diags) = read_rule_groups(F, doc);
    assert_eq!(groups.len(), 1);
    let RuleGroupSource::Stateful(rules) = &groups[0].source else {
        panic!("{:?}", groups[0].source)
    };
    assert_eq!(
        texts(rules),
        [
            r#"drop http $HOME_NET ANY <> $EXTERNAL_NET ANY (msg:"this is a stateful drop rule"; sid:1234;)"#,
            "pass tls @BETA ANY -> ANY 443 (flow:to_server,established; sid:2; noalert;)",
        ]
    );
    // The lowercase action is an AwsShape error with a hint, on the third rule.
    let e = errors(&diags);
    assert_eq!(e.len(), 1, "{diags:?}");
    assert_eq!(e[0].code, Code::AwsShape);
    assert!(e[0].hint.as_deref().unwrap().contains("DROP"));
    assert_eq!(&doc[e[0].span.range()], "\"Action\"");
    assert!(e[0].span.start > rules[1].origin.unwrap().start);
    assert_eq!(groups[0].capacity_estimate(), 2);
    assert_eq!(
        groups[0].rules_text(),
        format!("{}\n{}\n", rules[0].text, rules[1].text)
    );
}

// ---- rule-group shapes

#[test]
fn rule_group_shapes() {
    let list = r#"{"RulesSourceList": {"Targets": [".amazon.com", "example.com"], "TargetTypes": ["HTTP_HOST"], "GeneratedRulesType": "ALLOWLIST"}}"#;
    let cases: Vec<(&str, String)> = vec![
        ("bare RulesSource", list.to_owned()),
        ("bare RuleGroup", format!(r#"{{"RulesSource": {list}}}"#)),
        (
            "bare RulesSourceList",
            r#"{"Targets": [".amazon.com", "example.com"], "TargetTypes": ["HTTP_HOST"], "GeneratedRulesType": "ALLOWLIST"}"#.to_owned(),
        ),
        (
            "describe-rule-group",
            format!(
                r#"{{"UpdateToken": "t", "RuleGroup": {{"RulesSource": {list}, "StatefulRuleOptions": {{"RuleOrder": "DEFAULT_ACTION_ORDER"}}}},
                  "RuleGroupResponse": {{"RuleGroupArn": "arn:aws:network-firewall:us-east-1:1:stateful-rulegroup/allow", "RuleGroupName": "allow", "Type": "STATEFUL", "Capacity": 10}}}}"#
            ),
        ),
        (
            "CloudFormation resource",
            format!(
                r#"{{"Type": "AWS::NetworkFirewall::RuleGroup", "Properties": {{"RuleGroupName": "allow", "Type": "STATEFUL", "Capacity": 10, "RuleGroup": {{"RulesSource": {list}}}}}}}"#
            ),
        ),
        (
            "YAML template",
            "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref Cidr\n  Allow:\n    Type: 'AWS::NetworkFirewall::RuleGroup'\n    Properties:\n      RuleGroupName: allow\n      Type: STATEFUL\n      Capacity: 10\n      RuleGroup:\n        RulesSource:\n          RulesSourceList:\n            Targets:\n              - .amazon.com\n              - example.com\n            TargetTypes: [HTTP_HOST]\n            GeneratedRulesType: ALLOWLIST\n".to_owned(),
        ),
    ];
    let expected = generate_domain_rules(
        &targets(&[".amazon.com", "example.com"]),
        TargetTypes {
            tls_sni: false,
            http_host: true,
        },
        GeneratedRulesType::AllowList,
        RuleOrder::DefaultActionOrder,
    );
    for (name, doc) in &cases {
        let (groups, diags) = read_rule_groups(F, doc);
        assert!(diags.is_empty(), "{name}: {diags:?}");
        assert_eq!(groups.len(), 1, "{name}");
        let g = &groups[0];
        let got = g.generated_rules().unwrap();
        assert_eq!(texts(&got), texts(&expected), "{name}");
        // Target spans point at the target strings in the input.
        let RuleGroupSource::DomainList { targets, .. } = &g.source else {
            unreachable!()
        };
        for t in targets {
            assert_eq!(&doc[t.span.range()], t.text, "{name}");
        }
        assert_eq!(got[0].origin, Some(targets[0].span));
        if name.contains("describe") || name.contains("CloudFormation") || name.contains("YAML") {
            assert_eq!(g.name.as_deref(), Some("allow"), "{name}");
            assert_eq!(g.capacity, Some(10), "{name}");
        }
        if name.contains("YAML") {
            assert_eq!(g.resource.as_deref(), Some("Allow"));
            assert_eq!(
                &doc[g.span.range().start..g.span.range().start + 5],
                "Allow"
            );
        }
        assert_eq!(g.capacity_estimate(), 3, "{name}");
        assert_eq!(g.rules_text().lines().count(), 3);
    }
}

#[test]
fn lists_of_groups_are_located_one_by_one() {
    let doc = r#"[{"RulesSource": {"RulesString": "pass ip any any -> any any (sid:1;)"}},
                 {"RulesSource": {"RulesSourceList": {"Targets": ["a.com"], "TargetTypes": ["TLS_SNI"], "GeneratedRulesType": "DENYLIST"}}},
                 {"RulesSourceList": {"Targets": ["b.com"], "TargetTypes": ["TLS_SNI"], "GeneratedRulesType": "DENYLIST"}},
                 {"Targets": ["c.com"], "TargetTypes": ["TLS_SNI"], "GeneratedRulesType": "DENYLIST"}]"#;
    let (groups, diags) = read_rule_groups(F, doc);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(groups.len(), 4);
    let starts: Vec<usize> = groups.iter().map(|g| g.span.start as usize).collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
    for (g, name) in groups[1..].iter().zip(["a.com", "b.com", "c.com"]) {
        let RuleGroupSource::DomainList { targets, .. } = &g.source else {
            unreachable!()
        };
        assert_eq!(&doc[targets[0].span.range()], name);
    }
}

#[test]
fn rule_group_variables_and_order() {
    let doc = r#"{"RuleGroupName": "g", "Type": "STATEFUL", "Capacity": 100, "RuleGroup": {
        "RuleVariables": {"IPSets": {"HTTP_SERVERS": {"Definition": ["10.0.2.0/24", "10.0.1.19"]}, "HOME_NET": {"Definition": ["${var.cidr}"]}},
                          "PortSets": {"HTTP_PORTS": {"Definition": ["80", "8080"]}}},
        "ReferenceSets": {"IPSetReferences": {"BETA": {"ReferenceArn": "arn:aws:ec2:us-east-1:1:prefix-list/pl-1"}}},
        "RulesSource": {"RulesString": "alert tcp $EXTERNAL_NET any -> $HTTP_SERVERS $HTTP_PORTS (msg:\".htpasswd access attempt\"; flow:to_server,established; content:\".htpasswd\"; nocase; sid:210503; rev:1;)\n# comment\n\ndrop tcp @BETA any -> any any (sid:1;)\n"},
        "StatefulRuleOptions": {"RuleOrder": "STRICT_ORDER"}}}"#;
    let (groups, diags) = read_rule_groups(F, doc);
    assert!(errors(&diags).is_empty(), "{diags:?}");
    let g = &groups[0];
    assert_eq!(g.rule_order, RuleOrder::StrictOrder);
    assert_eq!(
        g.ip_sets,
        [(
            "HTTP_SERVERS".to_owned(),
            vec!["10.0.2.0/24".to_owned(), "10.0.1.19".to_owned()]
        )]
    );
    assert_eq!(
        g.port_sets,
        [(
            "HTTP_PORTS".to_owned(),
            vec!["80".to_owned(), "8080".to_owned()]
        )]
    );
    assert_eq!(g.ip_set_references, ["BETA"]);
    assert_eq!(g.capacity_estimate(), 2);
    // The unresolved HOME_NET is left undefined, with a warning naming it.
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].severity, Severity::Warning);
    assert!(diags[0].message.contains("HOME_NET"));
    assert_eq!(&doc[diags[0].span.range()], "\"HOME_NET\"");
}

#[test]
fn rule_group_errors() {
    struct Case {
        doc: &'static str,
        code: Code,
        severity: Severity,
        message: &'static str,
        groups: usize,
    }
    let cases = [
        Case {
            doc: "Resources:\n  G:\n    Type: AWS::NetworkFirewall::RuleGroup\n    Properties:\n      RuleGroupName: !Sub 'x-${AWS::StackName}'\n      Capacity: 10\n      Type: STATEFUL\n      RuleGroup:\n        RulesSource:\n          RulesString: !Sub 'pass tcp ${Cidr} any -> any any (sid:1;)'\n",
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "RulesString is a CloudFormation !Sub expression, not a literal",
            groups: 0,
        },
        Case {
            doc: r#"{"Type":"AWS::NetworkFirewall::RuleGroup","Properties":{"RuleGroupName":{"Fn::Sub":"x-${AWS::StackName}"},"Type":"STATEFUL","RuleGroup":{"RulesSource":{"RulesString":"pass ip any any -> any any (sid:1;)"}}}}"#,
            code: Code::AwsShape,
            severity: Severity::Warning,
            message: "RuleGroupName is a CloudFormation Fn::Sub expression, not a literal",
            groups: 1,
        },
        Case {
            doc: r#"{"RulesSource": {}}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "RulesSource has none of",
            groups: 0,
        },
        Case {
            doc: r#"{"RulesSource": {"RulesString": "x", "StatefulRules": []}}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "exactly one",
            groups: 0,
        },
        Case {
            doc: r#"{"RulesSourceList": {"Targets": "${yamldecode(file(\"x.yml\"))}", "TargetTypes": ["TLS_SNI"], "GeneratedRulesType": "ALLOWLIST"}}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "unresolved",
            groups: 0,
        },
        Case {
            doc: r#"{"RulesSourceList": {"Targets": ["a.com"], "TargetTypes": ["DNS"], "GeneratedRulesType": "ALLOWLIST"}}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "not TLS_SNI or HTTP_HOST",
            groups: 0,
        },
        Case {
            doc: r#"{"RulesSourceList": {"Targets": ["a.com"], "TargetTypes": ["TLS_SNI"], "GeneratedRulesType": "allowlist"}}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "GeneratedRulesType `allowlist`",
            groups: 0,
        },
        Case {
            doc: r#"{"RulesSourceList": {"Targets": ["*.a.com", "b.com"], "TargetTypes": ["TLS_SNI"], "GeneratedRulesType": "DENYLIST"}}"#,
            code: Code::AwsTargetInvalid,
            severity: Severity::Error,
            message: "not AWS domain-list syntax",
            groups: 1,
        },
        Case {
            doc: r#"{"RuleGroupName": "g", "Type": "STATEFUL", "Capacity": 2, "RuleGroup": {"RulesSource": {"RulesSourceList": {"Targets": ["a.com", "b.com"], "TargetTypes": ["TLS_SNI", "HTTP_HOST"], "GeneratedRulesType": "DENYLIST"}}}}"#,
            code: Code::AwsQuota,
            severity: Severity::Error,
            message: "need capacity 5 but the group declares 2",
            groups: 1,
        },
        Case {
            doc: r#"{"Capacity": 40000, "RuleGroup": {"RulesSource": {"RulesString": "pass ip any any -> any any (sid:1;)"}}}"#,
            code: Code::AwsQuota,
            severity: Severity::Error,
            message: "over the AWS limit",
            groups: 1,
        },
        Case {
            doc: r#"{"RuleGroup": {"ReferenceSets": {"IPSetReferences": {"A":{},"B":{},"C":{},"D":{},"E":{},"F":{}}}, "RulesSource": {"RulesString": ""}}}"#,
            code: Code::AwsQuota,
            severity: Severity::Error,
            message: "at most 5",
            groups: 1,
        },
        Case {
            doc: r#"{"RuleGroup": {"RuleVariables": {"IPSets": {"1BAD": {"Definition": ["10.0.0.0/8"]}}}, "RulesSource": {"RulesString": ""}}}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "name `1BAD` is not valid",
            groups: 1,
        },
        Case {
            doc: r#"{"Type": "STATELESS", "Capacity": 10, "RuleGroup": {"RulesSource": {"RulesString": "pass ip any any -> any any (sid:1;)"}}}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "a STATELESS rule group cannot have RulesString",
            groups: 1,
        },
        Case {
            doc: r#"{"RuleGroup": {"RulesSource": {"StatelessRulesAndCustomActions": {"StatelessRules": [{"Priority": 1}, {"Priority": 2}]}}}}"#,
            code: Code::AwsUnsupported,
            severity: Severity::Note,
            message: "stateless rule group (2 rules) not evaluated",
            groups: 1,
        },
        Case {
            doc: r#"{"RuleGroup": {"RulesSource": {"RulesString": ""}, "RulesVariables": {}}}"#,
            code: Code::AwsShape,
            severity: Severity::Warning,
            message: "unknown RuleGroup field `RulesVariables`",
            groups: 1,
        },
        Case {
            doc: "{\"RuleGroup\": ",
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "not valid JSON",
            groups: 0,
        },
        Case {
            doc: "Resources:\n  X:\n    Type: AWS::EC2::VPC\n",
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "no AWS::NetworkFirewall::RuleGroup resource",
            groups: 0,
        },
        Case {
            doc: "- .amazon.com\n- example.com\n",
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "no AWS rule group found",
            groups: 0,
        },
        Case {
            doc: r#"{"hello": 1}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "no AWS rule group here",
            groups: 0,
        },
    ];
    for c in cases {
        let (groups, diags) = read_rule_groups(F, c.doc);
        assert_eq!(groups.len(), c.groups, "{}: {diags:?}", c.doc);
        assert!(
            diags.iter().any(|d| d.code == c.code
                && d.severity == c.severity
                && d.message.contains(c.message)),
            "{}: want {:?} {:?} {:?}, got {diags:#?}",
            c.doc,
            c.code,
            c.severity,
            c.message
        );
        for d in &diags {
            assert!(d.span.end as usize <= c.doc.len());
        }
    }
}

#[test]
fn rules_string_capacity_counts_rules_only() {
    let g = RuleGroup {
        name: None,
        resource: None,
        rule_order: RuleOrder::StrictOrder,
        ip_sets: vec![],
        port_sets: vec![],
        ip_set_references: vec![],
        source: RuleGroupSource::RulesString(
            "# c\n\n  pass ip any any -> any any (sid:1;)\nalert tcp any any -> any any \\\n (sid:2;)\n#x\n"
                .into(),
        ),
        capacity: None,
        span: Span::default(),
    };
    assert_eq!(g.capacity_estimate(), 2);
    let d = RuleGroup::from_domain_list(
        targets(&["a.com"]),
        TargetTypes::BOTH,
        GeneratedRulesType::DenyList,
        RuleOrder::DefaultActionOrder,
        Span::default(),
    );
    assert_eq!(d.capacity_estimate(), 3);
    assert_eq!(d.rules_text().lines().count(), 2);
}

// ---- policies

#[test]
fn policies() {
    let doc = r#"{"UpdateToken": "t", "FirewallPolicyResponse": {"FirewallPolicyName": "p"},
      "FirewallPolicy": {
        "StatelessDefaultActions": ["aws:forward_to_sfe"], "StatelessFragmentDefaultActions": ["aws:forward_to_sfe"],
        "StatefulRuleGroupReferences": [
          {"ResourceArn": "arn:aws:network-firewall:us-east-1:1:stateful-rulegroup/second", "Priority": 20},
          {"ResourceArn": "arn:aws:network-firewall:us-east-1:1:stateful-rulegroup/first", "Priority": 10, "Override": {"Action": "DROP_TO_ALERT"}}],
        "StatefulDefaultActions": ["aws:drop_established", "aws:alert_established"],
        "StatefulEngineOptions": {"RuleOrder": "STRICT_ORDER", "StreamExceptionPolicy": "DROP"},
        "PolicyVariables": {"RuleVariables": {"HOME_NET": {"Definition": ["10.0.0.0/8"]}}}}}"#;
    let (p, diags) = read_policy(F, doc);
    assert!(diags.is_empty(), "{diags:?}");
    let p = p.unwrap();
    assert_eq!(p.name.as_deref(), Some("p"));
    assert_eq!(p.rule_order, RuleOrder::StrictOrder);
    assert_eq!(
        p.stateful_default_actions,
        [
            StatefulDefaultAction::DropEstablished,
            StatefulDefaultAction::AlertEstablished
        ]
    );
    assert_eq!(p.home_net, Some(vec!["10.0.0.0/8".to_owned()]));
    assert_eq!(p.stream_exception_policy.as_deref(), Some("DROP"));
    let order: Vec<_> = p
        .groups_in_order()
        .iter()
        .map(|g| g.group_name().unwrap())
        .collect();
    assert_eq!(order, ["first", "second"]);
    assert!(p.groups_in_order()[0].drop_to_alert);
    assert_eq!(&doc[p.stateful_groups[1].span.range()], "\"ResourceArn\"");

    // Policy/group linking and the rule-order check.
    let (groups, _) = read_rule_groups(
        F,
        r#"[{"RuleGroupName": "first", "RuleGroup": {"RulesSource": {"RulesString": ""}, "StatefulRuleOptions": {"RuleOrder": "STRICT_ORDER"}}},
            {"RuleGroupName": "second", "RuleGroup": {"RulesSource": {"RulesString": ""}}}]"#,
    );
    assert_eq!(groups.len(), 2);
    let d = p.check_groups(&groups);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].message.contains("`second` uses DEFAULT_ACTION_ORDER"));

    struct Case {
        doc: &'static str,
        code: Code,
        severity: Severity,
        message: &'static str,
    }
    let cases = [
        Case {
            doc: r#"{"StatefulDefaultActions": ["aws:drop_strict"], "StatelessDefaultActions": ["aws:forward_to_sfe"]}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "only valid with STRICT_ORDER",
        },
        Case {
            doc: r#"{"StatefulEngineOptions": {"RuleOrder": "STRICT_ORDER"}, "StatefulDefaultActions": ["aws:drop_strict", "aws:drop_established"]}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "at most one drop action",
        },
        Case {
            doc: r#"{"StatefulEngineOptions": {"RuleOrder": "STRICT_ORDER"}, "StatefulDefaultActions": ["aws:drop_all"]}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "`aws:drop_all` is not a stateful default action",
        },
        Case {
            doc: r#"{"StatefulEngineOptions": {"RuleOrder": "STRICT_ORDER"}, "StatefulDefaultActions": ["aws:drop_established_app_layer", "aws:alert_established"]}"#,
            code: Code::AwsShape,
            severity: Severity::Warning,
            message: "are mixed",
        },
        Case {
            doc: r#"{"StatefulEngineOptions": {"RuleOrder": "STRICT_ORDER"}, "StatefulRuleGroupReferences": [{"ResourceArn": "arn:a:b:c:d:e/x"}]}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "needs a Priority",
        },
        Case {
            doc: r#"{"StatefulEngineOptions": {"RuleOrder": "STRICT_ORDER"}, "StatefulRuleGroupReferences": [{"ResourceArn": "arn:a/x", "Priority": 5}, {"ResourceArn": "arn:a/y", "Priority": 5}]}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "Priority 5 is used twice",
        },
        Case {
            doc: r#"{"StatelessDefaultActions": ["aws:pass"]}"#,
            code: Code::AwsUnsupported,
            severity: Severity::Warning,
            message: "does not forward to the stateful engine",
        },
        Case {
            doc: r#"{"StatelessDefaultActions": ["aws:forward_to_sfe"], "PolicyVariables": {"RuleVariables": {"EXTERNAL_NET": {"Definition": ["1.0.0.0/8"]}}}}"#,
            code: Code::AwsShape,
            severity: Severity::Error,
            message: "may only set HOME_NET",
        },
    ];
    for c in cases {
        let (p, diags) = read_policy(F, c.doc);
        assert!(p.is_some(), "{}", c.doc);
        assert!(
            diags.iter().any(|d| d.code == c.code
                && d.severity == c.severity
                && d.message.contains(c.message)),
            "{}: got {diags:#?}",
            c.doc
        );
    }
}

#[test]
fn cloudformation_policy_refs() {
    let doc = "Resources:\n  G:\n    Type: AWS::NetworkFirewall::RuleGroup\n    Properties:\n      Type: STATEFUL\n      Capacity: 10\n      RuleGroup:\n        RulesSource:\n          RulesString: |\n            pass ip any any -> any any (sid:1;)\n        StatefulRuleOptions:\n          RuleOrder: STRICT_ORDER\n  P:\n    Type: AWS::NetworkFirewall::FirewallPolicy\n    Properties:\n      FirewallPolicyName: !Sub '${AWS::StackName}-p'\n      FirewallPolicy:\n        StatelessDefaultActions: ['aws:forward_to_sfe']\n        StatelessFragmentDefaultActions: ['aws:forward_to_sfe']\n        StatefulEngineOptions:\n          RuleOrder: STRICT_ORDER\n        StatefulDefaultActions: ['aws:drop_established']\n        StatefulRuleGroupReferences:\n          - ResourceArn: !Ref G\n            Priority: 100\n          - ResourceArn: !GetAtt Other.RuleGroupArn\n            Priority: 200\n";
    let (groups, gd) = read_rule_groups(F, doc);
    assert!(gd.is_empty(), "{gd:?}");
    assert_eq!(
        groups[0].rules_text(),
        "pass ip any any -> any any (sid:1;)\n"
    );
    let (p, d) = read_policy(F, doc);
    let p = p.unwrap();
    assert_eq!(d.len(), 1, "{d:?}"); // the !Sub name
    assert_eq!(d[0].severity, Severity::Warning);
    assert_eq!(p.resource.as_deref(), Some("P"));
    assert_eq!(p.stateful_groups[0].resource.as_deref(), Some("G"));
    assert_eq!(p.stateful_groups[1].resource.as_deref(), Some("Other"));
    let notes = p.check_groups(&groups);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].severity, Severity::Note);
}

// ---- the shared corpus

fn corpus(sub: &str) -> Option<PathBuf> {
    let p = Path::new("/work/shared/corpus").join(sub);
    if p.is_dir() {
        Some(p)
    } else {
        println!("skipped: {} is absent", p.display());
        None
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Extracted groups whose rules Ferrule cannot produce from the extraction, and why
/// (both are gaps of the DERIVED file, not of the original).
const KNOWN_UNREADABLE: &[(&str, &str)] = &[
    (
        "network_firewall_with_nat/main.tf.extracted.json",
        "Targets is the Terraform expression yamldecode(file(\"allowed_domains.yml\"))",
    ),
    (
        "network_firewall_rules.tf.extracted.json",
        "RulesSource is empty: the original uses rules = templatefile(...)",
    ),
];

#[test]
fn corpus_aws_nfw() {
    let Some(root) = corpus("aws-nfw") else {
        return;
    };
    let mut files = Vec::new();
    walk(&root, &mut files);
    let mut read = 0;
    let mut compared = 0;
    for path in &files {
        let name = path.to_string_lossy().to_string();
        let is_extracted = name.ends_with(".extracted.json");
        let is_template = (name.ends_with(".yaml")
            || name.ends_with(".yml")
            || name.ends_with(".json"))
            && !is_extracted
            && std::fs::read_to_string(path)
                .map(|t| t.contains("AWS::NetworkFirewall::RuleGroup") && t.contains("Resources"))
                .unwrap_or(false)
            && !name.contains("aws-cloudformation-resource-providers"); // JSON schemas, not templates
        if !is_extracted && !is_template {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let (groups, diags) = read_rule_groups(F, &text);
        let (_, pdiags) = read_policies(F, &text);
        read += 1;
        let known = KNOWN_UNREADABLE.iter().find(|(f, _)| name.ends_with(f));
        let errs: Vec<_> = diags.iter().chain(pdiags.iter().filter(|d| d.message != "no AWS firewall policy here: expected a FirewallPolicy object, a describe-firewall-policy response or an AWS::NetworkFirewall::FirewallPolicy resource")).filter(|d| d.is_error()).collect();
        match known {
            Some((_, why)) => {
                println!(
                    "{name}: known gap of the extraction ({why}): {:?}",
                    errs.iter().map(|d| &d.message).collect::<Vec<_>>()
                );
                assert!(
                    errs.iter().all(|d| d.code == Code::AwsShape),
                    "{name}: {errs:#?}"
                );
            }
            None => assert!(errs.is_empty(), "{name}: {errs:#?}"),
        }
        for d in diags.iter().chain(pdiags.iter()) {
            assert!(d.span.end as usize <= text.len(), "{name}: {d:?}");
        }
        if is_extracted {
            // One group per extracted entry, except the known unreadable ones.
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let n = v["rule_groups"].as_array().unwrap().len();
            assert_eq!(groups.len() + usize::from(known.is_some()), n, "{name}");
        }

        // DERIVED `.rules` files beside the original: the RulesString verbatim.
        let original = name.trim_end_matches(".extracted.json");
        for other in &files {
            let o = other.to_string_lossy();
            let Some(rest) = o
                .strip_prefix(original)
                .and_then(|r| r.strip_suffix(".rules"))
            else {
                continue;
            };
            if !rest.starts_with('.') || rest.contains(".extracted") {
                continue;
            }
            let derived = std::fs::read_to_string(other).unwrap();
            let header = derived.lines().next().unwrap();
            let resource = header
                .strip_prefix("# DERIVED: RulesString of ")
                .and_then(|h| h.split(" in ").next())
                .unwrap();
            let body: String = derived.split_inclusive('\n').skip(2).collect();
            let logical = resource.rsplit('.').next().unwrap();
            let g = groups
                .iter()
                .find(|g| {
                    g.resource.as_deref() == Some(resource)
                        || g.resource.as_deref() == Some(logical)
                })
                .unwrap_or_else(|| panic!("{name}: no group for {resource}"));
            assert!(matches!(g.source, RuleGroupSource::RulesString(_)));
            assert_eq!(g.rules_text(), body, "{name} vs {o}");
            assert!(g.capacity_estimate() <= g.capacity.unwrap_or(u32::MAX));
            compared += 1;
        }
        for g in &groups {
            println!(
                "  {} {:?} {} capacity {:?} estimate {}",
                g.resource.as_deref().unwrap_or("-"),
                g.name,
                g.rule_order.as_str(),
                g.capacity,
                g.capacity_estimate()
            );
        }
    }
    println!("read {read} files, compared {compared} DERIVED .rules files");
    assert!(read >= 9, "{read}");
    assert!(compared >= 10, "{compared}");
}

#[test]
fn corpus_domain_lists() {
    let Some(root) = corpus("domains") else {
        return;
    };
    for f in [
        "opendns-top-domains.txt",
        "opendns-random-domains.txt",
        "free-email-providers.txt",
        "mailchecker-disposable.txt",
        "umbrella-top-100k.txt",
        "stevenblack-hosts-unified.domains.txt",
    ] {
        let Ok(text) = std::fs::read_to_string(root.join(f)) else {
            println!("skipped: {f} is absent");
            continue;
        };
        let (t, d) = parse_domain_list(F, &text);
        let errs = errors(&d);
        println!(
            "{f}: {} targets, {} diagnostics, {} errors",
            t.len(),
            d.len(),
            errs.len()
        );
        assert!(errs.is_empty(), "{f}: {:?}", &errs[..errs.len().min(5)]);
        assert!(t.len() > 9_000, "{f}");
    }
}

/// SEMANTICS §5.3 (trap 22): a group's variables start from the policy's;
/// a group that sets only `HOME_NET` keeps the policy's `EXTERNAL_NET`
/// (its `$HOME_NET` pinned to the policy value, a longer name untouched),
/// and one that sets both keeps its own.
#[test]
fn group_vars_keep_the_policy_external_net() {
    use crate::net::Vars;
    let group = |sets: &[(&str, &str)]| RuleGroup {
        ip_sets: sets
            .iter()
            .map(|(n, d)| (n.to_string(), vec![d.to_string()]))
            .collect(),
        ..RuleGroup::from_domain_list(
            Vec::new(),
            TargetTypes::default(),
            GeneratedRulesType::AllowList,
            RuleOrder::DefaultActionOrder,
            Span::default(),
        )
    };
    let mut policy = Vars::empty();
    policy.set_address("HOME_NET", "[10.0.0.0/8]");
    policy.set_address("EXTERNAL_NET", "[!$HOME_NET,!$HOME_NET_X]");
    let v = group(&[("HOME_NET", "100.64.0.0/10")]).vars(&policy);
    assert_eq!(v.address("HOME_NET"), Some("[100.64.0.0/10]"));
    assert_eq!(
        v.address("EXTERNAL_NET"),
        Some("[![10.0.0.0/8],!$HOME_NET_X]")
    );
    let v = group(&[("HOME_NET", "100.64.0.0/10"), ("EXTERNAL_NET", "0.0.0.0/0")]).vars(&policy);
    assert_eq!(v.address("EXTERNAL_NET"), Some("[0.0.0.0/0]"));
    let v = group(&[]).vars(&policy);
    assert_eq!(v.address("EXTERNAL_NET"), Some("[!$HOME_NET,!$HOME_NET_X]"));
    assert_eq!(v.address("HTTP_SERVERS"), None);
}
