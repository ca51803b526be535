//! How the service runs the work that allocates and frees much memory
//! at once: loading the name dictionaries, an update (its import and the
//! build of the new index), dropping the index an update took out of
//! service.
//!
//! Whether the pages such work frees go back to the system at once is
//! the allocator's business, and the allocator is the binary's: `seisai`
//! runs on mimalloc, which by default keeps a freed page for a second
//! before handing it back, and hands it back later only if the thread
//! that freed it allocates again. The threads of a build or of the
//! dictionaries' load then sit idle, and what they freed stayed resident
//! (a server with no lists held ~190 MB instead of ~83 MB, and one with
//! every list of `../shared/data` ~550 MB instead of ~485 MB;
//! BENCHMARKS.md, session 20). The binary passes a
//! [`MemoryScope`] that hands those pages back at once for the duration
//! of the work; a library user on the system allocator keeps the default,
//! [`MemoryScope::SYSTEM`], which has glibc hand back its free memory
//! after the work.

/// Runs a piece of memory-heavy work (see the module's documentation):
/// the function is given the work and must run it once.
#[derive(Clone, Copy)]
pub struct MemoryScope(pub fn(&mut dyn FnMut()));

impl MemoryScope {
    /// The scope for the system allocator: runs the work, then has glibc
    /// return the free memory of its arenas ([`seisai_index::trim_heap`])
    /// and maps what stays in whole 2 MB regions with huge pages
    /// ([`seisai_index::collapse_resident_regions`]; ~1 s with every list
    /// of `../shared/data` on glibc, against ~0.15 s on mimalloc).
    pub const SYSTEM: MemoryScope = MemoryScope(|work| {
        work();
        seisai_index::trim_heap();
        seisai_index::collapse_resident_regions();
    });

    /// Runs `work` in this scope and returns what it returns.
    pub fn run<R>(self, work: impl FnOnce() -> R) -> R {
        let mut work = Some(work);
        let mut out = None;
        (self.0)(&mut || {
            if let Some(w) = work.take() {
                out = Some(w());
            }
        });
        match (out, work) {
            (Some(out), _) => out,
            // A scope that did not run the work: it runs here, outside any scope.
            (None, Some(w)) => w(),
            // Taken, so run: it can only have ended without a result by a
            // panic that the scope caught and swallowed.
            (None, None) => panic!("the work of a memory scope panicked and the scope swallowed the panic"),
        }
    }
}

impl Default for MemoryScope {
    fn default() -> Self {
        MemoryScope::SYSTEM
    }
}

impl std::fmt::Debug for MemoryScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemoryScope(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static AROUND: AtomicUsize = AtomicUsize::new(0);

    fn counting(work: &mut dyn FnMut()) {
        AROUND.fetch_add(1, Ordering::SeqCst);
        work();
        AROUND.fetch_add(10, Ordering::SeqCst);
    }

    #[test]
    fn the_work_runs_once_inside_the_scope_and_its_result_comes_back() {
        let mut runs = 0;
        let out = MemoryScope(counting).run(|| {
            runs += 1;
            assert_eq!(AROUND.load(Ordering::SeqCst) % 10, 1, "inside the scope");
            "built"
        });
        assert_eq!((out, runs, AROUND.load(Ordering::SeqCst)), ("built", 1, 11));
        assert_eq!(MemoryScope::SYSTEM.run(|| 7), 7);
    }

    #[test]
    fn work_a_scope_left_out_still_runs() {
        let mut runs = 0;
        let out = MemoryScope(|_| {}).run(|| {
            runs += 1;
            3
        });
        assert_eq!((out, runs), (3, 1));
    }
}
