//! The residual-check engine: buffer transforms and the list of content / pcre /
//! bsize / isdataat tests on one buffer, as Suricata's
//! `DetectEngineContentInspectionInternal` runs them (SEMANTICS §2.4–§2.5).
//!
//! This is an independent port of the reference interpreter's
//! `compiler/src/interp/buffer.rs` (the oracle); the differential tests keep the
//! two in agreement. Differences are of form only: the tests are the matcher's
//! own compiled types ([`Test`]), the pcre is compiled once at build time, and
//! transforms write into caller-provided scratch buffers instead of allocating.
//! The quirks are the same:
//!
//! - a content whose following tests fail is searched again from (start of
//!   match + 1) only when the next test is a content with `within`
//!   (`DETECT_CONTENT_WITHIN_NEXT`); otherwise the buffer gives up;
//! - `endswith` retries later occurrences until one ends the buffer;
//! - a negated `endswith` content holds when the *first* occurrence found does
//!   not end the search window;
//! - `depth` counts from `offset`; `startswith` is `offset:0; depth:<len>`.

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};

/// A transform applied to a buffer before its tests (SPEC §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransformOp {
    /// `dotprefix`: `.` + buffer.
    DotPrefix,
    /// `to_lowercase` (ASCII).
    ToLowercase,
    /// `to_uppercase` (ASCII).
    ToUppercase,
    /// `strip_whitespace` (C `isspace`).
    StripWhitespace,
    /// `compress_whitespace`: keep the first whitespace byte of each run.
    CompressWhitespace,
    /// `domain`: registrable domain per the Public Suffix List (empty if none).
    Domain,
    /// `tld`: public suffix of the registrable domain (empty if none).
    Tld,
}

/// An unsigned comparison (`bsize`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SizeCmp {
    /// `n`
    Eq(u64),
    /// `!n`
    Ne(u64),
    /// `<n`
    Lt(u64),
    /// `<=n`
    Le(u64),
    /// `>n`
    Gt(u64),
    /// `>=n`
    Ge(u64),
    /// strictly between
    Range(u64, u64),
    /// not strictly between
    NotRange(u64, u64),
}

impl SizeCmp {
    /// Does `v` satisfy it?
    pub fn test(&self, v: u64) -> bool {
        match *self {
            SizeCmp::Eq(n) => v == n,
            SizeCmp::Ne(n) => v != n,
            SizeCmp::Lt(n) => v < n,
            SizeCmp::Le(n) => v <= n,
            SizeCmp::Gt(n) => v > n,
            SizeCmp::Ge(n) => v >= n,
            SizeCmp::Range(a, b) => v > a && v < b,
            SizeCmp::NotRange(a, b) => !(v > a && v < b),
        }
    }
}

/// A content test with its modifiers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ContentTest {
    /// The bytes (lowercase when `nocase`).
    pub pattern: Box<[u8]>,
    /// `content:!"..."`.
    pub negated: bool,
    /// `nocase`.
    pub nocase: bool,
    /// `startswith`.
    pub startswith: bool,
    /// `endswith`.
    pub endswith: bool,
    /// `offset`.
    pub offset: Option<u16>,
    /// `depth` (as written).
    pub depth: Option<u16>,
    /// `distance`.
    pub distance: Option<i32>,
    /// `within`.
    pub within: Option<i32>,
}

/// One test on a buffer.
#[derive(Debug, Clone)]
pub enum Test {
    /// `content`.
    Content(ContentTest),
    /// `isdataat:[!]n[,relative]`.
    IsDataAt {
        /// `!`.
        negated: bool,
        /// n.
        offset: u32,
        /// `relative`.
        relative: bool,
    },
    /// `bsize`.
    Bsize(SizeCmp),
    /// `pcre`, compiled.
    Pcre {
        /// The compiled regex.
        regex: Regex,
        /// `A` flag: anchored at the buffer start.
        anchored: bool,
        /// `pcre:!"..."`.
        negated: bool,
        /// Its `$` also matches before a final newline, as PCRE's does
        /// ([`pcre_find`]).
        final_newline: bool,
    },
    /// A test that can never hold (a pcre that did not compile): Suricata's
    /// "discontinue".
    Fail,
}

/// Suricata's three-way result: 1 / 0 / -1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ret {
    Match,
    NoMatch,
    Discontinue,
}

/// Run every test on the (already transformed) buffer. An empty test list holds.
pub fn inspect(tests: &[Test], buf: &[u8]) -> bool {
    if tests.is_empty() {
        return true;
    }
    let mut buffer_offset = 0u32;
    inspect_from(tests, 0, buf, &mut buffer_offset) == Ret::Match
}

