//! Literal prefilters for the rules the hash index cannot take: per (buffer,
//! transform chain), an Aho-Corasick automaton (ASCII case-insensitive,
//! overlapping) over one required literal of each rule — the longest
//! non-negated content of any of its conditions. A rule can only match when its
//! literal occurs in the transformed buffer, so the automaton's hits are a
//! superset of the matching prefiltered rules; each candidate then runs its
//! full checks.

use crate::inspect::{Test, TransformOp};
use crate::table::{BufferId, CondSpec};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// One prefilter: pattern `p` proposes the rules `rules[starts[p]..starts[p + 1]]`.
#[derive(Debug, Clone)]
pub(crate) struct Prefilter {
    pub(crate) buffer: BufferId,
    pub(crate) transforms: Box<[TransformOp]>,
    ac: AhoCorasick,
    starts: Box<[u32]>,
    rules: Box<[u32]>,
}

impl Prefilter {
    /// Report the rules proposed by the literals found in `buf` (already
    /// transformed), one list of rules per literal found.
    #[inline]
    pub(crate) fn scan(&self, buf: &[u8], mut out: impl FnMut(&[u32])) {
        for m in self.ac.find_overlapping_iter(buf) {
            let p = m.pattern().as_usize();
            let (a, b) = (self.starts[p] as usize, self.starts[p + 1] as usize);
            out(&self.rules[a..b]);
        }
    }

    /// Every rule the prefilter can propose.
    pub(crate) fn rules(&self) -> &[u32] {
        &self.rules
    }

    /// Heap bytes of the automaton and the lists.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.ac.memory_usage() + (self.starts.len() + self.rules.len()) * 4
    }
}

type Key = (BufferId, Box<[TransformOp]>);

/// Folded literal -> pattern id, the literals, and each pattern's rules.
#[derive(Debug, Default)]
struct Group {
    ids: HashMap<Vec<u8>, usize>,
    pats: Vec<Vec<u8>>,
    lists: Vec<Vec<u32>>,
}

/// Collects (rule, literal) pairs, in decision order, then builds one
/// automaton per (buffer, transforms).
#[derive(Debug, Default)]
pub(crate) struct PrefilterBuilder {
    groups: Vec<(Key, Group)>,
}

impl PrefilterBuilder {
    /// Prefilter rule `rule` on its required literal; false when it has none
    /// (the rule must then be inspected on every query of its stage).
    pub(crate) fn add(&mut self, conds: &[CondSpec], rule: u32) -> bool {
        let Some((ci, pat)) = required_literal(conds) else {
            return false;
        };
        let c = &conds[ci];
        let key = (c.buffer, c.transforms.clone());
        let g = match self.groups.iter().position(|(k, _)| *k == key) {
            Some(g) => g,
            None => {
                self.groups.push((key, Group::default()));
                self.groups.len() - 1
            }
        };
        let g = &mut self.groups[g].1;
        let folded = pat.to_ascii_lowercase();
        let p = match g.ids.get(&folded) {
            Some(&p) => p,
            None => {
                g.pats.push(folded.clone());
                g.lists.push(Vec::new());
                g.ids.insert(folded, g.pats.len() - 1);
                g.pats.len() - 1
            }
        };
        g.lists[p].push(rule);
        true
    }

    pub(crate) fn finish(self) -> Result<Vec<Prefilter>, String> {
        let mut out = Vec::with_capacity(self.groups.len());
        for ((buffer, transforms), g) in self.groups {
            let ac = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(if g.pats.len() <= 10_000 {
                    AhoCorasickKind::DFA
                } else {
                    AhoCorasickKind::ContiguousNFA
                }))
                .build(&g.pats)
                .map_err(|e| format!("prefilter automaton: {e}"))?;
            let mut starts = Vec::with_capacity(g.lists.len() + 1);
            let mut flat = Vec::new();
            for l in &g.lists {
                starts.push(flat.len() as u32);
                flat.extend_from_slice(l);
            }
            starts.push(flat.len() as u32);
            out.push(Prefilter {
                buffer,
                transforms,
                ac,
                starts: starts.into(),
                rules: flat.into(),
            });
        }
        Ok(out)
    }
}

/// The literal a rule cannot match without: the longest non-empty,
/// non-negated content of any condition (condition index, pattern).
fn required_literal(conds: &[CondSpec]) -> Option<(usize, &[u8])> {
    let mut best: Option<(usize, &[u8])> = None;
    for (ci, c) in conds.iter().enumerate() {
        for t in c.tests.iter() {
            if let Test::Content(ct) = t {
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
