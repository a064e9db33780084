//! PCRE's `$` in a `pcre` keyword (SEMANTICS §2.6).
//!
//! Without the `m` and `E` flags, PCRE2's `$` matches at the very end of the
//! subject **or just before a newline that ends it** (Suricata sets neither
//! `PCRE2_MULTILINE` nor `PCRE2_DOLLAR_ENDONLY` by default), while
//! regex-automata's `$` matches at the very end only. A name buffer can end
//! in a newline (an SNI or a DNS label may hold any byte), so
//! `pcre:"/evil\.com$/"` must match `evil.com\n` as Suricata does.
//!
//! The same walk refuses regex-syntax's own word-boundary forms (`\<`,
//! `\>`, `\b{start}`, ...), which PCRE2 reads as literal text.
//!
//! When every `$` ends its match (nothing that can consume a byte may follow
//! it), a match with its `$` before the final newline is exactly a match of
//! the same regex in the buffer without that newline: [`Dollar::FinalNewline`]
//! asks the matcher to search both
//! ([`ferrule_matcher::inspect::pcre_find`]). A `$` that more pattern
//! follows, or one under an inline `(?m)`, is not evaluated faithfully that
//! way, and the rule is reported and left inert.

use regex_syntax::ast::{self, Ast};

/// How a pcre's `$` is evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dollar {
    /// No `$` that differs from regex-automata's: none at all, or the `E`
    /// flag (the very end only) or the `m` flag (before any newline).
    AsIs,
    /// Every `$` ends the match: search the buffer, and the buffer without
    /// a final newline.
    FinalNewline,
}

/// How `pattern` with `flags` must be searched, or why it cannot be
/// evaluated faithfully. A pattern that does not parse is [`Dollar::AsIs`]:
/// the caller reports it on its own.
pub fn dollar(pattern: &str, flags: &str) -> Result<Dollar, &'static str> {
    let Ok(ast) = ast::parse::ParserBuilder::new()
        .ignore_whitespace(flags.contains('x'))
        .build()
        .parse(pattern)
    else {
        return Ok(Dollar::AsIs);
    };
    let mut seen = Seen::default();
    walk(&ast, false, &mut seen);
    // regex-syntax's own word-boundary forms: in PCRE2 `\<` and `\>` are
    // the literal characters and `\b{start}` is `\b` then text.
    if seen.regex_only {
        return Err("`\\<`, `\\>` or `\\b{...}` means a literal or `\\b` then text in PCRE2, a word boundary in Ferrule's engine");
    }
    if !seen.dollar {
        return Ok(Dollar::AsIs);
    }
    // An inline `(?m)` or `(?-m)` changes what a `$` means part-way.
    if seen.inline_multiline {
        return Err("a `$` with an inline `(?m)` or `(?-m)` flag in the pattern is not evaluated");
    }
    if flags.contains('m') || flags.contains('E') {
        return Ok(Dollar::AsIs);
    }
    if seen.not_last {
        return Err("a `$` that more of the pattern follows (PCRE's `$` also matches before a final newline) is not evaluated");
    }
    // The second search runs without the final newline, where `\z` would
    // match one byte early.
    if seen.end_text {
        return Err(
            "`\\z` beside a `$` (PCRE's `$` also matches before a final newline) is not evaluated",
        );
    }
    Ok(Dollar::FinalNewline)
}

#[derive(Default)]
struct Seen {
    dollar: bool,
    not_last: bool,
    inline_multiline: bool,
    end_text: bool,
    regex_only: bool,
}

fn has_multiline(flags: &ast::Flags) -> bool {
    flags
        .items
        .iter()
        .any(|i| i.kind == ast::FlagsItemKind::Flag(ast::Flag::MultiLine))
}

