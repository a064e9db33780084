//! Loading whole inputs: every line ends in exactly one state (SPEC §3), and
//! duplicate (gid, sid) pairs are resolved as Suricata does (SEMANTICS §1.10).

use crate::diag::{Code, Diagnostic, Severity};
use crate::ir::Rule;
use crate::lower::{lower_rule, LowerCtx, Lowered, NetCache};
use crate::net::Vars;
use crate::span::{FileId, SourceMap, Span};
use crate::syntax::{split_rules, LineKind, RuleText};
use crate::Dialect;
use std::collections::HashMap;

/// The state a rules-file line ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Loaded (index into [`Load::rules`], or `None` if later replaced by a higher rev).
    Loaded(Option<usize>),
    /// Rejected with an error diagnostic.
    Rejected,
    /// Skipped: `requires` not met.
    Skipped,
    /// A comment, blank or indented line (Suricata ignores it).
    Ignored,
}

/// What happened to one logical line.
#[derive(Debug, Clone)]
pub struct LineOutcome {
    /// File.
    pub file: FileId,
    /// 1-based first physical line.
    pub line: u32,
    /// Kind of line.
    pub kind: LineKind,
    /// Final state.
    pub state: State,
    /// Number of physical lines (more than 1 with `\` continuations).
    pub lines: u32,
    /// Where the logical line is (its text is in [`Load::sources`]).
    pub span: Span,
}

/// Counts for a summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Rules loaded (including inert ones).
    pub loaded: usize,
    /// Rules rejected.
    pub rejected: usize,
    /// Rules skipped by `requires`.
    pub skipped: usize,
    /// Loaded rules that are inert.
    pub inert: usize,
    /// Lines ignored (comments, blank, indented).
    pub ignored: usize,
    /// Error diagnostics.
    pub errors: usize,
    /// Warning diagnostics.
    pub warnings: usize,
}

/// The result of loading: sources, rules, per-line outcomes, diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Load {
    /// Every source read (files and generated texts).
    pub sources: SourceMap,
    /// Loaded rules in load order; replaced rules are removed from [`Load::active`].
    pub rules: Vec<Rule>,
    /// False for rules replaced by a higher revision.
    pub active: Vec<bool>,
    /// One outcome per logical line.
    pub outcomes: Vec<LineOutcome>,
    /// All diagnostics, in input order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Load {
    /// The rules in force (replaced revisions left out).
    pub fn active_rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules
            .iter()
            .zip(&self.active)
            .filter(|(_, a)| **a)
            .map(|(r, _)| r)
    }

    /// Counts.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for o in &self.outcomes {
            match o.state {
                State::Loaded(_) => s.loaded += 1,
                State::Rejected => s.rejected += 1,
                State::Skipped => s.skipped += 1,
                State::Ignored => s.ignored += 1,
            }
        }
        s.inert = self.active_rules().filter(|r| r.is_inert()).count();
        s.errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        s.warnings = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        s
    }

    /// True if any error was reported.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }
}

/// Builds a [`Load`] from rules texts, one input at a time.
///
/// ```
/// use ferrule_compiler::load::{Loader, State};
/// use ferrule_compiler::net::Vars;
/// use ferrule_compiler::Dialect;
/// let mut loader = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
/// loader.add_rules("a.rules", "alert tcp any any -> any any (sid:1;)\nalert tcp any any -> any any (sid:1;)\n");
/// let load = loader.finish();
/// assert!(matches!(load.outcomes[0].state, State::Loaded(_)));
/// assert_eq!(load.outcomes[1].state, State::Rejected);
/// ```
#[derive(Debug)]
pub struct Loader {
    vars: Vars,
    dialect: Dialect,
    strict_order: bool,
    lossy: bool,
    cache: NetCache,
    load: Load,
    group: u16,
    by_id: HashMap<(u16, u32, u32), usize>,
}

impl Loader {
    /// A loader with these variables and dialect.
    pub fn new(vars: Vars, dialect: Dialect) -> Self {
        Loader {
            vars,
            dialect,
            strict_order: false,
            lossy: false,
            cache: NetCache::default(),
            load: Load::default(),
            group: 0,
            by_id: HashMap::new(),
        }
    }

    /// The AWS rule group the following rules belong to (numbered from 1;
    /// 0, the default, for none). AWS scopes sids per rule group
    /// (`firewall-policy-v2-sid-uniqueness`: sids in one referenced rule
    /// group do not collide with those of another), so a duplicate `(gid,
    /// sid)` is one only within a group; rules outside any group share one
    /// sid space, as in one Suricata instance (SEMANTICS §1.10).
    pub fn set_group(&mut self, group: u16) {
        self.group = group;
    }

    /// The variables in use.
    pub fn vars(&self) -> &Vars {
        &self.vars
    }

    /// Sets the dialect for the following inputs.
    pub fn set_dialect(&mut self, dialect: Dialect) {
        self.cache.clear();
        self.dialect = dialect;
    }

    /// Marks the following inputs as an AWS strict-order rule group.
    pub fn set_strict_order(&mut self, strict: bool) {
        self.strict_order = strict;
    }

    /// Replaces the variables for the following inputs.
    pub fn set_vars(&mut self, vars: Vars) {
        self.cache.clear();
        self.vars = vars;
    }

    /// Adds a source without parsing it (e.g. an AWS JSON file, for spans).
    pub fn add_source(&mut self, name: &str, text: &str) -> FileId {
        self.load.sources.add(name, text)
    }

