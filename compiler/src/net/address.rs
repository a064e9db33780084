//! Address groups: a port of `DetectAddressParse` and friends
//! (`src/detect-engine-address.c`, Suricata 8.0).

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

use super::inet::{is_c_space, parse_i32_range, pton4, pton6};
use super::rangeset::{cidr_cover, complement_of, contains, insert, is_full, subtract, union_into};
use super::{span_of, undefined_variable, var_name, NetError, Origin, Vars, RECURSION_LIMIT};
use crate::diag::Code;
use crate::Dialect;

/// A set of IPv4 and IPv6 addresses, as sorted, merged, inclusive ranges per
/// family (host byte order). The two families are independent: a rule
/// address matches a packet only if the packet's family has a range
/// containing it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AddressSet {
    /// IPv4 ranges, sorted, merged, inclusive.
    pub v4: Vec<(u32, u32)>,
    /// IPv6 ranges, sorted, merged, inclusive.
    pub v6: Vec<(u128, u128)>,
}

impl AddressSet {
    /// `any`: all of IPv4 and all of IPv6.
    pub fn any() -> Self {
        AddressSet {
            v4: vec![(0, u32::MAX)],
            v6: vec![(0, u128::MAX)],
        }
    }

    /// The empty set (no rule address parses to it; Suricata rejects it).
    pub fn empty() -> Self {
        AddressSet::default()
    }

    /// Builds a set from arbitrary ranges (normalized here).
    pub fn from_ranges(v4: &[(u32, u32)], v6: &[(u128, u128)]) -> Self {
        let mut s = AddressSet::default();
        union_into(&mut s.v4, v4);
        union_into(&mut s.v6, v6);
        s
    }

    /// All of both families.
    pub fn is_any(&self) -> bool {
        is_full(&self.v4) && is_full(&self.v6)
    }

    /// No address at all.
    pub fn is_empty(&self) -> bool {
        self.v4.is_empty() && self.v6.is_empty()
    }

    /// Some IPv4 address is in the set.
    pub fn matches_ipv4(&self) -> bool {
        !self.v4.is_empty()
    }

    /// Some IPv6 address is in the set. False for pure IPv4 negations such as
    /// `!1.2.3.4` or the stock `$EXTERNAL_NET` (SEMANTICS §1.5, trap 7).
    pub fn matches_ipv6(&self) -> bool {
        !self.v6.is_empty()
    }

    /// Membership. The address is looked up in its own family only: an
    /// IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) is an IPv6 address, as it is
    /// for Suricata, which matches by packet family.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match ip {
            IpAddr::V4(a) => contains(&self.v4, u32::from(a)),
            IpAddr::V6(a) => contains(&self.v6, u128::from(a)),
        }
    }

    /// The minimal list of CIDR blocks covering the set, IPv4 first.
    pub fn cidrs(&self) -> Vec<IpNet> {
        let mut out = Vec::new();
        for &(lo, hi) in &self.v4 {
            for (net, len) in cidr_cover(lo as u128, hi as u128, 32) {
                let n = Ipv4Net::new(Ipv4Addr::from(net as u32), len as u8)
                    .expect("prefix length <= 32");
                out.push(IpNet::V4(n));
            }
        }
        for &(lo, hi) in &self.v6 {
            for (net, len) in cidr_cover(lo, hi, 128) {
                let n = Ipv6Net::new(Ipv6Addr::from(net), len as u8).expect("prefix length <= 128");
                out.push(IpNet::V6(n));
            }
        }
        out
    }

    /// Canonical Suricata text that parses back to the same set: `any`, a
    /// single address or CIDR (`10.0.0.0/8`, `1.2.3.4`, `::/0`), or a group of
    /// the minimal CIDR cover (`[0.0.0.0/8,1.0.0.0/8,...]`). The empty set
    /// gives `[]`, which Suricata rejects.
    pub fn to_suricata(&self) -> String {
        if self.is_any() {
            return "any".to_string();
        }
        let mut parts: Vec<String> = self
            .cidrs()
            .into_iter()
            .map(|n| {
                if n.prefix_len() == n.max_prefix_len() {
                    n.addr().to_string()
                } else {
                    n.to_string()
                }
            })
            .collect();
        if parts.len() == 1 {
            parts.pop().unwrap_or_default()
        } else {
            format!("[{}]", parts.join(","))
        }
    }
}

