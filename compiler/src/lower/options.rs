//! The option loop: pass 1 (`sid`, `requires`), header, then every option in
//! written order, as `SigParseOptions` and the keywords' `Setup` functions do.

use super::header::{self, Fail};
use super::validate;
use super::{LowerCtx, Lowered};
use crate::diag::{Code, Diagnostic};
use crate::ir::*;
use crate::keywords::{self, flags};
use crate::net::{self, AddressSet, PortSet};
use crate::span::Span;
use crate::syntax::header::Header;
use crate::syntax::options::{process_value, RawOption, Value, ValueError, ValueRules};
use crate::syntax::RuleText;
use crate::Dialect;

/// Mutable state while the options of one rule are applied.
pub(super) struct Builder<'r> {
    pub rt: &'r RuleText,
    pub rule: Rule,
    /// Index into `rule.conditions` of the active sticky buffer, if any.
    pub cur: Option<usize>,
    /// Sticky buffer keyword just set (transforms may follow).
    pub list_set: bool,
    /// Transforms waiting for the next match.
    pub pending: Vec<Transform>,
    /// Base buffer of the active sticky list.
    pub active: Option<Buffer>,
    /// The last content added anywhere: (condition index, match index).
    pub last_content: Option<(usize, usize)>,
    /// Index of the payload (`pkt_data`) condition, if created.
    pub payload: Option<usize>,
    /// A `flow` with a runtime match was already seen.
    pub flow_matched: bool,
    /// The rule language (Suricata 8, or AWS's Suricata 7).
    pub dialect: Dialect,
    /// Directions required by buffers: (to_server, to_client).
    pub buf_dirs: (bool, bool),
    /// A packet-level keyword (dsize, flags, ...) was used.
    pub packet_kw: Option<Span>,
    /// `dsize` value, for the content-length check.
    pub dsize: Option<IntCmp>,
    /// Variables defined by `byte_extract` / `byte_math` so far.
    pub byte_vars: Vec<String>,
    /// Spans of header tokens, for whole-rule errors.
    pub header: HeaderSpans,
    /// Warnings so far.
    pub warnings: Vec<Diagnostic>,
}

pub(super) type Res = Result<(), Diagnostic>;

/// Where the header's action, protocol and direction were written.
#[derive(Debug, Clone, Copy)]
pub(super) struct HeaderSpans {
    pub action: Span,
    pub protocol: Span,
    pub direction: Span,
}

impl<'r> Builder<'r> {
    pub fn span(&self, r: std::ops::Range<usize>) -> Span {
        self.rt.span(r)
    }

    /// `SCDetectSignatureSetAppProto`.
    pub fn set_alproto(&mut self, alproto: &str, at: Span) -> Res {
        if let Some(cur) = self.rule.app_proto.clone() {
            let common = app_proto_common(&cur, alproto);
            match common {
                Some(c) => self.rule.app_proto = Some(c),
                None => {
                    return Err(Diagnostic::error(
                        Code::ConflictingAppProto,
                        at,
                        format!("can't set rule app proto to failed: already set to {cur}"),
                    )
                    .with_hint(format!(
                        "this keyword needs app protocol `{alproto}` but the rule is already bound to `{cur}`; a rule can inspect one app-layer protocol"
                    )))
                }
            }
        } else {
            self.rule.app_proto = Some(alproto.to_string());
        }
        Ok(())
    }

    /// `SCDetectBufferSetActiveList` for a sticky buffer keyword.
    pub fn set_sticky(&mut self, buffer: Buffer, at: Span) -> Res {
        if self.cur.is_some() && !self.pending.is_empty() {
            return Err(Diagnostic::error(
                Code::TransformPlacement,
                at,
                "no matches following transform(s)",
            ));
        }
        if let Some(c) = self.cur {
            if self.rule.conditions[c].matches.is_empty() {
                return Err(Diagnostic::error(
                    Code::BufferWithoutMatch,
                    at,
                    "previous sticky buffer has no matches",
                )
                .with_label(
                    self.rule.conditions[c].span,
                    "this buffer has no content/pcre/bsize after it",
                )
                .with_hint("add a match after each sticky buffer, or remove the unused one"));
            }
        }
        self.list_set = true;
        self.active = Some(buffer.clone());
        // Reuse an existing untransformed instance of the same buffer, but
        // not of a multi-buffer (`dns.query`): each repetition is its own
        // instance there, free to match another question
        // (`DetectBufferSetActiveList`, Suricata's multi-buffer matching).
        let reuse = buffer != Buffer::DnsQuery;
        if let Some(i) = self
            .rule
            .conditions
            .iter()
            .position(|c| reuse && c.buffer == buffer && c.transforms.is_empty())
        {
            self.warnings.push(
                Diagnostic::warning(
                    Code::DuplicateBufferInstance,
                    at,
                    format!(
                        "duplicate instance for {} in '{}'",
                        buffer.name(),
                        self.rt.text
                    ),
                )
                .with_label(self.rule.conditions[i].span, "first instance")
                .with_hint("both instances inspect the same buffer; their matches must all hold"),
            );
            self.cur = Some(i);
            return Ok(());
        }
        self.rule.conditions.push(Condition {
            buffer,
            transforms: Vec::new(),
            matches: Vec::new(),
            legacy: None,
            span: at,
        });
        self.cur = Some(self.rule.conditions.len() - 1);
        Ok(())
    }

