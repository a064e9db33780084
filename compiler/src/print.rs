//! The IR printed back as canonical Suricata text.
//!
//! Canonical means: one spelling per meaning (resolved address and port sets,
//! options in a fixed order, contents re-encoded). Parsing the printed text
//! gives back the same IR (a property test checks it), so `ferrule convert` and
//! diagnostics can show exactly what Ferrule understood.

use crate::ir::*;
use crate::syntax::content::encode;

fn esc_msg(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | ';' | '"') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn content_opts(out: &mut String, c: &Content) {
    out.push_str(&format!(
        "content:{}\"{}\"; ",
        if c.negated { "!" } else { "" },
        encode(&c.pattern)
    ));
    if c.startswith {
        out.push_str("startswith; ");
    }
    if c.nocase {
        out.push_str("nocase; ");
    }
    if let Some(o) = c.offset {
        out.push_str(&format!("offset:{o}; "));
    }
    if let Some(d) = c.depth {
        out.push_str(&format!("depth:{d}; "));
    }
    if let Some(d) = c.distance {
        out.push_str(&format!("distance:{d}; "));
    }
    if let Some(w) = c.within {
        out.push_str(&format!("within:{w}; "));
    }
    if c.endswith {
        out.push_str("endswith; ");
    }
    if c.fast_pattern {
        out.push_str("fast_pattern; ");
    }
}

/// Prints one match.
fn match_opts(out: &mut String, m: &Match) {
    match m {
        Match::Content(c) => content_opts(out, c),
        Match::Pcre {
            pattern,
            flags,
            negated,
            ..
        } => out.push_str(&format!(
            "pcre:{}\"/{}/{}\"; ",
            if *negated { "!" } else { "" },
            pattern,
            flags
        )),
        Match::Bsize(cmp, _) => out.push_str(&format!("bsize:{}; ", cmp.to_suricata())),
        Match::IsDataAt {
            negated,
            offset,
            relative,
            ..
        } => out.push_str(&format!(
            "isdataat:{}{}{}; ",
            if *negated { "!" } else { "" },
            offset,
            if *relative { ",relative" } else { "" }
        )),
        Match::Other { name, value, .. } => match value {
            Some(v) => out.push_str(&format!("{name}:{v}; ")),
            None => out.push_str(&format!("{name}; ")),
        },
    }
}

