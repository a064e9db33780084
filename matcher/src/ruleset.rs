//! The compiled, immutable [`Ruleset`] and its decision procedure (SPEC §6,
//! action order or any other order the compiler chose).
//!
//! Layout (built by [`RulesetBuilder`](crate::RulesetBuilder)):
//! - `slots`: the decision table, one [`Slot`] per rule that can match, in
//!   decision order (index = rank): the rule's reference, its interned head
//!   (`heads`) and its residual buffer conditions (`conds`, none when its
//!   index key is its only test);
//! - `flow_start`: indices of the rules inspected at `FlowStart` (IP-only and
//!   packet rules), ascending;
//! - `plans`: per app protocol, the rules inspected after `FlowStart`
//!   (`AppRequest`, `AppResponse`) that have
//!   no literal to prefilter on (header-only, `pcre`/`bsize`-only, negated
//!   contents only), ascending, and the indexes and prefilters holding a rule
//!   of that protocol;
//! - `indexes`: per buffer, the whole-name hash index of the domain-style
//!   rules ([`crate::index`]), probed with the buffer and its dot-suffixes;
//! - `prefilters`: per (buffer, transform chain), an Aho-Corasick automaton
//!   over one required literal of each other rule ([`crate::prefilter`]).
//!   Every candidate runs its full checks (head predicates, then the
//!   residual-check engine of [`crate::inspect`]).
//!
//! Deciding a query walks `flow_start`, or the merge of the always-inspected
//! rules of its app protocol with the
//! sorted, deduplicated candidates, in ascending index (= decision) order, and
//! stops as soon as a pass ends processing.
//!
//! **Domain-list fast path.** When, for an app protocol, the candidates are
//! the rules of one index that all share one head and test nothing but
//! their key, and they all come before the one always-inspected rule, which
//! has no buffer test, or there is no such rule (the shape an AWS domain list
//! compiles to: the generated pass rules, then the catch-all drop; and a
//! block list of names such as ThreatFox's), the plan carries a
//! [`FastPlan`]: the hits' head is checked once and the catch-all, if any,
//! follows, without the generic merge ([`Ruleset::fast_plans`] counts them; the
//! differential test `domain_list_shaped_sets_decide_like_the_interpreter`
//! compares it with the interpreter).
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
//! **Allocation.** Most queries need no scratch at all: `FlowStart`, and
//! a later query when the candidates fit in a stack array, the probed names
//! are short and no prefilter needs a transform (`Ruleset::run_on_stack`);
//! a first-packet query or one with several DNS questions always takes the
//! general path.
//! Otherwise transform outputs and the candidate list live in a
//! per-thread scratch that is reused: once it has grown to the largest buffer
//! and candidate count seen, deciding allocates nothing (measured by the
//! counting-allocator test `tests/no_alloc.rs`). Regex searches use
//! regex-automata's per-regex cache pool, which likewise allocates only on a
//! thread's first use.

use crate::index::DomainIndex;
use crate::inspect::{inspect, TransformScratch};
use crate::prefilter::Prefilter;
use crate::table::{features, CondSpec, Head, RuleSpec, StageKind};
use crate::{
    AlertSink, AppProto, Decision, DefaultAction, Query, RuleAction, RuleRef, RulesetBuilder,
    Stage, Verdict,
};
use std::cell::RefCell;
use std::fmt;

/// Number of [`app_slot`]s: no app protocol, and one per [`AppProto`].
pub(crate) const APP_SLOTS: usize = 7;

/// The [`AppPlan`] of a query's app protocol.
#[inline]
pub(crate) fn app_slot(app: Option<AppProto>) -> usize {
    match app {
        None => 0,
        Some(AppProto::Tls) => 1,
        Some(AppProto::Http1) => 2,
        Some(AppProto::Http2) => 3,
        Some(AppProto::Dns) => 4,
        Some(AppProto::Quic) => 5,
        Some(AppProto::Other) => 6,
    }
}

