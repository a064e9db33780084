//! Lowering: one rule's syntax into a validated [`Rule`], with Suricata's own
//! error conditions and precedence (SEMANTICS §1.8–1.9).
//!
//! The order of checks mirrors `SigInitHelper`: a first pass looks only at the
//! option split, `sid` and `requires`; a missing sid is reported before anything
//! else; then the header (action, protocol, direction, source and destination
//! addresses, then ports) and every option in written order; then whole-rule
//! validation (buffers without matches, app-proto and direction conflicts,
//! `http.host` case, `bsize`). The first error rejects the rule.

mod aws;
pub mod dollar;
mod header;
mod options;
pub mod pcre;
mod validate;

use crate::diag::{Code, Diagnostic};
use crate::ir::Rule;
use crate::net::Vars;
use crate::syntax::options::split_options;
use crate::syntax::{parse_header, HeaderError, RuleText};
use crate::Dialect;

/// Suricata's `DETECT_MAX_RULE_SIZE`.
pub const MAX_RULE_SIZE: usize = 8192;

/// Memo of address and port fields already resolved under the current variables
/// and dialect. Real rulesets repeat `$HOME_NET`/`$EXTERNAL_NET` on every rule;
/// without it, variable resolution was 64% of the parse bench (callgrind).
#[derive(Debug, Default)]
pub struct NetCache {
    addr: std::cell::RefCell<
        std::collections::HashMap<String, Result<crate::net::AddressSet, crate::net::NetError>>,
    >,
    port: std::cell::RefCell<
        std::collections::HashMap<String, Result<crate::net::PortSet, crate::net::NetError>>,
    >,
}

impl NetCache {
    /// Forgets everything (call when variables or dialect change).
    pub fn clear(&self) {
        self.addr.borrow_mut().clear();
        self.port.borrow_mut().clear();
    }

    pub(crate) fn address(
        &self,
        text: &str,
        vars: &Vars,
        dialect: Dialect,
    ) -> Result<crate::net::AddressSet, crate::net::NetError> {
        if let Some(r) = self.addr.borrow().get(text) {
            return r.clone();
        }
        let r = crate::net::parse_address(text, vars, dialect);
        self.addr.borrow_mut().insert(text.to_string(), r.clone());
        r
    }

    pub(crate) fn port(
        &self,
        text: &str,
        vars: &Vars,
    ) -> Result<crate::net::PortSet, crate::net::NetError> {
        if let Some(r) = self.port.borrow().get(text) {
            return r.clone();
        }
        let r = crate::net::parse_port(text, vars);
        self.port.borrow_mut().insert(text.to_string(), r.clone());
        r
    }
}

/// What lowering needs besides the rule text.
#[derive(Debug, Clone)]
pub struct LowerCtx<'a> {
    /// Variables (`$HOME_NET`, ...).
    pub vars: &'a Vars,
    /// Dialect.
    pub dialect: Dialect,
    /// The rule group is in AWS strict order (`priority` is then an error).
    pub strict_order: bool,
    /// Optional memo of resolved addresses/ports, valid for these `vars` and `dialect`.
    pub cache: Option<&'a NetCache>,
    /// The text came from a lossy UTF-8 conversion: U+FFFD marks invalid bytes.
    pub lossy_input: bool,
}

/// The outcome of lowering one rule.
#[derive(Debug, Clone)]
pub enum Lowered {
    /// Loaded (possibly inert), with warnings.
    Loaded(Box<Rule>, Vec<Diagnostic>),
    /// Rejected: the error and any warnings before it.
    Rejected(Diagnostic, Vec<Diagnostic>),
    /// Skipped because `requires` is not met.
    Skipped(Diagnostic),
}

