//! Ongoing monitoring of the customer registry. `delta`: for each dataset,
//! only the entries added or changed since the version last monitored
//! (from the store's diff) are indexed — a small index — and every
//! customer is run against it, in parallel, streamed from the database in
//! batches; removed entries annotate (or close) the alerts they caused.
//! `rescreen`: every customer against every current entry (the backstop).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use seisai_index::{Index, SearchOptions, lookup_keys};
use seisai_matching::score::Prepared;
use seisai_matching::{Config, NameContext};
use seisai_model::Entity;
use seisai_store::Store;
use serde::Serialize;
use serde_json::json;

use crate::alerts::{HitSnapshot, RemovedReport, Screening};
use crate::error::{Result, ReviewError};
use crate::customers::StoredCustomer;
use crate::{Actor, Customer, Review, entity_fingerprint, keycache};

/// How to screen customers.
#[derive(Clone, Debug)]
pub struct MonitorOptions {
    /// Match threshold.
    pub threshold: f32,
    /// Customers read from the database and recorded per transaction.
    pub batch: usize,
}

impl Default for MonitorOptions {
    fn default() -> Self {
        MonitorOptions { threshold: Config::DEFAULT_THRESHOLD, batch: 20_000 }
    }
}

/// What changed in one dataset since it was last monitored.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct DatasetDelta {
    /// Dataset.
    pub dataset: String,
    /// Version last monitored (None: never).
    pub from: Option<String>,
    /// Version monitored now.
    pub to: String,
    /// Entries added.
    pub added: usize,
    /// Entries changed.
    pub changed: usize,
    /// Entries removed.
    pub removed: usize,
}

/// What a monitoring run did.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct MonitorReport {
    /// Per dataset.
    pub datasets: Vec<DatasetDelta>,
    /// List entries screened against the customers.
    pub entries_screened: usize,
    /// Customers screened.
    pub customers: u64,
    /// Alerts made.
    pub alerts: u64,
    /// Hits suppressed by the good-guy list.
    pub suppressed: u64,
    /// Hits already under review or confirmed.
    pub already_alerted: u64,
    /// Customers searched in full (the others shared no lookup key with
    /// the entries screened).
    pub searched: u64,
    /// Customers whose lookup keys were made and cached (new, changed, or
    /// made under another name preparation).
    pub keys_cached: u64,
    /// Alerts noted and closed for removed entries.
    pub removed: RemovedReport,
    /// Seconds taken.
    pub seconds: f64,
}

fn hit_of(h: &seisai_index::Hit) -> HitSnapshot {
    let ex = &h.result.explanation;
    let mut explanations = serde_json::Map::new();
    explanations.insert(
        "name".into(),
        json!({"score": ex.name.score, "detail": ex.candidate_property, "query": ex.query_name, "candidate": ex.candidate_name}),
    );
    for (k, f) in &ex.features {
        explanations.insert(k.clone(), json!({"score": f.score, "detail": f.detail, "query": f.query, "candidate": f.candidate}));
    }
    HitSnapshot {
        entity_id: h.entity.id.clone(),
        caption: h.entity.caption().to_string(),
        schema: h.entity.schema.as_str().to_string(),
        datasets: h.entity.datasets.clone(),
        score: f64::from(h.result.score),
        explanations: serde_json::Value::Object(explanations),
        properties: json!(h.entity.properties),
        entity_fingerprint: Some(entity_fingerprint(&h.entity)),
    }
}

fn screen_one(index: &Index, opts: &SearchOptions, c: &Customer, prepared: &Prepared, versions: &BTreeMap<String, String>) -> Option<Screening> {
    let hits: Vec<HitSnapshot> = index.search(prepared, opts).iter().filter(|h| h.result.is_match).map(hit_of).collect();
    if hits.is_empty() {
        return None;
    }
    Some(Screening {
        kind: "monitoring".into(),
        subject: c.name.clone(),
        input: json!({"customer_id": c.id, "party": c.entity}),
        decision: "potential_match".into(),
        decision_detail: json!({"decision": "potential_match", "top_score": hits.iter().map(|h| h.score).fold(0.0, f64::max)}),
        hits,
        list_versions: versions.clone(),
        policy_version: None,
        customer_id: Some(c.id.clone()),
        party_fingerprint: Some(c.fingerprint.clone()),
        review_without_hits: false,
    })
}