/// Every app protocol a query can have, in [`app_slot`] order.
pub(crate) const APPS: [Option<AppProto>; APP_SLOTS] = [
    None,
    Some(AppProto::Tls),
    Some(AppProto::Http1),
    Some(AppProto::Http2),
    Some(AppProto::Dns),
    Some(AppProto::Quic),
    Some(AppProto::Other),
];

/// What an `AppRequest` of one app protocol ([`app_slot`]) consults: only
/// the indexes and prefilters that hold a rule whose head admits the
/// protocol (a rule of another protocol could never match, so skipping them
/// is exact), and the rules without a literal that admit it. Why: an AWS
/// domain list has one index per buffer, and probing only the query's
/// protocol's index took the setup of the probe loop off every decision.
#[derive(Debug, Clone, Default)]
pub(crate) struct AppPlan {
    /// Always-inspected rules (no literal to prefilter on), ascending.
    pub(crate) always: Box<[u32]>,
    /// Indices into `Ruleset::indexes`.
    pub(crate) indexes: Box<[u32]>,
    /// Indices into `Ruleset::prefilters`.
    pub(crate) prefilters: Box<[u32]>,
    /// The shape of an AWS domain list, decided without the generic merge.
    pub(crate) fast: Option<FastPlan>,
}

/// A plan whose candidates are the rules of one index, all with one head
/// and no test but their key, followed in decision order by at most one
/// always-inspected rule without buffer tests.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FastPlan {
    pub(crate) index: u32,
    pub(crate) head: u32,
    /// The always-inspected rule after them (an allow list's catch-all), or
    /// [`NO_CATCH_ALL`] (a block list has none).
    pub(crate) always: u32,
}

/// `FastPlan::always` when there is no catch-all: no slot has this index
/// (`RulesetBuilder::next_index` stays below it), so
/// the slot lookup the catch-all needs anyway tells (an `Option` and its
/// test cost the allow list ~0.6 ns of 22 in alternating rounds).
pub(crate) const NO_CATCH_ALL: u32 = u32::MAX;

/// `Slot::conds` of a rule without residual conditions.
pub(crate) const NO_CONDS: u32 = u32::MAX;

/// One rule of the decision table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    pub(crate) rule: RuleRef,
    /// Index into `Ruleset::heads`.
    pub(crate) head: u32,
    /// Index into `Ruleset::conds`, or [`NO_CONDS`].
    pub(crate) conds: u32,
}

/// A compiled, immutable rule set: `Send + Sync`, shared freely between threads.
#[derive(Debug, Clone, Default)]
pub struct Ruleset {
    pub(crate) slots: Box<[Slot]>,
    pub(crate) heads: Box<[Head]>,
    pub(crate) conds: Box<[Box<[CondSpec]>]>,
    pub(crate) flow_start: Box<[u32]>,
    /// Per app protocol ([`app_slot`]): what its `AppRequest`s consult.
    pub(crate) plans: [AppPlan; APP_SLOTS],
    pub(crate) prefilters: Box<[Prefilter]>,
    pub(crate) indexes: Box<[DomainIndex]>,
    /// AWS strict order: the first pass/drop/reject ends processing.
    pub(crate) strict: bool,
    /// Strict order's stateful default actions: the alert ones first, then
    /// the drop ones, each family in the order given.
    pub(crate) defaults: Box<[DefaultAction]>,
}

/// Why a rule table could not be compiled.
#[derive(Debug, Clone)]
pub struct RulesetError(pub(crate) String);

impl fmt::Display for RulesetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RulesetError {}

impl RulesetError {
    /// An error with this message.
    pub fn new(msg: impl Into<String>) -> Self {
        RulesetError(msg.into())
    }
}

#[derive(Debug, Default)]
struct Scratch {
    t: TransformScratch,
    cands: Vec<u32>,
    /// Hash-index probe key (`.` + buffer) of a name too long for the stack.
    raw: Vec<u8>,
}

