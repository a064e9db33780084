//! Rule variables: `vars.address-groups`, `vars.port-groups` (suricata.yaml)
//! and AWS IP set references.

use serde_yaml::Value;

use super::NetError;
use crate::diag::Code;
use crate::Dialect;

/// The `vars` of stock `suricata.yaml.in` (Suricata 8.0), verbatim, in file
/// order.
const DEFAULT_ADDRESS_GROUPS: &[(&str, &str)] = &[
    ("HOME_NET", "[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]"),
    ("EXTERNAL_NET", "!$HOME_NET"),
    ("HTTP_SERVERS", "$HOME_NET"),
    ("SMTP_SERVERS", "$HOME_NET"),
    ("SQL_SERVERS", "$HOME_NET"),
    ("DNS_SERVERS", "$HOME_NET"),
    ("TELNET_SERVERS", "$HOME_NET"),
    ("AIM_SERVERS", "$EXTERNAL_NET"),
    ("DC_SERVERS", "$HOME_NET"),
    ("DNP3_SERVER", "$HOME_NET"),
    ("DNP3_CLIENT", "$HOME_NET"),
    ("MODBUS_CLIENT", "$HOME_NET"),
    ("MODBUS_SERVER", "$HOME_NET"),
    ("ENIP_CLIENT", "$HOME_NET"),
    ("ENIP_SERVER", "$HOME_NET"),
];

/// See [`DEFAULT_ADDRESS_GROUPS`]. Unquoted YAML numbers are kept as their
/// text, as Suricata's configuration loader does.
const DEFAULT_PORT_GROUPS: &[(&str, &str)] = &[
    ("HTTP_PORTS", "80"),
    ("SHELLCODE_PORTS", "!80"),
    ("ORACLE_PORTS", "1521"),
    ("SSH_PORTS", "22"),
    ("DNP3_PORTS", "20000"),
    ("MODBUS_PORTS", "502"),
    ("FILE_DATA_PORTS", "[$HTTP_PORTS,110,143]"),
    ("FTP_PORTS", "21"),
    ("GENEVE_PORTS", "6081"),
    ("VXLAN_PORTS", "4789"),
    ("TEREDO_PORTS", "3544"),
    ("SIP_PORTS", "[5060, 5061]"),
];

/// Rule variables. Each value keeps its definition text, exactly as written
/// (resolution happens when a rule is parsed, as in Suricata, so overriding
/// `HOME_NET` also changes the stock `EXTERNAL_NET` = `!$HOME_NET`).
///
/// Names are case-sensitive and stored without `$` (or `@` for IP set
/// references); the setters drop one such leading sigil if given.
#[derive(Clone, Debug, Default)]
pub struct Vars {
    address: Vec<(String, String)>,
    port: Vec<(String, String)>,
    ip_sets: Vec<(String, Vec<String>)>,
}

fn set_in<T>(list: &mut Vec<(String, T)>, name: &str, value: T) {
    if let Some(slot) = list.iter_mut().find(|(n, _)| n == name) {
        slot.1 = value;
    } else {
        list.push((name.to_string(), value));
    }
}

fn get_in<'a, T>(list: &'a [(String, T)], name: &str) -> Option<&'a T> {
    list.iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

impl Vars {
    /// The variables of Suricata 8.0's stock `suricata.yaml`:
    /// `HOME_NET` `[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]`, `EXTERNAL_NET`
    /// `!$HOME_NET`, the `*_SERVERS`/`*_CLIENT` groups (`$HOME_NET`, and
    /// `AIM_SERVERS` `$EXTERNAL_NET`), and the port groups (`HTTP_PORTS` `80`,
    /// `SHELLCODE_PORTS` `!80`, `ORACLE_PORTS` `1521`, `SSH_PORTS` `22`,
    /// `DNP3_PORTS` `20000`, `MODBUS_PORTS` `502`, `FILE_DATA_PORTS`
    /// `[$HTTP_PORTS,110,143]`, `FTP_PORTS` `21`, `GENEVE_PORTS` `6081`,
    /// `VXLAN_PORTS` `4789`, `TEREDO_PORTS` `3544`, `SIP_PORTS` `[5060, 5061]`).
    pub fn suricata_defaults() -> Self {
        let mut v = Vars::empty();
        for (n, val) in DEFAULT_ADDRESS_GROUPS {
            v.set_address(n, val);
        }
        for (n, val) in DEFAULT_PORT_GROUPS {
            v.set_port(n, val);
        }
        v
    }

    /// No variables at all.
    pub fn empty() -> Self {
        Vars::default()
    }

