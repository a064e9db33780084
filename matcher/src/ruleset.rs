//! The compiled, immutable [`Ruleset`] and its decision procedure (SPEC §6,
//! action order or any other order the compiler chose).
//!
//! Layout:
//! - `rules`: the decision table, one [`RuleSpec`] per rule that can match, in
//!   decision order (index = rank);
//! - `flow_start`: indices of the rules inspected at `FlowStart` (IP-only and
//!   packet rules), ascending;
//! - `app_always`: indices of the rules inspected at `AppRequest` that have no
//!   literal to prefilter on (header-only, `pcre`/`bsize`-only, negated
//!   contents only), ascending;
//! - `indexes`: per buffer, a whole-name hash index (`HashIndex`) of the
//!   domain-style rules — exact (`startswith; endswith`, no transforms) and
//!   dot-suffix (`dotprefix; content:".x"; endswith`) — probed with the buffer
//!   and its dot-suffixes; these rules are not in the automata;
//! - `prefilters`: per (buffer, transform chain), an Aho-Corasick automaton
//!   (ASCII case-insensitive, overlapping) over one required literal of each
//!   rule — the longest non-negated content of any of its conditions. A rule
//!   can only match when its literal occurs in the transformed buffer, so the
//!   automaton's hits are a superset of the matching prefiltered rules; each
//!   candidate then runs its full checks (header predicates, then the
//!   residual-check engine of [`crate::inspect`]).
//!
//! Deciding a query walks `flow_start`, or the merge of `app_always` with the
//! sorted, deduplicated candidates, in ascending index (= decision) order, and
//! stops as soon as a pass ends processing.
//!
//! **Strict order** ([`Ruleset::new_strict`], AWS `STRICT_ORDER`): the table is
//! the rules as given (groups by priority, rules as written); the first
//! matching pass, drop or reject ends processing of the packet (alerts before
//! it are kept). When no rule ended processing of a packet and the flow has no
//! verdict, the stateful default actions that name the packet
//! ([`DefaultAction::applies`]) act: the `aws:alert_*` ones log (through
//! [`AlertSink::default_alert`]), then the first `aws:drop_*` one in the given
//! order drops the flow (`Decision::default_action`, no rule).
//!
//! **Allocation.** Transform outputs and the candidate list live in a
//! per-thread scratch that is reused: once it has grown to the largest buffer
//! and candidate count seen, deciding allocates nothing (measured by the
//! counting-allocator test `tests/no_alloc.rs`). Regex searches use
//! regex-automata's per-regex cache pool, which likewise allocates only on a
//! thread's first use.

use crate::inspect::{inspect, TransformOp, TransformScratch};
use crate::table::{BufferId, RuleSpec, StageKind};
use crate::{AlertSink, Decision, DefaultAction, Query, RuleAction, RuleRef, Stage, Verdict};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

/// One literal prefilter: a buffer, its transforms, and an automaton whose
/// pattern `p` proposes the rules `rules[starts[p]..starts[p + 1]]`.
#[derive(Debug, Clone)]
struct Prefilter {
    buffer: BufferId,
    transforms: Box<[TransformOp]>,
    ac: AhoCorasick,
    starts: Box<[u32]>,
    rules: Box<[u32]>,
}

