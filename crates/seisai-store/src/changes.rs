//! When each indexed entity last changed, from the list versions in the
//! store: yente's `last_change` / `first_seen` fields and the
//! `changed_since` filter of `/match`.

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

/// Sets `last_change` and `first_seen` (dates) on the entities of the
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

fn set(e: &mut Entity, field: &str, day: NaiveDate) {
    e.extra.entry(field.to_string()).or_insert_with(|| serde_json::Value::String(day.to_string()));
}

/// The date an entity last changed, if known.
pub fn last_change(e: &Entity) -> Option<NaiveDate> {
    let text = e.extra.get(LAST_CHANGE)?.as_str()?;
    text.get(..10)?.parse().ok()
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
}
