//! Asking the processor ahead of time for the memory a candidate's
//! ranking reads.
//!
//! A prepared entity lies in pieces linked by pointers (the entity, its
//! names, each name's forms, each form's parts and joined parts), and the
//! ranking of a candidate waits for each piece in turn: most of the cost
//! of a candidate the bound leaves out. A search knows its candidates in
//! advance, so it can ask for the pieces of the next few, one level of
//! pointers per candidate ranked ([`Depth`]): each level's pointers were
//! asked for one candidate earlier, and have arrived by then.

use crate::score::Prepared;

/// How deep into a prepared entity [`Prepared::prefetch`] reaches: each
/// level reads the pointers the one before fetched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// The entity's own record.
    Entity,
    /// Its names and secondary features (read from the entity's record).
    Names,
    /// Its names' forms (read from the names).
    Forms,
    /// The forms' parts and joined parts (read from the forms).
    Parts,
}

impl Depth {
    /// The levels in the order a search asks for them, each with how many
    /// candidates ahead of the one ranked: from the next candidate's parts
    /// to the record of the fourth next.
    pub const AHEAD: [(usize, Depth); 4] = [(1, Depth::Parts), (2, Depth::Forms), (3, Depth::Names), (4, Depth::Entity)];
}

/// The most cache lines asked for one piece (a long piece is rare and its
/// first lines are read first).
const MOST_LINES: usize = 8;

/// The size of a cache line.
const LINE: usize = 64;

impl Prepared {
    /// Asks the processor to fetch the memory at `depth` of this entity
    /// (a hint: nothing changes, only later reads are faster). With
    /// `shared`, the sets of query forms each of its forms shares a lookup
    /// key with (names in order, see
    /// [`crate::score::rank_above_with_shared_keys`]), only the forms that
    /// share one: the ranking reads no other.
    pub fn prefetch(&self, depth: Depth, shared: Option<&[u64]>) {
        let forms = || {
            let all = self.names.iter().flat_map(|n| n.forms.iter());
            all.enumerate().filter(move |(i, _)| shared.is_none_or(|s| s.get(*i).is_none_or(|&m| m != 0))).map(|(_, f)| f)
        };
        match depth {
            Depth::Entity => lines(std::slice::from_ref(self)),
            Depth::Names => {
                lines(&self.names);
                lines(&self.birth_dates);
                lines(self.countries.packed());
            }
            Depth::Forms => forms().for_each(|f| lines(std::slice::from_ref(f))),
            Depth::Parts => {
                for form in forms() {
                    lines(&form.tokens);
                    lines(&form.joined);
                }
            }
        }
    }
}

/// Asks for the cache lines of `items` (at most [`MOST_LINES`]).
#[inline]
fn lines<T>(items: &[T]) {
    let start = items.as_ptr().cast::<u8>();
    let bytes = std::mem::size_of_val(items);
    for offset in (0..bytes).step_by(LINE).take(MOST_LINES) {
        line(start.wrapping_add(offset));
    }
}

/// Asks for the cache line at `at`.
#[inline]
fn line(at: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads and writes nothing and cannot fault, whatever
    // the address (here always within a live allocation); SSE, which it
    // needs, is part of every x86-64 processor.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(at.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}
