//! Port groups: a port of `DetectPortParse` and friends
//! (`src/detect-engine-port.c`, Suricata 8.0).

use std::fmt;

use super::address::cstr;
use super::inet::{parse_u16, skip_space};
use super::rangeset::{complement_of, contains, insert, is_full, subtract, union_into};
use super::{span_of, undefined_variable, var_name, NetError, Origin, Vars};
use crate::diag::Code;

/// A set of ports as sorted, merged, inclusive ranges.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct PortSet {
    /// Sorted, merged, inclusive ranges.
    pub ranges: Vec<(u16, u16)>,
}

impl PortSet {
    /// `any`: 0 to 65535.
    pub fn any() -> Self {
        PortSet {
            ranges: vec![(0, u16::MAX)],
        }
    }

    /// The empty set (no rule port parses to it; Suricata rejects it).
    pub fn empty() -> Self {
        PortSet::default()
    }

    /// Builds a set from arbitrary ranges (normalized here).
    pub fn from_ranges(ranges: &[(u16, u16)]) -> Self {
        let mut s = PortSet::default();
        union_into(&mut s.ranges, ranges);
        s
    }

    /// All ports.
    pub fn is_any(&self) -> bool {
        is_full(&self.ranges)
    }

    /// No port.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Membership.
    pub fn contains(&self, p: u16) -> bool {
        contains(&self.ranges, p)
    }

