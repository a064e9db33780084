//! [`RulesetBuilder`]: rules in, in decision order, an immutable [`Ruleset`]
//! out.
//!
//! Each rule is compacted as it arrives: its head (header predicates, stage,
//! scope) is interned, so rules that share one are stored once; its
//! domain-style key goes to the buffer's hash index ([`crate::index`]) and,
//! when the key is its only test, the rule keeps no buffer conditions at all;
//! other rules go to a literal prefilter ([`crate::prefilter`]) or, with no
//! literal, to the list inspected on every query of their stage.
//!
//! Rule *templates* serve inputs that are one rule shape repeated with another
//! name, as AWS domain lists are: the shape is compiled once
//! ([`RulesetBuilder::template`]) and each name then costs a slot and an index
//! key ([`RulesetBuilder::push_templated`]), with no per-rule
//! [`RuleSpec`] ever built. That is how a list of a million names compiles in
//! about a second.

use crate::index::{index_key, IndexBuilder, KeyClass};
use crate::prefilter::PrefilterBuilder;
use crate::ruleset::{
    AppPlan, FastPlan, Ruleset, RulesetError, Slot, APPS, NO_CATCH_ALL, NO_CONDS,
};
use crate::table::{features, BufferId, CondSpec, Head, RuleSpec, StageKind};
use crate::{DefaultAction, RuleRef, Stage};
use std::collections::HashMap;

/// What the rules of one index have in common (see `AppPlan::fast`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IndexShape {
    Empty,
    /// One head, every rule's key its only test.
    Uniform(u32),
    Mixed,
}

/// One buffer's index as it is built, and what the plans need of its rules.
#[derive(Debug)]
struct IndexEntry {
    builder: IndexBuilder,
    /// The app-protocol feature bits its rules' heads admit.
    apps: u32,
    /// Its rules' one shared head, if they share one and every one of them
    /// has its key as its only test.
    shape: IndexShape,
    /// Its last rule.
    last: u32,
}

/// A rule shape registered with [`RulesetBuilder::template`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template(u32);

#[derive(Debug, Clone, Copy)]
struct TemplateInfo {
    head: u32,
    buffer: BufferId,
    class: KeyClass,
}

/// Builds a [`Ruleset`] from rules given in decision order (first examined
/// first).
///
/// ```
/// use ferrule_matcher::{RulesetBuilder, Ruleset};
/// let rs: Ruleset = RulesetBuilder::new().build().unwrap();
/// assert!(rs.is_empty());
/// ```
#[derive(Debug, Default)]
pub struct RulesetBuilder {
    slots: Vec<Slot>,
    heads: Vec<Head>,
    head_ids: HashMap<Head, u32>,
    conds: Vec<Box<[CondSpec]>>,
    flow_start: Vec<u32>,
    app_always: Vec<u32>,
    prefilters: PrefilterBuilder,
    indexes: Vec<IndexEntry>,
    templates: Vec<TemplateInfo>,
}

fn err(msg: impl Into<String>) -> RulesetError {
    RulesetError(msg.into())
}

