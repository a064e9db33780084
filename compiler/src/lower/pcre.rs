//! PCRE flags as regex-automata syntax, for every place that reads a
//! `pcre` pattern: validation (can Ferrule express it?), the compiled
//! `Ruleset` and the reference interpreter.

use regex_automata::meta::Regex;
use regex_automata::util::syntax;

/// `i` caseless, `s` dotall, `m` multiline, `x` extended, `G` ungreedy;
/// bytes, not UTF-8. (`A` is applied per search, `E` by
/// [`super::dollar`].)
pub fn syntax(flags: &str) -> syntax::Config {
    syntax::Config::new()
        .case_insensitive(flags.contains('i'))
        .dot_matches_new_line(flags.contains('s'))
        .multi_line(flags.contains('m'))
        .ignore_whitespace(flags.contains('x'))
        .swap_greed(flags.contains('G'))
        .utf8(false)
        .unicode(false)
}

/// The pattern compiled with [`syntax()`]; `None` when regex-automata cannot
/// express it.
pub fn compile(pattern: &str, flags: &str) -> Option<Regex> {
    Regex::builder().syntax(syntax(flags)).build(pattern).ok()
}
