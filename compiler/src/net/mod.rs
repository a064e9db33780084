//! Addresses, ports and variables, accepted and rejected exactly as Suricata
//! 8.0.6 does (SEMANTICS §1.5, §1.6, §5.3, traps 7 and 26).
//!
//! The parsers are line-by-line ports of Suricata's character-driven state
//! machines (`DetectAddressParseInternal` in `src/detect-engine-address.c`,
//! `DetectPortParseDo` in `src/detect-engine-port.c`), including their
//! quirks, so that the first error and its wording are Suricata's. Only the
//! representation differs: instead of linked lists of cut pieces, sets are
//! kept as sorted, merged, inclusive ranges ([`AddressSet`], [`PortSet`]).
//!
//! Semantics in brief:
//! - `any` covers IPv4 **and** IPv6; a group is `positives \ negations`;
//! - when a family has negations but no positives, the positives of *that
//!   family only* start as the whole family: `!1.2.3.4` and the stock
//!   `$EXTERNAL_NET` (`!$HOME_NET`) contain no IPv6 address at all;
//! - a result with nothing left is an error, and so are negations covering
//!   all of IPv4 (`!any`);
//! - CIDR host bits are masked silently (`10.0.0.5/24` = `10.0.0.0/24`);
//! - `$VAR` is resolved from [`Vars`], recursively, at most 64 levels deep.
//!
//! ```
//! use ferrule_compiler::net::{parse_address, parse_port, Vars};
//! use ferrule_compiler::Dialect;
//! let vars = Vars::suricata_defaults();
//! let ext = parse_address("$EXTERNAL_NET", &vars, Dialect::Suricata).unwrap();
//! assert!(ext.contains("8.8.8.8".parse().unwrap()));
//! assert!(!ext.contains("10.1.2.3".parse().unwrap()));
//! assert!(!ext.matches_ipv6());
//! let p = parse_port("[80:100,!99]", &vars).unwrap();
//! assert_eq!(p.to_suricata(), "[80:98,100]");
//! let e = parse_address("1.2.3.4/33", &vars, Dialect::Suricata).unwrap_err();
//! assert_eq!(e.message, r#"failed to parse address "1.2.3.4/33""#);
//! ```

mod address;
mod inet;
mod port;
mod rangeset;
mod vars;

#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;

pub use address::{parse_address, AddressSet};
pub use port::{parse_port, PortSet};
pub use vars::Vars;

use crate::diag::{Code, Diagnostic};
use crate::span::Span;

/// Suricata's nesting limit for address and port blocks and variables
/// (`address block recursion limit reached (max 64)`).
pub const RECURSION_LIMIT: u32 = 64;

/// Why an address, a port or a variable definition was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetError {
    /// Stable diagnostic code (one of the F02xx codes).
    pub code: Code,
    /// Suricata's own wording where it prints one (without its log prefix and
    /// without the stray leading space of ` failed to parse port`). Where
    /// Suricata prints several lines, this is the most specific one (e.g. the
    /// netmask message rather than the `failed to parse address` after it).
    pub message: String,
    /// Byte range inside the parsed text that is at fault. A fault inside a
    /// variable's value points at the `$VAR` reference that led there (see
    /// [`NetError::expansion`]).
    pub range: Range<usize>,
    /// How to fix it.
    pub hint: Option<String>,
    /// Variables (and `@` IP set references) being expanded when the fault
    /// was found, outermost first, e.g. `["$EXTERNAL_NET", "$HOME_NET"]`.
    /// Empty when the fault is in the text itself.
    pub expansion: Vec<String>,
}

impl NetError {
    /// A new error without hint.
    pub fn new(code: Code, message: impl Into<String>, range: Range<usize>) -> Self {
        NetError {
            code,
            message: message.into(),
            range,
            hint: None,
            expansion: Vec::new(),
        }
    }

