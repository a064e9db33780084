//! The whole-name hash index of one buffer: the domain-style rules that AWS
//! domain lists generate (and anyone writes by hand), answered by a few hash
//! probes instead of an automaton.
//!
//! Two key kinds, each case-sensitive or `nocase`:
//! - *exact*: no transforms, a non-negated `content; startswith; endswith`
//!   (no offset/depth/distance/within): the buffer must equal the pattern;
//! - *dot-suffix*: transforms exactly `[dotprefix]`, a non-negated content
//!   starting with `.`, `endswith`, no startswith/offset/depth/distance/within:
//!   `.` + buffer must end with the pattern, i.e. the pattern is one of the
//!   dot-suffixes of `.` + buffer (`.a.b.c`, `.b.c`, `.c`).
//!
//! `nocase` keys are lowercase (the compiler stores `nocase` patterns folded)
//! and are probed with the ASCII-lowercased buffer; the others with the raw
//! bytes. A probe only proposes rules; a rule whose only test is its key
//! (`implied`, the generated domain rules) needs no further buffer check, any
//! other still runs all its tests.
//!
//! Why a hash table and not the automaton: on AWS allow lists of 10k-140k
//! names the overlapping Aho-Corasick search over one automaton of every name
//! cost 2.5-3.8 us/decision (a cache miss per input byte); a probe per name
//! (plus one per dot-suffix length that occurs among the suffix keys) costs
//! tens of ns (BENCHMARKS.md, decide). Keys live in one byte arena and the
//! table (`hashbrown::HashTable`, SIMD tag groups) holds 4-byte entry ids, so
//! an indexed name costs ~25 bytes plus its length.

use crate::inspect::{Test, TransformOp};
use crate::table::{BufferId, CondSpec};
use hashbrown::HashTable;
use std::hash::Hasher;

/// Exact or dot-suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum KeyKind {
    Exact,
    Suffix,
}

/// The class of an index key: kind and case sensitivity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct KeyClass {
    pub(crate) kind: KeyKind,
    pub(crate) nocase: bool,
}

impl KeyClass {
    fn tag(self) -> u8 {
        ((self.kind == KeyKind::Suffix) as u8) << 1 | self.nocase as u8
    }

    /// Can `pattern` be a key of this class?
    pub(crate) fn admits(self, pattern: &[u8]) -> bool {
        !pattern.is_empty()
            && (self.kind == KeyKind::Exact || pattern[0] == b'.')
            && (!self.nocase || !pattern.iter().any(u8::is_ascii_uppercase))
    }
}

/// A rule's index key: its buffer, key class and pattern, and whether the key
/// implies every buffer test of the rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IndexKey<'a> {
    pub(crate) buffer: BufferId,
    pub(crate) class: KeyClass,
    pub(crate) pattern: &'a [u8],
    pub(crate) implied: bool,
}

/// The index key of a rule with these conditions, if it has one. Exact keys
/// are preferred to dot-suffix ones (fewer probes hit them).
pub(crate) fn index_key(conds: &[CondSpec]) -> Option<IndexKey<'_>> {
    let mut best: Option<IndexKey<'_>> = None;
    for c in conds.iter() {
        let kind = match &*c.transforms {
            [] => KeyKind::Exact,
            [TransformOp::DotPrefix] => KeyKind::Suffix,
            _ => continue,
        };
        for t in c.tests.iter() {
            let Test::Content(ct) = t else { continue };
            if ct.negated
                || !ct.endswith
                || ct.offset.is_some()
                || ct.depth.is_some()
                || ct.distance.is_some()
                || ct.within.is_some()
                || ct.startswith != (kind == KeyKind::Exact)
            {
                continue;
            }
            let class = KeyClass {
                kind,
                nocase: ct.nocase,
            };
            if !class.admits(&ct.pattern) {
                continue;
            }
            let better = match best {
                None => true,
                Some(b) => b.class.kind == KeyKind::Suffix && kind == KeyKind::Exact,
            };
            if better {
                best = Some(IndexKey {
                    buffer: c.buffer,
                    class,
                    pattern: &ct.pattern,
                    implied: conds.len() == 1 && c.tests.len() == 1,
                });
            }
        }
    }
    best
}

#[inline]
fn hash_key(class: KeyClass, key: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write_u8(class.tag());
    h.write(key);
    h.finish()
}

/// Marks a table value that is an index into `multi_starts` (a key several
/// rules share) rather than the one rule of the key.
const MULTI: u32 = 1 << 31;

