//! Per-keyword setup (the `Setup` functions of Suricata's keywords in SPEC §5)
//! and whole-rule validation (`SigValidate`).

use super::options::{app_proto_equals, Builder, Res};
use super::LowerCtx;
use crate::diag::{Code, Diagnostic};
use crate::ir::*;
use crate::keywords::{self, flags, KeywordKind, KwDirection};
use crate::span::Span;
use crate::syntax::content;
use crate::syntax::options::{RawOption, Value};
use crate::Dialect;

fn need_content<'a>(
    b: &'a mut Builder<'_>,
    kw: &str,
    at: Span,
) -> Result<&'a mut Content, Diagnostic> {
    let msg = match kw {
        "nocase" => "nocase needs preceding content option".to_string(),
        "startswith" | "endswith" => format!("{kw} needs a preceding content option"),
        _ => format!("{kw} needs preceding content option"),
    };
    b.last_content_mut().ok_or_else(|| {
        Diagnostic::error(Code::ModifierWithoutContent, at, msg)
            .with_hint(format!("put `{kw}` after the `content` it modifies"))
    })
}

const RELATIVE_ABSOLUTE: &str = "can't use a relative keyword like within/distance with a absolute relative keyword like depth/offset for the same content.";

fn parse_u16(kw: &str, v: &str, at: Span) -> Result<u16, Diagnostic> {
    v.trim().parse::<u16>().map_err(|_| {
        Diagnostic::error(
            Code::InvalidValue,
            at,
            format!("invalid value for {kw}: {v}."),
        )
        .with_hint(format!("{kw} takes a number from 0 to 65535"))
    })
}

fn parse_i32(kw: &str, v: &str, at: Span) -> Result<i32, Diagnostic> {
    match v.trim().parse::<i32>() {
        Ok(n) if (-65535..=65535).contains(&n) => Ok(n),
        _ => Err(Diagnostic::error(
            Code::InvalidValue,
            at,
            format!("invalid value for {kw}: {v}"),
        )
        .with_hint(format!("{kw} takes a number from -65535 to 65535"))),
    }
}

/// Byte-variable arguments (`depth:var`) from `byte_extract`: kept, rule inert.
fn is_var(v: &str) -> bool {
    v.as_bytes()
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic())
}

/// `DetectByteRetrieveSMVar`: a variable must come from an earlier `byte_extract`
/// or `byte_math`.
fn known_var(b: &Builder<'_>, kw: &str, v: &str, at: Span) -> Res {
    if b.byte_vars.iter().any(|n| n == v.trim()) {
        Ok(())
    } else {
        Err(Diagnostic::error(
            Code::InvalidValue,
            at,
            format!("unknown byte_ keyword var seen in {kw} - {v}."),
        )
        .with_hint("define the variable with byte_extract or byte_math earlier in the rule, or use a number"))
    }
}