impl Scratch {
    const fn new() -> Self {
        Scratch {
            t: TransformScratch::new(),
            cands: Vec::new(),
            raw: Vec::new(),
        }
    }
}

thread_local! {
    // `const`: no lazy-initialisation check on every decision.
    static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch::new()) };
}

/// Run `f` with this thread's scratch, or a private one when it is already
/// in use (`decide` re-entered from an alert sink).
#[inline]
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => f(&mut Scratch::default()),
    })
}

/// Index hits the fast path keeps on the stack.
const STACK_HITS: usize = 16;

/// Index hits the domain-list fast path keeps (a name hits one rule, or its
/// exact and dot-suffix rules and a few more; beyond: the general path).
const FAST_HITS: usize = 4;

/// The transform scratch of one query: the thread's, held for the whole
/// query (general path), or borrowed only when a condition has transforms
/// (fast path).
enum Tx<'a> {
    Held(&'a mut TransformScratch),
    Lazy,
}

/// Per-query processing state (SPEC §6).
#[derive(Default)]
struct PacketState {
    dropped: bool,
    ended: bool,
    /// [`features::of`] the query.
    feat: u32,
}

impl Ruleset {
    /// An empty ruleset (decides nothing).
    pub fn empty() -> Self {
        Self::default()
    }

    /// Compile a decision table. `rules` must already be in decision order
    /// (first examined first). See [`RulesetBuilder`] to add rules one by
    /// one or from templates.
    pub fn new(rules: Vec<RuleSpec>) -> Result<Self, RulesetError> {
        let mut b = RulesetBuilder::new();
        for r in rules {
            b.push(r)?;
        }
        b.build()
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
        let mut b = RulesetBuilder::new();
        for r in rules {
            b.push(r)?;
        }
        b.build_strict(defaults)
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
        self.slots.len()
    }

