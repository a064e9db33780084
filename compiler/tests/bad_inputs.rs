//! Bad inputs: one row per distinct error condition, with the code, the text
//! the primary span covers and, where Suricata's wording is known (SEMANTICS
//! §1.5–1.9, the recorded messages in ../shared/conformance/accept), the
//! message. A few warning rows check rules that still load.
//!
//! Expectations follow Suricata 8.0.6 (and 7.0 for the `aws` dialect), not
//! whatever Ferrule prints: inputs on which Ferrule and Suricata disagree are
//! left out of the table (see the report that came with this file).
//!
//! Span markers: `WHOLE` means the span must cover the whole logical line (used
//! where nothing narrower exists: missing sid, duplicate signature, rule too
//! long); `UNCHECKED` marks rows whose span is not asserted because the current
//! span is not the helpful one (reported, not encoded).

use ferrule_compiler::diag::{Code, Severity};
use ferrule_compiler::load::{Load, Loader, State};
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;
use std::collections::BTreeSet;
use std::ops::Range;

/// The span covers the whole logical line.
const WHOLE: &str = "\u{0}<whole line>";
/// The span is not asserted (see the module docs).
const UNCHECKED: &str = "\u{0}<span not asserted>";

#[derive(Debug, Clone)]
struct Row {
    /// Rules-file text (one or more lines, no trailing newline).
    input: String,
    /// Raw bytes loaded through a file instead of `input` (invalid UTF-8).
    raw: Option<Vec<u8>>,
    dialect: Dialect,
    code: Code,
    severity: Severity,
    snippet: &'static str,
    msg: Option<String>,
}

/// An error row in the Suricata dialect.
fn e(code: Code, snippet: &'static str, input: impl Into<String>) -> Row {
    Row {
        input: input.into(),
        raw: None,
        dialect: Dialect::Suricata,
        code,
        severity: Severity::Error,
        snippet,
        msg: None,
    }
}

/// A warning row (the rule still loads, or is ignored).
fn w(code: Code, snippet: &'static str, input: impl Into<String>) -> Row {
    Row {
        severity: Severity::Warning,
        ..e(code, snippet, input)
    }
}

impl Row {
    fn aws(mut self) -> Self {
        self.dialect = Dialect::Aws;
        self
    }

    fn msg(mut self, m: impl Into<String>) -> Self {
        self.msg = Some(m.into());
        self
    }

    fn note(mut self) -> Self {
        self.severity = Severity::Note;
        self
    }

    fn raw(mut self, bytes: &[u8]) -> Self {
        self.raw = Some(bytes.to_vec());
        self
    }
}

fn vars() -> Vars {
    let mut v = Vars::suricata_defaults();
    v.set_address("EMPTY", "");
    v.set_address("LOOPA", "$LOOPB");
    v.set_address("LOOPB", "[1.2.3.4,$LOOPA]");
    v.set_address("UNBAL", "[1.2.3.4");
    v.set_port("PEMPTY", "");
    v.set_port("PLOOPA", "$PLOOPB");
    v.set_port("PLOOPB", "[80,$PLOOPA]");
    v.set_port("PUNBAL", "[80");
    v.set_ip_set_reference("DEFINED", &["10.0.0.0/8".to_string()]);
    v
}

const T: &str = "alert tcp any any -> any any";
const TLS: &str = "alert tls any any -> any any";
const HTTP: &str = "alert http any any -> any any";

/// `<header> (<opts>)`.
fn r(header: &str, opts: &str) -> String {
    format!("{header} ({opts})")
}

