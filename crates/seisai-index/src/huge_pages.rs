//! Mapping the memory a build leaves with 2 MB pages instead of 4 KB ones.
//!
//! A search reads a few dozen candidates scattered over the hundreds of
//! megabytes of prepared names, and each read of a candidate's record,
//! names, forms and parts needs its page's address translated. Mapped in
//! 4 KB pages, those translations miss the processor's TLB almost every
//! time; in 2 MB pages the whole index fits in it. The kernel gives an
//! allocator's memory 2 MB pages when it asks (transparent huge pages),
//! but a build frees much of what it allocated, and the allocator hands
//! those pages back to the system (see `seisai`'s allocator): each page
//! handed back splits the 2 MB page around it into 4 KB ones, and when
//! the allocator fills the hole again it stays split.
//!
//! [`collapse_resident_regions`] asks the kernel (Linux ≥ 6.1,
//! `MADV_COLLAPSE`) to map again with one 2 MB page each aligned 2 MB
//! region of the process's private anonymous memory that is resident
//! through and through: it adds no memory (every 4 KB page of the region
//! is already in use), only a copy. Regions with holes are left as they
//! are, since collapsing them would make the holes resident. (A page only
//! ever read maps the kernel's shared zero page, which counts as resident
//! here but not in the process's RSS: a region of such pages would be
//! given 2 MB of its own. [`Collapsed::rss_change`] shows whether that
//! happened; after an index build it is about nil, see BENCHMARKS.md,
//! session 22.)

use std::time::{Duration, Instant};

/// The size of a transparent huge page on x86-64 and most of aarch64.
const HUGE_PAGE: usize = 2 << 20;

/// The size of a base page (checked at run time: see [`base_page`]).
const BASE_PAGE: usize = 4096;

/// What [`collapse_resident_regions`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Collapsed {
    /// Aligned 2 MB regions of private anonymous memory found resident
    /// through and through.
    pub resident: usize,
    /// Of those, the regions now mapped with one 2 MB page (including any
    /// that already were).
    pub collapsed: usize,
    /// The regions the kernel did not collapse: all of them before Linux
    /// 6.1 (no `MADV_COLLAPSE`) or with transparent huge pages disabled;
    /// otherwise those it found no free 2 MB page for, or that changed
    /// meanwhile.
    pub refused: usize,
    /// How much the process's resident memory changed meanwhile, in bytes
    /// (with what other threads allocated or freed at the same time).
    pub rss_change: i64,
    /// How long it took.
    pub took: Duration,
}

/// Maps every aligned 2 MB region of the process's private anonymous
/// memory whose 4 KB pages are all resident with one 2 MB page (see the
/// module's documentation). A no-op, returning the default, outside Linux
/// or where base pages are not 4 KB.
pub fn collapse_resident_regions() -> Collapsed {
    let started = Instant::now();
    let mut done = Collapsed::default();
    #[cfg(target_os = "linux")]
    if base_page() == Some(BASE_PAGE) {
        let before = resident_bytes();
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
        let mut resident = vec![0u8; HUGE_PAGE / BASE_PAGE];
        let regions = maps.lines().filter_map(anonymous_range).flat_map(|(start, end)| aligned_regions(start, end));
        for region in regions {
            if fully_resident(region, &mut resident) {
                done.resident += 1;
                if collapse(region) {
                    done.collapsed += 1;
                } else {
                    done.refused += 1;
                }
            }
        }
        done.rss_change = resident_bytes() - before;
    }
    done.took = started.elapsed();
    done
}

/// The start and end of a private, writable mapping of no file (the heap
/// and the allocator's anonymous mappings) in a line of `/proc/self/maps`
/// (`start-end perms offset device inode [path]`). Stacks and the
/// kernel's special mappings (`[stack]`, `[vvar]`) are left out.
fn anonymous_range(line: &str) -> Option<(usize, usize)> {
    let mut fields = line.split_whitespace();
    let range = fields.next()?;
    let perms = fields.next()?;
    let inode = fields.nth(2)?;
    let path = fields.next();
    if !perms.starts_with("rw") || !perms.ends_with('p') || inode != "0" || path.is_some_and(|p| p != "[heap]") {
        return None;
    }
    address_range(range)
}

/// The addresses of a mapping as `/proc/self/maps` and `smaps` write them
/// (`start-end`, in hexadecimal).
fn address_range(field: &str) -> Option<(usize, usize)> {
    let (start, end) = field.split_once('-')?;
    Some((usize::from_str_radix(start, 16).ok()?, usize::from_str_radix(end, 16).ok()?))
}

/// The starts of the aligned 2 MB regions inside `start..end`.
fn aligned_regions(start: usize, end: usize) -> impl Iterator<Item = usize> {
    let first = start.div_ceil(HUGE_PAGE).saturating_mul(HUGE_PAGE);
    (first..end).step_by(HUGE_PAGE).take_while(move |r| r.checked_add(HUGE_PAGE).is_some_and(|e| e <= end))
}