/// Whole-name hash index of one buffer, in front of the Aho-Corasick
/// prefilters, for the domain-style rules:
/// - *exact*: no transforms, a non-negated `content; startswith; endswith`
///   (no offset/depth/distance/within): the buffer must equal the pattern;
/// - *dot-suffix*: transforms exactly `[dotprefix]`, a non-negated content
///   starting with `.`, `endswith`, no startswith/offset/depth/distance/within:
///   `.` + buffer must end with the pattern, so the pattern is one of the
///   dot-suffixes of `.` + buffer (`.a.b.c`, `.b.c`, `.c`).
///
/// Keys of `nocase` contents are lowercase (probed with the ASCII-lowercased
/// buffer), the others are probed with the raw bytes. A map value is a range of
/// `rules`. Hits are a superset of the indexed rules that can match; every
/// candidate still runs all its checks.
///
/// Why a hash map and not the automaton: on AWS allow lists (10k-140k
/// domains) the overlapping AC search over one huge automaton cost
/// 2.5-3.8 us/decision (a cache/TLB miss per input byte); a few FxHash probes
/// per name are ~100 ns (BENCHMARKS.md, decide). FxHash rather than SipHash:
/// the keys are short host names from a trusted rule set, and Fx hashes them in
/// a handful of cycles.
#[derive(Debug, Clone)]
struct HashIndex {
    buffer: BufferId,
    exact_cs: FxHashMap<Box<[u8]>, (u32, u32)>,
    exact_nc: FxHashMap<Box<[u8]>, (u32, u32)>,
    suffix_cs: FxHashMap<Box<[u8]>, (u32, u32)>,
    suffix_nc: FxHashMap<Box<[u8]>, (u32, u32)>,
    rules: Box<[u32]>,
}

/// Which map of a [`HashIndex`] a rule goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum IndexKind {
    Exact,
    Suffix,
}

/// A compiled, immutable rule set: `Send + Sync`, shared freely between threads.
#[derive(Debug, Clone, Default)]
pub struct Ruleset {
    rules: Box<[RuleSpec]>,
    flow_start: Box<[u32]>,
    app_always: Box<[u32]>,
    prefilters: Box<[Prefilter]>,
    /// Exact / dot-suffix hash indexes, one per buffer (see [`HashIndex`]).
    indexes: Box<[HashIndex]>,
    /// AWS strict order: the first pass/drop/reject ends processing.
    strict: bool,
    /// Strict order's stateful default actions: the alert ones first, then
    /// the drop ones, each family in the order given.
    defaults: Box<[DefaultAction]>,
}

/// Why a rule table could not be compiled.
#[derive(Debug, Clone)]
pub struct RulesetError(String);

impl fmt::Display for RulesetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RulesetError {}

#[derive(Debug, Default)]
struct Scratch {
    t: TransformScratch,
    cands: Vec<u32>,
    /// Hash-index probe keys: the buffer (or `.` + buffer), raw and lowercased.
    raw: Vec<u8>,
    low: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Per-query processing state (SPEC §6).
#[derive(Default)]
struct PacketState {
    dropped: bool,
    ended: bool,
}

impl Ruleset {
    /// An empty ruleset (decides nothing).
    pub fn empty() -> Self {
        Self::default()
    }

