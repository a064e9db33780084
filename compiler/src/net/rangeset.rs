//! Sorted, merged, inclusive integer ranges: the set algebra behind
//! [`AddressSet`](super::AddressSet) and [`PortSet`](super::PortSet).
//!
//! Suricata keeps addresses and ports as linked lists of non-overlapping
//! pieces that it cuts and re-inserts (`DetectAddressInsert`,
//! `DetectPortInsert`); removing every piece enclosed by a negation is, as a
//! set, `positives \ negations`. We keep the canonical form instead: sorted by
//! start, overlapping and adjacent ranges merged.

/// An unsigned integer type used as a range bound (`u16` ports, `u32` IPv4,
/// `u128` IPv6).
pub(crate) trait Bound: Copy + Ord + std::fmt::Debug {
    /// Smallest value.
    const ZERO: Self;
    /// Largest value.
    const MAX: Self;
    /// `self + 1`; callers ensure `self != MAX`.
    fn inc(self) -> Self;
    /// `self - 1`; callers ensure `self != ZERO`.
    fn dec(self) -> Self;
}

macro_rules! bound {
    ($($t:ty),*) => {$(
        impl Bound for $t {
            const ZERO: Self = 0;
            const MAX: Self = <$t>::MAX;
            fn inc(self) -> Self { self + 1 }
            fn dec(self) -> Self { self - 1 }
        }
    )*};
}
bound!(u16, u32, u128);

/// Sorts and merges overlapping or adjacent ranges in place.
pub(crate) fn normalize<T: Bound>(v: &mut Vec<(T, T)>) {
    if v.len() < 2 {
        return;
    }
    v.sort_unstable();
    let mut out: Vec<(T, T)> = Vec::with_capacity(v.len());
    for &(lo, hi) in v.iter() {
        if let Some(last) = out.last_mut() {
            // adjacent (last.1 + 1 == lo) or overlapping
            if last.1 == T::MAX || lo <= last.1.inc() {
                if hi > last.1 {
                    last.1 = hi;
                }
                continue;
            }
        }
        out.push((lo, hi));
    }
    *v = out;
}

/// Adds `[lo, hi]` to a normalized set.
pub(crate) fn insert<T: Bound>(v: &mut Vec<(T, T)>, lo: T, hi: T) {
    debug_assert!(lo <= hi);
    // ranges entirely before [lo, hi] with a gap of at least one value
    let start = v.partition_point(|&(_, h)| h < lo && h.inc() < lo);
    // ranges from `start` that overlap or touch [lo, hi]
    let touching = v[start..].partition_point(|&(l, _)| l <= hi || (hi != T::MAX && l == hi.inc()));
    let end = start + touching;
    let (mut nlo, mut nhi) = (lo, hi);
    if touching > 0 {
        nlo = nlo.min(v[start].0);
        nhi = nhi.max(v[end - 1].1);
    }
    v.splice(start..end, [(nlo, nhi)]);
}

/// Adds every range of `other` to `v`.
pub(crate) fn union_into<T: Bound>(v: &mut Vec<(T, T)>, other: &[(T, T)]) {
    if other.is_empty() {
        return;
    }
    v.extend_from_slice(other);
    normalize(v);
}

/// `a \ b` for normalized sets.
pub(crate) fn subtract<T: Bound>(a: &[(T, T)], b: &[(T, T)]) -> Vec<(T, T)> {
    let mut out = Vec::new();
    let mut j = 0;
    for &(lo, hi) in a {
        let mut cur = lo;
        let mut done = false;
        // skip negations entirely below this range
        while j < b.len() && b[j].1 < lo {
            j += 1;
        }
        let mut k = j;
        while k < b.len() && b[k].0 <= hi {
            let (blo, bhi) = b[k];
            if blo > cur {
                out.push((cur, blo.dec()));
            }
            if bhi >= hi {
                done = true;
                break;
            }
            if bhi >= cur {
                cur = bhi.inc();
            }
            k += 1;
        }
        if !done {
            out.push((cur, hi));
        }
    }
    out
}

/// True when the set is the whole space.
pub(crate) fn is_full<T: Bound>(v: &[(T, T)]) -> bool {
    v.len() == 1 && v[0] == (T::ZERO, T::MAX)
}

/// The complement of `[lo, hi]` (0, 1 or 2 ranges).
pub(crate) fn complement_of<T: Bound>(lo: T, hi: T) -> Vec<(T, T)> {
    let mut out = Vec::new();
    if lo > T::ZERO {
        out.push((T::ZERO, lo.dec()));
    }
    if hi < T::MAX {
        out.push((hi.inc(), T::MAX));
    }
    out
}

