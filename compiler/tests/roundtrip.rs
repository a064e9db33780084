//! Property: printing a loaded rule's IR as canonical Suricata text and loading
//! that text again gives the same IR (spans and original text aside).

use ferrule_compiler::ir::*;
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::span::Span;
use ferrule_compiler::Dialect;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

fn strip(mut r: Rule) -> Rule {
    let z = Span::default();
    r.span = z;
    r.text.clear();
    r.flow.span = None;
    for u in &mut r.unevaluated {
        u.span = z;
    }
    for c in &mut r.conditions {
        c.span = z;
        for m in &mut c.matches {
            match m {
                Match::Content(ct) => {
                    ct.span = z;
                    ct.nocase_span = None;
                }
                Match::Pcre { span, .. }
                | Match::Bsize(_, span)
                | Match::IsDataAt { span, .. }
                | Match::Other { span, .. } => *span = z,
            }
        }
    }
    r
}

fn load_one(text: &str) -> Result<Rule, String> {
    let mut l = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    l.add_rules("t.rules", &format!("{text}\n"));
    let load = l.finish();
    let errs: Vec<_> = load
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    if !errs.is_empty() {
        return Err(errs.join("; "));
    }
    load.rules
        .into_iter()
        .next()
        .ok_or_else(|| "no rule".to_string())
}

fn action() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "alert",
        "pass",
        "drop",
        "reject",
        "drop:flow",
        "pass:packet",
        "rejectboth",
    ])
}

fn addr() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("any".to_string()),
        Just("$HOME_NET".to_string()),
        Just("$EXTERNAL_NET".to_string()),
        (0u8..=255, 0u8..=255, 8u8..=32).prop_map(|(a, b, m)| format!("{a}.{b}.0.0/{m}")),
        (1u8..=200, 1u8..=200).prop_map(|(a, b)| format!("[10.0.0.0/8,!10.{a}.{b}.0/24]")),
        Just("[2001:db8::/32,!2001:db8:1::/48]".to_string()),
        Just("!1.2.3.4".to_string()),
        Just("10.0.0.1-10.0.0.9".to_string()),
    ]
}

fn port() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("any".to_string()),
        (0u16..=65535).prop_map(|p| p.to_string()),
        (1u16..=1000, 1u16..=1000).prop_map(|(a, b)| format!("{}:{}", a.min(b), a.max(b))),
        Just("[80,443,8000:8080]".to_string()),
        Just("!80".to_string()),
        Just("1024:".to_string()),
    ]
}

fn pattern() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(vec!["a", "b", "example", ".", "com", "-", "x1"])
                .prop_map(String::from),
            prop::sample::select(vec!["|0d 0a|", "\\;", "\\\"", "\\:", "\\\\", "|7c|"])
                .prop_map(String::from),
        ],
        1..5,
    )
    .prop_map(|v| v.concat())
}

fn host_pattern() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec!["a", "b", "example", ".", "com", "-", "x1"]),
        1..5,
    )
    .prop_map(|v| v.concat())
}

/// A buffer section: buffer keyword, optional transform, contents with modifiers.
fn section() -> impl Strategy<Value = (String, &'static str)> {
    let modifiers = prop::sample::select(vec![
        "",
        "nocase; ",
        "startswith; ",
        "endswith; ",
        "startswith; endswith; ",
        "nocase; endswith; ",
        "offset:1; ",
        "depth:40; ",
        "distance:0; ",
        "within:40; ",
        "fast_pattern; ",
    ]);
    prop_oneof![
        (pattern(), modifiers.clone(), any::<bool>()).prop_map(|(p, m, neg)| {
            (
                format!(
                    "tls.sni; content:{}\"{p}\"; {m}",
                    if neg { "!" } else { "" }
                ),
                "tls",
            )
        }),
        (pattern(), modifiers.clone())
            .prop_map(|(p, m)| (format!("tls.sni; dotprefix; content:\".{p}\"; {m}"), "tls")),
        (
            host_pattern(),
            prop::sample::select(vec![
                "",
                "startswith; ",
                "endswith; ",
                "startswith; endswith; "
            ])
        )
            .prop_map(|(p, m)| (format!("http.host; content:\"{p}\"; {m}"), "http")),
        (pattern(), modifiers)
            .prop_map(|(p, m)| (format!("dns.query; content:\"{p}\"; {m}"), "dns")),
        (1u64..100).prop_map(|n| (format!("tls.sni; bsize:>={n}; "), "tls")),
        Just(("tls.sni; pcre:\"/^www\\.[a-z]+/i\"; ".to_string(), "tls")),
        Just((
            "tls.sni; content:\"a\"; isdataat:!1,relative; ".to_string(),
            "tls"
        )),
    ]
}

