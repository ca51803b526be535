//! The postings of every lookup key in one array, with each key's place in
//! it: a list of its own per key would cost a vector header and an
//! allocation for each of ~480,000 keys (~20 MB with the allocator's
//! overhead), more than the ~4 million postings themselves.

use rustc_hash::FxHashMap;

/// Key → its postings (sorted), stored one list after another.
#[derive(Default)]
pub(crate) struct Postings {
    /// Key → (start in `all`, length).
    at: FxHashMap<u64, (u32, u32)>,
    all: Vec<u32>,
}

impl Postings {
    /// The postings of the (key, posting) pairs `pairs` gives (each time
    /// the same: it is walked twice, to count and to fill), kept in the
    /// order it gives them: pairs in entity order give sorted postings.
    pub(crate) fn of<I: Iterator<Item = (u64, u32)>>(pairs: impl Fn() -> I) -> Self {
        let mut at: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
        for (k, _) in pairs() {
            at.entry(k).or_default().1 += 1;
        }
        // Each key's start; its length counts up again as it is filled.
        let mut start = 0u32;
        for (s, n) in at.values_mut() {
            *s = start;
            start += std::mem::take(n);
        }
        let mut all = vec![0u32; start as usize];
        for (k, posting) in pairs() {
            if let Some((s, n)) = at.get_mut(&k) {
                if let Some(slot) = all.get_mut((*s + *n) as usize) {
                    *slot = posting;
                }
                *n += 1;
            }
        }
        at.shrink_to_fit();
        Postings { at, all }
    }

    /// The postings of key `k`, if indexed.
    #[inline]
    pub(crate) fn get(&self, k: &u64) -> Option<&[u32]> {
        let &(s, n) = self.at.get(k)?;
        self.all.get(s as usize..(s + n) as usize)
    }

    /// Whether key `k` is indexed.
    pub(crate) fn contains_key(&self, k: &u64) -> bool {
        self.at.contains_key(k)
    }

    /// The number of keys.
    pub(crate) fn len(&self) -> usize {
        self.at.len()
    }

    /// The number of postings of all keys.
    pub(crate) fn posting_count(&self) -> usize {
        self.all.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_keeps_its_postings_in_order() {
        let lists = vec![vec![(7, 1), (9, 2)], vec![(7, 5)], vec![], vec![(9, 8), (3, 9), (7, 12)]];
        let p = Postings::of(|| lists.iter().flatten().copied());
        assert_eq!(p.get(&7), Some(&[1, 5, 12][..]));
        assert_eq!(p.get(&9), Some(&[2, 8][..]));
        assert_eq!(p.get(&3), Some(&[9][..]));
        assert_eq!(p.get(&4), None);
        assert!(p.contains_key(&3) && !p.contains_key(&4));
        assert_eq!((p.len(), p.posting_count()), (3, 6));
        assert_eq!(Postings::of(std::iter::empty).posting_count(), 0);
    }
}
