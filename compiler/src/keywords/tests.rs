use super::flags::*;
use super::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[test]
fn lookup_is_case_insensitive_on_names_and_aliases() {
    let k = lookup("TLS.SNI").expect("tls.sni");
    assert_eq!(k.name, "tls.sni");
    assert_eq!(lookup("Tls_Sni").map(|k| k.name), Some("tls.sni"));
    assert_eq!(lookup("DNS_QUERY").map(|k| k.name), Some("dns.query"));
    assert_eq!(lookup("file_data").map(|k| k.name), Some("file.data"));
    assert_eq!(lookup("ack").map(|k| k.name), Some("tcp.ack"));
    assert_eq!(lookup("flags").map(|k| k.name), Some("tcp.flags"));
    assert_eq!(lookup("ssh_proto").map(|k| k.name), Some("ssh.proto"));
    assert_eq!(lookup("tls.store").map(|k| k.name), Some("tls_store"));
    assert!(lookup("unknownkw").is_none());
    assert!(lookup("").is_none());
}

#[test]
fn has_keyword_exact_is_name_only_and_case_sensitive() {
    assert!(has_keyword_exact("tls.sni"));
    assert!(!has_keyword_exact("tls_sni"));
    assert!(!has_keyword_exact("TLS.SNI"));
}

#[test]
fn tls_sni_is_a_to_server_tls_sticky_buffer() {
    let k = lookup("tls_sni").unwrap();
    assert_eq!(k.kind, KeywordKind::StickyBuffer);
    assert_eq!(k.buffer, Some("tls.sni"));
    assert_eq!(k.list, Some("tls.sni"));
    assert_eq!(k.alproto, Some("tls"));
    assert_eq!(k.direction, KwDirection::ToServer);
    assert!(k.has(NOOPT | STICKY_BUFFER));
    assert!(k.in_suricata7);
}

#[test]
fn http_host_modifier_and_sticky_buffer() {
    let m = lookup("http_host").unwrap();
    assert_eq!(m.kind, KeywordKind::ContentModifier);
    assert_eq!(m.buffer, Some("http.host"));
    assert_eq!(m.list, Some("http_host"));
    assert_eq!(
        m.alproto,
        Some("http"),
        "legacy modifiers force ALPROTO_HTTP1"
    );
    assert!(m.has(NOOPT | CONTENT_MODIFIER));
    let s = lookup("http.host").unwrap();
    assert_eq!(s.kind, KeywordKind::StickyBuffer);
    assert_eq!(s.buffer, Some("http.host"));
    assert_eq!(s.alproto, Some("http_any"));
    assert_eq!(s.direction, KwDirection::ToServer);
}

#[test]
fn dns_query_comes_from_the_806_crate() {
    let k = lookup("dns.query").unwrap();
    assert_eq!(k.aliases, &["dns_query"]);
    assert_eq!(k.list, Some("dns_query"));
    assert_eq!(k.alproto, Some("dns"));
    assert_eq!(k.direction, KwDirection::ToServer);
    assert_eq!(k.provenance, Provenance::Rust806);
}

#[test]
fn value_syntax_flags() {
    assert!(lookup("content")
        .unwrap()
        .has(QUOTES_MANDATORY | HANDLE_NEGATION));
    assert!(lookup("msg").unwrap().has(QUOTES_MANDATORY));
    let pcre = lookup("pcre").unwrap();
    assert!(pcre.has(QUOTES_OPTIONAL | HANDLE_NEGATION));
    assert!(!pcre.has(QUOTES_MANDATORY));
    assert!(lookup("nocase").unwrap().has(NOOPT));
    assert!(lookup("fast_pattern").unwrap().has(OPTIONAL_OPT));
    assert!(lookup("ssh.protoversion").unwrap().has(DEPRECATED));
    assert!(lookup("dsize").unwrap().has(PACKET));
}

#[test]
fn transforms() {
    for t in [
        "dotprefix",
        "domain",
        "tld",
        "to_lowercase",
        "to_uppercase",
        "strip_whitespace",
        "compress_whitespace",
        "to_md5",
        "to_sha1",
        "to_sha256",
        "pcrexform",
        "url_decode",
        "xor",
        "header_lowercase",
        "strip_pseudo_headers",
        "from_base64",
        "gunzip",
        "zlib_deflate",
        "luaxform",
    ] {
        let k = lookup(t).unwrap_or_else(|| panic!("{t}"));
        assert_eq!(k.kind, KeywordKind::Transform, "{t}");
        assert!(k.has(TRANSFORM), "{t}");
    }
    assert!(lookup("dotprefix").unwrap().in_suricata7);
    assert!(!lookup("gunzip").unwrap().in_suricata7);
}

#[test]
fn no_name_or_alias_collides() {
    let mut seen = HashSet::new();
    for k in all() {
        for n in std::iter::once(&k.name).chain(k.aliases.iter()) {
            assert!(seen.insert(n.to_ascii_lowercase()), "duplicate {n}");
        }
    }
}

#[test]
fn table_is_consistent() {
    for k in all() {
        assert_eq!(
            k.has(CONTENT_MODIFIER),
            k.kind == KeywordKind::ContentModifier,
            "{}",
            k.name
        );
        if k.has(STICKY_BUFFER) {
            assert_eq!(k.kind, KeywordKind::StickyBuffer, "{}", k.name);
        }
        if k.kind == KeywordKind::ContentModifier {
            let b = lookup(k.buffer.unwrap()).unwrap();
            assert_eq!(b.kind, KeywordKind::StickyBuffer, "{}", k.name);
            assert_eq!(b.list, k.list, "{}", k.name);
        }
        if let Some(a) = k.alproto {
            assert!(
                app_protos().iter().any(|p| p.display == a),
                "{}: {a}",
                k.name
            );
        }
        assert!(!k.has(SUPPORT_DIR));
    }
    assert!(all().len() > 380);
}

