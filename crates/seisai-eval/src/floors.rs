//! Regression floors (written next).
