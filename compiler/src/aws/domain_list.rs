//! AWS domain lists (`RulesSourceList`): target validation and the exact Suricata
//! rules AWS generates for them (SEMANTICS §5.4).
//!
//! # What is documented, what is not
//!
//! Documented by AWS (`BOTO:` `RulesSourceList`, the NFW developer guide "domain list"
//! and "Suricata examples" pages):
//! - a target `abc.example.com` matches only that name; a leading dot is the wildcard:
//!   `.example.com` matches `example.com` and every subdomain;
//! - `TargetTypes` `TLS_SNI` and/or `HTTP_HOST`, `GeneratedRulesType` `ALLOWLIST`,
//!   `DENYLIST`, `REJECTLIST`, `ALERTLIST`;
//! - the generated rules for a deny list (`evil.com`, TLS+HTTP) and for HTTP and TLS
//!   allow lists (`.amazon.com`, `example.com`), reproduced byte for byte by
//!   [`generate_domain_rules`];
//! - strict-order domain lists do not get the allow list's drop rules.
//!
//! Not documented (**UNVERIFIED**; what Ferrule does is said in each diagnostic hint):
//! - what AWS does with uppercase, Unicode, `*.`-wildcard, whitespace or otherwise
//!   malformed targets (reject, normalize, or pass through literally);
//! - the rules generated for `REJECTLIST` and `ALERTLIST`;
//! - whether `priority:1;` is dropped in strict order (it must be: `priority` is
//!   not allowed in strict-order groups);
//! - the order of the rules when both target types are selected with several
//!   targets (see [`generate_domain_rules`]);
//! - whether duplicate targets are removed.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::diag::{Code, Diagnostic};
use crate::span::{FileId, Span};

use super::RuleOrder;

/// `RulesSourceList.GeneratedRulesType`: what the generated rules do with a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GeneratedRulesType {
    /// `ALLOWLIST`: matching traffic passes; in `DEFAULT_ACTION_ORDER`, other traffic
    /// of the selected protocols is dropped by generated drop rules.
    AllowList,
    /// `DENYLIST`: matching traffic is dropped.
    DenyList,
    /// `REJECTLIST`: matching traffic is rejected (TCP reset). Generated rules are
    /// **UNVERIFIED**: Ferrule uses `reject` and the message word `rejectlisted`.
    RejectList,
    /// `ALERTLIST`: matching traffic is only alerted. Generated rules are
    /// **UNVERIFIED**: Ferrule uses `alert` and the message word `alertlisted`.
    AlertList,
}

impl GeneratedRulesType {
    /// The AWS API spelling (`ALLOWLIST`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            GeneratedRulesType::AllowList => "ALLOWLIST",
            GeneratedRulesType::DenyList => "DENYLIST",
            GeneratedRulesType::RejectList => "REJECTLIST",
            GeneratedRulesType::AlertList => "ALERTLIST",
        }
    }

    /// Parses the AWS API spelling (exact, uppercase).
    pub fn from_aws(s: &str) -> Option<Self> {
        Some(match s {
            "ALLOWLIST" => GeneratedRulesType::AllowList,
            "DENYLIST" => GeneratedRulesType::DenyList,
            "REJECTLIST" => GeneratedRulesType::RejectList,
            "ALERTLIST" => GeneratedRulesType::AlertList,
            _ => return None,
        })
    }

    /// The Suricata action of the rules that match a target.
    pub fn action(&self) -> &'static str {
        match self {
            GeneratedRulesType::AllowList => "pass",
            GeneratedRulesType::DenyList => "drop",
            GeneratedRulesType::RejectList => "reject",
            GeneratedRulesType::AlertList => "alert",
        }
    }

    /// The word used in the generated `msg` (`allowlisted`, ...).
    pub fn msg_word(&self) -> &'static str {
        match self {
            GeneratedRulesType::AllowList => "allowlisted",
            GeneratedRulesType::DenyList => "denylisted",
            GeneratedRulesType::RejectList => "rejectlisted",
            GeneratedRulesType::AlertList => "alertlisted",
        }
    }
}

/// `RulesSourceList.TargetTypes`: which name buffers the generated rules inspect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TargetTypes {
    /// `TLS_SNI`: the SNI of the TLS ClientHello (`tls.sni`).
    pub tls_sni: bool,
    /// `HTTP_HOST`: the HTTP Host (`http.host`).
    pub http_host: bool,
}

