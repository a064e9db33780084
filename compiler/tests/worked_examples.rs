//! SEMANTICS §1.11: every worked example, with the expected outcome and message.

use ferrule_compiler::diag::Code;
use ferrule_compiler::ir::Direction;
use ferrule_compiler::load::{Load, Loader, State};
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;

fn load(text: &str) -> Load {
    let mut l = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    l.add_rules("ex.rules", text);
    l.finish()
}

/// Loads one rule line; returns the state and the first error (code, message).
fn one(text: &str) -> (State, Option<(Code, String)>) {
    let l = load(&format!("{text}\n"));
    let e = l
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .map(|d| (d.code, d.message.clone()));
    (l.outcomes[0].state, e)
}

fn loaded(text: &str) -> Load {
    let l = load(&format!("{text}\n"));
    assert!(
        matches!(l.outcomes[0].state, State::Loaded(Some(_))),
        "{text}: {:?}",
        l.diagnostics
    );
    assert!(!l.has_errors(), "{text}: {:?}", l.diagnostics);
    l
}

fn rejected(text: &str, code: Code, msg: &str) {
    let (state, e) = one(text);
    assert_eq!(state, State::Rejected, "{text}");
    let (c, m) = e.expect("an error");
    assert_eq!((c, m.as_str()), (code, msg), "{text}");
}

#[test]
fn ex01_sni_implies_to_server() {
    let l = loaded(r#"alert tls any any -> any any (tls.sni; content:"example.com"; sid:1;)"#);
    assert_eq!(l.rules[0].app_proto.as_deref(), Some("tls"));
}

#[test]
fn ex02_missing_final_semicolon() {
    rejected(
        r#"alert tls any any -> any any (tls.sni; content:"example.com"; sid:1)"#,
        Code::NoTerminatingSemicolon,
        "no terminating \";\" found",
    );
}

#[test]
fn ex03_uppercase_http_host() {
    rejected(
        r#"alert http any any -> any any (http.host; content:"Example.com"; sid:2;)"#,
        Code::HttpHostUppercase,
        "rule 2: A pattern with uppercase characters detected for http.host. The hostname buffer is normalized to lowercase, please specify a lowercase pattern.",
    );
}

#[test]
fn ex04_uppercase_behind_dotprefix_loads() {
    loaded(
        r#"alert http any any -> any any (http.host; dotprefix; content:".Example.com"; endswith; sid:3;)"#,
    );
}

#[test]
fn ex05_conflicting_app_proto() {
    rejected(
        r#"alert http any any -> any any (tls.sni; content:"a"; sid:4;)"#,
        Code::ConflictingAppProto,
        "can't set rule app proto to failed: already set to http_any",
    );
}

#[test]
fn ex06_semicolon_in_quotes() {
    rejected(
        r#"alert tls any any -> any any (msg:"a;b"; sid:5;)"#,
        Code::BadQuoting,
        r#"bad option value formatting (possible missing semicolon) for keyword msg: '"a'"#,
    );
}

#[test]
fn ex07_escaped_semicolon_in_msg() {
    let l = loaded(r#"alert tls any any -> any any (msg:"a\;b"; tls.sni; content:"x"; sid:6;)"#);
    assert_eq!(l.rules[0].meta.msg.as_deref(), Some("a;b"));
}

#[test]
fn ex08_negated_any() {
    rejected(
        "alert tcp !any any -> any any (sid:7;)",
        Code::AddressSpaceNegated,
        "Complete IP space negated. Rule address range is NIL. Probably have a !any or an address range that supplies a NULL address range",
    );
}

#[test]
fn ex09_negated_port_in_range() {
    rejected(
        "alert tcp any any -> any [80:!80] (sid:8;)",
        Code::PortNegatedRange,
        "Can't have a negated value in a range.",
    );
}

#[test]
fn ex10_transactional_without_both_directions() {
    rejected(
        "alert tcp any any => any any (sid:9;)",
        Code::BothDirectionsRequired,
        "rule 9 should use both directions, but does not",
    );
    let mut l = Loader::new(Vars::suricata_defaults(), Dialect::Aws);
    l.add_rules("x", "alert tcp any any => any any (sid:9;)\n");
    let l = l.finish();
    let e = l.diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(
        e.message,
        "\"=>\" is not a valid direction modifier, \"->\" and \"<>\" are supported."
    );
}

#[test]
fn ex11_leading_space_is_ignored() {
    let l = load(" alert tcp any any -> any any (sid:10;)\n");
    assert_eq!(l.outcomes[0].state, State::Ignored);
    assert!(l.rules.is_empty());
    assert!(l
        .diagnostics
        .iter()
        .any(|d| d.code == Code::IndentedRuleIgnored && !d.is_error()));
}

#[test]
fn ex12_bad_escape_in_content() {
    rejected(
        r#"alert tcp any any -> any any (content:"a\x"; sid:11;)"#,
        Code::ContentEscape,
        "'\\' has to be escaped",
    );
}

#[test]
fn ex13_to_client_with_sni() {
    rejected(
        r#"alert tls any any -> any any (flow:to_client; tls.sni; content:"x"; sid:12;)"#,
        Code::ConflictingDirections,
        "rule 12 mixes keywords with conflicting directions",
    );
}

#[test]
fn ex14_duplicate_and_rev_replacement() {
    let r1 = r#"alert tls any any -> any any (tls.sni; content:"example.com"; sid:1;)"#;
    let l = load(&format!("{r1}\n{r1}\n"));
    assert_eq!(l.outcomes[1].state, State::Rejected);
    let e = l.diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(e.code, Code::DuplicateSignature);
    assert_eq!(e.message, format!("Duplicate signature \"{r1}\""));
    let r2 = r#"alert tls any any -> any any (tls.sni; content:"example.com"; sid:1; rev:2;)"#;
    let l = load(&format!("{r1}\n{r2}\n"));
    assert!(!l.has_errors());
    assert!(l
        .diagnostics
        .iter()
        .any(|d| d.code == Code::RevisionReplaced));
    let active: Vec<_> = l.active_rules().collect();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0].meta.rev, 2);
}

