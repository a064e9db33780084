//! The rule header, tokenised as Suricata's `SigParseBasics` does (SEMANTICS §1.2).
//!
//! `action` and `dir` end at a space, TAB, CR or LF; `proto`, `src`, `sp`, `dst`
//! and `dp` end at a *space only*, and a space inside `[...]` does not end them.
//! Everything after `dp` is the option string, with any number of leading `(`
//! and trailing `)` (and whitespace) stripped, unchecked for balance.

use nom::bytes::complete::{take_till, take_while};
use nom::IResult;
use nom::Parser;
use std::ops::Range;

/// A header token: its text and byte range in the rule text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token text.
    pub text: &'a str,
    /// Byte range in the rule text.
    pub range: Range<usize>,
}

/// The seven header tokens and the option string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header<'a> {
    /// `alert`, `drop:flow`, ...
    pub action: Token<'a>,
    /// `tcp`, `tls`, `tls:client_hello_done`, ...
    pub protocol: Token<'a>,
    /// Source addresses.
    pub src: Token<'a>,
    /// Source ports.
    pub src_ports: Token<'a>,
    /// `->`, `<>`, `=>` (or anything else, rejected later).
    pub direction: Token<'a>,
    /// Destination addresses.
    pub dst: Token<'a>,
    /// Destination ports.
    pub dst_ports: Token<'a>,
    /// The option string without the surrounding parentheses.
    pub options: Token<'a>,
}

/// Why the header could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// The rule ended before the option part (`no rule options.`).
    NoOptions {
        /// Where the header ends.
        at: usize,
    },
}

fn blanks(i: &str) -> IResult<&str, &str> {
    take_while(|c| c == ' ' || c == '\t').parse(i)
}

/// `SigParseToken`: skip blanks, take up to the next space/TAB/CR/LF.
fn word(i: &str) -> IResult<&str, &str> {
    let (i, _) = blanks(i)?;
    take_till(|c| matches!(c, ' ' | '\t' | '\n' | '\r')).parse(i)
}

/// `SigParseList`: skip blanks, take up to the next space outside brackets.
/// Returns `None` when the input ends before such a space (Suricata then has no
/// more input for the following fields).
fn list(i: &str) -> Option<(&str, &str)> {
    let (i, _) = blanks(i).ok()?;
    let mut depth: i64 = 0;
    for (at, c) in i.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ' ' if depth == 0 => return Some((&i[at + 1..], &i[..at])),
            _ => {}
        }
    }
    None
}

/// Splits a rule into header tokens and the option string.
///
/// ```
/// use ferrule_compiler::syntax::parse_header;
/// let h = parse_header("alert tcp [1.2.3.4, 5.6.7.8] any -> any 80 (sid:1;)").unwrap();
/// assert_eq!(h.src.text, "[1.2.3.4, 5.6.7.8]");
/// assert_eq!(h.options.text, "sid:1;");
/// ```
pub fn parse_header(rule: &str) -> Result<Header<'_>, HeaderError> {
    let base = rule.as_ptr() as usize;
    fn tok(base: usize, s: &str) -> Token<'_> {
        let start = s.as_ptr() as usize - base;
        Token {
            text: s,
            range: start..start + s.len(),
        }
    }
    let no_options = |rest: &str| HeaderError::NoOptions {
        at: rest.as_ptr() as usize - base,
    };
    // `SigParseToken` consumes one terminator byte after the word.
    fn after_word(rest: &str) -> &str {
        let mut chars = rest.chars();
        match chars.next() {
            Some(_) => chars.as_str(),
            None => rest,
        }
    }
    let (rest, action) = word(rule).map_err(|_| no_options(rule))?;
    let rest = after_word(rest);
    let (rest, protocol) = list(rest).ok_or_else(|| no_options(rest))?;
    let (rest, src) = list(rest).ok_or_else(|| no_options(rest))?;
    let (rest, src_ports) = list(rest).ok_or_else(|| no_options(rest))?;
    let (rest2, direction) = word(rest).map_err(|_| no_options(rest))?;
    if rest2.is_empty() {
        return Err(no_options(rest2));
    }
    let rest = after_word(rest2);
    let (rest, dst) = list(rest).ok_or_else(|| no_options(rest))?;
    let (rest, dst_ports) = list(rest).ok_or_else(|| no_options(rest))?;
    // Options: strip leading whitespace and '(' and trailing whitespace and ')'.
    let opts = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '(');
    let opts = opts.trim_end_matches(|c: char| c.is_ascii_whitespace() || c == ')');
    Ok(Header {
        action: tok(base, action),
        protocol: tok(base, protocol),
        src: tok(base, src),
        src_ports: tok(base, src_ports),
        direction: tok(base, direction),
        dst: tok(base, dst),
        dst_ports: tok(base, dst_ports),
        options: tok(base, opts),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_suricata() {
        let h = parse_header("drop:flow tls $HOME_NET [80, 443] -> any any ((sid:1;)) ").unwrap();
        assert_eq!(h.action.text, "drop:flow");
        assert_eq!(h.protocol.text, "tls");
        assert_eq!(h.src_ports.text, "[80, 443]");
        assert_eq!(h.options.text, "sid:1;");
    }

    #[test]
    fn no_space_before_paren_makes_the_port_token_swallow_it() {
        let h =
            parse_header("alert tcp any any -> $EXTERNAL_NET any(flow:bogus; sid:1448;)").unwrap();
        assert_eq!(h.dst_ports.text, "any(flow:bogus;");
    }

    #[test]
    fn unclosed_bracket_eats_the_options() {
        assert!(matches!(
            parse_header("alert tls $HOME_NET any -> [10.0.0.0/8 any (rev:0; sid:1012;)"),
            Err(HeaderError::NoOptions { .. })
        ));
    }

    #[test]
    fn no_options() {
        assert!(parse_header("alert tcp any any -> any any").is_err());
        assert!(parse_header("alert").is_err());
        let h = parse_header("alert tcp any any -> any any sid:14;").unwrap();
        assert_eq!(h.options.text, "sid:14;");
    }
}
