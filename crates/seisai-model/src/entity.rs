//! The [`Entity`]: one listed party (or other FtM entity) with its
//! properties, provenance and addresses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Address, FuzzyDate, Schema, props};

/// Builds the stable id of an entity: `{dataset}-{source record id}`
/// (e.g. `us_ofac_sdn-36`, `un_sc-QDi.001`, `jp_mof-029-000001`).
/// Whitespace in the source id is replaced by `_`.
pub fn entity_id(dataset: &str, source_id: &str) -> String {
    let sid: String = source_id
        .trim()
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect();
    format!("{dataset}-{sid}")
}

/// An entity's properties: each FtM property name with its values, in
/// the order of the names, as a map.
///
/// A map held as one sorted list of pairs ([`litemap::LiteMap`]), not a
/// `BTreeMap`: an entity has about ten properties, which a `BTreeMap`
/// keeps in nodes with room for eleven (~640 bytes each with the
/// allocator's rounding, and three nodes past eleven), where the list
/// holds only its pairs (48 bytes each). Over every entity of the lists
/// the index keeps, that is ~15 MB of resident memory (BENCHMARKS.md,
/// session 21). Written and read as a map, in the same order, as before.
///
/// The property names are [`SmolStr`]s, ordered as their text: a name of
/// up to 23 bytes (every name of [`props`] and of the lists' entities) is held
/// inline, with no allocation of its own (about 500,000 fewer, ~7 MB,
/// with every list of `../shared/data` loaded); a longer one, which a
/// feed may bring, is allocated as before.
pub type Properties = litemap::LiteMap<SmolStr, Vec<String>>;

/// The text of a property name in [`Properties`] (inline up to 23 bytes).
pub use smol_str::SmolStr;

/// When an entity is listed: from its earliest listing date (always when
/// it has none) until its earliest delisting date, which is not included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InForce {
    /// The earliest listing date, if any.
    pub from: Option<chrono::NaiveDate>,
    /// The earliest delisting date, if any.
    pub until: Option<chrono::NaiveDate>,
}

impl InForce {
    /// Whether the entity is listed on `day`.
    pub fn on(&self, day: chrono::NaiveDate) -> bool {
        self.from.is_none_or(|d| d <= day) && self.until.is_none_or(|d| day < d)
    }
}

/// An FtM entity as seisai keeps it.
///
/// Serialised as an FtM JSON object (`id`, `schema`, `properties`,
/// `datasets`, `caption`, …) with seisai's provenance fields (`source_id`,
/// `version`) and parsed `addresses` beside them; unknown top-level fields
/// of an FtM feed (`first_seen`, `target`, …) are kept in `extra` so that
/// feeds round-trip.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id, `{dataset}-{source record id}`.
    pub id: String,
    /// FtM schema.
    pub schema: Schema,
    /// Multi-valued FtM properties, by FtM property name (see [`props`]).
    #[serde(default)]
    pub properties: Properties,
    /// Datasets the entity belongs to (the loader's dataset name first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub datasets: Vec<String>,
    /// Display name; if absent, the first `name` is used. (A boxed text:
    /// 8 bytes less than a `String` in every entity, which keeps an
    /// entity and its reference counts within 256 bytes, one size of the
    /// allocator's, with [`Entity::dated`] beside it.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Box<str>>,
    /// Other ids of the same entity (FtM referents).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referents: Vec<String>,
    /// The record id in the source list (OFAC ent_num, UN reference number, MOF 番号…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    /// The list version (store version id) the entity was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Addresses with their parsed parts (their full text is also in the
    /// `address` property).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    /// Other top-level fields of an FtM feed, kept as they were.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// When the entry last changed and when it first appeared, as the
    /// store dated them by comparing list versions (yente's `last_change`
    /// and `first_seen`; see `seisai_store::changes`), where the feed did
    /// not state them in `extra`. The store's reading, not the list's
    /// data: never written with the entity. (Kept as dates, not as
    /// entries of `extra`: a map's first entry costs a ~640-byte node,
    /// ~36 MB over every entity of the lists.)
    #[serde(skip)]
    pub dated: Dated,
}

/// The dates the store worked out for an entity (see [`Entity::dated`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dated {
    /// The date of the first version with the entry as it is now.
    pub last_change: Option<chrono::NaiveDate>,
    /// The date of the first version with the entry, when it appeared
    /// within the versions compared.
    pub first_seen: Option<chrono::NaiveDate>,
}