impl fmt::Display for AddressSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_suricata())
    }
}

/// Parses a rule's address field (source or destination) as Suricata's
/// `DetectAddressParse` does: groups, nesting, negation, variables, ranges,
/// masks; then merges the negations (`DetectAddressMergeNot`).
///
/// In the [`Dialect::Aws`] dialect an element `@NAME` is an IP set reference,
/// resolved from [`Vars::set_ip_set_reference`]; in the Suricata dialect it
/// fails like any unparsable address.
///
/// ```
/// use ferrule_compiler::net::{parse_address, Vars};
/// use ferrule_compiler::Dialect;
/// let v = Vars::suricata_defaults();
/// let s = parse_address("[10.0.0.0/8, !10.1.0.0/16]", &v, Dialect::Suricata).unwrap();
/// assert!(s.contains("10.2.0.1".parse().unwrap()));
/// assert!(!s.contains("10.1.0.1".parse().unwrap()));
/// let neg = parse_address("!1.2.3.4", &v, Dialect::Suricata).unwrap();
/// assert!(neg.matches_ipv4() && !neg.matches_ipv6());
/// ```
pub fn parse_address(text: &str, vars: &Vars, dialect: Dialect) -> Result<AddressSet, NetError> {
    let mut p = AddrParser::new(vars, dialect);
    let mut gh = Head::default();
    let mut ghn = Head::default();
    let s = cstr(text.as_bytes());
    p.parse2(&mut gh, &mut ghn, s, false, 0, Origin::Text(0))?;
    p.merge_not(&mut gh, &ghn, 0..text.len())?;
    Ok(AddressSet {
        v4: gh.v4,
        v6: gh.v6,
    })
}

/// `DetectAddressTestConfVars` for one variable: parse its value (with loop
/// detection) and refuse negations covering all of IPv4. No merge is done:
/// a value whose negations remove everything passes here and fails in rules.
pub(crate) fn test_conf_var(
    vars: &Vars,
    dialect: Dialect,
    name: &str,
    value: &str,
) -> Result<(), NetError> {
    let mut p = AddrParser::new(vars, dialect);
    p.var_list = Some(Vec::new());
    let mut gh = Head::default();
    let mut ghn = Head::default();
    p.parse2(
        &mut gh,
        &mut ghn,
        cstr(value.as_bytes()),
        false,
        0,
        Origin::Text(0),
    )?;
    if is_full(&ghn.v4) {
        return Err(NetError::new(
            Code::AddressSpaceNegated,
            format!(
                "address var - \"{name}\" has the complete IP space negated with its value \
                 \"{value}\".  Rule address range is NIL. Probably have a !any or an address \
                 range that supplies a NULL address range"
            ),
            0..value.len(),
        )
        .with_hint(format!(
            "{name} negates all of IPv4 (e.g. EXTERNAL_NET \"!$HOME_NET\" with HOME_NET \"any\"); \
             set it to \"any\" or narrow the negation"
        )));
    }
    Ok(())
}

/// A C string stops at its first NUL.
pub(crate) fn cstr(s: &[u8]) -> &[u8] {
    match s.iter().position(|&b| b == 0) {
        Some(i) => &s[..i],
        None => s,
    }
}

fn lossy(s: &[u8]) -> String {
    String::from_utf8_lossy(s).into_owned()
}

/// `MAX_ADDRESS_LENGTH` in `DetectAddressParse2`.
const MAX_ADDRESS_LENGTH: usize = 8192;

/// One `DetectAddressHead`: positive or negated ranges per family.
#[derive(Debug, Clone, Default)]
pub(crate) struct Head {
    v4: Vec<(u32, u32)>,
    v6: Vec<(u128, u128)>,
}

