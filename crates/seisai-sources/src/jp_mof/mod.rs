//! Japan, Ministry of Finance: 経済制裁措置及び対象者リスト (the asset-freeze
//! list under the Foreign Exchange and Foreign Trade Act), both editions.
//!
//! The edition is detected by content: zip magic → XLSX, else CSV text.
//!
//! * **XLSX** ([`xlsx`]): sheet `一覧` maps regime numbers to titles; each
//!   other sheet `N.…` is one regime. Its header row is the first row whose
//!   column A holds `告示日付` (whitespace-insensitive); headers are mapped
//!   by [`fields`]. Sheets 8, 11 and 18 (`【解除】`) have no rows and give a
//!   warning.
//! * **CSV** ([`csv_edition`]): the 32-column edition, UTF-8 with BOM
//!   (Shift_JIS decoded explicitly with a warning, see there).
//!
//! **Rows and entities.** One row is one designation under one regime and
//! becomes one entity `jp_mof-{NNN-NNNNNN}`: the regime number (3 digits)
//! and the party's `告示番号` (6 digits), which is the CSV edition's `番号`
//! (`jp_mof-029-000001` = Vladimir Putin). Cross-reference marks in
//! `告示番号` (`7(*1)`, `#47`) keep the leading number and are kept as a
//! note. The same party listed under two regimes (KOMID on sheets 13 and
//! 14) stays two entities: each designation has its own programme, notice
//! dates and delisting, and merging them would make one regime's delisting
//! end the other's listing; the matcher deduplicates by name.
//!
//! **Names.** `英語表記` is the first `name` (and the caption), `日本語表記`
//! a second `name` in Japanese script; alias cells are split by
//! [`text::split_names`]. Schema: from the regime title's last bracket
//! (`（個人）` → Person, `（団体…）`/`（特定銀行）` → Organization) or the CSV
//! `個人・団体`; on mixed regimes Person when the row has personal details
//! (birth date, place, passport, nationality, title), else LegalEntity.
//!
//! **Dates.** `告示日付` ([`notice`]): the first plain date is
//! `listingDate`, `改訂`/`修正` dates are `modifiedAt`, `削除` dates are
//! `delistingDate`.
//!
//! **Tombstones.** A row with `削除` and no name delists its party: it is
//! applied as `delistingDate` to the entity with the same id in this load
//! (so [`Entity::in_force_on`](seisai_model::Entity::in_force_on) is true
//! before the date and false from it). When no named row has that id (MOF
//! replaces the designation row by the tombstone, so in the 2026-03-05
//! workbook all 598 `削除` rows are alone), the row is rejected with the
//! reason `delisting tombstone without a name: <id> delisted <date> …`, so
//! the delisting stays on record in the load report.

mod csv_edition;
mod fields;
mod notice;
mod record;
mod regimes;
pub(crate) mod text;
pub(crate) mod xlsx;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use seisai_model::{Entity, props};

use crate::{Collector, Input, SourceError};
use record::{Built, Record};
pub(crate) use csv_edition::read_rows as read_csv_rows;
pub(crate) use record::country_in as record_country_in;

/// Loads the files of one version (XLSX and/or CSV edition) into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    if inputs.is_empty() {
        return Err(SourceError::Missing { detail: "jp_mof needs the MOF list as XLSX or CSV".into() });
    }
    for input in inputs {
        let mut records = Vec::new();
        if input.is_zip() {
            xlsx::load(input, out, &mut records)?;
        } else {
            csv_edition::load(input, out, &mut records)?;
        }
        emit(input, out, &records);
    }
    Ok(())
}

/// Builds the entities of one file's rows, applies the tombstones and
/// hands everything to the collector.
fn emit(input: &Input, out: &mut Collector, records: &[Record]) {
    let dataset = out.dataset().to_string();
    let mut entities: Vec<(Entity, String)> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut tombstones = Vec::new();
    let mut warnings = Vec::new();
    for record in records {
        match record.build(&dataset, &mut warnings) {
            Built::Entity(e) => {
                by_id.insert(e.id.clone(), entities.len());
                entities.push((*e, record.location.clone()));
            }
            Built::Tombstone { id, delisted, notice } => tombstones.push((id, delisted, notice, record.location.clone())),
            Built::Unusable(reason) => out.reject(&input.name, &record.location, reason),
        }
    }
    for (id, delisted, notice, location) in tombstones {
        let notice = notice.replace('\n', " ");
        match by_id.get(&id).and_then(|&i| entities.get_mut(i)) {
            Some((entity, _)) => {
                for d in delisted {
                    entity.add_date(props::DELISTING_DATE, d);
                }
                entity.add(props::NOTES, format!("delisted by the row at {location} (告示日付 {notice})"));
            }
            None => {
                let dates: Vec<String> = delisted.iter().map(ToString::to_string).collect();
                out.reject(
                    &input.name,
                    &location,
                    format!("delisting tombstone without a name: {id} delisted {} (告示日付 {notice})", dates.join(", ")),
                );
            }
        }
    }
    for w in warnings {
        out.warn(format!("{}: {w}", input.name));
    }
    for (entity, location) in entities {
        out.entity(entity, &input.name, &location);
    }
}
