//! Postal addresses: full text plus the parts a list gives.

use serde::{Deserialize, Serialize};

/// An address as printed on a list, with parsed parts where the list gives
/// them separately. `full` is always set (built from the parts if needed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Address {
    /// The whole address as one line of text.
    pub full: String,
    /// Street and house number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// City or town.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State, province, oblast or prefecture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Country name as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_name: Option<String>,
    /// ISO 3166-1 alpha-2 code (lower case), where the country was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl Address {
    /// Builds an address from its parts; the full text joins the non-empty
    /// parts with `, ` (street, city, region, postal code, country).
    pub fn from_parts(
        street: Option<String>,
        city: Option<String>,
        region: Option<String>,
        postal_code: Option<String>,
        country_name: Option<String>,
    ) -> Self {
        let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let (street, city, region, postal_code, country_name) =
            (clean(street), clean(city), clean(region), clean(postal_code), clean(country_name));
        let full = [&street, &city, &region, &postal_code, &country_name]
            .iter()
            .filter_map(|p| p.as_deref())
            .collect::<Vec<_>>()
            .join(", ");
        let country = country_name.as_deref().and_then(crate::country::to_code).map(str::to_string);
        Address { full, street, city, region, postal_code, country_name, country }
    }

    /// An address known only as one line of text.
    pub fn from_text(text: &str) -> Self {
        Address { full: text.trim().to_string(), ..Default::default() }
    }

    /// Whether the address holds no text at all.
    pub fn is_empty(&self) -> bool {
        self.full.trim().is_empty()
    }
}