pub(super) fn apply_keyword(
    b: &mut Builder<'_>,
    kw: &'static keywords::Keyword,
    o: &RawOption<'_>,
    value: Option<Value<'_>>,
    at: Span,
    ctx: &LowerCtx<'_>,
) -> Res {
    let name = kw.name;
    let v = value.as_ref().map(|v| v.text).unwrap_or("");
    let vspan = value
        .as_ref()
        .map(|v| b.span(v.range.clone()))
        .unwrap_or(at);
    match name {
        "msg" => {
            if b.rule.meta.msg.is_some() {
                return Err(Diagnostic::error(
                    Code::DuplicateKeyword,
                    at,
                    "duplicated 'msg' keyword detected",
                ));
            }
            // Any `\c` yields `c`.
            let mut out = String::with_capacity(v.len());
            let mut esc = false;
            for c in v.chars() {
                if !esc && c == '\\' {
                    esc = true;
                    continue;
                }
                esc = false;
                out.push(c);
            }
            b.rule.meta.msg = Some(out);
        }
        "rev" => {
            let n = parse_u32_strict(v).ok_or_else(|| {
                Diagnostic::error(
                    Code::InvalidRev,
                    vspan,
                    "invalid input as arg to rev keyword",
                )
            })?;
            if n == 0 {
                return Err(
                    Diagnostic::error(Code::InvalidRev, vspan, "rev value 0 is invalid")
                        .with_hint("rev starts at 1"),
                );
            }
            if b.rule.meta.rev != 0 {
                return Err(Diagnostic::error(
                    Code::DuplicateKeyword,
                    at,
                    "duplicated 'rev' keyword detected",
                ));
            }
            b.rule.meta.rev = n;
        }
        "gid" => {
            let n = parse_u32_strict(v).ok_or_else(|| {
                Diagnostic::error(
                    Code::InvalidValue,
                    vspan,
                    "invalid input as arg to gid keyword",
                )
            })?;
            b.rule.meta.gid = n;
        }
        "priority" => {
            let t = v.trim();
            let digits = t.trim_matches('"');
            if digits.is_empty()
                || !digits.bytes().all(|c| c.is_ascii_digit())
                || t.starts_with('"')
            {
                return Err(Diagnostic::error(
                    Code::InvalidValue,
                    vspan,
                    format!("Invalid Priority in Signature - {v}"),
                )
                .with_hint("priority is a number, 1 (highest) to 255"));
            }
            let n: i64 = digits.parse().unwrap_or(i64::MAX);
            b.rule.meta.priority = Some(b.rule.meta.priority.map_or(n, |p| p.min(n)));
        }
        "classtype" => {
            // `DetectClasstypeParseRawString`: `^\s*([a-zA-Z][a-zA-Z0-9-_]*)\s*$`.
            let t = v.trim();
            let well_formed = t
                .as_bytes()
                .first()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && t.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_');
            if !well_formed {
                return Err(Diagnostic::error(
                    Code::InvalidValue,
                    vspan,
                    format!("invalid input - {v}"),
                )
                .with_hint(
                    "a classtype is a name like trojan-activity (letters, digits, - and _)",
                ));
            }
            if keywords::classtype_priority(v).is_none() {
                b.warnings.push(
                    Diagnostic::warning(
                        Code::UnknownClasstype,
                        vspan,
                        format!("signature sid:{} uses unknown classtype: \"{v}\", using default priority 3", b.rule.meta.sid),
                    )
                    .with_hint("use a classtype from classification.config, or set `priority` explicitly"),
                );
            }
            b.rule.meta.classtype = Some(v.to_string());
        }
        "reference" => {
            // `DetectReferenceParse`: `type,value` with an alphanumeric type.
            let ok = v.split_once(',').is_some_and(|(k, val)| {
                let k = k.trim();
                !k.is_empty()
                    && k.bytes().all(|c| c.is_ascii_alphanumeric())
                    && !val.trim().is_empty()
            });
            if !ok {
                return Err(Diagnostic::error(
                    Code::InvalidValue,
                    vspan,
                    format!("Unable to parse reference string \"{v}\""),
                )
                .with_hint(
                    "write reference:<type>,<value>, e.g. reference:url,example.com/advisory",
                ));
            }
            b.rule.meta.references.push(v.to_string())
        }
        "flowbits" => {
            flowbits(v, vspan)?;
            if v.trim() == "noalert" {
                // `flowbits:noalert` clears the alert bit like `noalert`.
                b.rule.meta.noalert = true;
            }
            return unevaluated(b, o, at);
        }
        "threshold" | "detection_filter" => {
            threshold(name, v, vspan)?;
            return unevaluated(b, o, at);
        }
        "metadata" => b.rule.meta.metadata.push(v.to_string()),
        "target" => {
            b.rule.meta.target = Some(match v.trim() {
                "src_ip" => Target::SrcIp,
                "dest_ip" => Target::DestIp,
                other => {
                    return Err(Diagnostic::error(
                        Code::InvalidValue,
                        vspan,
                        format!("pcre_exec parse error, ret -1, string {other}"),
                    )
                    .with_hint("target is `src_ip` or `dest_ip`"))
                }
            })
        }
        "noalert" => b.rule.meta.noalert = true,
        "alert" => b.rule.meta.alert = true,
        "flow" => flow(b, v, vspan, at)?,
        "ssl_state" => {
            let mut kw = SslState { items: Vec::new() };
            for item in v.split(['|', ',']) {
                let item = item.trim();
                let (neg, s) = match item.strip_prefix('!') {
                    Some(s) => (true, s),
                    None => (false, item),
                };
                if !matches!(
                    s,
                    "client_hello" | "server_hello" | "client_keyx" | "server_keyx" | "unknown"
                ) {
                    return Err(Diagnostic::error(
                        Code::InvalidValue,
                        vspan,
                        format!("Found invalid option \"{s}\" in ssl_state keyword."),
                    )
                    .with_hint(
                        "states: client_hello, server_hello, client_keyx, server_keyx, unknown",
                    ));
                }
                kw.items.push((neg, s.to_string()));
            }
            b.rule.ssl_state.push(kw);
            b.set_alproto("tls", at)?;
        }
        "app-layer-protocol" => {
            let negated =
                value.as_ref().is_some_and(|v| v.negated) || v.trim_start().starts_with('!');
            let list = v
                .trim()
                .trim_start_matches('!')
                .split(',')
                .next()
                .unwrap_or("")
                .trim();
            if b.rule.app_layer_protocol.is_some() {
                return Err(Diagnostic::error(
                    Code::ConflictingAppProto,
                    at,
                    "can't mix positive app-layer-protocol match with negated match or match for 'failed'.",
                )
                .with_hint("use one app-layer-protocol keyword (8.x accepts a list: app-layer-protocol:!tls|http)"));
            }
            if b.rule.app_proto.is_some() && !negated {
                return Err(Diagnostic::error(
                    Code::ConflictingAppProto,
                    at,
                    "Either we already have the rule match on an app layer protocol set through other keywords that match on this protocol, or have already seen a non-negated app-layer-protocol.",
                ));
            }
            // 8.x accepts a `|`-separated list.
            for proto in list.split('|').map(str::trim) {
                if keywords::app_proto(proto).is_none() && !matches!(proto, "failed" | "unknown") {
                    return Err(Diagnostic::error(
                        Code::InvalidValue,
                        vspan,
                        format!(
                            "app-layer-protocol keyword supplied with unknown protocol \"{proto}\""
                        ),
                    ));
                }
            }
            b.rule.app_layer_protocol = Some(v.trim().to_string());
            // A protocol the query model cannot name (SPEC §4: tls, http,
            // dns, quic) cannot be told apart from the others: evaluating
            // the test would be a guess, positive or negated.
            if list
                .split('|')
                .map(str::trim)
                .any(|p| !matches!(p, "failed" | "unknown") && !app_proto_modelled(p))
            {
                return unevaluated(b, o, at);
            }
        }
        "ip_proto" => {
            if b.rule.protocol != Protocol::Ip {
                return Err(Diagnostic::error(
                    Code::IpProtoNotIp,
                    at,
                    "Signature can use ip_proto keyword only when we use alert ip, in which case the _ANY flag is set on the sig and the if condition should match.",
                )
                .with_hint("write the rule as `alert ip ...` or drop ip_proto and use the protocol field"));
            }
            if b.rule.ip_proto.is_some() {
                return Err(Diagnostic::error(
                    Code::DuplicateKeyword,
                    at,
                    "can't use multiple ip_proto keywords in one rule",
                )
                .with_hint("a packet has one IP protocol; use ip_proto:<N, >N or !N for sets"));
            }
            let t = v.trim().trim_start_matches(['!', '<', '>']).trim();
            let ok = match t.parse::<u32>() {
                Ok(n) => n <= 255,
                Err(_) => IP_PROTO_NAMES.contains(&t.to_ascii_lowercase().as_str()),
            };
            if !ok {
                return Err(Diagnostic::error(Code::InvalidValue, vspan, format!("Invalid ip_proto value: {v}"))
                    .with_hint("ip_proto takes a protocol number 0-255 or a name from /etc/protocols (tcp, udp, icmp, ...)"));
            }
            b.rule.ip_proto = Some(v.trim().to_string());
        }
        "pkt_data" => {
            b.cur = None;
            b.active = None;
            b.list_set = false;
            b.pending.clear();
        }
        "content" => add_content(b, value.as_ref(), o, at)?,
        "nocase" => {
            let c = need_content(b, "nocase", at)?;
            if c.nocase {
                return Err(Diagnostic::error(
                    Code::DuplicateNocase,
                    at,
                    "can't use multiple nocase modifiers with the same content",
                ));
            }
            c.nocase = true;
            c.nocase_span = Some(at);
            c.pattern.make_ascii_lowercase();
        }
        "depth" => {
            let c = need_content(b, "depth", at)?;
            if c.depth.is_some() || c.startswith {
                return Err(Diagnostic::error(
                    Code::ContentPositionConflict,
                    at,
                    "can't use multiple depths for the same content.",
                ));
            }
            if c.is_relative() {
                return Err(Diagnostic::error(
                    Code::ContentPositionConflict,
                    at,
                    RELATIVE_ABSOLUTE,
                ));
            }
            if is_var(v) {
                known_var(b, "depth", v, vspan)?;
                return unevaluated(b, o, at);
            }
            let n = parse_u16("depth", v, vspan)?;
            let c = need_content(b, "depth", at)?;
            if (n as usize) < c.pattern.len() {
                return Err(Diagnostic::error(
                    Code::ContentPositionConflict,
                    vspan,
                    format!(
                        "depth:{n} is smaller than content length:{}",
                        c.pattern.len()
                    ),
                ));
            }
            c.depth = Some(n);
        }
        "offset" => {
            let c = need_content(b, "offset", at)?;
            if c.startswith {
                return Err(Diagnostic::error(
                    Code::ContentPositionConflict,
                    at,
                    "can't use offset with startswith",
                ));
            }
            if c.offset.is_some() {
                return Err(Diagnostic::error(
                    Code::ContentPositionConflict,
                    at,
                    "can't use multiple offsets for the same content.",
                ));
            }
            if c.is_relative() {
                return Err(Diagnostic::error(
                    Code::ContentPositionConflict,
                    at,
                    RELATIVE_ABSOLUTE,
                ));
            }
            if is_var(v) {
                known_var(b, "offset", v, vspan)?;
                return unevaluated(b, o, at);
            }
            let n = parse_u16("offset", v, vspan)?;
            need_content(b, "offset", at)?.offset = Some(n);
        }
        "startswith" => {
            let c = need_content(b, "startswith", at)?;
            if c.depth.is_some() || c.startswith {
                return Err(Diagnostic::error(
                    Code::ContentPositionConflict,
                    at,
                    "can't use multiple depth/startswith settings for the same content.",
                ));
            }
            if c.is_relative() {
                return Err(Diagnostic::error(
                    Code::ContentPositionConflict,
                    at,
                    RELATIVE_ABSOLUTE,
                ));
            }
            if c.offset.is_some() {
                return Err(Diagnostic::error(
                    Code::ContentPositionConflict,
                    at,
                    "can't mix offset with startswith.",
                )
                .with_hint("startswith means offset 0; remove one of them"));
            }
            c.startswith = true;
        }
        "endswith" => {
            let c = need_content(b, "endswith", at)?;
            c.endswith = true;
        }
        "distance" | "within" => {
            let c = need_content(b, name, at)?;
            if c.depth.is_some() || c.offset.is_some() || c.startswith {
                return Err(Diagnostic::error(
                    Code::ContentPositionConflict,
                    at,
                    RELATIVE_ABSOLUTE,
                ));
            }
            if (name == "within" && c.within.is_some())
                || (name == "distance" && c.distance.is_some())
            {
                return Err(Diagnostic::error(
                    Code::ContentPositionConflict,
                    at,
                    format!("can't use multiple {name}s for the same content."),
                ));
            }
            if is_var(v) {
                known_var(b, name, v, vspan)?;
                return unevaluated(b, o, at);
            }
            let n = parse_i32(name, v, vspan)?;
            let c = need_content(b, name, at)?;
            if name == "within" {
                if n < c.pattern.len() as i32 {
                    return Err(Diagnostic::error(
                        Code::WithinTooShort,
                        vspan,
                        format!(
                            "within argument \"{n}\" is less than the content length \"{}\" which is invalid, since this will never match.  Invalidating signature",
                            c.pattern.len()
                        ),
                    )
                    .with_hint("within counts from the end of the previous match and must cover the whole content"));
                }
                c.within = Some(n);
            } else {
                c.distance = Some(n);
            }
        }
        "fast_pattern" => {
            let c = need_content(b, "fast_pattern", at)?;
            c.fast_pattern = true;
            if !v.is_empty() {
                // `fast_pattern:only` / `fast_pattern:o,l`: no effect on results.
            }
        }
        "pcre" => add_pcre(b, value.as_ref(), at, ctx)?,
        "bsize" => {
            if b.cur.is_none() {
                return Err(Diagnostic::error(
                    Code::InvalidValue,
                    at,
                    "bsize keyword must follow a sticky buffer",
                )
                .with_hint("write `tls.sni; bsize:...;`"));
            }
            let cmp = parse_intcmp(v).ok_or_else(|| {
                Diagnostic::error(
                    Code::InvalidValue,
                    vspan,
                    format!("invalid bsize value: {v}"),
                )
                .with_hint("bsize takes n, !n, <n, <=n, >n, >=n or a<>b")
            })?;
            let l = b.active_list();
            b.rule.conditions[l].matches.push(Match::Bsize(cmp, at));
        }
        "isdataat" => {
            let negated =
                value.as_ref().is_some_and(|v| v.negated) || v.trim_start().starts_with('!');
            let body = v.trim().trim_start_matches('!');
            let mut parts = body.split(',').map(str::trim);
            let n = parts.next().unwrap_or("");
            let relative = parts.any(|p| p == "relative");
            let Ok(offset) = n.parse::<u32>() else {
                if is_var(n) {
                    known_var(b, "isdataat", n, vspan)?;
                    return unevaluated(b, o, at);
                }
                return Err(Diagnostic::error(
                    Code::InvalidValue,
                    vspan,
                    format!("isdataat: invalid value \"{v}\""),
                ));
            };
            let l = b.active_list();
            b.rule.conditions[l].matches.push(Match::IsDataAt {
                negated,
                offset,
                relative,
                span: at,
            });
        }
        _ => generic(b, kw, o, value.as_ref(), at, ctx)?,
    }
    Ok(())
}

