//! Rules files at the lexical level (SEMANTICS §1.1).
//!
//! One rule per line; a line ending in `\` (trailing whitespace allowed) is
//! joined with the next, the backslash dropped. A line whose first byte is `#`,
//! space, tab, CR or LF is skipped: comments, blank lines, and — the trap —
//! rules indented by a single space.

use crate::span::{FileId, Span};

/// What a physical line (or a joined group of lines) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A rule to parse.
    Rule,
    /// Starts with `#`.
    Comment,
    /// Empty or only whitespace.
    Blank,
    /// Starts with a space or tab but has content: Suricata ignores it silently.
    Indented,
    /// A rule whose last line ends in `\` at end of file: Suricata waits for the
    /// next line, reaches the end and drops the rule silently.
    Dangling,
}

/// One logical line of a rules file.
#[derive(Debug, Clone)]
pub struct RuleText {
    /// What the line is.
    pub kind: LineKind,
    /// The logical text (continuations joined, line terminator removed).
    pub text: String,
    /// 1-based number of the first physical line.
    pub line: u32,
    /// The file.
    pub file: FileId,
    /// Maps offsets in `text` to offsets in the file: `(text_offset, file_offset)`
    /// at the start of each joined piece, ascending.
    pieces: Vec<(u32, u32)>,
}

impl RuleText {
    /// A rule text that is not from a file (tests, generated rules): offsets map 1:1
    /// from `base`.
    pub fn detached(file: FileId, base: u32, line: u32, text: impl Into<String>) -> Self {
        RuleText {
            kind: LineKind::Rule,
            text: text.into(),
            line,
            file,
            pieces: vec![(0, base)],
        }
    }

    /// File offset of a text offset.
    pub fn file_offset(&self, at: usize) -> u32 {
        let at = at as u32;
        let idx = match self.pieces.binary_search_by_key(&at, |p| p.0) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let (t, f) = self.pieces[idx];
        f + (at - t)
    }

    /// The span in the file of a byte range of `text`.
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        let start = self.file_offset(range.start);
        let end = if range.end > range.start {
            self.file_offset(range.end - 1) + 1
        } else {
            start
        };
        Span {
            file: self.file,
            start,
            end,
        }
    }

    /// The same line with leading blanks removed, as a rule (offsets still map to
    /// the file). AWS Network Firewall accepts rule strings whose lines are indented
    /// (Terraform heredocs), where a Suricata rules file would skip them.
    pub fn trimmed_start(&self) -> RuleText {
        let cut = self.text.len() - self.text.trim_start().len();
        let base = self.file_offset(cut);
        RuleText {
            kind: LineKind::Rule,
            text: self.text[cut..].to_string(),
            line: self.line,
            file: self.file,
            pieces: vec![(0, base)],
        }
    }

    /// Number of physical lines joined into this one.
    pub fn physical_lines(&self) -> u32 {
        self.pieces.len() as u32
    }

    /// Span of the whole logical line.
    pub fn whole(&self) -> Span {
        self.span(0..self.text.len())
    }
}

/// Splits a rules file into logical lines, exactly as Suricata's loader reads it.
///
/// Every non-empty physical line ends up in exactly one returned item, so a caller
/// can account for every line (loaded, rejected, ignored).
///
/// ```
/// use ferrule_compiler::syntax::{split_rules, LineKind};
/// use ferrule_compiler::span::FileId;
/// let lines = split_rules(FileId(0), "# c\nalert tcp any any -> any any \\\n (sid:1;)\n alert x\n");
/// let kinds: Vec<_> = lines.iter().map(|l| l.kind).collect();
/// assert_eq!(kinds, [LineKind::Comment, LineKind::Rule, LineKind::Indented]);
/// assert_eq!(lines[1].text, "alert tcp any any -> any any  (sid:1;)");
/// ```
pub fn split_rules(file: FileId, text: &str) -> Vec<RuleText> {
    let mut out = Vec::new();
    let mut offset = 0usize;
    let mut pending: Option<RuleText> = None;
    for (idx, raw) in text.split_inclusive('\n').enumerate() {
        let lineno = idx as u32 + 1;
        let start = offset;
        offset += raw.len();
        let body = raw.strip_suffix('\n').unwrap_or(raw);
        let body = body.strip_suffix('\r').unwrap_or(body);
        // Continuation: a trailing `\` (whitespace after it allowed).
        let trimmed = body.trim_end_matches([' ', '\t']);
        let (piece, continues) = match trimmed.strip_suffix('\\') {
            Some(p) => (p, true),
            None => (body, false),
        };
        match pending.as_mut() {
            Some(rule) => {
                rule.pieces.push((rule.text.len() as u32, start as u32));
                rule.text.push_str(piece);
            }
            None => {
                let kind = classify(body);
                let mut rule = RuleText {
                    kind,
                    text: piece.to_string(),
                    line: lineno,
                    file,
                    pieces: vec![(0, start as u32)],
                };
                if kind != LineKind::Rule {
                    // Suricata decides "skip" on the first byte of the first line,
                    // and a skipped line never continues.
                    rule.text = body.to_string();
                    out.push(rule);
                    continue;
                }
                pending = Some(rule);
            }
        }
        if !continues {
            out.extend(pending.take());
        }
    }
    // Still pending: the file ended inside a continuation.
    out.extend(pending.take().map(|mut r| {
        r.kind = LineKind::Dangling;
        r
    }));
    out
}

fn classify(body: &str) -> LineKind {
    match body.as_bytes().first() {
        None => LineKind::Blank,
        Some(b'#') => LineKind::Comment,
        Some(b' ') | Some(b'\t') | Some(b'\r') => {
            if body.trim().is_empty() {
                LineKind::Blank
            } else {
                LineKind::Indented
            }
        }
        _ => LineKind::Rule,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_maps_offsets_back_to_the_file() {
        let src = "alert tcp any any -> any any \\\n(sid:1;)\n";
        let lines = split_rules(FileId(0), src);
        assert_eq!(lines.len(), 1);
        let r = &lines[0];
        assert_eq!(r.text, "alert tcp any any -> any any (sid:1;)");
        let at = r.text.find("sid").unwrap();
        let span = r.span(at..at + 3);
        assert_eq!(&src[span.range()], "sid");
    }

    #[test]
    fn indented_comment_blank() {
        let lines = split_rules(FileId(0), "\n\t\n #x\n\talert\n#y\n");
        let kinds: Vec<_> = lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LineKind::Blank,
                LineKind::Blank,
                LineKind::Indented,
                LineKind::Indented,
                LineKind::Comment
            ]
        );
    }

    #[test]
    fn crlf_is_stripped() {
        let lines = split_rules(FileId(0), "alert a\r\n");
        assert_eq!(lines[0].text, "alert a");
    }
}
