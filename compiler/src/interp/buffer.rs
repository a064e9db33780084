//! Buffer inspection: transforms (SEMANTICS §2.5) and the list of content /
//! pcre / bsize / isdataat tests on one buffer (SEMANTICS §2.4), written after
//! Suricata's `DetectEngineContentInspectionInternal`
//! (`src/detect-engine-content-inspection.c`), quirks included:
//!
//! - a content that matches but whose following tests fail is searched again
//!   from (start of match + 1) only when the next test is a content with
//!   `within` (Suricata's `DETECT_CONTENT_WITHIN_NEXT`); otherwise the whole
//!   buffer gives up;
//! - `endswith` retries later occurrences of the pattern until one ends the
//!   buffer (so `.example.com` + `endswith` matches `a.example.com.example.com`);
//! - a negated `endswith` content is true when the *first* occurrence found does
//!   not end the search window, even if a later one does;
//! - `depth` counts from `offset` (Suricata stores `offset + depth`);
//! - `startswith` is `offset:0; depth:<len>`.

use crate::ir::{Condition, Content, Match, Transform};
use regex_automata::meta::Regex;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

/// Why a buffer's tests failed (the first failing test).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BufferMiss {
    /// Index of the failing test in [`Condition::matches`] (the deepest test the
    /// search reached).
    pub index: usize,
    /// Short description of that test.
    pub what: String,
}

/// Apply the transforms of a condition, in order (SEMANTICS §2.5). Every
/// transform leaves an empty buffer empty (Suricata returns early on
/// `inspect_len == 0`).
pub fn apply_transforms<'b>(buf: &'b [u8], transforms: &[Transform]) -> Cow<'b, [u8]> {
    let mut cur: Cow<'b, [u8]> = Cow::Borrowed(buf);
    for t in transforms {
        if cur.is_empty() {
            break;
        }
        let next: Vec<u8> = match t {
            Transform::DotPrefix => {
                let mut v = Vec::with_capacity(cur.len() + 1);
                v.push(b'.');
                v.extend_from_slice(&cur);
                v
            }
            Transform::ToLowercase => cur.to_ascii_lowercase(),
            Transform::ToUppercase => cur.to_ascii_uppercase(),
            Transform::StripWhitespace => cur.iter().copied().filter(|c| !is_space(*c)).collect(),
            Transform::CompressWhitespace => {
                // Keep the first whitespace byte of each run, drop the rest.
                let mut v = Vec::with_capacity(cur.len());
                let mut space = false;
                for &c in cur.iter() {
                    if !is_space(c) {
                        v.push(c);
                        space = false;
                    } else if !space {
                        v.push(c);
                        space = true;
                    }
                }
                v
            }
            Transform::Domain => match psl::domain(&cur) {
                Some(d) => d.as_bytes().to_vec(),
                None => Vec::new(),
            },
            Transform::Tld => match psl::domain(&cur) {
                Some(d) => d.suffix().as_bytes().to_vec(),
                None => Vec::new(),
            },
            // Inert rules never get here; be conservative anyway.
            Transform::Other(..) => cur.to_vec(),
        };
        cur = Cow::Owned(next);
    }
    cur
}

/// C `isspace` in the "C" locale: the set Suricata's whitespace transforms use.
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// Run every test of `cond` on the (already transformed) buffer.
pub fn inspect(cond: &Condition, buf: &[u8]) -> Result<(), BufferMiss> {
    let mut st = State {
        buffer_offset: 0,
        deepest: 0,
    };
    if cond.matches.is_empty() {
        return Ok(());
    }
    match inspect_from(&cond.matches, 0, buf, &mut st) {
        Ret::Match => Ok(()),
        Ret::NoMatch | Ret::Discontinue => {
            let i = st.deepest.min(cond.matches.len() - 1);
            Err(BufferMiss {
                index: i,
                what: describe(&cond.matches[i]),
            })
        }
    }
}

/// Suricata's three-way result: 1 / 0 / -1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ret {
    Match,
    NoMatch,
    Discontinue,
}

/// `det_ctx->buffer_offset` and, for explanations, the deepest test reached.
struct State {
    buffer_offset: u32,
    deepest: usize,
}