impl TargetTypes {
    /// Both `TLS_SNI` and `HTTP_HOST`.
    pub const BOTH: TargetTypes = TargetTypes {
        tls_sni: true,
        http_host: true,
    };

    /// Number of selected types (0, 1 or 2).
    pub fn count(&self) -> u32 {
        self.tls_sni as u32 + self.http_host as u32
    }
}

/// One domain-list target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The target as written (after trimming, for text lists).
    pub text: String,
    /// What the generated rules use: [`Target::text`] lowercased, Unicode labels as
    /// punycode A-labels. A leading dot (the AWS wildcard) is kept.
    pub normalized: String,
    /// Where the target is written.
    pub span: Span,
}

impl Target {
    /// True for a leading-dot target (`.example.com`: the domain and all subdomains).
    pub fn is_wildcard(&self) -> bool {
        self.normalized.starts_with('.')
    }
}

/// One generated Suricata rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedRule {
    /// One Suricata rule, without a trailing newline.
    pub text: String,
    /// The input it came from (a domain-list target, a `StatefulRules` entry); `None`
    /// for rules that belong to the whole group (the allow list's drop rules).
    pub origin: Option<Span>,
}

/// Parses a plain-text domain list: one target per line; blank lines and lines
/// whose first non-blank character is `#` are skipped; spaces, tabs and a trailing
/// CR are trimmed. A `#` after a target is not a comment (the target is reported as
/// containing whitespace).
///
/// Every target is validated, the same way as the `Targets` of a `RulesSourceList`
/// read by [`read_rule_groups`](super::read_rule_groups):
///
/// Errors ([`Code::AwsTargetInvalid`]; the target is reported and left out, so
/// generated rules never contain it): empty (or a lone `.`); whitespace inside; `*`
/// in any form (`*.example.com`: AWS uses a leading dot); a character other than
/// letters, digits, `-`, `_`, `.` and non-ASCII letters; an empty label (`..`, a
/// leading `..`); a label over 63 or a name over 253 characters (counted on the
/// A-label form, without the wildcard dot and a trailing dot); a Unicode name that
/// IDNA (UTS #46) rejects.
///
/// Warnings (the target is kept): uppercase ASCII is lowercased and Unicode labels
/// are converted to punycode A-labels ([`Code::AwsTargetNormalized`]); a trailing
/// dot is kept as written and a duplicate (after normalization) is kept in place
/// ([`Code::AwsTargetInvalid`], warning). Hyphen placement and `_` are not checked:
/// real names in SNI and Host use both.
///
/// What AWS itself does with such targets is **UNVERIFIED** (SEMANTICS §5.4); each
/// hint says what Ferrule did.
pub fn parse_domain_list(file: FileId, text: &str) -> (Vec<Target>, Vec<Diagnostic>) {
    let items = target_lines(file, text)
        .map(|(t, span)| (t.to_owned(), span))
        .collect();
    validate_targets(items)
}

/// The target lines of a text domain list, trimmed, with their spans:
/// `\n` or `\r\n` line ends; spaces, tabs and a BOM around a target are
/// ignored; blank lines and `#` comments are skipped.
pub(crate) fn target_lines(file: FileId, text: &str) -> impl Iterator<Item = (&str, Span)> {
    let mut offset = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = offset;
        offset += line.len();
        let body = line.strip_suffix('\n').unwrap_or(line);
        let body = body.strip_suffix('\r').unwrap_or(body);
        let lead = body.len() - body.trim_start_matches([' ', '\t', '\u{feff}']).len();
        let trimmed = body.trim_matches([' ', '\t', '\u{feff}']);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return None;
        }
        let s = start + lead;
        Some((trimmed, Span::new(file, s..s + trimmed.len())))
    })
}