/// Size of a key's header in the arena: class tag, then length (u16 LE).
const KEY_HEADER: usize = 3;

/// The key stored at `off` in `arena`: its class tag and bytes.
#[inline]
fn arena_key(arena: &[u8], off: u32) -> (u8, &[u8]) {
    let a = &arena[off as usize..];
    let len = u16::from_le_bytes([a[1], a[2]]) as usize;
    (a[0], &a[KEY_HEADER..KEY_HEADER + len])
}

/// The index of one buffer (see the module docs).
///
/// Layout, chosen so that a probe touches as few cache lines as possible (at
/// a million names nothing stays in cache): the table holds `(arena offset,
/// rule)`; the arena holds each key behind a 3-byte header (class, length),
/// so one probe reads a tag group, one table slot and one arena line. A key
/// of several rules (a repeated name) holds `MULTI | i` and its rules are
/// `multi[multi_starts[i]..multi_starts[i + 1]]`, in decision order.
#[derive(Debug, Clone)]
pub(crate) struct DomainIndex {
    pub(crate) buffer: BufferId,
    table: HashTable<(u32, u32)>,
    arena: Box<[u8]>,
    multi_starts: Box<[u32]>,
    multi: Box<[u32]>,
    /// Which classes have keys: bit `KeyClass::tag`.
    classes: u8,
    /// Dot counts of the dot-suffix keys (bit `min(dots, 63)`), case-sensitive
    /// and `nocase`: only suffixes with a dot count in the set are probed.
    suffix_dots: [u64; 2],
}

/// Builds a [`DomainIndex`]; rules are added in decision order.
#[derive(Debug, Clone)]
pub(crate) struct IndexBuilder {
    buffer: BufferId,
    table: HashTable<(u32, u32)>,
    arena: Vec<u8>,
    multi: Vec<Vec<u32>>,
    classes: u8,
    suffix_dots: [u64; 2],
}

fn rehash(arena: &[u8]) -> impl Fn(&(u32, u32)) -> u64 + '_ {
    move |&(off, _)| {
        let (tag, key) = arena_key(arena, off);
        let class = KeyClass {
            kind: if tag & 2 != 0 {
                KeyKind::Suffix
            } else {
                KeyKind::Exact
            },
            nocase: tag & 1 != 0,
        };
        hash_key(class, key)
    }
}

impl IndexBuilder {
    pub(crate) fn new(buffer: BufferId) -> Self {
        IndexBuilder {
            buffer,
            table: HashTable::new(),
            arena: Vec::new(),
            multi: Vec::new(),
            classes: 0,
            suffix_dots: [0; 2],
        }
    }

    pub(crate) fn buffer(&self) -> BufferId {
        self.buffer
    }

    /// Room for `n` more keys of about `bytes` bytes in all.
    pub(crate) fn reserve(&mut self, n: usize, bytes: usize) {
        self.arena.reserve(bytes + n * KEY_HEADER);
        self.table.reserve(n, rehash(&self.arena));
    }

    /// Index rule `rule` under `(class, key)`; false when the key was already
    /// there. Errors when the key or the arena outgrow the compact layout
    /// (65,535-byte keys, 4 GiB of keys, 2^31 rules).
    pub(crate) fn add(&mut self, class: KeyClass, key: &[u8], rule: u32) -> Result<bool, String> {
        let len = u16::try_from(key.len()).map_err(|_| "index key longer than 65,535 bytes")?;
        if rule >= MULTI {
            return Err("too many rules".into());
        }
        let h = hash_key(class, key);
        let (tag, arena) = (class.tag(), &self.arena);
        let eq = |&(off, _): &(u32, u32)| arena_key(arena, off) == (tag, key);
        if let Some((_, v)) = self.table.find_mut(h, eq) {
            if *v & MULTI == 0 {
                let m = u32::try_from(self.multi.len())
                    .ok()
                    .filter(|&m| m < MULTI)
                    .ok_or("too many repeated index keys")?;
                self.multi.push(vec![*v]);
                *v = MULTI | m;
            }
            self.multi[(*v & !MULTI) as usize].push(rule);
            return Ok(false);
        }
        let off = u32::try_from(self.arena.len())
            .ok()
            .filter(|o| o.checked_add(KEY_HEADER as u32 + len as u32).is_some())
            .ok_or("index keys exceed 4 GiB")?;
        self.arena.push(tag);
        self.arena.extend_from_slice(&len.to_le_bytes());
        self.arena.extend_from_slice(key);
        self.classes |= 1 << tag;
        if class.kind == KeyKind::Suffix {
            let dots = key.iter().filter(|&&b| b == b'.').count().min(63);
            self.suffix_dots[class.nocase as usize] |= 1 << dots;
        }
        self.table
            .insert_unique(h, (off, rule), rehash(&self.arena));
        Ok(true)
    }