fn inspect_from(ms: &[Match], i: usize, buf: &[u8], st: &mut State) -> Ret {
    st.deepest = st.deepest.max(i);
    let is_last = i + 1 == ms.len();
    let blen = buf.len() as u32;
    let r = match &ms[i] {
        Match::Content(cd) => return inspect_content(ms, i, cd, buf, st),
        Match::IsDataAt {
            negated,
            offset,
            relative,
            ..
        } => {
            if *relative {
                if st.buffer_offset as u64 + *offset as u64 > blen as u64 {
                    if *negated {
                        Ret::Match
                    } else {
                        Ret::Discontinue
                    }
                } else if *negated {
                    Ret::NoMatch
                } else {
                    Ret::Match
                }
            } else if *offset < blen {
                if *negated {
                    Ret::Discontinue
                } else {
                    Ret::Match
                }
            } else if *negated {
                Ret::Match
            } else {
                Ret::Discontinue
            }
        }
        Match::Bsize(cmp, _) => {
            // The buffers of SPEC §4 are complete when inspected (eof).
            if cmp.test(blen as u64) {
                Ret::Match
            } else {
                Ret::Discontinue
            }
        }
        Match::Pcre {
            pattern,
            flags,
            negated,
            final_newline,
            ..
        } => match pcre_find(pattern, flags, *final_newline, buf) {
            Some(Some(end)) => {
                if *negated {
                    Ret::NoMatch
                } else {
                    st.buffer_offset = end as u32;
                    Ret::Match
                }
            }
            Some(None) => {
                if *negated {
                    Ret::Match
                } else {
                    Ret::NoMatch
                }
            }
            None => Ret::Discontinue,
        },
        Match::Other { .. } => Ret::Discontinue,
    };
    if r == Ret::Match && !is_last {
        return inspect_from(ms, i + 1, buf, st);
    }
    r
}

fn inspect_content(ms: &[Match], i: usize, cd: &Content, buf: &[u8], st: &mut State) -> Ret {
    let is_last = i + 1 == ms.len();
    let blen = buf.len() as u32;
    let plen = cd.pattern.len() as u32;
    // Suricata's stored offset/depth: startswith is depth:len, offset:0; depth is
    // stored as offset + depth.
    let (c_offset, c_depth): (u32, u32) = if cd.startswith {
        (0, plen)
    } else {
        let off = cd.offset.unwrap_or(0) as u32;
        let dep = cd.depth.map(|d| d as u32 + off).unwrap_or(0);
        (off, dep)
    };
    let relative = cd.distance.is_some() || cd.within.is_some();
    // Suricata sets WITHIN_NEXT on a content whose next content has `within`.
    let within_next = matches!(ms.get(i + 1), Some(Match::Content(n)) if n.within.is_some());
    let mut prev_offset: u32 = 0;
    let mut prev_buffer_offset = st.buffer_offset;
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
                content_matched(ms, i, buf, st, is_last)
            } else {
                Ret::NoMatch
            };
        }
        let sbuffer = &buf[offset as usize..depth as usize];
        let sbuffer_len = depth - offset;
        // With endswith the window must reach the buffer end; a pattern longer
        // than the window cannot be found.
        let found = if (cd.endswith && depth < blen) || plen > sbuffer_len {
            None
        } else {
            find(sbuffer, &cd.pattern, cd.nocase).map(|p| p as u32 + offset)
        };
        let Some(found) = found else {
            if !cd.negated {
                if !relative {
                    return Ret::Discontinue;
                }
                return Ret::NoMatch;
            }
            return content_matched(ms, i, buf, st, is_last);
        };
        let match_offset = found + plen;
        if cd.negated {
            // The quirk: compares with the window length, first occurrence only.
            if cd.endswith && sbuffer_len != match_offset {
                return content_matched(ms, i, buf, st, is_last);
            }
            if !relative {
                return Ret::Discontinue;
            }
            return Ret::NoMatch;
        }
        st.buffer_offset = match_offset;
        if !cd.endswith || match_offset == blen {
            if is_last {
                return Ret::Match;
            }
            match inspect_from(ms, i + 1, buf, st) {
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

/// The `match:` label: this test held, go on with the next.
fn content_matched(ms: &[Match], i: usize, buf: &[u8], st: &mut State, is_last: bool) -> Ret {
    if is_last {
        Ret::Match
    } else {
        inspect_from(ms, i + 1, buf, st)
    }
}

/// First occurrence of `pat` in `hay` (`pat` is already lowercase when `nocase`).
fn find(hay: &[u8], pat: &[u8], nocase: bool) -> Option<usize> {
    if pat.is_empty() {
        return Some(0);
    }
    if pat.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - pat.len()).find(|&s| {
        let w = &hay[s..s + pat.len()];
        if nocase {
            w.eq_ignore_ascii_case(pat)
        } else {
            w == pat
        }
    })
}

/// Most compiled patterns kept per thread. Why a bound: a long-lived caller
/// (the `decide_differential` fuzz target, an embedder running `explain`
/// on many rule sets) sees ever new patterns, and an unbounded cache grew
/// by ~100 MB every 100,000 fuzz inputs until libFuzzer's 2 GB limit.
const PCRE_CACHE_MAX: usize = 256;

thread_local! {
    static PCRE_CACHE: RefCell<HashMap<(String, String), Option<Regex>>> = RefCell::new(HashMap::new());
}

/// Compile (cached per thread) and search. `None`: cannot compile (the rule
/// should have been inert); `Some(None)`: no match; `Some(Some(end))`: end of
/// the leftmost match.
///
/// Flags: `i` caseless, `s` dotall, `m` multiline, `x` extended, `G` ungreedy,
/// `A` anchored at the buffer start; `E` keeps `$` at the very end; `O`, `B`
/// change nothing here. Without `m` and `E`, `$` also matches before a final
/// newline, as PCRE's does (`final_newline`, from [`crate::lower::dollar`]).
fn pcre_find(pattern: &str, flags: &str, final_newline: bool, buf: &[u8]) -> Option<Option<usize>> {
    let key = (pattern.to_string(), flags.to_string());
    PCRE_CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= PCRE_CACHE_MAX && !c.contains_key(&key) {
            c.clear();
        }
        let re = c
            .entry(key)
            .or_insert_with(|| crate::lower::pcre::compile(pattern, flags));
        let re = re.as_ref()?;
        Some(ferrule_matcher::inspect::pcre_find(
            re,
            buf,
            flags.contains('A'),
            final_newline,
        ))
    })
}

