//! The customers' name lookup keys, cached in the registry for delta
//! monitoring. A delta run indexes only the new and changed list entries;
//! a customer none of whose lookup keys is in that small index has no
//! candidate there, so it needs neither its names prepared nor a search.
//! Preparing names is most of the work of a customer without a hit, so
//! the keys are stored (little-endian u64s) with the version of the name
//! preparation they were made under and refreshed when a run finds them
//! missing (new or changed customer: the upsert clears them) or of another
//! version.
//!
//! The version is a digest of the keys that the name preparation in use
//! gives a fixed set of probe names (Latin, Cyrillic, Arabic, CJK and kana
//! scripts, companies with legal forms, numbers, particles), together with
//! whether the Japanese reader is loaded: a change of normalisation,
//! transliteration, phonetics or key making that shows on any probe
//! retires every cached key.
//!
//! An import makes the keys of the customers it writes ([`KeyMaker`]), so
//! that the first monitoring run after it finds them all cached.

use seisai_index::{Index, lookup_keys};
use seisai_matching::NameContext;
use seisai_matching::score::Prepared;
use seisai_model::{Entity, Schema};
use sha2::{Digest, Sha256};

/// Names whose keys make the version (people, then companies).
const PROBES: &[(&str, &str)] = &[
    ("Person", "Vladimir Vladimirovich PUTIN"),
    ("Person", "Mohammed bin Abdul-Rahman Al-Hassan"),
    ("Person", "José María van der Berg-O'Neill Jr."),
    ("Person", "Иван Петрович Сидоров"),
    ("Person", "محمد عبد الله"),
    ("Person", "金正恩"),
    ("Person", "やまだ たろう"),
    ("Person", "Ri Myong Su 2"),
    ("Person", "Nguyễn Thị Minh Khai"),
    ("Person", "Ψηλορείτης Κωνσταντίνος"),
    ("Company", "Acme Trading LLC"),
    ("Company", "OOO \"Rosneft Oil Company\""),
    ("Company", "Shipping Co. No. 7 Ltd"),
    ("Company", "株式会社 東京電力"),
    ("Company", "Bank Melli Iran PJSC"),
];

/// The version of the keys that `index` looks up for a query (hex digest).
pub fn key_version(index: &Index) -> String {
    let mut h = Sha256::new();
    h.update(if index.context().japanese.is_some() { b"ja\n" as &[u8] } else { b"-\n" });
    for (schema, name) in PROBES {
        let mut e = Entity::new("probe", name, schema.parse::<Schema>().unwrap_or(Schema::Person));
        e.properties.insert("name".into(), vec![name.to_string()]);
        h.update(encode(&lookup_keys(&index.prepare(&e))));
        h.update(b"\n");
    }
    hex::encode(&h.finalize()[..12])
}

/// Makes customers' lookup keys as a monitoring run under the same name
/// context would: an import fills the cache with it.
pub struct KeyMaker {
    /// An empty index: the name preparation of `ctx`, and nothing indexed.
    preparer: Index,
    version: String,
}

impl KeyMaker {
    /// The key maker of a name context (use the one monitoring uses, or
    /// the keys are remade at the first run).
    pub fn new(ctx: NameContext) -> KeyMaker {
        let preparer = Index::build(Vec::new(), ctx);
        let version = key_version(&preparer);
        KeyMaker { preparer, version }
    }

    /// The version of the keys made (see [`key_version`]).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The keys of a party, encoded as stored: those of its prepared names,
    /// without the comparators a search would add (keys do not use them).
    pub fn keys(&self, party: &Entity) -> Vec<u8> {
        encode(&lookup_keys(&Prepared::from_entity(party, self.preparer.context())))
    }
}

/// Keys as stored.
pub fn encode(keys: &[u64]) -> Vec<u8> {
    keys.iter().flat_map(|k| k.to_le_bytes()).collect()
}

/// Stored keys, or None when the bytes cannot be keys (recomputed then).
pub fn decode(bytes: &[u8]) -> Option<Vec<u64>> {
    if bytes.len() % 8 != 0 {
        return None;
    }
    Some(bytes.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default())).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_version_is_stable() {
        let keys = vec![0, 1, u64::MAX, 0x0123_4567_89ab_cdef];
        assert_eq!(decode(&encode(&keys)), Some(keys));
        assert_eq!(decode(&[1, 2, 3]), None);
        let index = Index::build(Vec::new(), seisai_matching::NameContext::without_dictionaries());
        assert_eq!(key_version(&index), key_version(&index));
        assert_eq!(key_version(&index).len(), 24);
    }
}