#[test]
fn app_protos_are_case_sensitive() {
    assert!(app_proto("TLS").is_none());
    assert!(app_proto("Http").is_none());
    assert_eq!(app_proto("tls").map(|p| p.display), Some("tls"));
    assert_eq!(app_proto_display("http"), Some("http_any"));
    assert_eq!(app_proto_display("http1"), Some("http"));
    assert_eq!(app_proto("ikev2").map(|p| p.name), Some("ike"));
    for packet in [
        "tcp", "udp", "ip", "icmp", "tcp-pkt", "pkthdr", "failed", "unknown",
    ] {
        assert!(app_proto(packet).is_none(), "{packet}");
    }
    let dns = app_proto("dns").unwrap();
    assert!(dns.tcp && dns.udp && dns.enabled_by_default);
    for off in ["modbus", "dnp3", "enip", "pgsql"] {
        assert!(!app_proto(off).unwrap().enabled_by_default, "{off}");
    }
    let tls = app_proto("tls").unwrap();
    assert!(tls.hooks.contains(&"client_hello_done"));
    assert!(app_proto("http1")
        .unwrap()
        .hooks
        .contains(&"request_headers"));
}

#[test]
fn default_config() {
    assert_eq!(DEFAULT_ADDRESS_VARS[0].0, "HOME_NET");
    assert_eq!(DEFAULT_ADDRESS_VARS[1], ("EXTERNAL_NET", "!$HOME_NET"));
    assert!(DEFAULT_PORT_VARS.contains(&("HTTP_PORTS", "80")));
    assert_eq!(classtype_priority("trojan-activity"), Some(1));
    assert_eq!(classtype_priority("misc-activity"), Some(3));
    assert_eq!(classtype_priority("no-such-class"), None);
    assert!(reference_key_known("url"));
    assert!(reference_key_known("arachnids"));
    assert!(!reference_key_known("nope"));
    assert!(KNOWN_REQUIRES_FEATURES.contains(&"ja3"));
}

// ---- corpus cross-check -------------------------------------------------------------------

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")
}

fn rules_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            rules_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rules") {
            out.push(p);
        }
    }
}

/// Version tuple from a `requires: min-version` value (`8`, `7.0.3`, `"9"`, ...).
fn version(v: &serde_yaml::Value) -> Vec<u32> {
    let s = match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        _ => return vec![],
    };
    s.split('.').filter_map(|p| p.trim().parse().ok()).collect()
}

/// True when a suricata-verify test (directory of `rules`) applies to 8.0.6.
fn applies_to_806(rules: &Path) -> bool {
    let Some(dir) = rules.parent() else {
        return true;
    };
    let Ok(text) = std::fs::read_to_string(dir.join("test.yaml")) else {
        return true;
    };
    let Ok(y) = serde_yaml::from_str::<serde_yaml::Value>(&text) else {
        return true;
    };
    let Some(req) = y.get("requires") else {
        return true;
    };
    let mut ok = true;
    if let Some(min) = req.get("min-version") {
        ok &= version(min) <= vec![8, 0, 6];
    }
    if let Some(lt) = req.get("lt-version") {
        ok &= vec![8, 0, 6] < version(lt);
    }
    ok
}

fn option_keywords(line: &str) -> Vec<String> {
    let (Some(open), Some(close)) = (line.find('('), line.rfind(')')) else {
        return vec![];
    };
    if close <= open {
        return vec![];
    }
    let body = &line[open + 1..close];
    let mut out = vec![];
    let mut start = 0;
    let bytes = body.as_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b';' && (i == 0 || bytes[i - 1] != b'\\') {
            out.push(&body[start..i]);
            start = i + 1;
        }
    }
    out.into_iter()
        .map(|o| {
            o.split(':')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|k| !k.is_empty())
        .collect()
}

#[test]
fn every_corpus_keyword_is_known() {
    let root = corpus_dir();
    if !root.is_dir() {
        eprintln!("corpus not found at {}: skipped", root.display());
        return;
    }
    let mut files = vec![];
    for sub in [
        "et-open",
        "suricata-rules",
        "community-rules",
        "suricata-verify",
    ] {
        rules_files(&root.join(sub), &mut files);
    }
    assert!(!files.is_empty());
    let mut missing = std::collections::BTreeMap::<String, String>::new();
    let mut seen = 0usize;
    for f in files {
        if f.starts_with(root.join("suricata-verify")) && !applies_to_806(&f) {
            continue;
        }
        let text = std::fs::read(&f).unwrap();
        for line in String::from_utf8_lossy(&text).lines() {
            if line.is_empty() || line.starts_with(['#', ' ', '\t']) {
                continue;
            }
            for kw in option_keywords(line) {
                seen += 1;
                if lookup(&kw).is_none() {
                    missing.entry(kw).or_insert_with(|| f.display().to_string());
                }
            }
        }
    }
    assert!(seen > 100_000, "only {seen} options scanned");
    assert!(missing.is_empty(), "unknown keywords: {missing:?}");
}
