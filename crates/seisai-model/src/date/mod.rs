//! Dates with precision, ranges and approximation.
//!
//! Sanctions lists give birth dates as a day (`1952-10-07`), a month, a year,
//! a range ("between 1955 and 1958") or an approximate year ("circa 1958").
//! [`FuzzyDate`] keeps that precision and writes it in EDTF (ISO 8601-2)
//! form, which is also a valid FtM date string for the exact forms:
//!
//! | meaning            | text          |
//! |--------------------|---------------|
//! | day                | `1952-10-07`  |
//! | month              | `1952-10`     |
//! | year               | `1952`        |
//! | range (inclusive)  | `1955/1958`   |
//! | approximate        | `1958~`       |

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How precise a [`PartialDate`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// Only the year is known.
    Year,
    /// Year and month are known.
    Month,
    /// The full date is known.
    Day,
}

/// A calendar date known to year, month or day precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// Year (proleptic Gregorian).
    pub year: i32,
    /// Month 1–12, if known.
    pub month: Option<u8>,
    /// Day 1–31, if known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// A date known to the year.
    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None }
    }

    /// A date known to the day; `None` if it is not a valid calendar date.
    pub fn ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day)?;
        Some(PartialDate { year, month: Some(month as u8), day: Some(day as u8) })
    }

    /// A date known to the month; `None` if the month is out of range.
    pub fn ym(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(PartialDate { year, month: Some(month as u8), day: None })
    }

    /// The precision of this date.
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// The first calendar day this date can mean.
    pub fn first_day(&self) -> NaiveDate {
        let m = self.month.unwrap_or(1) as u32;
        let d = self.day.unwrap_or(1) as u32;
        NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or(NaiveDate::MIN)
    }

    /// The last calendar day this date can mean.
    pub fn last_day(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m as u32, d as u32),
            (Some(m), None) => {
                let (ny, nm) = if m == 12 { (self.year + 1, 1) } else { (self.year, m as u32 + 1) };
                NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
        .unwrap_or(NaiveDate::MAX)
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(d: NaiveDate) -> Self {
        PartialDate { year: d.year(), month: Some(d.month() as u8), day: Some(d.day() as u8) }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// A date as sanctions lists give it: a [`PartialDate`], an inclusive range
/// of them, possibly approximate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FuzzyDate {
    /// The date, or the start of the range.
    pub start: PartialDate,
    /// The end of an inclusive range.
    pub end: Option<PartialDate>,
    /// "circa", "approximately", `頃`.
    pub approximate: bool,
}

/// Error for a date string that is not in EDTF form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {0:?}: expected YYYY, YYYY-MM, YYYY-MM-DD, a range A/B or an approximate date YYYY~")]
pub struct DateParseError(pub String);

impl FuzzyDate {
    /// An exact date with the given precision.
    pub fn exact(start: PartialDate) -> Self {
        FuzzyDate { start, end: None, approximate: false }
    }

    /// An inclusive range; collapses to [`FuzzyDate::exact`] when both ends are equal.
    pub fn range(start: PartialDate, end: PartialDate) -> Self {
        if start == end {
            return Self::exact(start);
        }
        let (start, end) = if start.first_day() <= end.first_day() { (start, end) } else { (end, start) };
        FuzzyDate { start, end: Some(end), approximate: false }
    }

    /// The same date marked approximate.
    pub fn approx(mut self) -> Self {
        self.approximate = true;
        self
    }

    /// The precision of the start of the date.
    pub fn precision(&self) -> DatePrecision {
        self.start.precision()
    }

    /// First calendar day the date can mean.
    pub fn earliest(&self) -> NaiveDate {
        self.start.first_day()
    }

    /// Last calendar day the date can mean.
    pub fn latest(&self) -> NaiveDate {
        self.end.unwrap_or(self.start).last_day()
    }

    /// Whether the two dates can mean the same day.
    pub fn overlaps(&self, other: &FuzzyDate) -> bool {
        self.earliest() <= other.latest() && other.earliest() <= self.latest()
    }

    /// Whether `day` falls within this date (for ranges, within the range).
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.earliest() <= day && day <= self.latest()
    }

    /// Compares two dates by their earliest day.
    pub fn cmp_earliest(&self, other: &FuzzyDate) -> Ordering {
        self.earliest().cmp(&other.earliest())
    }

    /// Parses the many free-text forms lists use: ISO (`1952-10-07`, `1952-10`,
    /// `1952`), day-first (`07.10.1952`, `7/10/1952`), month names
    /// (`7 Oct 1952`, `October 1952`), Japanese (`1952年10月7日`), ranges
    /// (`1955-1958`, `between 1955 and 1958`, `1955年-1958年頃`) and
    /// approximate forms (`circa 1958`, `approximately 1958`, `1958頃`).
    /// Returns `None` for text with no recognisable date.
    pub fn parse_loose(text: &str) -> Option<Self> {
        crate::date::loose::parse(text)
    }
}

impl From<NaiveDate> for FuzzyDate {
    fn from(d: NaiveDate) -> Self {
        FuzzyDate::exact(d.into())
    }
}

impl fmt::Display for FuzzyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        if let Some(end) = self.end {
            write!(f, "/{end}")?;
        }
        if self.approximate {
            f.write_str("~")?;
        }
        Ok(())
    }
}

fn parse_partial_iso(s: &str) -> Option<PartialDate> {
    let mut parts = s.split('-');
    let y = parts.next()?;
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let month = match parts.next() {
        None => return Some(PartialDate::year(year)),
        Some(m) if m.len() == 2 => m.parse::<u32>().ok()?,
        Some(_) => return None,
    };
    match parts.next() {
        None => PartialDate::ym(year, month),
        Some(d) if d.len() == 2 && parts.next().is_none() => PartialDate::ymd(year, month, d.parse().ok()?),
        Some(_) => None,
    }
}

impl FromStr for FuzzyDate {
    type Err = DateParseError;

    /// Parses the strict EDTF form written by [`fmt::Display`]; a full ISO
    /// timestamp (`2022-03-01T00:00:00`) is accepted and cut to the day.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateParseError(s.to_string());
        let t = s.trim();
        let (t, approximate) = match t.strip_suffix('~') {
            Some(rest) => (rest, true),
            None => (t, false),
        };
        let t = t.split('T').next().unwrap_or(t);
        let mut date = match t.split_once('/') {
            Some((a, b)) => FuzzyDate::range(
                parse_partial_iso(a).ok_or_else(err)?,
                parse_partial_iso(b).ok_or_else(err)?,
            ),
            None => FuzzyDate::exact(parse_partial_iso(t).ok_or_else(err)?),
        };
        date.approximate = approximate;
        Ok(date)
    }
}

impl Serialize for FuzzyDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FuzzyDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

mod loose;

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> FuzzyDate {
        s.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn edtf_round_trips() {
        for s in ["1952", "1952-10", "1952-10-07", "1955/1958", "1958~", "1955-03/1956~"] {
            assert_eq!(p(s).to_string(), s);
        }
    }

    #[test]
    fn rejects_invalid() {
        for s in ["", "52", "1952-13", "1952-02-30", "abc", "1952-1-1"] {
            assert!(s.parse::<FuzzyDate>().is_err(), "{s}");
        }
    }

    #[test]
    fn overlap_respects_precision() {
        assert!(p("1952").overlaps(&p("1952-10-07")));
        assert!(!p("1953").overlaps(&p("1952-10-07")));
        assert!(p("1955/1958").overlaps(&p("1957-01-01")));
        assert!(p("1952-02").contains(NaiveDate::from_ymd_opt(1952, 2, 29).unwrap_or_default()));
    }
}