fn rule() -> impl Strategy<Value = String> {
    (
        action(),
        addr(),
        port(),
        prop::sample::select(vec!["->", "<>"]),
        addr(),
        port(),
        prop::option::of(section()),
        prop::sample::select(vec!["", "flow:established,to_server; ", "flow:to_server; "]),
        prop::option::of(1u8..10),
        1u32..1_000_000,
        prop::sample::select(vec![
            "",
            "msg:\"a \\; b \\\" c\"; ",
            "noalert; ",
            "classtype:trojan-activity; ",
        ]),
    )
        .prop_map(|(a, s, sp, d, t, tp, sec, flow, prio, sid, extra)| {
            let (body, proto) = sec.unwrap_or_else(|| (String::new(), "tcp"));
            let prio = prio.map(|p| format!("priority:{p}; ")).unwrap_or_default();
            format!(
                "{a} {proto} {s} {sp} {d} {t} {tp} ({extra}{flow}{body}{prio}sid:{sid}; rev:2;)"
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]
    #[test]
    fn print_then_parse_gives_the_same_ir(text in rule()) {
        // Rules the generator makes may be invalid (e.g. address sets that negate
        // everything): only loaded rules are checked.
        if let Ok(ir) = load_one(&text) {
            let printed = ir.to_suricata();
            let again = load_one(&printed).map_err(|e| TestCaseError::fail(format!("{printed}: {e}")))?;
            prop_assert_eq!(strip(again.clone()), strip(ir), "printed: {}", printed);
            prop_assert_eq!(again.to_suricata(), printed);
        }
    }
}

#[test]
fn generator_mostly_produces_loadable_rules() {
    // Guards the property above against a generator that only makes invalid rules.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut ok = 0;
    for _ in 0..500 {
        let t = rule().new_tree(&mut runner).unwrap().current();
        if load_one(&t).is_ok() {
            ok += 1;
        }
    }
    assert!(ok > 250, "only {ok}/500 generated rules load");
}

/// The same property on real rules: every rule of ET Open and Suricata's own rule
/// files that loads prints to text that loads to the same IR.
#[test]
fn real_rules_print_and_reparse_to_the_same_ir() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if !root.is_dir() {
        eprintln!("SKIP: ../shared/corpus not found");
        return;
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for dir in ["et-open", "suricata-rules", "community-rules"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().and_then(|x| x.to_str()) != Some("rules") {
                continue;
            }
            let mut l = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
            l.add_rules_file(&p).unwrap();
            let load = l.finish();
            for r in load.active_rules() {
                let printed = r.to_suricata();
                checked += 1;
                match load_one(&printed) {
                    Ok(again) if strip(again.clone()) == strip(r.clone()) => {}
                    Ok(again) => {
                        let (a, b) = (strip(again.clone()), strip(r.clone()));
                        let mut fields = Vec::new();
                        if a.app_proto != b.app_proto {
                            fields
                                .push(format!("app_proto {:?} vs {:?}", b.app_proto, a.app_proto));
                        }
                        if a.conditions != b.conditions {
                            fields.push("conditions".to_string());
                        }
                        if a.unevaluated != b.unevaluated {
                            fields.push("unevaluated".to_string());
                        }
                        if a.meta != b.meta {
                            fields.push("meta".to_string());
                        }
                        if a.flow != b.flow {
                            fields.push("flow".to_string());
                        }
                        failures.push(format!(
                            "IR differs in {}:\n  {}\n  {}",
                            fields.join(", "),
                            r.text,
                            printed
                        ))
                    }
                    Err(e) => {
                        failures.push(format!("reprint fails ({e}):\n  {}\n  {}", r.text, printed))
                    }
                }
            }
        }
    }
    println!("reprinted {checked} real rules, {} differ", failures.len());
    for f in failures.iter() {
        println!("{f}");
    }
    assert!(checked > 20_000, "only {checked} rules");
    assert!(
        failures.is_empty(),
        "{} rules do not survive print/parse",
        failures.len()
    );
}
