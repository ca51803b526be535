//! The JSON documents: party, trade transaction, securities order, oil
//! cargo. Schemas: `crates/seisai-measures/schemas/*.schema.json`. Every
//! struct refuses unknown fields so a misspelt key is an error.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::policy::Direction;
use crate::screening::{Identifier, PartyKind};

/// A postal address, structured and/or as lines of text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressInput {
    /// Unstructured lines.
    #[serde(default)]
    pub lines: Vec<String>,
    /// Street and number.
    #[serde(default)]
    pub street: Option<String>,
    /// Town or city.
    #[serde(default)]
    pub town: Option<String>,
    /// District.
    #[serde(default)]
    pub district: Option<String>,
    /// Postal code.
    #[serde(default)]
    pub postal_code: Option<String>,
    /// State, oblast, province (or an ISO 3166-2 code).
    #[serde(default)]
    pub sub_division: Option<String>,
    /// Country code or name.
    #[serde(default)]
    pub country: Option<String>,
}

impl AddressInput {
    /// The address parts with their JSON field names.
    pub fn parts(&self) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = self.lines.iter().enumerate().map(|(i, l)| (format!("lines/{i}"), l.as_str())).collect();
        for (name, v) in [
            ("street", &self.street),
            ("town", &self.town),
            ("district", &self.district),
            ("postal_code", &self.postal_code),
            ("sub_division", &self.sub_division),
        ] {
            if let Some(v) = v.as_deref() {
                out.push((name.to_string(), v));
            }
        }
        out
    }
}

/// A declared owner of a party (for the 50 % rule).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    /// Owner's name.
    pub name: String,
    /// Share of capital or voting rights held, percent.
    pub percent: f64,
    /// Held directly (not through an intermediate company).
    #[serde(default = "yes")]
    pub direct: bool,
    /// Owner's country.
    #[serde(default)]
    pub country: Option<String>,
}

fn yes() -> bool {
    true
}

/// A person or organisation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Caller's identifier for the party.
    #[serde(default)]
    pub id: Option<String>,
    /// Main name.
    pub name: String,
    /// Other names (other scripts, former names).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Person or organisation (`person`, `organization`; JSON field
    /// `party_type`, as `kind` names the document kind).
    #[serde(default)]
    pub party_type: PartyKind,
    /// Birth date (ISO 8601, possibly partial).
    #[serde(default)]
    pub birth_date: Option<String>,
    /// Nationality (country code or name).
    #[serde(default)]
    pub nationality: Option<String>,
    /// Country of residence or registration.
    #[serde(default)]
    pub country: Option<String>,
    /// Address.
    #[serde(default)]
    pub address: Option<AddressInput>,
    /// Identifiers (FtM property names: `swiftBic`, `leiCode`, `imoNumber`, `registrationNumber`…).
    #[serde(default)]
    pub identifiers: Vec<Identifier>,
    /// Declared direct owners (for the 50 % rule).
    #[serde(default)]
    pub owners: Vec<Owner>,
    /// Country of the party's main office (a subsidiary with its main office in Japan is exempt from the 50 % rule).
    #[serde(default)]
    pub main_office_country: Option<String>,
}

/// A vessel.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vessel {
    /// Name.
    pub name: String,
    /// IMO number.
    #[serde(default)]
    pub imo: Option<String>,
    /// Flag state.
    #[serde(default)]
    pub flag: Option<String>,
}

/// One goods line of a trade transaction.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoodsLine {
    /// HS / tariff code (dots allowed).
    pub hs_code: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Quantity (units).
    #[serde(default)]
    pub quantity: Option<f64>,
    /// Total value of the line.
    #[serde(default)]
    pub value: Option<f64>,
    /// Currency of the value (ISO 4217).
    #[serde(default)]
    pub currency: Option<String>,
    /// Country of origin.
    #[serde(default)]
    pub origin_country: Option<String>,
    /// Region or place of origin (ISO 3166-2 code or free text).
    #[serde(default)]
    pub origin_region: Option<String>,
    /// Origin of the raw material when processed elsewhere (e.g. diamonds cut outside Russia).
    #[serde(default)]
    pub material_origin_country: Option<String>,
    /// Export Trade Control Order Appended Table 2-3 item number, if classified (e.g. `2(1)`).
    #[serde(default)]
    pub table_2_3_item: Option<String>,
}

/// The route of a shipment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Port of loading.
    #[serde(default)]
    pub loading_port: Option<String>,
    /// Port of discharge.
    #[serde(default)]
    pub discharge_port: Option<String>,
    /// Transit countries.
    #[serde(default)]
    pub transit_countries: Vec<String>,
    /// Final destination country.
    #[serde(default)]
    pub destination_country: Option<String>,
    /// Final destination place (free text, screened for regions).
    #[serde(default)]
    pub destination_place: Option<String>,
}