    /// Defines (or redefines) an address group, e.g. `("HOME_NET", "[10.0.0.0/8]")`.
    pub fn set_address(&mut self, name: &str, value: &str) {
        let name = name.strip_prefix('$').unwrap_or(name);
        set_in(&mut self.address, name, value.to_string());
    }

    /// Defines (or redefines) a port group, e.g. `("HTTP_PORTS", "[80,8080]")`.
    pub fn set_port(&mut self, name: &str, value: &str) {
        let name = name.strip_prefix('$').unwrap_or(name);
        set_in(&mut self.port, name, value.to_string());
    }

    /// Defines (or redefines) an AWS IP set reference `@NAME` as a list of
    /// CIDRs (the current content of its prefix list or resource group).
    pub fn set_ip_set_reference(&mut self, name: &str, cidrs: &[String]) {
        let name = name.strip_prefix('@').unwrap_or(name);
        set_in(&mut self.ip_sets, name, cidrs.to_vec());
    }

    /// A copy with only the named address and port groups (those that are
    /// defined) and every IP set reference: what an AWS rule group starts
    /// from, which sees no stock Suricata variable (see
    /// [`RuleGroup::vars`](crate::aws::RuleGroup::vars)).
    pub fn only(&self, names: &[&str]) -> Vars {
        let keep = |list: &[(String, String)]| {
            list.iter()
                .filter(|(n, _)| names.contains(&n.as_str()))
                .cloned()
                .collect()
        };
        Vars {
            address: keep(&self.address),
            port: keep(&self.port),
            ip_sets: self.ip_sets.clone(),
        }
    }

    /// Removes an address group; true if it existed.
    pub fn remove_address(&mut self, name: &str) -> bool {
        let before = self.address.len();
        self.address.retain(|(n, _)| n != name);
        before != self.address.len()
    }

    /// Removes a port group; true if it existed.
    pub fn remove_port(&mut self, name: &str) -> bool {
        let before = self.port.len();
        self.port.retain(|(n, _)| n != name);
        before != self.port.len()
    }

    /// The definition text of an address group.
    pub fn address(&self, name: &str) -> Option<&str> {
        get_in(&self.address, name).map(String::as_str)
    }

    /// The definition text of a port group.
    pub fn port(&self, name: &str) -> Option<&str> {
        get_in(&self.port, name).map(String::as_str)
    }

    /// The CIDRs of an IP set reference (name without `@`).
    pub fn ip_set_reference(&self, name: &str) -> Option<&[String]> {
        get_in(&self.ip_sets, name).map(Vec::as_slice)
    }

    /// Address group names, in definition order.
    pub fn address_names(&self) -> impl Iterator<Item = &str> {
        self.address.iter().map(|(n, _)| n.as_str())
    }

    /// Port group names, in definition order.
    pub fn port_names(&self) -> impl Iterator<Item = &str> {
        self.port.iter().map(|(n, _)| n.as_str())
    }

    /// IP set reference names (without `@`), in definition order.
    pub fn ip_set_reference_names(&self) -> impl Iterator<Item = &str> {
        self.ip_sets.iter().map(|(n, _)| n.as_str())
    }

    /// Reads `vars: address-groups:` / `port-groups:` from a suricata.yaml
    /// (or a fragment: a document with `address-groups`/`port-groups` at top
    /// level is accepted too) **on top of the stock defaults**: variables the
    /// file defines replace the defaults, the others keep their stock value.
    /// Use [`Vars::from_suricata_yaml_exact`] for a complete configuration
    /// file, where Suricata knows no variable the file does not define.
    ///
    /// The result is then checked as Suricata checks its configuration at
    /// start-up (`DetectAddressTestConfVars`, `DetectPortTestConfVars`): an
    /// error there means Suricata would refuse to start.
    pub fn from_suricata_yaml(text: &str) -> Result<Self, NetError> {
        let mut v = Vars::suricata_defaults();
        v.merge_suricata_yaml(text)?;
        v.validate(Dialect::Suricata)?;
        Ok(v)
    }

    /// Like [`Vars::from_suricata_yaml`], but starting from no variables: only
    /// what the file defines exists (Suricata's behaviour with that file as
    /// its configuration).
    pub fn from_suricata_yaml_exact(text: &str) -> Result<Self, NetError> {
        let mut v = Vars::empty();
        v.merge_suricata_yaml(text)?;
        v.validate(Dialect::Suricata)?;
        Ok(v)
    }

