//! Lints on one rule's buffer tests (SEMANTICS §2.4, §2.5, §3, §7.11, §7.12,
//! §7.16):
//!
//! - F0814 `ConditionNeverMatches`: the tests on one buffer contradict each
//!   other (length bounds from `bsize`, `isdataat`, contents, `endswith` with
//!   `depth`, the 255-byte SNI limit; two `startswith`/`endswith` contents that
//!   cannot both hold; an exact content and another content it does not
//!   contain; `dotprefix` and a `startswith` content without the leading dot;
//!   an `http.host` pcre that needs an uppercase letter). The loader already
//!   rejects `bsize` against content lengths (F0515) and warns about
//!   uppercase `http.host` contents behind a transform (F0523): those are not
//!   repeated here.
//! - F0815 `SniCaseSensitive`: a `tls.sni`/`quic.sni` content without `nocase`
//!   (the SNI keeps the client's case).
//! - F0816 `WildcardMissesBareDomain`: `content:".example.com"; endswith;`
//!   without `dotprefix` on a pass/drop/reject rule misses `example.com`.
//! - F0817 `TrailingDotEvades`: a drop/reject name rule anchored with
//!   `endswith` misses the same name with a trailing dot (kept in SNI and
//!   `Host:`).
//! - F0818 `LookalikeName`: a name content that is not anchored also matches
//!   other domains (`badexample.com`, `example.com.evil.net`).
//!
//! F0816–F0818 are proved with a witness: a concrete buffer the reference
//! interpreter's buffer inspection accepts (or refuses), named in the message.

use super::util::{accepts, exact, is_name_buffer, name_like, show};
use super::LintContext;
use crate::diag::{Code, Diagnostic};
use crate::ir::{Action, Buffer, Condition, Content, IntCmp, Match, Rule, Transform};
use crate::span::Span;

pub(super) fn lint(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    // A drop/reject rule that does not test a name may well drop the
    // trailing-dot form: then F0817 says nothing.
    let catch_all = ctx.rules.iter().any(|r| {
        (r.action == Action::Drop || r.action.is_reject())
            && !r.conditions.iter().any(|c| is_name_buffer(&c.buffer))
    });
    for rule in ctx.rules {
        if rule.action == Action::Config {
            continue;
        }
        check_rule(rule, !catch_all, out);
    }
}

/// All the name lints on one rule (at most one finding per code);
/// `trailing` enables F0817.
pub(crate) fn check_rule(rule: &Rule, trailing: bool, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<Code> = Vec::new();
    let mut push = |d: Diagnostic, out: &mut Vec<Diagnostic>| {
        if !seen.contains(&d.code) {
            seen.push(d.code);
            out.push(d);
        }
    };
    for c in &rule.conditions {
        if let Some(d) = never_matches(rule, c) {
            push(d, out);
            // A condition that never matches makes the other findings moot.
            continue;
        }
        if let Some(d) = sni_case(rule, c) {
            push(d, out);
        }
        if let Some(d) = bare_domain(rule, c) {
            push(d, out);
        }
        if let Some(d) = trailing_dot(rule, c).filter(|_| trailing) {
            push(d, out);
        }
        if let Some(d) = lookalike(rule, c) {
            push(d, out);
        }
    }
}

fn positive_contents(c: &Condition) -> impl Iterator<Item = &Content> {
    c.matches.iter().filter_map(|m| match m {
        Match::Content(ct) if !ct.negated => Some(ct),
        _ => None,
    })
}

fn plain(ct: &Content) -> bool {
    !ct.startswith && !ct.endswith && ct.offset.is_none() && ct.depth.is_none() && !ct.is_relative()
}

fn lower(p: &[u8]) -> Vec<u8> {
    p.to_ascii_lowercase()
}

/// `needle` can occur in a buffer equal to `hay` (case-insensitively when
/// `ci`).
fn contains(hay: &[u8], needle: &[u8], ci: bool) -> bool {
    if needle.is_empty() {
        return true;
    }
    let (h, n) = if ci {
        (lower(hay), lower(needle))
    } else {
        (hay.to_vec(), needle.to_vec())
    };
    h.windows(n.len()).any(|w| w == n.as_slice())
}

