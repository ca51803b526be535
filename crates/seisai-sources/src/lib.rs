//! Loaders for the official sanctions-list formats.
//!
//! Each format has its own module that reads the publisher's files record
//! by record (quick-xml events, csv records, calamine rows) and pushes
//! [`Entity`] values into a [`Collector`]. A record that cannot be read is
//! recorded as a [`Rejected`] row with its location and reason, never
//! dropped silently; a file that cannot be read at all gives a
//! [`SourceError`] naming the file, the position and what was expected.
//!
//! [`load`] dispatches on a [`Dataset`]'s [`Format`]; [`datasets`] lists the
//! built-in datasets with their official URLs.

pub mod collector;
pub mod datasets;
pub mod error;
pub mod fetch;
pub mod input;

pub(crate) mod script;
pub(crate) mod values;
pub(crate) mod xml_tree;
#[cfg(test)]
mod test_report;

pub mod cn_mfa;
pub mod eu_fsf;
pub mod eu_journal;
pub mod ftm;
pub mod jp_export_ban;
pub mod jp_meti_eul;
pub mod jp_mof;
pub mod ofac_csv;
pub mod ofac_enhanced;
pub mod ofac_remarks;
pub mod gb_ofsi;
pub mod gb_fcdo;
pub mod ca_sema;
pub mod un_sc;
pub mod us_bis_dpl;
pub mod us_csl;
pub mod table;

mod delimited;
mod xml_events;

pub use collector::{Collector, Loaded, Rejected};
pub use datasets::{Dataset, Format, builtin, find as find_dataset};
pub use error::SourceError;
pub use input::Input;

/// Loads `inputs` (the files of one dataset version) in `format` into
/// entities of `dataset`.
pub fn load(dataset: &str, format: Format, inputs: &[Input]) -> Result<Loaded, SourceError> {
    let mut out = Collector::new(dataset);
    match format {
        Format::OfacCsv => ofac_csv::load(inputs, &mut out)?,
        Format::OfacEnhancedXml => ofac_enhanced::load(inputs, &mut out)?,
        Format::UnScXml => un_sc::load(inputs, &mut out)?,
        Format::EuJournalCsv => eu_journal::load(inputs, &mut out)?,
        Format::EuFsfXml => eu_fsf::load(inputs, &mut out)?,
        Format::JpMof => jp_mof::load(inputs, &mut out)?,
        Format::JpMetiEul => jp_meti_eul::load(inputs, &mut out)?,
        Format::JpExportBan => jp_export_ban::load(inputs, &mut out)?,
        Format::UsCsl => us_csl::load(inputs, &mut out)?,
        Format::UsBisDpl => us_bis_dpl::load(inputs, &mut out)?,
        Format::CnMfa => cn_mfa::load(inputs, &mut out)?,
        Format::GbOfsiCsv => gb_ofsi::load(inputs, &mut out)?,
        Format::GbFcdoXml => gb_fcdo::load(inputs, &mut out)?,
        Format::CaSemaXml => ca_sema::load(inputs, &mut out)?,
        Format::Ftm => ftm::load(inputs, &mut out)?,
    }
    Ok(out.finish())
}
