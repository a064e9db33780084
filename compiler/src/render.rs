//! Rendering diagnostics: rustc-style text with carets (codespan-reporting, with
//! colour on a TTY) and a stable JSON form.

use crate::diag::{Diagnostic, Severity};
use crate::span::SourceMap;
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use serde_json::{json, Value};

fn files(sources: &SourceMap) -> SimpleFiles<&str, &str> {
    let mut files = SimpleFiles::new();
    for f in sources.files() {
        files.add(f.name.as_str(), f.text.as_str());
    }
    files
}

fn to_cs(d: &Diagnostic) -> cs::Diagnostic<usize> {
    let sev = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    let mut labels = vec![cs::Label::primary(d.span.file.0 as usize, d.span.range())];
    for l in &d.labels {
        labels.push(
            cs::Label::secondary(l.span.file.0 as usize, l.span.range())
                .with_message(l.message.clone()),
        );
    }
    let mut notes = Vec::new();
    if let Some(h) = &d.hint {
        notes.push(format!("help: {h}"));
    }
    cs::Diagnostic::new(sev)
        .with_code(d.code.as_str())
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// Renders diagnostics as rustc-style text (no colour).
pub fn to_text(sources: &SourceMap, diags: &[Diagnostic]) -> String {
    let files = files(sources);
    let config = term::Config::default();
    let mut out = String::new();
    for d in diags {
        let _ = term::emit_to_string(&mut out, &config, &files, &to_cs(d));
    }
    out
}

/// Writes diagnostics to a colour-capable writer (e.g. a termcolor `StandardStream`).
pub fn to_color<W: termcolor::WriteColor>(w: &mut W, sources: &SourceMap, diags: &[Diagnostic]) {
    let files = files(sources);
    let config = term::Config::default();
    for d in diags {
        let _ = term::emit_to_write_style(w, &config, &files, &to_cs(d));
    }
}

/// One diagnostic as JSON: code, name, severity, message, hint, file, line,
/// column, byte range, and secondary labels.
pub fn to_json(sources: &SourceMap, d: &Diagnostic) -> Value {
    let loc = |s: crate::span::Span| {
        let f = sources.get(s.file);
        let (line, col) = f.line_col(s.start as usize);
        json!({"file": f.name, "line": line, "column": col, "start": s.start, "end": s.end})
    };
    json!({
        "code": d.code.as_str(),
        "name": d.code.name(),
        "severity": d.severity.as_str(),
        "message": d.message,
        "hint": d.hint,
        "location": loc(d.span),
        "labels": d.labels.iter().map(|l| json!({"message": l.message, "location": loc(l.span)})).collect::<Vec<_>>(),
    })
}