/// The buffer's first byte is a `.` whenever it is not empty: a `dotprefix`
/// that no later transform can remove.
fn starts_with_dot(c: &Condition) -> Option<usize> {
    let at = c
        .transforms
        .iter()
        .rposition(|t| *t == Transform::DotPrefix)?;
    c.transforms[at + 1..]
        .iter()
        .all(|t| {
            matches!(
                t,
                Transform::ToLowercase
                    | Transform::ToUppercase
                    | Transform::StripWhitespace
                    | Transform::CompressWhitespace
                    | Transform::DotPrefix
            )
        })
        .then_some(at)
}

fn never(rule: &Rule, c: &Condition, span: Span, why: String) -> Diagnostic {
    Diagnostic::warning(
        Code::ConditionNeverMatches,
        span,
        format!(
            "rule {} can never match: on `{}`, {why}",
            rule.meta.sid,
            c.buffer.name()
        ),
    )
}

fn never_matches(rule: &Rule, c: &Condition) -> Option<Diagnostic> {
    // 1. Length bounds.
    let mut lo: (u64, Option<(Span, String)>) = (0, None);
    let mut hi: (Option<u64>, Option<(Span, String)>) = (None, None);
    let raise = |n: u64, span: Span, what: String, lo: &mut (u64, Option<(Span, String)>)| {
        if n > lo.0 {
            *lo = (n, Some((span, what)));
        }
    };
    let cap = |n: u64, span: Span, what: String, hi: &mut (Option<u64>, Option<(Span, String)>)| {
        if hi.0.is_none_or(|h| n < h) {
            *hi = (Some(n), Some((span, what)));
        }
    };
    let mut impossible: Option<(Span, String)> = None;
    for m in &c.matches {
        match m {
            Match::Content(ct) if !ct.negated => {
                let len = ct.pattern.len() as u64;
                let need = if ct.is_relative() || ct.startswith {
                    len
                } else {
                    ct.offset.unwrap_or(0) as u64 + len
                };
                raise(
                    need,
                    ct.span,
                    format!(
                        "content \"{}\" needs at least {need} bytes",
                        show(&ct.pattern)
                    ),
                    &mut lo,
                );
                if ct.endswith && !ct.is_relative() {
                    let end = if ct.startswith {
                        Some(len)
                    } else {
                        ct.depth.map(|d| ct.offset.unwrap_or(0) as u64 + d as u64)
                    };
                    if let Some(end) = end {
                        let what = if ct.startswith {
                            format!("`startswith` + `endswith` content \"{}\" makes the buffer exactly {end} bytes", show(&ct.pattern))
                        } else {
                            format!("`endswith` with `depth` on content \"{}\" means the buffer ends within its first {end} bytes", show(&ct.pattern))
                        };
                        cap(end, ct.span, what, &mut hi);
                    }
                }
            }
            Match::Bsize(cmp, span) => {
                let shown = format!("`bsize:{}`", cmp.to_suricata());
                let (l, h) = match *cmp {
                    IntCmp::Eq(n) => (Some(n), Some(n)),
                    IntCmp::Lt(0) => {
                        impossible = Some((*span, format!("{shown} accepts no length")));
                        (None, None)
                    }
                    IntCmp::Lt(n) => (None, Some(n - 1)),
                    IntCmp::Le(n) => (None, Some(n)),
                    IntCmp::Gt(n) => (n.checked_add(1), None),
                    IntCmp::Ge(n) => (Some(n), None),
                    IntCmp::Range(a, b) => {
                        if b <= a.saturating_add(1) {
                            impossible = Some((*span, format!("{shown} accepts no length")));
                        }
                        (a.checked_add(1), b.checked_sub(1))
                    }
                    IntCmp::Ne(_) | IntCmp::NotRange(..) => (None, None),
                };
                if let Some(l) = l {
                    raise(
                        l,
                        *span,
                        format!("{shown} needs at least {l} bytes"),
                        &mut lo,
                    );
                }
                if let Some(h) = h {
                    cap(
                        h,
                        *span,
                        format!("{shown} allows at most {h} bytes"),
                        &mut hi,
                    );
                }
            }
            Match::IsDataAt {
                negated,
                offset,
                relative: false,
                span,
            } => {
                if *negated {
                    cap(
                        *offset as u64,
                        *span,
                        format!("`isdataat:!{offset}` allows at most {offset} bytes"),
                        &mut hi,
                    );
                } else {
                    raise(
                        *offset as u64 + 1,
                        *span,
                        format!(
                            "`isdataat:{offset}` needs at least {} bytes",
                            *offset as u64 + 1
                        ),
                        &mut lo,
                    );
                }
            }
            _ => {}
        }
    }
    if let Some((span, why)) = impossible {
        return Some(
            never(rule, c, span, why)
                .with_hint("fix the bsize range so that some length satisfies it"),
        );
    }
    // The SNI is 1-255 bytes or absent (SEMANTICS §3.4).
    if c.buffer == Buffer::TlsSni
        && c.transforms.iter().all(|t| {
            matches!(
                t,
                Transform::DotPrefix | Transform::ToLowercase | Transform::ToUppercase
            )
        })
    {
        let max = 255
            + c.transforms
                .iter()
                .filter(|t| **t == Transform::DotPrefix)
                .count() as u64;
        if lo.0 > max {
            if let Some((span, what)) = lo.1.clone() {
                return Some(
                    never(
                        rule,
                        c,
                        span,
                        format!("{what}, but a TLS SNI longer than 255 bytes is not an SNI at all (Suricata leaves the buffer empty)"),
                    )
                    .with_hint("a DNS name is at most 253 characters; check the pattern"),
                );
            }
        }
    }
    if let (Some(h), Some((hspan, hwhat)), Some((lspan, lwhat))) =
        (hi.0, hi.1.clone(), lo.1.clone())
    {
        if lo.0 > h {
            return Some(
                never(rule, c, hspan, format!("{hwhat}, but {lwhat}"))
                    .with_label(lspan, "needs a longer buffer")
                    .with_hint("the buffer can never be both that short and that long: fix the bound or the content"),
            );
        }
    }

    // 2. Prefix / suffix / exact contradictions.
    let pos: Vec<&Content> = positive_contents(c).collect();
    let prefix_ok = |a: &[u8], b: &[u8], ci: bool| {
        let n = a.len().min(b.len());
        if ci {
            a[..n].eq_ignore_ascii_case(&b[..n])
        } else {
            a[..n] == b[..n]
        }
    };
    let suffix_ok = |a: &[u8], b: &[u8], ci: bool| {
        let n = a.len().min(b.len());
        let (x, y) = (&a[a.len() - n..], &b[b.len() - n..]);
        if ci {
            x.eq_ignore_ascii_case(y)
        } else {
            x == y
        }
    };
    if starts_with_dot(c).is_some() {
        if let Some(ct) = pos
            .iter()
            .find(|ct| ct.startswith && ct.pattern.first() != Some(&b'.'))
        {
            return Some(
                never(
                    rule,
                    c,
                    ct.span,
                    format!(
                        "`dotprefix` makes the buffer start with `.`, but `startswith` content \"{}\" does not",
                        show(&ct.pattern)
                    ),
                )
                .with_label(c.span, "`dotprefix` applies to this buffer")
                .with_hint(format!(
                    "write the content with the leading dot: content:\".{}\"",
                    show(&ct.pattern)
                )),
            );
        }
    }
    for (i, a) in pos.iter().enumerate() {
        for b in &pos[i + 1..] {
            let ci = a.nocase || b.nocase;
            let both = |x: bool, y: bool| x && y && !a.is_relative() && !b.is_relative();
            if both(a.startswith, b.startswith) && !prefix_ok(&a.pattern, &b.pattern, ci) {
                return Some(
                    never(
                        rule,
                        c,
                        b.span,
                        format!(
                            "the buffer cannot start with both \"{}\" and \"{}\"",
                            show(&a.pattern),
                            show(&b.pattern)
                        ),
                    )
                    .with_label(a.span, "the other `startswith` content")
                    .with_hint("keep one of the two `startswith` contents"),
                );
            }
            if a.endswith && b.endswith && !suffix_ok(&a.pattern, &b.pattern, ci) {
                return Some(
                    never(
                        rule,
                        c,
                        b.span,
                        format!(
                            "the buffer cannot end with both \"{}\" and \"{}\"",
                            show(&a.pattern),
                            show(&b.pattern)
                        ),
                    )
                    .with_label(a.span, "the other `endswith` content")
                    .with_hint("keep one of the two `endswith` contents"),
                );
            }
        }
    }
    if let Some(p) = pos
        .iter()
        .find(|ct| ct.startswith && ct.endswith && !ct.is_relative())
    {
        for m in &c.matches {
            let Match::Content(q) = m else { continue };
            if std::ptr::eq(q, *p) || !plain(q) {
                continue;
            }
            let fails = if q.negated {
                // The buffer is exactly `p` (up to case when `p` is nocase).
                !p.nocase && contains(&p.pattern, &q.pattern, q.nocase)
                    || p.nocase && q.nocase && contains(&p.pattern, &q.pattern, true)
            } else {
                !contains(&p.pattern, &q.pattern, p.nocase || q.nocase)
            };
            if fails {
                let why = if q.negated {
                    format!(
                        "the buffer is exactly \"{}\", which contains the negated content \"{}\"",
                        show(&p.pattern),
                        show(&q.pattern)
                    )
                } else {
                    format!(
                        "the buffer is exactly \"{}\", which does not contain \"{}\"",
                        show(&p.pattern),
                        show(&q.pattern)
                    )
                };
                return Some(
                    never(rule, c, q.span, why)
                        .with_label(p.span, "`startswith` + `endswith`: the whole buffer")
                        .with_hint("remove the contradicting content or the anchors"),
                );
            }
        }
    }

    // 3. `http.host` is lowercase: a case-sensitive pcre that needs an
    // uppercase letter never matches (Suricata does not check pcre there,
    // SEMANTICS §2.6, trap 12). Not in an AWS rule group: AWS's Suricata 7
    // keeps the case of a Host with a port (SEMANTICS §9).
    if c.buffer == Buffer::HttpHost
        && rule.meta.group == 0
        && !c
            .transforms
            .iter()
            .any(|t| matches!(t, Transform::ToUppercase | Transform::Other(..)))
    {
        for m in &c.matches {
            if let Match::Pcre {
                pattern,
                flags,
                negated: false,
                span,
                ..
            } = m
            {
                if !flags.contains('i') && pcre_needs_uppercase(pattern, flags) {
                    return Some(
                        never(
                            rule,
                            c,
                            *span,
                            format!("the pcre `/{pattern}/{flags}` needs an uppercase letter, but the host is normalized to lowercase"),
                        )
                        .with_hint("write the pcre in lowercase or add the `i` flag (on AWS, whose Suricata 7 keeps the case of a Host with a port, it matches only such hosts)"),
                    );
                }
            }
        }
    }
    None
}

