//! The whole-name hash index of one buffer: the domain-style rules that AWS
//! domain lists generate (and anyone writes by hand), answered by a few hash
//! probes instead of an automaton.
//!
//! Two key kinds, each case-sensitive or `nocase`:
//! - *exact*: no transforms, and tests that hold only when the buffer equals
//!   a content's pattern: `content; startswith; endswith` (AWS), `content;
//!   depth:<len>; isdataat:!1,relative` (ThreatFox), `bsize:<len>; content`
//!   (ET Open); see [`equals_buffer`];
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

use crate::inspect::{ContentTest, SizeCmp, Test, TransformOp};
use crate::table::{BufferId, CondSpec};
use hashbrown::HashTable;

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
    /// The key is the rule's only test and says nothing but the key: an
    /// exact `content; startswith; endswith` or a dot-suffix `content;
    /// endswith` (no length-bound `depth`), so the same rule with another
    /// pattern has that pattern as its key (`RulesetBuilder::template`).
    pub(crate) portable: bool,
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
        for (i, t) in c.tests.iter().enumerate() {
            let Test::Content(ct) = t else { continue };
            let keyed = match kind {
                KeyKind::Exact => equals_buffer(&c.tests, i, ct),
                KeyKind::Suffix => {
                    !ct.negated
                        && ct.endswith
                        && !ct.startswith
                        && ct.offset.is_none()
                        && ct.depth.is_none()
                        && ct.distance.is_none()
                        && ct.within.is_none()
                }
            };
            if !keyed {
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
                    implied: conds.len() == 1
                        && match kind {
                            KeyKind::Exact => holds_when_equal(&c.tests, ct),
                            KeyKind::Suffix => c.tests.len() == 1,
                        },
                    portable: conds.len() == 1
                        && c.tests.len() == 1
                        && (kind == KeyKind::Suffix || ct.startswith),
                });
            }
        }
    }
    best
}

/// Can the tests `tests` hold only when the buffer equals the pattern of
/// `ct`, their `i`th (case-insensitively when `nocase`)? That is what lets an
/// exact key propose the rule. Three forms say it:
/// - `content; startswith; endswith` (the AWS domain-list rules);
/// - a content anchored at the start (`startswith`, or `offset:0` or none
///   with `depth:<its length>`, not relative) followed at once by
///   `isdataat:!1,relative` or marked `endswith` (ThreatFox's `dns_query;
///   content:"name"; depth:<len>; isdataat:!1,relative;`): the content can
///   only be found at 0, and nothing may follow it;
/// - a content of `n` bytes and `bsize:n` anywhere among the tests (ET
///   Open's `tls.sni; bsize:n; content:"name";`): found in a buffer of its
///   own length, it is the buffer.
///
/// A match needs every test to hold in turn (`inspect`), a non-negated
/// content found included, so each form is a necessary condition; the rule
/// still runs all its tests unless its key is its only test (`implied`).
fn equals_buffer(tests: &[Test], i: usize, ct: &ContentTest) -> bool {
    if ct.negated {
        return false;
    }
    let len = ct.pattern.len();
    let absolute = ct.distance.is_none() && ct.within.is_none();
    let at_start = absolute
        && if ct.startswith {
            ct.offset.is_none() && ct.depth.is_none()
        } else {
            ct.offset.unwrap_or(0) == 0 && ct.depth.map(usize::from) == Some(len)
        };
    let nothing_after = matches!(
        tests.get(i + 1),
        Some(Test::IsDataAt {
            negated: true,
            offset: 1,
            relative: true,
        })
    );
    let sized = tests
        .iter()
        .any(|t| matches!(t, Test::Bsize(SizeCmp::Eq(n)) if *n == len as u64));
    (at_start && (ct.endswith || nothing_after)) || sized
}

