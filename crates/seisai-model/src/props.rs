//! FtM property names used by seisai. Using these constants instead of string
//! literals keeps loaders and matchers in agreement.

/// Primary name.
pub const NAME: &str = "name";
/// Alias of good quality.
pub const ALIAS: &str = "alias";
/// Weak (low-quality) alias: screened, but with less weight.
pub const WEAK_ALIAS: &str = "weakAlias";
/// Former name.
pub const PREVIOUS_NAME: &str = "previousName";
/// Given name part.
pub const FIRST_NAME: &str = "firstName";
/// Second given name part.
pub const SECOND_NAME: &str = "secondName";
/// Middle name part.
pub const MIDDLE_NAME: &str = "middleName";
/// Family name part.
pub const LAST_NAME: &str = "lastName";
/// Patronymic.
pub const FATHER_NAME: &str = "fatherName";
/// Honorific or title (Dr., Maulavi, 閣下).
pub const TITLE: &str = "title";
/// Birth date (EDTF: `1952`, `1952-10`, `1952-10-07`, `1955/1958`, `1958~`).
pub const BIRTH_DATE: &str = "birthDate";
/// Place of birth, free text.
pub const BIRTH_PLACE: &str = "birthPlace";
/// Nationality (ISO 3166-1 alpha-2, lower case, where it could be resolved).
pub const NATIONALITY: &str = "nationality";
/// Citizenship (ISO code).
pub const CITIZENSHIP: &str = "citizenship";
/// Country of residence or registration (ISO code).
pub const COUNTRY: &str = "country";
/// Jurisdiction of incorporation (ISO code).
pub const JURISDICTION: &str = "jurisdiction";
/// Gender: `male`, `female` or `other`.
pub const GENDER: &str = "gender";
/// Full address text.
pub const ADDRESS: &str = "address";
/// Position or function.
pub const POSITION: &str = "position";
/// Passport number.
pub const PASSPORT_NUMBER: &str = "passportNumber";
/// National or other identification number.
pub const ID_NUMBER: &str = "idNumber";
/// Tax number.
pub const TAX_NUMBER: &str = "taxNumber";
/// Company registration number.
pub const REGISTRATION_NUMBER: &str = "registrationNumber";
/// Russian taxpayer number (ИНН).
pub const INN_CODE: &str = "innCode";
/// Russian state registration number (ОГРН).
pub const OGRN_CODE: &str = "ogrnCode";
/// SWIFT / BIC code.
pub const SWIFT_BIC: &str = "swiftBic";
/// Legal Entity Identifier.
pub const LEI_CODE: &str = "leiCode";
/// IMO ship or company number.
pub const IMO_NUMBER: &str = "imoNumber";
/// Maritime Mobile Service Identity.
pub const MMSI: &str = "mmsi";
/// Radio call sign.
pub const CALL_SIGN: &str = "callSign";
/// Flag state of a vessel (ISO code).
pub const FLAG: &str = "flag";
/// Vessel or aircraft type.
pub const TYPE: &str = "type";
/// Aircraft registration / tail number.
pub const REGISTRATION: &str = "registrationNumber";
/// Build date of a vessel or aircraft.
pub const BUILD_DATE: &str = "buildDate";
/// ISIN of a security.
pub const ISIN: &str = "isin";
/// Issuer of a security (entity id).
pub const ISSUER: &str = "issuer";
/// Sanctions programme or regime (e.g. `SDGT`, `UKRAINE-EO13660`, MOF regime title).
pub const PROGRAM: &str = "program";
/// Date the party was listed (EDTF).
pub const LISTING_DATE: &str = "listingDate";
/// Date the party was delisted (EDTF).
pub const DELISTING_DATE: &str = "delistingDate";
/// Date the listing was last amended (EDTF).
pub const MODIFIED_AT: &str = "modifiedAt";
/// Listing authority (e.g. `Ministry of Finance of Japan`).
pub const AUTHORITY: &str = "authority";
/// URL of the source publication.
pub const SOURCE_URL: &str = "sourceUrl";
/// Free-text notes and remarks.
pub const NOTES: &str = "notes";
/// Topics (FtM/OpenSanctions tags such as `sanction`, `role.pep`).
pub const TOPICS: &str = "topics";
/// Website.
pub const WEBSITE: &str = "website";
/// E-mail address.
pub const EMAIL: &str = "email";
/// Phone number.
pub const PHONE: &str = "phone";
/// Legal form as printed (LLC, 株式会社, …).
pub const LEGAL_FORM: &str = "legalForm";
/// Incorporation date (EDTF).
pub const INCORPORATION_DATE: &str = "incorporationDate";

/// The properties whose values are names of the entity, in order of weight.
pub const NAME_PROPS: [&str; 4] = [NAME, ALIAS, PREVIOUS_NAME, WEAK_ALIAS];

/// The identifier properties compared exactly by the matcher.
pub const IDENTIFIER_PROPS: [&str; 13] = [
    PASSPORT_NUMBER,
    ID_NUMBER,
    TAX_NUMBER,
    REGISTRATION_NUMBER,
    INN_CODE,
    OGRN_CODE,
    SWIFT_BIC,
    LEI_CODE,
    IMO_NUMBER,
    MMSI,
    CALL_SIGN,
    ISIN,
    "vatCode",
];
