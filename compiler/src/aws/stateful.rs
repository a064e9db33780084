//! Standard stateful rules (`RulesSource.StatefulRules`, the 5-tuple JSON form)
//! rendered to the Suricata text AWS runs (SEMANTICS §5.5).
//!
//! Documented by AWS: action and protocol lowercased, `Direction` `FORWARD` → `->`
//! and `ANY` → `<>`, each rule option appended as `keyword:settings;`. AWS's own
//! example renders
//! `{"Action":"DROP","Header":{"Protocol":"HTTP","Source":"$HOME_NET","SourcePort":"ANY",
//! "Direction":"ANY","Destination":"$EXTERNAL_NET","DestinationPort":"ANY"},
//! "RuleOptions":[{"Keyword":"msg","Settings":["\"this is a stateful drop rule\""]},
//! {"Keyword":"sid","Settings":["1234"]}]}` as
//! `drop http $HOME_NET ANY <> $EXTERNAL_NET ANY (msg:"this is a stateful drop rule"; sid:1234;)`.
//!
//! **UNVERIFIED** points and Ferrule's choice:
//! - the published rendering drops the quotes of `msg`; Suricata requires them, so
//!   Ferrule keeps each setting verbatim (the `\"` written in `Settings` stays);
//! - several settings are joined with `,` (no space);
//! - an option without settings (or with an empty list) is rendered `keyword;`
//!   (Terraform examples write `keyword = "sid:1"`, which then renders `sid:1;`);
//! - options are separated by one space, in the order written;
//! - header fields (`Source`, `SourcePort`, ...) are copied verbatim (`ANY` stays
//!   `ANY`, which Suricata accepts in any case).

use crate::diag::{Code, Diagnostic};
use crate::span::Span;

use super::node::Node;

/// Header protocols accepted by the AWS API (`BOTO:` `StatefulRuleProtocol`).
pub(crate) const PROTOCOLS: &[&str] = &[
    "IP", "TCP", "UDP", "ICMP", "HTTP", "FTP", "TLS", "SMB", "DNS", "DCERPC", "SSH", "SMTP",
    "IMAP", "MSN", "KRB5", "IKEV2", "TFTP", "NTP", "DHCP", "HTTP2", "QUIC",
];

const ACTIONS: &[&str] = &["PASS", "DROP", "ALERT", "REJECT"];

/// Renders one `StatefulRules` entry. `span` locates the entry (best effort) and is
/// used for every diagnostic. Returns `None` when the entry cannot be rendered.
pub(crate) fn render_rule(rule: &Node, span: Span, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let shape = |msg: String| Diagnostic::error(Code::AwsShape, span, msg);
    if rule.entries().is_none() {
        diags.push(shape(format!(
            "a StatefulRules entry must be an object, found {}",
            rule.kind()
        )));
        return None;
    }
    let mut ok = true;
    let mut field = |node: Option<&Node>, what: &str, diags: &mut Vec<Diagnostic>| -> String {
        match node {
            Some(Node::Str(s)) => s.clone(),
            Some(n) => {
                ok = false;
                diags.push(match n.intrinsic() {
                    Some(f) => shape(format!(
                        "StatefulRules {what} is a CloudFormation {f} expression, not a literal"
                    ))
                    .with_hint("Ferrule reads templates without deploying them; write the value"),
                    None => shape(format!(
                        "StatefulRules {what} must be a string, found {}",
                        n.kind()
                    )),
                });
                String::new()
            }
            None => {
                ok = false;
                diags.push(shape(format!("StatefulRules entry has no {what}")));
                String::new()
            }
        }
    };

    let action = field(rule.get("Action"), "Action", diags);
    let header = rule.get("Header");
    if header.is_some_and(|h| h.entries().is_none()) {
        diags.push(shape("StatefulRules Header must be an object".into()));
        return None;
    }
    let h = |k: &str| header.and_then(|h| h.get(k));
    let protocol = field(h("Protocol"), "Header.Protocol", diags);
    let source = field(h("Source"), "Header.Source", diags);
    let source_port = field(h("SourcePort"), "Header.SourcePort", diags);
    let direction = field(h("Direction"), "Header.Direction", diags);
    let destination = field(h("Destination"), "Header.Destination", diags);
    let destination_port = field(h("DestinationPort"), "Header.DestinationPort", diags);
    if !ok {
        return None;
    }

    let enum_check = |value: &str, allowed: &[&str], what: &str, diags: &mut Vec<Diagnostic>| {
        if allowed.contains(&value) {
            return true;
        }
        let mut d = shape(format!(
            "StatefulRules {what} `{value}` is not one of {}",
            allowed.join(", ")
        ));
        if allowed.contains(&value.to_ascii_uppercase().as_str()) {
            d = d.with_hint(format!(
                "AWS API values are uppercase: {}",
                value.to_ascii_uppercase()
            ));
        }
        diags.push(d);
        false
    };
    let mut good = enum_check(&action, ACTIONS, "Action", diags);
    good &= enum_check(&protocol, PROTOCOLS, "Header.Protocol", diags);
    let arrow = match direction.as_str() {
        "FORWARD" => "->",
        "ANY" => "<>",
        _ => {
            enum_check(&direction, &["FORWARD", "ANY"], "Header.Direction", diags);
            good = false;
            "->"
        }
    };

    let mut options = Vec::new();
    match rule.get("RuleOptions") {
        None | Some(Node::Null) => {}
        Some(Node::Seq(items)) => {
            for item in items {
                let keyword = match item.get("Keyword") {
                    Some(Node::Str(k)) if !k.is_empty() => k.clone(),
                    Some(n) if n.intrinsic().is_some() => {
                        diags.push(shape(format!(
                            "a RuleOptions Keyword is a CloudFormation {} expression, not a literal",
                            n.intrinsic().unwrap_or_default()
                        )));
                        good = false;
                        continue;
                    }
                    _ => {
                        diags.push(shape("a RuleOptions entry has no Keyword string".into()));
                        good = false;
                        continue;
                    }
                };
                let mut settings = Vec::new();
                match item.get("Settings") {
                    None | Some(Node::Null) => {}
                    Some(Node::Seq(ss)) => {
                        for s in ss {
                            match s {
                                Node::Str(s) => settings.push(s.clone()),
                                Node::Int(i) => settings.push(i.to_string()),
                                other => {
                                    diags.push(shape(format!(
                                        "a Settings value of option `{keyword}` must be a string, found {}",
                                        other.kind()
                                    )));
                                    good = false;
                                }
                            }
                        }
                    }
                    Some(other) => {
                        diags.push(shape(format!(
                            "Settings of option `{keyword}` must be a list of strings, found {}",
                            other.kind()
                        )));
                        good = false;
                    }
                }
                if settings.is_empty() {
                    options.push(format!("{keyword};"));
                } else {
                    options.push(format!("{keyword}:{};", settings.join(",")));
                }
            }
        }
        Some(other) => {
            diags.push(shape(format!(
                "RuleOptions must be a list, found {}",
                other.kind()
            )));
            good = false;
        }
    }
    if !good {
        return None;
    }
    Some(format!(
        "{} {} {source} {source_port} {arrow} {destination} {destination_port} ({})",
        action.to_ascii_lowercase(),
        protocol.to_ascii_lowercase(),
        options.join(" ")
    ))
}