/// Membership test on a normalized set.
pub(crate) fn contains<T: Bound>(v: &[(T, T)], x: T) -> bool {
    // first range whose end is >= x
    let i = v.partition_point(|&(_, hi)| hi < x);
    i < v.len() && v[i].0 <= x
}

/// Minimal list of CIDR blocks `(network, prefix_len)` covering exactly
/// `[lo, hi]`, in an address space of `bits` bits (32 or 128).
pub(crate) fn cidr_cover(lo: u128, hi: u128, bits: u32) -> Vec<(u128, u32)> {
    let mask_of = |k: u32| -> u128 {
        if k >= 128 {
            u128::MAX
        } else {
            (1u128 << k) - 1
        }
    };
    let mut out = Vec::new();
    let mut lo = lo;
    loop {
        let mut k = if lo == 0 {
            bits
        } else {
            lo.trailing_zeros().min(bits)
        };
        // shrink the block until it fits under hi (no overflow: lo is aligned to 2^k)
        while k > 0 && lo + mask_of(k) > hi {
            k -= 1;
        }
        let end = lo + mask_of(k);
        out.push((lo, bits - k));
        if end >= hi {
            break;
        }
        lo = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_merges_adjacent_and_overlapping() {
        let mut v: Vec<(u16, u16)> = vec![(10, 20), (0, 5), (6, 9), (30, 40), (35, 50)];
        normalize(&mut v);
        assert_eq!(v, vec![(0, 20), (30, 50)]);
        let mut v: Vec<(u16, u16)> = vec![(0, u16::MAX), (5, 6)];
        normalize(&mut v);
        assert_eq!(v, vec![(0, u16::MAX)]);
    }

    #[test]
    fn insert_matches_normalize() {
        // every insertion order of some ranges gives the normalized union
        let items: [(u16, u16); 7] = [
            (10, 20),
            (0, 5),
            (6, 9),
            (30, 40),
            (35, 50),
            (52, 52),
            (65535, 65535),
        ];
        for rot in 0..items.len() {
            let mut v = Vec::new();
            for i in 0..items.len() {
                let (a, b) = items[(i + rot) % items.len()];
                insert(&mut v, a, b);
            }
            assert_eq!(v, vec![(0, 20), (30, 50), (52, 52), (65535, 65535)]);
        }
        let mut v = vec![(0u16, 10), (20, 30)];
        insert(&mut v, 11, 19);
        assert_eq!(v, vec![(0, 30)]);
        let mut v = vec![(5u16, 10)];
        insert(&mut v, 0, u16::MAX);
        assert_eq!(v, vec![(0, u16::MAX)]);
    }

    #[test]
    fn subtract_cases() {
        let a: Vec<(u16, u16)> = vec![(0, 100), (200, 300)];
        assert_eq!(
            subtract(&a, &[(50, 60)]),
            vec![(0, 49), (61, 100), (200, 300)]
        );
        assert_eq!(subtract(&a, &[(0, 100)]), vec![(200, 300)]);
        assert_eq!(subtract(&a, &[(0, 65535)]), vec![]);
        assert_eq!(subtract(&a, &[(90, 210)]), vec![(0, 89), (211, 300)]);
        assert_eq!(subtract(&a, &[(101, 199)]), a);
        assert_eq!(
            subtract(&[(0u16, u16::MAX)], &[(2, 2), (4, 4)]),
            vec![(0, 1), (3, 3), (5, u16::MAX)]
        );
    }

    #[test]
    fn cidr_cover_cases() {
        assert_eq!(cidr_cover(0, u32::MAX as u128, 32), vec![(0, 0)]);
        assert_eq!(cidr_cover(0, u128::MAX, 128), vec![(0, 0)]);
        assert_eq!(cidr_cover(5, 5, 32), vec![(5, 32)]);
        // 10.0.0.1 - 10.0.0.9
        let base = 0x0a00_0000u128;
        assert_eq!(
            cidr_cover(base + 1, base + 9, 32),
            vec![
                (base + 1, 32),
                (base + 2, 31),
                (base + 4, 30),
                (base + 8, 31)
            ]
        );
    }

    #[test]
    fn contains_works() {
        let v: Vec<(u32, u32)> = vec![(1, 3), (10, 10)];
        assert!(!contains(&v, 0));
        assert!(contains(&v, 1));
        assert!(contains(&v, 3));
        assert!(!contains(&v, 4));
        assert!(contains(&v, 10));
        assert!(!contains(&v, 11));
    }
}
