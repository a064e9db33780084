//! Syntax layer: text to a concrete syntax tree that keeps every token's span.
//!
//! It knows grammar, not meaning. The grammar follows Suricata's own loader
//! (`DetectLoadSigFile`, `SigParseBasics`, `SigParseOptions`), including its
//! quirks, because accepting and rejecting exactly what Suricata does is the
//! point (SEMANTICS §1.1–1.8):
//! - [`file`](mod@file): lines, `\` continuation, comments and indented lines;
//! - [`header`]: `action proto src sp dir dst dp (options)`;
//! - [`options`]: the option splitter (`;` not preceded by `\`, no quote awareness)
//!   and the name/value split;
//! - [`content`]: content strings with escapes and `|hex|`.

pub mod content;
pub mod file;
pub mod header;
pub mod options;

pub use file::{split_rules, LineKind, RuleText};
pub use header::{parse_header, Header, HeaderError, Token};
pub use options::{split_options, RawOption, SplitError};
