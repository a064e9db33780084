//! `aws::compile_domain_list` (the direct path: rule shapes stamped per
//! target) against the text path (generate the rules, load them, build),
//! rule by rule and decision by decision, over every list kind, target type
//! set and order, on crafted lists and a slice of a real one.

use ferrule_compiler::aws::{
    compile_domain_list, generate_domain_rules, parse_domain_list, GeneratedRulesType, RuleOrder,
    StatefulDefaultAction, TargetTypes,
};
use ferrule_compiler::build::build;
use ferrule_compiler::diag::Severity;
use ferrule_compiler::interp::Order;
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::span::FileId;
use ferrule_compiler::Dialect;
use ferrule_matcher::{AllAlerts, AppProto, IpProto, Query, RuleAction, RuleRef, Ruleset, Verdict};
use std::path::Path;

const CRAFTED: &str = "\
# comment
.example.com
example.org
Example.NET
example.org
  spaced.example  \r
*.bad.example
bad..example
.co.uk
xn--bcher-kva.example
bücher.example
trailing.example.
_srv.example
a-b.example
";

fn text_path(list: &str, types: TargetTypes, kind: GeneratedRulesType, order: &Order) -> Ruleset {
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Aws);
    let file = loader.add_source("domains", list);
    let (targets, _) = parse_domain_list(file, list);
    let ro = if order.strict {
        RuleOrder::StrictOrder
    } else {
        RuleOrder::DefaultActionOrder
    };
    let text: String = generate_domain_rules(&targets, types, kind, ro)
        .iter()
        .map(|g| g.text.clone() + "\n")
        .collect();
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Aws);
    loader.add_rules("generated", &text);
    let load = loader.finish();
    assert!(!load.has_errors(), "{:?}", load.diagnostics);
    let rules: Vec<_> = load.active_rules().cloned().collect();
    build(&rules, order).expect("text path builds")
}

fn names(list: &str) -> Vec<String> {
    let (targets, _) = parse_domain_list(FileId(0), list);
    targets.into_iter().map(|t| t.normalized).collect()
}

/// Query hosts derived from the targets: as listed, a subdomain, the bare
/// name of a wildcard, uppercase, a lookalike, a trailing dot, empty.
fn hosts(names: &[String]) -> Vec<Vec<u8>> {
    let mut out = vec![b"".to_vec(), b"unlisted.invalid".to_vec(), b".".to_vec()];
    for n in names {
        let bare = n.trim_start_matches('.');
        out.push(n.as_bytes().to_vec());
        out.push(bare.as_bytes().to_vec());
        out.push(format!("www.{bare}").into_bytes());
        out.push(bare.to_ascii_uppercase().into_bytes());
        out.push(format!("not{bare}").into_bytes());
        out.push(format!("{bare}.").into_bytes());
    }
    out
}

