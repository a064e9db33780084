//! Checks the `aws` dialect adds on top of Suricata 7's loader (SPEC §1,
//! SEMANTICS §5.9–5.10): actions and protocols AWS does not run, keywords it
//! rejects, `priority` in strict order, and the 8,192-character limit counted
//! with variables expanded.

use super::LowerCtx;
use crate::diag::{Code, Diagnostic};
use crate::ir::{Buffer, Match, Protocol, Rule};
use crate::net::Vars;

/// Keywords AWS Network Firewall documents as unsupported (union of the doc
/// snapshots, SEMANTICS §5.10).
const UNSUPPORTED: &[&str] = &[
    "dataset",
    "datarep",
    "iprep",
    "lua",
    "luajit",
    "threshold",
    "detection_filter",
    "filestore",
    "filemagic",
    "filename",
    "fileext",
    "filesize",
    "filemd5",
    "filesha1",
    "filesha256",
    "file.name",
    "file.magic",
    "file.data",
    "file_data",
    "ftpdata_command",
    "enip_command",
    "cip_service",
];

/// Buffers whose `pcre` AWS accepts without a `content` in the rule.
const PCRE_BUFFERS: &[Buffer] = &[Buffer::TlsSni, Buffer::HttpHost, Buffer::DnsQuery];

/// Suricata text of `rule` with every `$VAR` replaced by its definition, as AWS
/// counts rule length.
fn expanded_len(text: &str, vars: &Vars, depth: u32) -> usize {
    if depth > 64 || !text.contains('$') {
        return text.len();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(p) = rest.find('$') {
        out.push_str(&rest[..p]);
        let name_len = rest[p + 1..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let name = &rest[p + 1..p + 1 + name_len];
        match vars.address(name).or_else(|| vars.port(name)) {
            Some(def) if name_len > 0 => out.push_str(def),
            _ => out.push_str(&rest[p..p + 1 + name_len]),
        }
        rest = &rest[p + 1 + name_len..];
    }
    out.push_str(rest);
    if out.contains('$') && out != text {
        expanded_len(&out, vars, depth + 1)
    } else {
        out.len()
    }
}

/// Keywords only AWS Network Firewall knows (category filtering and friends):
/// accepted in the `aws` dialect, never evaluated by Ferrule.
pub(super) const AWS_ONLY_KEYWORDS: &[&str] = &[
    "aws_domain_category",
    "aws_url_category",
    "tls.ciphersuites",
];

/// Returns errors (the rule is rejected) and warnings (AWS may reject it: the
/// limitation pages and AWS's own examples disagree).
pub(super) fn check(
    rule: &Rule,
    header: &super::options::HeaderSpans,
    ctx: &LowerCtx<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), Diagnostic> {
    use crate::ir::Action::*;
    let unsupported = |span, what: String, hint: &str| {
        Diagnostic::error(Code::AwsUnsupported, span, what).with_hint(hint.to_string())
    };
    if !matches!(rule.action, Alert | Pass | Drop | Reject) {
        return Err(unsupported(
            header.action,
            format!(
                "AWS Network Firewall does not support the `{}` action",
                rule.action.as_str()
            ),
            "stateful rules may use pass, drop, reject or alert",
        ));
    }
    if rule.protocol == Protocol::Sctp
        || matches!(&rule.protocol, Protocol::App(p) if matches!(p.as_str(), "ike" | "ikev2" | "enip"))
    {
        return Err(unsupported(
            header.protocol,
            format!(
                "AWS Network Firewall does not support protocol `{}`",
                rule.protocol.as_str()
            ),
            "see the AWS Network Firewall Suricata limitations page",
        ));
    }
    let listed = rule
        .unevaluated
        .iter()
        .map(|u| (u.name.as_str(), u.span))
        .chain(rule.conditions.iter().filter_map(|c| match &c.buffer {
            Buffer::Other(name) => Some((name.as_str(), c.span)),
            _ => None,
        }));
    for (name, span) in listed {
        if UNSUPPORTED.contains(&name) {
            warnings.push(
                Diagnostic::warning(
                    Code::AwsUnsupported,
                    span,
                    format!("AWS Network Firewall lists `{name}` as unsupported; the rule group may be rejected"),
                )
                .with_hint("AWS's Suricata limitations page lists datasets, IP reputation, Lua, thresholding and file keywords (some of AWS's own examples still use thresholding)"),
            );
        }
    }
    let has_content = rule
        .conditions
        .iter()
        .any(|c| c.matches.iter().any(|m| matches!(m, Match::Content(_))));
    for c in &rule.conditions {
        for m in &c.matches {
            if let Match::Pcre { span, .. } = m {
                if !has_content && !PCRE_BUFFERS.contains(&c.buffer) {
                    warnings.push(
                        Diagnostic::warning(
                            Code::AwsUnsupported,
                            *span,
                            "AWS Network Firewall documents pcre as allowed only together with content, tls.sni, http.host or dns.query",
                        )
                        .with_hint("add a content match that anchors the pcre"),
                    );
                }
            }
        }
    }
    if ctx.strict_order && rule.meta.priority.is_some() {
        return Err(Diagnostic::error(
            Code::AwsPriorityInStrictOrder,
            rule.span,
            "the priority keyword is not allowed in a STRICT_ORDER rule group",
        )
        .with_hint(
            "in strict order, rules are evaluated in the order written; remove `priority`",
        ));
    }
    let len = expanded_len(&rule.text, ctx.vars, 0);
    if len > 8192 {
        return Err(Diagnostic::error(
            Code::AwsRuleTooLong,
            rule.span,
            format!("rule is {len} characters with variables expanded; AWS Network Firewall allows 8,192"),
        )
        .with_hint("split the rule or use shorter variables / IP set references"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansion_counts_nested_variables() {
        let mut v = Vars::empty();
        v.set_address("A", "[10.0.0.0/8,$B]");
        v.set_address("B", "192.168.0.0/16");
        assert_eq!(
            expanded_len("x $A y", &v, 0),
            "x [10.0.0.0/8,192.168.0.0/16] y".len()
        );
        assert_eq!(expanded_len("no vars", &v, 0), 7);
        assert_eq!(expanded_len("$UNDEFINED", &v, 0), 10);
    }
}
