//! `ferrule explain`: decide one flow with the reference interpreter and show
//! why (SPEC §7).
//!
//! The flow is presented as the queries of SPEC §4, exactly as the decide
//! conformance test builds them from `flows.json`: `FlowStart` to_server (the
//! SYN / first datagram), `FlowStart` to_client (SYN-ACK / reply; established
//! for UDP), then for `tls`, `http` and `tcp` the client's `AppRequest`
//! (established, to_server) with `tls.sni` (`--sni`, as sent), `http.host` /
//! `http.host.raw` / `http.header_names` (the request `GET /` with `Host:`
//! `--host`, `User-Agent`, `Accept`), or no app protocol for `tcp`, and the
//! server's reply, an `AppResponse` (established, to_client, the request's
//! app protocol; a ServerHello for `tls`).
//!
//! `dns` is a UDP request and its reply, in the order `ferrule replay`'s
//! flow tracker asks them: the request datagram, the flow's first packet,
//! as one `AppRequest` that also inspects the IP-only rules
//! (`Query::first_packet`, SEMANTICS §4.3; app protocol DNS, `dns.query` =
//! `--query`, **not** established: the server has not answered yet), then
//! the reply datagram, the server's first packet, as one `AppResponse`
//! (established) that also inspects the IP-only rules. `quic` is the same
//! shape: the client's Initial (app protocol QUIC, `quic.sni` = `--sni`, not
//! established), then the server's reply.

use crate::ruleset_args::{setup, RulesetArgs, Setup};
use crate::Format;
use clap::ValueEnum;
use ferrule_compiler::interp::{
    decide_flow, is_flow_scoped, DefaultOutcome, FlowDecision, FlowQueries, Order, Outcome,
};
use ferrule_compiler::ir::Rule;
use ferrule_compiler::load::Load;
use ferrule_matcher::extract::http::{header_names_into, parse_request_as, HostRule, Http};
use ferrule_matcher::flow::MAX_DNS_QUESTIONS;
use ferrule_matcher::{AppProto, FlowDirection, IpProto, Query, RuleRef, Stage, Verdict};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::process::ExitCode;

/// The kind of flow to decide.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum FlowKind {
    /// TCP with a TLS ClientHello (`--sni`).
    Tls,
    /// TCP with an HTTP/1.1 request (`--host`).
    Http,
    /// TCP with client data of no detected app protocol.
    Tcp,
    /// One UDP datagram and its reply.
    Udp,
    /// A UDP DNS request (`--query`) and its reply.
    Dns,
    /// A QUIC Initial carrying a ClientHello (`--sni`) and the server's reply.
    Quic,
}

#[derive(clap::Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub ruleset: RulesetArgs,
    /// The flow's kind.
    #[arg(long, value_enum)]
    flow: FlowKind,
    /// Client address and port: IP:PORT, IPv6 as `[ADDR]:PORT`.
    #[arg(long, value_parser = parse_endpoint)]
    src: SocketAddr,
    /// Server address and port: IP:PORT, IPv6 as `[ADDR]:PORT`.
    #[arg(long, value_parser = parse_endpoint)]
    dst: SocketAddr,
    /// TLS SNI as sent (tls and quic flows; absent: the ClientHello has no
    /// SNI; outside 1-255 bytes: no SNI, as Suricata has it).
    #[arg(long)]
    sni: Option<String>,
    /// A header name of the server's HTTP response, in order (http flows;
    /// repeatable): the response's `http.header_names`, which rules without
    /// a direction inspect too. Absent: the response head is not known and
    /// the server's reply carries no header names.
    #[arg(long = "response-header", value_name = "NAME")]
    response_headers: Vec<String>,
    /// HTTP Host header value as sent (http flows; absent: no Host header).
    /// `http.host` is taken from it as Suricata 8 does, or as AWS Network
    /// Firewall (Suricata 7) does with AWS rules (`--dialect aws`, a policy
    /// or a rule group): there a Host with a port keeps its case.
    #[arg(long)]
    host: Option<String>,
    /// DNS query name as `dns.query` presents it: labels joined by `.`, no
    /// trailing dot (dns flows; absent: a request for the root, no buffer).
    /// Repeat it for a request of several questions: `dns.query` is a
    /// multi-buffer, inspected once over them all (an empty name, the root,
    /// ends the list).
    #[arg(long)]
    query: Vec<String>,
    /// The ClientHello or HTTP request head arrives split across TCP
    /// segments (tls and http flows): a segment after the protocol is
    /// detected and before the request completes is inspected first, with
    /// no buffer (`app_partial`), as Suricata and replay inspect it. A rule
    /// that needs no buffer (`drop tls ... (flow:to_server, established;)`)
    /// matches it.
    #[arg(long)]
    split: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

