//! Table-driven tests for the net module: every error message with its code,
//! the valid forms, Suricata's quirks, default variables, configuration
//! checks, round trips, and the recorded outcomes of real Suricata 8.0.6.

use super::*;
use crate::diag::Code;
use crate::Dialect;
use proptest::prelude::*;
use std::net::IpAddr;

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn defaults() -> Vars {
    Vars::suricata_defaults()
}

fn addr(s: &str) -> Result<AddressSet, NetError> {
    parse_address(s, &defaults(), Dialect::Suricata)
}

fn port(s: &str) -> Result<PortSet, NetError> {
    parse_port(s, &defaults())
}

// ---------------------------------------------------------------- addresses

/// (input, canonical text of the parsed set)
const ADDRESS_OK: &[(&str, &str)] = &[
    ("any", "any"),
    ("ANY", "any"),
    ("Any", "any"),
    (" any", "any"),
    ("1.2.3.4", "1.2.3.4"),
    ("1.2.3.4/32", "1.2.3.4"),
    ("0.0.0.0/0", "0.0.0.0/0"),
    ("::/0", "::/0"),
    ("10.0.0.0/8", "10.0.0.0/8"),
    // host bits masked silently (trap 26)
    ("10.0.0.5/24", "10.0.0.0/24"),
    ("10.0.0.5/0", "0.0.0.0/0"),
    ("1.2.3.0/255.255.255.0", "1.2.3.0/24"),
    ("1.2.3.4/255.255.255.255", "1.2.3.4"),
    ("1.2.3.4/0.0.0.0", "0.0.0.0/0"),
    ("1.2.3.0/032", "1.2.3.0"),
    // ranges, inclusive, a == b allowed
    ("10.0.0.1-10.0.0.9", "[10.0.0.1,10.0.0.2/31,10.0.0.4/30,10.0.0.8/31]"),
    ("10.0.0.1-10.0.0.1", "10.0.0.1"),
    ("2001:db8::1-2001:db8::2", "[2001:db8::1,2001:db8::2]"),
    // groups, whitespace after commas, nesting
    ("[10.0.0.0/8, 192.168.0.0/16]", "[10.0.0.0/8,192.168.0.0/16]"),
    ("[10.0.0.0/8,\t192.168.0.0/16]", "[10.0.0.0/8,192.168.0.0/16]"),
    ("[10.0.0.0/8,[192.168.0.0/16,[172.16.0.0/12]]]", "[10.0.0.0/8,172.16.0.0/12,192.168.0.0/16]"),
    ("[192.168.0.0/16,!192.168.0.0/24]", "[192.168.1.0/24,192.168.2.0/23,192.168.4.0/22,192.168.8.0/21,192.168.16.0/20,192.168.32.0/19,192.168.64.0/18,192.168.128.0/17]"),
    ("[10.0.0.0/24, !10.0.0.5]", "[10.0.0.0/30,10.0.0.4,10.0.0.6/31,10.0.0.8/29,10.0.0.16/28,10.0.0.32/27,10.0.0.64/26,10.0.0.128/25]"),
    ("[2001:db8::/32,!2001:db8:1::/48]", "[2001:db8::/48,2001:db8:2::/47,2001:db8:4::/46,2001:db8:8::/45,2001:db8:10::/44,2001:db8:20::/43,2001:db8:40::/42,2001:db8:80::/41,2001:db8:100::/40,2001:db8:200::/39,2001:db8:400::/38,2001:db8:800::/37,2001:db8:1000::/36,2001:db8:2000::/35,2001:db8:4000::/34,2001:db8:8000::/33]"),
    ("[[10.0.0.0/8],[!10.0.0.1]]", "[10.0.0.0,10.0.0.2/31,10.0.0.4/30,10.0.0.8/29,10.0.0.16/28,10.0.0.32/27,10.0.0.64/26,10.0.0.128/25,10.0.1.0/24,10.0.2.0/23,10.0.4.0/22,10.0.8.0/21,10.0.16.0/20,10.0.32.0/19,10.0.64.0/18,10.0.128.0/17,10.1.0.0/16,10.2.0.0/15,10.4.0.0/14,10.8.0.0/13,10.16.0.0/12,10.32.0.0/11,10.64.0.0/10,10.128.0.0/9]"),
    // double negation of a block
    ("![!1.2.3.4]", "1.2.3.4"),
    ("[1.2.3.4,!::/0]", "1.2.3.4"),
    ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
    ("2001:DB8::/32", "2001:db8::/32"),
    // variables
    ("$HOME_NET", "[10.0.0.0/8,172.16.0.0/12,192.168.0.0/16]"),
    ("[$HOME_NET]", "[10.0.0.0/8,172.16.0.0/12,192.168.0.0/16]"),
    ("[1.2.3.4, $HOME_NET]", "[1.2.3.4,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16]"),
    ("$HTTP_SERVERS", "[10.0.0.0/8,172.16.0.0/12,192.168.0.0/16]"),
    ("!$EXTERNAL_NET", "[10.0.0.0/8,172.16.0.0/12,192.168.0.0/16]"),
    // quirks of the character state machine, as in Suricata
    ("1.2.3.4,", "1.2.3.4"),
    ("1.2.3.4[5.6.7.8]", "5.6.7.8"),
    ("[1.2.3.4]junk,5.6.7.8", "[1.2.3.4,5.6.7.8]"),
    ("1!.2.3.4", "[0.0.0.0/8,1.0.0.0/15,1.2.0.0/23,1.2.2.0/24,1.2.3.0/30,1.2.3.5,1.2.3.6/31,1.2.3.8/29,1.2.3.16/28,1.2.3.32/27,1.2.3.64/26,1.2.3.128/25,1.2.4.0/22,1.2.8.0/21,1.2.16.0/20,1.2.32.0/19,1.2.64.0/18,1.2.128.0/17,1.3.0.0/16,1.4.0.0/14,1.8.0.0/13,1.16.0.0/12,1.32.0.0/11,1.64.0.0/10,1.128.0.0/9,2.0.0.0/7,4.0.0.0/6,8.0.0.0/5,16.0.0.0/4,32.0.0.0/3,64.0.0.0/2,128.0.0.0/1]"),
];