/// The greatest score below `threshold` (at least 0, the search's own
/// floor). A search keeping only scores above it keeps exactly the
/// matches: the ranking score equals the explained one (a tested property
/// of `seisai_matching::score`), so the best five matches are the same,
/// and no candidate below the threshold is explained only to be dropped.
fn just_below(threshold: f32) -> f32 {
    if threshold > 0.0 { f32::from_bits(threshold.to_bits() - 1).max(0.0) } else { 0.0 }
}

/// The postings of a customer's keys read at most to tell, by the features
/// other than names, that it cannot match (past them, a search decides):
/// a delta's small index has a few, a full list thousands for common
/// names (reading them cost more than the search they would save).
const BOUND_BUDGET: usize = 64;

/// One customer screened: its screening if it has hits, and its lookup
/// keys when they had to be made (to cache).
struct Screened {
    searched: bool,
    screening: Option<Screening>,
    made_keys: Option<Vec<u8>>,
}

/// Screens a stored customer. With cached keys of the index's version
/// that `index` does not share, nothing is prepared: a search would have
/// no candidate; nor when no entity sharing one can reach the threshold
/// by the features other than names.
fn screen_stored(index: &Index, opts: &SearchOptions, c: &StoredCustomer, key_version: &str, versions: &BTreeMap<String, String>) -> Result<Screened> {
    let cached = c.name_keys.as_deref().filter(|_| c.keys_version.as_deref() == Some(key_version)).and_then(keycache::decode);
    let skipped = Screened { searched: false, screening: None, made_keys: None };
    if cached.as_ref().is_some_and(|keys| !index.shares_key(keys)) {
        return Ok(skipped);
    }
    let customer = c.parse()?;
    // The cached keys name the only possible candidates: when the features
    // other than names (birth date, country…) keep every one of them below
    // the threshold, no name is prepared either.
    if let Some(keys) = &cached {
        if !index.may_score_above(keys, &Prepared::without_names(&customer.entity), opts.min_score, BOUND_BUDGET) {
            return Ok(skipped);
        }
    }
    let prepared = index.prepare(&customer.entity);
    // Without cached keys, the keys are made from the prepared names (and cached).
    let keys = if cached.is_some() { None } else { Some(lookup_keys(&prepared)) };
    let searched = keys.as_ref().is_none_or(|k| index.shares_key(k));
    let made_keys = keys.map(|k| keycache::encode(&k));
    let screening = if searched { screen_one(index, opts, &customer, &prepared, versions) } else { None };
    Ok(Screened { searched, screening, made_keys })
}

/// Screens every customer against `index`, batch by batch; `progress` gets
/// the number of customers done so far. Customers' lookup keys are cached
/// on the way (see [`keycache`]).
pub fn screen_customers(
    review: &Review,
    index: &Index,
    options: &MonitorOptions,
    actor: &Actor,
    versions: &BTreeMap<String, String>,
    progress: &(dyn Fn(u64) + Sync),
    report: &mut MonitorReport,
) -> Result<()> {
    let opts = SearchOptions {
        limit: 5,
        candidates: 50,
        config: Config { threshold: options.threshold },
        min_score: just_below(options.threshold),
        ..Default::default()
    };
    let key_version = keycache::key_version(index);
    let size = options.batch.max(1) as i64;
    let mut batch = review.monitor_page("", size)?;
    while let Some(last) = batch.last() {
        // The next page is read while this one is screened.
        let after = last.id.clone();
        let (next, screened) = rayon::join(
            || review.monitor_page(&after, size),
            || batch.par_iter().map(|c| screen_stored(index, &opts, c, &key_version, versions)).collect::<Result<Vec<Screened>>>(),
        );
        let screened = screened?;
        let mut screenings = Vec::new();
        let mut made_keys = Vec::new();
        for (c, s) in batch.iter().zip(screened) {
            report.searched += u64::from(s.searched);
            screenings.extend(s.screening);
            if let Some(keys) = s.made_keys {
                made_keys.push((c.id.clone(), c.fingerprint.clone(), keys));
            }
        }
        if !made_keys.is_empty() {
            review.store_customer_keys(&key_version, &made_keys)?;
            report.keys_cached += made_keys.len() as u64;
        }
        if !screenings.is_empty() {
            for o in review.record_screenings(&screenings, actor)? {
                report.alerts += u64::from(o.alert_id.is_some());
                report.suppressed += o.suppressed.len() as u64;
                report.already_alerted += o.already_alerted.len() as u64;
            }
        }
        report.customers += batch.len() as u64;
        progress(report.customers);
        batch = next?;
    }
    Ok(())
}

