//! SARIF 2.1.0 output (SPEC §7, "SARIF for CI"): one run, `tool.driver.rules`
//! for every code used, one result per diagnostic with its code as `ruleId`,
//! its level, its message (the hint appended as `help: ...`), the primary span
//! as `locations` and the labels as `relatedLocations`.
//!
//! Columns count Unicode code points (`columnKind: unicodeCodePoints`), 1-based;
//! `endColumn` is exclusive, as SARIF defines it. Source names become relative
//! URI references (percent-encoded); generated sources such as
//! `list.txt (generated rules)` keep their pseudo-name.

use crate::diag::{Code, Diagnostic, Severity};
use crate::span::{SourceMap, Span};
use serde_json::{json, Value};

/// Where the schema lives (the `$schema` of the log).
pub const SARIF_SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn uri(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// 1-based line and code-point column of a byte offset.
fn line_col(sources: &SourceMap, span: Span, offset: u32) -> (usize, usize) {
    let f = sources.get(span.file);
    let offset = (offset as usize).min(f.text.len());
    let (line, _) = f.line_col(offset);
    let start = f.line_starts().get(line - 1).copied().unwrap_or(0);
    let col = f
        .text
        .get(start..offset)
        .map_or(offset - start, |s| s.chars().count());
    (line, col + 1)
}

fn location(sources: &SourceMap, span: Span) -> Value {
    let f = sources.get(span.file);
    let (sl, sc) = line_col(sources, span, span.start);
    let (el, ec) = line_col(sources, span, span.end.max(span.start));
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(&f.name)},
            "region": {
                "startLine": sl,
                "startColumn": sc,
                "endLine": el,
                "endColumn": ec,
            }
        }
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// `AllowListMixedActionOrder` as words: `allow list mixed action order`.
fn words(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push(' ');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The whole SARIF log for `diags`.
pub fn to_sarif(sources: &SourceMap, diags: &[Diagnostic]) -> Value {
    let mut codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
    codes.sort();
    codes.dedup();
    let rules: Vec<Value> = codes
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "name": c.name(),
                "shortDescription": {"text": words(c.name())},
                "helpUri": format!("https://example.invalid/ferrule/docs/diagnostics.md#{}", c.as_str().to_ascii_lowercase()),
            })
        })
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(h) = &d.hint {
                text.push_str("\nhelp: ");
                text.push_str(h);
            }
            let related: Vec<Value> = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut v = location(sources, l.span);
                    v["id"] = json!(i);
                    v["message"] = json!({"text": l.message});
                    v
                })
                .collect();
            let index = codes.binary_search(&d.code).unwrap_or(0);
            let mut r = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": index,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [location(sources, d.span)],
            });
            if !related.is_empty() {
                r["relatedLocations"] = Value::Array(related);
            }
            r
        })
        .collect();
    json!({
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ferrule",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/ferrule",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}