/// Lowers one rule.
///
/// ```
/// use ferrule_compiler::lower::{lower_rule, LowerCtx, Lowered};
/// use ferrule_compiler::net::Vars;
/// use ferrule_compiler::syntax::RuleText;
/// use ferrule_compiler::span::FileId;
/// use ferrule_compiler::Dialect;
/// let vars = Vars::suricata_defaults();
/// let ctx = LowerCtx { vars: &vars, dialect: Dialect::Suricata, strict_order: false, cache: None, lossy_input: false };
/// let rt = RuleText::detached(FileId(0), 0, 1,
///     r#"alert tls any any -> any any (tls.sni; content:"example.com"; sid:1;)"#);
/// assert!(matches!(lower_rule(&rt, &ctx), Lowered::Loaded(..)));
/// let rt = RuleText::detached(FileId(0), 0, 1,
///     r#"alert tls any any -> any any (tls.sni; content:"example.com"; sid:1)"#);
/// let Lowered::Rejected(d, _) = lower_rule(&rt, &ctx) else { panic!() };
/// assert_eq!(d.message, "no terminating \";\" found");
/// ```
pub fn lower_rule(rt: &RuleText, ctx: &LowerCtx<'_>) -> Lowered {
    let text = rt.text.as_str();
    let whole = rt.whole();
    let reject = |d: Diagnostic| Lowered::Rejected(d, Vec::new());
    if text.len() >= MAX_RULE_SIZE {
        return reject(
            Diagnostic::error(
                Code::RuleTooLong,
                whole,
                format!(
                    "rule is {} bytes; Suricata reads at most {} bytes of a rule",
                    text.len(),
                    MAX_RULE_SIZE - 1
                ),
            )
            .with_hint(
                "split the rule or shorten its contents; AWS also limits rules to 8,192 characters",
            ),
        );
    }
    // One pass for both byte-level checks (invalid UTF-8 shows up as U+FFFD,
    // EF BF BD, after the lossy read; control bytes other than TAB/CR/LF, DEL).
    let bytes = text.as_bytes();
    // Fast path: all printable ASCII (vectorizes; most rules).
    let printable = bytes
        .iter()
        .fold(true, |ok, &b| ok & (b.wrapping_sub(0x20) < 0x5f));
    let bad = if printable {
        None
    } else {
        bytes.iter().enumerate().find_map(|(i, &b)| {
            if (b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n')) || b == 0x7f {
                Some((i, false))
            } else if ctx.lossy_input && b == 0xEF && bytes.get(i + 1..i + 3) == Some(&[0xBF, 0xBD])
            {
                Some((i, true))
            } else {
                None
            }
        })
    };
    match bad {
        Some((_, true)) => {
            return reject(
                Diagnostic::error(Code::InvalidUtf8, whole, "rule is not valid UTF-8")
                    .with_hint("write non-ASCII bytes as |hex| in contents"),
            )
        }
        Some((at, false)) => {
            return reject(
                Diagnostic::error(
                    Code::ControlCharacter,
                    rt.span(at..at + 1),
                    "rule contains invalid (control) characters",
                )
                .with_hint("write control bytes as |hex| in contents"),
            )
        }
        None => {}
    }
    let header = match parse_header(text) {
        Ok(h) => h,
        Err(HeaderError::NoOptions { at }) => {
            let at = at.min(text.len());
            return reject(
                Diagnostic::error(Code::MissingOptions, rt.span(at..text.len().max(at)), "no rule options.")
                    .with_label(whole, "the header needs seven fields: action proto src sp dir dst dp, then (options)")
                    .with_hint("check for an unclosed `[` in an address or port group, and a missing space before `(`"),
            );
        }
    };
    let opt_base = header.options.range.start;
    let (raw_opts, split_err) = split_options(header.options.text, opt_base);
    if let Some(e) = split_err {
        return reject(
            Diagnostic::error(Code::NoTerminatingSemicolon, rt.span(e.range.clone()), "no terminating \";\" found")
                .with_hint("every option, including the last one, must end with `;` (a `;` inside quotes must be written `\\;`)"),
        );
    }
    options::lower(rt, &header, &raw_opts, ctx)
}