/// Protocol names `getprotobyname` knows on a stock Linux `/etc/protocols`.
const IP_PROTO_NAMES: &[&str] = &[
    "ip",
    "hopopt",
    "icmp",
    "igmp",
    "ggp",
    "ipencap",
    "st",
    "tcp",
    "egp",
    "igp",
    "pup",
    "udp",
    "hmp",
    "xns-idp",
    "rdp",
    "iso-tp4",
    "dccp",
    "xtp",
    "ddp",
    "idpr-cmtp",
    "ipv6",
    "ipv6-route",
    "ipv6-frag",
    "idrp",
    "rsvp",
    "gre",
    "esp",
    "ah",
    "skip",
    "ipv6-icmp",
    "ipv6-nonxt",
    "ipv6-opts",
    "rspf",
    "vmtp",
    "eigrp",
    "ospf",
    "ax.25",
    "ipip",
    "etherip",
    "encap",
    "pim",
    "ipcomp",
    "vrrp",
    "l2tp",
    "isis",
    "sctp",
    "fc",
    "mobility-header",
    "udplite",
    "mpls-in-ip",
    "manet",
    "hip",
    "shim6",
    "wesp",
    "rohc",
    "ethernet",
];

/// `DetectFlowbitParse` + `DetectFlowbitSetup`: `^([a-z]+)(?:,\s*(.*))?`, a known
/// command, a name for every command but `noalert`, none for `noalert`.
fn flowbits(v: &str, at: Span) -> Res {
    let t = v.trim();
    let (cmd, name) = match t.split_once(',') {
        Some((c, n)) => (c, n.trim()),
        None => (t, ""),
    };
    let bad = |msg: String| {
        Err(Diagnostic::error(Code::InvalidValue, at, msg)
            .with_hint("flowbits:set|unset|toggle|isset|isnotset,<name>; or flowbits:noalert;"))
    };
    if cmd.is_empty() || !cmd.bytes().all(|c| c.is_ascii_lowercase()) {
        return bad(format!("\"{v}\" is not a valid setting for flowbits."));
    }
    match cmd {
        "noalert" if name.is_empty() => Ok(()),
        "noalert" => bad("flowbits:noalert takes no name".to_string()),
        "isset" | "isnotset" | "set" | "unset" | "toggle" if !name.is_empty() => Ok(()),
        "isset" | "isnotset" | "set" | "unset" | "toggle" => {
            bad(format!("flowbits:{cmd} needs a flowbit name"))
        }
        _ => bad(format!(
            "ERROR: flowbits action \"{cmd}\" is not supported."
        )),
    }
}

/// `DetectThresholdParse`: `type`, `track`, `count` and `seconds` (or
/// `multiplier` for `backoff`), each once, with valid values.
fn threshold(kw: &str, v: &str, at: Span) -> Res {
    let bad = |msg: String| {
        Err(Diagnostic::error(Code::InvalidValue, at, msg).with_hint(
            "threshold:type limit|threshold|both|backoff, track by_src|by_dst|by_rule|by_both|by_flow, count N, seconds N",
        ))
    };
    let (mut ty, mut track, mut count, mut seconds, mut mult) = (None, None, None, None, None);
    for item in v.split(',') {
        let mut it = item.split_whitespace();
        let (Some(k), Some(val), None) = (it.next(), it.next(), it.next()) else {
            return bad(format!("{kw}: invalid option \"{}\"", item.trim()));
        };
        let slot = match k.to_ascii_lowercase().as_str() {
            "type" if kw == "threshold" => &mut ty,
            "track" => &mut track,
            "count" => &mut count,
            "seconds" => &mut seconds,
            "multiplier" if kw == "threshold" => &mut mult,
            _ => return bad(format!("{kw}: unknown option \"{k}\"")),
        };
        if slot.is_some() {
            return bad(format!("{kw}: \"{k}\" given twice"));
        }
        *slot = Some(val.to_ascii_lowercase());
    }
    if let Some(t) = &ty {
        if !matches!(t.as_str(), "limit" | "threshold" | "both" | "backoff") {
            return bad(format!("{kw}: invalid type \"{t}\""));
        }
    }
    if let Some(t) = &track {
        if !matches!(
            t.as_str(),
            "by_src" | "by_dst" | "by_rule" | "by_both" | "by_flow"
        ) {
            return bad(format!("{kw}: invalid track \"{t}\""));
        }
    }
    for (name, n) in [
        ("count", &count),
        ("seconds", &seconds),
        ("multiplier", &mult),
    ] {
        if let Some(n) = n {
            if n.parse::<u32>().is_err() {
                return bad(format!("{kw}: invalid {name} \"{n}\""));
            }
        }
    }
    let backoff = ty.as_deref() == Some("backoff");
    let complete = (kw != "threshold" || ty.is_some())
        && track.is_some()
        && count.is_some()
        && if backoff {
            mult.is_some()
        } else {
            seconds.is_some()
        };
    if !complete {
        return bad(format!("{kw}: missing one of type, track, count, seconds"));
    }
    Ok(())
}

