//! Which files of the shared data folder make up the latest version of
//! each dataset (older snapshots are left out: they are for list-update
//! tests, not for screening).

use std::path::{Path, PathBuf};

use seisai_sources::Format;

/// One dataset's files in the shared data folder.
#[derive(Clone, Debug)]
pub struct CorpusEntry {
    /// Dataset name.
    pub dataset: &'static str,
    /// Format of the files.
    pub format: Format,
    /// The files (relative paths resolved against the data folder).
    pub files: Vec<PathBuf>,
}

/// The latest version of every dataset in `data_dir` (the layout of
/// `../shared/data`). Files that are missing are left out.
pub fn latest(data_dir: &Path) -> Vec<CorpusEntry> {
    let single: [(&str, Format, &str); 13] = [
        ("us_ofac_sdn", Format::OfacCsv, "ofac/sdn-2024-05-03.csv"),
        ("un_sc", Format::UnScXml, "un/un-consolidated-2026-02-27.xml"),
        ("eu_fsf", Format::EuFsfXml, "eu/fsf/fsf-extract-2026-08-05.xml"),
        ("jp_mof", Format::JpMof, "jp/mof-asset-freeze-2026-03-05.xlsx"),
        ("jp_meti_eul", Format::JpMetiEul, "jp/meti-end-user-list-2025-09-29.xlsx"),
        ("us_csl", Format::UsCsl, "us_csl/csl-2022.csv.gz"),
        ("us_bis_dpl", Format::UsBisDpl, "us_bis_dpl/dpl-2023.txt"),
        ("cn_mfa", Format::CnMfa, "cn/cn-mfa-countersanctions.csv"),
        ("gb_ofsi", Format::GbOfsiCsv, "uk/ofsi-conlist-2020-04-27.csv"),
        ("gb_fcdo", Format::GbFcdoXml, "uk/uk-sanctions-list-extract-2026-08-14.xml"),
        ("ca_sema", Format::CaSemaXml, "ca/sema-2025.xml"),
        ("us_ofac_cons", Format::OfacEnhancedXml, "ofac/cons-enhanced-2025-01-10.zip"),
        ("opensanctions", Format::Ftm, "opensanctions/fixture-entities.ftm.jsonl"),
    ];
    let mut out: Vec<CorpusEntry> = single
        .iter()
        .map(|(d, f, p)| CorpusEntry { dataset: d, format: *f, files: vec![data_dir.join(p)] })
        .filter(|e| e.files[0].is_file())
        .collect();
    let dir_files = |dirs: &[&str], ext: &str| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = dirs
            .iter()
            .filter_map(|d| std::fs::read_dir(data_dir.join(d)).ok())
            .flat_map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .collect();
        files.sort();
        files
    };
    let eu = dir_files(&["eu/consolidated", "eu/amendments"], "csv");
    if !eu.is_empty() {
        out.push(CorpusEntry { dataset: "eu_journal", format: Format::EuJournalCsv, files: eu });
    }
    let jp_ban: Vec<PathBuf> = dir_files(&["jp"], "txt")
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("export-ban-")))
        .collect();
    if !jp_ban.is_empty() {
        out.push(CorpusEntry { dataset: "jp_export_ban", format: Format::JpExportBan, files: jp_ban });
    }
    out
}