fn compare(list: &str, label: &str) {
    let kinds = [
        GeneratedRulesType::AllowList,
        GeneratedRulesType::DenyList,
        GeneratedRulesType::RejectList,
        GeneratedRulesType::AlertList,
    ];
    let types = [
        TargetTypes::BOTH,
        TargetTypes {
            tls_sni: true,
            http_host: false,
        },
        TargetTypes {
            tls_sni: false,
            http_host: true,
        },
    ];
    let drop_first = Order {
        actions: [
            RuleAction::Drop,
            RuleAction::Pass,
            RuleAction::Reject,
            RuleAction::Alert,
        ],
        ..Order::default()
    };
    let orders = [
        Order::default(),
        drop_first,
        Order::strict(vec![StatefulDefaultAction::DropEstablished]),
    ];
    let names = names(list);
    let hosts = hosts(&names);
    let st = Query::flow_start(
        IpProto::Tcp,
        "10.0.0.5".parse().unwrap(),
        40000,
        "93.184.216.34".parse().unwrap(),
        443,
    );
    let mut checked = 0usize;
    for kind in kinds {
        for ty in types {
            for order in &orders {
                let a = text_path(list, ty, kind, order);
                let b = compile_domain_list(
                    FileId(0),
                    list,
                    ty,
                    kind,
                    order,
                    &Vars::suricata_defaults(),
                )
                .expect("direct path compiles")
                .ruleset;
                let ra: Vec<RuleRef> = a.rule_refs().collect();
                let rb: Vec<RuleRef> = b.rule_refs().collect();
                assert_eq!(ra, rb, "{label} {kind:?} {ty:?} strict={}", order.strict);
                for h in &hosts {
                    for app in [AppProto::Tls, AppProto::Http1] {
                        let mut q = st.app_request(app);
                        match app {
                            AppProto::Tls => q.tls_sni = Some(h),
                            _ => {
                                q.http_host = Some(h);
                                q.http_host_raw = Some(h);
                                q.http_header_names = Some(b"\r\nHost\r\n\r\n");
                            }
                        }
                        let (mut sa, mut sb) = (AllAlerts::default(), AllAlerts::default());
                        let da = a.decide(&q, &mut sa);
                        let db = b.decide(&q, &mut sb);
                        assert_eq!(
                            (da, &sa.rules, &sa.defaults),
                            (db, &sb.rules, &sb.defaults),
                            "{label} {kind:?} {ty:?} strict={} host {:?}",
                            order.strict,
                            String::from_utf8_lossy(h)
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 0);
    eprintln!("{label}: {checked} decisions compared, text path = direct path");
}

#[test]
fn crafted_list_same_as_text_path() {
    compare(CRAFTED, "crafted");
}

#[test]
fn direct_path_reports_what_the_parser_reports() {
    let (_, parsed) = parse_domain_list(FileId(0), CRAFTED);
    let direct = compile_domain_list(
        FileId(0),
        CRAFTED,
        TargetTypes::BOTH,
        GeneratedRulesType::AllowList,
        &Order::default(),
        &Vars::suricata_defaults(),
    )
    .unwrap();
    let key = |d: &ferrule_compiler::diag::Diagnostic| {
        (d.code, d.severity, d.span, d.message.to_string())
    };
    let mut a: Vec<_> = parsed.iter().map(key).collect();
    let mut b: Vec<_> = direct.diagnostics.iter().map(key).collect();
    a.sort_by_key(|k| format!("{k:?}"));
    b.sort_by_key(|k| format!("{k:?}"));
    assert_eq!(a, b);
    assert!(
        a.iter().any(|k| k.1 == Severity::Error),
        "the crafted list has bad targets"
    );
    assert!(
        a.iter().any(|k| k.3.contains("duplicate")),
        "and a duplicate"
    );
    assert_eq!(direct.targets, names(CRAFTED).len());
}

#[test]
fn allow_list_decides_like_aws() {
    let list = compile_domain_list(
        FileId(0),
        ".example.com\nexample.org\n",
        TargetTypes::BOTH,
        GeneratedRulesType::AllowList,
        &Order::default(),
        &Vars::suricata_defaults(),
    )
    .unwrap();
    let st = Query::flow_start(
        IpProto::Tcp,
        "10.0.0.5".parse().unwrap(),
        40000,
        "93.184.216.34".parse().unwrap(),
        443,
    );
    let cases: [(&[u8], Verdict, Option<u32>); 5] = [
        (b"example.com", Verdict::Pass, Some(1)),
        (b"a.b.EXAMPLE.com", Verdict::Pass, Some(1)),
        (b"example.org", Verdict::Pass, Some(2)),
        (b"www.example.org", Verdict::Drop, Some(5)),
        (b"notexample.com", Verdict::Drop, Some(5)),
    ];
    for (sni, verdict, sid) in cases {
        let mut q = st.app_request(AppProto::Tls);
        q.tls_sni = Some(sni);
        let d = list.ruleset.decide(&q, &mut AllAlerts::default());
        assert_eq!(
            (d.verdict, d.rule.map(|r| r.sid)),
            (verdict, sid),
            "{sni:?}"
        );
    }
}

#[test]
fn real_list_slice_same_as_text_path() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/domains/stevenblack-hosts-unified.domains.txt");
    let Ok(text) = std::fs::read_to_string(&p) else {
        eprintln!("SKIP: {} not found", p.display());
        return;
    };
    // 600 names; every 5th as a wildcard, to exercise both shapes.
    let list: String = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .take(600)
        .enumerate()
        .map(|(i, l)| {
            if i % 5 == 0 {
                format!(".{l}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    compare(&list, "stevenblack[..600]");
}
