//! The built-in datasets: name, publisher, format and official URLs.

use serde::Serialize;

/// The file format a dataset is published in; selects the loader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// OFAC legacy CSV set (`sdn.csv` + `alt.csv` + `add.csv` + `sdn_comments.csv`,
    /// or `cons_*.csv`), or the SDN primary file alone.
    OfacCsv,
    /// OFAC enhanced XML (`<sanctionsData>`), plain or zipped.
    OfacEnhancedXml,
    /// UN Security Council consolidated XML.
    UnScXml,
    /// EU designation CSVs extracted from the Official Journal (one per legal act).
    EuJournalCsv,
    /// EU Financial Sanctions Files XML (`<export>`).
    EuFsfXml,
    /// Japan MOF asset-freeze list (XLSX with one sheet per regime, or the 32-column CSV edition).
    JpMof,
    /// Japan METI End User List (XLSX).
    JpMetiEul,
    /// Japan MOFA/METI export-ban specified-entity lists (text extracted from the PDFs).
    JpExportBan,
    /// US Consolidated Screening List (trade.gov CSV, gzip or not).
    UsCsl,
    /// US BIS Denied Persons List (tab-separated).
    UsBisDpl,
    /// China MFA counter-sanctions list (CSV).
    CnMfa,
    /// UK OFSI Consolidated List (ConList.csv).
    GbOfsiCsv,
    /// UK Sanctions List (FCDO) XML.
    GbFcdoXml,
    /// Canada Special Economic Measures Act consolidated list (XML).
    CaSemaXml,
    /// Any FollowTheMoney JSON-lines feed.
    Ftm,
}

impl Format {
    /// Parses a format name as used by `--format` (`ftm`, `ofac_csv`, …).
    pub fn parse(name: &str) -> Option<Format> {
        let all = [
            Format::OfacCsv,
            Format::OfacEnhancedXml,
            Format::UnScXml,
            Format::EuJournalCsv,
            Format::EuFsfXml,
            Format::JpMof,
            Format::JpMetiEul,
            Format::JpExportBan,
            Format::UsCsl,
            Format::UsBisDpl,
            Format::CnMfa,
            Format::GbOfsiCsv,
            Format::GbFcdoXml,
            Format::CaSemaXml,
            Format::Ftm,
        ];
        all.into_iter().find(|f| f.name() == name)
    }

    /// The format's name as used by `--format`.
    pub fn name(&self) -> &'static str {
        match self {
            Format::OfacCsv => "ofac_csv",
            Format::OfacEnhancedXml => "ofac_enhanced_xml",
            Format::UnScXml => "un_sc_xml",
            Format::EuJournalCsv => "eu_journal_csv",
            Format::EuFsfXml => "eu_fsf_xml",
            Format::JpMof => "jp_mof",
            Format::JpMetiEul => "jp_meti_eul",
            Format::JpExportBan => "jp_export_ban",
            Format::UsCsl => "us_csl",
            Format::UsBisDpl => "us_bis_dpl",
            Format::CnMfa => "cn_mfa",
            Format::GbOfsiCsv => "gb_ofsi_csv",
            Format::GbFcdoXml => "gb_fcdo_xml",
            Format::CaSemaXml => "ca_sema_xml",
            Format::Ftm => "ftm",
        }
    }
}

/// A built-in dataset.
#[derive(Clone, Debug, Serialize)]
pub struct Dataset {
    /// Short name, also the entity id prefix (`us_ofac_sdn`).
    pub name: &'static str,
    /// Human title.
    pub title: &'static str,
    /// Publishing authority.
    pub publisher: &'static str,
    /// Country of the publisher (ISO alpha-2, lower case; `un`/`eu` for the organisations).
    pub country: &'static str,
    /// The format of the official download.
    pub format: Format,
    /// Other formats the same list is published in (chosen by content
    /// sniffing on import, see [`Dataset::detect_format`]).
    pub other_formats: &'static [Format],
    /// Official download URLs (all files of one version). Empty where the
    /// publisher has no stable URL (the file must be imported by hand).
    pub urls: &'static [&'static str],
    /// Collections the dataset belongs to (`sanctions`, `jp`, `export_control`).
    pub collections: &'static [&'static str],
}

