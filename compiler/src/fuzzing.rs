//! Entry points shared by the fuzz targets (`fuzz/`) and the tests that replay
//! their corpora, so a crash found by the fuzzer stays a regression test.
//!
//! One function per target: [`parse_rules`], [`domain_list`], [`aws_json`],
//! [`decide_differential`]. Each
//! takes any bytes (invalid UTF-8 is replaced, as the CLI's readers do), must never
//! panic, and asserts the invariants listed in its documentation.

use crate::aws::{self, GeneratedRulesType, RuleGroup, RuleGroupSource, RuleOrder, TargetTypes};
use crate::diag::Diagnostic;
use crate::load::{Load, Loader, State};
use crate::net::Vars;
use crate::render;
use crate::span::{SourceMap, Span};
use crate::syntax::LineKind;
use crate::Dialect;
use crate::{build, interp, ir::Rule};
use ferrule_matcher::{
    AllAlerts, AppProto, DefaultAction, FlowDirection, IpProto, Query, RuleRef, Ruleset, Stage,
};
use std::net::IpAddr;

/// Loads `data` as a rules file in both dialects and checks the loader's
/// invariants: every rule line has an outcome, every rejected line has an error
/// diagnostic, and every loaded rule prints to text that loads again.
pub fn parse_rules(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for dialect in [Dialect::Suricata, Dialect::Aws] {
        let mut loader = Loader::new(Vars::suricata_defaults(), dialect);
        loader.add_rules("fuzz.rules", &text);
        let load = loader.finish();
        check_accounting(&load);
        for r in load.active_rules() {
            let printed = r.to_suricata();
            let mut again = Loader::new(Vars::suricata_defaults(), dialect);
            again.add_rules("reprint.rules", &printed);
            let l2 = again.finish();
            assert!(
                !l2.has_errors() || printed.len() >= 8000,
                "printed rule does not load: {printed}\nfrom: {}\n{:?}",
                r.text,
                l2.diagnostics
            );
        }
    }
}

/// Every `GeneratedRulesType`, for the domain-list target.
const ALL_KINDS: [GeneratedRulesType; 4] = [
    GeneratedRulesType::AllowList,
    GeneratedRulesType::DenyList,
    GeneratedRulesType::RejectList,
    GeneratedRulesType::AlertList,
];

/// Asserts that `span` lies inside its file, on UTF-8 character boundaries.
fn check_span(sources: &SourceMap, span: Span, what: &str) {
    let text = &sources.get(span.file).text;
    let (start, end) = (span.start as usize, span.end as usize);
    assert!(
        start <= end && end <= text.len(),
        "{what}: span {start}..{end} outside the input ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: span {start}..{end} splits a UTF-8 character"
    );
}

/// Asserts that every span of `diags` (primary and labels) is valid in `sources`.
fn check_diag_spans(sources: &SourceMap, diags: &[Diagnostic]) {
    for d in diags {
        check_span(sources, d.span, &d.message);
        for l in &d.labels {
            check_span(sources, l.span, &l.message);
        }
    }
}

/// Loads `text` (generated rules) in the aws dialect with the stock variables and
/// asserts that every line is a rule that loaded, with no error.
fn assert_generated_rules_load(name: &str, text: &str, expected: usize) {
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Aws);
    loader.add_rules(name, text);
    let load = loader.finish();
    let loaded = load
        .outcomes
        .iter()
        .filter(|o| matches!(o.state, State::Loaded(_)))
        .count();
    assert!(
        !load.has_errors() && loaded == expected,
        "{name}: {loaded} of {expected} generated rules loaded\n{text}\n{:#?}",
        load.diagnostics
    );
}

/// Checks the loader's bookkeeping: every rule line has an outcome other than
/// ignored, and every rejected line has an error diagnostic.
fn check_accounting(load: &Load) {
    let rules = load
        .outcomes
        .iter()
        .filter(|o| o.kind == LineKind::Rule)
        .count();
    let decided = load
        .outcomes
        .iter()
        .filter(|o| !matches!(o.state, State::Ignored))
        .count();
    assert_eq!(rules, decided, "a rule line was lost");
    let rejected = load
        .outcomes
        .iter()
        .filter(|o| o.state == State::Rejected)
        .count();
    let errors = load.diagnostics.iter().filter(|d| d.is_error()).count();
    assert!(
        errors >= rejected,
        "a rejected rule has no error diagnostic"
    );
}

