//! Fingerprints of screened and listed data: sha256 over a canonical form
//! (schema and properties, values trimmed, de-duplicated and sorted), so a
//! new alias, birth date or amended list entry changes the fingerprint
//! while the order of values or the list version read from does not.

use std::collections::{BTreeMap, BTreeSet};

use seisai_model::Entity;
use sha2::{Digest, Sha256};

/// The fingerprint of an entity's data (schema and properties).
pub fn entity_fingerprint(entity: &Entity) -> String {
    let mut props: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (prop, values) in &entity.properties {
        let set: BTreeSet<&str> = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
        if !set.is_empty() {
            props.insert(prop.as_str(), set);
        }
    }
    let canonical = serde_json::json!([entity.schema.as_str(), props]).to_string();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use seisai_model::Schema;

    #[test]
    fn order_does_not_matter_content_does() {
        let mut a = Entity::new("x", "1", Schema::Person);
        a.properties.insert("name".into(), vec!["Ann Lee".into(), "A. Lee".into()]);
        let mut b = a.clone();
        b.properties.insert("name".into(), vec!["A. Lee".into(), " Ann Lee ".into()]);
        b.version = Some("other".into());
        assert_eq!(entity_fingerprint(&a), entity_fingerprint(&b));
        b.properties.insert("birthDate".into(), vec!["1970".into()]);
        assert_ne!(entity_fingerprint(&a), entity_fingerprint(&b));
    }
}
