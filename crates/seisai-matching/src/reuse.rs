//! Per-thread buffers that comparisons and searches reuse instead of
//! allocating them anew for every candidate.

use std::cell::RefCell;
use std::thread::LocalKey;

/// `f` of this thread's buffer in `key`, or of a fresh one when the
/// thread's is already in use (a comparison started inside another).
pub fn with_buffer<T: Default, R>(key: &'static LocalKey<RefCell<T>>, f: impl FnOnce(&mut T) -> R) -> R {
    key.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffer) => f(&mut buffer),
        Err(_) => f(&mut T::default()),
    })
}

/// Empties a map kept from one query to the next. Clearing a map writes
/// over its whole capacity, which one query with many candidates may
/// have grown tenfold beyond what most need: such a map is made anew
/// (at its first insert) rather than cleared.
pub(crate) fn empty_for_next_query<K, V>(map: &mut rustc_hash::FxHashMap<K, V>) {
    /// Entries below which a map is always cleared.
    const SMALL: usize = 512;
    if map.capacity() > 4 * map.len().max(SMALL) {
        *map = rustc_hash::FxHashMap::default();
    } else {
        map.clear();
    }
}
