//! The types of a policy file (one regime: header, goods lists, measures).
//!
//! The TOML layout is described by `policies/policy.schema.json`; every
//! struct refuses unknown fields so a misspelt key is an error, not a silent
//! default.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::decision::Outcome;

/// A whole policy file: one sanctions regime.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    /// Identity and version of the regime.
    pub policy: PolicyHeader,
    /// Named goods lists (e.g. the Common High Priority List) that measures refer to.
    #[serde(default)]
    pub goods_list: Vec<GoodsList>,
    /// The measures, one per machine-checkable legal act.
    #[serde(default)]
    pub measure: Vec<Measure>,
}

/// Identity of a policy file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyHeader {
    /// Short identifier, e.g. `jp-russia`.
    pub id: String,
    /// Human title.
    pub title: String,
    /// ISO 3166-1 alpha-2 code of the sanctioning jurisdiction (`JP`, `EU`, …).
    pub jurisdiction: String,
    /// Version of this policy content (usually the date of the last review).
    pub version: String,
    /// Version of the file format; this crate reads format 1.
    pub format: u32,
    /// Date up to which the facts were checked against sources.
    pub facts_as_of: NaiveDate,
    /// Free notes on coverage and gaps.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A named list of goods codes, e.g. the Common High Priority List.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoodsList {
    /// Identifier measures use to refer to the list.
    pub id: String,
    /// Title.
    pub title: String,
    /// Version (publication date) of the list.
    pub version: String,
    /// Where the list comes from.
    pub sources: Vec<String>,
    /// The items.
    pub items: Vec<GoodsListItem>,
}

/// One item of a goods list.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoodsListItem {
    /// HS code prefix (digits only, 4 to 10 digits).
    pub hs: String,
    /// Tier or item number within the list (`TIER_1`, `2(1)`, …).
    #[serde(default)]
    pub tier: Option<String>,
    /// What the code covers.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the reference marks the code or its tier uncertain.
    #[serde(default)]
    pub uncertain: bool,
}

/// What kind of legal effect a measure has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// Payments and capital transactions with listed persons need permission.
    AssetFreeze,
    /// Goods of a given origin (or kind) may not be imported.
    ImportBan,
    /// Goods may not be exported to a destination, region or listed end user.
    ExportBan,
    /// Issuance or acquisition of given securities needs permission.
    SecuritiesBan,
    /// New direct or portfolio investment needs permission.
    InvestmentBan,
    /// Provision of given services needs permission.
    ServiceBan,
    /// Imports and related services above a price level are prohibited.
    PriceCap,
    /// Visa suspension: information only, never evaluated on documents.
    VisaBan,
}

impl MeasureKind {
    /// The snake_case name used in policy files.
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureKind::AssetFreeze => "asset_freeze",
            MeasureKind::ImportBan => "import_ban",
            MeasureKind::ExportBan => "export_ban",
            MeasureKind::SecuritiesBan => "securities_ban",
            MeasureKind::InvestmentBan => "investment_ban",
            MeasureKind::ServiceBan => "service_ban",
            MeasureKind::PriceCap => "price_cap",
            MeasureKind::VisaBan => "visa_ban",
        }
    }
}