/// Does every string the regex matches contain an ASCII uppercase letter?
fn pcre_needs_uppercase(pattern: &str, flags: &str) -> bool {
    use regex_syntax::hir::{Class, Hir, HirKind};
    let mut b = regex_syntax::ParserBuilder::new();
    b.utf8(false)
        .unicode(false)
        .dot_matches_new_line(flags.contains('s'))
        .multi_line(flags.contains('m'))
        .ignore_whitespace(flags.contains('x'));
    let Ok(hir) = b.build().parse(pattern) else {
        return false;
    };
    fn needs(h: &Hir) -> bool {
        match h.kind() {
            HirKind::Literal(l) => l.0.iter().any(u8::is_ascii_uppercase),
            HirKind::Class(Class::Bytes(c)) => {
                !c.ranges().is_empty()
                    && c.ranges()
                        .iter()
                        .all(|r| r.start() >= b'A' && r.end() <= b'Z')
            }
            HirKind::Class(Class::Unicode(c)) => {
                !c.ranges().is_empty()
                    && c.ranges()
                        .iter()
                        .all(|r| r.start() >= 'A' && r.end() <= 'Z')
            }
            HirKind::Concat(v) => v.iter().any(needs),
            HirKind::Alternation(v) => v.iter().all(needs),
            HirKind::Repetition(r) => r.min >= 1 && needs(&r.sub),
            HirKind::Capture(c) => needs(&c.sub),
            HirKind::Empty | HirKind::Look(_) => false,
        }
    }
    needs(&hir)
}