fn parse_u32_strict(v: &str) -> Option<u32> {
    let t = v.trim();
    let d: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if d.is_empty() {
        return None;
    }
    d.parse().ok()
}

/// `bsize` values (8.x integer keyword syntax, decimal).
pub(crate) fn parse_intcmp(v: &str) -> Option<IntCmp> {
    let t = v.trim();
    let num = |s: &str| -> Option<u64> {
        let s = s.trim();
        if let Some(h) = s.strip_prefix("0x") {
            return u64::from_str_radix(h, 16).ok();
        }
        let (n, mul) = if let Some(n) = s.strip_suffix("kb") {
            (n, 1024)
        } else if let Some(n) = s.strip_suffix("mb") {
            (n, 1024 * 1024)
        } else if let Some(n) = s.strip_suffix("gb") {
            (n, 1024 * 1024 * 1024)
        } else {
            (s, 1)
        };
        n.trim().parse::<u64>().ok().map(|x| x * mul)
    };
    let (neg, t) = match t.strip_prefix('!') {
        Some(r) => (true, r.trim()),
        None => (false, t),
    };
    for sep in ["<>", "-"] {
        if let Some((a, bb)) = t.split_once(sep) {
            if a.trim().is_empty() {
                continue;
            }
            let (a, bb) = (num(a)?, num(bb)?);
            // 8.0.6 `uint.rs`: a range must leave at least one value strictly inside.
            if a >= bb || bb - a <= 1 {
                return None;
            }
            return Some(if neg {
                IntCmp::NotRange(a, bb)
            } else {
                IntCmp::Range(a, bb)
            });
        }
    }
    let r = if let Some(r) = t.strip_prefix("<=") {
        IntCmp::Le(num(r)?)
    } else if let Some(r) = t.strip_prefix(">=") {
        IntCmp::Ge(num(r)?)
    } else if let Some(r) = t.strip_prefix('<') {
        IntCmp::Lt(num(r)?)
    } else if let Some(r) = t.strip_prefix('>') {
        IntCmp::Gt(num(r)?)
    } else if let Some(r) = t.strip_prefix('=') {
        IntCmp::Eq(num(r)?)
    } else {
        IntCmp::Eq(num(t)?)
    };
    if neg {
        match r {
            IntCmp::Eq(n) => Some(IntCmp::Ne(n)),
            _ => None,
        }
    } else {
        Some(r)
    }
}

/// `DetectFlowParse` + `DetectFlowSetup`: flags and their conflicts in the order
/// Suricata checks them, with its messages.
fn flow(b: &mut Builder<'_>, v: &str, vspan: Span, at: Span) -> Res {
    const EST: u8 = 1;
    const NOT_EST: u8 = 2;
    const STATELESS: u8 = 4;
    const TS: u8 = 8;
    const TC: u8 = 16;
    let items: Vec<&str> = v.split(',').map(str::trim).collect();
    let bad = |msg: String| {
        Err(Diagnostic::error(Code::FlowOption, vspan, msg)
            .with_hint("flow takes up to three of: established, not_established, stateless, to_server, to_client, only_stream, no_stream, only_frag, no_frag"))
    };
    if items.len() > 3 || items.iter().any(|i| i.is_empty()) {
        return bad(format!("parse error, ret -1, string {v}"));
    }
    let mut fl: u8 = 0;
    let mut f = Flow::default();
    for item in &items {
        let lower = item.to_ascii_lowercase();
        match lower.as_str() {
            "established" => {
                if fl & EST != 0 {
                    return bad("DETECT_FLOW_FLAG_ESTABLISHED flag is already set".into());
                } else if fl & NOT_EST != 0 {
                    return bad("cannot set DETECT_FLOW_FLAG_ESTABLISHED, DETECT_FLOW_FLAG_NOT_ESTABLISHED already set".into());
                } else if fl & STATELESS != 0 {
                    return bad("DETECT_FLOW_FLAG_STATELESS already set".into());
                }
                fl |= EST;
                f.established = Some(true);
            }
            "not_established" => {
                if fl & NOT_EST != 0 {
                    return bad("DETECT_FLOW_FLAG_NOT_ESTABLISHED flag is already set".into());
                } else if fl & EST != 0 {
                    return bad("cannot set DETECT_FLOW_FLAG_NOT_ESTABLISHED, DETECT_FLOW_FLAG_ESTABLISHED already set".into());
                }
                fl |= NOT_EST;
                f.established = Some(false);
            }
            "stateless" => {
                if fl & STATELESS != 0 {
                    return bad("DETECT_FLOW_FLAG_STATELESS flag is already set".into());
                } else if fl & EST != 0 {
                    return bad("cannot set DETECT_FLOW_FLAG_STATELESS, DETECT_FLOW_FLAG_ESTABLISHED already set".into());
                }
                fl |= STATELESS;
                f.stateless = true;
            }
            "to_client" | "from_server" => {
                if fl & TC != 0 {
                    return bad("cannot set DETECT_FLOW_FLAG_TOCLIENT flag is already set".into());
                } else if fl & TS != 0 {
                    return bad(
                        "cannot set to_client, DETECT_FLOW_FLAG_TOSERVER already set".into(),
                    );
                }
                fl |= TC;
                f.direction = Some(FlowDirection::ToClient);
            }
            "to_server" | "from_client" => {
                if fl & TS != 0 {
                    return bad("cannot set DETECT_FLOW_FLAG_TOSERVER flag is already set".into());
                } else if fl & TC != 0 {
                    return bad(
                        "cannot set to_server, DETECT_FLOW_FLAG_TO_CLIENT flag already set".into(),
                    );
                }
                fl |= TS;
                f.direction = Some(FlowDirection::ToServer);
            }
            "only_stream" | "no_stream" | "only_frag" | "no_frag" => {
                let (slot, want, other) = match lower.as_str() {
                    "only_stream" => (&mut f.stream, true, "no_stream"),
                    "no_stream" => (&mut f.stream, false, "only_stream"),
                    "only_frag" => (&mut f.frag, true, "no_frag"),
                    _ => (&mut f.frag, false, "only_frag"),
                };
                match *slot {
                    Some(prev) if prev == want => {
                        return bad(format!("cannot set {lower} flag is already set"))
                    }
                    Some(_) => return bad(format!("cannot set {lower} flag, {other} already set")),
                    None => *slot = Some(want),
                }
            }
            _ => return bad(format!("invalid flow option \"{item}\"")),
        }
    }
    // `DetectFlowSetup`: a flow with only a direction adds no match and may be
    // followed by another flow; any other flow makes a second one an error.
    if b.flow_matched {
        return Err(Diagnostic::error(
            Code::FlowOption,
            at,
            "A signature may have only one flow option.",
        )
        .with_hint("merge them: `flow:established,to_server;`"));
    }
    // Any flag but a direction adds the match (`SIG_FLAG_INIT_FLOW`): the
    // fragment options too, and in Suricata 7 the stream options (8 keeps
    // those apart, as parse flags).
    let stream_is_flag = b.dialect == Dialect::Aws;
    let has_match =
        fl & !(TS | TC) != 0 || f.frag.is_some() || (f.stream.is_some() && stream_is_flag);
    if has_match {
        b.flow_matched = true;
    }
    let prev = std::mem::take(&mut b.rule.flow);
    // An earlier flow without a match may still have set the stream parse
    // flags (Suricata 8).
    f.stream = f.stream.or(prev.stream);
    f.direction = match (prev.direction, f.direction) {
        // Both direction flags set: the rule inspects both directions.
        (Some(p), Some(n)) if p != n => None,
        (p, n) => n.or(p),
    };
    f.span = Some(at);
    f.stream_matches = stream_is_flag;
    b.rule.flow = f;
    Ok(())
}

