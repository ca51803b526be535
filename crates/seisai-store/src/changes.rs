//! When each indexed entity last changed, from the list versions in the
//! store: yente's `last_change` / `first_seen` fields and the
//! `changed_since` filter of `/match`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use seisai_model::Entity;

use crate::{Store, VersionInfo};

/// Older versions compared per dataset: a change within the last
/// `DEPTH` updates is dated exactly; an entity unchanged through all of
/// them is dated by the oldest version compared ("on or before"), which
/// errs towards including it in a `changed_since` filter.
pub const DEPTH: usize = 2;

/// The extra field holding the date an entity last changed (yente's name).
pub const LAST_CHANGE: &str = "last_change";
/// The extra field holding the date an entity was first seen (yente's name).
pub const FIRST_SEEN: &str = "first_seen";

fn same_content(a: &Entity, b: &Entity) -> bool {
    a.schema == b.schema && a.properties == b.properties && a.caption == b.caption
}

/// Dates `last_change` and `first_seen` ([`Entity::dated`]) of the
/// `selected` versions (dataset → version), unless their feed already
/// gave them, by comparing with the versions before each selected one.
/// Entities are matched to their dataset's selected version by their
/// `version` field.
pub fn mark(store: &Store, selected: &BTreeMap<String, VersionInfo>, entities: &mut [Entity]) -> crate::Result<()> {
    for (dataset, chosen) in selected {
        let versions = store.versions(dataset);
        let older: Vec<&VersionInfo> = versions.iter().copied().take_while(|v| v.id != chosen.id).collect();
        let mut open: HashMap<String, usize> = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.version.as_deref() == Some(chosen.id.as_str()) && !e.extra.contains_key(LAST_CHANGE))
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let mut newer = chosen.effective_date();
        for version in older.iter().rev().take(DEPTH) {
            if open.is_empty() {
                break;
            }
            let old: HashMap<String, Entity> = store.entities(version)?.into_iter().map(|e| (e.id.clone(), e)).collect();
            open.retain(|id, i| {
                let Some(e) = entities.get_mut(*i) else {
                    return false;
                };
                match old.get(id) {
                    Some(o) if same_content(o, e) => true,
                    Some(_) => {
                        set(e, LAST_CHANGE, newer);
                        false
                    }
                    None => {
                        set(e, LAST_CHANGE, newer);
                        set(e, FIRST_SEEN, newer);
                        false
                    }
                }
            });
            newer = version.effective_date();
        }
        for i in open.into_values() {
            if let Some(e) = entities.get_mut(i) {
                set(e, LAST_CHANGE, newer);
            }
        }
    }
    Ok(())
}

/// Dates the entity's [`LAST_CHANGE`] or [`FIRST_SEEN`] `day`, unless its
/// feed stated it or it was dated already.
fn set(e: &mut Entity, field: &str, day: NaiveDate) {
    if e.extra.contains_key(field) {
        return;
    }
    let slot = if field == FIRST_SEEN { &mut e.dated.first_seen } else { &mut e.dated.last_change };
    slot.get_or_insert(day);
}

/// The date an entity last changed, if known: as its feed states it, or
/// as the store dated it.
pub fn last_change(e: &Entity) -> Option<NaiveDate> {
    match e.extra.get(LAST_CHANGE) {
        Some(stated) => stated.as_str()?.get(..10)?.parse().ok(),
        None => e.dated.last_change,
    }
}

/// An entity's [`LAST_CHANGE`] or [`FIRST_SEEN`] as a response writes it:
/// its feed's text, or the date the store worked out (`YYYY-MM-DD`).
pub fn stated<'a>(e: &'a Entity, field: &str) -> Option<Cow<'a, str>> {
    if let Some(value) = e.extra.get(field) {
        return value.as_str().map(Cow::Borrowed);
    }
    let dated = match field {
        LAST_CHANGE => e.dated.last_change,
        FIRST_SEEN => e.dated.first_seen,
        _ => None,
    };
    dated.map(|day| Cow::Owned(day.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use seisai_model::Schema;

    #[test]
    fn last_change_reads_dates_and_timestamps() {
        let mut e = Entity::new("x", "1", Schema::Person);
        assert_eq!(last_change(&e), None);
        e.extra.insert(LAST_CHANGE.into(), serde_json::json!("2024-05-03T10:00:00"));
        assert_eq!(last_change(&e), "2024-05-03".parse().ok());
        e.extra.insert(LAST_CHANGE.into(), serde_json::json!(12));
        assert_eq!(last_change(&e), None);
    }

    #[test]
    fn the_store_s_dates_stand_in_for_what_the_feed_did_not_state() {
        let mut e = Entity::new("x", "1", Schema::Person);
        let day = |s: &str| s.parse::<NaiveDate>().ok();
        e.dated = seisai_model::Dated { last_change: day("2024-03-01"), first_seen: day("2024-01-10") };
        assert_eq!(last_change(&e), day("2024-03-01"));
        assert_eq!(stated(&e, LAST_CHANGE).as_deref(), Some("2024-03-01"));
        assert_eq!(stated(&e, FIRST_SEEN).as_deref(), Some("2024-01-10"));
        assert_eq!(stated(&e, "last_seen"), None);
        e.extra.insert(FIRST_SEEN.into(), serde_json::json!("2019-05-01T00:00:00"));
        e.extra.insert(LAST_CHANGE.into(), serde_json::json!("2023-02-02"));
        assert_eq!(stated(&e, FIRST_SEEN).as_deref(), Some("2019-05-01T00:00:00"), "the feed's own text first");
        assert_eq!(last_change(&e), day("2023-02-02"));
        let written = serde_json::to_value(&e).map(|v| v.to_string()).unwrap_or_default();
        assert!(!written.contains("2024-03-01"), "the store's dates are not written with the entity: {written}");
    }
}