fn sni_case(rule: &Rule, c: &Condition) -> Option<Diagnostic> {
    if !matches!(c.buffer, Buffer::TlsSni | Buffer::QuicSni)
        || c.transforms
            .iter()
            .any(|t| matches!(t, Transform::ToLowercase | Transform::ToUppercase))
    {
        return None;
    }
    let ct = positive_contents(c)
        .find(|ct| !ct.nocase && ct.pattern.iter().any(u8::is_ascii_alphabetic))?;
    let has_lower = ct.pattern.iter().any(u8::is_ascii_lowercase);
    let other = if has_lower {
        ct.pattern.to_ascii_uppercase()
    } else {
        ct.pattern.to_ascii_lowercase()
    };
    Some(
        Diagnostic::warning(
            Code::SniCaseSensitive,
            ct.span,
            format!(
                "rule {}: `{}` content \"{}\" is case-sensitive, but the SNI keeps the client's case: a client sending \"{}\" is not matched",
                rule.meta.sid,
                c.buffer.name(),
                show(&ct.pattern),
                show(&other)
            ),
        )
        .with_label(c.span, "the SNI is not normalized (SEMANTICS §3.4)")
        .with_hint("add `nocase` after the content (AWS's generated TLS rules do)"),
    )
}

fn is_enforcing(a: Action) -> bool {
    matches!(
        a,
        Action::Pass
            | Action::Drop
            | Action::Reject
            | Action::RejectSrc
            | Action::RejectDst
            | Action::RejectBoth
    )
}