/// `after`: something after `ast` in its match may consume a byte.
fn walk(ast: &Ast, after: bool, seen: &mut Seen) {
    match ast {
        Ast::Assertion(a) if a.kind == ast::AssertionKind::EndLine => {
            seen.dollar = true;
            seen.not_last |= after;
        }
        Ast::Assertion(a) if a.kind == ast::AssertionKind::EndText => seen.end_text = true,
        Ast::Assertion(a) => {
            use ast::AssertionKind as K;
            seen.regex_only |= matches!(
                a.kind,
                K::WordBoundaryStart
                    | K::WordBoundaryEnd
                    | K::WordBoundaryStartAngle
                    | K::WordBoundaryEndAngle
                    | K::WordBoundaryStartHalf
                    | K::WordBoundaryEndHalf
            );
        }
        Ast::Flags(f) => seen.inline_multiline |= has_multiline(&f.flags),
        Ast::Group(g) => {
            if let ast::GroupKind::NonCapturing(f) = &g.kind {
                seen.inline_multiline |= has_multiline(f);
            }
            walk(&g.ast, after, seen);
        }
        // An item repeated more than once follows itself.
        Ast::Repetition(r) => {
            let again = !matches!(
                r.op.kind,
                ast::RepetitionKind::ZeroOrOne
                    | ast::RepetitionKind::Range(
                        ast::RepetitionRange::Exactly(0..=1)
                            | ast::RepetitionRange::Bounded(_, 0..=1)
                    )
            );
            walk(&r.ast, after || (again && may_consume(&r.ast)), seen)
        }
        Ast::Alternation(a) => a.asts.iter().for_each(|x| walk(x, after, seen)),
        Ast::Concat(c) => {
            let mut after = after;
            for x in c.asts.iter().rev() {
                walk(x, after, seen);
                after |= may_consume(x);
            }
        }
        _ => {}
    }
}

/// Can `ast` match a non-empty string? (Over-approximated: only empty
/// items, flags and assertions cannot.)
fn may_consume(ast: &Ast) -> bool {
    match ast {
        Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => false,
        Ast::Group(g) => may_consume(&g.ast),
        Ast::Repetition(r) => may_consume(&r.ast),
        Ast::Alternation(a) => a.asts.iter().any(may_consume),
        Ast::Concat(c) => c.asts.iter().any(may_consume),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollar_table() {
        use Dollar::*;
        let ok = |p: &str, f: &str| dollar(p, f).ok();
        // No `$`, or flags that make regex-automata's `$` PCRE's.
        assert_eq!(ok("evil", ""), Some(AsIs));
        assert_eq!(ok(r"evil\z", ""), Some(AsIs));
        assert_eq!(ok("evil$", "E"), Some(AsIs));
        assert_eq!(ok("evil$", "m"), Some(AsIs));
        assert_eq!(ok("a[$]", ""), Some(AsIs));
        assert_eq!(ok(r"a\$", ""), Some(AsIs));
        // Every `$` ends its match.
        assert_eq!(ok("evil$", ""), Some(FinalNewline));
        assert_eq!(ok("evil$", "i"), Some(FinalNewline));
        assert_eq!(ok("(a|b)$", ""), Some(FinalNewline));
        assert_eq!(ok("(a$|b$)", ""), Some(FinalNewline));
        assert_eq!(ok("a$|b", ""), Some(FinalNewline));
        assert_eq!(ok(r"a$\b", ""), Some(FinalNewline));
        assert_eq!(ok("(?:a$)?", ""), Some(FinalNewline));
        assert_eq!(ok("a $ ", "x"), Some(FinalNewline));
        // More pattern after a `$`, or an inline (?m).
        assert!(dollar(r"a$\n", "").is_err());
        assert!(dollar("a$b", "").is_err());
        assert!(dollar("(a$)+", "").is_err());
        assert!(dollar("(a$)?b", "").is_err());
        assert!(dollar("(?m)a$", "").is_err());
        assert!(dollar("(?m:x)a$", "").is_err());
        assert!(dollar("(?-m)evil$", "m").is_err());
        assert!(dollar(r"x\z|evil$", "").is_err());
        assert!(dollar(r"good$\z", "").is_err());
        assert_eq!(ok(r"x\z|evil$", "E"), Some(AsIs));
        // regex-syntax's own word boundaries are not PCRE's.
        assert!(dollar(r"a\>", "").is_err());
        assert!(dollar(r"\<a", "").is_err());
        assert!(dollar(r"\b{start}a", "").is_err());
        assert_eq!(ok(r"\ba\b", ""), Some(AsIs));
        // A pattern that does not parse is the caller's to report.
        assert_eq!(ok(r"(a)\1$", ""), Some(AsIs));
    }
}