impl Head {
    fn add_any(&mut self) {
        self.v4 = vec![(0, u32::MAX)];
        self.v6 = vec![(0, u128::MAX)];
    }

    fn add(&mut self, v6: bool, lo: u128, hi: u128) {
        if v6 {
            insert(&mut self.v6, lo, hi);
        } else {
            insert(&mut self.v4, lo as u32, hi as u32);
        }
    }
}

/// One parsed address item (`DetectAddressParseString`).
struct Item {
    v6: bool,
    lo: u128,
    hi: u128,
    not: bool,
}

/// `CIDRGet`.
fn cidr_get(cidr: i64) -> u32 {
    if cidr <= 0 || cidr > 32 {
        0
    } else {
        u32::MAX << (32 - cidr as u32)
    }
}

/// `CIDRFromMask` (host order). Scans from the least significant bit: a zero
/// above a one is rejected; zeros above the highest one are never looked at,
/// so `0.0.255.0` is accepted (and then used as a raw mask).
fn cidr_from_mask(netmask: u32) -> i32 {
    if netmask == 0 {
        return 0;
    }
    let mut m = netmask;
    let mut p = 0;
    let mut seen_1 = false;
    while m > 0 {
        if m & 1 == 1 {
            seen_1 = true;
            p += 1;
        } else if seen_1 {
            return -1;
        }
        m >>= 1;
    }
    p
}

/// `DetectAddressParseString`. `Err(Some(msg))` when Suricata logs a specific
/// message (the netmask one) before failing.
fn parse_string(full: &[u8]) -> Result<Item, Option<String>> {
    // the family is decided on the whole string; the parse works on a
    // 255-byte copy (char ipstr[256] + strlcpy)
    let is_v6 = full.contains(&b':');
    let trunc = &full[..full.len().min(255)];
    let (not, ip) = match trunc.first() {
        Some(b'!') => (true, &trunc[1..]),
        _ => (false, trunc),
    };
    let (lo, hi): (u128, u128) = if !is_v6 {
        if let Some(i) = ip.iter().position(|&c| c == b'/') {
            let (addr, mask) = (&ip[..i], &ip[i + 1..]);
            let netmask = if !mask.contains(&b'.') {
                if !mask.iter().all(u8::is_ascii_digit) {
                    return Err(None);
                }
                cidr_get(parse_i32_range(mask, 0, 32).ok_or(None)?)
            } else {
                let m = pton4(mask).ok_or(None)?;
                if cidr_from_mask(m) < 0 {
                    return Err(Some(format!(
                        "netmask \"{}\" is not usable. Only netmasks that are compatible with \
                         CIDR notation are supported. See ticket #5168.",
                        lossy(mask)
                    )));
                }
                m
            };
            let a = pton4(addr).ok_or(None)?;
            let lo = a & netmask;
            (lo as u128, (lo | !netmask) as u128)
        } else if let Some(i) = ip.iter().position(|&c| c == b'-') {
            let a = pton4(&ip[..i]).ok_or(None)?;
            let b = pton4(&ip[i + 1..]).ok_or(None)?;
            if a > b {
                return Err(None);
            }
            (a as u128, b as u128)
        } else {
            let a = pton4(ip).ok_or(None)?;
            (a as u128, a as u128)
        }
    } else if let Some(i) = ip.iter().position(|&c| c == b'/') {
        let (addr, mask) = (&ip[..i], &ip[i + 1..]);
        let cidr = parse_i32_range(mask, 0, 128).ok_or(None)? as u32;
        let a = pton6(addr).ok_or(None)?;
        let netmask = if cidr == 0 {
            0
        } else {
            u128::MAX << (128 - cidr)
        };
        let lo = a & netmask;
        (lo, lo | !netmask)
    } else if let Some(i) = ip.iter().position(|&c| c == b'-') {
        let a = pton6(&ip[..i]).ok_or(None)?;
        let b = pton6(&ip[i + 1..]).ok_or(None)?;
        if a > b {
            return Err(None);
        }
        (a, b)
    } else {
        let a = pton6(ip).ok_or(None)?;
        (a, a)
    };
    Ok(Item {
        v6: is_v6,
        lo,
        hi,
        not,
    })
}

