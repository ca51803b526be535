//! In-memory candidate index over the names of listed entities.
//!
//! Every name form of every entity is cut into keys: each word, its
//! Double Metaphone code, its first four letters, adjacent words written
//! together, and numbers. A query looks up the keys of its own forms,
//! weighs each hit by the rarity of the key (inverse document frequency),
//! keeps the best few hundred entities, and only those are scored in full
//! by `seisai-matching`. Keys so common that they identify nothing
//! (`mohammed`, `trading`) are looked up only when a query has nothing
//! rarer.
//!
//! An [`Index`] is immutable once built; a list update builds a new one
//! beside it and the server swaps an `Arc` atomically.

mod keys;
mod search;

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use seisai_matching::NameContext;
use seisai_matching::score::Prepared;
use seisai_model::Entity;

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
    postings: FxHashMap<u64, Vec<u32>>,
    by_id: FxHashMap<String, u32>,
    ctx: NameContext,
}

impl Index {
    /// Builds the index over the screenable entities of `entities` (others,
    /// such as FtM Sanction or Ownership records, are left out), preparing
    /// names in parallel.
    pub fn build(entities: Vec<Arc<Entity>>, ctx: NameContext) -> Self {
        let entities: Vec<Arc<Entity>> = entities.into_iter().filter(|e| e.schema.is_matchable()).collect();
        let prepared: Vec<Prepared> = entities.par_iter().map(|e| Prepared::from_entity(e, &ctx)).collect();
        let key_lists: Vec<Vec<u64>> = prepared.par_iter().map(keys::entity_keys).collect();
        let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (i, ks) in key_lists.into_iter().enumerate() {
            for k in ks {
                postings.entry(k).or_default().push(i as u32);
            }
        }
        postings.shrink_to_fit();
        let by_id = entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i as u32)).collect();
        Index { entities, prepared, postings, by_id, ctx }
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

    /// Number of postings (key, entity) pairs.
    pub fn posting_count(&self) -> usize {
        self.postings.values().map(Vec::len).sum()
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

    /// The indexed entities.
    pub fn entities(&self) -> &[Arc<Entity>] {
        &self.entities
    }

    /// The entity with this id, if indexed.
    pub fn get(&self, id: &str) -> Option<&Arc<Entity>> {
        self.by_id.get(id).map(|&i| &self.entities[i as usize])
    }
}