fn parse_endpoint(s: &str) -> Result<SocketAddr, String> {
    s.parse::<SocketAddr>()
        .map_err(|_| format!("`{s}`: expected IP:PORT (IPv6 as `[ADDR]:PORT`)"))
}

fn usage(msg: &str) -> ExitCode {
    errln!("error: {msg}");
    ExitCode::from(2)
}

/// `http.host` and `http.host.raw` of a request carrying `Host: value`,
/// as the HTTP extractor fills them for the given Suricata line (SEMANTICS
/// §3.1, §9): explain and replay share one normalisation. Errors when the
/// value cannot be a header value (a control character, a line break).
pub fn host_buffers(value: &str, rule: HostRule) -> Result<(Option<Vec<u8>>, Vec<u8>), String> {
    if value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
        return Err(format!(
            "--host `{}`: a Host header value has no control characters or line breaks",
            value.escape_debug()
        ));
    }
    let head = format!("GET / HTTP/1.1\r\nHost: {value}\r\n\r\n");
    let mut scratch = Vec::new();
    match parse_request_as(head.as_bytes(), &mut scratch, rule) {
        Http::Request(r) => Ok((
            r.host.map(<[u8]>::to_vec),
            r.host_raw.unwrap_or_default().to_vec(),
        )),
        _ => Err(format!(
            "--host `{}`: not a valid Host header value",
            value.escape_debug()
        )),
    }
}

/// The SNI lengths Suricata accepts (`INVALID_SNI_LENGTH` outside them).
const SNI_LEN: std::ops::RangeInclusive<usize> = 1..=255;

/// The buffers of the flow's request, owned (queries borrow them).
struct Buffers {
    sni: Option<Vec<u8>>,
    host: Option<Vec<u8>>,
    host_raw: Option<Vec<u8>>,
    header_names: Vec<u8>,
    dns_query: Option<Vec<u8>>,
    /// The further questions' names.
    dns_more: Vec<Vec<u8>>,
    /// The response's `http.header_names`, if given.
    response_names: Option<Vec<u8>>,
}

impl Buffers {
    fn new(args: &ExplainArgs, host_rule: HostRule) -> Result<Self, String> {
        let (host, host_raw) = match &args.host {
            Some(h) => {
                let (host, raw) = host_buffers(h, host_rule)?;
                (host, Some(raw))
            }
            None => (None, None),
        };
        let mut names: Vec<&str> = Vec::new();
        if host_raw.is_some() {
            names.push("Host");
        }
        names.extend(["User-Agent", "Accept"]);
        let mut header_names = b"\r\n".to_vec();
        for n in names {
            header_names.extend_from_slice(n.as_bytes());
            header_names.extend_from_slice(b"\r\n");
        }
        header_names.extend_from_slice(b"\r\n");
        Ok(Buffers {
            // Suricata keeps no SNI outside 1-255 bytes (SEMANTICS §3.4), as
            // the extractors do; `run` says so.
            sni: args
                .sni
                .as_ref()
                .filter(|s| SNI_LEN.contains(&s.len()))
                .map(|s| s.as_bytes().to_vec()),
            host,
            host_raw,
            header_names,
            // Suricata gives the root (an empty name) no buffer, and its
            // multi-buffer inspection stops at the first root question.
            dns_query: args
                .query
                .first()
                .filter(|q| !q.is_empty())
                .map(|q| q.as_bytes().to_vec()),
            // As the flow tracker reads a request (replay): at most
            // `MAX_DNS_QUESTIONS` names; `run` says when more were given.
            dns_more: args
                .query
                .iter()
                .take(MAX_DNS_QUESTIONS)
                .take_while(|q| !q.is_empty())
                .skip(1)
                .map(|q| q.as_bytes().to_vec())
                .collect(),
            response_names: (!args.response_headers.is_empty()).then(|| {
                let mut b = Vec::new();
                header_names_into(&mut b, args.response_headers.iter().map(String::as_str));
                b
            }),
        })
    }
}

