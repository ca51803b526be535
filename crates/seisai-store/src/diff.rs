//! Comparing two versions of a dataset, and the history of one entity.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use seisai_model::Entity;

/// An entity named in a diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRef {
    /// Entity id.
    pub id: String,
    /// FtM schema.
    pub schema: String,
    /// Display name.
    pub caption: String,
}

impl EntityRef {
    fn of(e: &Entity) -> Self {
        EntityRef { id: e.id.clone(), schema: e.schema.as_str().to_string(), caption: e.caption().to_string() }
    }
}

/// One property whose values differ between two versions (`schema` and
/// `caption` are reported as properties too).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropChange {
    /// FtM property name.
    pub prop: String,
    /// Values in the older version.
    pub old: Vec<String>,
    /// Values in the newer version.
    pub new: Vec<String>,
}

/// An entity present in both versions with different content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityChange {
    /// The entity as it is in the newer version.
    pub entity: EntityRef,
    /// The properties that changed.
    pub changes: Vec<PropChange>,
}

/// The difference between two versions of a dataset.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diff {
    /// The dataset.
    pub dataset: String,
    /// The older version id.
    pub from: String,
    /// The newer version id.
    pub to: String,
    /// Entities only in `to`.
    pub added: Vec<EntityRef>,
    /// Entities only in `from`.
    pub removed: Vec<EntityRef>,
    /// Entities in both whose properties differ.
    pub changed: Vec<EntityChange>,
}

/// The property changes between two states of one entity, ignoring the
/// order of values and the version they were read from.
pub fn entity_changes(old: &Entity, new: &Entity) -> Vec<PropChange> {
    let mut changes = Vec::new();
    if old.schema != new.schema {
        changes.push(PropChange {
            prop: "schema".into(),
            old: vec![old.schema.as_str().to_string()],
            new: vec![new.schema.as_str().to_string()],
        });
    }
    if old.caption != new.caption && old.caption.is_some() && new.caption.is_some() {
        changes.push(PropChange {
            prop: "caption".into(),
            old: old.caption.iter().map(|c| c.to_string()).collect(),
            new: new.caption.iter().map(|c| c.to_string()).collect(),
        });
    }
    let props: BTreeSet<&str> = old.properties.keys().chain(new.properties.keys()).map(|p| p.as_str()).collect();
    for prop in props {
        let a = old.get(prop);
        let b = new.get(prop);
        let sa: BTreeSet<&String> = a.iter().collect();
        let sb: BTreeSet<&String> = b.iter().collect();
        if sa != sb {
            changes.push(PropChange { prop: prop.to_string(), old: a.to_vec(), new: b.to_vec() });
        }
    }
    changes
}

/// Compares the entities of two versions (sorted by id in the result).
pub fn diff_entities(dataset: &str, from: &str, to: &str, old: &[Entity], new: &[Entity]) -> Diff {
    let old_by_id: HashMap<&str, &Entity> = old.iter().map(|e| (e.id.as_str(), e)).collect();
    let new_by_id: HashMap<&str, &Entity> = new.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut diff = Diff { dataset: dataset.into(), from: from.into(), to: to.into(), ..Diff::default() };
    for e in new {
        match old_by_id.get(e.id.as_str()) {
            None => diff.added.push(EntityRef::of(e)),
            Some(before) => {
                let changes = entity_changes(before, e);
                if !changes.is_empty() {
                    diff.changed.push(EntityChange { entity: EntityRef::of(e), changes });
                }
            }
        }
    }
    diff.removed = old.iter().filter(|e| !new_by_id.contains_key(e.id.as_str())).map(EntityRef::of).collect();
    diff.added.sort_by(|a, b| a.id.cmp(&b.id));
    diff.removed.sort_by(|a, b| a.id.cmp(&b.id));
    diff.changed.sort_by(|a, b| a.entity.id.cmp(&b.entity.id));
    diff
}

/// What happened to an entity in one version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum HistoryKind {
    /// The entity first appears (or reappears) in this version.
    Added,
    /// The entity's properties changed in this version.
    Changed {
        /// The changed properties.
        changes: Vec<PropChange>,
    },
    /// The entity is absent from this version.
    Removed,
}