fn inspect_from(ts: &[Test], i: usize, buf: &[u8], bo: &mut u32) -> Ret {
    let is_last = i + 1 == ts.len();
    let blen = buf.len() as u32;
    let r = match &ts[i] {
        Test::Content(cd) => return inspect_content(ts, i, cd, buf, bo),
        Test::IsDataAt {
            negated,
            offset,
            relative,
        } => {
            let present = if *relative {
                *bo as u64 + *offset as u64 <= blen as u64
            } else {
                *offset < blen
            };
            match (present, *negated, *relative) {
                (true, false, _) => Ret::Match,
                (false, true, _) => Ret::Match,
                (false, false, _) => Ret::Discontinue,
                (true, true, true) => Ret::NoMatch,
                (true, true, false) => Ret::Discontinue,
            }
        }
        Test::Bsize(cmp) => {
            if cmp.test(blen as u64) {
                Ret::Match
            } else {
                Ret::Discontinue
            }
        }
        Test::Pcre {
            regex,
            anchored,
            negated,
            final_newline,
        } => match pcre_find(regex, buf, *anchored, *final_newline) {
            Some(end) => {
                if *negated {
                    Ret::NoMatch
                } else {
                    *bo = end as u32;
                    Ret::Match
                }
            }
            None => {
                if *negated {
                    Ret::Match
                } else {
                    Ret::NoMatch
                }
            }
        },
        Test::Fail => Ret::Discontinue,
    };
    if r == Ret::Match && !is_last {
        return inspect_from(ts, i + 1, buf, bo);
    }
    r
}

fn inspect_content(ts: &[Test], i: usize, cd: &ContentTest, buf: &[u8], bo: &mut u32) -> Ret {
    let is_last = i + 1 == ts.len();
    let blen = buf.len() as u32;
    let plen = cd.pattern.len() as u32;
    let (c_offset, c_depth): (u32, u32) = if cd.startswith {
        (0, plen)
    } else {
        let off = cd.offset.unwrap_or(0) as u32;
        let dep = cd.depth.map(|d| d as u32 + off).unwrap_or(0);
        (off, dep)
    };
    let relative = cd.distance.is_some() || cd.within.is_some();
    let within_next = matches!(ts.get(i + 1), Some(Test::Content(n)) if n.within.is_some());
    let mut prev_offset: u32 = 0;
    let mut prev_buffer_offset = *bo;
    loop {
        let mut depth = blen;
        let mut offset: u32;
        if relative {
            offset = prev_buffer_offset;
            let distance = cd.distance.unwrap_or(0);
            if cd.distance.is_some() {
                if distance < 0 && distance.unsigned_abs() > offset {
                    offset = 0;
                } else {
                    offset = (offset as i64 + distance as i64) as u32;
                }
            }
            if let Some(within) = cd.within {
                let lim = prev_buffer_offset as i64 + within as i64 + distance as i64;
                if (depth as i64) > lim {
                    depth = lim.max(0) as u32;
                }
            }
            if c_depth != 0 && c_depth + prev_buffer_offset < depth {
                depth = prev_buffer_offset + c_depth;
            }
            if c_offset > offset {
                offset = c_offset;
            }
        } else {
            if c_depth != 0 {
                depth = c_depth;
            }
            offset = c_offset;
            prev_buffer_offset = 0;
        }
        if prev_offset != 0 {
            offset = prev_offset;
        }
        if depth > blen {
            depth = blen;
        }
        if offset > depth || depth == 0 {
            return if cd.negated {
                next_or_match(ts, i, buf, bo, is_last)
            } else {
                Ret::NoMatch
            };
        }
        let window = &buf[offset as usize..depth as usize];
        let window_len = depth - offset;
        let found = if (cd.endswith && depth < blen) || plen > window_len {
            None
        } else {
            find(window, &cd.pattern, cd.nocase).map(|p| p as u32 + offset)
        };
        let Some(found) = found else {
            if !cd.negated {
                return if relative {
                    Ret::NoMatch
                } else {
                    Ret::Discontinue
                };
            }
            return next_or_match(ts, i, buf, bo, is_last);
        };
        let match_offset = found + plen;
        if cd.negated {
            if cd.endswith && window_len != match_offset {
                return next_or_match(ts, i, buf, bo, is_last);
            }
            return if relative {
                Ret::NoMatch
            } else {
                Ret::Discontinue
            };
        }
        *bo = match_offset;
        if !cd.endswith || match_offset == blen {
            if is_last {
                return Ret::Match;
            }
            match inspect_from(ts, i + 1, buf, bo) {
                Ret::Match => return Ret::Match,
                Ret::Discontinue => return Ret::Discontinue,
                Ret::NoMatch => {}
            }
            if !within_next {
                return Ret::Discontinue;
            }
        }
        prev_offset = match_offset - (plen.saturating_sub(1));
    }
}