static BUILTIN: &[Dataset] = &[
    Dataset {
        name: "us_ofac_sdn",
        title: "OFAC Specially Designated Nationals (SDN) List",
        publisher: "US Treasury, Office of Foreign Assets Control",
        country: "us",
        format: Format::OfacCsv,
        other_formats: &[Format::OfacEnhancedXml],
        urls: &[
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV",
        ],
        collections: &["sanctions", "us"],
    },
    Dataset {
        name: "us_ofac_cons",
        title: "OFAC Consolidated (non-SDN) Sanctions List",
        publisher: "US Treasury, Office of Foreign Assets Control",
        country: "us",
        format: Format::OfacCsv,
        other_formats: &[Format::OfacEnhancedXml],
        urls: &[
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_PRIM.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ALT.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ADD.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_COMMENTS.CSV",
        ],
        collections: &["sanctions", "us"],
    },
    Dataset {
        name: "un_sc",
        title: "UN Security Council Consolidated List",
        publisher: "United Nations Security Council",
        country: "un",
        format: Format::UnScXml,
        other_formats: &[],
        urls: &["https://scsanctions.un.org/resources/xml/en/consolidated.xml"],
        collections: &["sanctions"],
    },
    Dataset {
        name: "eu_journal",
        title: "EU sanctions designations (Official Journal legal acts)",
        publisher: "European Union",
        country: "eu",
        format: Format::EuJournalCsv,
        other_formats: &[],
        urls: &[],
        collections: &["sanctions", "eu"],
    },
    Dataset {
        name: "eu_fsf",
        title: "EU Financial Sanctions Files (FSF) consolidated list",
        publisher: "European Commission, DG FISMA",
        country: "eu",
        format: Format::EuFsfXml,
        other_formats: &[],
        urls: &["https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"],
        collections: &["sanctions", "eu"],
    },
    Dataset {
        name: "jp_mof",
        title: "Japan MOF Economic Sanctions Measures and List of Targets (経済制裁措置及び対象者リスト)",
        publisher: "Ministry of Finance, Japan",
        country: "jp",
        format: Format::JpMof,
        other_formats: &[],
        urls: &["https://www.mof.go.jp/policy/international_policy/gaitame_kawase/gaitame/economic_sanctions/list.html"],
        collections: &["sanctions", "jp"],
    },
    Dataset {
        name: "jp_meti_eul",
        title: "Japan METI End User List (外国ユーザーリスト)",
        publisher: "Ministry of Economy, Trade and Industry, Japan",
        country: "jp",
        format: Format::JpMetiEul,
        other_formats: &[],
        urls: &["https://www.meti.go.jp/policy/anpo/20250929_4.xlsx"],
        collections: &["export_control", "jp"],
    },
    Dataset {
        name: "jp_export_ban",
        title: "Japan export-ban specified entities (Russia, Belarus, third countries)",
        publisher: "Ministry of Foreign Affairs / METI, Japan",
        country: "jp",
        format: Format::JpExportBan,
        other_formats: &[],
        urls: &[
            "https://www.meti.go.jp/policy/external_economy/trade_control/02_export/17_russia/list_russia_tokutei.pdf",
            "https://www.meti.go.jp/policy/external_economy/trade_control/02_export/17_russia/list_belarus_tokutei.pdf",
            "https://www.meti.go.jp/policy/external_economy/trade_control/02_export/17_russia/list_daisangoku_tokutei.pdf",
        ],
        collections: &["sanctions", "export_control", "jp"],
    },
    Dataset {
        name: "us_csl",
        title: "US Consolidated Screening List",
        publisher: "US Department of Commerce, International Trade Administration",
        country: "us",
        format: Format::UsCsl,
        other_formats: &[],
        urls: &["https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"],
        collections: &["sanctions", "export_control", "us"],
    },
    Dataset {
        name: "us_bis_dpl",
        title: "US BIS Denied Persons List",
        publisher: "US Department of Commerce, Bureau of Industry and Security",
        country: "us",
        format: Format::UsBisDpl,
        other_formats: &[],
        urls: &["https://www.bis.doc.gov/dpl/dpl.txt"],
        collections: &["export_control", "us"],
    },
    Dataset {
        name: "cn_mfa",
        title: "China MFA counter-sanctions list",
        publisher: "Ministry of Foreign Affairs of the People's Republic of China",
        country: "cn",
        format: Format::CnMfa,
        other_formats: &[],
        urls: &[],
        collections: &["sanctions"],
    },
    Dataset {
        name: "gb_ofsi",
        title: "UK OFSI Consolidated List of Financial Sanctions Targets",
        publisher: "HM Treasury, Office of Financial Sanctions Implementation",
        country: "gb",
        format: Format::GbOfsiCsv,
        other_formats: &[],
        urls: &["https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv"],
        collections: &["sanctions", "gb"],
    },
    Dataset {
        name: "gb_fcdo",
        title: "UK Sanctions List (FCDO)",
        publisher: "UK Foreign, Commonwealth & Development Office",
        country: "gb",
        format: Format::GbFcdoXml,
        other_formats: &[],
        urls: &["https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"],
        collections: &["sanctions", "gb"],
    },
    Dataset {
        name: "ca_sema",
        title: "Canada Consolidated Special Economic Measures Act Sanctions List",
        publisher: "Global Affairs Canada",
        country: "ca",
        format: Format::CaSemaXml,
        other_formats: &[],
        urls: &["https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml"],
        collections: &["sanctions"],
    },
];

impl Dataset {
    /// The format of `inputs`: the dataset's main format unless the content
    /// is clearly one of its other formats (a zip or an XML document where
    /// the main format is CSV).
    pub fn detect_format(&self, inputs: &[crate::Input]) -> Format {
        let looks_xml = |i: &crate::Input| {
            let head = &i.data[..i.data.len().min(512)];
            let text = String::from_utf8_lossy(head);
            text.trim_start_matches('\u{feff}').trim_start().starts_with('<')
        };
        for other in self.other_formats {
            let fits = match other {
                Format::OfacEnhancedXml => inputs.iter().any(|i| i.is_zip() || looks_xml(i)),
                _ => false,
            };
            if fits {
                return *other;
            }
        }
        self.format
    }
}

/// All built-in datasets.
pub fn builtin() -> &'static [Dataset] {
    BUILTIN
}

/// The built-in dataset of that name.
pub fn find(name: &str) -> Option<&'static Dataset> {
    BUILTIN.iter().find(|d| d.name == name)
}