/// One dated, cited measure.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Stable identifier, e.g. `JP-2022-10`.
    pub id: String,
    /// Legal effect.
    pub kind: MeasureKind,
    /// Short title.
    pub title: String,
    /// The title in Japanese, shown on Japanese screens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_ja: Option<String>,
    /// Deciding authority (e.g. "Cabinet Understanding").
    pub authority: String,
    /// Ministries administering the measure (MOF, METI, MOFA).
    pub ministries: Vec<String>,
    /// Statutory basis, e.g. "FEFTA Art. 48(3)".
    pub legal_basis: Vec<String>,
    /// The statutory basis in Japanese, entry by entry as `legal_basis`
    /// (e.g. "外国為替及び外国貿易法第48条第3項"); empty when not written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis_ja: Vec<String>,
    /// Implementing instruments: cabinet orders, notices with numbers.
    #[serde(default)]
    pub instruments: Vec<String>,
    /// Political announcement date.
    #[serde(default)]
    pub announced: Option<NaiveDate>,
    /// First day the measure applies.
    pub effective: NaiveDate,
    /// First day the measure no longer applies (exclusive), if lifted or superseded.
    #[serde(default)]
    pub ended: Option<NaiveDate>,
    /// Decision when the measure applies directly to the document.
    pub outcome: Outcome,
    /// Decision when a document only shows an indicator of the measure
    /// (e.g. a Crimean address in a payment under an import ban). Default REVIEW.
    #[serde(default = "review")]
    pub indicator_outcome: Outcome,
    /// A red-flag rule derived from a measure rather than a legal prohibition.
    #[serde(default)]
    pub red_flag: bool,
    /// What the measure covers.
    #[serde(default)]
    pub scope: Scope,
    /// Exceptions under which another outcome applies.
    #[serde(default)]
    pub exceptions: Vec<Exception>,
    /// Sources the facts were taken from.
    pub sources: Vec<String>,
    /// Whether any fact of the measure is marked uncertain in the reference.
    #[serde(default)]
    pub uncertain: bool,
    /// The uncertain facts, each naming the field and why.
    #[serde(default)]
    pub uncertainty: Vec<Uncertainty>,
    /// Free notes.
    #[serde(default)]
    pub notes: Option<String>,
}

fn review() -> Outcome {
    Outcome::Review
}

impl Measure {
    /// Whether the measure is in force on `day` (effective ≤ day < ended).
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.effective <= day && self.ended.is_none_or(|end| day < end)
    }
}

/// A fact the reference marks uncertain.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uncertainty {
    /// The field concerned, e.g. `effective` or `scope.goods.hs_prefixes`.
    pub field: String,
    /// Why it is uncertain and what to verify.
    pub note: String,
}

/// Direction of trade a measure concerns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Goods or services leaving the sanctioning jurisdiction.
    #[default]
    Export,
    /// Goods entering the sanctioning jurisdiction.
    Import,
}

/// What a measure covers. Empty lists mean "not restricted by this dimension";
/// which dimensions a kind needs is checked on load.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Destination (export, services) or origin (import) or issuer (securities) countries, ISO alpha-2.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Destination or origin regions, ISO 3166-2 codes.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Whether transit countries of the route count as destinations (diversion rules).
    #[serde(default)]
    pub include_transit: bool,
    /// Lists whose entries the measure targets.
    #[serde(default)]
    pub lists: Vec<ListScope>,
    /// Extension of the listed set to owned subsidiaries.
    #[serde(default)]
    pub ownership: Option<OwnershipRule>,
    /// Goods concerned.
    #[serde(default)]
    pub goods: Option<GoodsScope>,
    /// Securities concerned.
    #[serde(default)]
    pub securities: Option<SecuritiesScope>,
    /// Service categories concerned (e.g. `trust`, `accounting`).
    #[serde(default)]
    pub services: Vec<String>,
    /// Price caps by product.
    #[serde(default)]
    pub price_caps: Vec<PriceCap>,
    /// Origin rule for goods: `last_hs4_change` (origin is where the 4-digit
    /// heading last changed) or `material_origin` (origin of the raw material,
    /// even when processed elsewhere).
    #[serde(default)]
    pub origin_rule: Option<String>,
}

/// A list (and optionally some of its programs) a measure targets.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListScope {
    /// Dataset name, e.g. `jp_mof`.
    pub dataset: String,
    /// Program prefixes; a hit's program matches when it starts with one of
    /// these followed by a non-digit (MOF regime numbers). Empty: any program.
    #[serde(default)]
    pub programs: Vec<String>,
}

/// The 50 % rule: entities owned by listed entities are treated as listed.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnershipRule {
    /// Minimum share of the owner, in percent (inclusive).
    pub min_percent: f64,
    /// Only direct ownership counts (Japan: no aggregation over chains).
    pub direct_only: bool,
    /// Programs of the owner's listing the rule applies to.
    pub programs: Vec<String>,
    /// Record ids of listed entries excluded from the rule.
    #[serde(default)]
    pub excluded_records: Vec<String>,
    /// Subsidiaries whose main office is in one of these countries are exempt.
    #[serde(default)]
    pub exempt_main_office_countries: Vec<String>,
}