impl Entity {
    /// A new, empty entity of `schema` from `dataset`, with the id built by
    /// [`entity_id`] from `source_id`.
    pub fn new(dataset: &str, source_id: &str, schema: Schema) -> Self {
        Entity {
            id: entity_id(dataset, source_id),
            schema,
            properties: Properties::new(),
            datasets: vec![dataset.to_string()],
            caption: None,
            referents: Vec::new(),
            source_id: Some(source_id.trim().to_string()),
            version: None,
            addresses: Vec::new(),
            extra: BTreeMap::new(),
            dated: Dated::default(),
        }
    }

    /// Releases the spare capacity of its lists: of its properties and of
    /// each one's values. A list read from JSON grows by doubling (a
    /// property of one value keeps room for four); an entity kept for
    /// long, as an index keeps every listed one, should hold only its
    /// values: about 30 MB less resident memory with all the lists of
    /// `../shared/data` loaded (BENCHMARKS.md, session 19).
    pub fn shrink_to_fit(&mut self) {
        let mut pairs = std::mem::take(&mut self.properties).into_tuple_vec();
        pairs.iter_mut().for_each(|(_, values)| values.shrink_to_fit());
        pairs.shrink_to_fit();
        // The pairs come sorted and unique from the map they were taken from.
        self.properties = Properties::from_sorted_store_unchecked(pairs);
        self.datasets.shrink_to_fit();
        self.referents.shrink_to_fit();
        self.addresses.shrink_to_fit();
    }

    /// The dataset the entity was loaded from (its first dataset).
    pub fn dataset(&self) -> &str {
        self.datasets.first().map(String::as_str).unwrap_or("")
    }

    /// Adds a value to a property: trims it, ignores empty values and
    /// values already present. Returns whether the value was added.
    pub fn add(&mut self, prop: &str, value: impl AsRef<str>) -> bool {
        let value = value.as_ref().trim();
        if value.is_empty() {
            return false;
        }
        let values = self.properties.entry(SmolStr::new(prop)).or_default();
        if values.iter().any(|v| v == value) {
            return false;
        }
        values.push(value.to_string());
        true
    }

    /// Adds every value of an iterator (see [`Entity::add`]).
    pub fn add_all<I, S>(&mut self, prop: &str, values: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for v in values {
            self.add(prop, v);
        }
    }

    /// Adds a date in EDTF form.
    pub fn add_date(&mut self, prop: &str, date: FuzzyDate) {
        self.add(prop, date.to_string());
    }

    /// Adds a country (name or code) to a country-typed property, stored as
    /// its ISO code when it resolves and as the text otherwise.
    pub fn add_country(&mut self, prop: &str, name: &str) {
        match crate::country::to_code(name) {
            Some(code) => self.add(prop, code),
            None => self.add(prop, name),
        };
    }

    /// Adds an address: its full text to the `address` property and its
    /// parts to [`Entity::addresses`]. Empty and repeated addresses are ignored.
    pub fn add_address(&mut self, address: Address) {
        if address.is_empty() || self.addresses.contains(&address) {
            return;
        }
        self.add(props::ADDRESS, &address.full);
        if let Some(code) = &address.country {
            self.add(props::COUNTRY, code.clone());
        }
        self.addresses.push(address);
    }

