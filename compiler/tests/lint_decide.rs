//! Table-driven tests of the lints that need the decision model: F0801
//! ShadowedRule, F0802 HandshakeDrop, F0803 IpOnlyPassBlinds. Each row is a
//! rule set, an order, and the (code, sid of the primary rule) findings
//! expected — true positives and true negatives (an empty list).

use ferrule_compiler::diag::Code;
use ferrule_compiler::interp::{Order, StatefulDefaultAction};
use ferrule_compiler::lint::{lint, LintContext};
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;

fn findings(text: &str, order: &Order, codes: &[Code]) -> Vec<(Code, u32)> {
    let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    loader.add_rules("t.rules", text);
    let load = loader.finish();
    assert!(!load.has_errors(), "{:?}", load.diagnostics);
    let rules: Vec<_> = load.active_rules().cloned().collect();
    let ctx = LintContext::new(&rules, order, &load.sources);
    let mut out: Vec<(Code, u32)> = lint(&ctx)
        .into_iter()
        .filter(|d| codes.contains(&d.code))
        .map(|d| {
            let r = rules
                .iter()
                .find(|r| r.span == d.span)
                .expect("the primary span is a rule");
            (d.code, r.meta.sid)
        })
        .collect();
    out.sort();
    out
}

const SHADOW: &[Code] = &[Code::ShadowedRule];
const HANDSHAKE: &[Code] = &[Code::HandshakeDrop, Code::IpOnlyPassBlinds];
const SPLIT: &[Code] = &[Code::SplitRequestDrop];

struct Case {
    name: &'static str,
    rules: &'static str,
    order: fn() -> Order,
    codes: &'static [Code],
    expect: &'static [(Code, u32)],
}

fn action() -> Order {
    Order::default()
}
fn strict() -> Order {
    Order::strict(vec![StatefulDefaultAction::DropEstablished])
}
fn strict_app_layer() -> Order {
    Order::strict(vec![StatefulDefaultAction::DropEstablishedAppLayer])
}
fn strict_drop_strict() -> Order {
    Order::strict(vec![StatefulDefaultAction::DropStrict])
}
fn drop_first() -> Order {
    Order::with_action_order(&["drop", "pass", "reject", "alert"]).unwrap()
}