fn bare_domain(rule: &Rule, c: &Condition) -> Option<Diagnostic> {
    if !is_enforcing(rule.action)
        || !is_name_buffer(&c.buffer)
        || !exact(c)
        || c.transforms.contains(&Transform::DotPrefix)
    {
        return None;
    }
    for ct in positive_contents(c) {
        let p = &ct.pattern;
        if !ct.endswith
            || ct.startswith
            || p.len() < 2
            || p[0] != b'.'
            || !p[1].is_ascii_alphanumeric()
            || !name_like(p)
        {
            continue;
        }
        let bare = &p[1..];
        let mut sub = b"www".to_vec();
        sub.extend_from_slice(p);
        if accepts(c, &sub) && !accepts(c, bare) {
            return Some(
                Diagnostic::warning(
                    Code::WildcardMissesBareDomain,
                    ct.span,
                    format!(
                        "{} rule {} matches \"{}\" but not the bare domain \"{}\" itself",
                        rule.action.as_str(),
                        rule.meta.sid,
                        show(&sub),
                        show(bare)
                    ),
                )
                .with_label(c.span, "no `dotprefix` on this buffer")
                .with_hint(format!(
                    "to match the domain and its subdomains as an AWS `.{0}` target does, write `dotprefix; content:\".{0}\"; endswith;`",
                    show(bare)
                )),
            );
        }
    }
    None
}