#[rustfmt::skip]
fn rows() -> Vec<Row> {
    use Code::*;
    let long = format!("{T} (content:\"{}\"; sid:1;)", "a".repeat(9000));
    vec![
        // ---- lexical level (SEMANTICS §1.1)
        e(ControlCharacter, "\u{1}", r(T, "msg:\"a\u{1}b\"; sid:1;")).msg("rule contains invalid (control) characters"),
        e(ControlCharacter, "\u{7f}", r(T, "content:\"a\u{7f}\"; sid:1;")).msg("rule contains invalid (control) characters"),
        e(RuleTooLong, WHOLE, long),
        e(InvalidUtf8, WHOLE, "msg with byte 0xff").raw(b"alert tcp any any -> any any (msg:\"\xff\"; sid:1;)\n").msg("rule is not valid UTF-8"),

        // ---- actions and scopes (§1.3)
        e(InvalidAction, "blocc", "blocc tcp any any -> any any (sid:1;)").msg("An invalid action \"blocc\" was given"),
        e(AcceptNotFirewall, "accept", "accept tcp any any -> any any (sid:1;)").msg("'accept' action only supported for firewall rules"),
        e(AcceptNotFirewall, "accept:flow", "accept:flow tcp any any -> any any (sid:1;)"),
        e(InvalidActionScope, "alert:flow", "alert:flow tcp any any -> any any (sid:1;)").msg("invalid action scope 'flow' in action 'alert:flow': scope only supported for actions 'drop', 'pass' and 'reject'"),
        e(InvalidActionScope, "drop:bogus", "drop:bogus tcp any any -> any any (sid:1;)"),
        e(InvalidActionScope, "pass:hook", "pass:hook tcp any any -> any any (sid:1;)"),
        e(InvalidActionScope, "config:flow", "config:flow tcp any any -> any any (sid:1;)"),

        // ---- protocols and hooks (§1.4)
        e(InvalidProtocol, "foo", "alert foo any any -> any any (sid:1;)").msg("protocol \"foo\" cannot be used in a signature.  Either detection for this protocol is not yet supported OR detection has been disabled for protocol through the yaml option app-layer.protocols.foo.detection-enabled"),
        e(InvalidProtocol, "TLS", "alert TLS any any -> any any (sid:1;)").msg("protocol \"TLS\" cannot be used in a signature.  Either detection for this protocol is not yet supported OR detection has been disabled for protocol through the yaml option app-layer.protocols.TLS.detection-enabled"),
        e(InvalidProtocol, "6", "alert 6 any any -> any any (sid:1;)").msg("protocol \"6\" cannot be used in a signature.  Either detection for this protocol is not yet supported OR detection has been disabled for protocol through the yaml option app-layer.protocols.6.detection-enabled"),
        e(InvalidProtocol, "dnp3", "alert dnp3 any any -> any any (sid:1;)").msg("protocol \"dnp3\" cannot be used in a signature.  Either detection for this protocol is not yet supported OR detection has been disabled for protocol through the yaml option app-layer.protocols.dnp3.detection-enabled"),
        e(InvalidHook, "tls:bogus", "alert tls:bogus any any -> any any (sid:1;)").msg("protocol \"tls\" does not support hook \"bogus\""),
        e(InvalidHook, "tls:<bogus", "alert tls:<bogus any any -> any any (sid:1;)"),
        e(InvalidHook, "http1:bogus", "alert http1:bogus any any -> any any (sid:1;)").msg("protocol \"http1\" does not support hook \"bogus\""),
        e(InvalidHook, "tcp:bogus", "alert tcp:bogus any any -> any any (sid:1;)"),

        // ---- direction (§1.7)
        e(InvalidDirection, "<-", "alert tcp any any <- any any (sid:1;)").msg("\"<-\" is not a valid direction modifier, \"->\" and \"<>\" are supported."),
        e(InvalidDirection, "->>", "alert tcp any any ->> any any (sid:1;)").msg("\"->>\" is not a valid direction modifier, \"->\" and \"<>\" are supported."),
        e(BothDirectionsRequired, "=>", "alert tcp any any => any any (sid:1;)").msg("rule 1 should use both directions, but does not"),
        e(BothDirectionsRequired, "flow:to_server;", r("alert http any any => any any", "flow:to_server; http.host; content:\"a\"; http.stat_code; content:\"200\"; sid:1;")).msg("rule 1 means to use both directions, cannot specify a flow direction"),

        // ---- header shape (§1.2)
        e(MissingOptions, "any", "alert tcp any any -> any any").msg("no rule options."),
        e(MissingOptions, "any", "alert tcp any").msg("no rule options."),
        e(MissingOptions, "any(sid:1;)", "alert tcp any any -> any any(sid:1;)").msg("no rule options."),
        e(MissingOptions, "[1.2.3.4 any -> any any (sid:1;)", "alert tcp [1.2.3.4 any -> any any (sid:1;)").msg("no rule options."),
        e(MissingOptions, "1.2.3.4] any -> any any (sid:1;)", "alert tcp 1.2.3.4] any -> any any (sid:1;)").msg("no rule options."),
        e(MissingOptions, "[80,[81] -> any any (sid:1;)", "alert tcp any [80,[81] -> any any (sid:1;)").msg("no rule options."),
        e(PortParse, "any(flow:bogus;", "alert tcp any any -> any any(flow:bogus; sid:1;)").msg("failed to parse port \"any(flow:bogus;\""),

        // ---- addresses (§1.5)
        e(AddressSpaceNegated, "!any", "alert tcp !any any -> any any (sid:1;)").msg("Complete IP space negated. Rule address range is NIL. Probably have a !any or an address range that supplies a NULL address range"),
        e(AddressSpaceNegated, "!any", "alert tcp any any -> !any any (sid:1;)").msg("Complete IP space negated. Rule address range is NIL. Probably have a !any or an address range that supplies a NULL address range"),
        e(AddressSpaceNegated, "[!any]", "alert tcp [!any] any -> any any (sid:1;)"),
        e(AddressSpaceNegated, "!0.0.0.0/0", "alert tcp !0.0.0.0/0 any -> any any (sid:1;)"),
        e(AddressEmptyAfterNegation, "[1.2.3.4,!1.2.3.4]", "alert tcp [1.2.3.4,!1.2.3.4] any -> any any (sid:1;)").msg("no addresses left after merging addresses and negated addresses"),
        e(AddressEmptyAfterNegation, "[192.168.1.3,!192.168.0.0/16]", "alert tcp [192.168.1.3,!192.168.0.0/16] any -> any any (sid:1;)").msg("no addresses left after merging addresses and negated addresses"),
        e(AddressEmptyAfterNegation, "[$HOME_NET,!$HOME_NET]", "alert tcp [$HOME_NET,!$HOME_NET] any -> any any (sid:1;)").msg("no addresses left after merging addresses and negated addresses"),
        e(AddressParse, "300.1.1.1", "alert tcp 300.1.1.1 any -> any any (sid:1;)").msg("failed to parse address \"300.1.1.1\""),
        e(AddressParse, "1.2.3.4/33", "alert tcp 1.2.3.4/33 any -> any any (sid:1;)").msg("failed to parse address \"1.2.3.4/33\""),
        e(AddressParse, "::1/129", "alert tcp ::1/129 any -> any any (sid:1;)").msg("failed to parse address \"::1/129\""),
        e(AddressParse, "1.2.3.5-1.2.3.4", "alert tcp 1.2.3.5-1.2.3.4 any -> any any (sid:1;)").msg("failed to parse address \"1.2.3.5-1.2.3.4\""),
        e(AddressParse, "2001:db8::-2001:db7::", "alert tcp 2001:db8::-2001:db7:: any -> any any (sid:1;)"),
        e(AddressParse, "abc", "alert tcp abc any -> any any (sid:1;)").msg("failed to parse address \"abc\""),
        e(AddressParse, "1.2.3", "alert tcp 1.2.3 any -> any any (sid:1;)"),
        e(AddressParse, "1.2.3.4/24/8", "alert tcp any any -> 1.2.3.4/24/8 any (sid:1;)"),
        e(NetmaskNotCidr, "1.2.3.0/255.0.255.0", "alert tcp 1.2.3.0/255.0.255.0 any -> any any (sid:1;)").msg("netmask \"255.0.255.0\" is not usable. Only netmasks that are compatible with CIDR notation are supported. See ticket #5168."),
        e(UnbalancedBrackets, "$UNBAL", "alert tcp $UNBAL any -> any any (sid:1;)").msg("not every address block was properly closed in \"[1.2.3.4\", 1 missing closing brackets (]). Note: problem might be in a variable."),
        e(UndefinedVariable, "$NOPE", "alert tcp $NOPE any -> any any (sid:1;)").msg("Variable \"NOPE\" is not defined in configuration file"),
        e(UndefinedVariable, "$HTTP_PORTS", "alert tcp any any -> $HTTP_PORTS any (sid:1;)").msg("Variable \"HTTP_PORTS\" is not defined in configuration file"),
        e(EmptyVariable, "$EMPTY", "alert tcp $EMPTY any -> any any (sid:1;)").msg("variable $EMPTY resolved to nothing. This is likely a misconfiguration. Note that a negated address needs to be quoted, \"!$HOME_NET\" instead of !$HOME_NET. See issue #295."),
        e(VariableLoop, "$LOOPA", "alert tcp $LOOPA any -> any any (sid:1;)"),
        e(IpSetReference, "@MYSET", "alert tcp @MYSET any -> any any (sid:1;)").msg("failed to parse address \"@MYSET\""),
        e(IpSetReference, "@MYSET", "alert tcp any any -> !@MYSET any (sid:1;)").msg("failed to parse address \"@MYSET\""),

        // ---- ports (§1.6)
        e(PortParse, "65536", "alert tcp any any -> any 65536 (sid:1;)").msg("failed to parse port \"65536\""),
        e(PortParse, "80:70", "alert tcp any 80:70 -> any any (sid:1;)").msg("failed to parse port \"80:70\""),
        e(PortParse, "abc", "alert tcp any abc -> any any (sid:1;)").msg("failed to parse port \"abc\""),
        e(PortParse, "-1", "alert tcp any -1 -> any any (sid:1;)"),
        e(PortParse, "1:2:3", "alert tcp any 1:2:3 -> any any (sid:1;)"),
        e(PortSpaceNegated, "!any", "alert tcp any !any -> any any (sid:1;)").msg("Complete port space is negated"),
        e(PortSpaceNegated, "!0:65535", "alert tcp any any -> any !0:65535 (sid:1;)").msg("Complete port space is negated"),
        e(PortSpaceNegated, "[!1:65535,!0]", "alert tcp any [!1:65535,!0] -> any any (sid:1;)"),
        e(PortNegatedRange, "!", "alert tcp any any -> any [80:!80] (sid:1;)").msg("Can't have a negated value in a range."),
        e(PortEmptyAfterNegation, "[80,!80]", "alert tcp any any -> any [80,!80] (sid:1;)").msg("no ports left after merging ports with negated ports"),
        e(UndefinedVariable, "$NOPORT", "alert tcp any $NOPORT -> any any (sid:1;)").msg("Variable \"NOPORT\" is not defined in configuration file"),
        e(UndefinedVariable, "$HOME_NET", "alert tcp any $HOME_NET -> any any (sid:1;)").msg("Variable \"HOME_NET\" is not defined in configuration file"),
        e(EmptyVariable, "$PEMPTY", "alert tcp any $PEMPTY -> any any (sid:1;)"),
        e(VariableLoop, "$PLOOPA", "alert tcp any $PLOOPA -> any any (sid:1;)"),
        e(UnbalancedBrackets, "$PUNBAL", "alert tcp any $PUNBAL -> any any (sid:1;)"),

        // ---- option grammar (§1.8)
        e(NoTerminatingSemicolon, "sid:1", r(T, "sid:1")).msg("no terminating \";\" found"),
        e(NoTerminatingSemicolon, "msg:\"x\"", r(T, "sid:1; msg:\"x\"")).msg("no terminating \";\" found"),
        e(NoTerminatingSemicolon, "msg:\"a\\;\"", r(T, "sid:1; msg:\"a\\;\"")).msg("no terminating \";\" found"),
        e(UnknownKeyword, "foo", r(T, "foo; sid:1;")).msg("unknown rule keyword 'foo'."),
        e(UnknownKeyword, "foo", r(T, "foo:bar; sid:1;")).msg("unknown rule keyword 'foo'."),
        e(UnknownKeyword, ";", r(T, ";; sid:1;")).msg("unknown rule keyword ''."),
        e(UnexpectedValue, "nocase:1;", r(T, "content:\"a\"; nocase:1; sid:1;")).msg("unexpected option to nocase keyword: 'nocase'"),
        e(UnexpectedValue, "tls.sni:foo;", r(TLS, "tls.sni:foo; content:\"a\"; sid:1;")).msg("unexpected option to tls.sni keyword: 'tls.sni'"),
        e(UnexpectedValue, "http_host:1;", r(T, "content:\"a\"; http_host:1; sid:1;")),
        e(UnexpectedValue, "dotprefix:1;", r(TLS, "tls.sni; dotprefix:1; content:\"abc\"; sid:1;")).msg("unexpected option to dotprefix keyword: 'dotprefix'"),
        e(UnexpectedValue, "noalert:1;", r(T, "noalert:1; sid:1;")).msg("unexpected option to noalert keyword: 'noalert'"),
        e(MissingValue, "msg;", r(T, "msg; sid:1;")).msg("invalid formatting or malformed option to msg keyword: 'msg'"),
        e(MissingValue, "sid;", r(T, "sid;")).msg("invalid formatting or malformed option to sid keyword: 'sid'"),
        e(MissingValue, "content:;", r(T, "content:; sid:1;")).msg("invalid formatting or malformed option to content keyword: 'content'"),
        e(MissingValue, "content:!;", r(T, "content:!; sid:1;")).msg("invalid formatting or malformed option to content keyword: 'content'"),
        e(MissingValue, "flow:;", r(T, "flow:; sid:1;")).msg("invalid formatting or malformed option to flow keyword: 'flow'"),
        e(MissingValue, "reference:;", r(T, "reference:; sid:1;")).msg("invalid formatting or malformed option to reference keyword: 'reference'"),
        e(BadQuoting, "msg:x;", r(T, "msg:x; sid:1;")).msg("invalid formatting to msg keyword: value must be double quoted 'msg'"),
        e(BadQuoting, "content:x;", r(T, "content:x; sid:1;")).msg("invalid formatting to content keyword: value must be double quoted 'content'"),
        e(BadQuoting, "msg:\"a;", r(T, "msg:\"a;b\"; sid:1;")).msg("bad option value formatting (possible missing semicolon) for keyword msg: '\"a'"),
        e(BadQuoting, "content:\"a;", r(T, "content:\"a;b\"; sid:1;")).msg("bad option value formatting (possible missing semicolon) for keyword content: '\"a'"),
        e(BadQuoting, "content:\"\";", r(T, "content:\"\"; sid:1;")),
        e(BadQuoting, "msg:\"\";", r(T, "msg:\"\"; sid:1;")),
        e(BadQuoting, "sid:\"1\";", r(T, "sid:\"1\";")).msg("quotes on sid keyword that doesn't support them: 'sid'"),
        e(BadQuoting, "rev:\"1\";", r(T, "sid:1; rev:\"1\";")).msg("quotes on rev keyword that doesn't support them: 'rev'"),
        e(DuplicateKeyword, "msg:\"y\";", r(T, "msg:\"x\"; msg:\"y\"; sid:1;")).msg("duplicated 'msg' keyword detected"),
        e(DuplicateKeyword, "sid:2;", r(T, "sid:1; sid:2;")).msg("duplicated 'sid' keyword detected"),
        e(DuplicateKeyword, "rev:2;", r(T, "sid:1; rev:1; rev:2;")).msg("duplicated 'rev' keyword detected"),

        // ---- sid, rev and other meta values (§1.9, §2.1)
        e(MissingSid, WHOLE, r(T, "msg:\"x\";")).msg("Signature missing required value \"sid\"."),
        e(MissingSid, WHOLE, "alert foo any any -> any any (msg:\"x\";)").msg("Signature missing required value \"sid\"."),
        e(MissingSid, WHOLE, r(T, "content:\"a\\x\";")).msg("Signature missing required value \"sid\"."),
        e(InvalidSid, "0", r(T, "sid:0;")).msg("sid value 0 is invalid"),
        e(InvalidSid, "abc", r(T, "sid:abc;")).msg("invalid input as arg to sid keyword"),
        e(InvalidSid, "4294967296", r(T, "sid:4294967296;")),
        e(InvalidSid, "-1", r(T, "sid:-1;")),
        e(InvalidRev, "0", r(T, "sid:1; rev:0;")).msg("rev value 0 is invalid"),
        e(InvalidRev, "abc", r(T, "sid:1; rev:abc;")),
        e(InvalidValue, "abc", r(T, "sid:1; gid:abc;")),
        e(InvalidValue, "abc", r(T, "sid:1; priority:abc;")).msg("Invalid Priority in Signature - abc"),
        e(InvalidValue, "both", r(T, "sid:1; target:both;")).msg("pcre_exec parse error, ret -1, string both"),
        e(InvalidValue, "client_hellx", r(T, "sid:1; ssl_state:client_hellx;")).msg("Found invalid option \"client_hellx\" in ssl_state keyword."),
        e(InvalidValue, "nope", r(T, "sid:1; app-layer-protocol:nope;")).msg("app-layer-protocol keyword supplied with unknown protocol \"nope\""),
        e(InvalidValue, "version >= x", r(T, "requires:version >= x; sid:1;")),
        e(InvalidValue, "version", r(T, "requires:version; sid:1;")),
        e(InvalidValue, "version ~ 7", r(T, "requires:version ~ 7; sid:1;")),
        e(DuplicateSignature, WHOLE, format!("{T} (sid:1;)\n{T} (sid:1;)")).msg(format!("Duplicate signature \"{T} (sid:1;)\"")),
        e(DuplicateSignature, WHOLE, format!("{T} (sid:1; rev:2;)\n{T} (sid:1; rev:1;)")).msg(format!("Duplicate signature \"{T} (sid:1; rev:1;)\"")),
        e(DuplicateSignature, WHOLE, format!("{T} (sid:1; gid:5;)\n{T} (sid:1; gid:5;)")),

        // ---- numeric values of payload keywords
        e(InvalidValue, "-1", r(TLS, "tls.sni; content:\"a\"; depth:-1; sid:1;")),
        e(InvalidValue, "70000", r(TLS, "tls.sni; content:\"a\"; depth:70000; sid:1;")),
        e(InvalidValue, "70000", r(T, "content:\"a\"; content:\"b\"; distance:70000; sid:1;")),
        e(InvalidValue, "!", r(TLS, "tls.sni; isdataat:!; sid:1;")),
        e(InvalidValue, "abc", r(TLS, "tls.sni; bsize:abc; sid:1;")),
        e(InvalidValue, "5<>3", r(TLS, "tls.sni; bsize:5<>3; sid:1;")),
        e(InvalidValue, "bsize:3;", r(T, "bsize:3; sid:1;")),

        // ---- content strings (§1.8)
        e(ContentEscape, "\\", r(T, "content:\"a\\x\"; sid:1;")).msg("'\\' has to be escaped"),
        e(ContentEscape, "\\", r(T, "content:\"a\\n\"; sid:1;")).msg("'\\' has to be escaped"),
        e(ContentEscape, "\\", r(T, "content:!\"a\\x\"; sid:1;")).msg("'\\' has to be escaped"),
        e(ContentEscape, "\\", r(T, "content:\"a\\;b\\x\"; sid:1;")).msg("'\\' has to be escaped"),
        e(ContentQuote, "\"", r(T, "content:\"a\"b\"; sid:1;")).msg("Invalid unescaped double quote within content section."),
        e(ContentHex, "|", r(T, "content:\"a|2e\"; sid:1;")).msg("Invalid hex code assembly in content - a|2e.  Invalidating signature."),
        e(ContentHex, "|", r(T, "content:\"|\"; sid:1;")).msg("Invalid hex code assembly in content - |.  Invalidating signature."),
        e(ContentHex, "g", r(T, "content:\"a|2g|\"; sid:1;")).msg("Invalid hex code in content - a|2g|, hex g. Invalidating signature."),
        e(ContentHex, "z", r(T, "content:\"|zz|\"; sid:1;")).msg("Invalid hex code in content - |zz|, hex z. Invalidating signature."),
        e(ContentHex, "|", r(T, "content:\"a|2e 6|\"; sid:1;")).msg("Incomplete hex code in content - a|2e 6|. Invalidating signature."),
        e(ContentHex, "|", r(T, "content:\"|4|\"; sid:1;")).msg("Incomplete hex code in content - |4|. Invalidating signature."),

        // ---- modifiers without a content (§1.9, §2.4)
        e(ModifierWithoutContent, "nocase;", r(T, "nocase; sid:1;")).msg("nocase needs preceding content option"),
        e(ModifierWithoutContent, "depth:5;", r(T, "depth:5; sid:1;")),
        e(ModifierWithoutContent, "offset:5;", r(T, "offset:5; sid:1;")),
        e(ModifierWithoutContent, "distance:5;", r(T, "distance:5; sid:1;")),
        e(ModifierWithoutContent, "within:5;", r(T, "within:5; sid:1;")),
        e(ModifierWithoutContent, "startswith;", r(T, "startswith; sid:1;")),
        e(ModifierWithoutContent, "endswith;", r(T, "endswith; sid:1;")),
        e(ModifierWithoutContent, "fast_pattern;", r(T, "fast_pattern; sid:1;")),
        e(ModifierWithoutContent, "nocase;", r(T, "pcre:\"/a/\"; nocase; sid:1;")).msg("nocase needs preceding content option"),
        e(ModifierWithoutContent, "nocase;", r(TLS, "tls.sni; nocase; sid:1;")).msg("nocase needs preceding content option"),
        e(ModifierWithoutContent, "http_host;", r(T, "http_host; sid:1;")).msg("\"http_host\" keyword found inside the rule without a content context.  Please use a \"content\" keyword before using the \"http_host\" keyword"),
        e(ModifierWithoutContent, "http_host;", r(T, "content:\"a\"; http_host; http_host; sid:1;")).msg("\"http_host\" keyword found inside the rule without a content context.  Please use a \"content\" keyword before using the \"http_host\" keyword"),

        // ---- content modifier conflicts (§1.9, §2.4)
        e(ContentPositionConflict, "startswith;", r(TLS, "tls.sni; content:\"a\"; offset:2; startswith; sid:1;")).msg("can't mix offset with startswith."),
        e(ContentPositionConflict, "offset:2;", r(TLS, "tls.sni; content:\"a\"; startswith; offset:2; sid:1;")),
        e(ContentPositionConflict, "depth:5;", r(TLS, "tls.sni; content:\"a\"; startswith; depth:5; sid:1;")).msg("can't use multiple depths for the same content."),
        e(ContentPositionConflict, "startswith;", r(TLS, "tls.sni; content:\"a\"; depth:5; startswith; sid:1;")).msg("can't use multiple depth/startswith settings for the same content."),
        e(ContentPositionConflict, "depth:6;", r(TLS, "tls.sni; content:\"a\"; depth:5; depth:6; sid:1;")).msg("can't use multiple depths for the same content."),
        e(ContentPositionConflict, "offset:6;", r(TLS, "tls.sni; content:\"a\"; offset:5; offset:6; sid:1;")),
        e(ContentPositionConflict, "startswith;", r(TLS, "tls.sni; content:\"a\"; startswith; startswith; sid:1;")),
        e(ContentPositionConflict, "depth:5;", r(TLS, "tls.sni; content:\"a\"; content:\"b\"; distance:1; depth:5; sid:1;")).msg("can't use a relative keyword like within/distance with a absolute relative keyword like depth/offset for the same content."),
        e(ContentPositionConflict, "distance:1;", r(TLS, "tls.sni; content:\"a\"; content:\"b\"; depth:5; distance:1; sid:1;")),
        e(ContentPositionConflict, "offset:1;", r(TLS, "tls.sni; content:\"a\"; content:\"b\"; within:5; offset:1; sid:1;")),
        e(ContentPositionConflict, "within:5;", r(TLS, "tls.sni; content:\"a\"; content:\"b\"; offset:1; within:5; sid:1;")),
        e(ContentPositionConflict, "within:5;", r(TLS, "tls.sni; content:\"a\"; content:\"b\"; startswith; within:5; sid:1;")),
        e(ContentPositionConflict, "startswith;", r(TLS, "tls.sni; content:\"a\"; content:\"b\"; within:5; startswith; sid:1;")),
        e(ContentPositionConflict, "within:6;", r(TLS, "tls.sni; content:\"a\"; content:\"b\"; within:5; within:6; sid:1;")),
        e(ContentPositionConflict, "distance:6;", r(TLS, "tls.sni; content:\"a\"; content:\"b\"; distance:5; distance:6; sid:1;")),
        e(ContentPositionConflict, "2", r(TLS, "tls.sni; content:\"abc\"; depth:2; sid:1;")),
        e(WithinTooShort, "2", r(TLS, "tls.sni; content:\"a\"; content:\"bcd\"; within:2; sid:1;")).msg("within argument \"2\" is less than the content length \"3\" which is invalid, since this will never match.  Invalidating signature"),
        e(WithinTooShort, "0", r(T, "content:\"abc\"; content:\"b\"; within:0; sid:1;")).msg("within argument \"0\" is less than the content length \"1\" which is invalid, since this will never match.  Invalidating signature"),
        e(DuplicateNocase, "nocase;", r(TLS, "tls.sni; content:\"a\"; nocase; nocase; sid:1;")).msg("can't use multiple nocase modifiers with the same content"),

        // ---- sticky buffers (§2.3)
        e(BufferWithoutMatch, "tls.sni;", r(TLS, "tls.sni; sid:1;")).msg("rule 1 setup buffer tls.sni but didn't add matches to it"),
        e(BufferWithoutMatch, "http.host;", r(T, "http.host; sid:1;")),
        e(BufferWithoutMatch, "http.host;", r(T, "tls.sni; http.host; content:\"x\"; sid:1;")).msg("previous sticky buffer has no matches"),
        e(BufferWithoutMatch, "tls.sni;", r(TLS, "tls.sni; dotprefix; sid:1;")),
        e(ModifierWithStickyBuffer, "http_host;", r(HTTP, "http.host; content:\"a\"; http_host; sid:1;")).msg("\"http_host\" keyword seen with a sticky buffer still set.  Reset sticky buffer with pkt_data before using the modifier."),

        // ---- transforms (§2.5)
        e(TransformPlacement, "dotprefix;", r(T, "dotprefix; sid:1;")).msg("transforms must directly follow stickybuffers"),
        e(TransformPlacement, "http.host;", r(T, "tls.sni; dotprefix; http.host; content:\"x\"; sid:1;")).msg("no matches following transform(s)"),
        e(TooManyTransforms, "dotprefix;", r(TLS, &format!("tls.sni; {}content:\"x\"; sid:1;", "dotprefix; ".repeat(17)))),
        e(TransformCaseConflict, "ABC", r(TLS, "tls.sni; to_lowercase; content:\"ABC\"; sid:1;")).msg("content string \"ABC\" incompatible with to_lowercase transform"),
        e(TransformCaseConflict, "abc", r(TLS, "tls.sni; to_uppercase; content:\"abc\"; sid:1;")).msg("content string \"abc\" incompatible with to_uppercase transform"),

        // ---- app-layer protocol conflicts (§1.9)
        e(ConflictingAppProto, "tls.sni;", r(HTTP, "tls.sni; content:\"a\"; sid:1;")).msg("can't set rule app proto to failed: already set to http_any"),
        e(ConflictingAppProto, "http.host;", r(TLS, "http.host; content:\"a\"; sid:1;")).msg("can't set rule app proto to failed: already set to tls"),
        e(ConflictingAppProto, "tls.sni;", r("alert dns any any -> any any", "tls.sni; content:\"a\"; sid:1;")).msg("can't set rule app proto to failed: already set to dns"),
        e(ConflictingAppProto, "tls.sni;", r("alert quic any any -> any any", "tls.sni; content:\"a\"; sid:1;")).msg("can't set rule app proto to failed: already set to quic"),
        e(ConflictingAppProto, "http.host;", r("alert ssh any any -> any any", "http.host; content:\"a\"; sid:1;")).msg("can't set rule app proto to failed: already set to ssh"),
        e(ConflictingAppProto, "tls.sni;", r("alert http2 any any -> any any", "tls.sni; content:\"a\"; sid:1;")).msg("can't set rule app proto to failed: already set to http2"),
        e(ConflictingAppProto, "tls.sni;", r("alert http1 any any -> any any", "tls.sni; content:\"a\"; sid:1;")).msg("can't set rule app proto to failed: already set to http"),
        e(ConflictingAppProto, "dns.query;", r(TLS, "dns.query; content:\"a\"; sid:1;")).msg("can't set rule app proto to failed: already set to tls"),
        e(ConflictingAppProto, "quic.sni;", r(TLS, "quic.sni; content:\"a\"; sid:1;")).msg("can't set rule app proto to failed: already set to tls"),
        e(ConflictingAppProto, "http.host;", r(T, "tls.sni; content:\"a\"; http.host; content:\"b\"; sid:1;")).msg("can't set rule app proto to failed: already set to tls"),
        e(ConflictingAppProto, "dns.query;", r(T, "http.host; content:\"a\"; dns.query; content:\"b\"; sid:1;")).msg("can't set rule app proto to failed: already set to http_any"),
        e(ConflictingAppProto, "ssl_state:client_hello;", r("alert dns any any -> any any", "ssl_state:client_hello; sid:1;")).msg("can't set rule app proto to failed: already set to dns"),
        e(ConflictingAppProto, "http_host;", r(TLS, "content:\"a\"; http_host; sid:1;")).msg("rule contains conflicting alprotos set"),
        e(ConflictingAppProto, "app-layer-protocol:tls;", r(TLS, "sid:1; app-layer-protocol:tls;")).msg("Either we already have the rule match on an app layer protocol set through other keywords that match on this protocol, or have already seen a non-negated app-layer-protocol."),

        // ---- http.host normalisation (§1.9, §2.5)
        e(HttpHostUppercase, "content:\"Example.com\";", r(HTTP, "http.host; content:\"Example.com\"; sid:1;")).msg("rule 1: A pattern with uppercase characters detected for http.host. The hostname buffer is normalized to lowercase, please specify a lowercase pattern."),
        e(HttpHostUppercase, "content:\"Example.com\";", r(HTTP, "content:\"Example.com\"; http_host; sid:1;")).msg("rule 1: A pattern with uppercase characters detected for http.host. The hostname buffer is normalized to lowercase, please specify a lowercase pattern."),
        e(HttpHostUppercase, "content:\"|41|bc\";", r(HTTP, "http.host; content:\"|41|bc\"; sid:1;")),
        e(HttpHostNocase, "nocase;", r(HTTP, "http.host; content:\"example.com\"; nocase; sid:1;")).msg("rule 1: http.host keyword specified along with \"nocase\". The hostname buffer is normalized to lowercase, specifying nocase is redundant."),
        e(HttpHostNocase, "nocase;", r(HTTP, "content:\"example.com\"; http_host; nocase; sid:1;")),
        e(PcreInvalid, "/Abc/W", r(HTTP, "pcre:\"/Abc/W\"; sid:1;")).msg("pcre host(\"W\") specified has an uppercase char.  Since the hostname buffer we match against is actually lowercase, please specify an all lowercase based pcre."),

        // ---- bsize and dsize against content lengths (§1.9)
        e(BsizeContradiction, "bsize:3;", r(TLS, "tls.sni; content:\"abcdef\"; bsize:3; sid:1;")).msg("signature can't match as required content length 6 exceeds bsize value: 3"),
        e(BsizeContradiction, "bsize:3;", r(TLS, "tls.sni; bsize:3; content:\"abcdef\"; sid:1;")).msg("signature can't match as required content length 6 exceeds bsize value: 3"),
        e(BsizeContradiction, "bsize:4;", r(TLS, "tls.sni; content:\"ab\"; offset:3; bsize:4; sid:1;")).msg("signature can't match as required content length 5 exceeds bsize value: 4"),
        e(BsizeContradiction, "bsize:1<>4;", r(TLS, "tls.sni; content:\"abcde\"; bsize:1<>4; sid:1;")).msg("signature can't match as required content length 5 exceeds bsize range: 1-4"),
        e(BsizeContradiction, "dsize:3;", r(T, "content:\"abcdef\"; dsize:3; sid:1;")),

        // ---- pcre (§2.6)
        e(PcreInvalid, "^www", r(TLS, "tls.sni; pcre:\"^www\"; sid:1;")).msg("pcre parse error: ^www"),
        e(PcreInvalid, "/a", r(TLS, "tls.sni; pcre:\"/a\"; sid:1;")).msg("pcre parse error: /a"),
        e(PcreInvalid, "/a/X", r(TLS, "tls.sni; pcre:\"/a/X\"; sid:1;")).msg("unknown regex modifier 'X'"),

        // ---- packet/app mix, ip_proto, flow, directions (§1.9, §2.2)
        e(PacketAppMix, "tcp-pkt", "alert tcp-pkt any any -> any any (ssl_state:client_hello; sid:1;)").msg("Signature combines packet specific matches (like dsize, flags, ttl) with stream / state matching by matching on app layer proto (like using http_* keywords)."),
        e(PacketAppMix, "dsize:10;", r(T, "dsize:10; tls.sni; content:\"a\"; sid:1;")).msg("Signature combines packet specific matches (like dsize, flags, ttl) with stream / state matching by matching on app layer proto (like using http_* keywords)."),
        e(IpProtoNotIp, "ip_proto:6;", r(T, "ip_proto:6; sid:1;")).msg("Signature can use ip_proto keyword only when we use alert ip, in which case the _ANY flag is set on the sig and the if condition should match."),
        e(FlowOption, "bogus", r(T, "flow:bogus; sid:1;")).msg("invalid flow option \"bogus\""),
        e(FlowOption, "established,not_established", r(T, "flow:established,not_established; sid:1;")).msg("cannot set DETECT_FLOW_FLAG_NOT_ESTABLISHED, DETECT_FLOW_FLAG_ESTABLISHED already set"),
        e(FlowOption, "to_server,to_client", r(T, "flow:to_server,to_client; sid:1;")).msg("cannot set to_client, DETECT_FLOW_FLAG_TOSERVER already set"),
        e(FlowOption, "to_client,to_server", r(T, "flow:to_client,to_server; sid:1;")),
        e(FlowOption, "established,stateless", r(T, "flow:established,stateless; sid:1;")),
        e(FlowOption, "stateless,established", r(T, "flow:stateless,established; sid:1;")).msg("DETECT_FLOW_FLAG_STATELESS already set"),
        e(FlowOption, "established,to_server,no_frag,only_stream", r(T, "flow:established,to_server,no_frag,only_stream; sid:1;")),
        e(FlowOption, "flow:to_server;", r(T, "flow:established; flow:to_server; sid:1;")).msg("A signature may have only one flow option."),
        // A fragment option is a match too (`SIG_FLAG_INIT_FLOW`).
        e(FlowOption, "flow:established;", r(T, "flow:only_frag; flow:established; sid:1;")).msg("A signature may have only one flow option."),
        e(ConflictingDirections, "flow:to_client;", r(TLS, "flow:to_client; tls.sni; content:\"x\"; sid:1;")).msg("rule 1 mixes keywords with conflicting directions"),
        e(ConflictingDirections, "flow:to_client;", r("alert tls:client_hello_done any any -> any any", "flow:to_client; sid:1;")).msg("rule 1 has flow to_client but a hook to_server"),

        // ---- aws dialect (Suricata 7.0 plus AWS limits)
        e(InvalidSid, "12ab", r(T, "sid:12ab;")).aws().msg("invalid character as arg to sid keyword"),
        e(InvalidDirection, "=>", "alert tcp any any => any any (sid:1;)").aws().msg("\"=>\" is not a valid direction modifier, \"->\" and \"<>\" are supported."),
        e(DialectDifference, "drop:flow", "drop:flow tcp any any -> any any (sid:1;)").aws().msg("An invalid action \"drop:flow\" was given"),
        e(DialectDifference, "tls:client_hello_done", "alert tls:client_hello_done any any -> any any (sid:1;)").aws(),
        e(IpSetReference, "@MYSET", "alert tcp @MYSET any -> any any (sid:1;)").aws(),
        e(DialectDifference, "domain", r(TLS, "tls.sni; domain; content:\"abc\"; sid:1;")).aws().msg("unknown rule keyword 'domain'."),
        e(DialectDifference, "entropy", r(T, "tls.sni; content:\"a\"; entropy:value >= 1; sid:1;")).aws().msg("unknown rule keyword 'entropy'."),
        e(AwsUnsupported, "rejectsrc", "rejectsrc tcp any any -> any any (sid:1;)").aws(),
        e(AwsUnsupported, "sctp", "alert sctp any any -> any any (sid:1;)").aws(),

        // ---- found in review against Suricata's source (byte vars, lists, limits)
        e(InvalidValue, "abc", r(TLS, "tls.sni; content:\"abc\"; depth:abc; sid:1;")).msg("unknown byte_ keyword var seen in depth - abc."),
        e(InvalidValue, "x1", r(TLS, "tls.sni; content:\"abc\"; offset:x1; sid:1;")).msg("unknown byte_ keyword var seen in offset - x1."),
        e(InvalidValue, "abc", r(TLS, "tls.sni; content:\"a\"; content:\"b\"; distance:abc; sid:1;")).msg("unknown byte_ keyword var seen in distance - abc."),
        e(ConflictingAppProto, "app-layer-protocol:http;", r(T, "app-layer-protocol:tls; app-layer-protocol:http; sid:1;")),
        e(InvalidValue, "256", r("alert ip any any -> any any", "ip_proto:256; sid:1;")),
        e(InvalidValue, "foo", r("alert ip any any -> any any", "ip_proto:foo; sid:1;")),
        e(DuplicateKeyword, "ip_proto:17;", r("alert ip any any -> any any", "ip_proto:6; ip_proto:17; sid:1;")),
        e(PcreInvalid, "/(/", r(TLS, "tls.sni; pcre:\"/(/\"; sid:1;")),
        e(ModifierWithoutContent, "rawbytes;", r(T, "rawbytes; sid:1;")).msg("rawbytes needs preceding content option"),
        e(PacketAppMix, "flow:no_stream;", r(TLS, "flow:no_stream; tls.sni; content:\"a\"; sid:1;")),
        e(InvalidValue, "3<>4", r(TLS, "tls.sni; bsize:3<>4; sid:1;")),
        e(InvalidValue, "version = 8.0.6", r(T, "requires:version = 8.0.6; sid:1;")),
        e(InvalidValue, "version >= 7, version >= 8", r(T, "requires:version >= 7, version >= 8; sid:1;")).msg("Version may only be specified once"),
        e(FlowOption, "only_stream,no_stream", r(T, "flow:only_stream,no_stream; sid:1;")),
        e(FlowOption, "established,established", r(T, "flow:established,established; sid:1;")).msg("DETECT_FLOW_FLAG_ESTABLISHED flag is already set"),
        e(InvalidAction, "accept", "accept tcp any any -> any any (sid:1;)").aws().msg("An invalid action \"accept\" was given"),
        e(InvalidValue, "Bad Class", r(T, "classtype:Bad Class; sid:1;")).msg("invalid input - Bad Class"),
        e(InvalidValue, "url", r(T, "reference:url; sid:1;")),
        e(InvalidValue, "bogus,foo", r(T, "flowbits:bogus,foo; sid:1;")).msg("ERROR: flowbits action \"bogus\" is not supported."),
        e(InvalidValue, "set", r(T, "flowbits:set; sid:1;")),
        e(InvalidValue, "noalert,foo", r(T, "flowbits:noalert,foo; sid:1;")),
        e(InvalidValue, "type limit, track by_src, count 1", r(T, "threshold:type limit, track by_src, count 1; sid:1;")),
        e(InvalidValue, "type sometimes, track by_src, count 1, seconds 60", r(T, "threshold:type sometimes, track by_src, count 1, seconds 60; sid:1;")),
        e(InvalidValue, "type limit, track by_ip, count 1, seconds 60", r(T, "threshold:type limit, track by_ip, count 1, seconds 60; sid:1;")),
        w(DanglingContinuation, "alert tcp any any -> any any (sid:1; ", format!("{T} (sid:1; \\")),

        // ---- warnings and notes: the rule still loads (or is ignored)
        w(IndentedRuleIgnored, WHOLE, format!(" {T} (sid:1;)")),
        w(DuplicateBufferInstance, "tls.sni;", r(TLS, "tls.sni; content:\"a\"; tls.sni; content:\"b\"; sid:1;")).msg(format!("duplicate instance for tls.sni in '{TLS} (tls.sni; content:\"a\"; tls.sni; content:\"b\"; sid:1;)'")),
        w(UnknownClasstype, "no-such-class", r(T, "classtype:no-such-class; sid:1;")),
        w(RevisionReplaced, WHOLE, format!("{T} (sid:1; rev:2;)\n{T} (sid:1; rev:3;)")).msg(format!("Signature with newer revision, so the older sig replaced by this new signature \"{T} (sid:1; rev:3;)\"")),
        w(LaxSid, "12ab", r(T, "sid:12ab;")),
        w(InertRule, WHOLE, r(T, "flowbits:set,foo; sid:1;")),
        // App-layer protocols a query cannot carry (SPEC §4): inert, not dead.
        w(InertRule, WHOLE, r("pass ssh any any -> any any", "sid:1;")).msg("rule loads but Ferrule cannot evaluate `protocol ssh`: it is inert and never decides"),
        w(InertRule, WHOLE, r(T, "app-layer-protocol:!smb; sid:1;")).msg("rule loads but Ferrule cannot evaluate `app-layer-protocol:!smb`: it is inert and never decides"),
        w(PcreUnsupported, "/(a)\\1/", r(TLS, "tls.sni; pcre:\"/(a)\\1/\"; sid:1;")),
        w(RequiresUnmet, "requires:version >= 9;", r(T, "requires:version >= 9; sid:1;")).note(),
    ]
}

