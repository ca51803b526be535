//! Japanese names: kana romanisation by rule ([`kana_to_latin`]) and kanji
//! name readings from Debian's ENAMDICT (and optionally IPADIC's proper-noun
//! CSVs), read at run time ([`JapaneseReader`]).
//!
//! ENAMDICT is © the Electronic Dictionary Research and Development Group,
//! used under the EDRDG licence (CC BY-SA); it is read from the installed
//! Debian package, never copied into this repository.

mod enamdict;
mod ipadic;
mod kana;
mod names;
mod store;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Once;

pub use kana::{is_kana, is_korean_in_katakana, kana_to_latin, korean_reading};

/// Debian's ENAMDICT path (package `enamdict`).
pub const DEBIAN_ENAMDICT: &str = "/usr/share/edict/enamdict";
/// Debian's IPADIC source directory (package `mecab-ipadic`).
pub const DEBIAN_IPADIC_DIR: &str = "/usr/share/mecab/dic/ipadic";

/// Why a Japanese dictionary could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum JapaneseError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A line is not in the expected format.
    #[error("{}, line {line}: {message}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was expected.
        message: String,
    },
}

/// Reads Japanese names: kanji names through ENAMDICT's surname, given-name
/// and full-name entries (ranked with IPADIC's word costs when loaded), and
/// katakana renderings of foreign names through ENAMDICT's Latin forms.
pub struct JapaneseReader {
    store: store::Store,
}

impl std::fmt::Debug for JapaneseReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JapaneseReader")
            .field("entries", &self.store.len())
            .field("heap_bytes", &self.store.heap_bytes())
            .finish()
    }
}

impl JapaneseReader {
    /// Loads ENAMDICT (and optionally IPADIC's `Noun.name`/`Noun.place`/
    /// `Noun.org` CSVs) from the given paths; errors name the file and line.
    pub fn load(enamdict: &Path, ipadic_dir: Option<&Path>) -> Result<Self, JapaneseError> {
        // IPADIC is read on a second thread while ENAMDICT loads.
        let mut store = store::Store::default();
        let mut words = store.sibling();
        std::thread::scope(|scope| {
            let ipadic = ipadic_dir.map(|dir| scope.spawn(|| ipadic::load(dir, &mut words)));
            enamdict::load(enamdict, &mut store)?;
            match ipadic.map(|thread| thread.join()) {
                Some(Ok(result)) => result,
                Some(Err(_)) => Err(JapaneseError::Format {
                    path: ipadic_dir.map(Path::to_path_buf).unwrap_or_default(),
                    line: 0,
                    message: "the IPADIC loader stopped unexpectedly".to_owned(),
                }),
                None => Ok(()),
            }
        })?;
        store.append(words);
        store.finish();
        Ok(JapaneseReader { store })
    }

    /// Loads from `SEISAI_ENAMDICT` / `SEISAI_IPADIC_DIR` or the Debian
    /// paths; `None` (and a single `tracing::warn` "kanji readings are off:
    /// …", once per process) when missing or unreadable. IPADIC is used when
    /// its directory exists.
    pub fn load_default() -> Option<Self> {
        let enamdict = std::env::var_os("SEISAI_ENAMDICT")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(DEBIAN_ENAMDICT));
        let ipadic = std::env::var_os("SEISAI_IPADIC_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(DEBIAN_IPADIC_DIR));
        let ipadic = ipadic.is_dir().then_some(ipadic);
        match Self::load(&enamdict, ipadic.as_deref()) {
            Ok(reader) => Some(reader),
            Err(e) => {
                static WARNED: Once = Once::new();
                WARNED.call_once(|| {
                    tracing::warn!(
                        "kanji readings are off: {e} (install Debian's enamdict package or set SEISAI_ENAMDICT)"
                    );
                });
                None
            }
        }
    }

    /// Romanised readings of a Japanese name in kanji/kana, family name first
    /// as written, best first, e.g. 安倍晋三 → `["abe shinzo", …]`, 岸田文雄 →
    /// `["kishida fumio", …]`; katakana names give ENAMDICT's Latin forms
    /// first (ウラジーミル・プーチン → `vladimir putin`). Long vowels are
    /// folded (ō, ou, oo → o; ū, uu → u). At most
    /// [`MAX_FORMS`](crate::translit::MAX_FORMS) forms.
    pub fn readings(&self, name: &str) -> Vec<String> {
        self.readings_ranked(name).0
    }

    /// As [`JapaneseReader::readings`], with whether the text was read as a
    /// name from the dictionary (a full-name entry, or a surname followed by a
    /// given name) rather than word by word.
    pub(crate) fn readings_ranked(&self, name: &str) -> (Vec<String>, bool) {
        let (forms, known) = names::readings(&self.store, name);
        let mut clean = Vec::with_capacity(forms.len());
        crate::translit::push_unique(&mut clean, forms.into_iter().map(|f| crate::translit::clean_words(&f)));
        (clean, known)
    }
}

/// Decodes EUC-JP; undecodable bytes are an error naming the file and line.
fn decode_euc_jp<'a>(path: &Path, bytes: &'a [u8]) -> Result<Cow<'a, str>, JapaneseError> {
    let (text, had_errors) = encoding_rs::EUC_JP.decode_without_bom_handling(bytes);
    if had_errors {
        let line = text.find('\u{FFFD}').map(|at| text.get(..at).unwrap_or("").matches('\n').count()).unwrap_or(0) + 1;
        return Err(JapaneseError::Format {
            path: path.to_owned(),
            line,
            message: "not valid EUC-JP text".to_owned(),
        });
    }
    Ok(text)
}
