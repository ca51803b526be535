//! Text normalisation (written by the lead).