    /// True when no rule was compiled in.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The rules of the decision table, in decision order.
    pub fn rule_refs(&self) -> impl ExactSizeIterator<Item = RuleRef> + '_ {
        self.slots.iter().map(|s| s.rule)
    }

    /// Number of distinct rule heads (header predicates, stage, scope).
    pub fn head_count(&self) -> usize {
        self.heads.len()
    }

    /// Number of literal prefilters (one per buffer and transform chain).
    pub fn prefilter_count(&self) -> usize {
        self.prefilters.len()
    }

    /// Number of app protocols whose `AppRequest`s are decided on the
    /// domain-list fast path (one index of rules that share a head and test
    /// only their key, then at most one catch-all rule; see
    /// [`Ruleset::decide`]).
    pub fn fast_plans(&self) -> usize {
        self.plans.iter().filter(|p| p.fast.is_some()).count()
    }

    /// Number of keys in the hash indexes (all buffers).
    pub fn index_key_count(&self) -> usize {
        self.indexes.iter().map(DomainIndex::len).sum()
    }

    /// Number of rules a hash index proposes (the others are candidates of a
    /// prefilter automaton or inspected on every query of their protocol).
    pub fn indexed_rule_count(&self) -> usize {
        self.indexes.iter().map(DomainIndex::rule_count).sum()
    }

    /// Approximate heap bytes of the compiled form (tables and automata;
    /// residual conditions and heads counted by their inline size).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.slots.len() * size_of::<Slot>()
            + self.heads.len() * size_of::<Head>()
            + self
                .conds
                .iter()
                .map(|c| c.len() * size_of::<CondSpec>())
                .sum::<usize>()
            + (self.flow_start.len()
                + self
                    .plans
                    .iter()
                    .map(|p| p.always.len() + p.indexes.len() + p.prefilters.len())
                    .sum::<usize>())
                * 4
            + self
                .prefilters
                .iter()
                .map(Prefilter::heap_bytes)
                .sum::<usize>()
            + self
                .indexes
                .iter()
                .map(DomainIndex::heap_bytes)
                .sum::<usize>()
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
    /// queries are not inspected; alerts are deduplicated by (group, gid, sid) and
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
                if !self
                    .rules
                    .iter()
                    .any(|a| (a.group, a.gid, a.sid) == (r.group, r.gid, r.sid))
                {
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

    fn run<S: AlertSink + ?Sized>(
        &self,
        q: &Query,
        d: &mut Decision,
        emit: &mut S,
    ) -> Option<DefaultAction> {
        // A first-packet query's flow-start rules join its candidates, and
        // a request of several DNS questions probes each: the general path
        // (`Query::first_packet`, `Query::dns_query_more`).
        let general =
            (q.first_packet | !q.dns_query_more.is_empty()) & !matches!(q.stage, Stage::FlowStart);
        let on_stack = if general {
            None
        } else {
            self.run_on_stack(q, d, emit)
        };
        let ended = match on_stack {
            Some(ended) => ended,
            None => with_scratch(|s| self.run_with(q, d, emit, s)),
        };
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

    /// An `AppRequest` with the thread's scratch: the general path, taken
    /// when [`Ruleset::run_on_stack`] declines (it decides every `FlowStart`
    /// itself). True when a rule ended processing.
    fn run_with<S: AlertSink + ?Sized>(
        &self,
        q: &Query,
        d: &mut Decision,
        emit: &mut S,
        s: &mut Scratch,
    ) -> bool {
        debug_assert_ne!(q.stage, Stage::FlowStart);
        let mut st = PacketState {
            feat: features::of(q),
            ..PacketState::default()
        };
        let Scratch { t, cands, raw } = s;
        cands.clear();
        let plan = &self.plans[app_slot(q.app_proto)];
        // Every instance of a multi-buffer proposes its candidates.
        for &x in plan.indexes.iter() {
            let ix = &self.indexes[x as usize];
            let Some(buf) = ix.buffer.of(q) else { continue };
            for b in std::iter::once(buf).chain(ix.buffer.more(q).iter().copied()) {
                ix.probe(b, Some(&mut *raw), |rule| cands.push(rule));
            }
        }
        for &x in plan.prefilters.iter() {
            let pf = &self.prefilters[x as usize];
            let Some(buf) = pf.buffer.of(q) else { continue };
            for b in std::iter::once(buf).chain(pf.buffer.more(q).iter().copied()) {
                pf.scan(t.apply(b, &pf.transforms), |r| cands.extend_from_slice(r));
            }
        }
        if q.first_packet {
            // One packet: the IP-only rules too (`Query::first_packet`).
            cands.extend_from_slice(&self.flow_start);
        }
        if cands.len() > 1 {
            cands.sort_unstable();
            cands.dedup();
        }
        self.run_candidates(cands, q, d, emit, &mut Tx::Held(t), &mut st)
    }

    /// The fast path, without the thread's scratch: `FlowStart`, and
    /// `AppRequest` when no prefilter of a present buffer has transforms,
    /// the candidates fit on the stack and the probed names are short.
    /// `None` (before any rule was inspected) means: take the general path.
    /// Why: borrowing the thread-local scratch and growing a candidate `Vec`
    /// were ~15% of the instructions of an allow-list decision (callgrind,
    /// BENCHMARKS.md decide).
    #[inline]
    fn run_on_stack<S: AlertSink + ?Sized>(
        &self,
        q: &Query,
        d: &mut Decision,
        emit: &mut S,
    ) -> Option<bool> {
        let mut st = PacketState {
            feat: features::of(q),
            ..PacketState::default()
        };
        let mut t = Tx::Lazy;
        if matches!(q.stage, Stage::FlowStart) {
            for &i in self.flow_start.iter() {
                if self.consider(i, q, d, emit, &mut t, &mut st) {
                    return Some(true);
                }
            }
            return Some(false);
        }
        let plan = &self.plans[app_slot(q.app_proto)];
        if let Some(f) = &plan.fast {
            return self.run_fast(f, q, d, emit, &mut st);
        }
        let mut hits = [0u32; STACK_HITS];
        let (mut n, mut overflow) = (0usize, false);
        let mut push = |rule: u32| {
            if n < STACK_HITS {
                hits[n] = rule;
                n += 1;
            } else {
                overflow = true;
            }
        };
        if let ([x], []) = (&*plan.indexes, &*plan.prefilters) {
            // One index and no prefilter (an AWS domain list): straight-line
            // code; the loops below made the compiler compute the address
            // of every buffer of the query up front (~25 instructions).
            let ix = &self.indexes[*x as usize];
            if let Some(buf) = ix.buffer.of(q) {
                if !ix.probe(buf, None, &mut push) {
                    return None;
                }
            }
        } else {
            for &x in plan.indexes.iter() {
                let ix = &self.indexes[x as usize];
                let Some(buf) = ix.buffer.of(q) else { continue };
                if !ix.probe(buf, None, &mut push) {
                    return None;
                }
            }
            for &x in plan.prefilters.iter() {
                let pf = &self.prefilters[x as usize];
                let Some(buf) = pf.buffer.of(q) else { continue };
                if !pf.transforms.is_empty() {
                    return None;
                }
                pf.scan(buf, |rules| rules.iter().for_each(|&r| push(r)));
            }
        }
        if overflow {
            return None;
        }
        let hits = &mut hits[..n];
        if n > 1 {
            hits.sort_unstable();
        }
        Some(self.run_candidates(hits, q, d, emit, &mut t, &mut st))
    }

    /// An `AppRequest` on the domain-list fast path ([`FastPlan`]): the
    /// candidates are the index's hits, in ascending order, then the
    /// catch-all rule if there is one, exactly as the merge of the general
    /// path would give them; the hits share one head, checked once, and have no test but
    /// the key that proposed them, so a hit whose head holds matches.
    /// `None` (before any rule was inspected): take the general path.
    ///
    /// Why: on an AWS allow list it replaces the candidate merge and the
    /// generic check of each candidate: 499 -> 421 instructions per decision
    /// at 10k (callgrind; 377 with the inlining that followed), fastest of
    /// 12 alternating rounds 33.1 -> 28.7 ns, and 25.0 ns with the rest
    /// (BENCHMARKS.md decide). On ThreatFox's 8,073 DNS rules (no catch-all):
    /// 366 -> 316 instructions per decision.
    #[inline]
    fn run_fast<S: AlertSink + ?Sized>(
        &self,
        f: &FastPlan,
        q: &Query,
        d: &mut Decision,
        emit: &mut S,
        st: &mut PacketState,
    ) -> Option<bool> {
        let ix = &self.indexes[f.index as usize];
        let mut hits = [0u32; FAST_HITS];
        let (mut n, mut overflow) = (0usize, false);
        if let Some(buf) = ix.buffer.of(q) {
            let push = |rule: u32| {
                if n < FAST_HITS {
                    hits[n] = rule;
                    n += 1;
                } else {
                    overflow = true;
                }
            };
            if !ix.probe(buf, None, push) {
                return None;
            }
        }
        if overflow {
            return None;
        }
        let hits = &mut hits[..n];
        if n > 0 && self.heads[f.head as usize].holds(q, st.feat) {
            if n > 1 {
                hits.sort_unstable();
            }
            // Each rule has one key, probed once: no hit repeats.
            for &h in hits.iter() {
                if self.apply(h, q, d, emit, st) {
                    return Some(true);
                }
            }
        }
        let Some(a) = self.slots.get(f.always as usize) else {
            return Some(false);
        };
        Some(self.heads[a.head as usize].holds(q, st.feat) && self.apply(f.always, q, d, emit, st))
    }

    /// Inspect the merge of the always-inspected rules of the query's app
    /// protocol with `cands` (ascending; duplicates are skipped), in decision
    /// order; true when a rule ended processing.
    #[inline]
    fn run_candidates<S: AlertSink + ?Sized>(
        &self,
        cands: &[u32],
        q: &Query,
        d: &mut Decision,
        emit: &mut S,
        t: &mut Tx<'_>,
        st: &mut PacketState,
    ) -> bool {
        let (mut a, mut b) = (0usize, 0usize);
        let always = &self.plans[app_slot(q.app_proto)].always;
        let mut last = u32::MAX;
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
                (None, None) => return false,
            };
            // A rule is in at most one of the lists, but a list of hits may
            // repeat a rule.
            if next == last {
                continue;
            }
            last = next;
            if self.consider(next, q, d, emit, t, st) {
                return true;
            }
        }
    }

    /// Inspect rule `i`; apply its action if it matches. True when processing
    /// of this packet has ended (a pass; in strict order also a drop/reject).
    #[inline]
    fn consider<S: AlertSink + ?Sized>(
        &self,
        i: u32,
        q: &Query,
        d: &mut Decision,
        emit: &mut S,
        t: &mut Tx<'_>,
        st: &mut PacketState,
    ) -> bool {
        let s = &self.slots[i as usize];
        let r = &self.heads[s.head as usize];
        // Every list a rule is inspected from holds only rules of that
        // stage (`flow_start`; the plans, indexes and prefilters only rules
        // of the later stages), so the stage needs no check here; a
        // first-packet `AppRequest`/`AppResponse` also inspects the
        // flow-start rules (no head restricts the stage feature: list
        // membership does).
        debug_assert!(
            r.stage.at(q.stage) || (q.first_packet && r.stage == StageKind::FlowStartOnly)
        );
        if !r.holds(q, st.feat) {
            return false;
        }
        if s.conds != NO_CONDS {
            for c in self.conds[s.conds as usize].iter() {
                let Some(raw) = c.buffer.of(q) else {
                    return false;
                };
                let holds = |raw: &[u8], t: &mut Tx<'_>| {
                    if c.transforms.is_empty() {
                        inspect(&c.tests, raw)
                    } else {
                        match t {
                            Tx::Held(t) => inspect(&c.tests, t.apply(raw, &c.transforms)),
                            Tx::Lazy => {
                                with_scratch(|s| inspect(&c.tests, s.t.apply(raw, &c.transforms)))
                            }
                        }
                    }
                };
                // A multi-buffer's condition holds on one of its instances.
                if !holds(raw, t) && !c.buffer.more(q).iter().any(|m| holds(m, t)) {
                    return false;
                }
            }
        }
        self.apply(i, q, d, emit, st)
    }

    /// Apply the action of rule `i`, which matched (see [`Ruleset::consider`]).
    #[inline]
    fn apply<S: AlertSink + ?Sized>(
        &self,
        i: u32,
        q: &Query,
        d: &mut Decision,
        emit: &mut S,
        st: &mut PacketState,
    ) -> bool {
        let s = &self.slots[i as usize];
        let r = &self.heads[s.head as usize];
        match s.rule.action {
            RuleAction::Pass => {
                if !st.dropped {
                    if r.flow_scoped {
                        set_verdict(d, Verdict::Pass, s.rule, q.stage);
                    }
                    st.ended = true;
                }
            }
            RuleAction::Drop | RuleAction::Reject => {
                st.dropped = true;
                if r.flow_scoped {
                    let v = if s.rule.action == RuleAction::Drop {
                        Verdict::Drop
                    } else {
                        Verdict::Reject
                    };
                    set_verdict(d, v, s.rule, q.stage);
                }
                if self.strict {
                    st.ended = true;
                }
            }
            RuleAction::Alert => {}
        }
        if r.raises_alert {
            emit.alert(s.rule);
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
