//! The option string: `name[:value];` items (SEMANTICS §1.8).
//!
//! The splitter mirrors `SigParseOptions`: an option ends at the first `;` that
//! is not immediately preceded by `\`. It knows nothing about quotes, so
//! `msg:"a;b";` splits inside the string (and the rule then fails on quoting).
//! The name/value split is at the first `:`; blanks are trimmed around both.

use nom::bytes::complete::take_while;
use nom::Parser;
use std::ops::Range;

/// One `name[:value]` item as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawOption<'a> {
    /// Keyword name, blanks trimmed (case as written).
    pub name: &'a str,
    /// Range of the name in the rule text.
    pub name_range: Range<usize>,
    /// Value after the first `:`, trailing blanks trimmed (leading kept: Suricata
    /// trims them later, per keyword).
    pub value: Option<&'a str>,
    /// Range of the value in the rule text.
    pub value_range: Range<usize>,
    /// Range of the whole option including its `;`.
    pub range: Range<usize>,
}

/// The option string has an item with no terminating `;`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    /// Range of the unterminated item.
    pub range: Range<usize>,
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Splits `opts` (which starts at byte `base` of the rule text) into options.
///
/// Returns the options before the first error and the error, if any: Suricata
/// fails the whole rule on an unterminated item, in its first pass, before any
/// keyword is looked at.
///
/// ```
/// use ferrule_compiler::syntax::split_options;
/// let (opts, err) = split_options(r#"msg:"a\;b"; nocase ; sid: 1;"#, 0);
/// assert!(err.is_none());
/// let names: Vec<_> = opts.iter().map(|o| o.name).collect();
/// assert_eq!(names, ["msg", "nocase", "sid"]);
/// assert_eq!(opts[0].value, Some(r#""a\;b""#));
/// assert_eq!(opts[2].value, Some(" 1"));
/// ```
pub fn split_options(opts: &str, base: usize) -> (Vec<RawOption<'_>>, Option<SplitError>) {
    // Real rules have around 10-20 options; start there instead of regrowing.
    let mut out = Vec::with_capacity(16);
    let mut rest = opts;
    let offset = |s: &str| base + (s.as_ptr() as usize - opts.as_ptr() as usize);
    while !rest.is_empty() {
        let Ok((r, _)) = take_while::<_, _, nom::error::Error<&str>>(is_blank).parse(rest) else {
            break;
        };
        rest = r;
        let bytes = rest.as_bytes();
        if rest.is_empty() {
            break;
        }
        // Find the terminating ';' not preceded by '\'.
        let mut end = None;
        let mut search = 0;
        while let Some(p) = rest[search..].find(';') {
            let at = search + p;
            if at > 0 && bytes[at - 1] == b'\\' {
                search = at + 1;
                continue;
            }
            end = Some(at);
            break;
        }
        let Some(end) = end else {
            let start = offset(rest);
            return (
                out,
                Some(SplitError {
                    range: start..start + rest.len(),
                }),
            );
        };
        let item = &rest[..end];
        let start = offset(rest);
        let (name, value) = match item.find(':') {
            Some(c) => (&item[..c], Some(item[c + 1..].trim_end_matches(is_blank))),
            None => (item, None),
        };
        let name = name.trim_end_matches(is_blank);
        let value_range = match value {
            Some(v) => offset(v)..offset(v) + v.len(),
            None => start + name.len()..start + name.len(),
        };
        out.push(RawOption {
            name,
            name_range: start..start + name.len(),
            value,
            value_range,
            range: start..start + end + 1,
        });
        rest = &rest[end + 1..];
    }
    (out, None)
}

/// A value after Suricata's generic processing in `SigParseOptions`: leading
/// blanks skipped, an optional `!` taken for keywords that handle negation, and
/// the surrounding double quotes removed where the keyword allows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value<'a> {
    /// The value text handed to the keyword.
    pub text: &'a str,
    /// Range of `text` in the rule text.
    pub range: Range<usize>,
    /// A leading `!` was taken.
    pub negated: bool,
    /// The value was double quoted.
    pub quoted: bool,
}