#[test]
fn ex15_no_parentheses_loads() {
    loaded("alert tcp any any -> any any sid:14;");
}

#[test]
fn ex16_missing_sid_wins_over_protocol() {
    rejected(
        r#"alert foo any any -> any any (msg:"x";)"#,
        Code::MissingSid,
        "Signature missing required value \"sid\".",
    );
}

#[test]
fn ex17_host_bits_masked() {
    let l = loaded("alert tcp 10.0.0.5/24 any -> any any (sid:15;)");
    assert_eq!(l.rules[0].src.to_suricata(), "10.0.0.0/24");
}

#[test]
fn ex18_negation_inside_positive() {
    let l = loaded("alert tcp [192.168.0.0/16,!192.168.0.0/24] any -> any any (sid:16;)");
    let src = &l.rules[0].src;
    assert!(src.contains("192.168.1.1".parse().unwrap()));
    assert!(!src.contains("192.168.0.1".parse().unwrap()));
}

#[test]
fn ex19_repeated_buffer_is_one_buffer() {
    let l = loaded(
        r#"pass tls any any -> any any (tls.sni; content:"A"; nocase; tls.sni; content:"b"; sid:17;)"#,
    );
    assert!(l
        .diagnostics
        .iter()
        .any(|d| d.code == Code::DuplicateBufferInstance));
    assert_eq!(l.rules[0].conditions.len(), 1);
    assert_eq!(l.rules[0].conditions[0].matches.len(), 2);
    assert_eq!(l.rules[0].direction, Direction::ToDst);
}

#[test]
fn every_diagnostic_code_is_documented() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/diagnostics.md"
    ))
    .expect("docs/diagnostics.md");
    for c in Code::ALL {
        assert!(
            doc.contains(&format!("`{}` | {} |", c.as_str(), c.name())),
            "{} ({}) missing from docs/diagnostics.md",
            c.as_str(),
            c.name()
        );
    }
}
