//! Content strings: `abc|0d 0a|def` with `\;` `\"` `\\` `\:` escapes
//! (SEMANTICS §1.8, `DetectContentDataParse`).
//!
//! The decoder is a port of Suricata's character loop, quirks included: spaces and
//! commas are ignored inside `|...|`, a `\` is an escape even inside hex, and an
//! odd number of `|` fails only at the end.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{anychar, satisfy};
use nom::combinator::value;
use nom::{IResult, Parser};

/// Why a content string is invalid. Messages follow Suricata's wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentError {
    /// `\x` for an `x` other than `; " \ :`.
    BadEscape {
        /// Byte offset of the backslash.
        at: usize,
    },
    /// An unescaped `"` inside the string.
    UnescapedQuote {
        /// Byte offset of the quote.
        at: usize,
    },
    /// A `|` closes a hex block with an odd number of hex digits.
    IncompleteHex {
        /// Byte offset of the closing `|`.
        at: usize,
    },
    /// A character that is not a hex digit, space or comma inside `|...|`.
    InvalidHex {
        /// Byte offset of the character.
        at: usize,
        /// The character.
        ch: char,
    },
    /// An odd number of `|`.
    UnbalancedPipes {
        /// Byte offset of the last `|`.
        at: usize,
    },
    /// Empty string.
    Empty,
}

impl ContentError {
    /// Suricata's message for this error, for a `keyword` (e.g. `content`) whose
    /// value was `raw`.
    pub fn message(&self, keyword: &str, raw: &str) -> String {
        match self {
            ContentError::BadEscape { .. } => "'\\' has to be escaped".to_string(),
            ContentError::UnescapedQuote { .. } => {
                "Invalid unescaped double quote within content section.".to_string()
            }
            ContentError::IncompleteHex { .. } => {
                format!("Incomplete hex code in content - {raw}. Invalidating signature.")
            }
            ContentError::InvalidHex { ch, .. } => {
                format!("Invalid hex code in content - {raw}, hex {ch}. Invalidating signature.")
            }
            ContentError::UnbalancedPipes { .. } => {
                format!("Invalid hex code assembly in {keyword} - {raw}.  Invalidating signature.")
            }
            ContentError::Empty => format!("bad input for keyword {keyword}: '\"\"'"),
        }
    }

    /// Byte offset (within the string) the error points at.
    pub fn at(&self) -> usize {
        match self {
            ContentError::BadEscape { at }
            | ContentError::UnescapedQuote { at }
            | ContentError::IncompleteHex { at }
            | ContentError::InvalidHex { at, .. }
            | ContentError::UnbalancedPipes { at } => *at,
            ContentError::Empty => 0,
        }
    }
}

/// One lexical item of a content string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Pipe,
    Backslash,
    Char(char),
}

fn item(i: &str) -> IResult<&str, Item> {
    alt((
        value(Item::Pipe, tag("|")),
        value(Item::Backslash, tag("\\")),
        anychar.map(Item::Char),
    ))
    .parse(i)
}

fn hex_digit(i: &str) -> IResult<&str, char> {
    satisfy(|c| c.is_ascii_hexdigit()).parse(i)
}