/// Validates a list of `(target as written, span)` and reports duplicates (after
/// normalization). Targets with errors are left out of the result.
pub(crate) fn validate_targets(items: Vec<(String, Span)>) -> (Vec<Target>, Vec<Diagnostic>) {
    let mut out = Vec::with_capacity(items.len());
    let mut diags = Vec::new();
    let mut seen: HashMap<String, Span> = HashMap::new();
    for (text, span) in items {
        let (normalized, mut d) = validate_target(&text, span);
        diags.append(&mut d);
        let Some(normalized) = normalized else {
            continue;
        };
        if let Some(first) = seen.get(&normalized) {
            diags.push(
                Diagnostic::warning(
                    Code::AwsTargetInvalid,
                    span,
                    format!("duplicate domain-list target `{normalized}`"),
                )
                .with_label(*first, "first listed here")
                .with_hint(
                    "Ferrule generates rules for every occurrence, in list order (whether AWS \
                     removes duplicates is UNVERIFIED); remove the duplicate",
                ),
            );
        } else {
            seen.insert(normalized.clone(), span);
        }
        out.push(Target {
            text,
            normalized,
            span,
        });
    }
    (out, diags)
}

const WILDCARD_HINT: &str = concat!(
    "AWS domain lists use a leading dot: .example.com (matches example.com and all its ",
    "subdomains); Ferrule generated no rule for this target"
);

