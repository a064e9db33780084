//! A small document tree for AWS JSON and YAML inputs.
//!
//! `serde_json::Value` (without the `preserve_order` feature) sorts object keys and
//! `serde_yaml::Value` is a different type; both lose information Ferrule wants to
//! keep. [`Node`] keeps object entries in file order and keeps YAML tags (the
//! CloudFormation short forms `!Ref`, `!Sub`, `!GetAtt`, ...) so that a value that is
//! not a literal can be reported precisely.
//!
//! Nodes carry no positions. [`Locator`] finds byte offsets afterwards, best effort,
//! by searching the source text for keys and string values from a cursor that only
//! moves forward.

use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess};

use crate::span::{FileId, Span};

/// One value of a JSON or YAML document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in file order.
    Map(Vec<(String, Node)>),
    /// A YAML tag (without the leading `!`) and the value it applies to.
    Tagged(String, Box<Node>),
}

impl Node {
    /// The value of `key` in a map (the first one if the key repeats).
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The entries of a map.
    pub(crate) fn entries(&self) -> Option<&[(String, Node)]> {
        match self {
            Node::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The string of a `Str` node.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// If this node is a CloudFormation intrinsic function (`{"Ref": ..}`,
    /// `{"Fn::Sub": ..}`, `!Sub ..`, ...), its name as written.
    pub(crate) fn intrinsic(&self) -> Option<String> {
        match self {
            Node::Tagged(tag, _) => Some(format!("!{tag}")),
            Node::Map(entries) if entries.len() == 1 => {
                let k = &entries[0].0;
                if k == "Ref" || k == "Condition" || k.starts_with("Fn::") {
                    Some(k.clone())
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// A short description of the kind of value, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Int(_) | Node::Float(_) => "a number",
            Node::Str(_) => "a string",
            Node::Seq(_) => "a list",
            Node::Map(_) => "an object",
            Node::Tagged(..) => "a tagged value",
        }
    }

    /// An unsigned integer, from a number or a string of digits.
    pub(crate) fn as_u64(&self) -> Option<u64> {
        match self {
            Node::Int(i) if *i >= 0 => Some(*i as u64),
            Node::Float(f) if *f >= 0.0 && f.fract() == 0.0 && *f <= u64::MAX as f64 => {
                Some(*f as u64)
            }
            Node::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

struct NodeVisitor;

impl<'de> de::Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON or YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(i64::try_from(v).map_or(Node::Float(v as f64), Node::Int))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element::<Node>()? {
            out.push(v);
        }
        Ok(Node::Seq(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut out = Vec::new();
        while let Some((k, v)) = map.next_entry::<Node, Node>()? {
            let key = match k {
                Node::Str(s) => s,
                Node::Int(i) => i.to_string(),
                Node::Float(f) => f.to_string(),
                Node::Bool(b) => b.to_string(),
                Node::Null => "null".to_owned(),
                other => format!("{other:?}"),
            };
            out.push((key, v));
        }
        Ok(Node::Map(out))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        // serde_yaml presents a tagged node (`!Ref Foo`) as an enum whose variant is the tag.
        let (tag, variant): (String, _) = data.variant()?;
        let value = variant.newtype_variant::<Node>()?;
        Ok(Node::Tagged(
            tag.trim_start_matches('!').to_owned(),
            Box::new(value),
        ))
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

/// The surface syntax a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    Json,
    Yaml,
}

/// A document that could not be parsed: the parser's message and, when known, the
/// byte offset of the problem.
#[derive(Debug, Clone)]
pub(crate) struct ParseError {
    pub(crate) syntax: Syntax,
    pub(crate) message: String,
    pub(crate) offset: Option<usize>,
}

/// Parses `text` as JSON when it starts with `{` or `[` (after whitespace), as YAML
/// otherwise.
pub(crate) fn parse(text: &str) -> Result<(Node, Syntax), ParseError> {
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        serde_json::from_str::<Node>(text)
            .map(|n| (n, Syntax::Json))
            .map_err(|e| ParseError {
                syntax: Syntax::Json,
                message: e.to_string(),
                offset: offset_of_line_col(text, e.line(), e.column()),
            })
    } else {
        serde_yaml::from_str::<Node>(text)
            .map(|n| (n, Syntax::Yaml))
            .map_err(|e| ParseError {
                syntax: Syntax::Yaml,
                message: e.to_string(),
                offset: e.location().map(|l| char_start(text, l.index())),
            })
    }
}

fn offset_of_line_col(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let start = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    Some(char_start(text, start + column.saturating_sub(1)))
}

/// `offset` clamped to `text` and moved back to the start of the character it
/// falls in: serde_json's column counts bytes and points at the last byte read,
/// which can be inside a multi-byte character (found by the `aws_json` fuzz target).
fn char_start(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// `offset` clamped to `text` and moved forward to the next character boundary.
fn char_end(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o += 1;
    }
    o
}

/// Finds byte offsets of keys and string values in the source text, best effort.
///
/// Offsets passed in (`from`, `at`, span ranges) may come from a fallback or a
/// cursor moved one byte past a key: every method snaps them to character
/// boundaries, so the spans it returns can always slice the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Locator<'a> {
    pub(crate) file: FileId,
    pub(crate) text: &'a str,
    pub(crate) syntax: Syntax,
}

impl<'a> Locator<'a> {
    /// The offset of the first occurrence of `key` used as an object key at or after
    /// `from` (the opening quote in JSON, the key itself in YAML).
    pub(crate) fn key(&self, from: usize, key: &str) -> Option<usize> {
        let text = self.text;
        let from = char_end(text, from);
        match self.syntax {
            Syntax::Json => {
                let pat = serde_json::to_string(key).ok()?;
                let mut at = from;
                while let Some(i) = text.get(at..)?.find(&pat) {
                    let start = at + i;
                    let after = &text[start + pat.len()..];
                    if after.trim_start().starts_with(':') {
                        return Some(start);
                    }
                    at = start + 1;
                }
                None
            }
            Syntax::Yaml => {
                let mut at = from;
                while let Some(i) = text.get(at..)?.find(key) {
                    let start = at + i;
                    let before = text[..start].chars().next_back();
                    let (kstart, rest) = match before {
                        Some(q @ ('"' | '\'')) => {
                            let rest = &text[start + key.len()..];
                            match rest.strip_prefix(q) {
                                Some(r) => (start - 1, r),
                                None => {
                                    at = start + 1;
                                    continue;
                                }
                            }
                        }
                        _ => (start, &text[start + key.len()..]),
                    };
                    let boundary = match text[..kstart].chars().next_back() {
                        None => true,
                        Some(c) => c.is_whitespace() || matches!(c, '{' | ',' | '-' | '?'),
                    };
                    if boundary && rest.trim_start_matches([' ', '\t']).starts_with(':') {
                        return Some(kstart);
                    }
                    at = start + text[start..].chars().next().map_or(1, char::len_utf8);
                }
                None
            }
        }
    }

    /// The byte range of the string value `s` at or after `from`: inside the quotes
    /// in JSON (escaped as serde_json writes it), the raw text in YAML.
    pub(crate) fn string(&self, from: usize, s: &str) -> Option<Range<usize>> {
        let from = char_end(self.text, from);
        match self.syntax {
            Syntax::Json => {
                let pat = serde_json::to_string(s).ok()?;
                let i = self.text.get(from..)?.find(&pat)? + from;
                Some(i + 1..i + pat.len() - 1)
            }
            Syntax::Yaml => {
                if s.is_empty() {
                    return None;
                }
                let i = self.text.get(from..)?.find(s)? + from;
                Some(i..i + s.len())
            }
        }
    }

    /// A span over `range`, clamped to the text, widened to whole characters (an
    /// empty range stays empty).
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        let start = char_start(self.text, range.start);
        let end = if range.end <= range.start {
            start
        } else {
            char_end(self.text, range.end)
        };
        Span::new(self.file, start..end)
    }

    /// A span over `key` written at `at` (with its quotes), or an empty span at
    /// `at` when `key` is not written there (callers pass a fallback offset as
    /// `at`, e.g. a bare `RulesSourceList` has no `RulesSourceList` key), or at
    /// `fallback` when `at` is `None`.
    pub(crate) fn key_span(&self, at: Option<usize>, key: &str, fallback: usize) -> Span {
        match at {
            Some(a) => match self.key_len_at(a, key) {
                Some(len) => self.span(a..a + len),
                None => self.span(a..a),
            },
            None => self.span(fallback..fallback),
        }
    }

    /// The length of `key` as written at `at` (quotes included), if it is there.
    fn key_len_at(&self, at: usize, key: &str) -> Option<usize> {
        let rest = self.text.get(at..)?;
        match self.syntax {
            Syntax::Json => {
                let pat = serde_json::to_string(key).ok()?;
                rest.starts_with(&pat).then_some(pat.len())
            }
            Syntax::Yaml => {
                if rest.starts_with(key) {
                    return Some(key.len());
                }
                let q = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
                let inner = rest[1..].strip_prefix(key)?;
                inner.starts_with(q).then_some(key.len() + 2)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_key_order() {
        let (n, s) = parse(r#"{"b": 1, "a": [true, null, "x"]}"#).unwrap();
        assert_eq!(s, Syntax::Json);
        let keys: Vec<_> = n
            .entries()
            .unwrap()
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(keys, ["b", "a"]);
    }

    #[test]
    fn yaml_tags_are_kept() {
        let (n, s) =
            parse("Name: !Sub \"x-${AWS::StackName}\"\nArn: !GetAtt [G, Arn]\nR: !Ref G\n")
                .unwrap();
        assert_eq!(s, Syntax::Yaml);
        assert_eq!(n.get("Name").unwrap().intrinsic().as_deref(), Some("!Sub"));
        assert_eq!(
            n.get("R").unwrap(),
            &Node::Tagged("Ref".into(), Box::new(Node::Str("G".into())))
        );
        assert!(matches!(n.get("Arn").unwrap(), Node::Tagged(t, _) if t == "GetAtt"));
    }

    #[test]
    fn locator_finds_keys_and_strings() {
        let text = r#"{"RuleGroupName": "x", "RuleGroup": {"Targets": ["a.com", "b.com"]}}"#;
        let loc = Locator {
            file: FileId(0),
            text,
            syntax: Syntax::Json,
        };
        let g = loc.key(0, "RuleGroup").unwrap();
        assert_eq!(&text[g..g + 11], "\"RuleGroup\"");
        let r = loc.string(g, "b.com").unwrap();
        assert_eq!(&text[r], "b.com");
        let yaml = "A:\n  Targets:\n    - a.com\n";
        let loc = Locator {
            file: FileId(0),
            text: yaml,
            syntax: Syntax::Yaml,
        };
        assert_eq!(loc.key(0, "Targets"), Some(5));
        assert_eq!(loc.string(0, "a.com"), Some(20..25));
    }

    #[test]
    fn parse_errors_have_offsets() {
        let e = parse("{\n  \"a\": }").unwrap_err();
        assert_eq!(e.syntax, Syntax::Json);
        assert!(e.offset.is_some());
        let e = parse("a: [1, 2\n").unwrap_err();
        assert_eq!(e.syntax, Syntax::Yaml);
        // An unterminated string ending in a multi-byte character: serde_json's
        // column points into the character; the offset is its first byte.
        for text in ["{\"RR\u{e9}", "{\"RR\u{fffd}", "[\"\u{1f600}"] {
            let e = parse(text).unwrap_err();
            let at = e.offset.unwrap();
            assert!(text.is_char_boundary(at), "{text:?}: {at}");
        }
        assert_eq!(parse("{\"RR\u{e9}").unwrap_err().offset, Some(4));
    }

    #[test]
    fn spans_stay_on_character_boundaries() {
        // A bare RulesSourceList: the reader asks for the `RulesSourceList` key at
        // the offset of `Targets`; the span is empty there, not 17 bytes of
        // whatever follows (found by the `aws_json` fuzz target).
        let text = "{\"Targets\": [\"\u{fffd}\u{fffd}e.cco\"]}";
        let loc = Locator {
            file: FileId(0),
            text,
            syntax: Syntax::Json,
        };
        assert_eq!(loc.key_span(Some(1), "RulesSourceList", 1).range(), 1..1);
        assert_eq!(loc.key_span(Some(1), "Targets", 1).range(), 1..10);
        // Offsets inside a character are widened to the whole character.
        assert_eq!(loc.span(15..16).range(), 14..17);
        assert_eq!(loc.span(16..16).range(), 14..14);
        assert_eq!(loc.string(16, "x"), None);
        // YAML: a key whose first character is multi-byte, after a longer key
        // starting with the same character.
        let yaml = "\u{e9}\u{e9}: 1\n\u{e9}: 2\n";
        let loc = Locator {
            file: FileId(0),
            text: yaml,
            syntax: Syntax::Yaml,
        };
        assert_eq!(loc.key(0, "\u{e9}"), Some(8));
        assert_eq!(loc.key(1, "\u{e9}"), Some(8));
        assert_eq!(loc.key_span(Some(8), "\u{e9}", 0).range(), 8..10);
    }
}