/// A hint for an address Suricata could not parse.
fn parse_hint(s: &[u8]) -> String {
    let t = String::from_utf8_lossy(s);
    if t.ends_with(|c: char| c.is_ascii_whitespace()) {
        return "Suricata does not strip spaces after an address: remove the space before \
                the ',' or ']'"
            .to_string();
    }
    if let Some((addr, mask)) = t.split_once('/') {
        let v6 = t.contains(':');
        if let Ok(n) = mask.parse::<u32>() {
            if !v6 && n > 32 {
                return "an IPv4 prefix length is 0 to 32".to_string();
            }
            if v6 && n > 128 {
                return "an IPv6 prefix length is 0 to 128".to_string();
            }
        }
        if !v6 && pton4(addr.as_bytes()).is_none() {
            return format!(
                "\"{addr}\" is not a dotted IPv4 address (four octets 0-255, no leading zeros)"
            );
        }
    }
    if let Some((a, b)) = t.split_once('-') {
        let v6 = t.contains(':');
        let (pa, pb) = if v6 {
            (pton6(a.as_bytes()), pton6(b.as_bytes()))
        } else {
            (
                pton4(a.as_bytes()).map(u128::from),
                pton4(b.as_bytes()).map(u128::from),
            )
        };
        if let (Some(x), Some(y)) = (pa, pb) {
            if x > y {
                return "a range must be written low-high".to_string();
            }
        }
    }
    "expected an IPv4 or IPv6 address, a CIDR (10.0.0.0/8), a range (10.0.0.1-10.0.0.9), \
     any, a $VARIABLE, or a [group] of these"
        .to_string()
}

/// The state of one address parse (one rule field or one variable test).
struct AddrParser<'a> {
    vars: &'a Vars,
    dialect: Dialect,
    /// `ResolvedVariablesList`: `Some` only while testing configuration
    /// variables; rule parsing passes NULL, so loops there end at the
    /// recursion limit instead.
    var_list: Option<Vec<Vec<u8>>>,
    /// Variables being expanded, for [`NetError::expansion`].
    stack: Vec<String>,
}

impl<'a> AddrParser<'a> {
    fn new(vars: &'a Vars, dialect: Dialect) -> Self {
        AddrParser {
            vars,
            dialect,
            var_list: None,
            stack: Vec::new(),
        }
    }

    fn err(
        &self,
        code: Code,
        message: impl Into<String>,
        range: std::ops::Range<usize>,
    ) -> NetError {
        let mut e = NetError::new(code, message, range);
        e.expansion = self.stack.clone();
        e
    }

    /// `DetectAddressParse2`.
    fn parse2(
        &mut self,
        gh: &mut Head,
        ghn: &mut Head,
        s: &[u8],
        negate: bool,
        recur: u32,
        origin: Origin,
    ) -> Result<(), NetError> {
        let address_length = if s.len() > MAX_ADDRESS_LENGTH - 1 {
            s.len()
        } else {
            MAX_ADDRESS_LENGTH
        };
        self.internal(gh, ghn, s, negate, recur, origin, address_length)
    }

