//! Ferrule front end: Suricata rules, AWS Network Firewall domain lists and rule
//! groups, parsed into a typed, validated IR with rustc-grade diagnostics.
//!
//! Three stages, each in its own module:
//! - [`syntax`]: nom grammar, text to a concrete syntax tree with spans;
//! - [`lower`]: syntax tree to the typed [`ir`], validated with Suricata's own
//!   error conditions;
//! - [`load`]: whole files, duplicates (gid, sid), outcomes per rule.

#![warn(missing_docs)]

pub mod aws;
pub mod build;
pub mod diag;
pub mod fuzzing;
pub mod interp;
pub mod ir;

pub mod keywords;
pub mod lint;
pub mod load;
pub mod lower;
pub mod net;
pub mod print;
pub mod render;
pub mod render_sarif;
pub mod span;
pub mod syntax;

/// Which engine's rule language a file is read as (SPEC §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Dialect {
    /// The Suricata 8.0 rule language (reference: Suricata 8.0.6).
    #[default]
    Suricata,
    /// AWS Network Firewall classic stateful rule groups (Suricata 7.0 based).
    Aws,
}

impl Dialect {
    /// Lowercase name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Dialect::Suricata => "suricata",
            Dialect::Aws => "aws",
        }
    }
}