/// Validates one target as written and returns its normalized form (`None` when it
/// has an error), with the diagnostics; the checks are listed on [`parse_domain_list`].
pub(crate) fn validate_target(raw: &str, span: Span) -> (Option<String>, Vec<Diagnostic>) {
    let exact_span = span.end as usize - span.start as usize == raw.len();
    let sub = |r: std::ops::Range<usize>| if exact_span { span.sub(r) } else { span };
    let err = |s: Span, msg: String, hint: &str| {
        (
            None,
            vec![Diagnostic::error(Code::AwsTargetInvalid, s, msg).with_hint(hint.to_string())],
        )
    };

    if raw.is_empty() {
        return err(
            span,
            "empty domain-list target".into(),
            "remove the empty entry",
        );
    }
    if let Some((i, c)) = raw.char_indices().find(|(_, c)| c.is_whitespace()) {
        return err(
            sub(i..i + c.len_utf8()),
            format!("domain-list target `{raw}` contains whitespace"),
            "a target is one domain name with no spaces (one target per line; a hosts-file \
             line `0.0.0.0 example.com` must be reduced to the name); Ferrule generated no \
             rule for it",
        );
    }
    if raw == "*" || raw == ".*" {
        return err(
            span,
            format!("`{raw}` is not AWS domain-list syntax"),
            "AWS domain lists have no match-all target; a leading dot matches a domain and \
             its subdomains: .example.com; Ferrule generated no rule for this target",
        );
    }
    if let Some(rest) = raw.strip_prefix("*.") {
        return err(
            sub(0..1),
            format!("`{raw}` is not AWS domain-list syntax"),
            &format!(
                "AWS domain lists use a leading dot: .{rest} (matches {rest} and all its \
                 subdomains); Ferrule generated no rule for this target"
            ),
        );
    }
    if let Some(i) = raw.find('*') {
        return err(
            sub(i..i + 1),
            format!("`*` in domain-list target `{raw}`: AWS domain lists have no `*` wildcard"),
            WILDCARD_HINT,
        );
    }
    if let Some((i, c)) = raw
        .char_indices()
        .find(|(_, c)| c.is_ascii() && !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        let hint = if raw.contains("://") || c == '/' {
            "write the host name only, without scheme, path or query; Ferrule generated no \
             rule for this target"
        } else if c == ':' {
            "a domain-list target has no port; Ferrule generated no rule for this target"
        } else {
            "domain names use letters, digits, `-` and `.`; Ferrule generated no rule for \
             this target"
        };
        return err(
            sub(i..i + c.len_utf8()),
            format!(
                "character `{}` is not allowed in domain-list target `{raw}`",
                c.escape_default()
            ),
            hint,
        );
    }

    let (dot, name) = match raw.strip_prefix('.') {
        Some(rest) => (".", rest),
        None => ("", raw),
    };
    if name.is_empty() {
        return err(
            span,
            "domain-list target `.` has no name after the wildcard dot".into(),
            "write the domain after the dot: .example.com",
        );
    }
    let trailing_dot = name.ends_with('.') && !name.ends_with("..");
    let core = if trailing_dot {
        &name[..name.len() - 1]
    } else {
        name
    };
    if core.is_empty() || core.starts_with('.') || core.contains("..") || core.ends_with('.') {
        let i = raw.find("..").unwrap_or(0);
        return err(
            sub(i..(i + 2).min(raw.len())),
            format!("domain-list target `{raw}` has an empty label (consecutive dots)"),
            "remove the extra dot (a single leading dot is the AWS wildcard); Ferrule \
             generated no rule for this target",
        );
    }

    // Normalization: ASCII is lowercased; a name with non-ASCII characters goes
    // through IDNA (UTS #46 ToASCII, which also lowercases and maps).
    let norm_core = if core.is_ascii() {
        core.to_ascii_lowercase()
    } else {
        match idna::domain_to_ascii(core) {
            Ok(a) if !a.is_empty() => a,
            _ => {
                return err(
                    span,
                    format!(
                        "domain-list target `{raw}` is not a valid internationalized domain name"
                    ),
                    "write the punycode A-label form (xn--...) of the name; Ferrule generated \
                     no rule for this target",
                )
            }
        }
    };
    if let Some(c) = norm_core
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return err(
            span,
            format!(
                "domain-list target `{raw}` normalizes to `{norm_core}`, which contains `{}`",
                c.escape_default()
            ),
            "write the target in punycode A-label form; Ferrule generated no rule for this target",
        );
    }
    if norm_core.split('.').any(str::is_empty) {
        return err(
            span,
            format!(
                "domain-list target `{raw}` normalizes to `{norm_core}`, which has an empty label"
            ),
            "write the target in punycode A-label form; Ferrule generated no rule for this target",
        );
    }
    if let Some(label) = norm_core.split('.').find(|l| l.len() > 63) {
        return err(
            span,
            format!(
                "label `{label}` of domain-list target `{raw}` is {} characters long; a DNS label \
                 has at most 63",
                label.len()
            ),
            "a name with such a label never appears in SNI or Host; Ferrule generated no rule \
             for this target",
        );
    }
    if norm_core.len() > 253 {
        return err(
            span,
            format!(
                "domain-list target `{raw}` is {} characters long; a domain name has at most 253",
                norm_core.len()
            ),
            "Ferrule generated no rule for this target",
        );
    }

    let normalized = format!("{dot}{norm_core}{}", if trailing_dot { "." } else { "" });
    let mut diags = Vec::new();
    if normalized != raw {
        let (what, did, why) = if core.is_ascii() {
            (
                "uppercase",
                "lowercased it",
                "What AWS does with uppercase targets is not documented (UNVERIFIED). Written \
                 literally, an uppercase HTTP_HOST target would make Suricata reject the exact-match \
                 rule (http.host is lowercase) or never match as a wildcard",
            )
        } else {
            (
                "Unicode (IDN)",
                "converted it to its punycode A-label form (lowercase)",
                "SNI and Host carry the punycode A-label on the wire. What AWS does with \
                 Unicode targets is not documented (UNVERIFIED)",
            )
        };
        diags.push(
            Diagnostic::warning(
                Code::AwsTargetNormalized,
                span,
                format!("{what} domain-list target `{raw}` normalized to `{normalized}`"),
            )
            .with_hint(format!(
                "Ferrule {did} and generated the rules for `{normalized}`. {why}; write \
                 `{normalized}` in the list"
            )),
        );
    }
    if trailing_dot {
        diags.push(
            Diagnostic::warning(
                Code::AwsTargetInvalid,
                sub(raw.len() - 1..raw.len()),
                format!("domain-list target `{raw}` ends with a dot"),
            )
            .with_hint(format!(
                "Ferrule kept it as written: the generated rules match only names written with \
                 the trailing dot and never `{dot}{norm_core}` (what AWS does is UNVERIFIED); \
                 remove the trailing dot"
            )),
        );
    }
    (Some(normalized), diags)
}

