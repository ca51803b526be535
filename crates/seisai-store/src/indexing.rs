//! The screening index built from the store's lists — the one way the
//! server, the CLI and customer monitoring choose list versions (the
//! current ones, or those in force on a date), read them and index them.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use seisai_index::Index;
use seisai_matching::NameContext;
use seisai_model::Entity;

use crate::{Result, Store, StoreError, VersionInfo};

/// Which list versions an index covers.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// The versions in force on this date (see [`Store::as_of`]); `None`:
    /// the current versions.
    pub as_of: Option<NaiveDate>,
    /// Only these datasets; empty: every dataset of the store. A name the
    /// store does not hold is an error.
    pub datasets: Vec<String>,
    /// Date each entity's last change and first appearance (yente's
    /// `last_change` / `first_seen`, see [`crate::changes`]); costs reading
    /// up to [`crate::changes::DEPTH`] older versions per dataset.
    pub mark_changes: bool,
}

impl Selection {
    /// The current versions of every dataset.
    pub fn current() -> Self {
        Selection::default()
    }

    /// The versions in force on `as_of` (current ones when `None`) of
    /// `datasets` (all when empty).
    pub fn as_of(as_of: Option<NaiveDate>, datasets: &[String]) -> Self {
        Selection { as_of, datasets: datasets.to_vec(), mark_changes: false }
    }
}

/// An index with the list versions it was built from.
pub struct IndexedLists {
    /// The candidate index over the entities of `versions`.
    pub index: Index,
    /// Dataset → version indexed. A dataset without a version in force on
    /// the selection's date is absent.
    pub versions: BTreeMap<String, VersionInfo>,
    /// Dataset → where its entities are in the index (see [`Spans`]).
    pub spans: Spans,
}

/// Dataset → the version its indexed entities were read from and their
/// positions in [`Index::entities`] (the entities of one version lie side
/// by side, in the order of their datasets' names). What a later build
/// needs to take the entities of an unchanged version from this index
/// ([`Store::build_index_reusing`]).
pub type Spans = BTreeMap<String, Span>;

/// The indexed entities of one list version: see [`Spans`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// The version id.
    pub version: String,
    /// Their positions in [`Index::entities`].
    pub positions: std::ops::Range<usize>,
}

impl IndexedLists {
    /// Dataset → version id.
    pub fn version_ids(&self) -> BTreeMap<String, String> {
        self.versions.iter().map(|(d, v)| (d.clone(), v.id.clone())).collect()
    }
}

impl Store {
    /// Dataset → the version `selection` takes: the one in force on its
    /// date, or the current one.
    pub fn select(&self, selection: &Selection) -> Result<BTreeMap<String, VersionInfo>> {
        let known = self.datasets();
        if let Some(unknown) = selection.datasets.iter().find(|d| !known.contains(&d.as_str())) {
            return Err(StoreError::NotFound(format!(
                "dataset {unknown:?} is not in the store (datasets: {})",
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            )));
        }
        let wanted = |d: &str| selection.datasets.is_empty() || selection.datasets.iter().any(|w| w == d);
        Ok(known
            .into_iter()
            .filter(|d| wanted(d))
            .filter_map(|d| {
                let version = match selection.as_of {
                    Some(day) => self.as_of(d, day),
                    None => self.current(d),
                };
                version.map(|v| (d.to_string(), v.clone()))
            })
            .collect())
    }

    /// The entities of `versions`, in their order, read in parallel on
    /// rayon's pool. (Not one thread per version: a thread that ends
    /// leaves the allocator's pages it allocated the entities in without
    /// an owner, and a server that read every list that way at each
    /// update, ~15 threads, climbed by 10–50 MB in some minutes after an
    /// update: BENCHMARKS.md, session 21.)
    pub fn read_versions<'a>(&self, versions: impl IntoIterator<Item = &'a VersionInfo>) -> Result<Vec<Entity>> {
        Ok(self.read_each(versions)?.into_iter().flatten().collect())
    }

    /// The entities of each of `versions`, in their order (see
    /// [`Store::read_versions`]).
    fn read_each<'a>(&self, versions: impl IntoIterator<Item = &'a VersionInfo>) -> Result<Vec<Vec<Entity>>> {
        use rayon::prelude::*;
        let versions: Vec<&VersionInfo> = versions.into_iter().collect();
        // A reader that panics (a bug: readers answer bad input with an
        // error) fails this read, as a thread's panic did, rather than
        // unwinding through the caller's store lock.
        let read = |v: &VersionInfo| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.entities(v)))
                .unwrap_or_else(|_| Err(StoreError::Invalid(format!("reading {} version {} failed", v.dataset, v.id))))
        };
        versions.par_iter().map(|v| read(v)).collect()
    }

    /// Reads the versions `selection` takes and builds the candidate index
    /// over their entities. An empty store (or no version in force on the
    /// date) gives an empty index.
    pub fn build_index(&self, selection: &Selection, ctx: NameContext) -> Result<IndexedLists> {
        self.build_index_reusing(selection, ctx, None)
    }

    /// [`Store::build_index`], taking from `previous` — an index this
    /// store built with the same `selection` but for its date, with its
    /// [`Spans`] — the entities of every version it covered that the
    /// selection takes again, instead of reading (and dating) them anew.
    /// A server's update changes one list: the others' entities are then
    /// shared by the index in service and the new one, not held twice
    /// while the new one is built, and not read again. The index is the
    /// one a build without `previous` makes, entity for entity.
    pub fn build_index_reusing(&self, selection: &Selection, ctx: NameContext, previous: Option<(&Index, &Spans)>) -> Result<IndexedLists> {
        let versions = self.select(selection)?;
        let reusable = |dataset: &str, version: &VersionInfo| -> Option<&[Arc<Entity>]> {
            let (index, spans) = previous?;
            let span = spans.get(dataset).filter(|s| s.version == version.id)?;
            // (Spans of another index are not trusted: every entity taken
            // must have been read from that version.)
            let kept = index.entities().get(span.positions.clone())?;
            kept.iter().all(|e| e.version.as_deref() == Some(version.id.as_str())).then_some(kept)
        };
        // Per version in order, what the index in service has of it (looked at once).
        let kept: Vec<Option<&[Arc<Entity>]>> = versions.iter().map(|(d, v)| reusable(d, v)).collect();
        let to_read = versions.values().zip(&kept).filter(|(_, k)| k.is_none()).map(|(v, _)| v);
        let mut read = self.read_each(to_read)?.into_iter();
        let mut entities: Vec<Arc<Entity>> = Vec::new();
        let mut spans = Spans::new();
        for ((dataset, version), kept) in versions.iter().zip(kept) {
            let start = entities.len();
            match kept {
                Some(kept) => entities.extend(kept.iter().cloned()),
                None => {
                    let mut fresh = read.next().unwrap_or_default();
                    if selection.mark_changes {
                        let one = BTreeMap::from([(dataset.clone(), version.clone())]);
                        crate::changes::mark(self, &one, &mut fresh)?;
                    }
                    // Only these are indexed (see `Index::build`).
                    entities.extend(fresh.into_iter().filter(|e| e.schema.is_matchable()).map(Arc::new));
                }
            }
            spans.insert(dataset.clone(), Span { version: version.id.clone(), positions: start..entities.len() });
        }
        let index = Index::build(entities, ctx);
        Ok(IndexedLists { index, versions, spans })
    }
}