/// The system's base page size.
#[cfg(target_os = "linux")]
fn base_page() -> Option<usize> {
    // SAFETY: sysconf reads a constant of the system.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(size).ok()
}

/// The process's resident memory in bytes (`/proc/self/statm`), 0 if unreadable.
#[cfg(target_os = "linux")]
fn resident_bytes() -> i64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: i64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    pages * BASE_PAGE as i64
}

/// Whether every base page of the 2 MB region at `region` is resident
/// (`scratch` holds one byte per base page).
#[cfg(target_os = "linux")]
fn fully_resident(region: usize, scratch: &mut [u8]) -> bool {
    // SAFETY: mincore only reads the page tables of the range and writes
    // one byte per base page into `scratch`, which has room for all of
    // them; a range no longer mapped makes it fail (ENOMEM), not fault.
    let status = unsafe { libc::mincore(region as *mut libc::c_void, HUGE_PAGE, scratch.as_mut_ptr()) };
    status == 0 && scratch.iter().all(|page| page & 1 == 1)
}

/// Asks the kernel to map the 2 MB region at `region` with one page;
/// whether it did.
#[cfg(target_os = "linux")]
fn collapse(region: usize) -> bool {
    // SAFETY: MADV_COLLAPSE changes how the range is mapped, never what it
    // holds (the kernel copies the pages under its locks, as its own
    // khugepaged does for any process); a range no longer mapped makes it
    // fail, not fault.
    let status = unsafe { libc::madvise(region as *mut libc::c_void, HUGE_PAGE, libc::MADV_COLLAPSE) };
    status == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_private_anonymous_mappings_only() {
        let maps = "\
7f0000000000-7f0000400000 rw-p 00000000 00:00 0 \n\
55d000000000-55d000021000 rw-p 00000000 00:00 0                          [heap]\n\
7f1000000000-7f1000001000 r--p 00000000 fd:01 1234                       /usr/lib/libc.so.6\n\
7f2000000000-7f2000200000 rw-p 00000000 fd:01 99                         /tmp/file\n\
7f3000000000-7f3000200000 rw-s 00000000 00:01 5                          /dev/zero (deleted)\n\
7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0                          [stack]\n\
7f4000000000-7f4000200000 ---p 00000000 00:00 0 \n\
garbage line\n\
zz-7f rw-p 00000000 00:00 0";
        let ranges: Vec<(usize, usize)> = maps.lines().filter_map(anonymous_range).collect();
        assert_eq!(ranges, [(0x7f00_0000_0000, 0x7f00_0040_0000), (0x55d0_0000_0000, 0x55d0_0002_1000)]);
    }

    #[test]
    fn regions_are_aligned_and_inside_the_mapping() {
        let mb = 1 << 20;
        assert_eq!(aligned_regions(0, 4 * mb).collect::<Vec<_>>(), [0, 2 * mb]);
        assert_eq!(aligned_regions(mb, 6 * mb).collect::<Vec<_>>(), [2 * mb, 4 * mb]);
        assert_eq!(aligned_regions(mb, 5 * mb).collect::<Vec<_>>(), [2 * mb]);
        assert_eq!(aligned_regions(mb, 3 * mb).count(), 0);
        assert_eq!(aligned_regions(usize::MAX - 3 * mb, usize::MAX).count(), 0);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn collapses_a_resident_region_and_keeps_its_contents() {
        // Three huge pages' worth, so that one aligned region lies inside.
        let mut buffer: Vec<u64> = (0..(3 * HUGE_PAGE / 8) as u64).collect();
        let sum: u64 = buffer.iter().sum();
        let region = (buffer.as_ptr() as usize).div_ceil(HUGE_PAGE) * HUGE_PAGE;
        let done = collapse_resident_regions();
        // The buffer is resident through and through (just written).
        assert!(done.resident >= 1, "{done:?}");
        if done.collapsed > 0 {
            // A kernel that collapses: the buffer's region is one huge page.
            assert!(huge_kb_of_mapping_at(region) >= 2048, "{done:?}");
        }
        assert_eq!(buffer.iter().sum::<u64>(), sum);
        buffer[HUGE_PAGE / 8] = 7;
        assert_eq!(buffer[HUGE_PAGE / 8], 7);
    }

    /// The `AnonHugePages` of the mapping holding `address`, in kB.
    #[cfg(target_os = "linux")]
    fn huge_kb_of_mapping_at(address: usize) -> usize {
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap_or_default();
        let mut inside = false;
        for line in smaps.lines() {
            if let Some((start, end)) = line.split_whitespace().next().and_then(address_range) {
                inside = (start..end).contains(&address);
                continue;
            }
            if let Some(kb) = line.strip_prefix("AnonHugePages:").filter(|_| inside) {
                return kb.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
            }
        }
        0
    }
}
