//! HS codes: normalisation, prefix matching and detection in free text
//! (`HS 854231`, `HS CODE 8542.31`, `HTS 8542.31.0000`).

/// Digits of an HS/tariff code (`8542.31` → `854231`), or `None` when the
/// text holds no 4 to 10 digit code.
pub fn normalise_hs(code: &str) -> Option<String> {
    let digits: String = code.chars().filter(|c| !matches!(c, '.' | ' ' | '-')).collect();
    if (4..=10).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) { Some(digits) } else { None }
}

/// Whether an HS code falls under a prefix.
pub fn hs_matches(code: &str, prefix: &str) -> bool {
    code.starts_with(prefix)
}

/// HS codes mentioned in free text after a marker word (`HS`, `HS CODE`,
/// `HTS`, `TARIFF`, `CN`), e.g. remittance information.
pub fn find_hs_codes(text: &str) -> Vec<String> {
    let upper = text.to_ascii_uppercase();
    let words: Vec<&str> = upper.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ':' || c == '/').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let marker = ["HS", "HTS", "TARIFF", "CN", "HSCODE"].contains(&w)
            || w.starts_with("HS") && normalise_hs(&w[2..]).is_some();
        if marker {
            // The code may be glued to the marker (HS854231) or follow it, possibly after "CODE".
            let glued = w.strip_prefix("HS").and_then(normalise_hs);
            let next = words.get(i + 1).copied();
            let candidate = glued.or_else(|| {
                let n = if next == Some("CODE") { words.get(i + 2).copied() } else { next };
                n.and_then(normalise_hs)
            });
            if let Some(code) = candidate
                && !out.contains(&code)
            {
                out.push(code);
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_codes_after_markers() {
        assert_eq!(find_hs_codes("INV 2024-0117 MICROCONTROLLERS HS 854231 QTY 40000"), vec!["854231"]);
        assert_eq!(find_hs_codes("hs code 8542.31; HTS 8471.50.0150"), vec!["854231", "8471500150"]);
        assert_eq!(find_hs_codes("HS854231"), vec!["854231"]);
        assert!(find_hs_codes("QTY 40000 INV 123456").is_empty());
        assert!(find_hs_codes("HS").is_empty());
    }

    #[test]
    fn normalises_codes() {
        assert_eq!(normalise_hs("8542.31").as_deref(), Some("854231"));
        assert_eq!(normalise_hs("85"), None);
        assert_eq!(normalise_hs("85A231"), None);
    }
}
