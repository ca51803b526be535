//! Any FollowTheMoney JSON-lines feed (Format::Ftm), e.g. an OpenSanctions
//! export.
//!
//! Each line is one FtM entity, read with [`seisai_model::ftm::read_lines`].
//! Under dataset `D` the feed's id `X` becomes `D-X` (the [`Entity::new`]
//! rule): `source_id` is `X`, `datasets` is `D` followed by the feed's own
//! datasets. References between entities of the feed are re-prefixed the
//! same way so they stay valid: a value is a reference when it is in one of
//! the FtM entity-typed properties listed in [`REFERENCE_PROPS`] and equals
//! the id of an entity of the same load; `referents` are re-prefixed the same
//! way. A reference to an entity that is not in the load is left as it is
//! and counted in a warning. Entities of schemata that are not screened
//! (Sanction, Ownership, Address, …) are kept as [`Schema::Other`] so the
//! feed round-trips. A line that is not an FtM entity is rejected with its
//! line number and loading continues.
//!
//! [`Schema::Other`]: seisai_model::Schema::Other

use std::collections::HashSet;

use seisai_model::{Entity, entity_id};

use crate::{Collector, Input, SourceError};

/// FtM properties of type `entity` (values are ids of other entities),
/// across the FtM schemata: interests and links (Ownership, Directorship,
/// Membership, Employment, Family, Associate, Representation, Succession,
/// UnknownLink), Sanction and Identification, Thing and Asset, documents,
/// payments, contracts and court cases.
pub const REFERENCE_PROPS: &[&str] = &[
    "entity",
    "owner",
    "asset",
    "holder",
    "issuer",
    "organization",
    "member",
    "person",
    "relative",
    "associate",
    "director",
    "employer",
    "employee",
    "agent",
    "client",
    "predecessor",
    "successor",
    "subject",
    "object",
    "parent",
    "child",
    "vessel",
    "proof",
    "addressEntity",
    "post",
    "payer",
    "payee",
    "beneficiary",
    "lender",
    "borrower",
    "debtor",
    "creditor",
    "contract",
    "supplier",
    "authority",
    "buyer",
    "seller",
    "operator",
    "bank",
    "project",
    "participant",
    "party",
    "case",
    "document",
    "resolved",
    "pictured",
    "involved",
    "organizer",
    "sender",
    "recipients",
    "emitters",
    "caller",
    "receiver",
    "taxee",
    "declarant",
    "candidate",
    "match",
    "mentions",
    "parentEntity",
];

/// Loads FtM JSON lines into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    if inputs.is_empty() {
        return Err(SourceError::Missing { detail: "FtM feed: no file given".into() });
    }
    let dataset = out.dataset().to_string();
    let mut read: Vec<(Entity, String, String)> = Vec::new();
    for input in inputs {
        let data = input.data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&input.data);
        // read_lines skips blank lines: the k-th result is the k-th non-blank line.
        let line_numbers: Vec<usize> = data
            .split(|b| *b == b'\n')
            .enumerate()
            .filter(|(_, l)| !std::str::from_utf8(l).is_ok_and(|t| t.trim().is_empty()))
            .map(|(i, _)| i + 1)
            .collect();
        for (k, result) in seisai_model::ftm::read_lines(data).enumerate() {
            let location = format!("line {}", line_numbers.get(k).copied().unwrap_or(k + 1));
            match result {
                Ok(entity) if entity.id.trim().is_empty() => out.reject(&input.name, &location, "entity has an empty id"),
                Ok(entity) => read.push((entity, input.name.clone(), location)),
                Err(e) => out.reject(&input.name, &location, e.to_string()),
            }
        }
    }
    let ids: HashSet<String> = read.iter().map(|(e, _, _)| e.id.clone()).collect();
    let mut dangling = 0usize;
    for (mut entity, file, location) in read {
        let feed_id = std::mem::take(&mut entity.id);
        entity.id = entity_id(&dataset, &feed_id);
        entity.source_id = Some(feed_id.trim().to_string());
        let mut datasets = vec![dataset.clone()];
        datasets.extend(entity.datasets.drain(..).filter(|d| *d != dataset));
        entity.datasets = datasets;
        for r in &mut entity.referents {
            if ids.contains(r.as_str()) {
                *r = entity_id(&dataset, r);
            }
        }
        for (prop, values) in entity.properties.iter_mut() {
            if !REFERENCE_PROPS.contains(&prop.as_str()) {
                continue;
            }
            for v in values.iter_mut() {
                if ids.contains(v.as_str()) {
                    *v = entity_id(&dataset, v);
                } else if !is_text_valued(prop) {
                    dangling += 1;
                }
            }
        }
        out.entity(entity, &file, &location);
    }
    if dangling > 0 {
        out.warn(format!("{dangling} references to entities not in this feed were left unchanged"));
    }
    Ok(())
}

