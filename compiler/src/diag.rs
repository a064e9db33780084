//! Diagnostics: what went wrong, where, why, and how to fix it.
//!
//! Every diagnostic has a stable [`Code`] (listed in `docs/diagnostics.md`, checked by a test, and
//! never reused), a [`Severity`], a primary [`Span`], the message Suricata itself
//! would print where one exists, and usually a hint.

use crate::span::Span;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The rule (or input) is rejected.
    Error,
    /// The rule loads but something is probably wrong.
    Warning,
    /// Information (e.g. a rule skipped by `requires`).
    Note,
}

impl Severity {
    /// Lowercase name used in JSON output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $name:ident = $code:literal, )*) => {
        /// Stable diagnostic codes. The string form (`F0001`) never changes meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $name, )*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The stable string form, e.g. `F0101`.
            pub fn as_str(&self) -> &'static str {
                match self { $(Code::$name => $code,)* }
            }

            /// The variant name, e.g. `MissingSid`.
            pub fn name(&self) -> &'static str {
                match self { $(Code::$name => stringify!($name),)* }
            }
        }
    };
}

codes! {
    // ---- input and lexical level (F00xx)
    /// A file could not be read.
    Io = "F0001",
    /// The rule text is not valid UTF-8.
    InvalidUtf8 = "F0002",
    /// The rule contains control characters other than TAB/CR/LF, or DEL.
    ControlCharacter = "F0003",
    /// The rule is longer than 8,192 bytes (after joining continuation lines).
    RuleTooLong = "F0004",
    /// A line starts with a space or tab: Suricata skips it silently.
    IndentedRuleIgnored = "F0005",
    /// The last line ends with `\` and nothing follows.
    DanglingContinuation = "F0006",

    // ---- header (F01xx)
    /// Unknown action.
    InvalidAction = "F0101",
    /// Action scope not valid for the action (`alert:flow`).
    InvalidActionScope = "F0102",
    /// `accept` outside a firewall rule file.
    AcceptNotFirewall = "F0103",
    /// Unknown, disabled or wrongly-cased protocol.
    InvalidProtocol = "F0104",
    /// Unknown hook for the protocol (`tls:bogus`).
    InvalidHook = "F0105",
    /// Direction is not `->`, `<>` or `=>`.
    InvalidDirection = "F0106",
    /// `=>` rule without buffers in both directions.
    BothDirectionsRequired = "F0107",
    /// The header has too few fields or no option part.
    MissingOptions = "F0108",

    // ---- addresses, ports, variables (F02xx)
    /// An address could not be parsed.
    AddressParse = "F0201",
    /// The whole address space is negated (`!any`).
    AddressSpaceNegated = "F0202",
    /// Negations removed every positive address.
    AddressEmptyAfterNegation = "F0203",
    /// Unbalanced brackets in an address or port group.
    UnbalancedBrackets = "F0204",
    /// A `$VAR` that is not defined.
    UndefinedVariable = "F0205",
    /// A variable that resolves to nothing.
    EmptyVariable = "F0206",
    /// Variables that refer to each other in a loop (or nest deeper than 64).
    VariableLoop = "F0207",
    /// A port could not be parsed.
    PortParse = "F0208",
    /// The whole port space is negated.
    PortSpaceNegated = "F0209",
    /// Negations removed every positive port.
    PortEmptyAfterNegation = "F0210",
    /// `!` inside a port range (`80:!90`).
    PortNegatedRange = "F0211",
    /// An `@NAME` IP set reference outside the `aws` dialect, or one with no definition.
    IpSetReference = "F0212",
    /// A netmask that is not contiguous.
    NetmaskNotCidr = "F0213",
    /// A variable definition could not be parsed (YAML, `--var`).
    VariableDefinition = "F0214",

    // ---- option grammar (F03xx)
    /// No `;` terminates the last option.
    NoTerminatingSemicolon = "F0301",
    /// Keyword not known to Suricata.
    UnknownKeyword = "F0302",
    /// A keyword that takes no value got one.
    UnexpectedValue = "F0303",
    /// A keyword that needs a value got none.
    MissingValue = "F0304",
    /// Quoting rules broken (value must be quoted / must not be quoted / unbalanced).
    BadQuoting = "F0305",
    /// A keyword that may appear once appeared twice (`sid`, `rev`, `msg`, ...).
    DuplicateKeyword = "F0306",
    /// Invalid value for a keyword.
    InvalidValue = "F0307",

    // ---- meta (F04xx)
    /// No `sid`.
    MissingSid = "F0401",
    /// `sid` zero or not a number.
    InvalidSid = "F0402",
    /// `rev` zero or not a number.
    InvalidRev = "F0403",
    /// Same (gid, sid) already loaded with an equal or higher rev.
    DuplicateSignature = "F0404",
    /// Same (gid, sid) with a higher rev replaced an earlier rule.
    RevisionReplaced = "F0405",
    /// `classtype` not in classification.config.
    UnknownClasstype = "F0406",
    /// `requires` not met: the rule is skipped, as Suricata does.
    RequiresUnmet = "F0407",
    /// Suricata accepts a sid with trailing garbage (`12ab` loads as 12).
    LaxSid = "F0408",

    // ---- content and buffers (F05xx)
    /// Invalid escape in a content string.
    ContentEscape = "F0501",
    /// Unescaped double quote inside a content string.
    ContentQuote = "F0502",
    /// Invalid `|hex|` in a content string.
    ContentHex = "F0503",
    /// A content modifier with no content before it.
    ModifierWithoutContent = "F0504",
    /// A legacy content modifier while a sticky buffer is active.
    ModifierWithStickyBuffer = "F0505",
    /// A sticky buffer with no match after it.
    BufferWithoutMatch = "F0506",
    /// A transform not directly after a sticky buffer, or with nothing after it.
    TransformPlacement = "F0507",
    /// Keywords that need different app-layer protocols.
    ConflictingAppProto = "F0508",
    /// Uppercase pattern for the lowercase `http.host` buffer.
    HttpHostUppercase = "F0509",
    /// `nocase` on `http.host`.
    HttpHostNocase = "F0510",
    /// Keywords with conflicting directions.
    ConflictingDirections = "F0511",
    /// Invalid or conflicting `flow` options.
    FlowOption = "F0512",
    /// Position modifiers that contradict each other.
    ContentPositionConflict = "F0513",
    /// `within` shorter than the content.
    WithinTooShort = "F0514",
    /// `bsize` contradicts the content length.
    BsizeContradiction = "F0515",
    /// `ip_proto` outside an `ip` rule.
    IpProtoNotIp = "F0517",
    /// Content incompatible with a case transform.
    TransformCaseConflict = "F0518",
    /// `pcre` does not compile or has an unknown flag.
    PcreInvalid = "F0519",
    /// Packet keywords mixed with app-layer matching.
    PacketAppMix = "F0520",
    /// More than 16 transforms.
    TooManyTransforms = "F0521",
    /// The same sticky buffer appears twice (warning; contents are ANDed).
    DuplicateBufferInstance = "F0522",
    /// A rule that loads but can never match.
    NeverMatches = "F0523",
    /// `nocase` given twice.
    DuplicateNocase = "F0524",

    // ---- evaluation coverage (F06xx)
    /// The rule loads but uses keywords Ferrule cannot evaluate faithfully: it is inert.
    InertRule = "F0601",
    /// A pcre that regex-automata cannot express (backreference, look-around): inert.
    PcreUnsupported = "F0602",

    // ---- AWS (F07xx)
    /// Invalid domain-list target.
    AwsTargetInvalid = "F0701",
    /// A domain-list target that was normalized (uppercase, IDN).
    AwsTargetNormalized = "F0702",
    /// AWS JSON/YAML that does not have the expected shape.
    AwsShape = "F0703",
    /// A keyword or feature AWS Network Firewall rejects.
    AwsUnsupported = "F0704",
    /// `priority` in a strict-order rule group.
    AwsPriorityInStrictOrder = "F0705",
    /// Rule longer than 8,192 characters with variables expanded.
    AwsRuleTooLong = "F0706",
    /// A rule group over an AWS quota.
    AwsQuota = "F0707",
    /// A rule accepted by one dialect and not by the other.
    DialectDifference = "F0708",

    // ---- policy lints (F08xx): how the rules decide together
    /// A rule that can never decide: an earlier rule in decision order decides every query it matches.
    ShadowedRule = "F0801",
    /// An IP-only drop/reject (or `aws:drop_strict`) decides TLS/HTTP flows at `FlowStart`, before their SNI/Host rules run.
    HandshakeDrop = "F0802",
    /// An IP-only pass decides flows at `FlowStart`, blinding later SNI/Host drop rules.
    IpOnlyPassBlinds = "F0803",
    /// A drop/reject (or `aws:drop_established`) acts on the first segments of a ClientHello or HTTP request split across TCP segments, before the SNI/Host pass rule can read the name.
    SplitRequestDrop = "F0804",
    /// Under action order, an allow list combined with a reject or alert list: the allow list's drop rule is examined first.
    AllowListMixedActionOrder = "F0810",
    /// Strict order with SNI/Host pass rules, no drop default action and no rule dropping the rest: every other name is allowed.
    NoDefaultDrop = "F0811",
    /// Source and destination addresses share no IP family: the rule can never match.
    AddressFamiliesDisjoint = "F0812",
    /// A pure IPv4 negation (`!1.2.3.4`, `!$HOME_NET`) never matches IPv6 while the other side accepts IPv6.
    NegationMissesIpv6 = "F0813",
    /// The tests on one buffer contradict each other (lengths, anchors, `dotprefix`, lowercase host): the rule can never match.
    ConditionNeverMatches = "F0814",
    /// A `tls.sni`/`quic.sni` content without `nocase`: the SNI keeps the client's case.
    SniCaseSensitive = "F0815",
    /// `content:".example.com"; endswith;` without `dotprefix` on a pass/drop/reject rule misses `example.com` itself.
    WildcardMissesBareDomain = "F0816",
    /// A drop/reject name rule anchored with `endswith` misses the same name with a trailing dot.
    TrailingDotEvades = "F0817",
    /// A name content not anchored to a label boundary also matches other domains (`badexample.com`).
    LookalikeName = "F0818",
}

/// A secondary location with its own label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there.
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code.
    pub code: Code,
    /// Error, warning or note.
    pub severity: Severity,
    /// What is wrong (Suricata's own wording where it has one).
    pub message: String,
    /// The bytes at fault.
    pub span: Span,
    /// Other places involved.
    pub labels: Vec<Label>,
    /// How to fix it (usually a constant, hence the `Cow`).
    pub hint: Option<std::borrow::Cow<'static, str>>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, span, message)
    }

    /// A warning at `span`.
    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, span, message)
    }

    /// A note at `span`.
    pub fn note(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, code, span, message)
    }

    fn new(severity: Severity, code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for c in Code::ALL {
            let s = c.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert_eq!(s.len(), 5);
            assert!(s.starts_with('F') && s[1..].chars().all(|c| c.is_ascii_digit()));
        }
    }
}