fn queries<'a>(
    kind: FlowKind,
    src: SocketAddr,
    dst: SocketAddr,
    b: &'a Buffers,
    dns_more: &'a [&'a [u8]],
    split: bool,
) -> FlowQueries<'a> {
    let proto = if matches!(kind, FlowKind::Udp | FlowKind::Dns | FlowKind::Quic) {
        IpProto::Udp
    } else {
        IpProto::Tcp
    };
    let start = Query::flow_start(proto, src.ip(), src.port(), dst.ip(), dst.port());
    let mut reply = start.reversed();
    reply.established = proto == IpProto::Udp;
    let mut qs = vec![start, reply];
    if split {
        match kind {
            FlowKind::Tls => qs.push(start.app_partial(AppProto::Tls)),
            FlowKind::Http => qs.push(start.app_partial(AppProto::Http1)),
            _ => {}
        }
    }
    match kind {
        FlowKind::Tls => {
            let mut q = start.app_request(AppProto::Tls);
            q.tls_sni = b.sni.as_deref();
            qs.push(q);
        }
        FlowKind::Http => {
            let mut q = start.app_request(AppProto::Http1);
            q.http_host = b.host.as_deref();
            q.http_host_raw = b.host_raw.as_deref();
            q.http_header_names = Some(&b.header_names);
            qs.push(q);
        }
        FlowKind::Tcp => {
            let mut q = start.app_request(AppProto::Other);
            q.app_proto = None;
            qs.push(q);
        }
        FlowKind::Udp => {}
        FlowKind::Dns | FlowKind::Quic => {
            let app = if kind == FlowKind::Dns {
                AppProto::Dns
            } else {
                AppProto::Quic
            };
            let mut q = start.app_request(app);
            q.established = false;
            q.dns_query = b.dns_query.as_deref().filter(|_| app == AppProto::Dns);
            if q.dns_query.is_some() {
                q.dns_query_more = dns_more;
            }
            q.quic_sni = b.sni.as_deref().filter(|_| app == AppProto::Quic);
            // The request datagram is the flow's first packet: one query
            // for both (`Query::first_packet`); the reply is the server's.
            q.first_packet = true;
            qs[0] = q;
            let mut r = start.app_response(Some(app));
            r.first_packet = true;
            qs[1] = r;
        }
    }
    // TCP: the server's reply after the request (ServerHello, HTTP
    // response, ...), with the request's app protocol.
    if proto == IpProto::Tcp {
        let app = qs.last().and_then(|q| q.app_proto);
        let mut r = start.app_response(app);
        if kind == FlowKind::Http {
            r.http_header_names = b.response_names.as_deref();
        }
        qs.push(r);
    }
    FlowQueries { queries: qs }
}

pub fn run(args: &ExplainArgs) -> ExitCode {
    let given = (
        args.sni.is_some(),
        args.host.is_some() || !args.response_headers.is_empty(),
        !args.query.is_empty(),
    );
    let allowed = match args.flow {
        FlowKind::Tls | FlowKind::Quic => (true, false, false),
        FlowKind::Http => (false, true, false),
        FlowKind::Dns => (false, false, true),
        FlowKind::Tcp | FlowKind::Udp => (false, false, false),
    };
    if (given.0 && !allowed.0) || (given.1 && !allowed.1) || (given.2 && !allowed.2) {
        return usage(
            "--sni is for --flow tls or quic, --host and --response-header for --flow http, --query for --flow dns",
        );
    }
    if args.split && !matches!(args.flow, FlowKind::Tls | FlowKind::Http) {
        return usage("--split is for --flow tls or http");
    }
    if args.src.is_ipv4() != args.dst.is_ipv4() {
        return usage("--src and --dst must be of the same address family");
    }
    let s = match setup(&args.ruleset) {
        Ok(s) => s,
        Err(f) => return f.exit(),
    };
    if let Some(sni) = args.sni.as_ref().filter(|s| !SNI_LEN.contains(&s.len())) {
        errln!(
            "note: --sni has {} bytes; Suricata keeps no SNI outside 1-255 bytes (event INVALID_SNI_LENGTH), so the flow is decided without one",
            sni.len()
        );
    }
    if args.query.len() > MAX_DNS_QUESTIONS {
        errln!(
            "note: {} --query names; the first {MAX_DNS_QUESTIONS} are inspected, as replay inspects a request",
            args.query.len()
        );
    }
    let bufs = match Buffers::new(args, s.host_rule) {
        Ok(b) => b,
        Err(e) => return usage(&e),
    };
    let dns_more: Vec<&[u8]> = bufs.dns_more.iter().map(Vec::as_slice).collect();
    let flow = queries(args.flow, args.src, args.dst, &bufs, &dns_more, args.split);
    let d = decide_flow(&s.rules, &s.order, &flow);
    match args.format {
        Format::Json => {
            let v = to_json(&s, &flow, &d);
            outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        Format::Human => out!("{}", to_text(args, &s, &flow, &d)),
    }
    ExitCode::SUCCESS
}

fn verdict_str(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Drop => "drop",
        Verdict::Reject => "reject",
        Verdict::None => "none",
    }
}

