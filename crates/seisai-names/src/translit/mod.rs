//! Latin renderings of names in other scripts (to be written).
