//! IPADIC proper-noun CSVs (`Noun.name.csv`, `Noun.place.csv`,
//! `Noun.org.csv`, and the common nouns of `Noun.csv`; EUC-JP): surface, left/right ids, cost, part of speech ×6,
//! base form, katakana reading, pronunciation. The cost ranks readings: a
//! lower cost is a more common word.

use std::path::Path;

use super::JapaneseError;
use super::store::{Store, tag};

/// The files read, if present: proper nouns, and common nouns for the
/// words of company names (重工業, 銀行).
pub(crate) const FILES: [&str; 4] = ["Noun.name.csv", "Noun.place.csv", "Noun.org.csv", "Noun.csv"];

/// Loads the proper-noun CSVs of an IPADIC source directory into `store`.
/// A missing file is skipped; a malformed line is an error naming file and line.
pub(crate) fn load(dir: &Path, store: &mut Store) -> Result<(), JapaneseError> {
    for name in FILES {
        let path = dir.join(name);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => return Err(JapaneseError::Io { path, source }),
        };
        let text = super::decode_euc_jp(&path, &bytes)?;
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split(',').collect();
            let bad = |message: &str| JapaneseError::Format {
                path: path.clone(),
                line: number + 1,
                message: message.to_owned(),
            };
            let [surface, _, _, cost, _, _, kind, sub, _, _, _, reading, ..] = fields.as_slice() else {
                return Err(bad("expected at least 12 comma-separated fields"));
            };
            let cost: i64 = cost.parse().map_err(|_| bad("cost (4th field) is not an integer"))?;
            let bits = match (*kind, *sub) {
                ("人名", "姓") => tag::SURNAME,
                ("人名", "名") => tag::GIVEN,
                ("人名", _) => tag::PERSON,
                ("地域", _) => tag::PLACE,
                ("組織", _) => tag::ORG,
                _ => tag::OTHER,
            };
            if super::enamdict::has_kanji(surface) {
                let cost = cost.clamp(0, i64::from(u16::MAX - 1)) as u16;
                store.add(surface, reading, "", bits, cost);
            }
        }
    }
    Ok(())
}