fn add_content(b: &mut Builder<'_>, value: Option<&Value<'_>>, o: &RawOption<'_>, at: Span) -> Res {
    let Some(value) = value else {
        return Err(Diagnostic::error(
            Code::MissingValue,
            at,
            "invalid formatting or malformed option to content keyword: 'content'",
        ));
    };
    let bytes = content::decode(value.text).map_err(|e| {
        let code = match e {
            content::ContentError::BadEscape { .. } => Code::ContentEscape,
            content::ContentError::UnescapedQuote { .. } => Code::ContentQuote,
            _ => Code::ContentHex,
        };
        let p = value.range.start + e.at();
        Diagnostic::error(
            code,
            b.span(p..p + 1),
            e.message(&o.name.to_ascii_lowercase(), value.text),
        )
        .with_hint(match code {
            Code::ContentEscape => {
                "only \\; \\\" \\\\ and \\: are escapes in content; write other bytes as |hex|"
            }
            Code::ContentQuote => "escape a quote inside content as \\\" or |22|",
            _ => "hex bytes go between pipes as pairs of hex digits: |0d 0a|",
        })
    })?;
    let l = b.active_list();
    let cond = &b.rule.conditions[l];
    if !value.negated {
        for t in &cond.transforms {
            let bad = match t {
                Transform::ToLowercase => bytes.iter().any(|c| c.is_ascii_uppercase()),
                Transform::ToUppercase => bytes.iter().any(|c| c.is_ascii_lowercase()),
                _ => false,
            };
            if bad {
                return Err(Diagnostic::error(
                    Code::TransformCaseConflict,
                    b.span(value.range.clone()),
                    format!(
                        "content string \"{}\" incompatible with {} transform",
                        value.text,
                        t.name()
                    ),
                )
                .with_hint("after a case transform, write the content in that case"));
            }
        }
    }
    b.rule.conditions[l].matches.push(Match::Content(Content {
        pattern: bytes,
        negated: value.negated,
        span: at,
        ..Content::default()
    }));
    b.last_content = Some((l, b.rule.conditions[l].matches.len() - 1));
    Ok(())
}

fn add_pcre(b: &mut Builder<'_>, value: Option<&Value<'_>>, at: Span, ctx: &LowerCtx<'_>) -> Res {
    let Some(value) = value else {
        return Err(Diagnostic::error(
            Code::MissingValue,
            at,
            "invalid formatting or malformed option to pcre keyword: 'pcre'",
        ));
    };
    let text = value.text;
    let vspan = b.span(value.range.clone());
    let bad = || {
        Diagnostic::error(
            Code::PcreInvalid,
            vspan,
            format!("pcre parse error: {text}"),
        )
        .with_hint("write the regex between slashes: pcre:\"/regex/flags\"")
    };
    let body = text.strip_prefix('/').ok_or_else(bad)?;
    let end = body.rfind('/').ok_or_else(bad)?;
    let (pattern, flags) = (&body[..end], &body[end + 1..]);
    for f in flags.chars() {
        if !"ismxAEGORBUIPQHDMCSYVWZ".contains(f) {
            return Err(Diagnostic::error(
                Code::PcreInvalid,
                vspan,
                format!("unknown regex modifier '{f}'"),
            ));
        }
    }
    if flags.contains('W') && pattern.chars().any(|c| c.is_ascii_uppercase()) {
        return Err(Diagnostic::error(
            Code::PcreInvalid,
            vspan,
            "pcre host(\"W\") specified has an uppercase char.  Since the hostname buffer we match against is actually lowercase, please specify an all lowercase based pcre.",
        ));
    }
    let _ = ctx;
    // A buffer flag (`/U`, `/H`, `/W`, ...) selects an HTTP buffer, like a legacy
    // content modifier (`DetectPcreSetup`).
    let flag_buffer = flags.chars().find_map(|f| {
        Some(match f {
            'U' => ("http.uri", "http request uri"),
            'I' => ("http.uri.raw", "raw http uri"),
            'P' => ("http.request_body", "http request body"),
            'Q' => ("file.data", "http response body"),
            'H' => ("http.header", "http header"),
            'D' => ("http.header.raw", "raw http header"),
            'M' => ("http.method", "http request method"),
            'C' => ("http.cookie", "http cookie"),
            'S' => ("http.stat_code", "http response status code"),
            'Y' => ("http.stat_msg", "http response status message"),
            'V' => ("http.user_agent", "http user agent"),
            'W' => ("http.host", "http host"),
            'Z' => ("http.host.raw", "raw http host"),
            _ => return None,
        })
    });
    if let Some((bufname, desc)) = flag_buffer {
        let buf = Buffer::from_name(bufname);
        let active_ok = match (&b.active, bufname) {
            (None, _) => true,
            (Some(a), _) if *a == buf => true,
            // `/Q` is the response body, which 8.x names file.data / http.response_body.
            (Some(Buffer::Other(n)), "file.data") => n == "http.response_body" || n == "file.data",
            _ => false,
        };
        if !active_ok {
            return Err(Diagnostic::error(
                Code::ModifierWithStickyBuffer,
                vspan,
                format!("Expression seen with a sticky buffer still set; either (1) reset sticky buffer with pkt_data or (2) use a sticky buffer providing \"{desc}\"."),
            )
            .with_hint(format!("drop the /{} flag and rely on the active buffer, or put the pcre after `{bufname};`", flags.chars().find(|f| "UIPQHDMCSYVWZ".contains(*f)).unwrap_or('?'))));
        }
        if b.active.is_none() {
            b.set_alproto("http", at)?;
            let idx = match b
                .rule
                .conditions
                .iter()
                .position(|c| c.buffer == buf && c.transforms.is_empty())
            {
                Some(i) => i,
                None => {
                    b.rule.conditions.push(Condition {
                        buffer: buf,
                        transforms: Vec::new(),
                        matches: Vec::new(),
                        // Like a legacy modifier, the flag binds the rule to HTTP/1.
                        legacy: Some("pcre".to_string()),
                        span: at,
                    });
                    b.rule.conditions.len() - 1
                }
            };
            b.rule.conditions[idx].matches.push(Match::Pcre {
                pattern: pattern.to_string(),
                flags: flags.to_string(),
                negated: value.negated,
                evaluable: false,
                final_newline: false,
                span: at,
            });
            return Ok(());
        }
    }
    let l = b.active_list();
    // A pcre regex-syntax cannot express (backreferences, look-around) still loads
    // in Suricata (PCRE2); Ferrule keeps it and marks the rule inert.
    let buffer_flag = flags.chars().any(|f| "UIPQHDMCSYVWZ".contains(f));
    let parsed = regex_automata::util::syntax::parse_with(pattern, &super::pcre::syntax(flags));
    if let Err(regex_syntax::Error::Parse(e)) = &parsed {
        use regex_syntax::ast::ErrorKind as K;
        // Errors PCRE2 reports as well: the rule fails to load in Suricata.
        if matches!(
            e.kind(),
            K::GroupUnclosed | K::GroupUnopened | K::ClassUnclosed
        ) {
            return Err(Diagnostic::error(
                Code::PcreInvalid,
                vspan,
                format!(
                    "pcre2 compile of \"{pattern}\" failed at offset {}: {}",
                    e.span().start.offset,
                    e.kind()
                ),
            )
            .with_hint("fix the regular expression"));
        }
    }
    if parsed.is_err() || buffer_flag || flags.contains('R') {
        let why = if buffer_flag || flags.contains('R') {
            "pcre buffer/relative flags are not evaluated by Ferrule"
        } else {
            "this regex uses PCRE features (backreferences, look-around, ...) that Ferrule's linear-time engine cannot express"
        };
        b.warnings.push(
            Diagnostic::warning(
                Code::PcreUnsupported,
                vspan,
                format!("pcre not evaluated: {why}; the rule is inert"),
            )
            .with_hint(
                "rewrite the pattern without backreferences/look-around, or use content matches",
            ),
        );
    }
    let mut evaluable = !(parsed.is_err() || buffer_flag || flags.contains('R'));
    let mut final_newline = false;
    if evaluable {
        match super::dollar::dollar(pattern, flags) {
            Ok(d) => final_newline = d == super::dollar::Dollar::FinalNewline,
            Err(why) => {
                b.warnings.push(
                Diagnostic::warning(
                    Code::PcreUnsupported,
                    vspan,
                    format!("pcre not evaluated: {why}; the rule is inert"),
                )
                .with_hint("for the very end of the buffer use `\\z` or the `E` flag; write PCRE's literal `<`/`>` without a backslash"),
            );
                evaluable = false;
            }
        }
    }
    b.rule.conditions[l].matches.push(Match::Pcre {
        pattern: pattern.to_string(),
        flags: flags.to_string(),
        negated: value.negated,
        evaluable,
        final_newline,
        span: at,
    });
    Ok(())
}