/// Decodes a content string (quotes already removed) into bytes.
///
/// ```
/// use ferrule_compiler::syntax::content::decode;
/// assert_eq!(decode(r"a|3a 3B,7c|b\;").unwrap(), b"a:;|b;");
/// assert!(decode(r"a\x").is_err());
/// ```
pub fn decode(s: &str) -> Result<Vec<u8>, ContentError> {
    if s.is_empty() {
        return Err(ContentError::Empty);
    }
    let mut out = Vec::with_capacity(s.len());
    let mut bin = false;
    let mut escape = false;
    let mut pending_hex: Option<char> = None;
    let mut pipes = 0usize;
    let mut last_pipe = 0usize;
    let mut rest = s;
    let mut last_backslash = 0usize;
    while !rest.is_empty() {
        let at = s.len() - rest.len();
        let Ok((r, it)) = item(rest) else { break };
        rest = r;
        match it {
            Item::Pipe => {
                // Suricata checks `|` before the escape flag: `\|` opens hex and
                // leaves the escape pending.
                pipes += 1;
                last_pipe = at;
                if bin {
                    if pending_hex.is_some() {
                        return Err(ContentError::IncompleteHex { at });
                    }
                    bin = false;
                } else {
                    bin = true;
                }
            }
            Item::Backslash if !escape => {
                escape = true;
                last_backslash = at;
            }
            other => {
                let ch = match other {
                    Item::Char(c) => c,
                    _ => '\\',
                };
                if bin {
                    if hex_digit(&s[at..]).is_ok() {
                        match pending_hex.take() {
                            None => pending_hex = Some(ch),
                            Some(hi) => {
                                let v = (hi.to_digit(16).unwrap_or(0) << 4)
                                    | ch.to_digit(16).unwrap_or(0);
                                out.push(v as u8);
                            }
                        }
                    } else if ch != ' ' && ch != ',' {
                        return Err(ContentError::InvalidHex { at, ch });
                    }
                } else if escape {
                    if matches!(ch, ':' | ';' | '\\' | '"') {
                        out.push(ch as u8);
                    } else {
                        return Err(ContentError::BadEscape { at: last_backslash });
                    }
                    escape = false;
                } else if ch == '"' {
                    return Err(ContentError::UnescapedQuote { at });
                } else {
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
    }
    if !pipes.is_multiple_of(2) {
        return Err(ContentError::UnbalancedPipes { at: last_pipe });
    }
    Ok(out)
}

/// Encodes bytes as a content string that [`decode`] turns back into the same
/// bytes: printable ASCII as is (escaping `\ ; " :`), everything else and `|`
/// as `|hh|` blocks.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut in_hex = false;
    for &b in bytes {
        let printable = (0x20..0x7f).contains(&b) && b != b'|';
        if printable {
            if in_hex {
                out.push('|');
                in_hex = false;
            }
            if matches!(b, b'\\' | b';' | b'"' | b':') {
                out.push('\\');
            }
            out.push(b as char);
        } else {
            if !in_hex {
                out.push('|');
                in_hex = true;
            } else {
                out.push(' ');
            }
            out.push_str(&format!("{b:02x}"));
        }
    }
    if in_hex {
        out.push('|');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn errors_match_suricata() {
        let cases: &[(&str, &str)] = &[
            (r"a\x", "'\\' has to be escaped"),
            (
                "a\"b",
                "Invalid unescaped double quote within content section.",
            ),
            (
                "a|2e",
                "Invalid hex code assembly in content - a|2e.  Invalidating signature.",
            ),
            (
                "a|2g|",
                "Invalid hex code in content - a|2g|, hex g. Invalidating signature.",
            ),
            (
                "a|2e 6|",
                "Incomplete hex code in content - a|2e 6|. Invalidating signature.",
            ),
        ];
        for (input, msg) in cases {
            let e = decode(input).unwrap_err();
            assert_eq!(e.message("content", input), *msg, "{input}");
        }
    }

    #[test]
    fn escapes_and_hex() {
        assert_eq!(decode(r#"a\;b\"c\\d\:e"#).unwrap(), br#"a;b"c\d:e"#);
        assert_eq!(decode("|0d 0a|").unwrap(), b"\r\n");
        assert_eq!(decode("|0d,0a|x").unwrap(), b"\r\nx");
        assert_eq!(decode("a:b").unwrap(), b"a:b");
    }

    proptest! {
        #[test]
        fn encode_then_decode_is_identity(bytes in proptest::collection::vec(any::<u8>(), 1..40)) {
            prop_assert_eq!(decode(&encode(&bytes)).unwrap(), bytes);
        }
    }
}
