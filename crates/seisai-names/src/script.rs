//! Script detection (written by the lead).