    /// Adds (or replaces) the hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Converts to a [`Diagnostic`]; `text_span` is where the parsed text
    /// sits in its source file.
    pub fn to_diagnostic(&self, text_span: Span) -> Diagnostic {
        let len = text_span.range().len();
        let r = self.range.start.min(len)..self.range.end.min(len);
        let mut d = Diagnostic::error(self.code, text_span.sub(r), self.message.clone());
        let mut hint = self.hint.clone();
        if !self.expansion.is_empty() {
            let chain = format!("while expanding {}", self.expansion.join(" -> "));
            hint = Some(match hint {
                Some(h) => format!("{h} ({chain})"),
                None => chain,
            });
        }
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        d
    }
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.message, self.code.as_str())?;
        if !self.expansion.is_empty() {
            write!(f, " (while expanding {})", self.expansion.join(" -> "))?;
        }
        Ok(())
    }
}

impl std::error::Error for NetError {}

/// Where the bytes of a string being parsed come from, to turn positions in
/// it into ranges of the caller's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Byte `i` of the string is byte `base + i` of the caller's text.
    Text(usize),
    /// The string is not in the caller's text (a variable's value, or a
    /// rebuilt buffer): every position maps to this range.
    Opaque(usize, usize),
}

impl Origin {
    /// Maps a range of the current string to the caller's text.
    pub(crate) fn map(&self, r: Range<usize>) -> Range<usize> {
        match *self {
            Origin::Text(b) => b + r.start..b + r.end,
            Origin::Opaque(s, e) => s..e,
        }
    }

    /// The origin of a sub-string made of the bytes at `positions` (indices
    /// into the current string); `at` is used for an empty sub-string.
    pub(crate) fn sub(&self, positions: &[usize], at: usize) -> Origin {
        match *self {
            Origin::Opaque(..) => *self,
            Origin::Text(b) => {
                if positions.is_empty() {
                    return Origin::Text(b + at);
                }
                let first = positions[0];
                let contiguous = positions.iter().enumerate().all(|(i, &p)| p == first + i);
                if contiguous {
                    Origin::Text(b + first)
                } else {
                    let last = positions[positions.len() - 1];
                    Origin::Opaque(b + first, b + last + 1)
                }
            }
        }
    }

    /// An origin that maps everything to the range of `positions` (or `at`).
    pub(crate) fn opaque(&self, positions: &[usize], at: usize) -> Origin {
        let r = span_of(positions, at);
        let m = self.map(r);
        Origin::Opaque(m.start, m.end)
    }
}

/// Range of a buffer's bytes in the current string (`at..at` if empty).
pub(crate) fn span_of(positions: &[usize], at: usize) -> Range<usize> {
    match (positions.first(), positions.last()) {
        (Some(&a), Some(&b)) => a..b + 1,
        _ => at..at,
    }
}

/// SCRuleVarsGetConfVar's name handling: leading whitespace and one `$` are
/// dropped; the rest is the name, verbatim.
pub(crate) fn var_name(buf: &[u8]) -> String {
    let s = inet::skip_space(buf);
    let s = s.strip_prefix(b"$").unwrap_or(s);
    String::from_utf8_lossy(s).into_owned()
}

/// `Variable "NAME" is not defined in configuration file`, with a hint.
pub(crate) fn undefined_variable(
    name: &str,
    vars: &Vars,
    port: bool,
    range: Range<usize>,
) -> NetError {
    let (group, other_group, in_other) = if port {
        (
            "port-groups",
            "address-groups",
            vars.address(name).is_some(),
        )
    } else {
        ("address-groups", "port-groups", vars.port(name).is_some())
    };
    let hint = if in_other {
        format!(
            "${name} is defined under vars.{other_group}, not vars.{group}: it cannot be used here"
        )
    } else {
        let aws_sets = if port { "PortSets" } else { "IPSets" };
        format!(
            "define {name} under vars.{group} in suricata.yaml, or, in an AWS rule group, under its RuleVariables.{aws_sets} (AWS provides only HOME_NET and EXTERNAL_NET); variable names are case-sensitive"
        )
    };
    NetError::new(
        Code::UndefinedVariable,
        format!("Variable \"{name}\" is not defined in configuration file"),
        range,
    )
    .with_hint(hint)
}
