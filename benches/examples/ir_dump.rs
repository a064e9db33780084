//! Prints the IR of each rule in a file and of its canonical reprint (debugging aid).
use ferrule_compiler::load::Loader;
use ferrule_compiler::net::Vars;
use ferrule_compiler::Dialect;

fn main() {
    let path = std::env::args().nth(1).expect("usage: ir_dump FILE");
    let mut l = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
    l.add_rules_file(std::path::Path::new(&path)).expect("read");
    let load = l.finish();
    for r in load.active_rules() {
        let printed = r.to_suricata();
        let mut l2 = Loader::new(Vars::suricata_defaults(), Dialect::Suricata);
        l2.add_rules("reprint", &printed);
        let again = l2.finish();
        println!(
            "{:#?}\n-----\n{:#?}",
            r.conditions,
            again.rules.first().map(|x| &x.conditions)
        );
        println!(
            "{:?}\n{:?}",
            r.unevaluated.iter().map(|u| &u.name).collect::<Vec<_>>(),
            again
                .rules
                .first()
                .map(|x| x.unevaluated.iter().map(|u| &u.name).collect::<Vec<_>>())
        );
    }
}