    /// `DetectAddressParseInternal`: the character-driven state machine.
    #[allow(clippy::too_many_arguments)]
    fn internal(
        &mut self,
        gh: &mut Head,
        ghn: &mut Head,
        s: &[u8],
        negate: bool,
        recur: u32,
        origin: Origin,
        address_length: usize,
    ) -> Result<(), NetError> {
        let recur = recur + 1;
        let whole = origin.map(0..s.len());
        if recur > RECURSION_LIMIT {
            return Err(self
                .err(
                    Code::VariableLoop,
                    "address block recursion limit reached (max 64)",
                    whole,
                )
                .with_hint(
                    "address groups and variables nest more than 64 levels deep; a variable \
                     that contains itself loops until this limit",
                ));
        }
        let size = s.len();
        let mut buf: Vec<u8> = Vec::new();
        let mut pos: Vec<usize> = Vec::new();
        let (mut o_set, mut n_set, mut d_set) = (false, false, false);
        let mut depth: i64 = 0;
        let mut u = 0;
        while u < size && buf.len() < address_length {
            if buf.len() == address_length - 1 {
                return Err(self.err(
                    Code::AddressParse,
                    "Hit the address buffer limit for the supplied address.  Invalidating sig.  \
                     Please file a bug report on this.",
                    whole,
                ));
            }
            let c = s[u];
            buf.push(c);
            pos.push(u);

            if !o_set && c == b'!' {
                n_set = true;
                buf.pop();
                pos.pop();
            } else if c == b'[' {
                if !o_set {
                    o_set = true;
                    buf.clear();
                    pos.clear();
                }
                depth += 1;
            } else if c == b']' {
                if depth == 1 {
                    buf.pop();
                    pos.pop();
                    let content = std::mem::take(&mut buf);
                    let cpos = std::mem::take(&mut pos);
                    let inner = origin.sub(&cpos, u);
                    if !(negate ^ n_set) {
                        // normal block
                        self.parse2(gh, ghn, &content, false, recur, inner)?;
                    } else {
                        // negated block: parse as a normal group, merge its own
                        // negations, then add the result to the negations
                        let mut tgh = Head::default();
                        let mut tghn = Head::default();
                        self.parse2(&mut tgh, &mut tghn, &content, false, recur, inner)?;
                        self.merge_not(&mut tgh, &tghn, inner.map(0..content.len()))?;
                        union_into(&mut ghn.v4, &tgh.v4);
                        union_into(&mut ghn.v6, &tgh.v6);
                    }
                    n_set = false;
                }
                depth -= 1;
            } else if depth == 0 && c == b',' {
                if o_set {
                    o_set = false;
                } else if d_set {
                    buf.pop();
                    pos.pop();
                    self.resolve(gh, ghn, s, &buf, &pos, u, negate ^ n_set, recur, origin)?;
                    d_set = false;
                    n_set = false;
                } else {
                    buf.pop();
                    pos.pop();
                    let head = if !(negate ^ n_set) {
                        &mut *gh
                    } else {
                        &mut *ghn
                    };
                    self.setup(head, &buf, &pos, u, origin)?;
                    n_set = false;
                }
                buf.clear();
                pos.clear();
            } else if depth == 0 && c == b'$' {
                d_set = true;
            } else if depth == 0 && u == size - 1 {
                let elem = std::mem::take(&mut buf);
                let epos = std::mem::take(&mut pos);
                if let Some(list) = self.var_list.as_mut() {
                    // AddVariableToResolveList: only names starting with '$'
                    if elem.first() == Some(&b'$') {
                        if list.contains(&elem) {
                            return Err(self
                                .err(
                                    Code::VariableLoop,
                                    "Found a loop in a address groups declaration. This is \
                                     likely a misconfiguration.",
                                    origin.map(span_of(&epos, u)),
                                )
                                .with_hint(format!(
                                    "{} is reached twice while resolving this variable \
                                     (Suricata tracks every variable in last position of a \
                                     group, so two references ending in the same variable \
                                     also count)",
                                    lossy(&elem)
                                )));
                        }
                        list.push(elem.clone());
                    }
                }
                if d_set {
                    self.resolve(gh, ghn, s, &elem, &epos, u, negate ^ n_set, recur, origin)?;
                    d_set = false;
                } else {
                    let head = if !(negate ^ n_set) {
                        &mut *gh
                    } else {
                        &mut *ghn
                    };
                    self.setup(head, &elem, &epos, u, origin)?;
                }
                n_set = false;
            }
            u += 1;
        }
        if depth > 0 {
            return Err(self
                .err(
                    Code::UnbalancedBrackets,
                    format!(
                        "not every address block was properly closed in \"{}\", {} missing \
                         closing brackets (]). Note: problem might be in a variable.",
                        lossy(s),
                        depth
                    ),
                    whole,
                )
                .with_hint("add the missing ']'"));
        } else if depth < 0 {
            return Err(self
                .err(
                    Code::UnbalancedBrackets,
                    format!(
                        "not every address block was properly opened in \"{}\", {} missing \
                         opening brackets ([). Note: problem might be in a variable.",
                        lossy(s),
                        -depth
                    ),
                    whole,
                )
                .with_hint("add the missing '[' or remove the extra ']'"));
        }
        Ok(())
    }