    /// `DetectBufferGetActiveList`: apply pending transforms, returns the condition
    /// a new match goes to (creating the payload list when no buffer is active).
    pub fn active_list(&mut self) -> usize {
        if let (Some(c), false) = (self.cur, self.pending.is_empty()) {
            let base = self.rule.conditions[c].buffer.clone();
            let transforms = std::mem::take(&mut self.pending);
            self.list_set = false;
            if self.rule.conditions[c].matches.is_empty()
                && self.rule.conditions[c].transforms.is_empty()
            {
                // Suricata re-ids the current (empty) buffer to the transformed list.
                self.rule.conditions[c].transforms = transforms;
                return c;
            }
            if let Some(i) = self
                .rule
                .conditions
                .iter()
                .position(|x| x.buffer == base && x.transforms == transforms)
            {
                self.cur = Some(i);
                return i;
            }
            let span = self.rule.conditions[c].span;
            self.rule.conditions.push(Condition {
                buffer: base,
                transforms,
                matches: Vec::new(),
                legacy: None,
                span,
            });
            self.cur = Some(self.rule.conditions.len() - 1);
            return self.rule.conditions.len() - 1;
        }
        if let Some(c) = self.cur {
            return c;
        }
        self.payload_list()
    }

    fn payload_list(&mut self) -> usize {
        if let Some(p) = self.payload {
            return p;
        }
        self.rule.conditions.push(Condition {
            buffer: Buffer::Payload,
            transforms: Vec::new(),
            matches: Vec::new(),
            legacy: None,
            span: self.rt.whole(),
        });
        let p = self.rule.conditions.len() - 1;
        self.payload = Some(p);
        p
    }

    pub fn last_content_mut(&mut self) -> Option<&mut Content> {
        let (c, m) = self.last_content?;
        match self.rule.conditions.get_mut(c)?.matches.get_mut(m)? {
            Match::Content(ct) => Some(ct),
            _ => None,
        }
    }
}

/// `AppProtoCommon` with the `http` (any) family rules.
pub(crate) fn app_proto_common(a: &str, b: &str) -> Option<String> {
    if a == b {
        return Some(a.to_string());
    }
    // Suricata's print names: "http" is HTTP/1, "http_any" is HTTP/1 or 2.
    let http_specific = |x: &str| matches!(x, "http" | "http2");
    match (a, b) {
        ("http_any", x) | (x, "http_any") if http_specific(x) => Some(x.to_string()),
        // DNS over HTTP/2 is both a DNS and an HTTP/2 protocol.
        ("doh2", "dns" | "http2" | "http_any") | ("dns" | "http2" | "http_any", "doh2") => {
            Some("doh2".to_string())
        }
        _ => None,
    }
}

/// `AppProtoEquals(sigproto, alproto)`.
pub(crate) fn app_proto_equals(sig: &str, al: &str) -> bool {
    sig == al
        || (sig == "http_any" && matches!(al, "http" | "http2"))
        || (sig == "dcerpc" && al == "smb")
}

