//! App-layer protocol names usable in a rule header, as Suricata 8.0.6 resolves them.
//!
//! Sources:
//! * Names and their `AppProto` ids: `AppLayerNamesSetup()` in `src/app-layer.c` (read from a
//!   Suricata-8.0.4-based copy, haolipeng/suricata-8.0.4-study, commit 4d814028, minus that
//!   fork's own `iec61850-mms`/`iec104` additions) cross-checked against the `AppProtoEnum`
//!   of the `suricata-sys` 8.0.6 crate (`ALPROTO_UNKNOWN = 0` .. `ALPROTO_HTTP = 38`), plus
//!   `snmp`, which 8.0.6 registers at run time (`AppProtoNewProtoFromString("snmp")` in
//!   `rust/src/snmp/snmp.rs`).
//! * Printed names: `AppProtoToString()` in `src/app-layer-protos.c` (8.0 version in the
//!   search index): `ALPROTO_HTTP1` prints `"http"`, `ALPROTO_HTTP` prints `"http_any"`, every
//!   other id prints its registered name. `StringToAppProto()` is a case-sensitive `strcmp`.
//! * IP protocols: the `ipproto` of each parser registration (`rust/src/*/*.rs` of the 8.0.6
//!   crate for Rust parsers; C parsers (http1, ftp, ftp-data, smtp, tls, imap, tftp, dnp3)
//!   from their well-known transport: UNVERIFIED where noted).
//! * Defaults: a protocol is usable in a header only if its detection is enabled.
//!   `SCAppLayerProtoDetectConfProtoDetectionEnabled()` defaults to enabled when the yaml has
//!   no setting; modbus uses the `...EnabledDefault(.., false)` variant (8.0.6 crate,
//!   `rust/src/modbus/modbus.rs`); the default `suricata.yaml` sets dnp3, enip and pgsql to
//!   `enabled: no`. Confirmed by the recorded 8.0.6 loader outcomes
//!   (`shared/corpus/suricata-rules/expected`): the only header protocols that fail are
//!   modbus, dnp3, enip and pgsql; bittorrent-dht, dcerpc, dhcp, dns, ftp, http, http2, ike,
//!   krb5, ldap, mdns, mqtt, nfs, ntp, pop3, quic, rfb, smb, smtp, snmp, ssh, tls and websocket
//!   load. The 8.0.6 `suricata.yaml.in` itself was not available (the index only holds much
//!   older versions), so the others are UNVERIFIED against the file.
//! * Hooks (`proto:hook` in the header, 8.x): http1 and tls lists from the user guide's
//!   "Explicit rule hook (states)" section (`doc/userguide/firewall/firewall-design.rst`); ssh
//!   from `#[derive(AppLayerState)] enum SSHConnectionState` in the 8.0.6 crate
//!   (`rust/src/ssh/ssh.rs`, names built by `suricata-derive` 8.0.6 `applayerstate.rs`:
//!   `request_`/`response_` + snake_case of the variant without the `SshState` prefix). All
//!   other protocols have no state-name callback and accept the generic
//!   `request_started`/`request_complete`/`response_started`/`response_complete` (user guide
//!   "general" section). The `<` prefix (`tls:<client_hello_done`) is syntax handled by the
//!   caller. UNVERIFIED against `SigParseProto` (the 8.0 `src/detect-parse.c` was not in the
//!   index).

/// Generic hooks every app-layer protocol without its own state names accepts.
const GENERIC_HOOKS: &[&str] = &[
    "request_started",
    "request_complete",
    "response_started",
    "response_complete",
];

/// HTTP/1 (`http1`) progress names.
const HTTP1_HOOKS: &[&str] = &[
    "request_started",
    "request_line",
    "request_headers",
    "request_body",
    "request_trailer",
    "request_complete",
    "response_started",
    "response_line",
    "response_headers",
    "response_body",
    "response_trailer",
    "response_complete",
];

/// TLS progress names.
const TLS_HOOKS: &[&str] = &[
    "client_in_progress",
    "client_hello_done",
    "client_cert_done",
    "client_handshake_done",
    "client_finished",
    "server_in_progress",
    "server_hello",
    "server_cert_done",
    "server_hello_done",
    "server_handshake_done",
    "server_finished",
];

/// SSH progress names (derived from `SSHConnectionState`).
const SSH_HOOKS: &[&str] = &[
    "request_in_progress",
    "request_banner_wait_eol",
    "request_banner_done",
    "request_finished",
    "response_in_progress",
    "response_banner_wait_eol",
    "response_banner_done",
    "response_finished",
];