fn load(row: &Row, idx: usize) -> Load {
    let mut l = Loader::new(vars(), row.dialect);
    match &row.raw {
        Some(bytes) => {
            let path = std::env::temp_dir().join(format!(
                "ferrule-bad-inputs-{}-{idx}.rules",
                std::process::id()
            ));
            std::fs::write(&path, bytes).expect("write temp rules file");
            l.add_rules_file(&path).expect("read temp rules file");
            let _ = std::fs::remove_file(&path);
        }
        None => {
            l.add_rules("bad.rules", &format!("{}\n", row.input));
        }
    }
    l.finish()
}

/// Byte range (in its file) of each outcome's logical line, terminator excluded.
fn line_ranges(load: &Load) -> Vec<Range<usize>> {
    load.outcomes
        .iter()
        .map(|o| {
            let f = load.sources.get(o.file);
            let starts = f.line_starts();
            let first = o.line as usize - 1;
            let start = starts[first];
            let last = first + o.lines as usize - 1;
            let end = starts.get(last + 1).copied().unwrap_or(f.text.len());
            let mut end = end.max(start);
            let bytes = f.text.as_bytes();
            while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
                end -= 1;
            }
            start..end
        })
        .collect()
}

/// Index of the outcome whose line contains `at`.
fn line_of(ranges: &[Range<usize>], at: usize) -> Option<usize> {
    ranges.iter().position(|r| r.start <= at && at <= r.end)
}