/// Given [`equals_buffer`] for `ct`: do `tests` all hold whenever the buffer
/// equals its pattern (then the key implies the rule's buffer tests and
/// they need not run)? True for the content alone, for the content followed
/// by `isdataat:!1,relative` (nothing after it: true when it ends the
/// buffer), and for the content beside a `bsize` that its length satisfies,
/// when nothing else in the content (offset, depth shorter than the
/// pattern, distance, within) could stop it being found at 0.
fn holds_when_equal(tests: &[Test], ct: &ContentTest) -> bool {
    let len = ct.pattern.len();
    let found_at_0 = ct.distance.is_none()
        && ct.within.is_none()
        && ct.offset.unwrap_or(0) == 0
        && ct.depth.is_none_or(|d| usize::from(d) >= len);
    match tests {
        [_] => true,
        [Test::Content(_), Test::IsDataAt {
            negated: true,
            offset: 1,
            relative: true,
        }] => found_at_0,
        [Test::Bsize(size), Test::Content(_)] | [Test::Content(_), Test::Bsize(size)] => {
            found_at_0 && size.test(len as u64)
        }
        _ => false,
    }
}

/// The 8 bytes of `s` at `i` (little-endian).
#[inline(always)]
fn word(s: &[u8], i: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&s[i..i + 8]);
    u64::from_le_bytes(b)
}

/// A key shorter than 8 bytes as one word (its bytes, zero-padded; which
/// byte goes where depends only on the length: injective per length).
#[inline(always)]
fn short_word(s: &[u8]) -> u64 {
    let n = s.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as u64;
        let hi = u32::from_le_bytes([s[n - 4], s[n - 3], s[n - 2], s[n - 1]]) as u64;
        hi << 32 | lo
    } else if n > 0 {
        (s[0] as u64) << 16 | (s[n / 2] as u64) << 8 | s[n - 1] as u64
    } else {
        0
    }
}

/// Keys up to this length are read as four fixed, possibly overlapping
/// words (see [`words4`]); longer ones word by word in a loop.
const SHORT_KEY: usize = 32;

/// A key of at most [`SHORT_KEY`] bytes as four words that together cover
/// every byte, at offsets that depend only on its length: `0, 8, n-16, n-8`
/// (17-32 bytes), `0, n-8` and two zeros (8-16), [`short_word`] and zeros
/// (0-7). Why: names vary in length from query to query, and the exit of a
/// loop over their words is a branch the CPU mispredicts; fixed reads with
/// one or two length tests cost no loop at all. Measured on the allow-list
/// bench (BENCHMARKS.md decide): a decision without the index probe took
/// ~16 ns, with it ~38, and still ~36 ns with a 100-name list whose table
/// sits in L1, so the probe's cost is its instructions and branches, not
/// memory; with these reads (and [`arena_eq`] instead of `bcmp`, the same
/// words for the uppercase test) the fastest of 20 alternating runs went
/// from 38.3 to 36.1 ns at 10k, at the same instruction count.
#[inline(always)]
fn words4(s: &[u8]) -> [u64; 4] {
    let n = s.len();
    debug_assert!(n <= SHORT_KEY);
    if n > 16 {
        [word(s, 0), word(s, 8), word(s, n - 16), word(s, n - 8)]
    } else if n >= 8 {
        [word(s, 0), word(s, n - 8), 0, 0]
    } else {
        [short_word(s), 0, 0, 0]
    }
}

/// Folded multiply: the high and low halves of the 128-bit product, xored
/// (wyhash's mixing step).
#[inline(always)]
fn fold_mul(a: u64, b: u64) -> u64 {
    let p = a as u128 * b as u128;
    (p as u64) ^ ((p >> 64) as u64)
}

const P0: u64 = 0xa076_1d64_78bd_642f;
const P1: u64 = 0xe703_7ed1_a0b4_28db;
const P2: u64 = 0x8ebc_6af0_9c88_c6e3;
const P3: u64 = 0x5899_65cc_7537_4cc3;