impl RulesetBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Room for `rules` more rules, of which `keyed` carry index keys of about
    /// `key_bytes` bytes in all on `buffer` (avoids regrowing, which would
    /// double the peak memory of a large list).
    pub fn reserve(&mut self, rules: usize, buffer: BufferId, keyed: usize, key_bytes: usize) {
        self.slots.reserve(rules);
        self.index_entry(buffer).builder.reserve(keyed, key_bytes);
    }

    fn next_index(&self) -> Result<u32, RulesetError> {
        u32::try_from(self.slots.len())
            .ok()
            .filter(|&i| i < NO_CONDS)
            .ok_or_else(|| err("too many rules"))
    }

    fn intern(&mut self, head: Head) -> Result<u32, RulesetError> {
        if let Some(&h) = self.head_ids.get(&head) {
            return Ok(h);
        }
        let h = u32::try_from(self.heads.len()).map_err(|_| err("too many rule heads"))?;
        self.heads.push(head.clone());
        self.head_ids.insert(head, h);
        Ok(h)
    }

    /// The index of `buffer`, created empty if there is none yet.
    fn index_entry(&mut self, buffer: BufferId) -> &mut IndexEntry {
        let x = match self
            .indexes
            .iter()
            .position(|x| x.builder.buffer() == buffer)
        {
            Some(x) => x,
            None => {
                self.indexes.push(IndexEntry {
                    builder: IndexBuilder::new(buffer),
                    apps: 0,
                    shape: IndexShape::Empty,
                    last: 0,
                });
                self.indexes.len() - 1
            }
        };
        &mut self.indexes[x]
    }

    /// The index of `buffer`, noting that rule `i` with head `head` goes in;
    /// `implied`: its key is its only test.
    fn index_rule(
        &mut self,
        buffer: BufferId,
        head: u32,
        i: u32,
        implied: bool,
    ) -> &mut IndexBuilder {
        let apps = self.heads[head as usize].app_bits();
        let e = self.index_entry(buffer);
        e.apps |= apps;
        e.shape = match e.shape {
            IndexShape::Empty if implied => IndexShape::Uniform(head),
            IndexShape::Uniform(h) if implied && h == head => IndexShape::Uniform(h),
            _ => IndexShape::Mixed,
        };
        e.last = e.last.max(i);
        &mut e.builder
    }

    fn store(&mut self, conds: Box<[CondSpec]>) -> Result<u32, RulesetError> {
        if conds.is_empty() {
            return Ok(NO_CONDS);
        }
        let c = u32::try_from(self.conds.len()).map_err(|_| err("too many conditions"))?;
        self.conds.push(conds);
        Ok(c)
    }

    /// Add the next rule in decision order.
    pub fn push(&mut self, spec: RuleSpec) -> Result<(), RulesetError> {
        let i = self.next_index()?;
        let head = self.intern(spec.head())?;
        let stage = spec.stage;
        if stage.at(Stage::FlowStart) {
            self.flow_start.push(i);
        }
        let mut keep = true;
        if stage.at(Stage::AppRequest) {
            let key = match stage {
                StageKind::AppLayer => index_key(&spec.conditions),
                _ => None,
            };
            if let Some(k) = key {
                self.index_rule(k.buffer, head, i, k.implied)
                    .add(k.class, k.pattern, i)
                    .map_err(err)?;
                keep = !k.implied;
            } else if stage != StageKind::AppLayer || !self.prefilters.add(&spec.conditions, i) {
                self.app_always.push(i);
            }
        }
        let conds = if keep {
            self.store(spec.conditions)?
        } else {
            NO_CONDS
        };
        self.slots.push(Slot {
            rule: spec.rule,
            head,
            conds,
        });
        Ok(())
    }

    /// Register a rule shape whose only buffer test is one index key (an
    /// exact `content; startswith; endswith` or a `dotprefix; content:".x";
    /// endswith`, inspected after `FlowStart`); its own pattern and rule
    /// reference are ignored. Errors for any other shape.
    pub fn template(&mut self, spec: &RuleSpec) -> Result<Template, RulesetError> {
        let Some(k) = index_key(&spec.conditions).filter(|k| k.implied && k.portable) else {
            return Err(err(
                "a template must have exactly one test: an exact or dot-suffix content",
            ));
        };
        if spec.stage != StageKind::AppLayer {
            return Err(err(
                "a template must be an app-layer rule (StageKind::AppLayer)",
            ));
        }
        let (buffer, class) = (k.buffer, k.class);
        let head = self.intern(spec.head())?;
        let t = u32::try_from(self.templates.len()).map_err(|_| err("too many templates"))?;
        self.templates.push(TemplateInfo {
            head,
            buffer,
            class,
        });
        Ok(Template(t))
    }

    /// Add the next rule in decision order: template `t` with `pattern` as its
    /// content and `rule` as its reference. Errors when the pattern does not
    /// fit the template's key (empty; a dot-suffix not starting with `.`;
    /// uppercase in a `nocase` key, which the compiler always folds). Returns
    /// false when an earlier rule had the same key (a duplicate name).
    pub fn push_templated(
        &mut self,
        t: Template,
        rule: RuleRef,
        pattern: &[u8],
    ) -> Result<bool, RulesetError> {
        let info = *self
            .templates
            .get(t.0 as usize)
            .ok_or_else(|| err("unknown template"))?;
        if !info.class.admits(pattern) {
            return Err(err(format!(
                "pattern {:?} does not fit the template's key",
                String::from_utf8_lossy(pattern)
            )));
        }
        let i = self.next_index()?;
        let new = self
            .index_rule(info.buffer, info.head, i, true)
            .add(info.class, pattern, i)
            .map_err(err)?;
        self.slots.push(Slot {
            rule,
            head: info.head,
            conds: NO_CONDS,
        });
        Ok(new)
    }

    /// The rule set, deciding in Suricata's manner (a pass ends processing,
    /// drop/reject mark the packet).
    pub fn build(self) -> Result<Ruleset, RulesetError> {
        self.finish(false, &[])
    }

    /// The rule set in AWS strict order, with its stateful default actions
    /// (see [`Ruleset::new_strict`]).
    pub fn build_strict(self, defaults: &[DefaultAction]) -> Result<Ruleset, RulesetError> {
        self.finish(true, defaults)
    }

    fn finish(self, strict: bool, defaults: &[DefaultAction]) -> Result<Ruleset, RulesetError> {
        let alerts = defaults.iter().filter(|a| !a.is_drop());
        let drops = defaults.iter().filter(|a| a.is_drop());
        let (slots, heads) = (&self.slots, &self.heads);
        let app_bits = |i: u32| heads[slots[i as usize].head as usize].app_bits();
        let prefilters = self.prefilters.finish().map_err(err)?;
        let prefilter_apps: Vec<u32> = prefilters
            .iter()
            .map(|p| p.rules().iter().fold(0, |m, &i| m | app_bits(i)))
            .collect();
        let index_apps: Vec<u32> = self.indexes.iter().map(|e| e.apps).collect();
        let plans = APPS.map(|app| {
            let bit = features::app_bit(app);
            let with = |masks: &[u32]| {
                (0..masks.len() as u32)
                    .filter(|&x| masks[x as usize] & bit != 0)
                    .collect()
            };
            let always: Box<[u32]> = self
                .app_always
                .iter()
                .copied()
                .filter(|&i| app_bits(i) & bit != 0)
                .collect();
            let indexes: Box<[u32]> = with(&index_apps);
            let prefilters: Box<[u32]> = with(&prefilter_apps);
            // One index of rules that share a head and test only their key,
            // then at most one always-inspected rule without buffer tests.
            let fast = match (&*indexes, &*prefilters) {
                (&[x], []) => match self.indexes[x as usize] {
                    IndexEntry {
                        shape: IndexShape::Uniform(h),
                        last,
                        ..
                    } => match *always {
                        [] => Some(NO_CATCH_ALL),
                        [a] if last < a && slots[a as usize].conds == NO_CONDS => Some(a),
                        _ => None,
                    }
                    .map(|always| FastPlan {
                        index: x,
                        head: h,
                        always,
                    }),
                    _ => None,
                },
                _ => None,
            };
            AppPlan {
                always,
                indexes,
                prefilters,
                fast,
            }
        });
        Ok(Ruleset {
            slots: self.slots.into(),
            heads: self.heads.into(),
            conds: self.conds.into(),
            flow_start: self.flow_start.into(),
            plans,
            prefilters: prefilters.into(),
            indexes: self
                .indexes
                .into_iter()
                .map(|e| e.builder.finish())
                .collect(),
            strict,
            defaults: if strict {
                alerts.chain(drops).copied().collect()
            } else {
                Box::new([])
            },
        })
    }
}