/// The Suricata rules AWS generates for a domain list, in order, `sid` numbered from
/// 1 (SEMANTICS §5.4). Byte for byte the published AWS examples for `DENYLIST` and
/// `ALLOWLIST` in `DEFAULT_ACTION_ORDER`.
///
/// Order (sids follow it):
/// 1. for `TLS_SNI`, then for `HTTP_HOST`: one rule per target, in list order;
/// 2. `ALLOWLIST` in `DEFAULT_ACTION_ORDER` only: the TLS drop rule, then the HTTP
///    drop rule (for the selected types).
///
/// TLS first follows AWS's only published two-type example (the deny list, whose
/// `TargetTypes` are written `["TLS_SNI", "HTTP_HOST"]`: TLS is sid 1). Types before
/// targets, and the drop rules last, follow a third-party copy of a two-type allow
/// list (all pass rules, then the drop rules). Both points are **UNVERIFIED**
/// (AWS may follow the order `TargetTypes` is written in); under either ordering the
/// decision is the same, only sids differ.
///
/// Target rules: a leading-dot target uses `dotprefix; content:".x"; endswith`, an
/// exact target `content:"x"; startswith; endswith`; TLS rules add
/// `ssl_state:client_hello` before `tls.sni` and `nocase` after the content, HTTP
/// rules have no `nocase`. The catch-all drop rules are AWS's current forms: TLS with
/// `ssl_state:client_hello`, HTTP with `http.header_names; content:"|0d 0a|";
/// startswith;`.
///
/// `STRICT_ORDER`: no drop rules (documented) and no `priority:1;` (**UNVERIFIED**;
/// `priority` is not allowed in strict-order groups). `REJECTLIST`/`ALERTLIST`: as a
/// deny list with `reject`/`alert` and `rejectlisted`/`alertlisted` (**UNVERIFIED**).
pub fn generate_domain_rules(
    targets: &[Target],
    types: TargetTypes,
    kind: GeneratedRulesType,
    order: RuleOrder,
) -> Vec<GeneratedRule> {
    let prio = match order {
        RuleOrder::DefaultActionOrder => "priority:1; ",
        RuleOrder::StrictOrder => "",
    };
    let action = kind.action();
    let word = kind.msg_word();
    let mut out = Vec::new();
    let mut sid = 0u32;
    let mut next = || {
        sid += 1;
        sid
    };
    if types.tls_sni {
        for t in targets {
            let mut text = String::new();
            let n = &t.normalized;
            let _ = write!(
                text,
                "{action} tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; tls.sni; "
            );
            if t.is_wildcard() {
                let _ = write!(text, "dotprefix; content:\"{n}\"; nocase; endswith; ");
            } else {
                let _ = write!(text, "content:\"{n}\"; startswith; nocase; endswith; ");
            }
            let _ = write!(
                text,
                "msg:\"matching TLS {word} FQDNs\"; {prio}flow:to_server, established; sid:{}; rev:1;)",
                next()
            );
            out.push(GeneratedRule {
                text,
                origin: Some(t.span),
            });
        }
    }
    if types.http_host {
        for t in targets {
            let mut text = String::new();
            let n = &t.normalized;
            let _ = write!(
                text,
                "{action} http $HOME_NET any -> $EXTERNAL_NET any (http.host; "
            );
            if t.is_wildcard() {
                let _ = write!(text, "dotprefix; content:\"{n}\"; endswith; ");
            } else {
                let _ = write!(text, "content:\"{n}\"; startswith; endswith; ");
            }
            let _ = write!(
                text,
                "msg:\"matching HTTP {word} FQDNs\"; {prio}flow:to_server, established; sid:{}; rev:1;)",
                next()
            );
            out.push(GeneratedRule {
                text,
                origin: Some(t.span),
            });
        }
    }
    if kind == GeneratedRulesType::AllowList && order == RuleOrder::DefaultActionOrder {
        if types.tls_sni {
            out.push(GeneratedRule {
                text: format!(
                    "drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:\"not matching any TLS \
                     allowlisted FQDNs\"; {prio}ssl_state:client_hello; flow:to_server, established; \
                     sid:{}; rev:1;)",
                    next()
                ),
                origin: None,
            });
        }
        if types.http_host {
            out.push(GeneratedRule {
                text: format!(
                    "drop http $HOME_NET any -> $EXTERNAL_NET any (http.header_names; \
                     content:\"|0d 0a|\"; startswith; msg:\"not matching any HTTP allowlisted \
                     FQDNs\"; {prio}flow:to_server, established; sid:{}; rev:1;)",
                    next()
                ),
                origin: None,
            });
        }
    }
    out
}

/// AWS capacity of a domain list (SEMANTICS §5.8, from AWS's best-practice guide):
/// the first domain costs 2 for HTTP, 1 for TLS, 3 for both; each further domain 1
/// per selected type. No targets: 0.
pub fn domain_list_capacity(targets: usize, types: TargetTypes) -> u32 {
    if targets == 0 {
        return 0;
    }
    let n = targets as u32;
    let mut c = n * types.count();
    if types.http_host {
        c += 1;
    }
    c
}