    /// Canonical Suricata text that parses back to the same set: `any`, `80`,
    /// `80:90`, `1024:` (open end), or a group `[80,443,8000:8080]`. The empty
    /// set gives `[]`, which Suricata rejects. Suricata reads at most 1,023
    /// bytes inside one port group, so a set of some hundred ranges does not
    /// round-trip.
    pub fn to_suricata(&self) -> String {
        if self.is_any() {
            return "any".to_string();
        }
        let mut parts: Vec<String> = self
            .ranges
            .iter()
            .map(|&(lo, hi)| {
                if lo == hi {
                    lo.to_string()
                } else if hi == u16::MAX {
                    format!("{lo}:")
                } else {
                    format!("{lo}:{hi}")
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

impl fmt::Display for PortSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_suricata())
    }
}

/// Parses a rule's port field as Suricata's `DetectPortParse` does: `any`,
/// `80`, `80:90`, `1024:`, `:1023`, `!p`, groups, nesting, `$VAR`; then
/// removes the negations (`DetectPortParseMergeNotPorts`).
///
/// ```
/// use ferrule_compiler::net::{parse_port, Vars};
/// let v = Vars::suricata_defaults();
/// assert_eq!(parse_port("[1:80,![2,4]]", &v).unwrap().to_suricata(), "[1,3,5:80]");
/// let e = parse_port("[80:!80]", &v).unwrap_err();
/// assert_eq!(e.message, "Can't have a negated value in a range.");
/// ```
pub fn parse_port(text: &str, vars: &Vars) -> Result<PortSet, NetError> {
    let mut p = PortParser::new(vars);
    let mut head = Vec::new();
    let mut nhead = Vec::new();
    p.parse_do(
        &mut head,
        &mut nhead,
        cstr(text.as_bytes()),
        false,
        0,
        Origin::Text(0),
    )?;
    p.merge_not(&mut head, &nhead, 0..text.len())?;
    Ok(PortSet { ranges: head })
}

/// `DetectPortTestConfVars` for one variable: parse (with loop detection)
/// and refuse negations covering every port. No merge is done.
pub(crate) fn test_conf_var(vars: &Vars, name: &str, value: &str) -> Result<(), NetError> {
    let mut p = PortParser::new(vars);
    p.var_list = Some(Vec::new());
    let mut head = Vec::new();
    let mut nhead = Vec::new();
    p.parse_do(
        &mut head,
        &mut nhead,
        cstr(value.as_bytes()),
        false,
        0,
        Origin::Text(0),
    )?;
    if is_full(&nhead) {
        return Err(NetError::new(
            Code::PortSpaceNegated,
            format!(
                "Port var - \"{name}\" has the complete Port range negated with its value \
                 \"{value}\".  Port space range is NIL. Probably have a !any or a port range \
                 that supplies a NULL address range"
            ),
            0..value.len(),
        )
        .with_hint(format!(
            "{name} negates every port; set it to a positive list"
        )));
    }
    Ok(())
}

fn lossy(s: &[u8]) -> String {
    String::from_utf8_lossy(s).into_owned()
}

/// `char address[1024]` in `DetectPortParseDo`.
const PORT_BUFFER: usize = 1024;

/// `PortParse`: one element. `(lo, hi, negated)`.
fn port_parse(s: &[u8]) -> Option<(u16, u16, bool)> {
    let s = skip_space(s);
    if s.len() >= 16 {
        return None;
    }
    let (not, port) = match s.first() {
        Some(b'!') => (true, &s[1..]),
        _ => (false, s),
    };
    if let Some(i) = port.iter().position(|&c| c == b':') {
        let (a, b) = (&port[..i], &port[i + 1..]);
        let lo = if a.is_empty() { 0 } else { parse_u16(a)? };
        let hi = if b.is_empty() {
            u16::MAX
        } else {
            parse_u16(b)?
        };
        if lo > hi {
            return None;
        }
        Some((lo, hi, not))
    } else if port.eq_ignore_ascii_case(b"any") {
        Some((0, u16::MAX, not))
    } else {
        let p = parse_u16(port)?;
        Some((p, p, not))
    }
}

fn port_hint(s: &[u8]) -> String {
    let t = String::from_utf8_lossy(skip_space(s)).into_owned();
    if t.len() >= 16 {
        return "Suricata reads at most 15 characters per port item".to_string();
    }
    if t.ends_with(|c: char| c.is_ascii_whitespace()) {
        return "Suricata does not strip spaces after a port: remove the space before the ',' \
                or ']'"
            .to_string();
    }
    let t = t.strip_prefix('!').unwrap_or(&t);
    if let Some((a, b)) = t.split_once(':') {
        if let (Ok(x), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>()) {
            if x > y && y <= 65535 {
                return format!("a range is low:high; write {y}:{x}");
            }
        }
    }
    if t.parse::<u64>().is_ok_and(|n| n > 65535)
        || t.split(':')
            .any(|p| p.parse::<u64>().is_ok_and(|n| n > 65535))
    {
        return "ports are 0 to 65535".to_string();
    }
    "expected a port (0-65535), a range (80:90, 1024:, :1023), any, a $VARIABLE, or a [group] \
     of these"
        .to_string()
}

struct PortParser<'a> {
    vars: &'a Vars,
    /// `ResolvedVariablesList`, only while testing configuration variables.
    var_list: Option<Vec<Vec<u8>>>,
    stack: Vec<String>,
}

type Ranges = Vec<(u16, u16)>;

impl<'a> PortParser<'a> {
    fn new(vars: &'a Vars) -> Self {
        PortParser {
            vars,
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

    /// `DetectPortParseDo`: the character-driven state machine.
    fn parse_do(
        &mut self,
        head: &mut Ranges,
        nhead: &mut Ranges,
        s: &[u8],
        negate: bool,
        recur: u32,
        origin: Origin,
    ) -> Result<(), NetError> {
        let whole = origin.map(0..s.len());
        // `if (recur++ > 64)`: the check uses the value passed in
        if recur > super::RECURSION_LIMIT {
            return Err(self
                .err(
                    Code::VariableLoop,
                    "port block recursion limit reached (max 64)",
                    whole,
                )
                .with_hint(
                    "port groups and variables nest more than 64 levels deep; a variable that \
                     contains itself loops until this limit",
                ));
        }
        let recur = recur + 1;
        let size = s.len();
        let mut buf: Vec<u8> = Vec::new();
        let mut pos: Vec<usize> = Vec::new();
        let (mut o_set, mut n_set, mut d_set) = (false, false, false);
        let mut range = false;
        let mut depth: i64 = 0;
        let mut u = 0;
        while u < size && buf.len() < PORT_BUFFER {
            let c = s[u];
            buf.push(c);
            pos.push(u);

            if c == b':' {
                range = true;
            }

            if range && c == b'!' {
                return Err(self
                    .err(
                        Code::PortNegatedRange,
                        "Can't have a negated value in a range.",
                        origin.map(u..u + 1),
                    )
                    .with_hint(
                        "a '!' may not follow a ':' in the same item; negate the whole range \
                         (!80:90) or list exclusions as separate items ([80:100,!90])",
                    ));
            } else if !o_set && c == b'!' {
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
                    // `negate ? negate : n_set`: no merge inside the block
                    self.parse_do(head, nhead, &content, negate || n_set, recur, inner)?;
                    n_set = false;
                }
                depth -= 1;
                range = false;
            } else if depth == 0 && c == b',' {
                if o_set {
                    o_set = false;
                } else if d_set {
                    buf.pop();
                    pos.pop();
                    // wrapped in [] when either is set, negated when exactly one is
                    self.resolve(
                        head,
                        nhead,
                        s,
                        &buf,
                        &pos,
                        u,
                        negate || n_set,
                        negate ^ n_set,
                        recur,
                        origin,
                    )?;
                    d_set = false;
                    n_set = false;
                } else {
                    buf.pop();
                    pos.pop();
                    // here "negated" is negate OR n_set (not XOR, unlike the end case)
                    let target = if !negate && !n_set {
                        &mut *head
                    } else {
                        &mut *nhead
                    };
                    self.insert_string(target, &buf, &pos, u, origin)?;
                    n_set = false;
                }
                buf.clear();
                pos.clear();
                range = false;
            } else if depth == 0 && c == b'$' {
                d_set = true;
            } else if depth == 0 && u == size - 1 {
                range = false;
                let mut elem = std::mem::take(&mut buf);
                let mut epos = std::mem::take(&mut pos);
                if elem.len() == PORT_BUFFER {
                    elem.pop();
                    epos.pop();
                }
                if let Some(list) = self.var_list.as_mut() {
                    if elem.first() == Some(&b'$') {
                        if list.contains(&elem) {
                            return Err(self
                                .err(
                                    Code::VariableLoop,
                                    "Found a loop in a port groups declaration. This is likely \
                                     a misconfiguration.",
                                    origin.map(span_of(&epos, u)),
                                )
                                .with_hint(format!(
                                    "{} is reached twice while resolving this variable",
                                    lossy(&elem)
                                )));
                        }
                        list.push(elem.clone());
                    }
                }
                if d_set {
                    self.resolve(
                        head,
                        nhead,
                        s,
                        &elem,
                        &epos,
                        u,
                        negate ^ n_set,
                        negate ^ n_set,
                        recur,
                        origin,
                    )?;
                    d_set = false;
                } else {
                    let target = if !(negate ^ n_set) {
                        &mut *head
                    } else {
                        &mut *nhead
                    };
                    self.insert_string(target, &elem, &epos, u, origin)?;
                }
                n_set = false;
            } else if depth == 1 && c == b',' {
                range = false;
            }
            u += 1;
        }
        if depth > 0 {
            return Err(self
                .err(
                    Code::UnbalancedBrackets,
                    format!(
                        "not every port block was properly closed in \"{}\", {} missing closing \
                         brackets (]). Note: problem might be in a variable.",
                        lossy(s),
                        depth
                    ),
                    whole,
                )
                .with_hint(if size >= PORT_BUFFER {
                    "add the missing ']' (note: Suricata reads at most 1,023 bytes inside a \
                     port group and silently stops there)"
                } else {
                    "add the missing ']'"
                }));
        } else if depth < 0 {
            return Err(self
                .err(
                    Code::UnbalancedBrackets,
                    format!(
                        "not every port block was properly opened in \"{}\", {} missing opening \
                         brackets ([). Note: problem might be in a variable.",
                        lossy(s),
                        -depth
                    ),
                    whole,
                )
                .with_hint("add the missing '[' or remove the extra ']'"));
        }
        Ok(())
    }

    /// Resolves `$NAME` and parses its value.
    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &mut self,
        head: &mut Ranges,
        nhead: &mut Ranges,
        s: &[u8],
        name_buf: &[u8],
        name_pos: &[usize],
        at: usize,
        wrap: bool,
        neg: bool,
        recur: u32,
        origin: Origin,
    ) -> Result<(), NetError> {
        let name = var_name(name_buf);
        let lead = name_buf.len() - super::inet::skip_space(name_buf).len();
        let name_pos = &name_pos[lead..];
        let range = origin.map(span_of(name_pos, at));
        let Some(value) = self.vars.port(&name) else {
            let mut e = undefined_variable(&name, self.vars, true, range);
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
                         Note that a negated port needs to be quoted, \"!$HTTP_PORTS\" instead \
                         of !$HTTP_PORTS. See issue #295.",
                        lossy(s)
                    ),
                    range,
                )
                .with_hint(format!(
                    "${name} is empty; in YAML an unquoted !$VAR is a tag, not a value: quote it"
                )));
        }
        let text: Vec<u8> = if wrap {
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
        self.parse_do(head, nhead, &text, neg, recur, vorigin)?;
        self.stack.pop();
        Ok(())
    }

    /// `DetectPortParseInsertString`.
    fn insert_string(
        &mut self,
        target: &mut Ranges,
        buf: &[u8],
        pos: &[usize],
        at: usize,
        origin: Origin,
    ) -> Result<(), NetError> {
        let lead = buf.len() - skip_space(buf).len();
        let range = origin.map(span_of(&pos[lead..], at));
        let Some((lo, hi, not)) = port_parse(buf) else {
            // Suricata: " failed to parse port \"%s\"" with the unstripped item
            return Err(self
                .err(
                    Code::PortParse,
                    format!("failed to parse port \"{}\"", lossy(buf)),
                    range,
                )
                .with_hint(port_hint(buf)));
        };
        if not {
            let pieces = complement_of(lo, hi);
            if pieces.is_empty() {
                return Err(self.err(
                    Code::PortSpaceNegated,
                    "DetectPortParseInsertString error",
                    range,
                ));
            }
            for (a, b) in pieces {
                insert(target, a, b);
            }
        } else {
            insert(target, lo, hi);
        }
        Ok(())
    }

    /// `DetectPortParseMergeNotPorts`.
    fn merge_not(
        &self,
        head: &mut Ranges,
        nhead: &Ranges,
        range: std::ops::Range<usize>,
    ) -> Result<(), NetError> {
        if is_full(nhead) {
            return Err(self
                .err(
                    Code::PortSpaceNegated,
                    "Complete port space is negated",
                    range,
                )
                .with_hint("the negations cover every port (e.g. !any); use any instead"));
        }
        if head.is_empty() && !nhead.is_empty() {
            *head = vec![(0, u16::MAX)];
        }
        *head = subtract(head, nhead);
        if head.is_empty() {
            return Err(self
                .err(
                    Code::PortEmptyAfterNegation,
                    "no ports left after merging ports with negated ports",
                    range,
                )
                .with_hint(
                    "every port listed is removed again by a negation; Suricata rejects the \
                     rule rather than never matching",
                ));
        }
        Ok(())
    }
}
