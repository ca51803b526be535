//! Japanese names: kana and kanji readings (to be written).