    pub(crate) fn finish(self) -> DomainIndex {
        let mut multi_starts = Vec::with_capacity(self.multi.len() + 1);
        let mut flat = Vec::new();
        for m in &self.multi {
            multi_starts.push(flat.len() as u32);
            flat.extend_from_slice(m);
        }
        multi_starts.push(flat.len() as u32);
        DomainIndex {
            buffer: self.buffer,
            table: self.table,
            arena: self.arena.into(),
            multi_starts: multi_starts.into(),
            multi: flat.into(),
            classes: self.classes,
            suffix_dots: self.suffix_dots,
        }
    }
}

/// Names up to this length are lowercased on the stack; longer ones (an
/// HTTP Host can be anything) in the caller's scratch. 255 covers every SNI
/// and DNS name. Zeroing it costs ~18 instructions a probe, but the 63-byte
/// buffer it replaced sent every longer name (6.6% of the allow-list bench's
/// queries at 10k) to the general path with the thread-local scratch: the
/// average stayed ~680 instructions a decision (callgrind), and long names
/// no longer take the slower path.
const STACK_NAME: usize = 255;

const EXACT_CS: KeyClass = KeyClass {
    kind: KeyKind::Exact,
    nocase: false,
};
const EXACT_NC: KeyClass = KeyClass {
    kind: KeyKind::Exact,
    nocase: true,
};
const SUFFIX_CS: KeyClass = KeyClass {
    kind: KeyKind::Suffix,
    nocase: false,
};
const SUFFIX_NC: KeyClass = KeyClass {
    kind: KeyKind::Suffix,
    nocase: true,
};

/// The small stack buffer: `.` + names of up to 63 bytes.
const SMALL_NAME: usize = 64;

/// ASCII-lowercase 8 bytes at once (SWAR): a byte gets `0x20` when it is in
/// `A..=Z`. Each byte's low 7 bits plus a constant sets its high bit exactly
/// when it is >= `A` (resp. > `Z`); no carry crosses bytes.
#[inline(always)]
fn lower8(w: u64) -> u64 {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HI: u64 = 0x8080_8080_8080_8080;
    let h = w & LO7;
    let ge_a = h + 0x3f3f_3f3f_3f3f_3f3f; // 0x80 - b'A'
    let gt_z = h + 0x2525_2525_2525_2525; // 0x80 - (b'Z' + 1)
    let upper = ge_a & !gt_z & !w & HI;
    w | (upper >> 2)
}

/// Does `s` hold an ASCII uppercase letter? Eight bytes at a time, as
/// [`lower8`] finds them, the last word overlapping the one before (a
/// byte-by-byte tail cost ~30 instructions a decision in callgrind).
#[inline]
fn has_upper(s: &[u8]) -> bool {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HI: u64 = 0x8080_8080_8080_8080;
    let upper = |w: u64| {
        let h = w & LO7;
        (h + 0x3f3f_3f3f_3f3f_3f3f) & !(h + 0x2525_2525_2525_2525) & !w & HI
    };
    let n = s.len();
    if n < 8 {
        return s.iter().any(u8::is_ascii_uppercase);
    }
    let word = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&s[i..i + 8]);
        upper(u64::from_le_bytes(b))
    };
    // Up to 16 bytes (most names): two words, no loop; the loop LLVM
    // vectorizes costs a prologue that short names do not repay.
    let mut any = word(0) | word(n - 8);
    let mut i = 8;
    while i + 8 < n {
        any |= word(i);
        i += 8;
    }
    any != 0
}