fn unevaluated(b: &mut Builder<'_>, o: &RawOption<'_>, at: Span) -> Res {
    b.rule.unevaluated.push(Unevaluated {
        name: o.name.to_ascii_lowercase(),
        value: o.value.map(|v| v.trim().to_string()),
        span: at,
        derived: false,
    });
    Ok(())
}

fn kw_direction(b: &mut Builder<'_>, d: KwDirection) {
    match d {
        KwDirection::ToServer => b.buf_dirs.0 = true,
        KwDirection::ToClient => b.buf_dirs.1 = true,
        _ => {}
    }
}

/// Everything not handled by name: sticky buffers, legacy modifiers, transforms,
/// and keywords Ferrule keeps without evaluating.
fn generic(
    b: &mut Builder<'_>,
    kw: &'static keywords::Keyword,
    o: &RawOption<'_>,
    value: Option<&Value<'_>>,
    at: Span,
    _ctx: &LowerCtx<'_>,
) -> Res {
    match kw.kind {
        KeywordKind::StickyBuffer => {
            let buf = Buffer::from_name(kw.buffer.unwrap_or(kw.name));
            b.set_sticky(buf, at)?;
            if let Some(a) = kw.alproto {
                b.set_alproto(a, at)?;
            }
            kw_direction(b, kw.direction);
            Ok(())
        }
        KeywordKind::ContentModifier => {
            let bufname = kw.buffer.unwrap_or(kw.name);
            if b.cur.is_some() {
                return Err(Diagnostic::error(
                    Code::ModifierWithStickyBuffer,
                    at,
                    format!("\"{}\" keyword seen with a sticky buffer still set.  Reset sticky buffer with pkt_data before using the modifier.", o.name),
                )
                .with_hint(format!("use the sticky buffer form: `{bufname}; content:...;`")));
            }
            if let (Some(cur), Some(al)) = (b.rule.app_proto.clone(), kw.alproto) {
                if !app_proto_equals(&cur, al) {
                    return Err(Diagnostic::error(
                        Code::ConflictingAppProto,
                        at,
                        "rule contains conflicting alprotos set",
                    ));
                }
            }
            let Some((l, m)) = b.last_content.filter(|(l, _)| Some(*l) == b.payload) else {
                return Err(Diagnostic::error(
                    Code::ModifierWithoutContent,
                    at,
                    format!("\"{0}\" keyword found inside the rule without a content context.  Please use a \"content\" keyword before using the \"{0}\" keyword", o.name),
                )
                .with_hint(format!("write `content:\"...\"; {};` or the sticky form `{bufname}; content:\"...\";`", o.name)));
            };
            if b.rule.app_proto.is_none() {
                if let Some(al) = kw.alproto {
                    b.rule.app_proto = Some(al.to_string());
                }
            }
            // Move the content from the payload into the buffer.
            let moved = b.rule.conditions[l].matches.remove(m);
            let buf = Buffer::from_name(bufname);
            let idx = match b
                .rule
                .conditions
                .iter()
                .position(|c| c.buffer == buf && c.transforms.is_empty())
            {
                Some(i) => i,
                None => {
                    b.rule.conditions.push(Condition {
                        buffer: buf,
                        transforms: Vec::new(),
                        matches: Vec::new(),
                        legacy: Some(kw.name.to_string()),
                        span: at,
                    });
                    b.rule.conditions.len() - 1
                }
            };
            b.rule.conditions[idx].matches.push(moved);
            b.last_content = Some((idx, b.rule.conditions[idx].matches.len() - 1));
            kw_direction(b, kw.direction);
            Ok(())
        }
        KeywordKind::Transform => {
            if b.cur.is_none() || !b.list_set {
                return Err(Diagnostic::error(Code::TransformPlacement, at, "transforms must directly follow stickybuffers")
                    .with_hint("write the transform right after the buffer: `tls.sni; dotprefix; content:...;`"));
            }
            if b.pending.len() >= 16 {
                return Err(Diagnostic::error(
                    Code::TooManyTransforms,
                    at,
                    "DETECT_TRANSFORMS_MAX 16 reached",
                ));
            }
            let t = match kw.name {
                "dotprefix" => Transform::DotPrefix,
                "to_lowercase" => Transform::ToLowercase,
                "to_uppercase" => Transform::ToUppercase,
                "strip_whitespace" => Transform::StripWhitespace,
                "compress_whitespace" => Transform::CompressWhitespace,
                "domain" => Transform::Domain,
                "tld" => Transform::Tld,
                other => Transform::Other(other.to_string(), value.map(|v| v.text.to_string())),
            };
            b.pending.push(t);
            Ok(())
        }
        _ => {
            if kw.flags & flags::PACKET != 0 && b.packet_kw.is_none() {
                b.packet_kw = Some(at);
            }
            if kw.name == "dsize" {
                b.dsize = value.and_then(|v| parse_intcmp(v.text));
            }
            if let Some(v) = value {
                match kw.name {
                    "byte_extract" => {
                        if let Some(n) = v.text.split(',').nth(2) {
                            b.byte_vars.push(n.trim().to_string());
                        }
                    }
                    "byte_math" => {
                        let mut it = v.text.split(',').map(str::trim);
                        if let Some(n) = it.find_map(|p| p.strip_prefix("result")) {
                            b.byte_vars.push(n.trim().to_string());
                        }
                    }
                    _ => {}
                }
            }
            if kw.kind == KeywordKind::PayloadModifier && b.last_content.is_none() {
                return Err(Diagnostic::error(
                    Code::ModifierWithoutContent,
                    at,
                    format!("{} needs preceding content option", kw.name),
                )
                .with_hint(format!("put `{}` after the `content` it modifies", kw.name)));
            }
            if let Some(a) = kw.alproto {
                b.set_alproto(a, at)?;
            }
            if kw.kind == KeywordKind::Payload || kw.kind == KeywordKind::PayloadModifier {
                let l = b.active_list();
                b.rule.conditions[l].matches.push(Match::Other {
                    name: kw.name.to_string(),
                    value: value.map(|v| v.text.to_string()),
                    span: at,
                });
                return Ok(());
            }
            unevaluated(b, o, at)
        }
    }
}