fn stage_str(s: Stage) -> &'static str {
    s.name()
}

fn find_rule<'a>(rules: &'a [Rule], r: &RuleRef) -> Option<&'a Rule> {
    rules
        .iter()
        .find(|x| (x.meta.group, x.meta.gid, x.meta.sid) == (r.group, r.gid, r.sid))
}

fn order_desc(o: &Order) -> String {
    if o.strict {
        let d: Vec<&str> = o.defaults.iter().map(|a| a.as_str()).collect();
        format!(
            "strict order (rules as written); stateful default actions: {}",
            if d.is_empty() {
                "none".to_string()
            } else {
                d.join(", ")
            }
        )
    } else {
        let a: Vec<&str> = o.actions.iter().map(|a| a.as_str()).collect();
        format!("action order ({}), then priority, then sid", a.join(", "))
    }
}

fn query_desc(q: &Query) -> String {
    let dir = match q.direction {
        FlowDirection::ToServer => "to_server",
        FlowDirection::ToClient => "to_client",
    };
    let ep = |ip: std::net::IpAddr, port: u16| SocketAddr::new(ip, port).to_string();
    let mut s = format!(
        "{} {} {} -> {} ({}",
        stage_str(q.stage),
        dir,
        ep(q.src, q.src_port),
        ep(q.dst, q.dst_port),
        if q.established {
            "established"
        } else {
            "not established"
        }
    );
    if let Some(a) = q.app_proto {
        s.push_str(&format!(", app {a:?}").to_lowercase());
    }
    let show = |name: &str, b: Option<&[u8]>| -> String {
        match b {
            Some(b) => format!(", {name} \"{}\"", String::from_utf8_lossy(b).escape_debug()),
            None => String::new(),
        }
    };
    if q.stage == Stage::AppResponse && q.app_proto == Some(AppProto::Http1) {
        match q.http_header_names {
            Some(_) => s.push_str(&show("http.header_names", q.http_header_names)),
            None => s.push_str(", response head not given (--response-header)"),
        }
    }
    if q.stage == Stage::AppRequest {
        match q.app_proto {
            Some(AppProto::Tls) => {
                if q.tls_sni.is_none() {
                    s.push_str(", no SNI");
                }
                s.push_str(&show("tls.sni", q.tls_sni));
            }
            Some(AppProto::Http1) => {
                s.push_str(&show("http.host", q.http_host));
                s.push_str(&show("http.host.raw", q.http_host_raw));
                s.push_str(&show("http.header_names", q.http_header_names));
            }
            Some(AppProto::Quic) => {
                if q.quic_sni.is_none() {
                    s.push_str(", no SNI");
                }
                s.push_str(&show("quic.sni", q.quic_sni));
            }
            Some(AppProto::Dns) => {
                if q.dns_query.is_none() {
                    s.push_str(", no query name");
                }
                s.push_str(&show("dns.query", q.dns_query));
                for m in q.dns_query_more {
                    s.push_str(&show("dns.query", Some(m)));
                }
            }
            _ => {}
        }
    }
    if q.stage == Stage::AppPartial {
        s.push_str(", the request not complete yet: no buffer");
    }
    if q.first_packet {
        s.push_str(match q.direction {
            FlowDirection::ToServer => ", the flow's first packet: IP-only rules too",
            FlowDirection::ToClient => ", the server's first packet: IP-only rules too",
        });
    }
    s.push(')');
    s
}

fn rule_label(load: &Load, r: &Rule) -> String {
    let mut s = format!("sid {}", r.meta.sid);
    if r.meta.gid != 1 {
        s = format!("gid {} {s}", r.meta.gid);
    }
    s.push_str(&format!(" {}", r.action.as_str()));
    if let Some(m) = &r.meta.msg {
        s.push_str(&format!(" \"{m}\""));
    }
    s.push_str(&format!(" [{}]", load.sources.location(r.span)));
    s
}