    /// Compile a decision table. `rules` must already be in decision order
    /// (first examined first); this builds the stage lists and prefilters.
    pub fn new(rules: Vec<RuleSpec>) -> Result<Self, RulesetError> {
        let mut flow_start = Vec::new();
        let mut app_always = Vec::new();
        // (buffer, transforms) -> (lowercased pattern -> rules)
        type Group = (Vec<Vec<u8>>, HashMap<Vec<u8>, usize>, Vec<Vec<u32>>);
        type Key = (BufferId, Box<[TransformOp]>);
        let mut groups: Vec<(Key, Group)> = Vec::new();
        // (buffer, kind, nocase, key) -> rules, for the hash indexes.
        type IndexMap = HashMap<(BufferId, IndexKind, bool, Box<[u8]>), Vec<u32>>;
        let mut indexed: IndexMap = HashMap::new();
        let mut index_keys: Vec<(BufferId, IndexKind, bool, Box<[u8]>)> = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            let i = u32::try_from(i).map_err(|_| RulesetError("too many rules".into()))?;
            if r.stage.at(Stage::FlowStart) {
                flow_start.push(i);
            }
            if !r.stage.at(Stage::AppRequest) {
                continue;
            }
            if r.stage == StageKind::AppRequestOnly {
                if let Some((buffer, kind, nocase, key)) = index_key(r) {
                    let k = (buffer, kind, nocase, Box::<[u8]>::from(key));
                    let list = indexed.entry(k.clone()).or_insert_with(|| {
                        index_keys.push(k);
                        Vec::new()
                    });
                    list.push(i);
                    continue;
                }
            }
            let lit = if r.stage == StageKind::AppRequestOnly {
                required_literal(r)
            } else {
                None
            };
            let Some((ci, pat)) = lit else {
                app_always.push(i);
                continue;
            };
            let c = &r.conditions[ci];
            let key = (c.buffer, c.transforms.clone());
            let g = match groups.iter().position(|(k, _)| *k == key) {
                Some(g) => g,
                None => {
                    groups.push((key, Default::default()));
                    groups.len() - 1
                }
            };
            let (pats, index, lists) = &mut groups[g].1;
            let folded = pat.to_ascii_lowercase();
            let p = *index.entry(folded.clone()).or_insert_with(|| {
                pats.push(folded);
                lists.push(Vec::new());
                pats.len() - 1
            });
            lists[p].push(i);
        }
        let mut prefilters = Vec::with_capacity(groups.len());
        for ((buffer, transforms), (pats, _, lists)) in groups {
            let ac = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(if pats.len() <= 10_000 {
                    AhoCorasickKind::DFA
                } else {
                    AhoCorasickKind::ContiguousNFA
                }))
                .build(&pats)
                .map_err(|e| RulesetError(format!("prefilter automaton: {e}")))?;
            let mut starts = Vec::with_capacity(lists.len() + 1);
            let mut flat = Vec::new();
            for l in &lists {
                starts.push(flat.len() as u32);
                flat.extend_from_slice(l);
            }
            starts.push(flat.len() as u32);
            prefilters.push(Prefilter {
                buffer,
                transforms,
                ac,
                starts: starts.into(),
                rules: flat.into(),
            });
        }
        let mut indexes: Vec<(HashIndex, Vec<u32>)> = Vec::new();
        for k in index_keys {
            let list = &indexed[&k];
            let (buffer, kind, nocase, key) = k;
            let x = match indexes.iter().position(|(x, _)| x.buffer == buffer) {
                Some(x) => x,
                None => {
                    indexes.push((
                        HashIndex {
                            buffer,
                            exact_cs: FxHashMap::default(),
                            exact_nc: FxHashMap::default(),
                            suffix_cs: FxHashMap::default(),
                            suffix_nc: FxHashMap::default(),
                            rules: Box::new([]),
                        },
                        Vec::new(),
                    ));
                    indexes.len() - 1
                }
            };
            let (ix, flat) = &mut indexes[x];
            let a = flat.len() as u32;
            flat.extend_from_slice(list);
            let range = (a, flat.len() as u32);
            let map = match (kind, nocase) {
                (IndexKind::Exact, false) => &mut ix.exact_cs,
                (IndexKind::Exact, true) => &mut ix.exact_nc,
                (IndexKind::Suffix, false) => &mut ix.suffix_cs,
                (IndexKind::Suffix, true) => &mut ix.suffix_nc,
            };
            map.insert(key, range);
        }
        let indexes: Vec<HashIndex> = indexes
            .into_iter()
            .map(|(mut ix, flat)| {
                ix.rules = flat.into();
                ix
            })
            .collect();
        Ok(Ruleset {
            rules: rules.into(),
            flow_start: flow_start.into(),
            app_always: app_always.into(),
            prefilters: prefilters.into(),
            indexes: indexes.into(),
            strict: false,
            defaults: Box::new([]),
        })
    }

    /// Compile a decision table for AWS strict order: `rules` in the order
    /// given (groups by priority, rules as written), the first matching pass,
    /// drop or reject ends processing of a packet; `defaults` are the
    /// stateful default actions applied to the packets no rule ended
    /// processing of (see the module docs).
    pub fn new_strict(
        rules: Vec<RuleSpec>,
        defaults: &[DefaultAction],
    ) -> Result<Self, RulesetError> {
        let mut rs = Self::new(rules)?;
        rs.strict = true;
        let alerts = defaults.iter().filter(|a| !a.is_drop());
        let drops = defaults.iter().filter(|a| a.is_drop());
        rs.defaults = alerts.chain(drops).copied().collect();
        Ok(rs)
    }

    /// True when compiled for AWS strict order.
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// The stateful default actions (strict order): alert ones, then drop ones.
    pub fn default_actions(&self) -> &[DefaultAction] {
        &self.defaults
    }

    /// Number of rules in the decision table (rules that can match).
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// True when no rule was compiled in.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The decision table, in decision order.
    pub fn rules(&self) -> &[RuleSpec] {
        &self.rules
    }

    /// Number of literal prefilters (one per buffer and transform chain).
    pub fn prefilter_count(&self) -> usize {
        self.prefilters.len()
    }

    /// Decide one query on a flow that has no verdict yet: matching rules are
    /// processed in decision order; a pass ends processing, drop/reject mark
    /// the packet and processing goes on; the first flow-scoped pass, drop or
    /// reject is the flow verdict. Alerts (SPEC §6) go to `alerts` in
    /// processing order. Allocates nothing once the thread's scratch is warm.
    ///
    /// In strict order the first pass/drop/reject ends processing and the
    /// stateful default actions apply after the rules (module docs);
    /// [`Ruleset::decide_detailed`] also names the default that decided.
    pub fn decide(&self, q: &Query, alerts: &mut impl AlertSink) -> Decision {
        self.decide_detailed(q, alerts).0
    }

    /// [`Ruleset::decide`], and the stateful default action that decided
    /// (strict order; then `Decision::default_action` is true).
    pub fn decide_detailed(
        &self,
        q: &Query,
        alerts: &mut impl AlertSink,
    ) -> (Decision, Option<DefaultAction>) {
        let mut d = Decision::NONE;
        let def = self.run(q, &mut d, alerts);
        (d, def)
    }

    /// Decide a whole flow from its queries in time order, as the reference
    /// interpreter's `decide_flow` does: once the flow has a verdict, later
    /// queries are not inspected; alerts are deduplicated by (gid, sid) and
    /// appended to `alerts` in the order first raised.
    /// Default-action alerts (strict order) are dropped; see
    /// [`Ruleset::decide_flow_detailed`].
    pub fn decide_flow(&self, queries: &[Query], alerts: &mut Vec<RuleRef>) -> Decision {
        self.decide_flow_detailed(queries, alerts, &mut Vec::new())
            .0
    }

    /// [`Ruleset::decide_flow`], also collecting the `aws:alert_*` default
    /// alerts (one per packet, not deduplicated) into `default_alerts` and
    /// returning the stateful default action that decided, if one did.
    pub fn decide_flow_detailed(
        &self,
        queries: &[Query],
        alerts: &mut Vec<RuleRef>,
        default_alerts: &mut Vec<(DefaultAction, Stage)>,
    ) -> (Decision, Option<DefaultAction>) {
        struct Dedup<'a> {
            rules: &'a mut Vec<RuleRef>,
            defaults: &'a mut Vec<(DefaultAction, Stage)>,
        }
        impl AlertSink for Dedup<'_> {
            fn alert(&mut self, r: RuleRef) {
                if !self.rules.iter().any(|a| a.gid == r.gid && a.sid == r.sid) {
                    self.rules.push(r);
                }
            }
            fn default_alert(&mut self, action: DefaultAction, stage: Stage) {
                self.defaults.push((action, stage));
            }
        }
        let mut sink = Dedup {
            rules: alerts,
            defaults: default_alerts,
        };
        let mut d = Decision::NONE;
        let mut def = None;
        for q in queries {
            if d.verdict != Verdict::None {
                break;
            }
            if let Some(a) = self.run(q, &mut d, &mut sink) {
                def = Some(a);
            }
        }
        (d, def)
    }

    fn run(&self, q: &Query, d: &mut Decision, emit: &mut dyn AlertSink) -> Option<DefaultAction> {
        let ended = SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.run_with(q, d, emit, &mut s),
            // Re-entered from an alert sink: use a private scratch.
            Err(_) => self.run_with(q, d, emit, &mut Scratch::default()),
        });
        if !self.strict || ended || d.verdict != Verdict::None {
            return None;
        }
        // Strict order, no rule ended processing: the default actions.
        let mut decided = None;
        for &a in self.defaults.iter() {
            if !a.applies(q) {
                continue;
            }
            if !a.is_drop() {
                emit.default_alert(a, q.stage);
            } else if decided.is_none() {
                *d = Decision {
                    verdict: Verdict::Drop,
                    rule: None,
                    stage: Some(q.stage),
                    default_action: true,
                };
                decided = Some(a);
            }
        }
        decided
    }

    /// The rules on one query; true when a rule ended processing.
    fn run_with(
        &self,
        q: &Query,
        d: &mut Decision,
        emit: &mut dyn AlertSink,
        s: &mut Scratch,
    ) -> bool {
        let mut st = PacketState::default();
        let Scratch { t, cands, raw, low } = s;
        match q.stage {
            Stage::FlowStart => {
                for &i in self.flow_start.iter() {
                    if self.consider(i, q, d, emit, t, &mut st) {
                        return true;
                    }
                }
            }
            Stage::AppRequest => {
                cands.clear();
                for ix in self.indexes.iter() {
                    let Some(buf) = ix.buffer.of(q) else { continue };
                    ix.probe(buf, raw, low, cands);
                }
                for pf in self.prefilters.iter() {
                    let Some(raw) = pf.buffer.of(q) else { continue };
                    let buf = t.apply(raw, &pf.transforms);
                    for m in pf.ac.find_overlapping_iter(buf) {
                        let p = m.pattern().as_usize();
                        let (a, b) = (pf.starts[p] as usize, pf.starts[p + 1] as usize);
                        cands.extend_from_slice(&pf.rules[a..b]);
                    }
                }
                cands.sort_unstable();
                cands.dedup();
                // Merge the two ascending lists.
                let (mut a, mut b) = (0usize, 0usize);
                let always = &self.app_always;
                loop {
                    let next = match (always.get(a), cands.get(b)) {
                        (Some(&x), Some(&y)) if x <= y => {
                            a += 1;
                            x
                        }
                        (_, Some(&y)) => {
                            b += 1;
                            y
                        }
                        (Some(&x), None) => {
                            a += 1;
                            x
                        }
                        (None, None) => break,
                    };
                    if self.consider(next, q, d, emit, t, &mut st) {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// Inspect rule `i`; apply its action if it matches. True when processing
    /// of this packet has ended (a pass; in strict order also a drop/reject).
    #[inline]
    fn consider(
        &self,
        i: u32,
        q: &Query,
        d: &mut Decision,
        emit: &mut dyn AlertSink,
        t: &mut TransformScratch,
        st: &mut PacketState,
    ) -> bool {
        let r = &self.rules[i as usize];
        if !r.stage.at(q.stage) || !r.header_holds(q) {
            return false;
        }
        for c in r.conditions.iter() {
            let Some(raw) = c.buffer.of(q) else {
                return false;
            };
            let buf = t.apply(raw, &c.transforms);
            if !inspect(&c.tests, buf) {
                return false;
            }
        }
        match r.rule.action {
            RuleAction::Pass => {
                if !st.dropped {
                    if r.flow_scoped {
                        set_verdict(d, Verdict::Pass, r.rule, q.stage);
                    }
                    st.ended = true;
                }
            }
            RuleAction::Drop | RuleAction::Reject => {
                st.dropped = true;
                if r.flow_scoped {
                    let v = if r.rule.action == RuleAction::Drop {
                        Verdict::Drop
                    } else {
                        Verdict::Reject
                    };
                    set_verdict(d, v, r.rule, q.stage);
                }
                if self.strict {
                    st.ended = true;
                }
            }
            RuleAction::Alert => {}
        }
        if r.raises_alert {
            emit.alert(r.rule);
        }
        st.ended
    }
}

/// First flow verdict wins.
#[inline]
fn set_verdict(d: &mut Decision, v: Verdict, rule: RuleRef, stage: Stage) {
    if d.verdict == Verdict::None {
        *d = Decision {
            verdict: v,
            rule: Some(rule),
            stage: Some(stage),
            default_action: false,
        };
    }
}

impl HashIndex {
    /// Append the rules whose key the buffer hits (module docs of
    /// [`HashIndex`]); `raw` / `low` are reused scratch.
    #[inline]
    fn probe(&self, buf: &[u8], raw: &mut Vec<u8>, low: &mut Vec<u8>, cands: &mut Vec<u32>) {
        let mut hit = |r: Option<&(u32, u32)>| {
            if let Some(&(a, b)) = r {
                cands.extend_from_slice(&self.rules[a as usize..b as usize]);
            }
        };
        let want_low = !self.exact_nc.is_empty() || !self.suffix_nc.is_empty();
        if want_low {
            low.clear();
            low.push(b'.');
            low.extend(buf.iter().map(u8::to_ascii_lowercase));
        }
        if !self.exact_cs.is_empty() {
            hit(self.exact_cs.get(buf));
        }
        if !self.exact_nc.is_empty() {
            hit(self.exact_nc.get(&low[1..]));
        }
        // `dotprefix` leaves an empty buffer empty: no dot-suffix then.
        if buf.is_empty() {
            return;
        }
        if !self.suffix_cs.is_empty() {
            raw.clear();
            raw.push(b'.');
            raw.extend_from_slice(buf);
            for j in 0..raw.len() {
                if raw[j] == b'.' {
                    hit(self.suffix_cs.get(&raw[j..]));
                }
            }
        }
        if !self.suffix_nc.is_empty() {
            for j in 0..low.len() {
                if low[j] == b'.' {
                    hit(self.suffix_nc.get(&low[j..]));
                }
            }
        }
    }
}

/// The hash-index key of a rule, if it has one ([`HashIndex`]): (buffer,
/// kind, nocase, pattern). Exact keys are preferred to dot-suffix ones.
fn index_key(r: &RuleSpec) -> Option<(BufferId, IndexKind, bool, &[u8])> {
    use crate::inspect::Test;
    let mut best: Option<(BufferId, IndexKind, bool, &[u8])> = None;
    for c in r.conditions.iter() {
        let kind = match &*c.transforms {
            [] => IndexKind::Exact,
            [TransformOp::DotPrefix] => IndexKind::Suffix,
            _ => continue,
        };
        for t in c.tests.iter() {
            let Test::Content(ct) = t else { continue };
            if ct.negated
                || ct.pattern.is_empty()
                || !ct.endswith
                || ct.offset.is_some()
                || ct.depth.is_some()
                || ct.distance.is_some()
                || ct.within.is_some()
            {
                continue;
            }
            let ok = match kind {
                IndexKind::Exact => ct.startswith,
                IndexKind::Suffix => !ct.startswith && ct.pattern[0] == b'.',
            };
            if !ok {
                continue;
            }
            let better = match best {
                None => true,
                Some((_, k, _, _)) => k == IndexKind::Suffix && kind == IndexKind::Exact,
            };
            if better {
                best = Some((c.buffer, kind, ct.nocase, &ct.pattern));
            }
        }
    }
    best
}

/// The literal a rule cannot match without: the longest non-empty,
/// non-negated content of any condition (condition index, pattern).
fn required_literal(r: &RuleSpec) -> Option<(usize, &[u8])> {
    let mut best: Option<(usize, &[u8])> = None;
    for (ci, c) in r.conditions.iter().enumerate() {
        for t in c.tests.iter() {
            if let crate::inspect::Test::Content(ct) = t {
                let longer = match best {
                    Some((_, p)) => ct.pattern.len() > p.len(),
                    None => true,
                };
                if !ct.negated && !ct.pattern.is_empty() && longer {
                    best = Some((ci, &ct.pattern));
                }
            }
        }
    }
    best
}