/// The hash of an index key: its class, its length and every byte,
/// wyhash-style (two independent folded multiplies over the four words of
/// a short key, 16 bytes per multiply for a longer one). It replaced
/// `FxHasher::write`, whose loop over 16-byte chunks has the
/// length-dependent exit [`words4`] avoids. Keys come from rules, not
/// traffic, so the table's probe lengths are not the sender's to choose.
#[inline(always)]
fn hash_key(class: KeyClass, key: &[u8]) -> u64 {
    let n = key.len();
    let seed = P0 ^ ((class.tag() as u64) << 32 | n as u64);
    if n <= SHORT_KEY {
        let [a, b, c, d] = words4(key);
        return fold_mul(a ^ P1, b ^ seed) ^ fold_mul(c ^ P2, d ^ P3 ^ seed);
    }
    let mut h = seed;
    let mut i = 0;
    while i + 16 < n {
        h = fold_mul(word(key, i) ^ P1, word(key, i + 8) ^ h);
        i += 16;
    }
    fold_mul(word(key, n - 16) ^ P2, word(key, n - 8) ^ h ^ P3)
}

/// Is the key stored at `off` in `arena` of class `tag` and equal to `key`?
/// The length first, then the same fixed words as [`words4`] (no call to
/// `bcmp` and its length-dependent branches), or the slice comparison for
/// longer keys.
#[inline(always)]
fn arena_eq(arena: &[u8], off: u32, tag: u8, key: &[u8]) -> bool {
    let a = &arena[off as usize..];
    let n = key.len();
    if a.len() < KEY_HEADER + n || a[0] != tag || u16::from_le_bytes([a[1], a[2]]) as usize != n {
        return false;
    }
    let a = &a[KEY_HEADER..KEY_HEADER + n];
    if n <= SHORT_KEY {
        let (x, y) = (words4(a), words4(key));
        return (x[0] ^ y[0]) | (x[1] ^ y[1]) | (x[2] ^ y[2]) | (x[3] ^ y[3]) == 0;
    }
    a == key
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

/// Where a dotted name's dots are.
#[derive(Debug, Clone, Copy)]
enum Dots {
    /// Bit `j`: byte `j` is a dot (names in the small stack buffer).
    Bits(u64),
    /// Look byte by byte (longer names).
    Scan,
}

impl Dots {
    /// The dots of `space[..n]`, as bits when `space` is the small stack
    /// buffer. Why: scanning byte by byte for dots cost ~7 instructions a
    /// byte, twice a query when a list has both case-sensitive and `nocase`
    /// dot-suffix keys: 440 of the 2,340 instructions of a decision on ET
    /// Open's 3,684 `dns.query` rules (callgrind); eight words at a time
    /// cost a fixed ~70, once.
    #[inline(always)]
    fn of(space: &[u8], n: usize) -> Dots {
        debug_assert!((1..=space.len()).contains(&n), "`.` + name fits its space");
        match <&[u8; SMALL_NAME]>::try_from(space) {
            Ok(small) if n > 0 => Dots::Bits(dot_bits(small) & (u64::MAX >> (SMALL_NAME - n))),
            _ => Dots::Scan,
        }
    }
}

/// Bit `j` set when `s[j]` is `.` (eight bytes at a time; exact: no carry
/// crosses bytes, as in [`lower8`]).
#[inline(always)]
fn dot_bits(s: &[u8; SMALL_NAME]) -> u64 {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // Gathers bit 8i (i = 0..8) into bit 56 + i: no two terms meet.
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let mut m = 0;
    for k in 0..SMALL_NAME / 8 {
        let x = word(s, 8 * k) ^ 0x2e2e_2e2e_2e2e_2e2e;
        // The high bit of each byte of `x` that is zero.
        let zero = !(((x & LO7) + LO7) | x | LO7);
        m |= ((zero >> 7).wrapping_mul(GATHER) >> 56) << (8 * k);
    }
    m
}

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
/// [`lower8`] finds them; up to [`SHORT_KEY`] bytes in the fixed words of
/// [`words4`] (no loop whose exit the CPU would mispredict).
#[inline(always)]
fn has_upper(s: &[u8]) -> bool {
    let n = s.len();
    if n <= SHORT_KEY {
        return upper4(s) != 0;
    }
    // Up to twice that: the first and the last 32 bytes (the loop below,
    // which LLVM vectorizes, cost ~60 instructions on 33-64-byte names).
    if n <= 2 * SHORT_KEY {
        return upper4(&s[..SHORT_KEY]) | upper4(&s[n - SHORT_KEY..]) != 0;
    }
    let mut any = upper8(word(s, n - 8));
    let mut i = 0;
    while i + 8 < n {
        any |= upper8(word(s, i));
        i += 8;
    }
    any != 0
}

/// The high bit of each byte of `w` that is an ASCII uppercase letter (as
/// [`lower8`] finds them).
#[inline(always)]
fn upper8(w: u64) -> u64 {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HI: u64 = 0x8080_8080_8080_8080;
    let h = w & LO7;
    (h + 0x3f3f_3f3f_3f3f_3f3f) & !(h + 0x2525_2525_2525_2525) & !w & HI
}

/// [`upper8`] over the [`words4`] of a key of at most [`SHORT_KEY`] bytes.
#[inline(always)]
fn upper4(s: &[u8]) -> u64 {
    let [a, b, c, d] = words4(s);
    upper8(a) | upper8(b) | upper8(c) | upper8(d)
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

    /// Number of rules indexed (a key may have several).
    pub(crate) fn rule_count(&self) -> usize {
        self.table.len() - (self.multi_starts.len() - 1) + self.multi.len()
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
        let eq = |&(off, _): &(u32, u32)| arena_eq(&self.arena, off, tag, key);
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
                self.probe_dotted(scratch, n, buf, want_cs, want_nc, &mut hit);
            }
            _ if n <= SMALL_NAME => {
                let mut stack = [0u8; SMALL_NAME];
                self.probe_dotted(&mut stack, n, buf, want_cs, want_nc, &mut hit);
            }
            _ => {
                let mut stack = [0u8; STACK_NAME + 1];
                self.probe_dotted(&mut stack, n, buf, want_cs, want_nc, &mut hit);
            }
        }
        true
    }

    /// The dot-suffix and `nocase` probes: `space[..n]` receives `.` +
    /// `buf` (`n` = its length + 1); the rest of `space` is zero.
    #[inline(always)]
    fn probe_dotted(
        &self,
        space: &mut [u8],
        n: usize,
        buf: &[u8],
        want_cs: bool,
        want_nc: bool,
        hit: &mut impl FnMut(u32),
    ) {
        let (exact_nc, suffix_cs, suffix_nc) = (EXACT_NC, SUFFIX_CS, SUFFIX_NC);
        space[0] = b'.';
        // Where the dots are: the same before and after lowercasing.
        let mut dots = None;
        // `dotprefix` leaves an empty buffer empty: no dot-suffix then.
        if want_cs && !buf.is_empty() {
            space[1..n].copy_from_slice(buf);
            let at = *dots.get_or_insert_with(|| Dots::of(space, n));
            self.suffixes(suffix_cs, &space[..n], at, self.suffix_dots[0], hit);
        }
        if want_nc {
            // Lowercase while copying (see `lower_into`).
            lower_into(&mut space[1..n], buf);
            if self.has(exact_nc) {
                self.lookup(exact_nc, &space[1..n], hit);
            }
            if self.has(suffix_nc) && !buf.is_empty() {
                let at = *dots.get_or_insert_with(|| Dots::of(space, n));
                self.suffixes(suffix_nc, &space[..n], at, self.suffix_dots[1], hit);
            }
        }
    }

    /// Probe the dot-suffixes of `dotted` (which starts with `.`) whose dot
    /// count occurs among the keys, shortest first.
    #[inline]
    fn suffixes(
        &self,
        class: KeyClass,
        dotted: &[u8],
        at: Dots,
        dots: u64,
        hit: &mut impl FnMut(u32),
    ) {
        let mut n = 0u32;
        let (mut bits, mut end) = match at {
            Dots::Bits(m) => (m, 0),
            Dots::Scan => (0, dotted.len()),
        };
        loop {
            // The next dot from the end: from the bits, or byte by byte.
            let j = if bits != 0 {
                let j = 63 - bits.leading_zeros() as usize;
                bits ^= 1 << j;
                j
            } else {
                match dotted[..end].iter().rposition(|&b| b == b'.') {
                    Some(j) => {
                        end = j;
                        j
                    }
                    None => return,
                }
            };
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

    /// Every byte of a key counts, at every length on each side of the word
    /// and [`SHORT_KEY`] boundaries: the key hits itself (in any case when
    /// `nocase`), and changing any one byte misses.
    #[test]
    fn every_byte_of_every_length_is_compared() {
        for len in 1..=70usize {
            let key: Vec<u8> = (0..len).map(|i| b'a' + (i * 7 % 26) as u8).collect();
            let mut b = IndexBuilder::new(BufferId::TlsSni);
            b.add(EXACT_CS, &key, 1).unwrap();
            b.add(EXACT_NC, &key, 2).unwrap();
            let ix = b.finish();
            let probe = |name: &[u8]| {
                let mut hits = Vec::new();
                assert!(ix.probe(name, None, |r| hits.push(r)));
                hits.sort_unstable();
                hits
            };
            assert_eq!(probe(&key), [1, 2], "{len}");
            assert_eq!(probe(&key.to_ascii_uppercase()), [2], "{len}");
            for i in 0..len {
                let mut other = key.clone();
                other[i] = b'.';
                assert_eq!(probe(&other), [0u32; 0], "{len}: byte {i}");
            }
            assert_eq!(probe(&key[..len - 1]), [0u32; 0], "{len}: shorter");
        }
    }

    /// The forms that say "the buffer equals this content" are keyed as
    /// exact; their near misses are not (the differential test checks the
    /// decisions; this names the forms).
    #[test]
    fn equality_forms_are_exact_keys() {
        let content = |f: &dyn Fn(&mut ContentTest)| {
            let mut c = ContentTest {
                pattern: b"evil.example".to_vec().into(),
                negated: false,
                nocase: true,
                startswith: false,
                endswith: false,
                offset: None,
                depth: None,
                distance: None,
                within: None,
            };
            f(&mut c);
            Test::Content(c)
        };
        let nothing_after = |offset, relative| Test::IsDataAt {
            negated: true,
            offset,
            relative,
        };
        let bsize = |n| Test::Bsize(SizeCmp::Eq(n));
        let anchored = || content(&|c| c.depth = Some(12));
        let cases: Vec<(&str, Vec<Test>, bool)> = vec![
            (
                "startswith; endswith",
                vec![content(&|c| (c.startswith, c.endswith) = (true, true))],
                true,
            ),
            (
                "depth:12; isdataat:!1,relative",
                vec![anchored(), nothing_after(1, true)],
                true,
            ),
            (
                "offset:0; depth:12; isdataat:!1,relative",
                vec![
                    content(&|c| (c.offset, c.depth) = (Some(0), Some(12))),
                    nothing_after(1, true),
                ],
                true,
            ),
            (
                "depth:12; endswith",
                vec![content(&|c| (c.depth, c.endswith) = (Some(12), true))],
                true,
            ),
            (
                "startswith; isdataat:!1,relative",
                vec![content(&|c| c.startswith = true), nothing_after(1, true)],
                true,
            ),
            ("bsize:12 first", vec![bsize(12), content(&|_| ())], true),
            ("bsize:12 last", vec![content(&|_| ()), bsize(12)], true),
            (
                "depth:13; isdataat:!1,relative",
                vec![content(&|c| c.depth = Some(13)), nothing_after(1, true)],
                false,
            ),
            (
                "depth:11 (no match possible; not keyed)",
                vec![content(&|c| c.depth = Some(11)), nothing_after(1, true)],
                false,
            ),
            (
                "offset:1; depth:12",
                vec![
                    content(&|c| (c.offset, c.depth) = (Some(1), Some(12))),
                    nothing_after(1, true),
                ],
                false,
            ),
            (
                "isdataat:!2,relative",
                vec![anchored(), nothing_after(2, true)],
                false,
            ),
            (
                "isdataat:1,relative",
                vec![
                    anchored(),
                    Test::IsDataAt {
                        negated: false,
                        offset: 1,
                        relative: true,
                    },
                ],
                false,
            ),
            (
                "test between",
                vec![anchored(), bsize(0), nothing_after(1, true)],
                false,
            ),
            ("no end", vec![anchored()], false),
            (
                "relative content",
                vec![
                    content(&|c| (c.depth, c.distance) = (Some(12), Some(0))),
                    nothing_after(1, true),
                ],
                false,
            ),
            (
                "negated",
                vec![
                    content(&|c| (c.depth, c.negated) = (Some(12), true)),
                    nothing_after(1, true),
                ],
                false,
            ),
            ("bsize:13", vec![bsize(13), content(&|_| ())], false),
            (
                "bsize:!12",
                vec![Test::Bsize(SizeCmp::Ne(12)), content(&|_| ())],
                false,
            ),
            (
                "bsize:12, negated",
                vec![bsize(12), content(&|c| c.negated = true)],
                false,
            ),
        ];
        for (what, tests, keyed) in cases {
            let i = tests
                .iter()
                .position(|t| matches!(t, Test::Content(_)))
                .unwrap();
            let Test::Content(ct) = &tests[i] else {
                unreachable!()
            };
            assert_eq!(equals_buffer(&tests, i, ct), keyed, "{what}");
        }
        // Which keyed forms need no other test: all hold on the equal name.
        // (The loader rejects the `offset` / short `depth` ones beside a
        // `bsize`, as Suricata does, but `RulesetBuilder` takes any spec.)
        let implied: Vec<(&str, Vec<Test>, bool)> = vec![
            (
                "depth:12; isdataat:!1,relative",
                vec![anchored(), nothing_after(1, true)],
                true,
            ),
            ("bsize:12 first", vec![bsize(12), content(&|_| ())], true),
            (
                "bsize:12, depth:13",
                vec![bsize(12), content(&|c| c.depth = Some(13))],
                true,
            ),
            (
                "bsize:12, offset:1",
                vec![bsize(12), content(&|c| c.offset = Some(1))],
                false,
            ),
            (
                "bsize:12, depth:11",
                vec![bsize(12), content(&|c| c.depth = Some(11))],
                false,
            ),
            (
                "bsize:12, distance:0",
                vec![bsize(12), content(&|c| c.distance = Some(0))],
                false,
            ),
            (
                "startswith; endswith; bsize:>3",
                vec![
                    content(&|c| (c.startswith, c.endswith) = (true, true)),
                    Test::Bsize(SizeCmp::Gt(3)),
                ],
                true,
            ),
            (
                "startswith; endswith; bsize:<3",
                vec![
                    content(&|c| (c.startswith, c.endswith) = (true, true)),
                    Test::Bsize(SizeCmp::Lt(3)),
                ],
                false,
            ),
            (
                "three tests",
                vec![bsize(12), content(&|_| ()), nothing_after(1, true)],
                false,
            ),
        ];
        for (what, tests, want) in implied {
            let i = tests
                .iter()
                .position(|t| matches!(t, Test::Content(_)))
                .unwrap();
            let Test::Content(ct) = &tests[i] else {
                unreachable!()
            };
            assert!(equals_buffer(&tests, i, ct), "{what} is keyed");
            assert_eq!(holds_when_equal(&tests, ct), want, "{what}");
        }
    }

    /// Every byte value at every position: only `.` sets its bit.
    #[test]
    fn dot_bits_finds_exactly_the_dots() {
        for b in 0..=255u8 {
            for at in 0..SMALL_NAME {
                let mut s = [b'.'; SMALL_NAME];
                s[at] = b;
                let want = if b == b'.' { u64::MAX } else { !(1u64 << at) };
                assert_eq!(dot_bits(&s), want, "byte {b:#x} at {at}");
                let mut s = [b'a'; SMALL_NAME];
                s[at] = b;
                let want = if b == b'.' { 1u64 << at } else { 0 };
                assert_eq!(dot_bits(&s), want, "byte {b:#x} at {at}");
            }
        }
    }

    #[test]
    fn has_upper_agrees_with_std() {
        let all: Vec<u8> = (0..=255u8).collect();
        for len in 0..70 {
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