fn value_fail(kw: &str, e: ValueError, raw: &RawOption<'_>) -> (Code, String, &'static str) {
    let optstr = raw.name;
    match e {
        ValueError::Empty => (
            Code::MissingValue,
            format!("invalid formatting or malformed option to {kw} keyword: '{optstr}'"),
            "give the keyword a value: `keyword:value;`",
        ),
        ValueError::MustBeQuoted => (
            Code::BadQuoting,
            format!("invalid formatting to {kw} keyword: value must be double quoted '{optstr}'"),
            "write the value in double quotes",
        ),
        ValueError::Unbalanced => (
            Code::BadQuoting,
            format!(
                "bad option value formatting (possible missing semicolon) for keyword {kw}: '{}'",
                raw.value.unwrap_or("")
            ),
            "a `;` inside quotes ends the option: escape it as `\\;` (or `|3B|` in contents)",
        ),
        ValueError::EmptyQuoted => (
            Code::BadQuoting,
            format!("bad input for keyword {kw}: '{}'", raw.value.unwrap_or("")),
            "the quoted value must not be empty",
        ),
        ValueError::QuotesNotSupported => (
            Code::BadQuoting,
            format!("quotes on {kw} keyword that doesn't support them: '{optstr}'"),
            "remove the quotes",
        ),
    }
}