/// Reads `data` as a plain-text AWS domain list ([`aws::parse_domain_list`]) and
/// generates its rules ([`aws::generate_domain_rules`]) for all four
/// `GeneratedRulesType`s in both rule orders, with both target types, each one
/// alone, and none.
///
/// Invariants: every diagnostic span is inside the input on character
/// boundaries, and the diagnostics render; each valid target's span covers
/// exactly the target as written, and its normalized form is lowercase ASCII
/// (`a-z`, digits, `-`, `_`, `.`); with both types there are two rules per
/// target (plus the two drop rules of a default-order allow list), and the
/// rules for one type are those for both restricted to that protocol (sids
/// aside); no type, no rule; and the rules generated for both types, loaded in
/// the aws dialect with the stock variables, all load with no error (invalid
/// targets were reported and left out, so nothing generated from the list may
/// be rejected).
pub fn domain_list(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut sources = SourceMap::new();
    let file = sources.add("fuzz.txt", text.as_ref());
    let (targets, diags) = aws::parse_domain_list(file, &text);
    check_diag_spans(&sources, &diags);
    let _ = render::to_text(&sources, &diags);
    for t in &targets {
        check_span(&sources, t.span, &t.text);
        assert_eq!(sources.snippet(t.span), t.text, "target span");
        assert!(
            !t.normalized.is_empty()
                && t.normalized.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || matches!(b, b'-' | b'_' | b'.')),
            "normalized target `{}` (from `{}`)",
            t.normalized,
            t.text
        );
    }
    for kind in ALL_KINDS {
        for order in [RuleOrder::DefaultActionOrder, RuleOrder::StrictOrder] {
            let both = aws::generate_domain_rules(&targets, TargetTypes::BOTH, kind, order);
            let drop_rules =
                kind == GeneratedRulesType::AllowList && order == RuleOrder::DefaultActionOrder;
            assert_eq!(
                both.len(),
                targets.len() * 2 + if drop_rules { 2 } else { 0 },
                "number of generated rules"
            );
            let generated: String = both.iter().map(|r| format!("{}\n", r.text)).collect();
            let name = format!("{} {}", kind.as_str(), order.as_str());
            assert_generated_rules_load(&name, &generated, both.len());
            // One target type: the same rules as for both, less the other
            // protocol's (the rules were loaded above; only sids differ).
            for (tls_sni, proto) in [(true, " tls "), (false, " http ")] {
                let types = TargetTypes {
                    tls_sni,
                    http_host: !tls_sni,
                };
                let one = aws::generate_domain_rules(&targets, types, kind, order);
                let strip_sid = |t: &str| t[..t.rfind(" sid:").unwrap_or(t.len())].to_owned();
                let expected: Vec<String> = both
                    .iter()
                    .filter(|r| r.text.contains(proto))
                    .map(|r| strip_sid(&r.text))
                    .collect();
                let got: Vec<String> = one.iter().map(|r| strip_sid(&r.text)).collect();
                assert_eq!(got, expected, "{name}, only{proto}");
            }
        }
        let none = aws::generate_domain_rules(
            &targets,
            TargetTypes::default(),
            kind,
            RuleOrder::DefaultActionOrder,
        );
        assert!(none.is_empty(), "rules generated for no target type");
    }
}

/// The variables a group's rules are loaded with, as the CLI sets them
/// ([`RuleGroup::vars`]): the stock `HOME_NET` and `EXTERNAL_NET`, each IP set
/// reference bound to a placeholder CIDR, then the group's `IPSets` and
/// `PortSets`.
fn group_vars(g: &RuleGroup) -> Vars {
    let mut policy = Vars::suricata_defaults().only(&["HOME_NET", "EXTERNAL_NET"]);
    for n in &g.ip_set_references {
        policy.set_ip_set_reference(n, &["10.0.0.0/8".to_string()]);
    }
    g.vars(&policy)
}

