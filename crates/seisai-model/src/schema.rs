//! FollowTheMoney schemata.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An FtM schema. The schemata screening works on have their own variant;
/// any other schema of an FtM feed (Sanction, Ownership, Address, …) is kept
/// by name in [`Schema::Other`] so that feeds round-trip unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Schema {
    /// Any legal person or natural person (FtM `LegalEntity`).
    LegalEntity,
    /// A natural person.
    Person,
    /// An organisation (not necessarily a company).
    Organization,
    /// A company (a kind of organisation).
    Company,
    /// A public body (a kind of organisation).
    PublicBody,
    /// A ship.
    Vessel,
    /// An aircraft.
    Airplane,
    /// A security (bond, share, …).
    Security,
    /// Any other FtM schema, by name.
    Other(String),
}

impl Schema {
    /// The FtM name of the schema.
    pub fn as_str(&self) -> &str {
        match self {
            Schema::LegalEntity => "LegalEntity",
            Schema::Person => "Person",
            Schema::Organization => "Organization",
            Schema::Company => "Company",
            Schema::PublicBody => "PublicBody",
            Schema::Vessel => "Vessel",
            Schema::Airplane => "Airplane",
            Schema::Security => "Security",
            Schema::Other(name) => name,
        }
    }

    /// Whether entities of this schema are screened (can be a match result).
    pub fn is_matchable(&self) -> bool {
        !matches!(self, Schema::Other(_))
    }

    /// Whether this schema is an organisation of some kind (Organization,
    /// Company, PublicBody).
    pub fn is_organization(&self) -> bool {
        matches!(self, Schema::Organization | Schema::Company | Schema::PublicBody)
    }

    /// Whether an entity of schema `self` may be the same real thing as one of
    /// schema `other` (FtM's "can match" relation: a LegalEntity can be a
    /// Person or a Company, a Person can never be a Vessel).
    pub fn can_match(&self, other: &Schema) -> bool {
        use Schema::*;
        if self == other {
            return self.is_matchable();
        }
        match (self, other) {
            (LegalEntity, o) | (o, LegalEntity) => {
                matches!(o, Person | Organization | Company | PublicBody)
            }
            (a, b) if a.is_organization() && b.is_organization() => true,
            _ => false,
        }
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Schema {
    type Err = std::convert::Infallible;

    /// Parses an FtM schema name; unknown names become [`Schema::Other`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "LegalEntity" => Schema::LegalEntity,
            "Person" => Schema::Person,
            "Organization" => Schema::Organization,
            "Company" => Schema::Company,
            "PublicBody" => Schema::PublicBody,
            "Vessel" => Schema::Vessel,
            "Airplane" => Schema::Airplane,
            "Security" => Schema::Security,
            other => Schema::Other(other.to_string()),
        })
    }
}

impl Serialize for Schema {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Schema {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(s.parse().unwrap_or(Schema::Other(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn can_match_follows_ftm() {
        assert!(Schema::LegalEntity.can_match(&Schema::Person));
        assert!(Schema::Company.can_match(&Schema::Organization));
        assert!(!Schema::Person.can_match(&Schema::Vessel));
        assert!(!Schema::Person.can_match(&Schema::Company));
        assert!(!Schema::Other("Sanction".into()).can_match(&Schema::Other("Sanction".into())));
    }

    #[test]
    fn unknown_schema_round_trips() {
        let s: Schema = "Ownership".parse().unwrap_or(Schema::LegalEntity);
        assert_eq!(s.as_str(), "Ownership");
    }
}
