//! The number of parts (tokens) of every indexed name form, entity by
//! entity: what the lookup needs of a listed form besides its postings.

use seisai_matching::score::Prepared;

/// Per entity, the number of parts of each of its name forms, in order
/// (at most 255 parts counted).
#[derive(Default)]
pub(crate) struct FormParts {
    /// The counts of every form, entity after entity.
    parts: Vec<u8>,
    /// Where each entity's counts start in `parts`.
    start: Vec<u32>,
}

impl FormParts {
    /// The table of `prepared`, entity by entity.
    pub(crate) fn of(prepared: &[Prepared]) -> Self {
        let mut table = FormParts { parts: Vec::new(), start: Vec::with_capacity(prepared.len()) };
        for p in prepared {
            table.start.push(u32::try_from(table.parts.len()).unwrap_or(u32::MAX));
            table.parts.extend(p.names.iter().flat_map(|n| n.forms.iter()).map(|f| f.tokens.len().min(255) as u8));
        }
        table.parts.shrink_to_fit();
        table
    }

    /// The table of the given counts and starts (for tests).
    #[cfg(test)]
    pub(crate) fn from_counts(parts: Vec<u8>, start: Vec<u32>) -> Self {
        FormParts { parts, start }
    }

    /// Where the counts of `entity` start (the end for an unknown entity).
    #[inline]
    fn start(&self, entity: usize) -> usize {
        self.start.get(entity).map_or(self.parts.len(), |&s| s as usize)
    }

    /// The number of parts of each name form of `entity`, in order
    /// (empty if unknown).
    #[inline]
    pub(crate) fn entity(&self, entity: u32) -> &[u8] {
        self.parts.get(self.start(entity as usize)..self.start(entity as usize + 1)).unwrap_or_default()
    }

    /// The number of name forms of `entity` (0 if unknown).
    #[inline]
    pub(crate) fn forms(&self, entity: u32) -> usize {
        self.entity(entity).len()
    }

    /// Asks the processor for where the counts of `entity` start (a hint).
    #[inline]
    pub(crate) fn prefetch_start(&self, entity: u32) {
        crate::found::prefetch(&self.start, entity as usize);
    }

    /// Asks the processor for the counts of `entity` (a hint; it reads
    /// where they start, best asked for earlier).
    #[inline]
    pub(crate) fn prefetch_counts(&self, entity: u32) {
        crate::found::prefetch(&self.parts, self.start(entity as usize));
    }
}