    /// All values of a property (empty if it has none).
    pub fn get(&self, prop: &str) -> &[String] {
        self.properties.get(prop).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The first value of a property.
    pub fn first(&self, prop: &str) -> Option<&str> {
        self.get(prop).first().map(String::as_str)
    }

    /// Whether the property has at least one value.
    pub fn has(&self, prop: &str) -> bool {
        !self.get(prop).is_empty()
    }

    /// The display name: `caption`, else the first name, else the id.
    pub fn caption(&self) -> &str {
        self.caption
            .as_deref()
            .or_else(|| self.first(props::NAME))
            .unwrap_or(&self.id)
    }

    /// All names with the property they come from, in [`props::NAME_PROPS`] order.
    pub fn names(&self) -> impl Iterator<Item = (&'static str, &str)> {
        props::NAME_PROPS
            .iter()
            .flat_map(move |p| self.get(p).iter().map(move |v| (*p, v.as_str())))
    }

    /// The dates of a date property that parse as EDTF.
    pub fn dates(&self, prop: &str) -> Vec<FuzzyDate> {
        self.get(prop).iter().filter_map(|v| v.parse().ok()).collect()
    }

    /// Number of property values (a rough measure of size).
    pub fn value_count(&self) -> usize {
        self.properties.values().map(Vec::len).sum()
    }

    /// Whether the entity is listed on `day`: listed on or before it (or no
    /// listing date) and not delisted on or before it. An entity delisted on
    /// day D is in force before D and not on or after D.
    pub fn in_force_on(&self, day: chrono::NaiveDate) -> bool {
        self.in_force().on(day)
    }

    /// The days the entity is listed (see [`Entity::in_force_on`]), read
    /// once: an index keeps them for every candidate of every search.
    pub fn in_force(&self) -> InForce {
        // Read in place (no list of dates built).
        let earliest = |prop: &str| self.get(prop).iter().filter_map(|v| v.parse::<FuzzyDate>().ok()).map(|d| d.earliest()).min();
        InForce { from: earliest(props::LISTING_DATE), until: earliest(props::DELISTING_DATE) }
    }

    /// Drops empty properties and repeated values (keeping the first
    /// occurrence, so the primary name stays first).
    pub fn canonicalize(&mut self) {
        self.properties.retain(|_, v| !v.is_empty());
        for (_, values) in self.properties.iter_mut() {
            let mut seen = std::collections::HashSet::new();
            values.retain(|v| seen.insert(v.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn an_entity_and_its_reference_counts_fit_in_256_bytes() {
        // An index holds every listed entity behind an `Arc` (two counts
        // before it); mimalloc's next size after 256 bytes is 320, which
        // cost 5-6 MB of resident memory with every list of ../shared/data.
        assert!(std::mem::size_of::<Entity>() + 2 * std::mem::size_of::<usize>() <= 256, "{} bytes", std::mem::size_of::<Entity>());
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn ids_are_dataset_prefixed() {
        let e = Entity::new("jp_mof", "029-000001", Schema::Person);
        assert_eq!(e.id, "jp_mof-029-000001");
        assert_eq!(e.dataset(), "jp_mof");
    }

    #[test]
    fn add_trims_and_dedups() {
        let mut e = Entity::new("t", "1", Schema::Person);
        assert!(e.add(props::NAME, " Putin "));
        assert!(!e.add(props::NAME, "Putin"));
        assert!(!e.add(props::NAME, "  "));
        assert_eq!(e.get(props::NAME), ["Putin"]);
    }

    #[test]
    fn shrinking_keeps_every_value_and_drops_the_spare_room() {
        let text = r#"{"id":"t-1","schema":"Person","properties":{"name":["A","B","C","D","E"],"country":["ru"]},"datasets":["t"]}"#;
        let mut e: Entity = serde_json::from_str(text).unwrap_or_else(|err| panic!("{err}"));
        let before = e.clone();
        e.shrink_to_fit();
        assert_eq!(e, before);
        assert!(e.properties.values().all(|v| v.capacity() == v.len()));
        assert_eq!(e.datasets.capacity(), 1);
        let pairs = e.properties.into_tuple_vec();
        assert_eq!((pairs.len(), pairs.capacity()), (2, 2));
    }

    #[test]
    fn properties_are_read_in_any_order_and_written_as_a_map_in_name_order() {
        // A feed's order, and a repeated property (the last one stands, as
        // with any JSON map read by serde).
        let text = r#"{"id":"t-1","schema":"Person","properties":{"name":["B"],"country":["ru"],"birthDate":["1970"],"name":["A"]}}"#;
        let e: Entity = serde_json::from_str(text).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(e.get(props::NAME), ["A"]);
        assert_eq!(e.properties.keys().map(SmolStr::as_str).collect::<Vec<_>>(), ["birthDate", "country", "name"]);
        let written = serde_json::to_value(&e.properties).unwrap_or_default();
        assert_eq!(written, serde_json::json!({"birthDate": ["1970"], "country": ["ru"], "name": ["A"]}));
        let mut added = Entity::new("t", "1", Schema::Person);
        added.add(props::NAME, "A");
        added.add(props::COUNTRY, "ru");
        added.add(props::BIRTH_DATE, "1970");
        assert_eq!(added.properties, e.properties);
    }

    #[test]
    fn delisting_ends_force() {
        let mut e = Entity::new("t", "1", Schema::Person);
        e.add(props::LISTING_DATE, "2022-03-01");
        e.add(props::DELISTING_DATE, "2024-05-10");
        assert!(!e.in_force_on(day(2022, 2, 28)));
        assert!(e.in_force_on(day(2024, 5, 9)));
        assert!(!e.in_force_on(day(2024, 5, 10)));
    }
}