/// An app-layer protocol name that Suricata 8.0.6 knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppProto {
    /// The name as written in a rule header (`StringToAppProto` input).
    pub name: &'static str,
    /// What `AppProtoToString` prints for it (used in messages such as
    /// `can't set rule app proto to ...: already set to http_any`); equals `name` except for
    /// `http1` ("http") and `http` ("http_any").
    pub display: &'static str,
    /// The protocol is detected over TCP.
    pub tcp: bool,
    /// The protocol is detected over UDP.
    pub udp: bool,
    /// Detection is enabled with the default `suricata.yaml`; when `false`, a rule whose header
    /// uses it fails with `protocol "<p>" cannot be used in a signature. ...`.
    pub enabled_by_default: bool,
    /// Hook (state) names accepted after `proto:` in the header.
    pub hooks: &'static [&'static str],
}

const fn ap(
    name: &'static str,
    display: &'static str,
    tcp: bool,
    udp: bool,
    enabled_by_default: bool,
    hooks: &'static [&'static str],
) -> AppProto {
    AppProto {
        name,
        display,
        tcp,
        udp,
        enabled_by_default,
        hooks,
    }
}

/// All app-layer protocol names usable (or known but disabled) in a rule header, in
/// `AppProtoEnum` order. Not listed: `unknown`, `failed` (registered strings, but no
/// detection, so never usable in a header), `jabber`, `irc` (no parser in 8.0.6) and
/// `template` (registered only when the config has `app-layer.protocols.template`).
#[rustfmt::skip]
pub(super) static APP_PROTOS: &[AppProto] = &[
    // UNVERIFIED: tcp-only for the C parsers http1/ftp/smtp/tls/imap/ftp-data/dnp3, udp for tftp.
    ap("http1", "http", true, false, true, HTTP1_HOOKS),
    ap("ftp", "ftp", true, false, true, GENERIC_HOOKS),
    ap("smtp", "smtp", true, false, true, GENERIC_HOOKS),
    ap("tls", "tls", true, false, true, TLS_HOOKS),
    ap("ssh", "ssh", true, false, true, SSH_HOOKS),
    ap("imap", "imap", true, false, true, GENERIC_HOOKS),
    ap("smb", "smb", true, false, true, GENERIC_HOOKS),
    ap("dcerpc", "dcerpc", true, true, true, GENERIC_HOOKS),
    ap("dns", "dns", true, true, true, GENERIC_HOOKS),
    ap("modbus", "modbus", true, false, false, GENERIC_HOOKS),
    ap("enip", "enip", true, true, false, GENERIC_HOOKS),
    ap("dnp3", "dnp3", true, false, false, GENERIC_HOOKS),
    ap("nfs", "nfs", true, true, true, GENERIC_HOOKS),
    ap("ntp", "ntp", false, true, true, GENERIC_HOOKS),
    ap("ftp-data", "ftp-data", true, false, true, GENERIC_HOOKS),
    ap("tftp", "tftp", false, true, true, GENERIC_HOOKS),
    ap("ike", "ike", false, true, true, GENERIC_HOOKS),
    ap("krb5", "krb5", true, true, true, GENERIC_HOOKS),
    ap("quic", "quic", false, true, true, GENERIC_HOOKS),
    ap("dhcp", "dhcp", false, true, true, GENERIC_HOOKS),
    ap("sip", "sip", true, true, true, GENERIC_HOOKS),
    ap("rfb", "rfb", true, false, true, GENERIC_HOOKS),
    ap("mqtt", "mqtt", true, false, true, GENERIC_HOOKS),
    ap("pgsql", "pgsql", true, false, false, GENERIC_HOOKS),
    ap("telnet", "telnet", true, false, true, GENERIC_HOOKS),
    ap("websocket", "websocket", true, false, true, GENERIC_HOOKS),
    ap("ldap", "ldap", true, true, true, GENERIC_HOOKS),
    // doh2 is registered by the http2 parser (`parser.name = "doh2"`, rust/src/http2/http2.rs).
    ap("doh2", "doh2", true, false, true, GENERIC_HOOKS),
    ap("rdp", "rdp", true, false, true, GENERIC_HOOKS),
    ap("http2", "http2", true, false, true, GENERIC_HOOKS),
    ap("bittorrent-dht", "bittorrent-dht", false, true, true, GENERIC_HOOKS),
    ap("pop3", "pop3", true, false, true, GENERIC_HOOKS),
    ap("mdns", "mdns", false, true, true, GENERIC_HOOKS),
    // ALPROTO_HTTP: "HTTP/1 or HTTP/2"; usable whenever http1 or http2 is enabled.
    // UNVERIFIED: hooks (the firewall docs only show http1:<hook>).
    ap("http", "http_any", true, false, true, &[]),
    // registered at run time by the Rust SNMP parser (AppProtoNewProtoFromString).
    ap("snmp", "snmp", false, true, true, GENERIC_HOOKS),
];

/// Registered aliases (`AppLayerRegisterParserAlias`): in 8.0.6 only IKE registers one
/// (`PARSER_ALIAS = "ikev2"` in rust/src/ike/ike.rs).
pub(super) static APP_PROTO_ALIASES: &[(&str, &str)] = &[("ikev2", "ike")];