/// Whole-rule validation after every option was applied.
pub(super) fn finish(b: &mut Builder<'_>, ctx: &LowerCtx<'_>) -> Res {
    let sid = b.rule.meta.sid;
    // Buffers with no matches.
    for c in &b.rule.conditions {
        if c.matches.is_empty() && c.buffer != Buffer::Payload {
            return Err(Diagnostic::error(
                Code::BufferWithoutMatch,
                c.span,
                format!("rule {sid} setup buffer {} but didn't add matches to it", c.buffer.name()),
            )
            .with_hint("a sticky buffer must be followed by content, pcre, bsize, ...; legacy modifiers like `http_host` go after their content"));
        }
    }
    // Empty payload list (its only content moved to a buffer) is dropped.
    b.rule
        .conditions
        .retain(|c| !(c.buffer == Buffer::Payload && c.matches.is_empty()));
    let has_buffer = b
        .rule
        .conditions
        .iter()
        .any(|c| c.buffer != Buffer::Payload);
    let has_app = b.rule.app_proto.is_some() || has_buffer;
    // `tcp-pkt` and `flow:no_stream` make a packet rule (SIG_FLAG_REQUIRE_PACKET);
    // an app-layer buffer cannot be inspected on packets.
    let no_stream = b.rule.flow.stream == Some(false);
    if (has_app && b.rule.protocol == Protocol::TcpPkt)
        || (has_buffer && (b.packet_kw.is_some() || no_stream))
    {
        let at = b
            .packet_kw
            .unwrap_or(if b.rule.protocol == Protocol::TcpPkt {
                b.header.protocol
            } else {
                b.rule.flow.span.unwrap_or(b.rule.span)
            });
        return Err(Diagnostic::error(
            Code::PacketAppMix,
            at,
            "Signature combines packet specific matches (like dsize, flags, ttl) with stream / state matching by matching on app layer proto (like using http_* keywords).",
        )
        .with_hint("split it into a packet rule and an app-layer rule"));
    }
    // Buffer validators (skipped for transformed buffers, as in Suricata).
    for c in &b.rule.conditions {
        if c.buffer == Buffer::HttpHost && c.transforms.is_empty() {
            for m in &c.matches {
                if let Match::Content(ct) = m {
                    if ct.nocase {
                        // Suricata logs this as a warning, then the rule fails to load.
                        return Err(Diagnostic::error(
                            Code::HttpHostNocase,
                            ct.nocase_span.unwrap_or(ct.span),
                            format!("rule {sid}: http.host keyword specified along with \"nocase\". The hostname buffer is normalized to lowercase, specifying nocase is redundant."),
                        )
                        .with_hint("Suricata rejects this rule: remove `nocase` and write the pattern in lowercase"));
                    }
                    if ct.pattern.iter().any(|b| b.is_ascii_uppercase()) {
                        return Err(Diagnostic::error(
                            Code::HttpHostUppercase,
                            ct.span,
                            format!("rule {sid}: A pattern with uppercase characters detected for http.host. The hostname buffer is normalized to lowercase, please specify a lowercase pattern."),
                        )
                        .with_hint("write the host pattern in lowercase"));
                    }
                }
            }
        }
        // Behind a transform Suricata skips the case check (SEMANTICS §2.5): the
        // rule loads and can never match an uppercase pattern.
        if c.buffer == Buffer::HttpHost
            && !c.transforms.is_empty()
            && !c
                .transforms
                .iter()
                .any(|t| matches!(t, Transform::ToUppercase | Transform::Other(..)))
        {
            for m in &c.matches {
                if let Match::Content(ct) = m {
                    if !ct.negated
                        && !ct.nocase
                        && ct.pattern.iter().any(|b| b.is_ascii_uppercase())
                    {
                        b.warnings.push(
                            Diagnostic::warning(
                                Code::NeverMatches,
                                ct.span,
                                format!("rule {sid}: this http.host pattern has uppercase characters and can never match: the buffer is lowercase and the transform does not change that"),
                            )
                            .with_hint("Suricata skips its case check behind a transform, so the rule loads; write the pattern in lowercase"),
                        );
                    }
                }
            }
        }
        // bsize against the content chain.
        let bsize = c.matches.iter().find_map(|m| match m {
            Match::Bsize(cmp, span) => upper_bound(cmp).map(|max| (max, *cmp, *span)),
            _ => None,
        });
        if let Some((max, cmp, span)) = bsize {
            let (len, offset) = required_size(&c.matches);
            if len > max as i64 || len + offset > max as i64 {
                let need = if len > max as i64 { len } else { len + offset };
                let (kind, shown) = bound_text(&cmp);
                return Err(Diagnostic::error(
                    Code::BsizeContradiction,
                    span,
                    format!("signature can't match as required content length {need} exceeds bsize {kind}: {shown}"),
                )
                .with_hint("the buffer can never be long enough for these contents"));
            }
        }
    }
    // dsize against the payload's content chain.
    if let (Some(dsize), Some(p)) = (
        b.dsize,
        b.rule
            .conditions
            .iter()
            .find(|c| c.buffer == Buffer::Payload),
    ) {
        if let Some(max) = upper_bound(&dsize) {
            let (len, offset) = required_size(&p.matches);
            if len > max as i64 || len + offset > max as i64 {
                let need = if len > max as i64 { len } else { len + offset };
                let (kind, shown) = bound_text(&dsize);
                return Err(Diagnostic::error(
                    Code::BsizeContradiction,
                    b.packet_kw.unwrap_or(b.rule.span),
                    format!("signature can't match as required content length {need} exceeds dsize {kind}: {shown}"),
                )
                .with_hint("the payload can never be long enough for these contents"));
            }
        }
    }
    // Directions.
    let (ts, tc) = b.buf_dirs;
    if let Some(d) = b.rule.flow.direction {
        if (d == FlowDirection::ToClient && ts && !tc)
            || (d == FlowDirection::ToServer && tc && !ts)
        {
            return Err(Diagnostic::error(
                Code::ConflictingDirections,
                b.rule.flow.span.unwrap_or(b.rule.span),
                format!("rule {sid} mixes keywords with conflicting directions"),
            )
            .with_hint("tls.sni and http.host only exist to_server; remove flow:to_client"));
        }
        if let Some(hook) = &b.rule.hook {
            let hook = hook.trim_start_matches('<');
            let hook_to_client = hook.starts_with("response") || hook.starts_with("server");
            let generic = matches!(hook, "flow_start" | "pre_flow" | "pre_stream" | "all");
            if !generic && d == FlowDirection::ToClient && !hook_to_client {
                return Err(Diagnostic::error(
                    Code::ConflictingDirections,
                    b.rule.flow.span.unwrap_or(b.rule.span),
                    format!("rule {sid} has flow to_client but a hook to_server"),
                ));
            }
            if !generic && d == FlowDirection::ToServer && hook_to_client {
                return Err(Diagnostic::error(
                    Code::ConflictingDirections,
                    b.rule.flow.span.unwrap_or(b.rule.span),
                    format!("rule {sid} has flow to_server but a hook to_client"),
                ));
            }
        }
    }
    if b.rule.direction == Direction::Transactional {
        if b.rule.flow.direction.is_some() {
            return Err(Diagnostic::error(
                Code::BothDirectionsRequired,
                b.rule.flow.span.unwrap_or(b.header.direction),
                format!("rule {sid} means to use both directions, cannot specify a flow direction"),
            ));
        }
        if !(ts && tc) {
            return Err(Diagnostic::error(
                Code::BothDirectionsRequired,
                b.header.direction,
                format!("rule {sid} should use both directions, but does not"),
            )
            .with_hint("`=>` needs a to-server and a to-client buffer; use `->` otherwise"));
        }
    }
    // A rule on an app-layer protocol the query model does not carry (ssh,
    // smb, ntp, ...) would never match, where Suricata matches that
    // protocol's flows: inert, not silently dead.
    if let Protocol::App(p) = &b.rule.protocol {
        if !app_proto_modelled(p) {
            let name = format!("protocol {p}");
            b.rule.unevaluated.push(Unevaluated {
                name,
                value: None,
                span: b.header.protocol,
                derived: true,
            });
        }
    }
    // A pcre whose `$` may also match before a final newline ends either at
    // the newline or after it, whichever path PCRE tries first: a relative
    // match after it would depend on which (`lower::dollar`).
    for c in b.rule.conditions.iter_mut() {
        let mut pending: Option<usize> = None;
        let mut relative_after = Vec::new();
        for (i, m) in c.matches.iter().enumerate() {
            let relative = match m {
                Match::Content(ct) => ct.distance.is_some() || ct.within.is_some(),
                Match::IsDataAt { relative, .. } => *relative,
                _ => false,
            };
            if relative {
                if let Some(p) = pending {
                    relative_after.push(p);
                }
            }
            if let Match::Pcre {
                evaluable: true,
                final_newline: true,
                ..
            } = m
            {
                pending = Some(i);
            }
        }
        for i in relative_after {
            if let Match::Pcre {
                evaluable, span, ..
            } = &mut c.matches[i]
            {
                if *evaluable {
                    *evaluable = false;
                    b.warnings.push(
                        Diagnostic::warning(
                            Code::PcreUnsupported,
                            *span,
                            "pcre not evaluated: a relative match follows a `$` that PCRE also matches before a final newline, so where the pcre match ends is not known; the rule is inert",
                        )
                        .with_hint("end the pattern with `\\z` (or use the `E` flag), or drop the relative match"),
                    );
                }
            }
        }
    }
    // Inert: report once.
    let _ = ctx;
    if b.rule.is_inert() {
        let names: Vec<String> = inert_reasons(&b.rule);
        b.warnings.push(
            Diagnostic::warning(
                Code::InertRule,
                b.rule.span,
                format!("rule loads but Ferrule cannot evaluate {}: it is inert and never decides", names.join(", ")),
            )
            .with_hint("Ferrule evaluates headers (app-layer protocols tls, http, http1, http2, dns, quic), flow, tls.sni, http.host(.raw), http.header_names, dns.query, quic.sni with content/pcre/bsize/isdataat; --strict turns this into an error"),
        );
    }
    Ok(())
}