pub(super) fn lower(
    rt: &RuleText,
    h: &Header<'_>,
    opts: &[RawOption<'_>],
    ctx: &LowerCtx<'_>,
) -> Lowered {
    let mut warnings = Vec::new();
    // ---- pass 1: sid and requires only
    let mut sid: Option<u32> = None;
    let mut requires: Option<String> = None;
    for o in opts {
        let is_sid = o.name.eq_ignore_ascii_case("sid");
        if !is_sid && !o.name.eq_ignore_ascii_case("requires") {
            continue;
        }
        let lname = if is_sid { "sid" } else { "requires" };
        let rules = ValueRules::default();
        let v = match o
            .value
            .map(|v| process_value(v, o.value_range.start, rules))
        {
            None => Err(ValueError::Empty),
            Some(r) => r,
        };
        let v = match v {
            Ok(v) => v,
            Err(e) => {
                let (code, msg, hint) = value_fail(lname, e, o);
                return Lowered::Rejected(
                    Diagnostic::error(code, rt.span(o.range.clone()), msg).with_hint(hint),
                    warnings,
                );
            }
        };
        if lname == "sid" {
            match parse_sid(&v, ctx.dialect) {
                Ok((n, lax)) => {
                    if sid.is_some() {
                        return Lowered::Rejected(
                            Diagnostic::error(
                                Code::DuplicateKeyword,
                                rt.span(o.range.clone()),
                                "duplicated 'sid' keyword detected",
                            )
                            .with_hint("a rule has exactly one sid"),
                            warnings,
                        );
                    }
                    if lax {
                        warnings.push(
                            Diagnostic::warning(
                                Code::LaxSid,
                                rt.span(v.range.clone()),
                                format!(
                                    "sid '{}' has trailing characters; Suricata 8 reads it as {n}",
                                    v.text
                                ),
                            )
                            .with_hint(
                                "write the sid as digits only; Suricata 7 (AWS) rejects this rule",
                            ),
                        );
                    }
                    sid = Some(n);
                }
                Err((code, msg)) => {
                    return Lowered::Rejected(
                        Diagnostic::error(code, rt.span(v.range.clone()), msg)
                            .with_hint("sid must be a number from 1 to 4294967295"),
                        warnings,
                    )
                }
            }
        } else {
            match super::validate::requires_met(v.text, ctx.dialect) {
                Ok(true) => requires = Some(v.text.to_string()),
                Ok(false) => {
                    return Lowered::Skipped(
                        Diagnostic::note(
                            Code::RequiresUnmet,
                            rt.span(o.range.clone()),
                            format!("rule skipped: requirements not met: {}", v.text),
                        )
                        .with_hint(format!(
                            "Suricata skips this rule silently on this engine ({})",
                            match ctx.dialect {
                                Dialect::Suricata => "Suricata 8.0.6",
                                Dialect::Aws => "AWS Network Firewall, Suricata 7.0",
                            }
                        )),
                    )
                }
                Err(msg) => {
                    return Lowered::Rejected(
                        Diagnostic::error(Code::InvalidValue, rt.span(v.range.clone()), msg),
                        warnings,
                    )
                }
            }
        }
    }
    let Some(sid) = sid else {
        return Lowered::Rejected(
            Diagnostic::error(
                Code::MissingSid,
                rt.whole(),
                "Signature missing required value \"sid\".",
            )
            .with_hint("add `sid:<number>;` to the options"),
            warnings,
        );
    };

    // ---- pass 2: header
    let fail = |tok_range: std::ops::Range<usize>, f: Fail| {
        let mut d = Diagnostic::error(f.0, rt.span(tok_range), f.1);
        if let Some(hint) = f.2 {
            d = d.with_hint(hint);
        }
        d
    };
    let (action, scope) = match header::action(h.action.text, ctx.dialect) {
        Ok(a) => a,
        Err(f) => return Lowered::Rejected(fail(h.action.range.clone(), f), warnings),
    };
    let (protocol, alproto, hook) = match header::protocol(h.protocol.text, ctx.dialect) {
        Ok(p) => p,
        Err(f) => return Lowered::Rejected(fail(h.protocol.range.clone(), f), warnings),
    };
    let direction = match header::direction(h.direction.text, ctx.dialect) {
        Ok(d) => d,
        Err(f) => return Lowered::Rejected(fail(h.direction.range.clone(), f), warnings),
    };
    let addr = |tok: &crate::syntax::Token<'_>| -> Result<AddressSet, Diagnostic> {
        match ctx.cache {
            Some(c) => c.address(tok.text, ctx.vars, ctx.dialect),
            None => net::parse_address(tok.text, ctx.vars, ctx.dialect),
        }
        .map_err(|e| net_diag(rt, tok.range.start, tok.text, e))
    };
    let port = |tok: &crate::syntax::Token<'_>| -> Result<PortSet, Diagnostic> {
        match ctx.cache {
            Some(c) => c.port(tok.text, ctx.vars),
            None => net::parse_port(tok.text, ctx.vars),
        }
        .map_err(|e| net_diag(rt, tok.range.start, tok.text, e))
    };
    let src = match addr(&h.src) {
        Ok(a) => a,
        Err(d) => return Lowered::Rejected(d, warnings),
    };
    let dst = match addr(&h.dst) {
        Ok(a) => a,
        Err(d) => return Lowered::Rejected(d, warnings),
    };
    let src_ports = match port(&h.src_ports) {
        Ok(p) => p,
        Err(d) => return Lowered::Rejected(d, warnings),
    };
    let dst_ports = match port(&h.dst_ports) {
        Ok(p) => p,
        Err(d) => return Lowered::Rejected(d, warnings),
    };

    let rule = Rule {
        action,
        scope,
        protocol,
        hook,
        src,
        src_ports,
        direction,
        dst,
        dst_ports,
        flow: Flow::default(),
        app_proto: alproto,
        ssl_state: Vec::new(),
        app_layer_protocol: None,
        ip_proto: None,
        conditions: Vec::new(),
        unevaluated: Vec::new(),
        meta: Meta {
            sid,
            gid: 1,
            requires,
            ..Meta::default()
        },
        span: rt.whole(),
        text: rt.text.clone(),
    };
    let mut b = Builder {
        rt,
        rule,
        cur: None,
        list_set: false,
        pending: Vec::new(),
        active: None,
        last_content: None,
        payload: None,
        flow_matched: false,
        dialect: ctx.dialect,
        buf_dirs: (false, false),
        packet_kw: None,
        dsize: None,
        byte_vars: Vec::new(),
        header: HeaderSpans {
            action: rt.span(h.action.range.clone()),
            protocol: rt.span(h.protocol.range.clone()),
            direction: rt.span(h.direction.range.clone()),
        },
        warnings,
    };

    // ---- pass 2: options in order
    for o in opts {
        if let Err(d) = apply_option(&mut b, o, ctx) {
            return Lowered::Rejected(d, b.warnings);
        }
    }
    if let Err(d) = validate::finish(&mut b, ctx) {
        return Lowered::Rejected(d, b.warnings);
    }
    if ctx.dialect == Dialect::Aws {
        if let Err(d) = super::aws::check(&b.rule, &b.header, ctx, &mut b.warnings) {
            return Lowered::Rejected(d, b.warnings);
        }
    }
    let warnings = std::mem::take(&mut b.warnings);
    Lowered::Loaded(Box::new(b.rule), warnings)
}

fn net_diag(rt: &RuleText, base: usize, text: &str, e: net::NetError) -> Diagnostic {
    let r = if e.range.end <= text.len() && e.range.start < e.range.end {
        base + e.range.start..base + e.range.end
    } else {
        base..base + text.len()
    };
    let mut d = Diagnostic::error(e.code, rt.span(r), e.message);
    if let Some(h) = e.hint {
        d = d.with_hint(h);
    }
    d
}

