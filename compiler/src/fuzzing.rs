//! Entry points shared by the fuzz targets (`fuzz/`) and the tests that replay
//! their corpora, so a crash found by the fuzzer stays a regression test.

use crate::load::{Loader, State};
use crate::net::Vars;
use crate::syntax::LineKind;
use crate::Dialect;

/// Loads `data` as a rules file in both dialects and checks the loader's
/// invariants: every rule line has an outcome, every rejected line has an error
/// diagnostic, and every loaded rule prints to text that loads again.
pub fn parse_rules(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for dialect in [Dialect::Suricata, Dialect::Aws] {
        let mut loader = Loader::new(Vars::suricata_defaults(), dialect);
        loader.add_rules("fuzz.rules", &text);
        let load = loader.finish();
        let rules = load
            .outcomes
            .iter()
            .filter(|o| o.kind == LineKind::Rule)
            .count();
        let decided = load
            .outcomes
            .iter()
            .filter(|o| !matches!(o.state, State::Ignored))
            .count();
        assert_eq!(rules, decided, "a rule line was lost");
        let rejected = load
            .outcomes
            .iter()
            .filter(|o| o.state == State::Rejected)
            .count();
        let errors = load.diagnostics.iter().filter(|d| d.is_error()).count();
        assert!(
            errors >= rejected,
            "a rejected rule has no error diagnostic"
        );
        for r in load.active_rules() {
            let printed = r.to_suricata();
            let mut again = Loader::new(Vars::suricata_defaults(), dialect);
            again.add_rules("reprint.rules", &printed);
            let l2 = again.finish();
            assert!(
                !l2.has_errors() || printed.len() >= 8000,
                "printed rule does not load: {printed}\nfrom: {}\n{:?}",
                r.text,
                l2.diagnostics
            );
        }
    }
}
