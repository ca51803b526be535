//! Compact in-memory dictionary: all kept strings live in one pool, entries
//! are fixed-size records pointing into it, and an index of (headword hash,
//! entry) pairs sorted by hash finds the entries of a headword by binary
//! search. Loading ENAMDICT makes no allocation per line.

use std::hash::{BuildHasher, RandomState};

/// Kinds of name an entry is listed as (bit set).
pub(crate) mod tag {
    /// Surname (ENAMDICT `s`, IPADIC 人名,姓).
    pub const SURNAME: u16 = 1;
    /// Given name (ENAMDICT `g`, `m`, `f`; IPADIC 人名,名).
    pub const GIVEN: u16 = 1 << 1;
    /// Full name of a particular person (ENAMDICT `h`).
    pub const PERSON: u16 = 1 << 2;
    /// Place (ENAMDICT `p`, `st`; IPADIC 地域).
    pub const PLACE: u16 = 1 << 3;
    /// Company or organisation (ENAMDICT `c`, `o`; IPADIC 組織).
    pub const ORG: u16 = 1 << 4;
    /// Anything else (product, work, unclassified).
    pub const OTHER: u16 = 1 << 5;
}

/// A span of the string pool.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Span {
    start: u32,
    len: u32,
}

/// One dictionary record.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    head: Span,
    /// Kana reading (empty for katakana headwords).
    reading: Span,
    /// Latin forms separated by `/` (kept for person entries and katakana
    /// headwords only).
    latin: Span,
    /// [`tag`] bits.
    pub(crate) tags: u16,
    /// IPADIC word cost (lower is more common); `u16::MAX` when not from IPADIC.
    pub(crate) cost: u16,
}

/// The dictionary.
#[derive(Default)]
pub(crate) struct Store {
    pool: String,
    entries: Vec<Entry>,
    /// (hash of headword, entry number), sorted once loading is done. The
    /// hash is [`Store::head_hash`]: 32 bits (8 bytes a pair, not 16: ~6 MB
    /// less with ENAMDICT and IPADIC); [`Store::lookup`] compares the
    /// headwords of the entries it finds, so a hash shared by two
    /// headwords only costs a comparison.
    index: Vec<(u32, u32)>,
    hasher: RandomState,
}

impl Store {
    fn span(&mut self, text: &str) -> Span {
        let start = self.pool.len() as u32;
        self.pool.push_str(text);
        Span { start, len: text.len() as u32 }
    }

    /// Adds an entry.
    pub(crate) fn add(&mut self, head: &str, reading: &str, latin: &str, tags: u16, cost: u16) {
        if self.pool.len() + head.len() + reading.len() + latin.len() >= u32::MAX as usize {
            return;
        }
        let head_span = self.span(head);
        let reading = self.span(reading);
        let latin = self.span(latin);
        let id = self.entries.len() as u32;
        self.index.push((self.head_hash(head), id));
        self.entries.push(Entry { head: head_span, reading, latin, tags, cost });
    }

    /// Text of a span.
    pub(crate) fn text(&self, span: Span) -> &str {
        let start = span.start as usize;
        self.pool.get(start..start + span.len as usize).unwrap_or("")
    }

    /// The hash of headword `head` in the index (its low 32 bits).
    fn head_hash(&self, head: &str) -> u32 {
        self.hasher.hash_one(head) as u32
    }

    /// Reading (kana) of an entry.
    pub(crate) fn reading(&self, entry: &Entry) -> &str {
        self.text(entry.reading)
    }

    /// Latin forms of an entry.
    pub(crate) fn latin<'a>(&'a self, entry: &Entry) -> impl Iterator<Item = &'a str> {
        self.text(entry.latin).split('/').filter(|s| !s.is_empty())
    }

    /// All entries whose headword is `head`, in the order they were added
    /// (only after [`Store::finish`]).
    pub(crate) fn lookup<'a>(&'a self, head: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        let hash = self.head_hash(head);
        let first = self.index.partition_point(|(h, _)| *h < hash);
        self.index
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |(h, _)| *h == hash)
            .filter_map(|(_, id)| self.entries.get(*id as usize))
            .filter(move |entry| self.text(entry.head) == head)
    }

    /// The headwords of every entry, in the order they were added.
    #[cfg(test)]
    pub(crate) fn headwords(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| self.text(e.head))
    }

    /// An empty store whose entries can later be [`Store::append`]ed to this
    /// one (same headword hashing).
    pub(crate) fn sibling(&self) -> Store {
        Store { hasher: self.hasher.clone(), ..Store::default() }
    }

    /// Moves the entries of a [`Store::sibling`] into this store.
    pub(crate) fn append(&mut self, other: Store) {
        let shift = self.pool.len() as u32;
        let first = self.entries.len() as u32;
        if self.pool.len() + other.pool.len() >= u32::MAX as usize {
            return;
        }
        self.pool.push_str(&other.pool);
        let moved = |span: Span| Span { start: span.start + shift, len: span.len };
        self.entries.extend(other.entries.iter().map(|e| Entry {
            head: moved(e.head),
            reading: moved(e.reading),
            latin: moved(e.latin),
            ..*e
        }));
        self.index.extend(other.index.iter().map(|(hash, id)| (*hash, id + first)));
    }

    /// Reserves room for about `entries` more entries and `bytes` of text.
    pub(crate) fn reserve(&mut self, entries: usize, bytes: usize) {
        self.entries.reserve(entries);
        self.index.reserve(entries);
        self.pool.reserve(bytes);
    }

    /// Approximate heap size in bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.pool.capacity()
            + self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.index.capacity() * std::mem::size_of::<(u32, u32)>()
    }

    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Sorts the index and releases spare capacity once loading is done.
    pub(crate) fn finish(&mut self) {
        self.index.sort_unstable();
        self.pool.shrink_to_fit();
        self.entries.shrink_to_fit();
        self.index.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_entries_by_headword() {
        let mut store = Store::default();
        store.add("安倍", "あべ", "", tag::SURNAME, u16::MAX);
        store.add("晋三", "しんぞう", "", tag::GIVEN, u16::MAX);
        store.add("安倍", "あんばい", "", tag::SURNAME, u16::MAX);
        store.finish();
        let readings: Vec<&str> = store.lookup("安倍").map(|e| store.reading(e)).collect();
        assert_eq!(readings.len(), 2);
        assert!(readings.contains(&"あべ") && readings.contains(&"あんばい"));
        assert_eq!(store.lookup("安").count(), 0);
        assert_eq!(store.len(), 3);

        let mut other = store.sibling();
        other.add("安倍", "あべ", "", tag::SURNAME, 7402);
        store.append(other);
        store.finish();
        let costs: Vec<u16> = store.lookup("安倍").map(|e| e.cost).collect();
        assert_eq!(costs.len(), 3);
        assert!(costs.contains(&7402));
        assert_eq!(store.lookup("晋三").map(|e| store.reading(e)).collect::<Vec<_>>(), ["しんぞう"]);
    }
}