/// Quoting requirements of a keyword (from its Suricata flags).
#[derive(Debug, Clone, Copy, Default)]
pub struct ValueRules {
    /// `SIGMATCH_HANDLE_NEGATION`.
    pub negation: bool,
    /// `SIGMATCH_QUOTES_MANDATORY`.
    pub quotes_mandatory: bool,
    /// `SIGMATCH_QUOTES_OPTIONAL`.
    pub quotes_optional: bool,
}

/// Why a value was refused before reaching its keyword.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// Only blanks (or only `!`): `invalid formatting or malformed option to <kw> keyword`.
    Empty,
    /// Quotes mandatory but the value does not start with `"`.
    MustBeQuoted,
    /// Starts with `"` but does not end with one (often a `;` inside quotes).
    Unbalanced,
    /// `""`.
    EmptyQuoted,
    /// Quotes on a keyword that does not take them.
    QuotesNotSupported,
}

/// Applies Suricata's generic value processing (quotes, negation) to `value`,
/// which starts at byte `base` of the rule text.
pub fn process_value(value: &str, base: usize, rules: ValueRules) -> Result<Value<'_>, ValueError> {
    let mut start = value.len() - value.trim_start_matches(is_blank).len();
    let mut v = &value[start..];
    if v.is_empty() {
        return Err(ValueError::Empty);
    }
    let mut negated = false;
    if rules.negation && v.starts_with('!') {
        negated = true;
        start += 1;
        let t = v[1..].trim_start_matches(is_blank);
        start += v.len() - 1 - t.len();
        v = t;
        if v.is_empty() {
            return Err(ValueError::Empty);
        }
    }
    if rules.quotes_mandatory && !v.starts_with('"') {
        return Err(ValueError::MustBeQuoted);
    }
    if (rules.quotes_mandatory || rules.quotes_optional) && v.starts_with('"') {
        let t = v.trim_end_matches(is_blank);
        if !t.ends_with('"') || t.len() == 1 {
            // A lone `"` is both the opening and the closing quote in Suricata's
            // code; it then strips nothing and the value is `"` (bad input).
            if t.len() == 1 {
                return Err(ValueError::EmptyQuoted);
            }
            return Err(ValueError::Unbalanced);
        }
        let inner = &t[1..t.len() - 1];
        if inner.is_empty() {
            return Err(ValueError::EmptyQuoted);
        }
        let s = base + start + 1;
        return Ok(Value {
            text: inner,
            range: s..s + inner.len(),
            negated,
            quoted: true,
        });
    }
    if v.starts_with('"') {
        return Err(ValueError::QuotesNotSupported);
    }
    let s = base + start;
    Ok(Value {
        text: v,
        range: s..s + v.len(),
        negated,
        quoted: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_inside_quotes_splits() {
        let (opts, err) = split_options(r#"msg:"a;b"; sid:1;"#, 0);
        assert!(err.is_none());
        assert_eq!(opts[0].value, Some(r#""a"#));
        assert_eq!(opts[1].name, r#"b""#);
    }

    #[test]
    fn missing_final_semicolon() {
        let (opts, err) = split_options(r#"msg:"x"; sid:1"#, 10);
        assert_eq!(opts.len(), 1);
        assert_eq!(err.unwrap().range, 19..24);
    }

    #[test]
    fn empty_option() {
        let (opts, err) = split_options(";; sid:1;", 0);
        assert!(err.is_none());
        assert_eq!(opts[0].name, "");
        assert_eq!(opts[1].name, "");
    }

    #[test]
    fn value_processing() {
        let q = ValueRules {
            negation: true,
            quotes_mandatory: true,
            quotes_optional: false,
        };
        let v = process_value(r#" !"abc" "#, 100, q).unwrap();
        assert!(v.negated && v.quoted);
        assert_eq!(v.text, "abc");
        assert_eq!(v.range, 103..106);
        assert_eq!(process_value("abc", 0, q), Err(ValueError::MustBeQuoted));
        assert_eq!(process_value(r#""a"#, 0, q), Err(ValueError::Unbalanced));
        assert_eq!(process_value(r#""""#, 0, q), Err(ValueError::EmptyQuoted));
        assert_eq!(
            process_value(r#""1""#, 0, ValueRules::default()),
            Err(ValueError::QuotesNotSupported)
        );
    }
}