/// Can a query carry this app-layer protocol (SPEC §4)? The matcher's own
/// mapping decides, so the two never disagree.
fn app_proto_modelled(name: &str) -> bool {
    ferrule_matcher::table::AppMask::from_rule_name(name)
        != ferrule_matcher::table::AppMask::default()
}

/// Largest value an integer comparison admits, if bounded.
///
/// Mirrors `SigParseGetMaxBsize`: `<n` and `n` give n, `a<>b` gives b; `<=`,
/// `>`, `>=`, `!` give no bound. (So `content:"abc"; bsize:<3;` loads in
/// Suricata although it can never match.)
fn upper_bound(cmp: &IntCmp) -> Option<u64> {
    match *cmp {
        IntCmp::Eq(n) | IntCmp::Lt(n) => Some(n),
        IntCmp::Range(_, hi) => Some(hi),
        _ => None,
    }
}

/// The value Suricata prints in a size contradiction: `n` or `a-b`.
fn bound_text(cmp: &IntCmp) -> (&'static str, String) {
    match *cmp {
        IntCmp::Range(lo, hi) => ("range", format!("{lo}-{hi}")),
        IntCmp::Eq(n) | IntCmp::Lt(n) => ("value", n.to_string()),
        _ => ("value", String::new()),
    }
}

/// `SigParseRequiredContentSize`: the length a content chain needs (first content
/// plus every relative, non-negated content and its distance) and the largest
/// absolute offset.
fn required_size(matches: &[Match]) -> (i64, i64) {
    let mut total: i64 = 0;
    let mut max_offset: i64 = 0;
    let mut first = true;
    for m in matches {
        let Match::Content(c) = m else { continue };
        if !first {
            if !c.is_relative() || c.negated {
                continue;
            }
            total += c.distance.unwrap_or(0) as i64;
        } else if c.negated {
            continue;
        }
        total += c.pattern.len() as i64;
        max_offset = max_offset.max(c.offset.unwrap_or(0) as i64);
        first = false;
    }
    (total, max_offset)
}

/// Why a rule is inert, as keyword names.
pub fn inert_reasons(r: &Rule) -> Vec<String> {
    let mut names: Vec<String> = r
        .unevaluated
        .iter()
        .map(|u| match (u.name.as_str(), &u.value) {
            // The protocol named is the reason, not the keyword.
            ("app-layer-protocol", Some(v)) => format!("`app-layer-protocol:{v}`"),
            _ => format!("`{}`", u.name),
        })
        .collect();
    for c in &r.conditions {
        if !c.buffer.is_evaluated() {
            names.push(format!("`{}`", c.buffer.name()));
        }
        for t in &c.transforms {
            if !t.is_evaluated() {
                names.push(format!("`{}`", t.name()));
            }
        }
        for m in &c.matches {
            match m {
                Match::Other { name, .. } => names.push(format!("`{name}`")),
                Match::Pcre {
                    evaluable: false, ..
                } => names.push("`pcre`".to_string()),
                _ => {}
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Evaluates a `requires` value against the engine of `dialect`.
/// `Ok(false)`: not met (rule skipped). `Err`: malformed.
pub(crate) fn requires_met(v: &str, dialect: Dialect) -> Result<bool, String> {
    let engine: (u32, u32, u32) = match dialect {
        Dialect::Suricata => (8, 0, 6),
        Dialect::Aws => (7, 0, 17),
    };
    let mut met = true;
    let mut version_seen = false;
    for clause in v.split(',') {
        let clause = clause.trim();
        let (key, rest) = clause
            .split_once(char::is_whitespace)
            .unwrap_or((clause, ""));
        let rest = rest.trim();
        match key {
            "feature" => {
                if !keywords::KNOWN_REQUIRES_FEATURES.contains(&rest) {
                    met = false;
                }
            }
            "keyword" => {
                if !keywords::has_keyword_exact(rest) {
                    met = false;
                }
            }
            "version" => {
                if version_seen {
                    return Err("Version may only be specified once".into());
                }
                version_seen = true;
                // Alternatives separated by `|`; each a list of `op version`, the
                // operator written with or without a space.
                let mut any = false;
                for alt in rest.split('|') {
                    let mut all = true;
                    let mut s = alt.trim();
                    if s.is_empty() {
                        return Err(format!("requires: invalid version expression \"{rest}\""));
                    }
                    while !s.is_empty() {
                        let op_len = s.bytes().take_while(|c| b"<>=".contains(c)).count();
                        let (op, tail) = s.split_at(op_len);
                        let tail = tail.trim_start();
                        let ver_len = tail
                            .bytes()
                            .take_while(|c| c.is_ascii_digit() || *c == b'.')
                            .count();
                        let (ver, tail) = tail.split_at(ver_len);
                        let ver = parse_version(ver)
                            .ok_or_else(|| format!("requires: invalid version \"{alt}\""))?;
                        let ok = match op {
                            ">=" => engine >= ver,
                            ">" => engine > ver,
                            "<=" => engine <= ver,
                            "<" => engine < ver,
                            other => return Err(format!("requires: invalid operator \"{other}\"")),
                        };
                        all &= ok;
                        s = tail.trim_start();
                    }
                    any |= all;
                }
                met &= any;
            }
            // Unknown requirements (including empty ones) make the rule skipped,
            // for forward compatibility.
            _ => met = false,
        }
    }
    Ok(met)
}

fn parse_version(s: &str) -> Option<(u32, u32, u32)> {
    let mut it = s.split('.').map(|p| p.parse::<u32>());
    let a = it.next()?.ok()?;
    let b = it.next().unwrap_or(Ok(0)).ok()?;
    let c = it.next().unwrap_or(Ok(0)).ok()?;
    Some((a, b, c))
}
