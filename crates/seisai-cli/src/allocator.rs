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
/// it frees handed back to the system at once, then restores the delay.
///
/// A build frees much of what it allocates (the version files' text, each
/// entity's postings before they are merged) between the allocations it
/// keeps. With the default delay those pages stayed resident: with every
/// list of `../shared/data`, 505–533 MB after the build (peak 603–617 MB)
/// against 472–484 MB (peak 562–567 MB) when this was added, for ~0.1 s
/// more system time and a wall time the same within the noise
/// (BENCHMARKS.md, session 19). Screening afterwards frees and reuses
/// small buffers, which the default delay serves best.
pub fn releasing_freed_memory<R>(build: impl FnOnce() -> R) -> R {
    // SAFETY: reading and setting an option of the allocator linked into
    // this process; any value is valid for this option.
    let delay = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
    // SAFETY: as above.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
    let out = build();
    // SAFETY: `mi_collect` only returns free memory of this thread's heap
    // and the allocator's arenas; setting the option back as above.
    unsafe {
        libmimalloc_sys::mi_collect(true);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, delay);
    }
    out
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
    }
}
