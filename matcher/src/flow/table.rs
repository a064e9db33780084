//! The flow table: a hash map from [`FlowKey`] to a slot of a slab, and an
//! intrusive doubly linked list of the slots in order of last use, so that a
//! lookup, a touch, the eviction of the least recently used flow and the
//! expiry of the idlest flow are all O(1).

use super::FlowKey;
use std::collections::HashMap;

const NIL: u32 = u32::MAX;

struct Slot<T> {
    key: FlowKey,
    prev: u32,
    next: u32,
    value: Option<T>,
}

/// Slab + LRU list. `head` is the most recently used slot, `tail` the least.
pub(crate) struct Table<T> {
    map: HashMap<FlowKey, u32>,
    slots: Vec<Slot<T>>,
    free: Vec<u32>,
    head: u32,
    tail: u32,
}

impl<T> Table<T> {
    pub fn new() -> Self {
        Table {
            map: HashMap::new(),
            slots: Vec::new(),
            free: Vec::new(),
            head: NIL,
            tail: NIL,
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn get(&self, key: &FlowKey) -> Option<&T> {
        let i = *self.map.get(key)?;
        self.slots.get(i as usize)?.value.as_ref()
    }

    /// The slot of `key`, if present.
    pub fn find(&self, key: &FlowKey) -> Option<u32> {
        self.map.get(key).copied()
    }

    pub fn slot_mut(&mut self, i: u32) -> Option<&mut T> {
        self.slots.get_mut(i as usize)?.value.as_mut()
    }

    /// Mark slot `i` as the most recently used.
    pub fn touch(&mut self, i: u32) {
        if self.head == i {
            return;
        }
        self.unlink(i);
        self.push_front(i);
    }

    /// Insert a new entry (the key must be absent) as the most recently used.
    pub fn insert(&mut self, key: FlowKey, value: T) -> u32 {
        let i = match self.free.pop() {
            Some(i) => {
                let s = &mut self.slots[i as usize];
                s.key = key;
                s.value = Some(value);
                i
            }
            None => {
                self.slots.push(Slot {
                    key,
                    prev: NIL,
                    next: NIL,
                    value: Some(value),
                });
                (self.slots.len() - 1) as u32
            }
        };
        self.push_front(i);
        self.map.insert(key, i);
        i
    }

    /// The least recently used entry.
    pub fn lru(&self) -> Option<&T> {
        if self.tail == NIL {
            return None;
        }
        self.slots.get(self.tail as usize)?.value.as_ref()
    }

    /// Remove and return the least recently used entry.
    pub fn pop_lru(&mut self) -> Option<T> {
        if self.tail == NIL {
            return None;
        }
        self.remove(self.tail)
    }

    /// Remove slot `i`.
    pub fn remove(&mut self, i: u32) -> Option<T> {
        let value = self.slots.get_mut(i as usize)?.value.take()?;
        self.unlink(i);
        let key = self.slots[i as usize].key;
        self.map.remove(&key);
        self.free.push(i);
        Some(value)
    }

    fn unlink(&mut self, i: u32) {
        let (prev, next) = {
            let s = &self.slots[i as usize];
            (s.prev, s.next)
        };
        if prev == NIL {
            self.head = next;
        } else {
            self.slots[prev as usize].next = next;
        }
        if next == NIL {
            self.tail = prev;
        } else {
            self.slots[next as usize].prev = prev;
        }
        let s = &mut self.slots[i as usize];
        s.prev = NIL;
        s.next = NIL;
    }

    fn push_front(&mut self, i: u32) {
        let old = self.head;
        {
            let s = &mut self.slots[i as usize];
            s.prev = NIL;
            s.next = old;
        }
        if old != NIL {
            self.slots[old as usize].prev = i;
        } else {
            self.tail = i;
        }
        self.head = i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IpProto;

    fn key(n: u16) -> FlowKey {
        FlowKey::new(
            IpProto::Tcp,
            ("10.0.0.1".parse().unwrap(), n),
            ("10.0.0.2".parse().unwrap(), 80),
        )
    }

    #[test]
    fn lru_order_touch_remove_reuse() {
        let mut t = Table::new();
        let a = t.insert(key(1), 1);
        t.insert(key(2), 2);
        t.insert(key(3), 3);
        assert_eq!(t.lru(), Some(&1));
        t.touch(a);
        assert_eq!(t.pop_lru(), Some(2));
        assert_eq!(t.pop_lru(), Some(3));
        assert_eq!(t.len(), 1);
        let d = t.insert(key(4), 4);
        assert!(d < 3, "freed slot reused");
        assert_eq!(t.get(&key(4)), Some(&4));
        assert_eq!(t.pop_lru(), Some(1));
        assert_eq!(t.pop_lru(), Some(4));
        assert_eq!(t.pop_lru(), None);
        assert!(t.get(&key(1)).is_none());
    }
}