/// Reads `data` as AWS JSON/YAML: rule groups ([`aws::read_rule_groups`]) and
/// firewall policies ([`aws::read_policy`], [`aws::read_policies`]), then loads
/// every group's [`RuleGroup::rules_text`] in the aws dialect with the group's
/// variables, as `ferrule check --dialect aws` does.
///
/// Invariants: every span of the readers' diagnostics, groups, policies and
/// group references is inside the input on character boundaries, and all
/// diagnostics render; `read_policy` returns the first of `read_policies`; the
/// loader accounts for every rule line; and the rules generated for a
/// `RulesSourceList` group (whose targets were validated) load with no error.
/// A `RulesString` or `StatefulRules` group may contain rules that Suricata
/// rejects: those only have to be reported.
pub fn aws_json(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Aws);
    let file = loader.add_source("fuzz.json", &text);
    let mut sources = SourceMap::new();
    assert_eq!(sources.add("fuzz.json", text.as_ref()), file);

    let (groups, mut diags) = aws::read_rule_groups(file, &text);
    let (policy, pdiags) = aws::read_policy(file, &text);
    let (policies, _) = aws::read_policies(file, &text);
    assert_eq!(
        policy.as_ref(),
        policies.first(),
        "read_policy is not the first policy"
    );
    diags.extend(pdiags);
    for g in &groups {
        check_span(&sources, g.span, "rule group");
        let _ = g.capacity_estimate();
        if let Some(rules) = g.generated_rules() {
            for r in &rules {
                if let Some(s) = r.origin {
                    check_span(&sources, s, &r.text);
                }
            }
        }
    }
    for p in &policies {
        check_span(&sources, p.span, "policy");
        for r in p.groups_in_order() {
            check_span(&sources, r.span, "group reference");
            let _ = r.group_name();
        }
        diags.extend(p.check_groups(&groups));
    }
    check_diag_spans(&sources, &diags);
    for d in diags {
        loader.report(d);
    }

    for (i, g) in groups.iter().enumerate() {
        let rules_text = g.rules_text();
        if let RuleGroupSource::DomainList { .. } = g.source {
            let n = g.generated_rules().map_or(0, |r| r.len());
            assert_generated_rules_load(&format!("group {i} (domain list)"), &rules_text, n);
        }
        loader.set_vars(group_vars(g));
        loader.add_rules(&format!("group {i}"), &rules_text);
    }
    let load = loader.finish();
    check_accounting(&load);
    let _ = render::to_text(&load.sources, &load.diagnostics);
}

/// Compares the compiled `rs` (built from `rules` in Suricata's default action
/// order) with the reference interpreter: each query of `queries` decided alone
/// (decision and alert list, in order), then `queries` as one flow. `Err`
/// describes the first difference.
pub fn compare_compiled(rules: &[Rule], rs: &Ruleset, queries: &[Query]) -> Result<(), String> {
    compare_compiled_in(rules, rs, &interp::Order::default(), queries)
}