const CASES: &[Case] = &[
    // F0804: the segments of a request split across TCP segments carry no
    // buffer yet (SEMANTICS §9).
    Case {
        name: "the older TLS catch-all drops a split ClientHello's first segments",
        rules: "pass tls $HOME_NET any -> $EXTERNAL_NET any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; flow:to_server, established; sid:1;)\n\
                drop tls $HOME_NET any -> $EXTERNAL_NET any (flow:to_server, established; sid:2;)\n",
        order: action,
        codes: SPLIT,
        expect: &[(Code::SplitRequestDrop, 2)],
    },
    Case {
        name: "an app-layer drop without a buffer decides a split ClientHello's flow",
        rules: "pass tls any any -> any any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; sid:1;)\n\
                drop tls any any -> any any (flow:to_server; sid:2;)\n",
        order: action,
        codes: SPLIT,
        expect: &[(Code::SplitRequestDrop, 2)],
    },
    Case {
        name: "the older HTTP catch-all, a reject, resets a split request's connection",
        rules: "pass http $HOME_NET any -> $EXTERNAL_NET any (http.host; dotprefix; content:\".example.com\"; endswith; flow:to_server, established; sid:1;)\n\
                reject http $HOME_NET any -> $EXTERNAL_NET any (flow:to_server, established; sid:2;)\n",
        order: action,
        codes: SPLIT,
        expect: &[(Code::SplitRequestDrop, 2)],
    },
    Case {
        name: "AWS's current catch-alls wait for the complete request",
        rules: "pass tls $HOME_NET any -> $EXTERNAL_NET any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; flow:to_server, established; sid:1;)\n\
                pass http $HOME_NET any -> $EXTERNAL_NET any (http.host; dotprefix; content:\".example.com\"; endswith; flow:to_server, established; sid:2;)\n\
                drop tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; flow:to_server, established; sid:3;)\n\
                drop http $HOME_NET any -> $EXTERNAL_NET any (http.header_names; content:\"|0d 0a|\"; startswith; flow:to_server, established; sid:4;)\n",
        order: action,
        codes: SPLIT,
        expect: &[],
    },
    Case {
        name: "a catch-all on other flows than the pass's",
        rules: "pass tls $HOME_NET any -> $EXTERNAL_NET 443 (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; flow:to_server, established; sid:1;)\n\
                drop tls $HOME_NET any -> $EXTERNAL_NET 8443 (flow:to_server, established; sid:2;)\n\
                drop http $HOME_NET any -> $EXTERNAL_NET any (flow:to_server, established; sid:3;)\n",
        order: action,
        codes: SPLIT,
        expect: &[],
    },
    Case {
        name: "a pass on every established TLS packet before the catch-all",
        rules: "pass tls $HOME_NET any -> $EXTERNAL_NET any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; flow:to_server, established; sid:1;)\n\
                pass tls 10.0.0.0/8 any -> $EXTERNAL_NET any (flow:to_server, established; sid:2;)\n\
                drop tls 10.0.0.0/8 any -> $EXTERNAL_NET any (flow:to_server, established; sid:3;)\n",
        order: action,
        codes: SPLIT,
        expect: &[],
    },
    Case {
        name: "a drop on `ssl_state:!client_hello` matches a split ClientHello's segments",
        rules: "pass tls any any -> any any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; sid:1;)\n\
                drop tls any any -> any any (ssl_state:!client_hello; flow:to_server, established; sid:2;)\n",
        order: action,
        codes: SPLIT,
        expect: &[(Code::SplitRequestDrop, 2)],
    },
    // Flows decided at their first packet never reach a segment of their
    // request (F0802/F0803 speak of them).
    Case {
        name: "an IP-only pass decides the flows at the SYN",
        rules: "pass tcp 10.0.0.0/8 any -> any 443 (sid:10;)\n\
                pass tls 10.0.0.0/8 any -> any 443 (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; sid:1;)\n\
                drop tls 10.0.0.0/8 any -> any 443 (flow:to_server, established; sid:2;)\n",
        order: action,
        codes: SPLIT,
        expect: &[],
    },
    Case {
        name: "an IP-only drop on the server's side decides the flows at the SYN-ACK",
        rules: "drop tcp any 443 -> 10.0.0.0/8 any (sid:10;)\n\
                pass tls 10.0.0.0/8 any -> any 443 (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; sid:1;)\n\
                drop tls 10.0.0.0/8 any -> any 443 (flow:to_server, established; sid:2;)\n",
        order: action,
        codes: SPLIT,
        expect: &[],
    },
    Case {
        name: "aws:drop_established with the handshake passed by an IP-only rule",
        rules: "pass tcp $HOME_NET any -> $EXTERNAL_NET 443 (sid:10;)\n\
                pass tls $HOME_NET any -> $EXTERNAL_NET 443 (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; flow:to_server; sid:1;)\n",
        order: strict,
        codes: SPLIT,
        expect: &[],
    },
    Case {
        name: "aws:drop_established drops a split ClientHello before the SNI pass",
        rules: "pass tls $HOME_NET any -> $EXTERNAL_NET any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; flow:to_server; sid:1;)\n",
        order: strict,
        codes: SPLIT,
        expect: &[(Code::SplitRequestDrop, 1)],
    },
    Case {
        name: "aws:drop_established_app_layer waits for the ClientHello",
        rules: "pass tls $HOME_NET any -> $EXTERNAL_NET any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; flow:to_server; sid:1;)\n",
        order: strict_app_layer,
        codes: SPLIT,
        expect: &[],
    },
    // A ClientHello split across TCP segments: the segments after TLS is
    // detected carry no hello (`AppPartial`), so a pass on the ClientHello
    // does not cover an app-layer drop without `ssl_state`, which decides
    // the flow on the first segment; one with `ssl_state:client_hello`
    // is covered.
    Case {
        name: "a ClientHello pass does not shadow a TLS drop that matches a split hello's segments",
        rules: "pass tls any any -> any any (ssl_state:client_hello; sid:1;)\n\
                drop tls any any -> any any (flow:to_server; sid:2;)\n",
        order: action,
        codes: SHADOW,
        expect: &[],
    },
    Case {
        name: "a ClientHello pass shadows a ClientHello drop",
        rules: "pass tls any any -> any any (ssl_state:client_hello; sid:1;)\n\
                drop tls any any -> any any (ssl_state:client_hello; flow:to_server; sid:2;)\n",
        order: action,
        codes: SHADOW,
        expect: &[(Code::ShadowedRule, 2)],
    },
    // The first UDP DNS request is not established (the server has not
    // answered; the flow tracker and Suricata inspect it then): an
    // established-only pass does not cover a drop on that request.
    Case {
        name: "established pass does not shadow a DNS drop (first UDP request)",
        rules: "pass dns any any -> any any (flow:established; sid:1;)\n\
                drop dns any any -> any any (dns.query; content:\"evil.example\"; startswith; endswith; sid:2;)\n",
        order: action,
        codes: SHADOW,
        expect: &[],
    },
    Case {
        name: "established pass does not shadow a QUIC drop (the Initial)",
        rules: "pass quic any any -> any any (flow:established; sid:1;)\n\
                drop quic any any -> any any (quic.sni; content:\"evil.example\"; startswith; endswith; sid:2;)\n",
        order: action,
        codes: SHADOW,
        expect: &[],
    },
    Case {
        name: "a pass on every DNS request shadows a DNS drop",
        rules: "pass dns any any -> any any (sid:1;)\n\
                drop dns any any -> any any (dns.query; content:\"evil.example\"; startswith; endswith; sid:2;)\n",
        order: action,
        codes: SHADOW,
        expect: &[(Code::ShadowedRule, 2)],
    },
    // An app-layer protocol the query model does not carry makes the rule
    // inert (it never matches in Ferrule, but does in Suricata): no claim
    // that an earlier rule shadows it (AWS sample template,
    // aws-networkfirewall-cfn-templates, egress-allow-list-example-rule-group).
    Case {
        name: "unmodelled app protocol is not 'shadowed'",
        rules: "pass tcp $HOME_NET any -> any any (flow:not_established, to_server; sid:1;)\n\
                pass ntp $HOME_NET any -> any 123 (flow:to_server; sid:2;)\n\
                drop tcp $HOME_NET any -> any any (app-layer-protocol:ssh; sid:3;)\n",
        order: strict,
        codes: SHADOW,
        expect: &[],
    },
    Case {
        name: "wildcard pass shadows a drop of one of its names",
        rules: "drop tls any any -> any any (tls.sni; content:\"www.example.com\"; startswith; nocase; endswith; sid:2;)\n\
                pass tls any any -> any any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; sid:1;)",
        order: action,
        codes: SHADOW,
        expect: &[(Code::ShadowedRule, 2)],
    },
    Case {
        name: "case-sensitive wildcard does not cover a nocase name",
        rules: "pass tls any any -> any any (tls.sni; dotprefix; content:\".example.com\"; endswith; sid:1;)\n\
                drop tls any any -> any any (tls.sni; content:\"www.example.com\"; startswith; nocase; endswith; sid:2;)",
        order: action,
        codes: SHADOW,
        expect: &[],
    },
    Case {
        name: "lookalike is not under the wildcard",
        rules: "pass tls any any -> any any (tls.sni; dotprefix; content:\".example.com\"; nocase; endswith; sid:1;)\n\
                drop tls any any -> any any (tls.sni; content:\"badexample.com\"; startswith; nocase; endswith; sid:2;)",
        order: action,
        codes: SHADOW,
        expect: &[],
    },
    Case {
        name: "narrower header under a header-only pass",
        rules: "pass tls $HOME_NET any -> any any (flow:established; sid:1;)\n\
                drop tls 10.0.0.0/8 any -> any 443 (tls.sni; content:\"x.com\"; sid:2;)",
        order: action,
        codes: SHADOW,
        expect: &[(Code::ShadowedRule, 2)],
    },
    Case {
        name: "wider header is not shadowed",
        rules: "pass tls 10.0.0.0/8 any -> any any (flow:established; sid:1;)\n\
                drop tls any any -> any 443 (tls.sni; content:\"x.com\"; sid:2;)",
        order: action,
        codes: SHADOW,
        expect: &[],
    },
    Case {
        name: "pcre in the earlier rule: cannot tell",
        rules: "pass tls any any -> any any (tls.sni; pcre:\"/example/\"; sid:1;)\n\
                drop tls any any -> any any (tls.sni; content:\"example.com\"; startswith; endswith; sid:2;)",
        order: action,
        codes: SHADOW,
        expect: &[],
    },
    Case {
        name: "first flow verdict wins: a later drop of the same name",
        rules: "drop tls any any -> any any (tls.sni; content:\"a.com\"; startswith; endswith; sid:1;)\n\
                reject tls any any -> any any (tls.sni; content:\"a.com\"; startswith; endswith; sid:2;)",
        order: action,
        codes: SHADOW,
        expect: &[(Code::ShadowedRule, 2)],
    },
    Case {
        name: "a packet-scoped drop does not set the flow verdict",
        rules: "drop ip any any -> any any (flow:established; sid:1;)\n\
                reject tls any any -> any any (tls.sni; content:\"a.com\"; startswith; endswith; sid:2;)",
        order: action,
        codes: SHADOW,
        expect: &[],
    },
    Case {
        name: "drop before the pass (configured action order): the pass may be ignored",
        rules: "drop ip any any -> any any (flow:established; sid:3;)\n\
                pass tls any any -> any any (tls.sni; content:\"a.com\"; startswith; endswith; sid:1;)\n\
                reject tls any any -> any any (tls.sni; content:\"a.com\"; startswith; endswith; sid:2;)",
        order: drop_first,
        codes: SHADOW,
        expect: &[],
    },
    Case {
        name: "strict order: the first matching drop ends processing",
        rules: "drop tls any any -> any any (tls.sni; dotprefix; content:\".example.com\"; endswith; sid:1;)\n\
                pass tls any any -> any any (tls.sni; content:\"example.com\"; startswith; endswith; sid:2;)",
        order: strict,
        codes: SHADOW,
        expect: &[(Code::ShadowedRule, 2)],
    },
    Case {
        name: "strict order follows the file, not the action",
        rules: "pass tls any any -> any any (tls.sni; content:\"example.com\"; startswith; endswith; sid:2;)\n\
                drop tls any any -> any any (tls.sni; dotprefix; content:\".example.com\"; endswith; sid:1;)",
        order: strict,
        codes: SHADOW,
        expect: &[],
    },
    Case {
        name: "bidirectional later rule needs both directions covered",
        rules: "pass ip 10.0.0.0/8 any -> any any (sid:1;)\n\
                drop ip 10.0.0.0/8 any <> any any (sid:2;)",
        order: action,
        codes: SHADOW,
        expect: &[],
    },
    Case {
        name: "different buffers do not cover",
        rules: "pass http any any -> any any (http.host; content:\"a.com\"; startswith; endswith; sid:1;)\n\
                drop tls any any -> any any (tls.sni; content:\"a.com\"; startswith; endswith; sid:2;)",
        order: action,
        codes: SHADOW,
        expect: &[],
    },
    // ---- handshake
    Case {
        name: "IP-only drop on 443 kills the TLS allow list (trap 9)",
        rules: "drop tcp any any -> any 443 (sid:1;)\n\
                pass tls any any -> any any (tls.sni; content:\"example.com\"; startswith; nocase; endswith; sid:2;)",
        order: action,
        codes: HANDSHAKE,
        expect: &[(Code::HandshakeDrop, 1)],
    },
    Case {
        name: "a packet drop without `established` stops the SYN",
        rules: "drop tcp any any -> any 443 (flow:to_server; sid:1;)\n\
                pass tls any any -> any any (tls.sni; content:\"example.com\"; startswith; endswith; sid:2;)",
        order: action,
        codes: HANDSHAKE,
        expect: &[(Code::HandshakeDrop, 1)],
    },
    Case {
        name: "an established drop waits for the request",
        rules: "drop tcp any any -> any 443 (flow:established,to_server; sid:1;)\n\
                pass tls any any -> any any (tls.sni; content:\"example.com\"; startswith; nocase; endswith; sid:2;)",
        order: action,
        codes: HANDSHAKE,
        expect: &[],
    },
    Case {
        name: "disjoint ports: no trap",
        rules: "drop tcp any any -> any 22 (sid:1;)\n\
                pass tls any any -> any 443 (tls.sni; content:\"example.com\"; startswith; endswith; sid:2;)",
        order: action,
        codes: HANDSHAKE,
        expect: &[],
    },
    Case {
        name: "IPv4-only drop and an IPv6 pass: no trap",
        rules: "drop tcp 10.0.0.0/8 any -> any any (sid:1;)\n\
                pass tls [2001:db8::/32] any -> any any (tls.sni; content:\"a.com\"; sid:2;)",
        order: action,
        codes: HANDSHAKE,
        expect: &[],
    },
    Case {
        name: "an earlier IP-only pass of the same flows: cannot tell which decides",
        rules: "pass tcp any any -> any 443 (sid:3;)\n\
                drop tcp any any -> any 443 (sid:1;)\n\
                pass tls any any -> any any (tls.sni; content:\"a.com\"; sid:2;)",
        order: strict,
        codes: &[Code::HandshakeDrop],
        expect: &[],
    },
    Case {
        name: "IP-only pass blinds a later SNI drop (trap 10)",
        rules: "pass ip 10.0.0.0/8 any -> any any (sid:1;)\n\
                drop tls any any -> any any (tls.sni; content:\"evil.com\"; sid:2;)",
        order: action,
        codes: HANDSHAKE,
        expect: &[(Code::IpOnlyPassBlinds, 1)],
    },
    Case {
        name: "aws:drop_strict with an SNI allow list and no handshake pass (trap 21)",
        rules: "pass tls $HOME_NET any -> $EXTERNAL_NET any (tls.sni; content:\"example.com\"; startswith; nocase; endswith; flow:to_server; sid:2;)",
        order: strict_drop_strict,
        codes: HANDSHAKE,
        expect: &[(Code::HandshakeDrop, 2)],
    },
    Case {
        name: "aws:drop_strict with the handshake passed explicitly",
        rules: "pass tcp $HOME_NET any -> $EXTERNAL_NET any (flow:not_established; sid:1;)\n\
                pass tls $HOME_NET any -> $EXTERNAL_NET any (tls.sni; content:\"example.com\"; startswith; nocase; endswith; flow:to_server; sid:2;)",
        order: strict_drop_strict,
        codes: &[Code::HandshakeDrop],
        expect: &[],
    },
    Case {
        name: "aws:drop_established lets the handshake through",
        rules: "pass tls $HOME_NET any -> $EXTERNAL_NET any (tls.sni; content:\"example.com\"; startswith; nocase; endswith; flow:to_server; sid:2;)",
        order: strict,
        codes: HANDSHAKE,
        expect: &[],
    },
];

#[test]
fn decision_model_lints() {
    let mut failed = Vec::new();
    for c in CASES {
        let got = findings(c.rules, &(c.order)(), c.codes);
        if got != c.expect {
            failed.push(format!("{}: expected {:?}, got {got:?}", c.name, c.expect));
        }
    }
    let positives = CASES.iter().filter(|c| !c.expect.is_empty()).count();
    println!(
        "{} cases ({positives} true positives, {} true negatives)",
        CASES.len(),
        CASES.len() - positives
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