/// One event in the history of an entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEvent {
    /// The dataset.
    pub dataset: String,
    /// The version where it happened.
    pub version: String,
    /// That version's effective date (publication or import date).
    pub date: NaiveDate,
    /// What happened.
    #[serde(flatten)]
    pub kind: HistoryKind,
}

/// Builds an entity's history from its state in each version (oldest
/// first): `None` where the version does not hold it.
pub fn history(dataset: &str, states: &[(String, NaiveDate, Option<Entity>)]) -> Vec<HistoryEvent> {
    let mut events = Vec::new();
    let mut previous: Option<&Entity> = None;
    for (version, date, state) in states {
        let kind = match (previous, state) {
            (None, Some(_)) => Some(HistoryKind::Added),
            (Some(_), None) => Some(HistoryKind::Removed),
            (Some(a), Some(b)) => {
                let changes = entity_changes(a, b);
                (!changes.is_empty()).then_some(HistoryKind::Changed { changes })
            }
            (None, None) => None,
        };
        if let Some(kind) = kind {
            events.push(HistoryEvent { dataset: dataset.into(), version: version.clone(), date: *date, kind });
        }
        previous = state.as_ref();
    }
    events
}

/// Counts of a diff for summaries: added, removed, changed, and the
/// number of changes per property.
pub fn summary(diff: &Diff) -> (usize, usize, usize, BTreeMap<String, usize>) {
    let mut by_prop: BTreeMap<String, usize> = BTreeMap::new();
    for c in &diff.changed {
        for p in &c.changes {
            *by_prop.entry(p.prop.clone()).or_default() += 1;
        }
    }
    (diff.added.len(), diff.removed.len(), diff.changed.len(), by_prop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use seisai_model::{Schema, props};

    fn person(id: &str, names: &[&str], birth: Option<&str>) -> Entity {
        let mut e = Entity::new("t", id, Schema::Person);
        e.add_all(props::NAME, names);
        if let Some(b) = birth {
            e.add(props::BIRTH_DATE, b);
        }
        e
    }

    #[test]
    fn diff_reports_added_removed_changed() {
        let old = vec![person("1", &["Ivan"], Some("1970")), person("2", &["Olga"], None), person("3", &["Same"], None)];
        let mut moved = person("1", &["Ivan"], Some("1971"));
        moved.version = Some("v2".into());
        let new = vec![moved, person("3", &["Same"], None), person("4", &["Petr"], None)];
        let d = diff_entities("t", "v1", "v2", &old, &new);
        assert_eq!(d.added.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["t-4"]);
        assert_eq!(d.removed.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["t-2"]);
        assert_eq!(d.changed.len(), 1);
        assert_eq!(
            d.changed[0].changes,
            vec![PropChange { prop: "birthDate".into(), old: vec!["1970".into()], new: vec!["1971".into()] }]
        );
    }

    #[test]
    fn value_order_is_not_a_change() {
        let a = person("1", &["A", "B"], None);
        let b = person("1", &["B", "A"], None);
        assert!(entity_changes(&a, &b).is_empty());
    }

    #[test]
    fn history_lists_events() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap_or_default();
        let states = vec![
            ("v1".to_string(), d("2024-01-01"), None),
            ("v2".to_string(), d("2024-02-01"), Some(person("1", &["A"], None))),
            ("v3".to_string(), d("2024-03-01"), Some(person("1", &["A"], None))),
            ("v4".to_string(), d("2024-04-01"), Some(person("1", &["A", "A2"], None))),
            ("v5".to_string(), d("2024-05-01"), None),
        ];
        let h = history("t", &states);
        let kinds: Vec<(&str, &HistoryKind)> = h.iter().map(|e| (e.version.as_str(), &e.kind)).collect();
        assert_eq!(kinds.len(), 3, "{kinds:?}");
        assert_eq!(kinds[0], ("v2", &HistoryKind::Added));
        assert!(matches!(kinds[1], ("v4", HistoryKind::Changed { .. })));
        assert_eq!(kinds[2], ("v5", &HistoryKind::Removed));
    }
}