/// [`compare_compiled`] for a ruleset built in `order`. Also compares, in
/// strict order, the stateful default action that decided and the
/// `aws:alert_*` default alerts.
pub fn compare_compiled_in(
    rules: &[Rule],
    rs: &Ruleset,
    order: &interp::Order,
    queries: &[Query],
) -> Result<(), String> {
    use crate::build::default_action;
    let want_defaults = |w: &interp::FlowDecision| -> Vec<(DefaultAction, Stage)> {
        w.default_alerts
            .iter()
            .map(|a| (default_action(a.action), a.stage))
            .collect()
    };
    let mut sink = AllAlerts::default();
    for (i, q) in queries.iter().enumerate() {
        sink.rules.clear();
        sink.defaults.clear();
        let (got, def) = rs.decide_detailed(q, &mut sink);
        let want = interp::decide_flow(rules, order, &interp::FlowQueries { queries: vec![*q] });
        let want_def = want.default.map(default_action);
        let want_da = want_defaults(&want);
        if got != want.decision
            || sink.rules != want.alerts
            || def != want_def
            || sink.defaults != want_da
        {
            return Err(format!(
                "query {i} {q:?}\n  compiled:    {got:?} alerts {:?} default {def:?} default alerts {:?}\n  interpreter: {:?} alerts {:?} default {want_def:?} default alerts {want_da:?}",
                sink.rules, sink.defaults, want.decision, want.alerts
            ));
        }
    }
    let mut alerts: Vec<RuleRef> = Vec::new();
    let mut dalerts = Vec::new();
    let (got, def) = rs.decide_flow_detailed(queries, &mut alerts, &mut dalerts);
    let want = interp::decide_flow(
        rules,
        order,
        &interp::FlowQueries {
            queries: queries.to_vec(),
        },
    );
    let want_def = want.default.map(default_action);
    let want_da = want_defaults(&want);
    if got != want.decision || alerts != want.alerts || def != want_def || dalerts != want_da {
        return Err(format!(
            "flow {queries:?}\n  compiled:    {got:?} alerts {alerts:?} default {def:?} default alerts {dalerts:?}\n  interpreter: {:?} alerts {:?} default {want_def:?} default alerts {want_da:?}",
            want.decision, want.alerts
        ));
    }
    Ok(())
}

/// Addresses the differential query decoder picks from (both families,
/// inside and outside the stock `$HOME_NET`).
const FUZZ_ADDRS_V4: [&str; 6] = [
    "10.0.0.5",
    "10.1.2.3",
    "192.168.1.1",
    "93.184.216.34",
    "1.2.3.4",
    "172.16.0.1",
];
const FUZZ_ADDRS_V6: [&str; 4] = ["2001:db8::1", "2001:db8:1::5", "2606:4700::1", "::1"];
const FUZZ_PORTS: [u16; 8] = [443, 80, 53, 8080, 1024, 40000, 50, 0];

