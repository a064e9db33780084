//! In-order reassembly of the client's TCP byte stream, from its first byte up
//! to a cap.
//!
//! Policy (conservative: the extractors only ever see bytes in stream order,
//! with no hole):
//! - offsets are relative to the client's initial sequence number + 1;
//! - a segment that starts at or before the end of the contiguous data is
//!   appended from where the data ends (retransmitted / overlapping bytes
//!   already received are kept: first copy wins);
//! - a segment after a hole is held aside (at most `MAX_PENDING` segments, and
//!   their bytes count against the cap) until the hole is filled; a hole that
//!   is never filled means the request is never complete, so the flow is never
//!   decided at `AppRequest` (no guess);
//! - bytes beyond the cap are dropped and counted; the caller stops waiting.

/// Most out-of-order segments held per flow.
pub(crate) const MAX_PENDING: usize = 16;

/// What one segment did to the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Fed {
    /// The contiguous data grew.
    pub grew: bool,
    /// The segment was held as out of order.
    pub held: bool,
    /// Bytes dropped because of the cap or the pending-segment limit.
    pub dropped: usize,
}

#[derive(Debug, Default)]
pub(crate) struct Stream {
    data: Vec<u8>,
    pending: Vec<(u32, Vec<u8>)>,
    pending_bytes: usize,
    /// The cap was reached (data or pending bytes dropped).
    pub capped: bool,
}

impl Stream {
    /// The contiguous bytes from the start of the stream.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// Free every buffer (the stream is no longer needed).
    pub fn release(&mut self) {
        self.data = Vec::new();
        self.pending = Vec::new();
        self.pending_bytes = 0;
    }

    /// Bytes held (contiguous + pending).
    #[cfg(test)]
    pub fn held_bytes(&self) -> usize {
        self.data.len() + self.pending_bytes
    }

    /// Add the segment whose first byte is at stream offset `rel` (wrapping
    /// sequence arithmetic already applied by the caller: `rel` above 2^31
    /// means "before the start" and is ignored).
    pub fn feed(&mut self, rel: u32, seg: &[u8], cap: usize) -> Fed {
        let mut fed = Fed::default();
        if seg.is_empty() || rel > (1 << 31) {
            return fed;
        }
        let rel = rel as usize;
        let have = self.data.len();
        if rel > have {
            // Out of order: hold it if it fits under the cap.
            let end = rel.saturating_add(seg.len());
            if self.pending.len() >= MAX_PENDING
                || end > cap
                || self.data.len() + self.pending_bytes + seg.len() > cap
            {
                fed.dropped = seg.len();
                self.capped |= end > cap;
                return fed;
            }
            self.pending_bytes += seg.len();
            self.pending.push((rel as u32, seg.to_vec()));
            fed.held = true;
            return fed;
        }
        fed.dropped += self.append(rel, seg, cap);
        fed.grew = self.data.len() > have;
        // Pull in held segments that now touch the contiguous data.
        while let Some(i) = self
            .pending
            .iter()
            .position(|(r, _)| *r as usize <= self.data.len())
        {
            let (r, bytes) = self.pending.swap_remove(i);
            self.pending_bytes -= bytes.len();
            let before = self.data.len();
            fed.dropped += self.append(r as usize, &bytes, cap);
            fed.grew |= self.data.len() > before;
        }
        fed
    }

    /// Append the part of `seg` (at offset `rel <= data.len()`) past the end
    /// of the data, up to the cap; returns the bytes dropped by the cap.
    fn append(&mut self, rel: usize, seg: &[u8], cap: usize) -> usize {
        let skip = self.data.len() - rel;
        let Some(new) = seg.get(skip..) else {
            return 0;
        };
        let room = cap.saturating_sub(self.data.len() + self.pending_bytes);
        let take = new.len().min(room);
        self.data.extend_from_slice(&new[..take]);
        if take < new.len() {
            self.capped = true;
        }
        new.len() - take
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_order_out_of_order_overlap_and_cap() {
        let mut s = Stream::default();
        assert!(s.feed(0, b"abc", 10).grew);
        let f = s.feed(6, b"gh", 10);
        assert!(f.held && !f.grew);
        assert_eq!(s.data(), b"abc");
        // Overlap: "bcd" re-sends b, c (first copy kept) and adds d, e, f.
        let f = s.feed(1, b"XXdef", 10);
        assert!(f.grew);
        assert_eq!(s.data(), b"abcdefgh");
        assert_eq!(s.held_bytes(), 8);
        let f = s.feed(8, b"ijkl", 10);
        assert_eq!(f.dropped, 2);
        assert!(s.capped);
        assert_eq!(s.data(), b"abcdefghij");
        // Old data (before the start) is ignored.
        assert_eq!(s.feed(u32::MAX - 2, b"zz", 10), Fed::default());
    }

    #[test]
    fn pending_limit() {
        let mut s = Stream::default();
        for i in 0..MAX_PENDING as u32 {
            assert!(s.feed(10 + 2 * i, b"x", 1000).held);
        }
        assert_eq!(s.feed(100, b"y", 1000).dropped, 1);
    }
}