fn next_or_match(ts: &[Test], i: usize, buf: &[u8], bo: &mut u32, is_last: bool) -> Ret {
    if is_last {
        Ret::Match
    } else {
        inspect_from(ts, i + 1, buf, bo)
    }
}

/// First occurrence of `pat` in `hay` (`pat` is lowercase when `nocase`).
fn find(hay: &[u8], pat: &[u8], nocase: bool) -> Option<usize> {
    if pat.is_empty() {
        return Some(0);
    }
    if pat.len() > hay.len() {
        return None;
    }
    if nocase {
        hay.windows(pat.len())
            .position(|w| w.eq_ignore_ascii_case(pat))
    } else {
        hay.windows(pat.len()).position(|w| w == pat)
    }
}

/// C `isspace` in the "C" locale.
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// Two scratch buffers transforms write into; reused across queries so that,
/// once grown to the largest buffer seen, transforming allocates nothing.
#[derive(Debug, Default)]
pub struct TransformScratch {
    a: Vec<u8>,
    b: Vec<u8>,
}

impl TransformScratch {
    /// Empty scratch (const, for thread-local initializers).
    pub const fn new() -> Self {
        TransformScratch {
            a: Vec::new(),
            b: Vec::new(),
        }
    }

    /// Apply `ts` to `input` in order. Every transform leaves an empty buffer
    /// empty. Returns `input` itself when there is nothing to do.
    pub fn apply<'s>(&'s mut self, input: &'s [u8], ts: &[TransformOp]) -> &'s [u8] {
        if ts.is_empty() || input.is_empty() {
            return input;
        }
        transform_into(input, ts[0], &mut self.a);
        for &t in &ts[1..] {
            if self.a.is_empty() {
                break;
            }
            transform_into(&self.a, t, &mut self.b);
            std::mem::swap(&mut self.a, &mut self.b);
        }
        &self.a
    }
}

fn transform_into(cur: &[u8], t: TransformOp, out: &mut Vec<u8>) {
    out.clear();
    match t {
        TransformOp::DotPrefix => {
            out.push(b'.');
            out.extend_from_slice(cur);
        }
        TransformOp::ToLowercase => out.extend(cur.iter().map(u8::to_ascii_lowercase)),
        TransformOp::ToUppercase => out.extend(cur.iter().map(u8::to_ascii_uppercase)),
        TransformOp::StripWhitespace => out.extend(cur.iter().copied().filter(|c| !is_space(*c))),
        TransformOp::CompressWhitespace => {
            let mut space = false;
            for &c in cur {
                if !is_space(c) {
                    out.push(c);
                    space = false;
                } else if !space {
                    out.push(c);
                    space = true;
                }
            }
        }
        TransformOp::Domain => {
            if let Some(d) = psl::domain(cur) {
                out.extend_from_slice(d.as_bytes());
            }
        }
        TransformOp::Tld => {
            if let Some(d) = psl::domain(cur) {
                out.extend_from_slice(d.suffix().as_bytes());
            }
        }
    }
}
/// The end of the leftmost-first match of a pcre's `regex` in `buf`
/// (anchored at the start with the `A` flag). With `final_newline` (a pcre
/// whose every `$` ends its match, without the `m` and `E` flags), `$` also
/// matches just before a newline that ends `buf`, as PCRE2's does: such a
/// match is a match in `buf` without that newline, so both are searched and
/// the one that starts first is taken (on a tie, the one in the whole
/// buffer, as a greedy pattern would have it). The compiler decides
/// `final_newline` (`ferrule_compiler::lower::dollar`).
pub fn pcre_find(regex: &Regex, buf: &[u8], anchored: bool, final_newline: bool) -> Option<usize> {
    let find = |hay: &[u8]| {
        let mut input = Input::new(hay);
        if anchored {
            input = input.anchored(Anchored::Yes);
        }
        regex.find(input)
    };
    let whole = find(buf);
    let cut = match buf.split_last() {
        Some((b'\n', rest)) if final_newline => find(rest),
        _ => None,
    };
    match (whole, cut) {
        (Some(w), Some(c)) if c.start() < w.start() => Some(c.end()),
        (Some(w), _) => Some(w.end()),
        (None, c) => c.map(|c| c.end()),
    }
}
