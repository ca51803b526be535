//! Measuring matching quality on the labelled sets of `../shared/eval`
//! (precision, recall, F1 and false-alert rate per set and category) and
//! loading every list of `../shared/data` for evaluations and benchmarks.
//!
//! Run it with `seisai eval` (figures) or through the test suite, where
//! [`floors`] turns the targets into regression floors.

pub mod checks;
pub mod chinese;
pub mod corpus;
pub mod cross_script;
#[cfg(test)]
mod floored;
pub mod floors;
pub mod lists;
pub mod measure;
pub mod pairs;
pub mod katakana;
pub mod perturb;
pub mod queries;
pub mod report;
pub mod run;