fn outcome_text(rule: &Rule, o: &Outcome) -> (bool, String) {
    match o {
        Outcome::Applied => {
            let scope = if is_flow_scoped(rule) {
                "flow"
            } else {
                "packet"
            };
            let what = match ferrule_compiler::interp::action_class(rule.action) {
                Some(ferrule_matcher::RuleAction::Alert) | None => "alert".to_string(),
                Some(a) => format!("{} ({scope})", a.as_str()),
            };
            (true, format!("matched: {what}"))
        }
        Outcome::AfterPass => (
            true,
            "matched, not applied: a pass ended processing of this packet".into(),
        ),
        Outcome::AfterTerminal => (
            true,
            "matched, not applied: an earlier drop/reject ended processing (strict order)".into(),
        ),
        Outcome::Ignored => (
            true,
            "matched, not applied: the packet is already dropped".into(),
        ),
        Outcome::NoMatch(why) => (false, format!("not matched: {why}")),
    }
}

fn default_text(o: DefaultOutcome, drop: bool) -> &'static str {
    match (o, drop) {
        (DefaultOutcome::Applied, true) => "applied: drops the flow",
        (DefaultOutcome::Applied, false) => "applied: alert logged",
        (DefaultOutcome::RuleDecided, _) => "not applied: a rule ended processing of this packet",
        (DefaultOutcome::NotThisPacket, _) => "not applied: does not act on this packet",
    }
}

fn to_text(args: &ExplainArgs, s: &Setup, flow: &FlowQueries, d: &FlowDecision) -> String {
    let mut out = String::new();
    let ep = |a: SocketAddr| a.to_string();
    out.push_str(
        &format!(
            "flow: {:?} {} -> {}\n",
            args.flow,
            ep(args.src),
            ep(args.dst)
        )
        .to_lowercase(),
    );
    if let Some(p) = &s.policy_name {
        out.push_str(&format!("policy: {p}\n"));
    }
    out.push_str(&format!(
        "order: {} ({} rules)\n",
        order_desc(&s.order),
        s.rules.len()
    ));
    for (qi, q) in flow.queries.iter().enumerate() {
        out.push_str(&format!("\nstage {}\n", query_desc(q)));
        if qi >= d.inspected {
            out.push_str("  not inspected: the flow already has a verdict\n");
            continue;
        }
        for st in d.steps.iter().filter(|st| st.query == qi) {
            let r = &s.rules[st.rule];
            let (m, text) = outcome_text(r, &st.outcome);
            out.push_str(&format!(
                "  {} {}: {text}\n",
                if m { "+" } else { "-" },
                rule_label(&s.load, r)
            ));
        }
        for ds in d.default_steps.iter().filter(|st| st.query == qi) {
            out.push_str(&format!(
                "  {} default {}: {}\n",
                if ds.outcome == DefaultOutcome::Applied {
                    "+"
                } else {
                    "-"
                },
                ds.action.as_str(),
                default_text(ds.outcome, ds.action.is_drop())
            ));
        }
    }
    out.push_str("\ndecision: ");
    out.push_str(verdict_str(d.decision.verdict));
    if let Some(r) = &d.decision.rule {
        out.push_str(&format!(" by sid {}", r.sid));
        if let Some(m) = find_rule(&s.rules, r).and_then(|x| x.meta.msg.as_deref()) {
            out.push_str(&format!(" \"{m}\""));
        }
    } else if let Some(a) = d.default {
        out.push_str(&format!(" by default action {}", a.as_str()));
    } else {
        out.push_str(" (no rule decided the flow)");
    }
    if let Some(st) = d.decision.stage {
        out.push_str(&format!(" at {}", stage_str(st)));
    }
    out.push('\n');
    let alerts: Vec<String> = d.alerts.iter().map(|a| a.sid.to_string()).collect();
    out.push_str(&format!(
        "alerts: {}\n",
        if alerts.is_empty() {
            "none".to_string()
        } else {
            alerts.join(", ")
        }
    ));
    if !d.default_alerts.is_empty() {
        let da: Vec<String> = d
            .default_alerts
            .iter()
            .map(|a| format!("{} at {}", a.action.as_str(), stage_str(a.stage)))
            .collect();
        out.push_str(&format!("default-action alerts: {}\n", da.join(", ")));
    }
    out
}

