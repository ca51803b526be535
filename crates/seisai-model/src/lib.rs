//! The entity model of seisai, compatible with [FollowTheMoney] (FtM), the
//! data model of OpenSanctions.
//!
//! Every loader in `seisai-sources` produces [`Entity`] values; every later
//! stage (names, matching, index, measures, store, server) reads them.
//!
//! * [`Schema`] — the FtM schemata screening needs (Person, Organization,
//!   Company, LegalEntity, Vessel, Airplane, Security) plus any other FtM
//!   schema, kept by name so that FtM feeds round-trip.
//! * [`Entity`] — id, schema, multi-valued properties (FtM names such as
//!   `name`, `alias`, `birthDate`), datasets, the source record id and the
//!   list version it came from, and parsed addresses.
//! * [`FuzzyDate`] — dates with precision (year, year-month, day), ranges and
//!   approximate dates, written in EDTF (ISO 8601-2) form.
//! * [`ftm`] — FollowTheMoney JSON lines reading and writing.
//! * [`country`] — country names and codes to ISO 3166-1 alpha-2.
//!
//! [FollowTheMoney]: https://followthemoney.tech/

pub mod address;
pub mod country;
pub mod date;
pub mod entity;
pub mod ftm;
pub mod props;
pub mod schema;
pub mod testdata;

pub use address::Address;
pub use date::{DatePrecision, FuzzyDate, PartialDate};
pub use entity::{Dated, Entity, InForce, Properties, SmolStr, entity_id};
pub use schema::Schema;