fn current_versions(store: &Store) -> BTreeMap<String, String> {
    store.datasets().into_iter().filter_map(|d| store.current(d).map(|v| (d.to_string(), v.id.clone()))).collect()
}

/// Delta screening: the entries added or changed since each dataset was
/// last monitored, against every customer; removed entries annotate or
/// close their alerts. A dataset never monitored is screened whole.
pub fn delta(
    review: &Review,
    store: &Store,
    ctx: NameContext,
    options: &MonitorOptions,
    actor: &Actor,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<MonitorReport> {
    let started = Instant::now();
    let store_err = |e: seisai_store::StoreError| ReviewError::Invalid(format!("list store: {e}"));
    let monitored = review.monitored_versions()?;
    let versions = current_versions(store);
    let mut report = MonitorReport::default();
    let mut entries: Vec<Arc<Entity>> = Vec::new();
    let mut removed_by_dataset: Vec<(String, String, BTreeSet<String>)> = Vec::new();
    for (dataset, to) in &versions {
        let from = monitored.get(dataset).cloned();
        if from.as_deref() == Some(to.as_str()) {
            continue;
        }
        let version = store.current(dataset).ok_or_else(|| ReviewError::Invalid(format!("dataset {dataset} has no current version")))?;
        let all = store.entities(version).map_err(store_err)?;
        let mut delta = DatasetDelta { dataset: dataset.clone(), from: from.clone(), to: to.clone(), ..Default::default() };
        let wanted: Option<HashSet<String>> = match &from {
            Some(from) if store.version(dataset, from).is_some() => {
                let diff = store.diff(dataset, from, to).map_err(store_err)?;
                delta.added = diff.added.len();
                delta.changed = diff.changed.len();
                delta.removed = diff.removed.len();
                removed_by_dataset.push((dataset.clone(), to.clone(), diff.removed.iter().map(|r| r.id.clone()).collect()));
                Some(diff.added.iter().map(|r| r.id.clone()).chain(diff.changed.iter().map(|c| c.entity.id.clone())).collect())
            }
            _ => {
                delta.added = all.len();
                None
            }
        };
        entries.extend(all.into_iter().filter(|e| wanted.as_ref().is_none_or(|w| w.contains(&e.id))).map(Arc::new));
        report.datasets.push(delta);
    }
    report.entries_screened = entries.len();
    if !entries.is_empty() {
        let index = Index::build(entries, ctx);
        screen_customers(review, &index, options, actor, &versions, progress, &mut report)?;
    }
    for (dataset, version, removed) in &removed_by_dataset {
        if !removed.is_empty() {
            let r = review.entities_removed(actor, removed, dataset, version)?;
            report.removed.annotated += r.annotated;
            report.removed.closed += r.closed;
        }
    }
    report.seconds = started.elapsed().as_secs_f64();
    for d in &report.datasets {
        review.set_monitored(actor, &d.dataset, &d.to, &json!({"delta": d, "alerts": report.alerts, "customers": report.customers}))?;
    }
    Ok(report)
}

/// Full re-screen: every customer against every current entry; marks
/// every dataset monitored at its current version.
pub fn rescreen(
    review: &Review,
    store: &Store,
    ctx: NameContext,
    options: &MonitorOptions,
    actor: &Actor,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<MonitorReport> {
    let lists = store
        .build_index(&seisai_store::indexing::Selection::current(), ctx)
        .map_err(|e| ReviewError::Invalid(format!("list store: {e}")))?;
    rescreen_index(review, &lists.index, &lists.version_ids(), options, actor, progress)
}

/// Full re-screen against an index already built over the current
/// entries (the server's served snapshot, instead of a second index): every
/// customer against every entry of `index`; marks each dataset of
/// `versions` (those `index` was built from) monitored at its version.
pub fn rescreen_index(
    review: &Review,
    index: &Index,
    versions: &BTreeMap<String, String>,
    options: &MonitorOptions,
    actor: &Actor,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<MonitorReport> {
    let started = Instant::now();
    let mut report = MonitorReport { entries_screened: index.len(), ..Default::default() };
    screen_customers(review, index, options, actor, versions, progress, &mut report)?;
    report.seconds = started.elapsed().as_secs_f64();
    for (dataset, version) in versions {
        review.set_monitored(actor, dataset, version, &json!({"rescreen": true, "alerts": report.alerts, "customers": report.customers}))?;
    }
    Ok(report)
}