fn to_json(s: &Setup, flow: &FlowQueries, d: &FlowDecision) -> Value {
    let rule = d.decision.rule.as_ref();
    let msg = rule
        .and_then(|r| find_rule(&s.rules, r))
        .and_then(|x| x.meta.msg.clone());
    let stages: Vec<Value> = flow
        .queries
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            let rules: Vec<Value> = d
                .steps
                .iter()
                .filter(|st| st.query == qi)
                .map(|st| {
                    let r = &s.rules[st.rule];
                    let (matched, text) = outcome_text(r, &st.outcome);
                    let reason = match &st.outcome {
                        Outcome::NoMatch(why) => Value::String(why.to_string()),
                        _ => Value::Null,
                    };
                    json!({
                        "gid": r.meta.gid, "sid": r.meta.sid, "action": r.action.as_str(),
                        "msg": r.meta.msg, "location": s.load.sources.location(r.span),
                        "matched": matched, "outcome": text, "reason": reason,
                    })
                })
                .collect();
            let defaults: Vec<Value> = d
                .default_steps
                .iter()
                .filter(|st| st.query == qi)
                .map(|st| {
                    json!({
                        "action": st.action.as_str(),
                        "applied": st.outcome == DefaultOutcome::Applied,
                        "outcome": default_text(st.outcome, st.action.is_drop()),
                    })
                })
                .collect();
            json!({
                "stage": stage_str(q.stage),
                "first_packet": q.first_packet,
                "direction": match q.direction { FlowDirection::ToServer => "to_server", FlowDirection::ToClient => "to_client" },
                "src": SocketAddr::new(q.src, q.src_port).to_string(),
                "dst": SocketAddr::new(q.dst, q.dst_port).to_string(),
                "established": q.established,
                "inspected": qi < d.inspected,
                "rules": rules,
                "default_actions": defaults,
            })
        })
        .collect();
    json!({
        "verdict": verdict_str(d.decision.verdict),
        "sid": rule.map(|r| r.sid),
        "gid": rule.map(|r| r.gid),
        "rev": rule.map(|r| r.rev),
        "msg": msg,
        "action": rule.map(|r| r.action.as_str()),
        "stage": d.decision.stage.map(stage_str),
        "alerts": d.alerts.iter().map(|a| a.sid).collect::<Vec<_>>(),
        "alert_rules": d.alerts.iter().map(|a| json!({"gid": a.gid, "sid": a.sid, "rev": a.rev})).collect::<Vec<_>>(),
        "default_action": d.decision.default_action,
        "default_action_name": d.default.map(|a| a.as_str()),
        "default_alerts": d.default_alerts.iter().map(|a| json!({"action": a.action.as_str(), "stage": stage_str(a.stage)})).collect::<Vec<_>>(),
        "order": order_desc(&s.order),
        "stages": stages,
    })
}

#[cfg(test)]
mod tests {
    use super::host_buffers;
    use ferrule_matcher::extract::http::HostRule::{self, Suricata7, Suricata8};

    fn host(value: &str, rule: HostRule) -> Option<String> {
        let (h, _) = host_buffers(value, rule).unwrap();
        h.map(|h| String::from_utf8(h).unwrap())
    }

    /// Suricata 8 (SEMANTICS §3.1) and 7.0 / AWS (§9: only a Host without a
    /// port is lowercased, and nothing cuts it at `/`).
    #[test]
    fn host_normalisation() {
        let table: &[(&str, Option<&str>, Option<&str>)] = &[
            ("EXAMPLE.COM:8080", Some("example.com"), Some("EXAMPLE.COM")),
            ("Example.COM", Some("example.com"), Some("example.com")),
            (
                "[2001:DB8::1]:80",
                Some("[2001:db8::1]"),
                Some("[2001:DB8::1]"),
            ),
            ("a.com ", Some("a.com"), Some("a.com")),
            ("example.com.", Some("example.com."), Some("example.com.")),
            ("A.com/x", Some("a.com"), Some("a.com/x")),
            ("A.com :80", Some("a.com"), Some("A.com")),
            ("[::1", Some("[::1"), None),
            (":80", None, Some("")),
        ];
        for &(value, s8, s7) in table {
            assert_eq!(host(value, Suricata8).as_deref(), s8, "{value} 8");
            assert_eq!(host(value, Suricata7).as_deref(), s7, "{value} 7");
        }
        assert!(host_buffers("a\r\nb", Suricata8).is_err());
    }
}