/// Reference properties that some FtM schemata use for text instead
/// (Sanction `authority` is the authority's name), whose non-id values are
/// not counted as dangling references.
fn is_text_valued(prop: &str) -> bool {
    prop == "authority"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_report::{load_ok, real_input, report};
    use crate::{Format, Loaded, load as load_format};
    use seisai_model::{Schema, props};

    fn run(text: &str) -> Loaded {
        load_ok("os", Format::Ftm, &[Input::new("feed.jsonl", text)])
    }

    const FEED: &str = concat!(
        r#"{"id":"NK-1","schema":"Person","properties":{"name":["Иван Петров"],"birthDate":["1970"]},"datasets":["ru_list"],"referents":["Q1"],"first_seen":"2024-01-01T00:00:00"}"#,
        "\n",
        r#"{"id":"co-2","schema":"Company","properties":{"name":["株式会社テスト"]},"datasets":["os"]}"#,
        "\n",
        r#"{"id":"own-3","schema":"Ownership","properties":{"owner":["NK-1"],"asset":["co-2"],"percentage":["50"]}}"#,
        "\n",
        r#"{"id":"s-4","schema":"Sanction","properties":{"entity":["NK-1"],"authority":["Ministry of Finance"],"program":["RU"]}}"#,
        "\n",
        r#"{"id":"s-5","schema":"Sanction","properties":{"entity":["elsewhere-9"],"country":["NK-1"]}}"#,
        "\n",
        "{broken json\n",
        "\n",
        r#"{"id":"p-6","schema":"Person","properties":{}}"#,
        "\n",
    );

    #[test]
    fn prefixes_ids_and_references() {
        let loaded = run(FEED);
        let ids: Vec<_> = loaded.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["os-NK-1", "os-co-2", "os-own-3", "os-s-4", "os-s-5"]);
        let person = &loaded.entities[0];
        assert_eq!(person.source_id.as_deref(), Some("NK-1"));
        assert_eq!(person.datasets, ["os", "ru_list"]);
        assert_eq!(person.referents, ["Q1"], "a referent outside the feed stays as it is");
        assert!(person.extra.contains_key("first_seen"));
        assert_eq!(loaded.entities[1].datasets, ["os"]);
        let own = &loaded.entities[2];
        assert_eq!(own.schema, Schema::Other("Ownership".into()));
        assert_eq!(own.get("owner"), ["os-NK-1"]);
        assert_eq!(own.get("asset"), ["os-co-2"]);
        assert_eq!(own.get("percentage"), ["50"]);
        let sanction = &loaded.entities[3];
        assert_eq!(sanction.get("entity"), ["os-NK-1"]);
        assert_eq!(sanction.get("authority"), ["Ministry of Finance"]);
        let other = &loaded.entities[4];
        assert_eq!(other.get("entity"), ["elsewhere-9"]);
        assert_eq!(other.get(props::COUNTRY), ["NK-1"], "only reference properties are rewritten");
        assert_eq!(loaded.warnings, ["1 references to entities not in this feed were left unchanged"]);
        let rejected: Vec<_> = loaded.rejected.iter().map(|r| (r.file.as_str(), r.location.as_str())).collect();
        assert_eq!(rejected, [("feed.jsonl", "line 6"), ("feed.jsonl", "line 8")]);
        assert!(loaded.rejected[1].reason.contains("no name"));
    }

    #[test]
    fn garbage_and_truncation_never_panic() {
        let bytes = FEED.as_bytes();
        for cut in 0..bytes.len() {
            match load_format("os", Format::Ftm, &[Input::new("cut.jsonl", bytes.get(..cut).unwrap_or_default())]) {
                Ok(loaded) => assert!(loaded.rejected.iter().all(|r| r.file == "cut.jsonl")),
                Err(e) => assert!(e.to_string().starts_with("cut.jsonl: "), "{e}"),
            }
        }
        let loaded = load_ok("os", Format::Ftm, &[Input::new("bin.jsonl", b"\xff\xfe{\"id\"\n".to_vec())]);
        assert_eq!(loaded.rejected.len(), 1);
        assert_eq!(loaded.rejected[0].location, "line 1");
    }

    fn round_trip(loaded: &Loaded) {
        let mut buf = Vec::new();
        for e in &loaded.entities {
            if let Err(err) = seisai_model::ftm::write_line(&mut buf, e) {
                panic!("{err}");
            }
        }
        let back: Vec<Entity> = seisai_model::ftm::read_lines(buf.as_slice()).filter_map(Result::ok).collect();
        assert_eq!(back, loaded.entities);
    }

    #[test]
    fn round_trips_through_write_line() {
        round_trip(&run(FEED));
    }

    #[test]
    fn real_opensanctions_fixture() {
        let Some(input) = real_input("ftm real feed", "opensanctions/fixture-entities.ftm.jsonl") else { return };
        let loaded = load_ok("opensanctions", Format::Ftm, &[input]);
        report("ftm opensanctions fixture", &loaded);
        assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
        assert_eq!(loaded.entities.len(), 102);
        let ids: HashSet<&str> = loaded.entities.iter().map(|e| e.id.as_str()).collect();
        assert!(loaded.entities.iter().all(|e| e.id.starts_with("opensanctions-")));
        // Every Sanction and Ownership points at entities of the load.
        let mut checked = 0;
        for e in &loaded.entities {
            for prop in ["entity", "owner", "asset"] {
                for v in e.get(prop) {
                    assert!(ids.contains(v.as_str()), "{} {prop} {v}", e.id);
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 41 + 14 + 14);
        let sanctions = loaded.entities.iter().filter(|e| e.schema == Schema::Other("Sanction".into())).count();
        assert_eq!(sanctions, 41);
        round_trip(&loaded);
    }
}
