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