    /// Resolves `$NAME` (the element in `name_buf`) and parses its value.
    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &mut self,
        gh: &mut Head,
        ghn: &mut Head,
        s: &[u8],
        name_buf: &[u8],
        name_pos: &[usize],
        at: usize,
        neg: bool,
        recur: u32,
        origin: Origin,
    ) -> Result<(), NetError> {
        let name = var_name(name_buf);
        let lead = name_buf.len() - super::inet::skip_space(name_buf).len();
        let name_pos = &name_pos[lead..];
        let range = origin.map(span_of(name_pos, at));
        let Some(value) = self.vars.address(&name) else {
            let mut e = undefined_variable(&name, self.vars, false, range);
            e.expansion = self.stack.clone();
            return Err(e);
        };
        let value = cstr(value.as_bytes());
        if value.is_empty() {
            return Err(self
                .err(
                    Code::EmptyVariable,
                    format!(
                        "variable {} resolved to nothing. This is likely a misconfiguration. \
                         Note that a negated address needs to be quoted, \"!$HOME_NET\" instead \
                         of !$HOME_NET. See issue #295.",
                        lossy(s)
                    ),
                    range,
                )
                .with_hint(format!(
                    "${name} is empty; in YAML an unquoted !$VAR is a tag, not a value: quote it"
                )));
        }
        let text: Vec<u8> = if neg {
            let mut t = Vec::with_capacity(value.len() + 2);
            t.push(b'[');
            t.extend_from_slice(value);
            t.push(b']');
            t
        } else {
            value.to_vec()
        };
        let vorigin = origin.opaque(name_pos, at);
        self.stack.push(format!("${name}"));
        self.parse2(gh, ghn, &text, neg, recur, vorigin)?;
        self.stack.pop();
        Ok(())
    }

    /// `DetectAddressSetup`: one element into `head`.
    fn setup(
        &mut self,
        head: &mut Head,
        buf: &[u8],
        pos: &[usize],
        at: usize,
        origin: Origin,
    ) -> Result<(), NetError> {
        let lead = buf.iter().take_while(|&&b| is_c_space(b)).count();
        let s = &buf[lead..];
        let range = origin.map(span_of(&pos[lead..], at));
        if s.eq_ignore_ascii_case(b"any") {
            head.add_any();
            return Ok(());
        }
        if s.first() == Some(&b'@') {
            return self.ip_set(head, s, range);
        }
        let item = match parse_string(s) {
            Ok(item) => item,
            Err(None) => {
                return Err(self
                    .err(
                        Code::AddressParse,
                        format!("failed to parse address \"{}\"", lossy(s)),
                        range,
                    )
                    .with_hint(parse_hint(s)))
            }
            Err(Some(msg)) => {
                return Err(self.err(Code::NetmaskNotCidr, msg, range).with_hint(
                    "only contiguous netmasks are accepted; write the CIDR form, e.g. \
                     1.2.3.0/24 for 1.2.3.0/255.255.255.0",
                ))
            }
        };
        if item.not {
            // a '!' that reached the item parser (after a closed block, e.g.
            // "[a]!b"): Suricata inserts the complement within the family
            let pieces: Vec<(u128, u128)> = if item.v6 {
                complement_of(item.lo, item.hi)
            } else {
                complement_of(item.lo as u32, item.hi as u32)
                    .into_iter()
                    .map(|(a, b)| (a as u128, b as u128))
                    .collect()
            };
            if pieces.is_empty() {
                return Err(self.err(
                    Code::AddressSpaceNegated,
                    format!(
                        "cannot negate \"{}\": it covers its whole address family (Suricata \
                         rejects this without a message)",
                        lossy(s)
                    ),
                    range,
                ));
            }
            for (lo, hi) in pieces {
                head.add(item.v6, lo, hi);
            }
        } else {
            head.add(item.v6, item.lo, item.hi);
        }
        Ok(())
    }

    /// An `@NAME` element: an AWS IP set reference.
    fn ip_set(
        &mut self,
        head: &mut Head,
        s: &[u8],
        range: std::ops::Range<usize>,
    ) -> Result<(), NetError> {
        let text = lossy(s);
        let name = &text[1..];
        match self.dialect {
            Dialect::Suricata => Err(self
                .err(
                    Code::IpSetReference,
                    format!("failed to parse address \"{text}\""),
                    range,
                )
                .with_hint(
                    "@NAME is an AWS Network Firewall IP set reference \
                     (ReferenceSets.IPSetReferences); Suricata has no such syntax: use the aws \
                     dialect, or define an address variable and write $NAME",
                )),
            Dialect::Aws => {
                let Some(cidrs) = self.vars.ip_set_reference(name) else {
                    return Err(self
                        .err(
                            Code::IpSetReference,
                            format!("IP set reference \"{text}\" is not defined"),
                            range,
                        )
                        .with_hint(format!(
                            "supply the CIDRs of {name} (the rule group's \
                             ReferenceSets.IPSetReferences points at a VPC prefix list or \
                             resource group whose contents Ferrule cannot fetch)"
                        )));
                };
                let cidrs = cidrs.to_vec();
                self.stack.push(text.clone());
                for c in &cidrs {
                    let t = c.trim();
                    match parse_string(t.as_bytes()) {
                        Ok(item) if !item.not => head.add(item.v6, item.lo, item.hi),
                        _ => {
                            return Err(self.err(
                                Code::IpSetReference,
                                format!("IP set reference \"{text}\" has an invalid CIDR \"{c}\""),
                                range,
                            ))
                        }
                    }
                }
                self.stack.pop();
                Ok(())
            }
        }
    }

    /// `DetectAddressMergeNot`: `gh = gh \ ghn`, with Suricata's checks.
    fn merge_not(
        &self,
        gh: &mut Head,
        ghn: &Head,
        range: std::ops::Range<usize>,
    ) -> Result<(), NetError> {
        // DetectAddressIsCompleteIPSpace looks at IPv4 only
        if is_full(&ghn.v4) {
            return Err(self
                .err(
                    Code::AddressSpaceNegated,
                    "Complete IP space negated. Rule address range is NIL. Probably have a !any \
                     or an address range that supplies a NULL address range",
                    range,
                )
                .with_hint(
                    "the negations cover every IPv4 address (e.g. !any, or !$EXTERNAL_NET with \
                     HOME_NET any); use any, or negate something narrower",
                ));
        }
        // a pure negation starts from the whole family, per family
        if gh.v4.is_empty() && !ghn.v4.is_empty() {
            gh.v4 = vec![(0, u32::MAX)];
        }
        if gh.v6.is_empty() && !ghn.v6.is_empty() {
            gh.v6 = vec![(0, u128::MAX)];
        }
        gh.v4 = subtract(&gh.v4, &ghn.v4);
        gh.v6 = subtract(&gh.v6, &ghn.v6);
        if gh.v4.is_empty() && gh.v6.is_empty() {
            return Err(self
                .err(
                    Code::AddressEmptyAfterNegation,
                    "no addresses left after merging addresses and negated addresses",
                    range,
                )
                .with_hint(
                    "every address listed is removed again by a negation; Suricata rejects the \
                     rule rather than never matching",
                ));
        }
        Ok(())
    }
}