/// Suricata 8 reads the sid with a lax integer parse (`12ab` is 12); Suricata 7
/// (the AWS dialect) requires digits only.
fn parse_sid(v: &Value<'_>, dialect: Dialect) -> Result<(u32, bool), (Code, String)> {
    let t = v.text.trim_start();
    let digits: &str = &t[..t.bytes().take_while(|b| b.is_ascii_digit()).count()];
    let bad = || match dialect {
        Dialect::Suricata => (
            Code::InvalidSid,
            "invalid input as arg to sid keyword".to_string(),
        ),
        Dialect::Aws => (
            Code::InvalidSid,
            "invalid character as arg to sid keyword".to_string(),
        ),
    };
    if digits.is_empty() {
        return Err(bad());
    }
    let n: u64 = digits.parse().map_err(|_| bad())?;
    if n > u32::MAX as u64 {
        return Err(bad());
    }
    let lax = digits.len() != t.len();
    if lax && dialect == Dialect::Aws {
        return Err(bad());
    }
    if n == 0 {
        return Err((Code::InvalidSid, "sid value 0 is invalid".to_string()));
    }
    Ok((n as u32, lax))
}

fn apply_option(b: &mut Builder<'_>, o: &RawOption<'_>, ctx: &LowerCtx<'_>) -> Res {
    if o.name.eq_ignore_ascii_case("sid") || o.name.eq_ignore_ascii_case("requires") {
        return Ok(());
    }
    let at = b.span(o.range.clone());
    if ctx.dialect == Dialect::Aws
        && super::aws::AWS_ONLY_KEYWORDS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(o.name))
    {
        b.rule.unevaluated.push(Unevaluated {
            name: o.name.to_ascii_lowercase(),
            value: o.value.map(|v| v.trim().to_string()),
            span: at,
            derived: false,
        });
        return Ok(());
    }
    let Some(kw) = keywords::lookup(o.name) else {
        return Err(Diagnostic::error(
            Code::UnknownKeyword,
            b.span(if o.name.is_empty() {
                o.range.clone()
            } else {
                o.name_range.clone()
            }),
            format!("unknown rule keyword '{}'.", o.name),
        )
        .with_hint(if o.name.is_empty() {
            "remove the empty option (`;;`)".to_string()
        } else {
            "check the spelling; Suricata 8.0 does not know this keyword".to_string()
        }));
    };
    let name = kw.name;
    let has_value = o.value.is_some_and(|v| !v.is_empty());
    // Buffers and legacy modifiers never take a value, whatever their flags say.
    let valueless = matches!(
        kw.kind,
        keywords::KeywordKind::StickyBuffer | keywords::KeywordKind::ContentModifier
    );
    if kw.flags & (flags::NOOPT | flags::OPTIONAL_OPT) == 0 && !has_value && !valueless {
        return Err(Diagnostic::error(
            Code::MissingValue,
            at,
            format!(
                "invalid formatting or malformed option to {} keyword: '{}'",
                o.name, o.name
            ),
        )
        .with_hint(format!("`{name}` needs a value: `{name}:<value>;`")));
    }
    if kw.flags & flags::NOOPT != 0 && has_value {
        return Err(Diagnostic::error(
            Code::UnexpectedValue,
            at,
            format!("unexpected option to {} keyword: '{}'", o.name, o.name),
        )
        .with_hint(format!("`{name}` takes no value: write `{name};`")));
    }
    if ctx.dialect == Dialect::Aws && !kw.in_suricata7 {
        return Err(Diagnostic::error(
            Code::DialectDifference,
            b.span(o.name_range.clone()),
            format!("unknown rule keyword '{}'.", o.name),
        )
        .with_hint("this keyword is new in Suricata 8; AWS Network Firewall runs Suricata 7"));
    }
    let value = if has_value {
        let rules = ValueRules {
            negation: kw.flags & flags::HANDLE_NEGATION != 0,
            quotes_mandatory: kw.flags & flags::QUOTES_MANDATORY != 0,
            quotes_optional: kw.flags & flags::QUOTES_OPTIONAL != 0,
        };
        match process_value(o.value.unwrap_or(""), o.value_range.start, rules) {
            Ok(v) => Some(v),
            Err(e) => {
                let (code, msg, hint) = value_fail(o.name, e, o);
                return Err(Diagnostic::error(code, at, msg).with_hint(hint));
            }
        }
    } else {
        None
    };
    super::validate::apply_keyword(b, kw, o, value, at, ctx)
}
