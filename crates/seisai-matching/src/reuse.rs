//! Per-thread buffers that comparisons and searches reuse instead of
//! allocating them anew for every candidate.

use std::cell::RefCell;
use std::thread::LocalKey;

use rustc_hash::FxHashMap;

/// `f` of this thread's buffer in `key`, or of a fresh one when the
/// thread's is already in use (a comparison started inside another).
pub fn with_buffer<T: Default, R>(key: &'static LocalKey<RefCell<T>>, f: impl FnOnce(&mut T) -> R) -> R {
    key.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffer) => f(&mut buffer),
        Err(_) => f(&mut T::default()),
    })
}

/// Values a thread remembers for the query it handled last (by its
/// [`crate::matcher::TokenMatcher`] query number), at most
/// [`QueryMemo::CAPACITY`] of them: the candidates of one search repeat
/// the same name parts and forms many times, while another query's never
/// come back, so they are forgotten when the query changes, which keeps
/// the map small and hot.
pub(crate) struct QueryMemo<K, V> {
    query: u64,
    values: FxHashMap<K, V>,
}

impl<K, V> Default for QueryMemo<K, V> {
    fn default() -> Self {
        QueryMemo { query: 0, values: FxHashMap::default() }
    }
}

impl<K, V> QueryMemo<K, V> {
    /// Values remembered at most (then all are forgotten).
    pub(crate) const CAPACITY: usize = 1 << 14;

    /// The values remembered for `query`: empty when the values kept were
    /// another query's, or when there were [`QueryMemo::CAPACITY`].
    pub(crate) fn of(&mut self, query: u64) -> &mut FxHashMap<K, V> {
        if self.query != query || self.values.len() >= Self::CAPACITY {
            self.query = query;
            empty_for_next_query(&mut self.values);
        }
        &mut self.values
    }
}

/// Empties a map kept from one query to the next. Clearing a map writes
/// over its whole capacity, which one query with many candidates may
/// have grown tenfold beyond what most need: such a map is made anew
/// (at its first insert) rather than cleared.
fn empty_for_next_query<K, V>(map: &mut FxHashMap<K, V>) {
    /// Entries below which a map is always cleared.
    const SMALL: usize = 512;
    if map.capacity() > 4 * map.len().max(SMALL) {
        *map = FxHashMap::default();
    } else {
        map.clear();
    }
}