/// `dst[..src.len()]` = `src` ASCII-lowercased. Why by hand: the zip loop
/// the compiler made of `to_ascii_lowercase` ran byte by byte (~8
/// instructions a byte, the largest single cost of a decision in callgrind),
/// and copying first then `make_ascii_lowercase` in place stalled on store
/// forwarding. Words of 8 bytes, the last one overlapping (lowercasing is
/// idempotent), cost a few instructions per word.
#[inline]
fn lower_into(dst: &mut [u8], src: &[u8]) {
    let n = src.len();
    let dst = &mut dst[..n];
    if n < 8 {
        for (d, s) in dst.iter_mut().zip(src) {
            *d = s.to_ascii_lowercase();
        }
        return;
    }
    let word = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&src[i..i + 8]);
        lower8(u64::from_le_bytes(b)).to_le_bytes()
    };
    let mut i = 0;
    while i + 8 <= n {
        dst[i..i + 8].copy_from_slice(&word(i));
        i += 8;
    }
    if i < n {
        dst[n - 8..].copy_from_slice(&word(n - 8));
    }
}

impl DomainIndex {
    /// Number of distinct keys.
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }

    /// Heap bytes held: the table's slots and tag bytes, the arena, the lists.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.table.capacity() * (std::mem::size_of::<(u32, u32)>() + 1)
            + self.arena.len()
            + (self.multi_starts.len() + self.multi.len()) * 4
    }

    #[inline]
    fn has(&self, class: KeyClass) -> bool {
        self.classes & (1 << class.tag()) != 0
    }

    /// `inline(always)`: as a call it cost ~18 instructions a decision of
    /// prologue and spills (callgrind: 516 -> 498 per allow-list decision).
    #[inline(always)]
    fn lookup(&self, class: KeyClass, key: &[u8], hit: &mut impl FnMut(u32)) {
        let h = hash_key(class, key);
        let tag = class.tag();
        let eq = |&(off, _): &(u32, u32)| arena_key(&self.arena, off) == (tag, key);
        if let Some(&(_, v)) = self.table.find(h, eq) {
            if v & MULTI == 0 {
                hit(v);
            } else {
                let m = (v & !MULTI) as usize;
                let (a, b) = (
                    self.multi_starts[m] as usize,
                    self.multi_starts[m + 1] as usize,
                );
                for &r in &self.multi[a..b] {
                    hit(r);
                }
            }
        }
    }

    /// Report the rules whose key `buf` hits. `scratch` holds `.` + buffer
    /// when the name is too long for the stack; without one, such a name is
    /// not probed and the answer is false (nothing was reported).
    #[inline]
    pub(crate) fn probe(
        &self,
        buf: &[u8],
        scratch: Option<&mut Vec<u8>>,
        mut hit: impl FnMut(u32),
    ) -> bool {
        let (exact_cs, exact_nc, suffix_cs, suffix_nc) = (EXACT_CS, EXACT_NC, SUFFIX_CS, SUFFIX_NC);
        let (want_cs, want_nc) = (
            self.has(suffix_cs),
            self.has(exact_nc) || self.has(suffix_nc),
        );
        if self.has(exact_cs) {
            self.lookup(exact_cs, buf, &mut hit);
        }
        if !want_cs && !want_nc {
            return true;
        }
        // Only whole-name `nocase` keys and a name already in lowercase (the
        // usual SNI): probe the buffer itself, no copy. Saves the stack
        // buffer, the copy and the lowercasing (callgrind, BENCHMARKS.md).
        if !want_cs && !self.has(suffix_nc) && !has_upper(buf) {
            self.lookup(exact_nc, buf, &mut hit);
            return true;
        }
        let long = buf.len() > STACK_NAME;
        if long && scratch.is_none() {
            return false;
        }
        // `.` + buffer, first as is, then lowercased. Two stack sizes: most
        // names fit the small one, whose zeroing costs a third of the large.
        let n = buf.len() + 1;
        match scratch {
            Some(scratch) if long => {
                scratch.clear();
                scratch.resize(n, 0);
                self.probe_dotted(scratch, buf, want_cs, want_nc, &mut hit);
            }
            _ if n <= SMALL_NAME => {
                let mut stack = [0u8; SMALL_NAME];
                self.probe_dotted(&mut stack[..n], buf, want_cs, want_nc, &mut hit);
            }
            _ => {
                let mut stack = [0u8; STACK_NAME + 1];
                self.probe_dotted(&mut stack[..n], buf, want_cs, want_nc, &mut hit);
            }
        }
        true
    }

    /// The dot-suffix and `nocase` probes, `dotted` holding room for `.` +
    /// `buf`.
    #[inline(always)]
    fn probe_dotted(
        &self,
        dotted: &mut [u8],
        buf: &[u8],
        want_cs: bool,
        want_nc: bool,
        hit: &mut impl FnMut(u32),
    ) {
        let (exact_nc, suffix_cs, suffix_nc) = (EXACT_NC, SUFFIX_CS, SUFFIX_NC);
        dotted[0] = b'.';
        // `dotprefix` leaves an empty buffer empty: no dot-suffix then.
        if want_cs && !buf.is_empty() {
            dotted[1..].copy_from_slice(buf);
            self.suffixes(suffix_cs, dotted, self.suffix_dots[0], hit);
        }
        if want_nc {
            // Lowercase while copying (see `lower_into`).
            lower_into(&mut dotted[1..], buf);
            if self.has(exact_nc) {
                self.lookup(exact_nc, &dotted[1..], hit);
            }
            if self.has(suffix_nc) && !buf.is_empty() {
                self.suffixes(suffix_nc, dotted, self.suffix_dots[1], hit);
            }
        }
    }

    /// Probe the dot-suffixes of `dotted` (which starts with `.`) whose dot
    /// count occurs among the keys, shortest first.
    #[inline]
    fn suffixes(&self, class: KeyClass, dotted: &[u8], dots: u64, hit: &mut impl FnMut(u32)) {
        let mut n = 0u32;
        for j in (0..dotted.len()).rev() {
            if dotted[j] != b'.' {
                continue;
            }
            n = (n + 1).min(63);
            if dots & (1 << n) != 0 {
                self.lookup(class, &dotted[j..], hit);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names on each side of the stack-buffer sizes (63/64 bytes: small vs
    /// large stack buffer; 255/256: stack vs the caller's scratch) hit
    /// their exact and dot-suffix `nocase` keys whatever the case.
    #[test]
    fn probes_across_the_buffer_sizes() {
        for len in [13usize, 62, 63, 64, 65, 200, 255, 256, 300] {
            // `{label}.example.com`, `len` bytes in all.
            let tail = ".example.com";
            let name = format!("{}{tail}", "a".repeat(len - tail.len()));
            assert_eq!(name.len(), len);
            let mut b = IndexBuilder::new(BufferId::TlsSni);
            b.add(EXACT_NC, name.as_bytes(), 1).unwrap();
            b.add(SUFFIX_NC, tail.as_bytes(), 2).unwrap();
            let ix = b.finish();
            let upper = name.to_ascii_uppercase();
            let mut scratch = Vec::new();
            let mut hits = Vec::new();
            let probed = ix.probe(upper.as_bytes(), None, |r| hits.push(r));
            if len <= STACK_NAME {
                assert!(probed, "{len}");
            } else {
                assert!(!probed && hits.is_empty(), "{len}: needs the scratch");
                assert!(ix.probe(upper.as_bytes(), Some(&mut scratch), |r| hits.push(r)));
            }
            hits.sort_unstable();
            assert_eq!(hits, [1, 2], "{len}");

            // Whole-name `nocase` keys only: a lowercase name is probed as
            // it is (no buffer, any length); one with uppercase is not.
            let mut b = IndexBuilder::new(BufferId::TlsSni);
            b.add(EXACT_NC, name.as_bytes(), 3).unwrap();
            let ix = b.finish();
            let mut hits = Vec::new();
            assert!(ix.probe(name.as_bytes(), None, |r| hits.push(r)));
            let probed = ix.probe(upper.as_bytes(), None, |r| hits.push(r));
            assert_eq!(probed, len <= STACK_NAME, "{len}");
            let want: &[u32] = if probed { &[3, 3] } else { &[3] };
            assert_eq!(hits, want, "{len}");
        }
    }

    #[test]
    fn has_upper_agrees_with_std() {
        let all: Vec<u8> = (0..=255u8).collect();
        for len in 0..20 {
            for start in 0..all.len() - len {
                let s = &all[start..start + len];
                assert_eq!(has_upper(s), s.iter().any(u8::is_ascii_uppercase), "{s:?}");
            }
        }
        assert!(!has_upper(b"www.example.com.and.a.long.name"));
        assert!(has_upper(b"www.example.com.and.a.long.nAme"));
    }

    #[test]
    fn lower_into_matches_std_on_every_byte_and_length() {
        let all: Vec<u8> = (0..=255u8).collect();
        for len in 0..40 {
            for start in 0..all.len() - len {
                let src = &all[start..start + len];
                let mut dst = [0u8; 64];
                lower_into(&mut dst, src);
                assert_eq!(&dst[..len], &src.to_ascii_lowercase()[..], "{src:?}");
            }
        }
    }
}
