//! A payment message reduced to what a sanctions filter screens: parties
//! and agents (names, BICs, addresses, countries, identifiers) and free
//! text, each value with its location (XML path or MT tag).

use chrono::NaiveDate;
use serde::Serialize;

use crate::decision::FieldRef;

/// A party or agent of a payment.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PaymentParty {
    /// Role (`Dbtr`, `UltmtCdtr`, `IntrmyAgt1`, `50F`, `59`, `block 1 sender`…).
    pub role: String,
    /// Location of the party element or tag.
    pub location: String,
    /// Whether it is a financial institution (agent).
    pub agent: bool,
    /// Names.
    pub names: Vec<FieldRef>,
    /// BICs.
    pub bics: Vec<FieldRef>,
    /// Address parts (lines, town, postcode, sub-division).
    pub address: Vec<FieldRef>,
    /// Country of the address or residence.
    pub country: Option<FieldRef>,
    /// Other identifiers (`leiCode`, `iban`, `registrationNumber`), with kind.
    pub identifiers: Vec<(String, FieldRef)>,
    /// Birth date.
    pub birth_date: Option<FieldRef>,
}

impl PaymentParty {
    /// Whether the party carries anything to screen.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.bics.is_empty() && self.address.is_empty() && self.identifiers.is_empty()
    }
}

/// A parsed payment message.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PaymentMessage {
    /// Message type (`pacs.008.001.08`, `pain.001.001.09`, `MT103`, `MT202COV`).
    pub format: String,
    /// Message reference.
    pub reference: Option<String>,
    /// Settlement or execution date.
    pub date: Option<NaiveDate>,
    /// Parties and agents.
    pub parties: Vec<PaymentParty>,
    /// Free-text fields (remittance information, instructions, regulatory reporting).
    pub free_text: Vec<FieldRef>,
    /// Country codes outside party addresses (regulatory reporting).
    pub countries: Vec<FieldRef>,
}

impl PaymentMessage {
    /// The number of values the message gives to screen.
    pub fn field_count(&self) -> usize {
        self.parties
            .iter()
            .map(|p| p.names.len() + p.bics.len() + p.address.len() + p.identifiers.len() + usize::from(p.country.is_some()))
            .sum::<usize>()
            + self.free_text.len()
            + self.countries.len()
    }
}