impl Rule {
    /// Canonical Suricata text of this rule.
    ///
    /// ```
    /// # use ferrule_compiler::load::Loader;
    /// # use ferrule_compiler::net::Vars;
    /// # use ferrule_compiler::Dialect;
    /// let mut l = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    /// l.add_rules("x", "pass tls $HOME_NET any -> any 443 (tls.sni; content:\"Example.com\"; nocase; endswith; sid:7;)\n");
    /// let load = l.finish();
    /// assert_eq!(load.rules[0].to_suricata(),
    ///   "pass tls [10.0.0.0/8,172.16.0.0/12,192.168.0.0/16] any -> any 443 (tls.sni; content:\"example.com\"; nocase; endswith; sid:7;)");
    /// ```
    pub fn to_suricata(&self) -> String {
        let mut out = String::new();
        out.push_str(self.action.as_str());
        if let Some(s) = self.scope {
            out.push_str(match s {
                ActionScope::Packet => ":packet",
                ActionScope::Flow => ":flow",
            });
        }
        out.push(' ');
        out.push_str(self.protocol.as_str());
        if let Some(h) = &self.hook {
            out.push(':');
            out.push_str(h);
        }
        out.push_str(&format!(
            " {} {} {} {} {} (",
            self.src.to_suricata(),
            self.src_ports.to_suricata(),
            self.direction.as_str(),
            self.dst.to_suricata(),
            self.dst_ports.to_suricata()
        ));
        let m = &self.meta;
        if let Some(msg) = &m.msg {
            out.push_str(&format!("msg:\"{}\"; ", esc_msg(msg)));
        }
        if self.flow.is_set() {
            let mut parts = Vec::new();
            match self.flow.established {
                Some(true) => parts.push("established"),
                Some(false) => parts.push("not_established"),
                None => {}
            }
            if self.flow.stateless {
                parts.push("stateless");
            }
            match self.flow.direction {
                Some(FlowDirection::ToServer) => parts.push("to_server"),
                Some(FlowDirection::ToClient) => parts.push("to_client"),
                None => {}
            }
            match self.flow.stream {
                Some(true) => parts.push("only_stream"),
                Some(false) => parts.push("no_stream"),
                None => {}
            }
            match self.flow.frag {
                Some(true) => parts.push("only_frag"),
                Some(false) => parts.push("no_frag"),
                None => {}
            }
            out.push_str(&format!("flow:{}; ", parts.join(",")));
        }
        for s in &self.ssl_state {
            out.push_str(&format!("ssl_state:{s}; "));
        }
        if let Some(a) = &self.app_layer_protocol {
            out.push_str(&format!("app-layer-protocol:{a}; "));
        }
        if let Some(p) = &self.ip_proto {
            out.push_str(&format!("ip_proto:{p}; "));
        }
        // Conditions in their original order. A buffer created by a legacy
        // modifier keeps that form (`content:..; http_uri;`), after a `pkt_data;`
        // reset when a sticky buffer is active.
        let mut sticky = false;
        for c in &self.conditions {
            if let Some(legacy) = c.legacy.as_deref() {
                // A buffer first selected by a pcre flag (`/U`) prints its contents
                // with the buffer's legacy modifier.
                let modifier = match legacy {
                    "pcre" => crate::keywords::all()
                        .iter()
                        .find(|k| {
                            k.kind == crate::keywords::KeywordKind::ContentModifier
                                && k.buffer == Some(c.buffer.name())
                        })
                        .map_or("", |k| k.name),
                    m => m,
                };
                if sticky {
                    out.push_str("pkt_data; ");
                    sticky = false;
                }
                for mt in &c.matches {
                    match_opts(&mut out, mt);
                    if matches!(mt, Match::Content(_)) {
                        out.push_str(modifier);
                        out.push_str("; ");
                    }
                }
                continue;
            }
            if c.buffer != Buffer::Payload {
                out.push_str(c.buffer.name());
                out.push_str("; ");
                sticky = true;
            } else {
                out.push_str("pkt_data; ");
                sticky = false;
            }
            for t in &c.transforms {
                match t {
                    Transform::Other(n, Some(v)) => out.push_str(&format!("{n}:{v}; ")),
                    t => out.push_str(&format!("{}; ", t.name())),
                }
            }
            for mt in &c.matches {
                match_opts(&mut out, mt);
            }
        }
        // Entries derived from other parts of the rule (the header) or from
        // `app-layer-protocol` (an app-layer protocol Ferrule does not
        // model) are printed there.
        let own = |u: &&crate::ir::Unevaluated| u.name != "app-layer-protocol" && !u.derived;
        if !self.conditions.is_empty() && self.unevaluated.iter().any(|u| own(&u)) {
            out.push_str("pkt_data; ");
        }
        for u in self.unevaluated.iter().filter(own) {
            match &u.value {
                Some(v) => out.push_str(&format!("{}:{}; ", u.name, v)),
                None => out.push_str(&format!("{}; ", u.name)),
            }
        }
        if let Some(p) = m.priority {
            out.push_str(&format!("priority:{p}; "));
        }
        if let Some(c) = &m.classtype {
            out.push_str(&format!("classtype:{c}; "));
        }
        for r in &m.references {
            out.push_str(&format!("reference:{r}; "));
        }
        for md in &m.metadata {
            out.push_str(&format!("metadata:{md}; "));
        }
        if let Some(t) = m.target {
            out.push_str(match t {
                Target::SrcIp => "target:src_ip; ",
                Target::DestIp => "target:dest_ip; ",
            });
        }
        if m.noalert {
            out.push_str("noalert; ");
        }
        if m.alert {
            out.push_str("alert; ");
        }
        if let Some(r) = &m.requires {
            out.push_str(&format!("requires:{r}; "));
        }
        if m.gid != 1 {
            out.push_str(&format!("gid:{}; ", m.gid));
        }
        out.push_str(&format!("sid:{};", m.sid));
        if m.rev != 0 {
            out.push_str(&format!(" rev:{};", m.rev));
        }
        out.push(')');
        out
    }
}
