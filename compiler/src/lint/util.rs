//! Small helpers shared by the lints: header spans, rule labels, the labels
//! on the rules a finding is about, and witness checks through the
//! reference interpreter's buffer inspection.

use crate::diag::Diagnostic;
use crate::interp::buffer::{apply_transforms, inspect};
use crate::ir::{Buffer, Condition, Match, Rule, Transform};
use crate::span::Span;
use crate::syntax::parse_header;

/// Which header field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Src,
    Dst,
}

/// The span and text of a header address field, when the rule text maps
/// byte-for-byte onto its span (it does unless `\` continuations were joined).
pub(crate) fn header_field(rule: &Rule, field: Field) -> Option<(Span, &str)> {
    let h = parse_header(&rule.text).ok()?;
    let tok = match field {
        Field::Src => h.src,
        Field::Dst => h.dst,
    };
    let whole = rule.span.range();
    let span = if whole.len() == rule.text.len() {
        rule.span.sub(tok.range.clone())
    } else {
        rule.span
    };
    Some((span, tok.text))
}

/// `sid N` (with the gid when it is not 1).
pub(crate) fn sid(rule: &Rule) -> String {
    if rule.meta.gid == 1 || rule.meta.gid == 0 {
        format!("sid {}", rule.meta.sid)
    } else {
        format!("{}:{}", rule.meta.gid, rule.meta.sid)
    }
}

/// A short label for a rule: its action, sid and msg.
pub(crate) fn describe(rule: &Rule) -> String {
    match &rule.meta.msg {
        Some(m) => format!("{} rule {} \"{}\"", rule.action.as_str(), sid(rule), m),
        None => format!("{} rule {}", rule.action.as_str(), sid(rule)),
    }
}

/// Buffers that carry a host name.
pub(crate) fn is_name_buffer(b: &Buffer) -> bool {
    matches!(
        b,
        Buffer::TlsSni
            | Buffer::HttpHost
            | Buffer::HttpHostRaw
            | Buffer::QuicSni
            | Buffer::DnsQuery
    )
}

/// True when the reference interpreter evaluates every test of the condition
/// exactly (no unknown transform, keyword or PCRE-only regex), so a witness it
/// accepts or refuses is a fact about Suricata's behaviour.
pub(crate) fn exact(c: &Condition) -> bool {
    c.buffer.is_evaluated()
        && c.transforms.iter().all(Transform::is_evaluated)
        && c.matches.iter().all(|m| match m {
            Match::Other { .. } => false,
            Match::Pcre { evaluable, .. } => *evaluable,
            _ => true,
        })
}

/// Does the condition accept this (untransformed) buffer value? Only
/// meaningful when [`exact`] holds.
pub(crate) fn accepts(c: &Condition, value: &[u8]) -> bool {
    let buf = apply_transforms(value, &c.transforms);
    inspect(c, &buf).is_ok()
}

/// The buffer text for messages.
pub(crate) fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Host-name-like bytes: letters, digits, `-`, `.`.
pub(crate) fn name_like(p: &[u8]) -> bool {
    !p.is_empty()
        && p.iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'.')
}

/// At most this many rules are labelled per finding.
const MAX_LABELS: usize = 8;

/// Label the rules at `spans` with `label` (the first [`MAX_LABELS`]; how
/// many more there are goes on `primary`, the finding's own rule).
pub(crate) fn label_rules(
    mut d: Diagnostic,
    primary: Span,
    spans: impl IntoIterator<Item = Span>,
    label: &str,
) -> Diagnostic {
    let mut n = 0;
    for span in spans {
        if n < MAX_LABELS {
            d = d.with_label(span, label);
        }
        n += 1;
    }
    if n > MAX_LABELS {
        d = d.with_label(primary, format!("... and {} more", n - MAX_LABELS));
    }
    d
}