/// Goods concerned by a measure.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoodsScope {
    /// All goods.
    #[serde(default)]
    pub all: bool,
    /// HS code prefixes (digits only).
    #[serde(default)]
    pub hs_prefixes: Vec<String>,
    /// HS code prefixes excluded even if otherwise covered.
    #[serde(default)]
    pub exclude_hs_prefixes: Vec<String>,
    /// Item numbers of the Export Trade Control Order Appended Table 2-3 (e.g. `2(1)`);
    /// a goods line that declares its item number matches these.
    #[serde(default)]
    pub table_2_3_items: Vec<String>,
    /// References to named goods lists, optionally limited to tiers.
    #[serde(default)]
    pub lists: Vec<GoodsListRef>,
    /// Value thresholds: the measure covers a line only above the unit value.
    #[serde(default)]
    pub value_thresholds: Vec<ValueThreshold>,
}

/// Reference to a named goods list.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoodsListRef {
    /// The list id.
    pub list: String,
    /// Tiers covered; empty means the whole list.
    #[serde(default)]
    pub tiers: Vec<String>,
}

/// A unit-value threshold for some goods (luxury goods).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueThreshold {
    /// HS prefixes the threshold applies to.
    pub hs_prefixes: Vec<String>,
    /// Currency of the threshold (ISO 4217).
    pub currency: String,
    /// The line is covered when its unit value exceeds this amount.
    pub above_unit_value: f64,
    /// What the threshold is for.
    pub description: String,
}

/// Securities concerned by a securities or investment measure.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecuritiesScope {
    /// Issuer kinds (`sovereign`, `government_agency`, `central_bank`, `bank`, `company`).
    #[serde(default)]
    pub issuer_kinds: Vec<String>,
    /// Named issuers.
    #[serde(default)]
    pub issuers: Vec<NamedIssuer>,
    /// Subsidiaries owned more than this percentage by a named issuer are covered.
    #[serde(default)]
    pub subsidiaries_over_percent: Option<f64>,
    /// Only securities issued on or after this date ("new" securities).
    #[serde(default)]
    pub issued_from: Option<NaiveDate>,
    /// Only securities with a maturity longer than this many days.
    #[serde(default)]
    pub maturity_over_days: Option<u32>,
    /// Markets covered (`primary`, `secondary`); empty: both.
    #[serde(default)]
    pub markets: Vec<String>,
    /// Security kinds covered (`bond`, `equity`, …); empty: all.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Only acquisitions reaching at least this stake in the issuer (investment bans).
    #[serde(default)]
    pub min_stake_percent: Option<f64>,
}

/// A named issuer with its aliases.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedIssuer {
    /// Main name.
    pub name: String,
    /// Other names (Cyrillic, Japanese, former names).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A price cap level for one product band.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceCap {
    /// Product band (`crude`, `premium_products`, `discount_products`).
    pub product: String,
    /// HS prefixes of the band.
    pub hs_prefixes: Vec<String>,
    /// Maximum price in USD per barrel (inclusive).
    pub max_usd_per_bbl: f64,
    /// First day of this level.
    pub from: NaiveDate,
    /// First day this level no longer applies.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Cargoes under earlier contracts that keep the previous level.
    #[serde(default)]
    pub transitional: Option<Transitional>,
}

/// A transitional rule: earlier cargoes keep the previous level.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transitional {
    /// Cargo loaded before this day…
    pub loaded_before: NaiveDate,
    /// …and unloaded on or before this day keeps the previous level.
    pub unloaded_by: NaiveDate,
    /// Description and source.
    pub note: String,
}

/// An exception: when a document declares one of these projects or
/// purposes, the exception's outcome replaces the measure's.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// Identifier within the measure.
    pub id: String,
    /// What the exception covers and on which condition.
    pub description: String,
    /// Projects (e.g. `Sakhalin-2`).
    #[serde(default)]
    pub projects: Vec<String>,
    /// Declared purposes (e.g. `humanitarian`, `medicine`).
    #[serde(default)]
    pub purposes: Vec<String>,
    /// Outcome under the exception (e.g. PERMISSION_REQUIRED: approval needed).
    pub outcome: Outcome,
    /// Last day the exception applies (grace periods for existing contracts).
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
}