/// A service provided to a counterparty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceLine {
    /// Category (`trust`, `accounting`, `audit`, `management_consulting`, `engineering`, `architectural`, …).
    pub category: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Country of the recipient.
    #[serde(default)]
    pub recipient_country: Option<String>,
}

/// A trade transaction (export or import of goods, or services).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TradeTransaction {
    /// Caller's reference.
    #[serde(default)]
    pub reference: Option<String>,
    /// Export or import, seen from the sanctioning jurisdiction.
    pub direction: Direction,
    /// Date of the transaction (default as-of date).
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Date the contract was concluded (grace periods).
    #[serde(default)]
    pub contract_date: Option<NaiveDate>,
    /// Exporter.
    #[serde(default)]
    pub exporter: Option<Party>,
    /// Importer.
    #[serde(default)]
    pub importer: Option<Party>,
    /// Consignee.
    #[serde(default)]
    pub consignee: Option<Party>,
    /// End user.
    #[serde(default)]
    pub end_user: Option<Party>,
    /// Intermediaries (agents, traders, banks).
    #[serde(default)]
    pub intermediaries: Vec<Party>,
    /// Carrier.
    #[serde(default)]
    pub carrier: Option<Party>,
    /// Vessel.
    #[serde(default)]
    pub vessel: Option<Vessel>,
    /// Goods lines.
    #[serde(default)]
    pub lines: Vec<GoodsLine>,
    /// Services.
    #[serde(default)]
    pub services: Vec<ServiceLine>,
    /// Route.
    #[serde(default)]
    pub route: Route,
    /// Declared purposes (`humanitarian`, `medicine`, `existing_contract`, …) for exceptions.
    #[serde(default)]
    pub purposes: Vec<String>,
    /// Project (e.g. `Sakhalin-2`) for exceptions.
    #[serde(default)]
    pub project: Option<String>,
}

/// An order in a security.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecuritiesOrder {
    /// Caller's reference.
    #[serde(default)]
    pub reference: Option<String>,
    /// ISIN.
    #[serde(default)]
    pub isin: Option<String>,
    /// Issuer.
    pub issuer: Issuer,
    /// Issue date of the security.
    #[serde(default)]
    pub issue_date: Option<NaiveDate>,
    /// Maturity date (bonds).
    #[serde(default)]
    pub maturity_date: Option<NaiveDate>,
    /// Kind (`bond`, `equity`, `note`, `fund`, …).
    pub security_kind: String,
    /// `primary` (issuance/subscription) or `secondary`.
    pub market: String,
    /// `buy`, `sell` or `subscribe`.
    pub side: String,
    /// Trade date (default as-of date).
    #[serde(default)]
    pub trade_date: Option<NaiveDate>,
    /// Stake in the issuer after the trade, percent (investment bans).
    #[serde(default)]
    pub stake_after_percent: Option<f64>,
    /// The client and counterparty, screened as parties.
    #[serde(default)]
    pub parties: Vec<Party>,
}

/// The issuer of a security.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Name.
    pub name: String,
    /// `sovereign`, `government_agency`, `central_bank`, `bank`, `company`.
    pub kind: String,
    /// Country (default: the ISIN's country prefix).
    #[serde(default)]
    pub country: Option<String>,
    /// Declared owners (subsidiary rules).
    #[serde(default)]
    pub owners: Vec<Owner>,
}

/// An oil cargo bought or carried.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OilCargo {
    /// Caller's reference.
    #[serde(default)]
    pub reference: Option<String>,
    /// Product band: `crude`, `premium_products`, `discount_products` (default: from the HS code).
    #[serde(default)]
    pub product: Option<String>,
    /// HS code of the cargo.
    pub hs_code: String,
    /// Price in USD per barrel.
    pub price_usd_per_bbl: f64,
    /// Loading date.
    pub loading_date: NaiveDate,
    /// Unloading date.
    #[serde(default)]
    pub unloading_date: Option<NaiveDate>,
    /// Country where the oil was produced.
    pub origin_country: String,
    /// Country where it was refined, if elsewhere.
    #[serde(default)]
    pub refined_in: Option<String>,
    /// HS code before refining (origin rule by last 4-digit heading change).
    #[serde(default)]
    pub hs_before_refining: Option<String>,
    /// Project (e.g. `Sakhalin-2`).
    #[serde(default)]
    pub project: Option<String>,
    /// Vessel.
    #[serde(default)]
    pub vessel: Option<Vessel>,
    /// Seller, buyer, insurer…, screened as parties.
    #[serde(default)]
    pub parties: Vec<Party>,
}

/// A JSON document with its `kind`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JsonDocument {
    /// A party.
    Party(Party),
    /// A trade transaction.
    Trade(Box<TradeTransaction>),
    /// A securities order.
    SecuritiesOrder(SecuritiesOrder),
    /// An oil cargo.
    OilCargo(OilCargo),
}