    /// Applies the variables of a suricata.yaml (or fragment) to `self`
    /// without validating them. Scalars are taken as text (`1521` → `"1521"`,
    /// an empty or null value → `""`, an unquoted `!$HOME_NET` — a YAML tag —
    /// → `""`, as libyaml hands Suricata an empty value); a sequence or
    /// mapping is Suricata's "probably has a sequence ... without any quotes"
    /// error.
    pub fn merge_suricata_yaml(&mut self, text: &str) -> Result<(), NetError> {
        let doc: Value = serde_yaml::from_str(text).map_err(|e| {
            let range = match e.location() {
                Some(l) => l.index()..(l.index() + 1).min(text.len()),
                None => 0..text.len(),
            };
            NetError::new(
                Code::VariableDefinition,
                format!("invalid YAML: {e}"),
                range,
            )
        })?;
        let whole = 0..text.len();
        let doc = untag(&doc);
        if doc.is_null() {
            return Ok(());
        }
        let Some(top) = doc.as_mapping() else {
            return Err(NetError::new(
                Code::VariableDefinition,
                "the configuration is not a YAML mapping",
                whole,
            ));
        };
        let groups = match top.get("vars").map(untag) {
            Some(Value::Mapping(m)) => m,
            Some(Value::Null) => return Ok(()),
            Some(_) => {
                return Err(NetError::new(
                    Code::VariableDefinition,
                    "`vars` is not a mapping",
                    whole,
                ))
            }
            None => top,
        };
        for (key, is_port) in [("address-groups", false), ("port-groups", true)] {
            let Some(g) = groups.get(key).map(untag) else {
                continue;
            };
            let g = match g {
                Value::Mapping(m) => m,
                Value::Null => continue,
                _ => {
                    return Err(NetError::new(
                        Code::VariableDefinition,
                        format!("`vars.{key}` is not a mapping"),
                        whole.clone(),
                    ))
                }
            };
            for (k, val) in g {
                let name = scalar_text(untag(k)).ok_or_else(|| {
                    NetError::new(
                        Code::VariableDefinition,
                        format!("a key of `vars.{key}` is not a scalar"),
                        whole.clone(),
                    )
                })?;
                let value = scalar_text(untag(val)).ok_or_else(|| {
                    NetError::new(
                        Code::VariableDefinition,
                        format!(
                            "{} var \"{name}\" probably has a sequence(something in brackets) \
                             value set without any quotes. Please quote it using \"..\".",
                            if is_port { "Port" } else { "Address" }
                        ),
                        whole.clone(),
                    )
                    .with_hint(format!("write {name}: \"[...]\" with quotes"))
                })?;
                if is_port {
                    self.set_port(&name, &value);
                } else {
                    self.set_address(&name, &value);
                }
            }
        }
        Ok(())
    }

    /// Suricata's start-up check of every address group, then every port
    /// group (`DetectAddressTestConfVars`, `DetectPortTestConfVars`): each
    /// value must parse (undefined references, loops, brackets, syntax) and
    /// its negations must not cover every IPv4 address / every port. Values
    /// whose negations remove all their positives pass here (Suricata only
    /// fails the rules that use them).
    ///
    /// The error's range is inside the variable's value; its
    /// [`expansion`](NetError::expansion) starts with the variable's name.
    pub fn validate(&self, dialect: Dialect) -> Result<(), NetError> {
        for (name, value) in &self.address {
            super::address::test_conf_var(self, dialect, name, value)
                .map_err(|e| wrap_conf_error(e, name, value, false))?;
        }
        for (name, value) in &self.port {
            super::port::test_conf_var(self, name, value)
                .map_err(|e| wrap_conf_error(e, name, value, true))?;
        }
        Ok(())
    }
}

fn wrap_conf_error(mut e: NetError, name: &str, value: &str, port: bool) -> NetError {
    let kind = if port { "port" } else { "address" };
    let suricata = format!(
        "Suricata then logs \"failed to parse {kind} var \\\"{name}\\\" with value \
         \\\"{value}\\\". Please check its syntax\" and \"basic {kind} vars test failed\", and \
         refuses to start"
    );
    e.hint = Some(match e.hint.take() {
        Some(h) => format!("{h}; {suricata}"),
        None => suricata,
    });
    e.expansion.insert(0, format!("${name}"));
    e
}

/// Strips YAML tags (`!foo bar` → `bar`).
fn untag(v: &Value) -> &Value {
    match v {
        Value::Tagged(t) => untag(&t.value),
        other => other,
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some(String::new()),
        Value::Sequence(_) | Value::Mapping(_) => None,
        Value::Tagged(t) => scalar_text(&t.value),
    }
}