fn trailing_dot(rule: &Rule, c: &Condition) -> Option<Diagnostic> {
    if !matches!(
        rule.action,
        Action::Drop | Action::Reject | Action::RejectSrc | Action::RejectDst | Action::RejectBoth
    ) || !matches!(
        c.buffer,
        Buffer::TlsSni | Buffer::HttpHost | Buffer::QuicSni
    ) || !exact(c)
    {
        return None;
    }
    for ct in positive_contents(c) {
        let p = &ct.pattern;
        if !ct.endswith || !name_like(p) || p.last() == Some(&b'.') {
            continue;
        }
        let mut candidates: Vec<Vec<u8>> = vec![p.clone()];
        if p.first() == Some(&b'.') {
            candidates.push(p[1..].to_vec());
            let mut w = b"www".to_vec();
            w.extend_from_slice(p);
            candidates.push(w);
        } else {
            let mut w = b"www.".to_vec();
            w.extend_from_slice(p);
            candidates.push(w);
        }
        for n in candidates {
            if n.is_empty() || !accepts(c, &n) {
                continue;
            }
            let mut dotted = n.clone();
            dotted.push(b'.');
            if accepts(c, &dotted) {
                return None;
            }
            return Some(
                Diagnostic::warning(
                    Code::TrailingDotEvades,
                    ct.span,
                    format!(
                        "{} rule {} blocks \"{}\" but not \"{}\": `{}` keeps a trailing dot, and the `endswith` content cannot match it",
                        rule.action.as_str(),
                        rule.meta.sid,
                        show(&n),
                        show(&dotted),
                        c.buffer.name()
                    ),
                )
                .with_label(c.span, "the name as the client sent it (SEMANTICS §3, trap 11)")
                .with_hint("add a second rule (or a pcre alternative) for the name with a trailing dot, e.g. content:\"<name>.\"; endswith;"),
            );
        }
    }
    None
}

fn lookalike(rule: &Rule, c: &Condition) -> Option<Diagnostic> {
    if !is_name_buffer(&c.buffer) || !exact(c) {
        return None;
    }
    for ct in positive_contents(c) {
        let p = &ct.pattern;
        if !name_like(p) || !p.contains(&b'.') || p.len() < 3 {
            continue;
        }
        let first_alnum = p[0].is_ascii_alphanumeric();
        let last_alnum = p[p.len() - 1].is_ascii_alphanumeric();
        let mut found: Vec<Vec<u8>> = Vec::new();
        if !ct.startswith && first_alnum {
            for pre in [&b"bad"[..], b"evil-"] {
                let mut n = pre.to_vec();
                n.extend_from_slice(p);
                if accepts(c, &n) {
                    found.push(n);
                    break;
                }
            }
        }
        if !ct.endswith && last_alnum {
            let mut n = p.clone();
            n.extend_from_slice(b".evil.net");
            if accepts(c, &n) {
                found.push(n);
            }
        }
        if found.is_empty() {
            continue;
        }
        let shown: Vec<String> = found.iter().map(|n| format!("\"{}\"", show(n))).collect();
        let fix = match (ct.startswith || !first_alnum, ct.endswith || !last_alnum) {
            (false, false) => format!(
                "anchor the name: `content:\"{0}\"; startswith; endswith;` for exactly {0}, or `dotprefix; content:\".{0}\"; endswith;` for it and its subdomains",
                show(p)
            ),
            (false, true) => format!(
                "match on a label boundary: `dotprefix; content:\".{0}\"; endswith;` (the domain and its subdomains) or add `startswith` (exactly {0})",
                show(p)
            ),
            _ => "add `endswith` so that the name cannot continue after the pattern".to_string(),
        };
        return Some(
            Diagnostic::warning(
                Code::LookalikeName,
                ct.span,
                format!(
                    "rule {}: `{}` content \"{}\" is not anchored to a label boundary and also matches {}",
                    rule.meta.sid,
                    c.buffer.name(),
                    show(p),
                    shown.join(" and ")
                ),
            )
            .with_label(c.span, "any name containing the pattern")
            .with_hint(fix),
        );
    }
    None
}
