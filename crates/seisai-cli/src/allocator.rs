//! The process's allocator, mimalloc, and how the index build uses it.

/// mimalloc instead of glibc's allocator: the server and the batch commands
/// allocate from many threads (axum, rayon), and with glibc the server's
/// memory crept up after every list update; see BENCHMARKS.md "Soak with
/// live list updates".
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option `purge_delay` (`mi_option_purge_delay` of mimalloc
/// 3's `mimalloc.h`, which the bindings of `libmimalloc-sys` 0.1.49 do not
/// name): how many milliseconds a freed page waits before it is handed
/// back to the system (1,000 by default; 0: at once).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Runs `build` (reading the lists and building the index) with every page
/// it frees handed back to the system at once, then restores the delay and
/// maps the memory left in whole 2 MB regions with huge pages (see
/// [`Releasing`]'s `drop`).
///
/// A build frees much of what it allocates (the version files' text, each
/// entity's postings before they are merged) between the allocations it
/// keeps. With the default delay those pages stayed resident: with every
/// list of `../shared/data`, 505–533 MB after the build (peak 603–617 MB)
/// against 472–484 MB (peak 562–567 MB) when this was added, for ~0.1 s
/// more system time and a wall time the same within the noise
/// (BENCHMARKS.md, session 19). Screening afterwards frees and reuses
/// small buffers, which the default delay serves best.
///
/// The setting is the whole process's: builds that overlap (the server
/// drops the index an update replaced while it may build the next) share
/// it, and the delay comes back when the last of them ends (or panics).
pub fn releasing_freed_memory<R>(build: impl FnOnce() -> R) -> R {
    let _releasing = Releasing::start();
    build()
}

/// [`releasing_freed_memory`] as the server's memory scope
/// (`seisai_server::MemoryScope`): its updates (import and index build),
/// the drop of the index an update replaced, and the name dictionaries'
/// load.
pub fn release_freed_memory_during(work: &mut dyn FnMut()) {
    releasing_freed_memory(work)
}

/// How many builds run in [`releasing_freed_memory`], and the delay to
/// restore when the last ends.
static RELEASING: std::sync::Mutex<(usize, std::ffi::c_long)> = std::sync::Mutex::new((0, 0));

/// One build in [`releasing_freed_memory`], from its start until it ends
/// or panics.
struct Releasing;

impl Releasing {
    /// Starts a build: the first sets the delay to 0.
    fn start() -> Releasing {
        let mut running = RELEASING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if running.0 == 0 {
            // SAFETY: reading and setting an option of the allocator linked
            // into this process; any value is valid for this option.
            running.1 = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
            // SAFETY: as above.
            unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
        }
        running.0 += 1;
        Releasing
    }
}

impl Drop for Releasing {
    /// Ends a build: the last restores the delay, then has the memory the
    /// build left mapped with 2 MB pages where it lies resident in whole
    /// 2 MB regions ([`seisai_index::collapse_resident_regions`]): handing
    /// back the pages it freed split the huge pages around them, and a
    /// search reads the index all over (screening takes ~0.9 of the time;
    /// BENCHMARKS.md, session 22).
    fn drop(&mut self) {
        // SAFETY: `mi_collect` only returns free memory of this thread's
        // heap and the allocator's arenas.
        unsafe { libmimalloc_sys::mi_collect(true) };
        let last = {
            let mut running = RELEASING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            running.0 = running.0.saturating_sub(1);
            if running.0 == 0 {
                // SAFETY: setting an option of the allocator linked into this process.
                unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, running.1) };
            }
            running.0 == 0
        };
        if last {
            let done = seisai_index::collapse_resident_regions();
            tracing::debug!(
                resident = done.resident,
                collapsed = done.collapsed,
                refused = done.refused,
                rss_change_mb = done.rss_change as f64 / (1 << 20) as f64,
                ms = done.took.as_secs_f64() * 1000.0,
                "2 MB regions of the heap mapped with huge pages"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option's value now.
    fn purge_delay() -> std::ffi::c_long {
        // SAFETY: reading an option of the allocator linked into this process.
        unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }
    }

    #[test]
    fn the_build_hands_pages_back_at_once_and_screening_gets_the_delay_back() {
        let before = purge_delay();
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // mimalloc 3's default purge delay: `PURGE_DELAY` names that option.
            assert_eq!(before, 1000);
        }
        let during = releasing_freed_memory(|| (purge_delay(), vec![0u8; 1 << 20].len()));
        assert_eq!(during, (0, 1 << 20));
        assert_eq!(purge_delay(), before);
        // (One test: the option is the whole process's, and tests run side by side.)
        overlapping_builds_get_the_delay_back_when_the_last_ends(before);
    }

    fn overlapping_builds_get_the_delay_back_when_the_last_ends(before: std::ffi::c_long) {
        let (started, has_started) = std::sync::mpsc::channel();
        let (finish, may_finish) = std::sync::mpsc::channel::<()>();
        let other = std::thread::spawn(move || {
            releasing_freed_memory(|| {
                let _ = started.send(purge_delay());
                let _ = may_finish.recv();
                purge_delay()
            })
        });
        assert_eq!(has_started.recv().ok(), Some(0));
        let mut inner = None;
        release_freed_memory_during(&mut || inner = Some(purge_delay()));
        assert_eq!((inner, purge_delay()), (Some(0), 0), "the other build still runs");
        let _ = finish.send(());
        assert_eq!(other.join().ok(), Some(0));
        assert_eq!(purge_delay(), before);
        let panicked = std::panic::catch_unwind(|| releasing_freed_memory(|| panic!("a build that fails")));
        assert!(panicked.is_err());
        assert_eq!(purge_delay(), before, "restored after a panic too");
    }
}