/// Differential target: the compiled `Ruleset` and the reference interpreter
/// decide the same.
///
/// Input layout: the bytes before the first `0x00` are a rules file (loaded with
/// the stock variables in the suricata dialect; rules that fail to load are
/// dropped); the bytes after it describe one query:
/// - byte 0, flags: bit 0 IPv6, bits 1–2 IP protocol (tcp, udp, icmp, sctp),
///   bit 3 a later stage (`AppRequest`, or `AppResponse` when byte 6 is
///   odd), bit 4 to_client, bit 5 established, bit 6 AWS
///   strict order (else Suricata's action order) with, from `n = byte 1 >> 3`,
///   the stateful default actions drop `n % 5` and alert `n / 5 % 5` (0 none,
///   1–4 strict, established, app-layer, app-layer to_server), bit 7
///   `Query::first_packet`;
/// - byte 1: app protocol (mod 7: none, tls, http1, http2, dns, quic, other);
/// - bytes 2–3: source / destination address (index into a small pool of the
///   query's family); bytes 4–5: source / destination port (index into a pool,
///   or the byte itself when ≥ 128); byte 6: the later stage (above);
/// - the rest, split on `\n`: `tls.sni`, `http.host`, `http.host.raw`,
///   `http.header_names`, `dns.query`, `quic.sni` (a buffer is present when its
///   segment exists, possibly empty), then up to four more `dns.query` names
///   (`Query::dns_query_more`).
///
/// Asserts [`compare_compiled_in`] on the query alone and on the flow
/// `FlowStart` (same 5-tuple, to_server), its reply, the query, then the
/// server's `AppResponse` (a first-packet query: the query, then the reply
/// as a first-packet `AppResponse`).
pub fn decide_differential(data: &[u8]) {
    let (rules_bytes, qbytes) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let text = String::from_utf8_lossy(rules_bytes);
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    loader.add_rules("fuzz.rules", &text);
    let load = loader.finish();
    let rules: Vec<Rule> = load.active_rules().cloned().collect();
    let b = |i: usize| qbytes.get(i).copied().unwrap_or(0);
    let flags = b(0);
    let order = if flags & 64 != 0 {
        use interp::StatefulDefaultAction as S;
        let n = (b(1) >> 3) as usize;
        let drops = [
            S::DropStrict,
            S::DropEstablished,
            S::DropEstablishedAppLayer,
            S::DropEstablishedAppLayerToServer,
        ];
        let alerts = [
            S::AlertStrict,
            S::AlertEstablished,
            S::AlertEstablishedAppLayer,
            S::AlertEstablishedAppLayerToServer,
        ];
        let mut defaults = Vec::new();
        if let Some(&d) = (n % 5).checked_sub(1).and_then(|i| drops.get(i)) {
            defaults.push(d);
        }
        if let Some(&a) = (n / 5 % 5).checked_sub(1).and_then(|i| alerts.get(i)) {
            defaults.push(a);
        }
        interp::Order::strict(defaults)
    } else {
        interp::Order::default()
    };
    let rs = match build::build(&rules, &order) {
        Ok(rs) => rs,
        Err(e) => panic!("build failed: {e}"),
    };
    let v6 = flags & 1 != 0;
    let proto = match (flags >> 1) & 3 {
        0 => IpProto::Tcp,
        1 => IpProto::Udp,
        2 => IpProto::Icmp,
        _ => IpProto::Other(132),
    };
    let addr = |x: u8| -> IpAddr {
        if v6 {
            FUZZ_ADDRS_V6[x as usize % FUZZ_ADDRS_V6.len()]
                .parse()
                .unwrap()
        } else {
            FUZZ_ADDRS_V4[x as usize % FUZZ_ADDRS_V4.len()]
                .parse()
                .unwrap()
        }
    };
    let port = |x: u8| -> u16 {
        if x >= 128 {
            x as u16
        } else {
            FUZZ_PORTS[x as usize % FUZZ_PORTS.len()]
        }
    };
    let start = Query::flow_start(proto, addr(b(2)), port(b(4)), addr(b(3)), port(b(5)));
    let mut q = start;
    if flags & 8 != 0 {
        q.stage = match b(6) & 3 {
            0 | 2 => Stage::AppRequest,
            1 => Stage::AppResponse,
            _ => Stage::AppPartial,
        };
    }
    if flags & 16 != 0 {
        q.direction = FlowDirection::ToClient;
    }
    q.established = flags & 32 != 0;
    q.first_packet = flags & 128 != 0;
    q.app_proto = match b(1) % 7 {
        0 => None,
        1 => Some(AppProto::Tls),
        2 => Some(AppProto::Http1),
        3 => Some(AppProto::Http2),
        4 => Some(AppProto::Dns),
        5 => Some(AppProto::Quic),
        _ => Some(AppProto::Other),
    };
    let rest = qbytes.get(7..).unwrap_or(&[]);
    let mut segs = rest.split(|&c| c == b'\n');
    let mut more: Vec<&[u8]> = Vec::new();
    if !rest.is_empty() {
        q.tls_sni = segs.next();
        q.http_host = segs.next();
        q.http_host_raw = segs.next();
        q.http_header_names = segs.next();
        q.dns_query = segs.next();
        q.quic_sni = segs.next();
        // Further segments: the request's further DNS questions.
        if q.dns_query.is_some() {
            more.extend(segs.take(4));
        }
    }
    q.dns_query_more = &more;
    let mut reply = start.reversed();
    reply.established = proto == IpProto::Udp;
    if let Err(e) = compare_compiled_in(&rules, &rs, &order, &[q]) {
        panic!("compiled and interpreter differ\nrules:\n{text}\n{e}");
    }
    // The server's reply after the request: an `AppResponse` with the
    // request's app protocol (the flow's first reply datagram on a
    // first-packet flow).
    let mut response = start.app_response(q.app_proto);
    response.first_packet = q.first_packet;
    let flow: &[Query] = if q.first_packet {
        &[q, response]
    } else {
        &[start, reply, q, response]
    };
    if let Err(e) = compare_compiled_in(&rules, &rs, &order, flow) {
        panic!("compiled and interpreter differ (flow)\nrules:\n{text}\n{e}");
    }
}
