//! Header fields: action, protocol (and 8.x hook), direction (SEMANTICS §1.3–1.7).

use crate::diag::Code;
use crate::ir::{Action, ActionScope, Direction, Protocol};
use crate::keywords;
use crate::Dialect;

/// A header failure: code, Suricata's message, and a hint.
pub(crate) type Fail = (Code, String, Option<String>);

pub(crate) fn action(text: &str, dialect: Dialect) -> Result<(Action, Option<ActionScope>), Fail> {
    let (name, scope) = match text.split_once(':') {
        Some((a, s)) => (a, Some(s)),
        None => (text, None),
    };
    let lower = name.to_ascii_lowercase();
    let action = match lower.as_str() {
        "alert" => Action::Alert,
        "pass" => Action::Pass,
        "drop" => Action::Drop,
        "reject" => Action::Reject,
        "rejectsrc" => Action::RejectSrc,
        "rejectdst" => Action::RejectDst,
        "rejectboth" => Action::RejectBoth,
        "config" => Action::Config,
        "accept" if dialect == Dialect::Aws => {
            return Err((
                Code::InvalidAction,
                format!("An invalid action \"{name}\" was given"),
                Some("AWS Network Firewall classic rule groups (Suricata 7) have no `accept` action; use `pass`".into()),
            ))
        }
        "accept" => return Err((
            Code::AcceptNotFirewall,
            "'accept' action only supported for firewall rules".into(),
            Some(
                "`accept` belongs in Suricata 8 firewall rule files; use `pass` in a normal rule"
                    .into(),
            ),
        )),
        _ => {
            return Err((
                Code::InvalidAction,
                format!("An invalid action \"{name}\" was given"),
                Some(
                    "actions are alert, pass, drop, reject, rejectsrc, rejectdst, rejectboth"
                        .into(),
                ),
            ))
        }
    };
    if scope.is_some() && dialect == Dialect::Aws {
        // Suricata 7 has no action scopes: the whole token is the action.
        return Err((
            Code::DialectDifference,
            format!("An invalid action \"{text}\" was given"),
            Some("action scopes (`drop:flow`) are Suricata 8 syntax; AWS Network Firewall runs Suricata 7".into()),
        ));
    }
    let scope = match scope {
        None => None,
        Some(s) => {
            let ok = match (action, s) {
                (Action::Drop | Action::Pass, "packet") => Some(ActionScope::Packet),
                (Action::Drop | Action::Pass, "flow") => Some(ActionScope::Flow),
                (a, "packet") if a.is_reject() => Some(ActionScope::Packet),
                (a, "flow") if a.is_reject() => Some(ActionScope::Flow),
                (Action::Config, "packet") => Some(ActionScope::Packet),
                _ => None,
            };
            match ok {
                Some(sc) => Some(sc),
                None => {
                    return Err((
                        Code::InvalidActionScope,
                        format!(
                            "invalid action scope '{s}' in action '{text}': scope only supported for actions 'drop', 'pass' and 'reject'"
                        ),
                        Some("write the action without a scope, or use drop:flow / pass:packet".into()),
                    ))
                }
            }
        }
    };
    Ok((action, scope))
}

/// Parses the protocol token. Returns the protocol, the app proto it binds the
/// rule to (Suricata spelling, e.g. `http_any`) and the hook.
pub(crate) fn protocol(
    text: &str,
    dialect: Dialect,
) -> Result<(Protocol, Option<String>, Option<String>), Fail> {
    let (name, hook) = match text.split_once(':') {
        Some((p, h)) => (p, Some(h.to_string())),
        None => (text, None),
    };
    let lower = name.to_ascii_lowercase();
    let packet = match lower.as_str() {
        "tcp" => Some(Protocol::Tcp),
        "tcp-pkt" => Some(Protocol::TcpPkt),
        "tcp-stream" => Some(Protocol::TcpStream),
        "udp" => Some(Protocol::Udp),
        "icmpv4" => Some(Protocol::Icmpv4),
        "icmpv6" => Some(Protocol::Icmpv6),
        "icmp" => Some(Protocol::Icmp),
        "sctp" => Some(Protocol::Sctp),
        "ip" | "pkthdr" => Some(Protocol::Ip),
        "ipv4" | "ip4" => Some(Protocol::Ipv4),
        "ipv6" | "ip6" => Some(Protocol::Ipv6),
        _ => None,
    };
    let unusable = || {
        (
            Code::InvalidProtocol,
            format!(
                "protocol \"{name}\" cannot be used in a signature.  Either detection for this protocol is not yet supported OR detection has been disabled for protocol through the yaml option app-layer.protocols.{name}.detection-enabled"
            ),
            Some(if name.chars().any(|c| c.is_ascii_uppercase()) {
                format!("app-layer protocol names are case-sensitive: write `{}`", name.to_ascii_lowercase())
            } else {
                "use a packet protocol (tcp, udp, ip, icmp) or an app-layer protocol such as tls, http, dns, quic".to_string()
            }),
        )
    };
    if let Some(p) = packet {
        // 8.x packet hooks (`tcp:flow_start`).
        let packet_hook = |h: &str| {
            matches!(
                h.trim_start_matches('<'),
                "flow_start" | "pre_flow" | "pre_stream" | "all"
            )
        };
        if let Some(h) = hook
            .as_deref()
            .filter(|h| !packet_hook(h) || dialect == Dialect::Aws)
        {
            return Err((
                Code::InvalidHook,
                format!("protocol \"{name}\" does not support hook \"{h}\""),
                None,
            ));
        }
        return Ok((p, None, hook));
    }
    let Some(app) = keywords::app_proto(name) else {
        return Err(unusable());
    };
    if !app.enabled_by_default {
        return Err(unusable());
    }
    if let Some(h) = &hook {
        if dialect == Dialect::Aws {
            return Err((
                Code::DialectDifference,
                format!("protocol hooks (`{text}`) are Suricata 8 syntax"),
                Some("AWS Network Firewall classic rule groups run Suricata 7".into()),
            ));
        }
        let bare = h.trim_start_matches('<');
        if !app.hooks.is_empty() && !app.hooks.contains(&bare) {
            return Err((
                Code::InvalidHook,
                format!("protocol \"{name}\" does not support hook \"{h}\""),
                Some(format!("hooks of {name}: {}", app.hooks.join(", "))),
            ));
        }
    }
    let alproto = app.display.to_string();
    Ok((Protocol::App(name.to_string()), Some(alproto), hook))
}

pub(crate) fn direction(text: &str, dialect: Dialect) -> Result<Direction, Fail> {
    match text {
        "->" => Ok(Direction::ToDst),
        "<>" => Ok(Direction::Both),
        "=>" if dialect == Dialect::Suricata => Ok(Direction::Transactional),
        _ => Err((
            Code::InvalidDirection,
            format!(
                "\"{text}\" is not a valid direction modifier, \"->\" and \"<>\" are supported."
            ),
            Some("use `->` (one direction) or `<>` (both)".into()),
        )),
    }
}
