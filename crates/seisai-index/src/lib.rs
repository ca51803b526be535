//! In-memory candidate index over the names of listed entities.
//!
//! Every name form of every entity is cut into keys: each word, its
//! Double Metaphone code, its first four letters, adjacent words written
//! together, and numbers; a posting points from a key to one name form of
//! one entity. A query looks up the keys of each of its own forms, weighs
//! each hit by the rarity of the key (inverse document frequency), sums
//! the weights per listed form, ranks entities by their best form, and
//! only the best few dozen are scored in full by `seisai-matching`. Keys
//! so common that they identify nothing (`mohammed`, `trading`) only add
//! to forms that rarer keys found, or are looked up when a query has
//! nothing rarer.
//!
//! An [`Index`] is immutable once built; a list update builds a new one
//! beside it and the server swaps an `Arc` atomically.

mod found;
mod huge_pages;
mod keys;
mod parts;
mod postings;
mod search;

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use seisai_matching::NameContext;
use seisai_matching::score::{Prepared, score_bound};
use seisai_model::{Entity, InForce};

pub use huge_pages::{Collapsed, collapse_resident_regions};
pub use search::{Hit, SearchOptions};

/// The distinct lookup keys of a prepared entity, sorted: what a query
/// looks up and what an indexed entity is found by. A query sharing none of
/// them with an index has no candidate there (see [`Index::shares_key`]).
pub fn lookup_keys(p: &Prepared) -> Vec<u64> {
    keys::entity_keys(p)
}

/// An immutable candidate index with the prepared entities it covers.
pub struct Index {
    entities: Vec<Arc<Entity>>,
    prepared: Vec<Prepared>,
    /// Key → postings (entity and form number, see [`keys::Packing`]), sorted.
    postings: postings::Postings,
    packing: keys::Packing,
    /// Number of name forms indexed (the document count of the weights).
    forms: usize,
    /// The number of tokens of every indexed form.
    form_parts: parts::FormParts,
    by_id: FxHashMap<String, u32>,
    /// When each entity is listed (searches with a date ask it of every candidate).
    in_force: Vec<InForce>,
    ctx: NameContext,
}

impl Index {
    /// Builds the index over the screenable entities of `entities` (others,
    /// such as FtM Sanction or Ownership records, are left out), preparing
    /// names in parallel.
    pub fn build(entities: Vec<Arc<Entity>>, ctx: NameContext) -> Self {
        let entities: Vec<Arc<Entity>> = entities.into_iter().filter(|e| e.schema.is_matchable()).collect();
        let prepared: Vec<Prepared> = entities.par_iter().map(|e| Prepared::from_entity(e, &ctx)).collect();
        let packing = keys::Packing::for_entities(entities.len());
        let lists: Vec<keys::EntityPostings> = prepared.par_iter().map(|p| keys::entity_postings(p, packing)).collect();
        // Entities in order, so every list is sorted.
        let postings = postings::Postings::of(|| lists.iter().enumerate().flat_map(|(i, list)| list.pairs(i, packing)));
        drop(lists);
        let forms = prepared.iter().map(|p| p.names.iter().map(|n| n.forms.len()).sum::<usize>()).sum();
        let form_parts = parts::FormParts::of(&prepared);
        let by_id = entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i as u32)).collect();
        let in_force = entities.iter().map(|e| e.in_force()).collect();
        let index = Index { entities, prepared, postings, packing, forms, form_parts, by_id, in_force, ctx };
        // The build's temporaries (the per-entity key lists, the postings
        // as they grew, the names' intermediate spellings) lie freed between
        // the parts kept: tens of megabytes the allocator would hold on to.
        trim_heap();
        index
    }

    /// Number of entities indexed.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether the index holds no entity.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Number of distinct keys.
    pub fn key_count(&self) -> usize {
        self.postings.len()
    }

    /// Number of postings (key, entity name form) pairs.
    pub fn posting_count(&self) -> usize {
        self.postings.posting_count()
    }

    /// The name context used to prepare names (use it for queries too).
    pub fn context(&self) -> &NameContext {
        &self.ctx
    }

    /// Whether any of `keys` (see [`lookup_keys`]) is indexed: a query
    /// with none has no candidate, so a search would find nothing.
    pub fn shares_key(&self, keys: &[u64]) -> bool {
        keys.iter().any(|k| self.postings.contains_key(k))
    }

    /// Whether a query with lookup keys `keys` (see [`lookup_keys`]) may
    /// have a result scoring above `floor`. `false` only when every indexed
    /// entity sharing one of the keys — the only possible candidates —
    /// is kept at or below `floor` by the features other than names
    /// ([`score_bound`]); `query` needs no names
    /// ([`Prepared::without_names`]). Past `budget` postings read, the
    /// answer is `true` (a search decides).
    pub fn may_score_above(&self, keys: &[u64], query: &Prepared, floor: f32, budget: usize) -> bool {
        let mut postings = keys.iter().filter_map(|k| self.postings.get(k)).flatten();
        postings.by_ref().take(budget).any(|&p| {
            let candidate = self.prepared.get(self.packing.entity(p) as usize);
            candidate.is_some_and(|c| score_bound(query, c).is_some_and(|b| b > floor))
        }) || postings.next().is_some()
    }

    /// The indexed entities.
    pub fn entities(&self) -> &[Arc<Entity>] {
        &self.entities
    }

    /// Whether entity `entity` is listed on `day` (always without a day).
    fn listed_on(&self, entity: u32, day: Option<chrono::NaiveDate>) -> bool {
        day.is_none_or(|d| self.in_force.get(entity as usize).is_some_and(|f| f.on(d)))
    }

    /// The entity with this id, if indexed.
    pub fn get(&self, id: &str) -> Option<&Arc<Entity>> {
        self.by_id.get(id).map(|&i| &self.entities[i as usize])
    }

    /// The position in [`Index::entities`] of the entity with this id, if
    /// indexed (for data kept beside the index, entity by entity).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|&i| i as usize)
    }
}

/// Returns the allocator's free memory to the system when the process
/// allocates with glibc's malloc (after a build, or once a replaced index
/// is dropped); a no-op under another global allocator or libc.
pub fn trim_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator's own
    // arenas; it touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}