    /// Records a diagnostic not tied to a rule (I/O, AWS shape, ...).
    pub fn report(&mut self, d: Diagnostic) {
        self.load.diagnostics.push(d);
    }

    /// Reads a rules file from disk (bytes; invalid UTF-8 lines are rejected, not lost).
    pub fn add_rules_file(&mut self, path: &std::path::Path) -> Result<FileId, std::io::Error> {
        let bytes = std::fs::read(path)?;
        match String::from_utf8(bytes) {
            Ok(text) => Ok(self.add_rules(&path.display().to_string(), &text)),
            Err(e) => {
                // Invalid bytes become U+FFFD; lowering rejects those lines as
                // "rule is not valid UTF-8", as Suricata does.
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                self.lossy = true;
                let id = self.add_rules(&path.display().to_string(), &text);
                self.lossy = false;
                Ok(id)
            }
        }
    }

    /// Parses and lowers a rules text named `name`.
    pub fn add_rules(&mut self, name: &str, text: &str) -> FileId {
        let file = self.load.sources.add(name, text);
        let lines = split_rules(file, text);
        for rt in lines {
            self.add_line(rt);
        }
        file
    }

    fn add_line(&mut self, rt: RuleText) {
        let mut outcome = LineOutcome {
            file: rt.file,
            line: rt.line,
            kind: rt.kind,
            lines: rt.physical_lines(),
            state: State::Ignored,
            span: rt.whole(),
        };
        match rt.kind {
            LineKind::Rule => {}
            LineKind::Indented if self.dialect == Dialect::Aws => {
                self.load.diagnostics.push(
                    Diagnostic::note(
                        Code::IndentedRuleIgnored,
                        rt.whole(),
                        "indented rule: AWS Network Firewall loads it, a Suricata rules file would skip it",
                    )
                    .with_hint("remove the indentation to keep the rule portable (e.g. use <<-EOF or trimspace in Terraform)"),
                );
                return self.add_line(rt.trimmed_start());
            }
            LineKind::Dangling => {
                self.load.diagnostics.push(
                    Diagnostic::warning(
                        Code::DanglingContinuation,
                        rt.whole(),
                        "the file ends inside a `\\` continuation: Suricata drops this rule without a message",
                    )
                    .with_hint("remove the trailing backslash from the last line"),
                );
                self.load.outcomes.push(outcome);
                return;
            }
            LineKind::Indented => {
                self.load.diagnostics.push(
                    Diagnostic::warning(
                        Code::IndentedRuleIgnored,
                        rt.whole(),
                        "line starts with whitespace: Suricata ignores it without a message",
                    )
                    .with_hint("remove the leading whitespace if this is meant to be a rule, or start it with `#`"),
                );
                self.load.outcomes.push(outcome);
                return;
            }
            _ => {
                self.load.outcomes.push(outcome);
                return;
            }
        }
        let ctx = LowerCtx {
            vars: &self.vars,
            dialect: self.dialect,
            strict_order: self.strict_order,
            cache: Some(&self.cache),
            lossy_input: self.lossy,
        };
        match lower_rule(&rt, &ctx) {
            Lowered::Loaded(rule, warnings) => {
                self.load.diagnostics.extend(warnings);
                let mut rule = rule;
                rule.meta.group = self.group;
                let key = (self.group, rule.meta.gid, rule.meta.sid);
                if let Some(&prev) = self.by_id.get(&key) {
                    let old = &self.load.rules[prev];
                    if rule.meta.rev > old.meta.rev {
                        let old_span = old.span;
                        self.load.active[prev] = false;
                        for o in self.load.outcomes.iter_mut() {
                            if o.state == State::Loaded(Some(prev)) {
                                o.state = State::Loaded(None);
                            }
                        }
                        self.load.diagnostics.push(
                            Diagnostic::warning(
                                Code::RevisionReplaced,
                                rule.span,
                                format!(
                                    "Signature with newer revision, so the older sig replaced by this new signature \"{}\"",
                                    rule.text
                                ),
                            )
                            .with_label(old_span, format!("rev {} replaced", old.meta.rev)),
                        );
                    } else {
                        let msg = format!("Duplicate signature \"{}\"", rule.text);
                        let hint = format!(
                            "gid {} sid {} is already loaded with rev {}; give this rule a new sid or a higher rev",
                            key.0, key.1, old.meta.rev
                        );
                        self.load.diagnostics.push(
                            Diagnostic::error(Code::DuplicateSignature, rule.span, msg)
                                .with_label(old.span, "first loaded here")
                                .with_hint(hint),
                        );
                        outcome.state = State::Rejected;
                        self.load.outcomes.push(outcome);
                        return;
                    }
                }
                let idx = self.load.rules.len();
                self.by_id.insert(key, idx);
                self.load.rules.push(*rule);
                self.load.active.push(true);
                outcome.state = State::Loaded(Some(idx));
            }
            Lowered::Rejected(err, warnings) => {
                self.load.diagnostics.extend(warnings);
                self.load.diagnostics.push(err);
                outcome.state = State::Rejected;
            }
            Lowered::Skipped(note) => {
                self.load.diagnostics.push(note);
                outcome.state = State::Skipped;
            }
        }
        self.load.outcomes.push(outcome);
    }

    /// Finishes loading.
    pub fn finish(self) -> Load {
        self.load
    }
}

/// A diagnostic span pointing at the whole of a source.
pub fn whole_file(load: &Load, file: FileId) -> Span {
    let f = load.sources.get(file);
    Span::new(file, 0..f.text.len())
}