fn check_row(idx: usize, row: &Row, load: &Load) -> Vec<String> {
    let mut fails = Vec::new();
    let name = format!(
        "row {idx} [{} {:?}] {:?}",
        row.dialect.as_str(),
        row.code,
        row.input
    );
    let ranges = line_ranges(load);
    let d = match row.severity {
        Severity::Error => {
            let rejected: Vec<usize> = load
                .outcomes
                .iter()
                .enumerate()
                .filter(|(_, o)| o.state == State::Rejected)
                .map(|(i, _)| i)
                .collect();
            if rejected.len() != 1 {
                fails.push(format!(
                    "{name}: expected exactly one rejected line, got states {:?}",
                    load.outcomes.iter().map(|o| o.state).collect::<Vec<_>>()
                ));
                return fails;
            }
            let Some(d) = load.diagnostics.iter().find(|d| d.is_error()) else {
                fails.push(format!("{name}: no error diagnostic"));
                return fails;
            };
            if line_of(&ranges, d.span.start as usize) != Some(rejected[0]) {
                fails.push(format!(
                    "{name}: the first error is not on the rejected line"
                ));
            }
            d
        }
        sev => {
            if let Some(d) = load.diagnostics.iter().find(|d| d.is_error()) {
                fails.push(format!(
                    "{name}: unexpected error {:?}: {}",
                    d.code, d.message
                ));
                return fails;
            }
            if load.outcomes.iter().any(|o| o.state == State::Rejected) {
                fails.push(format!("{name}: a line was rejected"));
                return fails;
            }
            let Some(d) = load
                .diagnostics
                .iter()
                .find(|d| d.code == row.code && d.severity == sev)
            else {
                fails.push(format!(
                    "{name}: no {sev:?} {:?}; got {:?}",
                    row.code,
                    load.diagnostics
                        .iter()
                        .map(|d| (d.severity, d.code))
                        .collect::<Vec<_>>()
                ));
                return fails;
            };
            d
        }
    };
    if d.code != row.code {
        fails.push(format!(
            "{name}: code {:?} ({}), message {:?}",
            d.code,
            d.code.as_str(),
            d.message
        ));
    }
    let got = load.sources.snippet(d.span);
    match row.snippet {
        UNCHECKED => {}
        WHOLE => {
            let want = line_of(&ranges, d.span.start as usize).map(|i| {
                let f = load.sources.get(load.outcomes[i].file);
                &f.text[ranges[i].clone()]
            });
            if want != Some(got) {
                fails.push(format!(
                    "{name}: span {got:?} is not the whole line {want:?}"
                ));
            }
        }
        want => {
            if got != want {
                fails.push(format!("{name}: span covers {got:?}, expected {want:?}"));
            }
        }
    }
    if let Some(m) = &row.msg {
        if &d.message != m {
            fails.push(format!("{name}: message {:?}, expected {m:?}", d.message));
        }
    }
    fails
}