#[test]
fn addresses_that_parse() {
    let mut failures = Vec::new();
    for (input, want) in ADDRESS_OK {
        match addr(input) {
            Ok(set) => {
                if set.to_suricata() != *want {
                    failures.push(format!("{input}: got {} want {want}", set.to_suricata()));
                }
            }
            Err(e) => failures.push(format!("{input}: unexpected error {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// (input, code, Suricata's message)
const ADDRESS_ERR: &[(&str, Code, &str)] = &[
    ("300.1.1.1", Code::AddressParse, r#"failed to parse address "300.1.1.1""#),
    ("1.2.3.4/33", Code::AddressParse, r#"failed to parse address "1.2.3.4/33""#),
    ("2001:db8::/129", Code::AddressParse, r#"failed to parse address "2001:db8::/129""#),
    ("1.2.3.4/", Code::AddressParse, r#"failed to parse address "1.2.3.4/""#),
    ("1.2.3.4/+8", Code::AddressParse, r#"failed to parse address "1.2.3.4/+8""#),
    ("01.2.3.4", Code::AddressParse, r#"failed to parse address "01.2.3.4""#),
    ("1.2.3", Code::AddressParse, r#"failed to parse address "1.2.3""#),
    ("10.0.0.9-10.0.0.1", Code::AddressParse, r#"failed to parse address "10.0.0.9-10.0.0.1""#),
    ("2001:db8::2-2001:db8::1", Code::AddressParse, r#"failed to parse address "2001:db8::2-2001:db8::1""#),
    ("1.2.3.4-::1", Code::AddressParse, r#"failed to parse address "1.2.3.4-::1""#),
    ("any ", Code::AddressParse, r#"failed to parse address "any ""#),
    ("[10.0.0.0/8 , 192.168.0.0/16]", Code::AddressParse, r#"failed to parse address "10.0.0.0/8 ""#),
    ("[,1.2.3.4]", Code::AddressParse, r#"failed to parse address """#),
    ("example.com", Code::AddressParse, r#"failed to parse address "example.com""#),
    ("[1.2.3.4]junk", Code::AddressParse, r#"failed to parse address "junk""#),
    (
        "1.2.3.0/255.0.255.0",
        Code::NetmaskNotCidr,
        r#"netmask "255.0.255.0" is not usable. Only netmasks that are compatible with CIDR notation are supported. See ticket #5168."#,
    ),
    ("@MYSET", Code::IpSetReference, r#"failed to parse address "@MYSET""#),
    ("!@MYSET", Code::IpSetReference, r#"failed to parse address "@MYSET""#),
    (
        "!any",
        Code::AddressSpaceNegated,
        "Complete IP space negated. Rule address range is NIL. Probably have a !any or an address range that supplies a NULL address range",
    ),
    (
        "[1.2.3.4,!any]",
        Code::AddressSpaceNegated,
        "Complete IP space negated. Rule address range is NIL. Probably have a !any or an address range that supplies a NULL address range",
    ),
    (
        "![0.0.0.0/1,128.0.0.0/1]",
        Code::AddressSpaceNegated,
        "Complete IP space negated. Rule address range is NIL. Probably have a !any or an address range that supplies a NULL address range",
    ),
    (
        "![!any]",
        Code::AddressSpaceNegated,
        "Complete IP space negated. Rule address range is NIL. Probably have a !any or an address range that supplies a NULL address range",
    ),
    (
        "[::/0,!0.0.0.0/0]",
        Code::AddressSpaceNegated,
        "Complete IP space negated. Rule address range is NIL. Probably have a !any or an address range that supplies a NULL address range",
    ),
    ("[1.2.3.4,!1.2.3.4]", Code::AddressEmptyAfterNegation, "no addresses left after merging addresses and negated addresses"),
    ("[192.168.0.2,!192.168.0.0/24]", Code::AddressEmptyAfterNegation, "no addresses left after merging addresses and negated addresses"),
    ("[192.168.1.3,!192.168.0.0/16]", Code::AddressEmptyAfterNegation, "no addresses left after merging addresses and negated addresses"),
    ("!::/0", Code::AddressEmptyAfterNegation, "no addresses left after merging addresses and negated addresses"),
    ("![1.2.3.4,!1.2.3.4]", Code::AddressEmptyAfterNegation, "no addresses left after merging addresses and negated addresses"),
    ("1.2.3.4!", Code::AddressEmptyAfterNegation, "no addresses left after merging addresses and negated addresses"),
    ("[]", Code::AddressEmptyAfterNegation, "no addresses left after merging addresses and negated addresses"),
    ("[$HOME_NET,!$HOME_NET]", Code::AddressEmptyAfterNegation, "no addresses left after merging addresses and negated addresses"),
    (
        "[10.0.0.0/8",
        Code::UnbalancedBrackets,
        r#"not every address block was properly closed in "[10.0.0.0/8", 1 missing closing brackets (]). Note: problem might be in a variable."#,
    ),
    (
        "[[10.0.0.0/8",
        Code::UnbalancedBrackets,
        r#"not every address block was properly closed in "[[10.0.0.0/8", 2 missing closing brackets (]). Note: problem might be in a variable."#,
    ),
    (
        "10.0.0.0/8]",
        Code::UnbalancedBrackets,
        r#"not every address block was properly opened in "10.0.0.0/8]", 1 missing opening brackets ([). Note: problem might be in a variable."#,
    ),
    (
        "[1.2.3.4][5.6.7.8]",
        Code::UnbalancedBrackets,
        r#"not every address block was properly closed in "[5.6.7.8", 1 missing closing brackets (]). Note: problem might be in a variable."#,
    ),
    ("$NOPE", Code::UndefinedVariable, r#"Variable "NOPE" is not defined in configuration file"#),
    ("!$NOPE", Code::UndefinedVariable, r#"Variable "NOPE" is not defined in configuration file"#),
    ("[1.2.3.4, $NOPE]", Code::UndefinedVariable, r#"Variable "NOPE" is not defined in configuration file"#),
    ("$home_net", Code::UndefinedVariable, r#"Variable "home_net" is not defined in configuration file"#),
    ("$HTTP_PORTS", Code::UndefinedVariable, r#"Variable "HTTP_PORTS" is not defined in configuration file"#),
];

#[test]
fn addresses_rejected_with_suricatas_message() {
    let mut failures = Vec::new();
    for (input, code, msg) in ADDRESS_ERR {
        match addr(input) {
            Ok(set) => failures.push(format!("{input}: parsed as {set}")),
            Err(e) => {
                if e.code != *code || e.message != *msg {
                    failures.push(format!("{input}: got {:?} {:?}", e.code, e.message));
                }
                assert!(e.range.end <= input.len(), "{input}: range {:?}", e.range);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn error_ranges_point_at_the_fault() {
    let cases: &[(&str, &str)] = &[
        ("[10.0.0.0/8, 300.1.1.1]", "300.1.1.1"),
        ("[1.2.3.4, $NOPE]", "$NOPE"),
        ("$NOPE", "$NOPE"),
        ("!1.2.3.0/255.0.255.0", "1.2.3.0/255.0.255.0"),
        ("[1.2.3.4,[5.6.7.8,1.2.3.4/33]]", "1.2.3.4/33"),
        ("[[1.2.3.4,!1.2.3.4]]", "[[1.2.3.4,!1.2.3.4]]"),
        ("[5.6.7.8,![1.2.3.4,!1.2.3.4]]", "1.2.3.4,!1.2.3.4"),
    ];
    for (input, fault) in cases {
        let e = addr(input).unwrap_err();
        assert_eq!(&input[e.range.clone()], *fault, "{input}: {e}");
    }
    // inside a variable: the reference, and the expansion chain
    let mut v = defaults();
    v.set_address("BAD", "[1.2.3.4,300.1.1.1]");
    v.set_address("OUTER", "[$BAD]");
    let input = "[10.0.0.1, $OUTER]";
    let e = parse_address(input, &v, Dialect::Suricata).unwrap_err();
    assert_eq!(e.message, r#"failed to parse address "300.1.1.1""#);
    assert_eq!(&input[e.range.clone()], "$OUTER");
    assert_eq!(e.expansion, vec!["$OUTER".to_string(), "$BAD".to_string()]);
    let d = e.to_diagnostic(crate::span::Span::new(
        crate::span::FileId(0),
        100..100 + input.len(),
    ));
    assert_eq!(d.span.range(), 111..117);
    assert!(d.hint.unwrap().contains("$OUTER -> $BAD"));
    // port
    let e = port("[80,[443,65536]]").unwrap_err();
    assert_eq!(&"[80,[443,65536]]"[e.range.clone()], "65536");
    let e = port("[80:!80]").unwrap_err();
    assert_eq!(&"[80:!80]"[e.range.clone()], "!");
}

#[test]
fn netmask_quirk() {
    // CIDRFromMask only looks below the highest one bit: ones at the bottom
    // of a dotted mask are "contiguous", and the mask is then used raw
    let s = addr("1.2.3.4/0.0.255.0").unwrap();
    assert_eq!(s.v4, vec![(0x0000_0300, 0xffff_03ff)]);
    assert_eq!(
        addr("1.2.3.0/255.255.0.255").unwrap_err().code,
        Code::NetmaskNotCidr
    );
}

#[test]
fn negation_is_per_family() {
    // trap 7: a pure IPv4 negation matches no IPv6 address
    for input in [
        "!1.2.3.4",
        "![10.0.0.0/8]",
        "!$HOME_NET",
        "$EXTERNAL_NET",
        "$AIM_SERVERS",
    ] {
        let s = addr(input).unwrap();
        assert!(s.matches_ipv4(), "{input}");
        assert!(!s.matches_ipv6(), "{input}");
        assert!(s.v6.is_empty(), "{input}");
        assert!(!s.contains(ip("2001:db8::1")), "{input}");
    }
    let s = addr("!1.2.3.4").unwrap();
    assert_eq!(s.v4, vec![(0, 0x0102_0303), (0x0102_0305, u32::MAX)]);
    // and the other way round
    let s = addr("!2001:db8::/32").unwrap();
    assert!(s.v4.is_empty() && s.matches_ipv6());
    // positives of one family, negation of the other: the negated family
    // starts from everything (DetectAddressMergeNot step 0)
    let s = addr("[1.2.3.4,!2001:db8::1]").unwrap();
    assert_eq!(s.v4, vec![(0x0102_0304, 0x0102_0304)]);
    assert!(s.contains(ip("2001:db8::2")));
    assert!(!s.contains(ip("2001:db8::1")));
    // a negation that overlaps nothing is harmless
    let s = addr("[10.0.0.0/8,!192.168.0.1]").unwrap();
    assert_eq!(s.to_suricata(), "10.0.0.0/8");
    // any covers both families
    let any = addr("any").unwrap();
    assert!(any.is_any() && any.contains(ip("::1")) && any.contains(ip("0.0.0.0")));
    let v6 = addr("2001:db8::/32").unwrap();
    assert!(!v6.matches_ipv4() && v6.contains(ip("2001:db8:ffff::1")));
}

#[test]
fn default_variables() {
    let ext = addr("$EXTERNAL_NET").unwrap();
    assert!(ext.contains(ip("8.8.8.8")));
    assert!(!ext.contains(ip("10.1.2.3")));
    assert!(!ext.contains(ip("192.168.255.255")));
    assert!(ext.contains(ip("172.32.0.1")));
    assert!(!ext.contains(ip("2001:4860::8888")));
    assert!(!ext.matches_ipv6());
    let home = addr("$HOME_NET").unwrap();
    assert!(home.contains(ip("172.16.0.1")) && !home.contains(ip("8.8.8.8")));
    // [$EXTERNAL_NET, !$HOME_NET] loads in rules (no loop detection there)
    assert_eq!(addr("[$EXTERNAL_NET, !$HOME_NET]").unwrap(), ext);
    let v = defaults();
    assert_eq!(v.address("EXTERNAL_NET"), Some("!$HOME_NET"));
    assert_eq!(v.port("SHELLCODE_PORTS"), Some("!80"));
    assert_eq!(v.port("FILE_DATA_PORTS"), Some("[$HTTP_PORTS,110,143]"));
    assert!(v.address_names().any(|n| n == "ENIP_SERVER"));
    v.validate(Dialect::Suricata)
        .expect("stock vars pass Suricata's start-up check");
    for name in v.address_names() {
        addr(&format!("${name}")).unwrap_or_else(|e| panic!("${name}: {e}"));
    }
    for name in v.port_names() {
        port(&format!("${name}")).unwrap_or_else(|e| panic!("${name}: {e}"));
    }
    // overriding HOME_NET moves the stock EXTERNAL_NET with it
    let mut v = defaults();
    v.set_address("HOME_NET", "[8.8.8.0/24]");
    let ext = parse_address("$EXTERNAL_NET", &v, Dialect::Suricata).unwrap();
    assert!(!ext.contains(ip("8.8.8.8")) && ext.contains(ip("10.1.2.3")));
}

#[test]
fn empty_variable_and_recursion_limit() {
    let mut v = defaults();
    v.set_address("EMPTY", "");
    let e = parse_address("[1.2.3.4,$EMPTY]", &v, Dialect::Suricata).unwrap_err();
    assert_eq!(e.code, Code::EmptyVariable);
    assert_eq!(
        e.message,
        "variable 1.2.3.4,$EMPTY resolved to nothing. This is likely a misconfiguration. Note that a negated address needs to be quoted, \"!$HOME_NET\" instead of !$HOME_NET. See issue #295."
    );
    v.set_port("EMPTYP", "");
    let e = parse_port("$EMPTYP", &v).unwrap_err();
    assert_eq!(e.code, Code::EmptyVariable);
    assert_eq!(
        e.message,
        "variable $EMPTYP resolved to nothing. This is likely a misconfiguration. Note that a negated port needs to be quoted, \"!$HTTP_PORTS\" instead of !$HTTP_PORTS. See issue #295."
    );

    // a self-referencing variable loops until the limit in rules
    v.set_address("LOOP", "[$LOOP,1.2.3.4]");
    let e = parse_address("$LOOP", &v, Dialect::Suricata).unwrap_err();
    assert_eq!(e.code, Code::VariableLoop);
    assert_eq!(e.message, "address block recursion limit reached (max 64)");
    assert_eq!(e.range, 0..5);
    v.set_address("SELF", "$SELF");
    assert_eq!(
        parse_address("$SELF", &v, Dialect::Suricata)
            .unwrap_err()
            .message,
        "address block recursion limit reached (max 64)"
    );
    v.set_port("PLOOP", "[$PLOOP,80]");
    let e = parse_port("$PLOOP", &v).unwrap_err();
    assert_eq!(
        (e.code, e.message.as_str()),
        (
            Code::VariableLoop,
            "port block recursion limit reached (max 64)"
        )
    );

    // nesting: 63 bracket levels load, 64 do not (addresses)
    let nest = |n: usize, x: &str| format!("{}{}{}", "[".repeat(n), x, "]".repeat(n));
    assert!(addr(&nest(63, "1.2.3.4")).is_ok());
    assert_eq!(
        addr(&nest(64, "1.2.3.4")).unwrap_err().code,
        Code::VariableLoop
    );
    // ports check before incrementing: one level more
    assert!(port(&nest(64, "80")).is_ok());
    assert_eq!(port(&nest(65, "80")).unwrap_err().code, Code::VariableLoop);
}

#[test]
fn aws_ip_set_references() {
    let mut v = defaults();
    v.set_ip_set_reference(
        "MYSET",
        &["10.1.0.0/16".to_string(), "2001:db8::/32".to_string()],
    );
    v.set_ip_set_reference("@OTHER", &["192.0.2.1".to_string()]);
    let s = parse_address("@MYSET", &v, Dialect::Aws).unwrap();
    assert_eq!(s.to_suricata(), "[10.1.0.0/16,2001:db8::/32]");
    let s = parse_address("[@MYSET, @OTHER, !10.1.2.0/24]", &v, Dialect::Aws).unwrap();
    assert!(
        s.contains(ip("192.0.2.1")) && s.contains(ip("10.1.3.1")) && !s.contains(ip("10.1.2.1"))
    );
    let s = parse_address("!@OTHER", &v, Dialect::Aws).unwrap();
    assert!(!s.contains(ip("192.0.2.1")) && s.contains(ip("192.0.2.2")) && !s.matches_ipv6());
    assert_eq!(
        v.ip_set_reference_names().collect::<Vec<_>>(),
        vec!["MYSET", "OTHER"]
    );

    let e = parse_address("[10.0.0.1,@NOSET]", &v, Dialect::Aws).unwrap_err();
    assert_eq!(e.code, Code::IpSetReference);
    assert_eq!(e.message, r#"IP set reference "@NOSET" is not defined"#);
    assert_eq!(e.range, 10..16);
    assert!(e.hint.unwrap().contains("NOSET"));

    // the suricata dialect fails like Suricata, with a pointer to AWS
    let e = parse_address("@MYSET", &v, Dialect::Suricata).unwrap_err();
    assert_eq!(e.code, Code::IpSetReference);
    assert_eq!(e.message, r#"failed to parse address "@MYSET""#);
    assert!(e.hint.unwrap().contains("AWS"));

    v.set_ip_set_reference("BROKEN", &["10.0.0.0/33".to_string()]);
    let e = parse_address("@BROKEN", &v, Dialect::Aws).unwrap_err();
    assert_eq!(e.code, Code::IpSetReference);
    assert_eq!(e.expansion, vec!["@BROKEN".to_string()]);
}

// -------------------------------------------------------------------- ports

const PORT_OK: &[(&str, &str)] = &[
    ("any", "any"),
    ("ANY", "any"),
    ("0", "0"),
    ("80", "80"),
    ("+80", "80"),
    ("-0", "0"),
    ("65535", "65535"),
    ("80:90", "80:90"),
    ("80:80", "80"),
    ("1024:", "1024:"),
    (":1023", "0:1023"),
    ("0:65535", "any"),
    (":", "any"),
    ("!80", "[0:79,81:]"),
    ("!80:81", "[0:79,82:]"),
    ("!0", "1:"),
    ("[80, 443]", "[80,443]"),
    ("[80,443]", "[80,443]"),
    ("[80:100,!99]", "[80:98,100]"),
    ("[1:80,![2,4]]", "[1,3,5:80]"),
    ("[1024:,!8080]", "[1024:8079,8081:]"),
    ("[[80,81],[82]]", "80:82"),
    ("![80,443]", "[0:79,81:442,444:]"),
    ("$HTTP_PORTS", "80"),
    ("!$HTTP_PORTS", "[0:79,81:]"),
    ("$SHELLCODE_PORTS", "[0:79,81:]"),
    ("!$SHELLCODE_PORTS", "80"), // "[!80]" negated: the last item's '!' cancels
    ("$FILE_DATA_PORTS", "[80,110,143]"),
    ("$SIP_PORTS", "5060:5061"),
    ("[$HTTP_PORTS,$SSH_PORTS]", "[22,80]"),
    ("[8080,$ORACLE_PORTS]", "[1521,8080]"),
    // Suricata's quirks: inside a negated block, a ',' item's own '!' does
    // not cancel the block's; the last item's does
    ("![!80,90]", "[0:79,81:89,91:]"),
    ("![90,!80]", "80"),
    ("80,", "80"),
];

#[test]
fn ports_that_parse() {
    let mut failures = Vec::new();
    for (input, want) in PORT_OK {
        match port(input) {
            Ok(set) => {
                if set.to_suricata() != *want {
                    failures.push(format!("{input}: got {} want {want}", set.to_suricata()));
                }
            }
            Err(e) => failures.push(format!("{input}: unexpected error {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const PORT_ERR: &[(&str, Code, &str)] = &[
    ("65536", Code::PortParse, r#"failed to parse port "65536""#),
    ("80:70", Code::PortParse, r#"failed to parse port "80:70""#),
    (
        "1024:65536",
        Code::PortParse,
        r#"failed to parse port "1024:65536""#,
    ),
    (
        "65536:65535",
        Code::PortParse,
        r#"failed to parse port "65536:65535""#,
    ),
    ("-1", Code::PortParse, r#"failed to parse port "-1""#),
    ("http", Code::PortParse, r#"failed to parse port "http""#),
    (
        "[80 ,443]",
        Code::PortParse,
        r#"failed to parse port "80 ""#,
    ),
    (
        "[80, 44x]",
        Code::PortParse,
        r#"failed to parse port " 44x""#,
    ),
    ("[,80]", Code::PortParse, r#"failed to parse port """#),
    (
        "0000000000000080",
        Code::PortParse,
        r#"failed to parse port "0000000000000080""#,
    ),
    (
        "77777777777777777777777777777777777777777777",
        Code::PortParse,
        r#"failed to parse port "77777777777777777777777777777777777777777777""#,
    ),
    (
        "any(http.host.raw;",
        Code::PortParse,
        r#"failed to parse port "any(http.host.raw;""#,
    ),
    (
        "[80:!80]",
        Code::PortNegatedRange,
        "Can't have a negated value in a range.",
    ),
    (
        "80:!90",
        Code::PortNegatedRange,
        "Can't have a negated value in a range.",
    ),
    (
        "[[1:2,!4]]",
        Code::PortNegatedRange,
        "Can't have a negated value in a range.",
    ),
    (
        "!any",
        Code::PortSpaceNegated,
        "Complete port space is negated",
    ),
    (
        "![0:100,101:]",
        Code::PortSpaceNegated,
        "Complete port space is negated",
    ),
    (
        "!0:65535",
        Code::PortSpaceNegated,
        "Complete port space is negated",
    ),
    (
        "[80,!80]",
        Code::PortEmptyAfterNegation,
        "no ports left after merging ports with negated ports",
    ),
    (
        "[80:90,![80:85,86:90]]",
        Code::PortEmptyAfterNegation,
        "no ports left after merging ports with negated ports",
    ),
    (
        "80!",
        Code::PortEmptyAfterNegation,
        "no ports left after merging ports with negated ports",
    ),
    (
        "[80",
        Code::UnbalancedBrackets,
        r#"not every port block was properly closed in "[80", 1 missing closing brackets (]). Note: problem might be in a variable."#,
    ),
    (
        "80]",
        Code::UnbalancedBrackets,
        r#"not every port block was properly opened in "80]", 1 missing opening brackets ([). Note: problem might be in a variable."#,
    ),
    (
        "$NOPORT",
        Code::UndefinedVariable,
        r#"Variable "NOPORT" is not defined in configuration file"#,
    ),
    (
        "[80,$NOPORT]",
        Code::UndefinedVariable,
        r#"Variable "NOPORT" is not defined in configuration file"#,
    ),
    (
        "$HOME_NET",
        Code::UndefinedVariable,
        r#"Variable "HOME_NET" is not defined in configuration file"#,
    ),
];

#[test]
fn ports_rejected_with_suricatas_message() {
    let mut failures = Vec::new();
    for (input, code, msg) in PORT_ERR {
        match port(input) {
            Ok(set) => failures.push(format!("{input}: parsed as {set}")),
            Err(e) => {
                if e.code != *code || e.message != *msg {
                    failures.push(format!("{input}: got {:?} {:?}", e.code, e.message));
                }
                assert!(e.range.end <= input.len(), "{input}: range {:?}", e.range);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let e = port("$HOME_NET").unwrap_err();
    assert!(e.hint.unwrap().contains("address-groups"));
}

#[test]
fn long_address_groups() {
    // longer than Suricata's 8,192-byte stack buffer: it switches to a heap
    // buffer of the string's length, so long groups still parse
    let items: Vec<String> = (0..5000u32)
        .map(|i| std::net::Ipv4Addr::from(0x0a00_0000 + i * 2).to_string())
        .collect();
    let text = format!("[{}]", items.join(","));
    assert!(text.len() > 8192);
    let s = addr(&text).unwrap();
    assert_eq!(s.v4.len(), 5000);
    let mut v = defaults();
    v.set_address("BIG", &text);
    let s = parse_address("!$BIG", &v, Dialect::Suricata).unwrap();
    assert_eq!(s.v4.len(), 5001);
    assert_eq!(
        parse_address(&s.to_suricata(), &v, Dialect::Suricata).unwrap(),
        s
    );
}

#[test]
fn port_group_longer_than_suricatas_buffer() {
    // Suricata copies at most 1,023 bytes of a group and stops silently
    let items: Vec<String> = (1000..1300).map(|p| p.to_string()).collect();
    let text = format!("[{}]", items.join(","));
    assert!(text.len() > 1024);
    assert_eq!(port(&text).unwrap_err().code, Code::UnbalancedBrackets);
}

#[test]
fn suricata_unit_test_examples() {
    // util-rule-vars.c SCRuleVarsPositiveTest03 / NegativeTest04
    let mut v = Vars::empty();
    v.set_address(
        "HOME_NET",
        "[192.168.0.0/16,10.8.0.0/16,127.0.0.1,2001:888:13c5:5AFE::/64,2001:888:13c5:CAFE::/64]",
    );
    v.set_address("EXTERNAL_NET", "[!192.168.0.0/16,2000::/3]");
    v.set_address("HTTP_SERVERS", "!192.168.0.0/16");
    v.set_address("TELNET_SERVERS", "any");
    v.set_port("HTTP_PORTS", "80:81,88");
    v.set_port("ORACLE_PORTS", "1521");
    v.set_port("SSH_PORTS", "22");
    let a = |s: &str| parse_address(s, &v, Dialect::Suricata);
    let p = |s: &str| parse_port(s, &v);
    assert!(a("[$HTTP_SERVERS,$HOME_NET,192.168.2.5]").is_ok());
    assert!(p("$HTTP_PORTS").is_ok());
    assert!(a("$EXTERNAL_NET").is_ok());
    // the negations apply to the whole group: 80 is removed again
    assert_eq!(
        p("[80,[!$HTTP_PORTS,$ORACLE_PORTS]]")
            .unwrap()
            .to_suricata(),
        "1521"
    );
    assert!(a("$HTTP_SERVER").is_err());
    assert!(a("$http_servers").is_err());
    assert_eq!(
        a("!$TELNET_SERVERS").unwrap_err().code,
        Code::AddressSpaceNegated
    );
    assert!(p("!$SSH_PORTS").is_ok());
    // detect-parse.c SigParseTestNegation0x
    let d = defaults();
    assert!(parse_address("[192.168.0.0/16,!192.168.0.0/24]", &d, Dialect::Suricata).is_ok());
    assert!(parse_address("[192.168.0.2,!192.168.0.0/24]", &d, Dialect::Suricata).is_err());
    assert!(parse_port("[80:!80]", &d).is_err());
    assert!(parse_port("!80:81", &d).unwrap().to_suricata() == "[0:79,82:]");
    assert!(parse_port("!21:902", &d).unwrap().ranges == vec![(0, 20), (903, 65535)]);
}

// ---------------------------------------------------------- configuration

#[test]
fn yaml_overlay_and_exact() {
    let yaml = "%YAML 1.1\n---\nvars:\n  address-groups:\n    HOME_NET: \"[10.0.0.0/8]\"\n    DMZ: 192.0.2.0/24\n  port-groups:\n    HTTP_PORTS: \"[80,8080]\"\n    ORACLE_PORTS: 1521\n";
    let v = Vars::from_suricata_yaml(yaml).unwrap();
    assert_eq!(v.address("HOME_NET"), Some("[10.0.0.0/8]"));
    assert_eq!(v.address("DMZ"), Some("192.0.2.0/24"));
    assert_eq!(v.address("EXTERNAL_NET"), Some("!$HOME_NET"));
    assert_eq!(v.port("ORACLE_PORTS"), Some("1521"));
    let ext = parse_address("$EXTERNAL_NET", &v, Dialect::Suricata).unwrap();
    assert!(ext.contains(ip("192.168.1.1")) && !ext.contains(ip("10.9.9.9")));
    assert_eq!(
        parse_port("$HTTP_PORTS", &v).unwrap().to_suricata(),
        "[80,8080]"
    );

    let exact = Vars::from_suricata_yaml_exact(yaml).unwrap();
    assert_eq!(exact.address("EXTERNAL_NET"), None);
    assert_eq!(
        exact.address_names().collect::<Vec<_>>(),
        vec!["HOME_NET", "DMZ"]
    );
    assert_eq!(
        parse_address("$EXTERNAL_NET", &exact, Dialect::Suricata)
            .unwrap_err()
            .code,
        Code::UndefinedVariable
    );

    // a fragment without `vars:`
    let v = Vars::from_suricata_yaml("address-groups:\n  HOME_NET: \"[1.2.3.4]\"\n").unwrap();
    assert_eq!(v.address("HOME_NET"), Some("[1.2.3.4]"));
    // nothing at all
    assert!(Vars::from_suricata_yaml("").is_ok());
}

#[test]
fn yaml_errors() {
    // unquoted brackets: a YAML sequence
    let e = Vars::from_suricata_yaml("vars:\n  address-groups:\n    HOME_NET: [10.0.0.0/8]\n")
        .unwrap_err();
    assert_eq!(e.code, Code::VariableDefinition);
    assert_eq!(
        e.message,
        "Address var \"HOME_NET\" probably has a sequence(something in brackets) value set without any quotes. Please quote it using \"..\"."
    );
    let e = Vars::from_suricata_yaml("vars:\n  port-groups:\n    HTTP_PORTS: [80, 8080]\n")
        .unwrap_err();
    assert!(e
        .message
        .starts_with(r#"Port var "HTTP_PORTS" probably has a sequence"#));
    // broken YAML
    let e = Vars::from_suricata_yaml("vars: [\n").unwrap_err();
    assert_eq!(e.code, Code::VariableDefinition);

    // unquoted !$HOME_NET is a YAML tag: the value is empty; Suricata starts,
    // and rules using the variable fail (issue #295)
    let yaml =
        "vars:\n  address-groups:\n    HOME_NET: \"[10.0.0.0/8]\"\n    EXTERNAL_NET: !$HOME_NET\n";
    let v = Vars::from_suricata_yaml_exact(yaml).unwrap();
    assert_eq!(v.address("EXTERNAL_NET"), Some(""));
    let e = parse_address("$EXTERNAL_NET", &v, Dialect::Suricata).unwrap_err();
    assert_eq!(e.code, Code::EmptyVariable);
    // ... but with the stock AIM_SERVERS = "$EXTERNAL_NET", the start-up
    // check resolves it and Suricata refuses to start
    let e = Vars::from_suricata_yaml(yaml).unwrap_err();
    assert_eq!(e.code, Code::EmptyVariable);
    assert_eq!(e.expansion, vec!["$AIM_SERVERS".to_string()]);

    // HOME_NET any + the stock EXTERNAL_NET: Suricata refuses to start
    let e = Vars::from_suricata_yaml("vars:\n  address-groups:\n    HOME_NET: any\n").unwrap_err();
    assert_eq!(e.code, Code::AddressSpaceNegated);
    assert_eq!(
        e.message,
        r#"address var - "EXTERNAL_NET" has the complete IP space negated with its value "!$HOME_NET".  Rule address range is NIL. Probably have a !any or an address range that supplies a NULL address range"#
    );
    assert_eq!(e.expansion[0], "$EXTERNAL_NET");

    // loops, found by the start-up check
    let e = Vars::from_suricata_yaml("vars:\n  address-groups:\n    A: \"$B\"\n    B: \"$A\"\n")
        .unwrap_err();
    assert_eq!(e.code, Code::VariableLoop);
    assert_eq!(
        e.message,
        "Found a loop in a address groups declaration. This is likely a misconfiguration."
    );
    assert!(e.hint.unwrap().contains("refuses to start"));
    let e = Vars::from_suricata_yaml("vars:\n  port-groups:\n    P: \"$Q\"\n    Q: \"[$P]\"\n")
        .unwrap_err();
    assert_eq!(e.code, Code::VariableLoop);
    // Suricata's list is never popped: two references ending in the same
    // variable count as a loop
    let e = Vars::from_suricata_yaml(
        "vars:\n  address-groups:\n    BOTH: \"[$HTTP_SERVERS,$SMTP_SERVERS]\"\n",
    )
    .unwrap_err();
    assert_eq!(e.code, Code::VariableLoop);
    // a loop through ',' positions is caught by the recursion limit
    let e = Vars::from_suricata_yaml("vars:\n  address-groups:\n    R: \"[$R,1.2.3.4]\"\n")
        .unwrap_err();
    assert_eq!(e.message, "address block recursion limit reached (max 64)");
    // undefined reference and syntax
    let e = Vars::from_suricata_yaml("vars:\n  address-groups:\n    X: \"[$NOPE]\"\n").unwrap_err();
    assert_eq!(e.code, Code::UndefinedVariable);
    let e = Vars::from_suricata_yaml("vars:\n  port-groups:\n    X: \"!any\"\n").unwrap_err();
    assert_eq!(e.code, Code::PortSpaceNegated);
    assert!(e
        .message
        .starts_with(r#"Port var - "X" has the complete Port range negated"#));
    // a value whose negations remove everything passes the start-up check
    let v =
        Vars::from_suricata_yaml("vars:\n  address-groups:\n    NONE: \"[1.2.3.4,!1.2.3.4]\"\n")
            .unwrap();
    assert_eq!(
        parse_address("$NONE", &v, Dialect::Suricata)
            .unwrap_err()
            .code,
        Code::AddressEmptyAfterNegation
    );
}

#[test]
fn vars_setters() {
    let mut v = Vars::empty();
    v.set_address("$A", "1.2.3.4");
    v.set_address("A", "5.6.7.8");
    assert_eq!(v.address("A"), Some("5.6.7.8"));
    assert_eq!(v.address_names().count(), 1);
    assert!(v.remove_address("A") && !v.remove_address("A"));
    v.set_port("P", "80");
    assert!(v.remove_port("P"));
    assert_eq!(v.port_names().count(), 0);
}

// ---------------------------------------------------------- round trips

fn v4_atom() -> impl Strategy<Value = String> {
    prop_oneof![
        (any::<u32>(), 0u8..=32).prop_map(|(a, p)| format!(
            "{}/{}",
            std::net::Ipv4Addr::from(a),
            p
        )),
        any::<u32>().prop_map(|a| std::net::Ipv4Addr::from(a).to_string()),
        (any::<u32>(), any::<u32>()).prop_map(|(a, b)| {
            let (a, b) = (a.min(b), a.max(b));
            format!(
                "{}-{}",
                std::net::Ipv4Addr::from(a),
                std::net::Ipv4Addr::from(b)
            )
        }),
        // clustered addresses so that negations overlap positives
        (0u32..4096, 20u8..=32).prop_map(|(a, p)| format!(
            "{}/{}",
            std::net::Ipv4Addr::from(0x0a00_0000 + (a << 8)),
            p
        )),
    ]
}

fn v6_atom() -> impl Strategy<Value = String> {
    prop_oneof![
        (any::<u128>(), 0u8..=128).prop_map(|(a, p)| format!(
            "{}/{}",
            std::net::Ipv6Addr::from(a),
            p
        )),
        (0u128..65536, 32u8..=128).prop_map(|(a, p)| format!(
            "{}/{}",
            std::net::Ipv6Addr::from((0x2001_0db8u128 << 96) + (a << 64)),
            p
        )),
    ]
}

fn address_expr() -> impl Strategy<Value = String> {
    let atom = prop_oneof![4 => v4_atom(), 2 => v6_atom(), 1 => Just("any".to_string()), 1 => Just("$HOME_NET".to_string())];
    let leaf = (any::<bool>(), atom).prop_map(|(n, a)| if n { format!("!{a}") } else { a });
    leaf.prop_recursive(3, 24, 6, |inner| {
        (
            any::<bool>(),
            prop::collection::vec(inner, 1..6),
            any::<bool>(),
        )
            .prop_map(|(n, items, sp)| {
                let sep = if sp { ", " } else { "," };
                format!("{}[{}]", if n { "!" } else { "" }, items.join(sep))
            })
    })
}

fn port_expr() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        any::<u16>().prop_map(|p| p.to_string()),
        (any::<u16>(), any::<u16>()).prop_map(|(a, b)| format!("{}:{}", a.min(b), a.max(b))),
        (0u16..200).prop_map(|p| p.to_string()),
        (0u16..200, 0u16..50).prop_map(|(a, b)| format!("{}:{}", a, a + b)),
        any::<u16>().prop_map(|p| format!("{p}:")),
        Just("$HTTP_PORTS".to_string()),
    ];
    let leaf = (any::<bool>(), atom).prop_map(|(n, a)| if n { format!("!{a}") } else { a });
    leaf.prop_recursive(3, 16, 5, |inner| {
        (any::<bool>(), prop::collection::vec(inner, 1..5))
            .prop_map(|(n, items)| format!("{}[{}]", if n { "!" } else { "" }, items.join(",")))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn address_round_trip(x in address_expr()) {
        if let Ok(set) = addr(&x) {
            let text = set.to_suricata();
            let again = addr(&text);
            prop_assert_eq!(again.as_ref().ok(), Some(&set), "{} -> {}", x, text);
        }
    }

    #[test]
    fn address_set_round_trip(
        v4 in prop::collection::vec((any::<u32>(), any::<u32>()), 0..8),
        v6 in prop::collection::vec((any::<u128>(), any::<u128>()), 0..4),
    ) {
        let v4: Vec<_> = v4.into_iter().map(|(a, b)| (a.min(b), a.max(b))).collect();
        let v6: Vec<_> = v6.into_iter().map(|(a, b)| (a.min(b), a.max(b))).collect();
        let set = AddressSet::from_ranges(&v4, &v6);
        prop_assume!(!set.is_empty());
        let text = set.to_suricata();
        prop_assert_eq!(addr(&text).ok(), Some(set));
    }

    #[test]
    fn port_round_trip(x in port_expr()) {
        if let Ok(set) = port(&x) {
            let text = set.to_suricata();
            prop_assert_eq!(port(&text).ok(), Some(set), "{} -> {}", x, text);
        }
    }

    #[test]
    fn port_set_round_trip(r in prop::collection::vec((any::<u16>(), any::<u16>()), 1..40)) {
        let r: Vec<_> = r.into_iter().map(|(a, b)| (a.min(b), a.max(b))).collect();
        let set = PortSet::from_ranges(&r);
        let text = set.to_suricata();
        prop_assert_eq!(port(&text).ok(), Some(set));
    }

    /// One flat group of positive and negated CIDRs: the set is
    /// positives \ negations, where a family with negations and no positives
    /// starts from the whole family.
    #[test]
    fn flat_group_semantics(
        items in prop::collection::vec((any::<bool>(), 0u32..64, 24u8..=32), 1..8),
        probes in prop::collection::vec(0u32..(64 << 8), 16),
    ) {
        let base = 0x0a00_0000u32;
        let text = format!("[{}]", items.iter().map(|(n, a, p)| {
            format!("{}{}/{}", if *n { "!" } else { "" }, std::net::Ipv4Addr::from(base + (a << 8)), p)
        }).collect::<Vec<_>>().join(","));
        let within = |x: u32, a: u32, p: u8| {
            let net = base + (a << 8);
            let mask = if p == 0 { 0 } else { u32::MAX << (32 - p) };
            x & mask == net & mask
        };
        let has_pos = items.iter().any(|(n, _, _)| !n);
        let model = |x: u32| {
            let pos = !has_pos || items.iter().any(|(n, a, p)| !n && within(x, *a, *p));
            let neg = items.iter().any(|(n, a, p)| *n && within(x, *a, *p));
            pos && !neg
        };
        match addr(&text) {
            Ok(set) => {
                prop_assert!(!set.matches_ipv6());
                for pr in probes {
                    let x = base + pr;
                    prop_assert_eq!(set.contains(IpAddr::V4(x.into())), model(x), "{} at {}", text, std::net::Ipv4Addr::from(x));
                }
            }
            Err(e) => {
                prop_assert_eq!(e.code, Code::AddressEmptyAfterNegation);
            }
        }
    }
}

// ------------------------------------------- recorded Suricata 8.0.6 outcomes

/// Splits a rule header into whitespace-separated fields, keeping bracketed
/// groups with spaces together.
fn header_fields(rule: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in rule.chars() {
        if c.is_whitespace() && depth <= 0 {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
                if out.len() == 7 {
                    break;
                }
            }
            continue;
        }
        if c == '[' {
            depth += 1;
        } else if c == ']' {
            depth -= 1;
        }
        cur.push(c);
    }
    if !cur.is_empty() && out.len() < 7 {
        out.push(cur);
    }
    out
}

const NET_MESSAGES: &[&str] = &[
    "failed to parse address",
    "netmask \"",
    "no addresses left",
    "Complete IP space negated",
    "Complete port space is negated",
    "failed to parse port",
    "Can't have a negated value in a range.",
    "no ports left",
    "is not defined in configuration file",
    "not every address block",
    "not every port block",
];

/// Every recorded outcome file: the loader probes and the expected outcomes
/// of ET Open and of Suricata's own rules.
fn recorded_files() -> Vec<std::path::PathBuf> {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    let mut out = vec![shared.join("conformance/accept/expected.jsonl")];
    for dir in ["corpus/et-open/expected", "corpus/suricata-rules/expected"] {
        if let Ok(rd) = std::fs::read_dir(shared.join(dir)) {
            let mut files: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            files.sort();
            out.extend(files);
        }
    }
    out.retain(|p| p.is_file());
    out
}

#[test]
fn recorded_suricata_outcomes() {
    let files = recorded_files();
    if files.is_empty() {
        eprintln!("SKIP: ../shared not found; recorded outcomes not checked");
        return;
    }
    let vars = defaults();
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let rule = v["rule"].as_str().unwrap_or("");
            let id = format!(
                "{}:{}",
                path.file_name().unwrap().to_string_lossy(),
                v["line"].as_u64().unwrap_or(0)
            );
            let f = header_fields(rule);
            if f.len() < 7 {
                continue;
            }
            // Suricata's order: source, destination addresses, then ports
            let first_error = || -> Option<NetError> {
                parse_address(&f[2], &vars, Dialect::Suricata)
                    .err()
                    .or_else(|| parse_address(&f[5], &vars, Dialect::Suricata).err())
                    .or_else(|| parse_port(&f[3], &vars).err())
                    .or_else(|| parse_port(&f[6], &vars).err())
            };
            let messages: Vec<String> = v["suricata_messages"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .filter_map(|m| m.as_str())
                .filter_map(|m| m.strip_prefix("E: "))
                .map(|m| {
                    m.split_once(": ")
                        .map_or(m, |(_, rest)| rest)
                        .trim()
                        .to_string()
                })
                .filter(|m| NET_MESSAGES.iter().any(|k| m.contains(k)))
                .collect();
            if v["loaded"] == serde_json::Value::Bool(true) {
                checked += 1;
                if let Some(e) = first_error() {
                    failures.push(format!(
                        "{id}: Suricata loaded it, Ferrule says {e}: {rule}"
                    ));
                }
            } else if !messages.is_empty() {
                checked += 1;
                match first_error() {
                    None => failures.push(format!(
                        "{id}: Suricata said {messages:?}, Ferrule accepts: {rule}"
                    )),
                    Some(e) => {
                        if !messages.contains(&e.message) {
                            failures.push(format!(
                                "{id}: Suricata said {messages:?}, Ferrule says {:?}: {rule}",
                                e.message
                            ));
                        }
                    }
                }
            }
        }
    }
    eprintln!("recorded outcomes: {checked} rules checked");
    assert!(checked > 100, "only {checked} cases checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
