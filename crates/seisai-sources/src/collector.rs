//! Where loaders put what they read.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use seisai_model::Entity;

/// A record that could not be read, with where it was and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    /// File name.
    pub file: String,
    /// Line, row or element path of the record.
    pub location: String,
    /// Why the record was rejected.
    pub reason: String,
}

/// Receives the entities, rejected records and warnings of one load.
#[derive(Debug)]
pub struct Collector {
    dataset: String,
    entities: Vec<Entity>,
    rejected: Vec<Rejected>,
    warnings: Vec<String>,
    published: Option<NaiveDate>,
}

/// The result of a load.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The dataset name the entities belong to.
    pub dataset: String,
    /// The entities, in source order, ids unique.
    pub entities: Vec<Entity>,
    /// Records that could not be read.
    pub rejected: Vec<Rejected>,
    /// Things the user should know that did not stop a record (a date that
    /// did not parse and was kept as text, a duplicate id merged…).
    pub warnings: Vec<String>,
    /// Publication date stated by the file, if any.
    pub published: Option<NaiveDate>,
}

impl Collector {
    /// A collector for entities of `dataset`.
    pub fn new(dataset: &str) -> Self {
        Collector {
            dataset: dataset.to_string(),
            entities: Vec::new(),
            rejected: Vec::new(),
            warnings: Vec::new(),
            published: None,
        }
    }

    /// The dataset name entities must carry (their id prefix).
    pub fn dataset(&self) -> &str {
        &self.dataset
    }

    /// Adds an entity. An entity without any name property is rejected
    /// with `location`, because it can never be screened.
    pub fn entity(&mut self, entity: Entity, file: &str, location: &str) {
        let screenable = entity.schema.is_matchable();
        if screenable && !entity.has(seisai_model::props::NAME) {
            self.reject(file, location, "record has no name");
            return;
        }
        self.entities.push(entity);
    }

    /// Records a rejected record.
    pub fn reject(&mut self, file: &str, location: &str, reason: impl Into<String>) {
        self.rejected.push(Rejected { file: file.to_string(), location: location.to_string(), reason: reason.into() });
    }

    /// Records a warning.
    pub fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    /// Sets the publication date the file states.
    pub fn set_published(&mut self, date: NaiveDate) {
        self.published = Some(date);
    }

    /// Entities added so far (for loaders that merge records into one entity).
    pub fn entities_mut(&mut self) -> &mut Vec<Entity> {
        &mut self.entities
    }

    /// Finishes the load: merges entities with the same id (a source that
    /// repeats a record id) with a warning, and canonicalises values.
    pub fn finish(mut self) -> Loaded {
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut merged: Vec<Entity> = Vec::with_capacity(self.entities.len());
        for entity in self.entities {
            match seen.get(&entity.id) {
                Some(&i) => {
                    self.warnings.push(format!("duplicate id {} merged into one entity", entity.id));
                    let target = &mut merged[i];
                    for (prop, values) in entity.properties {
                        target.add_all(&prop, values);
                    }
                    for a in entity.addresses {
                        if !target.addresses.contains(&a) {
                            target.addresses.push(a);
                        }
                    }
                }
                None => {
                    seen.insert(entity.id.clone(), merged.len());
                    merged.push(entity);
                }
            }
        }
        for e in &mut merged {
            e.canonicalize();
        }
        Loaded {
            dataset: self.dataset,
            entities: merged,
            rejected: self.rejected,
            warnings: self.warnings,
            published: self.published,
        }
    }
}