/// Global properties of one load: every rejected line has exactly one error,
/// every error belongs to a rejected line, and every span lies inside its line.
fn check_global(idx: usize, row: &Row, load: &Load) -> Vec<String> {
    let mut fails = Vec::new();
    let name = format!("row {idx} {:?}", row.input);
    let ranges = line_ranges(load);
    for (i, o) in load.outcomes.iter().enumerate() {
        let errors = load
            .diagnostics
            .iter()
            .filter(|d| d.is_error() && line_of(&ranges, d.span.start as usize) == Some(i))
            .count();
        match o.state {
            State::Rejected if errors != 1 => {
                fails.push(format!(
                    "{name}: rejected line {} has {errors} errors",
                    o.line
                ));
            }
            State::Rejected => {}
            _ if errors != 0 => {
                fails.push(format!(
                    "{name}: line {} is {:?} but has {errors} errors",
                    o.line, o.state
                ));
            }
            _ => {}
        }
    }
    for d in &load.diagnostics {
        let (s, e) = (d.span.start as usize, d.span.end as usize);
        match line_of(&ranges, s) {
            Some(i) if e <= ranges[i].end && s <= e => {}
            _ => fails.push(format!(
                "{name}: {:?} span {s}..{e} is not inside one rule line {ranges:?}",
                d.code
            )),
        }
    }
    fails
}

#[test]
fn bad_inputs_table() {
    let rows = rows();
    let mut fails = Vec::new();
    for (idx, row) in rows.iter().enumerate() {
        let load = load(row, idx);
        fails.extend(check_row(idx, row, &load));
        fails.extend(check_global(idx, row, &load));
    }
    assert!(
        fails.is_empty(),
        "{} failures:\n{}",
        fails.len(),
        fails.join("\n")
    );
}

#[test]
fn table_shape() {
    let rows = rows();
    let errors = rows
        .iter()
        .filter(|r| r.severity == Severity::Error)
        .count();
    assert!(errors >= 170, "only {errors} error rows");
    let warnings = rows.len() - errors;
    assert!(warnings >= 6, "only {warnings} warning/note rows");
    let mut seen = BTreeSet::new();
    for r in &rows {
        let key = (r.dialect.as_str(), r.input.clone(), r.raw.clone());
        assert!(seen.insert(key), "duplicate row {:?}", r.input);
    }
    let codes: BTreeSet<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    assert!(
        codes.len() >= 40,
        "only {} distinct codes: {codes:?}",
        codes.len()
    );
}