/// One-line description of a test, for explanations.
pub fn describe(m: &Match) -> String {
    match m {
        Match::Content(c) => {
            // As a rule writes it: bytes that are not printable as |hex|.
            let mut s = format!(
                "content:{}\"{}\"",
                if c.negated { "!" } else { "" },
                crate::syntax::content::encode(&c.pattern)
            );
            for (on, name) in [
                (c.nocase, "nocase"),
                (c.startswith, "startswith"),
                (c.endswith, "endswith"),
            ] {
                if on {
                    s.push_str("; ");
                    s.push_str(name);
                }
            }
            if let Some(o) = c.offset {
                s.push_str(&format!("; offset:{o}"));
            }
            if let Some(d) = c.depth {
                s.push_str(&format!("; depth:{d}"));
            }
            if let Some(d) = c.distance {
                s.push_str(&format!("; distance:{d}"));
            }
            if let Some(w) = c.within {
                s.push_str(&format!("; within:{w}"));
            }
            s
        }
        Match::Pcre {
            pattern,
            flags,
            negated,
            ..
        } => format!(
            "pcre:{}\"/{pattern}/{flags}\"",
            if *negated { "!" } else { "" }
        ),
        Match::Bsize(c, _) => format!("bsize:{}", c.to_suricata()),
        Match::IsDataAt {
            negated,
            offset,
            relative,
            ..
        } => format!(
            "isdataat:{}{offset}{}",
            if *negated { "!" } else { "" },
            if *relative { ",relative" } else { "" }
        ),
        Match::Other { name, .. } => format!("{name} (not evaluated)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ever new patterns do not grow the per-thread cache past its bound,
    /// and a pattern still answers after the cache was emptied.
    #[test]
    fn pcre_cache_is_bounded() {
        for i in 0..3 * PCRE_CACHE_MAX {
            let pat = format!("^a{i}b");
            assert_eq!(
                pcre_find(&pat, "", true, format!("a{i}b").as_bytes()),
                Some(Some(2 + i.to_string().len()))
            );
            assert!(PCRE_CACHE.with(|c| c.borrow().len()) <= PCRE_CACHE_MAX);
        }
        assert_eq!(pcre_find("^x", "i", true, b"X"), Some(Some(1)));
    }
}
