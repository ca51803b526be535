//! SWIFT FIN messages MT103 and MT202COV: blocks `{1:}{2:}{3:}{4:…-}{5:}`
//! and the tags of block 4, mapped to payment parties and free text.
//!
//! Written here rather than taken from a crate: the registry was not
//! reachable offline, and the typed parsers on crates.io reject messages that
//! break format rules, whereas a sanctions filter must screen every word of
//! whatever arrives and name the field it could not read.

use chrono::NaiveDate;

use super::payment::{PaymentMessage, PaymentParty};
use crate::decision::FieldRef;
use crate::error::DocumentError;

/// One tag of block 4 with its lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    /// Tag with option letter, e.g. `50F`.
    pub tag: String,
    /// Location label, e.g. `:50F:` or `:52A: (2nd)` when repeated.
    pub location: String,
    /// The lines of the field.
    pub lines: Vec<String>,
}

/// The blocks of a FIN message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FinMessage {
    /// Block 1 (basic header).
    pub basic: String,
    /// Block 2 (application header).
    pub application: String,
    /// Block 3 (user header), raw.
    pub user: String,
    /// Block 4 tags in order.
    pub tags: Vec<Tag>,
}

fn err(source: &str, field: &str, message: impl Into<String>) -> DocumentError {
    DocumentError::Field { source_name: source.to_string(), field: field.to_string(), message: message.into() }
}

/// Splits a FIN message into its blocks and block-4 tags.
pub fn parse_blocks(text: &str, source: &str) -> Result<FinMessage, DocumentError> {
    let mut msg = FinMessage::default();
    let mut rest = text.trim_start_matches('\u{feff}').trim();
    let mut saw_4 = false;
    while !rest.is_empty() {
        let Some(after) = rest.strip_prefix('{') else {
            return Err(err(source, "message", format!("expected '{{' starting a block, found {:?}", rest.chars().take(10).collect::<String>())));
        };
        let Some((id, body)) = after.split_once(':') else {
            return Err(err(source, "message", "block without ':' after its number"));
        };
        if id.is_empty() || id.len() > 3 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(err(source, "message", format!("block id {:?} is not a block number", id.chars().take(8).collect::<String>())));
        }
        let field = format!("block {id}");
        let (content, tail) = if id == "4" {
            // Block 4 ends with CRLF "-}" (or "-}" directly after a line break).
            let end = body.find("\n-}").map(|i| (i, i + 3)).or_else(|| body.strip_prefix("-}").map(|_| (0, 2)));
            let Some((content_end, tail_start)) = end else {
                return Err(err(source, "block 4", "not terminated by a line \"-}\""));
            };
            (body.get(..content_end).unwrap_or(""), body.get(tail_start..).unwrap_or(""))
        } else {
            let mut depth = 1usize;
            let mut end = None;
            for (i, c) in body.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let Some(end) = end else { return Err(err(source, &field, "not closed by '}'")) };
            (body.get(..end).unwrap_or(""), body.get(end + 1..).unwrap_or(""))
        };
        match id {
            "1" => msg.basic = content.trim().to_string(),
            "2" => msg.application = content.trim().to_string(),
            "3" => msg.user = content.to_string(),
            "4" => {
                saw_4 = true;
                msg.tags = parse_tags(content, source)?;
            }
            _ => {}
        }
        rest = tail.trim_start();
    }
    if !saw_4 {
        return Err(err(source, "block 4", "missing: the message has no text block"));
    }
    Ok(msg)
}

fn parse_tags(block: &str, source: &str) -> Result<Vec<Tag>, DocumentError> {
    let mut tags: Vec<Tag> = Vec::new();
    for (n, raw) in block.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if let Some(t) = line.strip_prefix(':')
            && let Some((tag, value)) = t.split_once(':')
            && is_tag(tag)
        {
            let seen = tags.iter().filter(|x| x.tag == tag).count();
            let location = if seen == 0 { format!(":{tag}:") } else { format!(":{tag}: ({})", seen + 1) };
            tags.push(Tag { tag: tag.to_string(), location, lines: vec![value.to_string()] });
        } else if let Some(last) = tags.last_mut() {
            last.lines.push(line.to_string());
        } else if !line.trim().is_empty() {
            return Err(err(source, &format!("block 4 line {}", n + 1), "text before the first tag (expected ':NNa:')"));
        }
    }
    Ok(tags)
}

fn is_tag(tag: &str) -> bool {
    let b = tag.as_bytes();
    (b.len() == 2 || b.len() == 3)
        && b.first().is_some_and(u8::is_ascii_digit)
        && b.get(1).is_some_and(u8::is_ascii_digit)
        && b.get(2).is_none_or(u8::is_ascii_uppercase)
}

/// BIC (8 or 11) from a 12-character logical-terminal address (BIC8 + terminal + branch).
fn lt_to_bic(lt: &str) -> Option<String> {
    let lt = lt.get(..12)?;
    let bic8 = lt.get(..8)?;
    let branch = lt.get(9..12)?;
    Some(format!("{bic8}{branch}"))
}

/// Parses an MT103 or MT202COV into a payment message.
pub fn parse(text: &str, source: &str) -> Result<PaymentMessage, DocumentError> {
    let fin = parse_blocks(text, source)?;
    let mut msg = PaymentMessage::default();
    let mt = if let Some(b2) = fin.application.strip_prefix('I').or_else(|| fin.application.strip_prefix('O')) {
        b2.get(..3).unwrap_or("").to_string()
    } else {
        String::new()
    };
    let cov = fin.user.contains("{119:COV}");
    msg.format = match (mt.as_str(), cov) {
        ("103", _) => "MT103".into(),
        ("202", true) => "MT202COV".into(),
        ("202", false) => "MT202".into(),
        ("", _) => return Err(err(source, "block 2", format!("missing or malformed application header {:?}", fin.application))),
        (other, _) => {
            return Err(DocumentError::Unrecognised { source_name: source.to_string(), message: format!("MT{other} is not MT103 or MT202COV") });
        }
    };
    // Header BICs.
    if let Some(bic) = fin.basic.get(3..).and_then(lt_to_bic) {
        msg.parties.push(bic_party("sender", "block 1", bic));
    }
    let receiver = if fin.application.starts_with('I') { fin.application.get(4..16) } else { fin.application.get(14..26) };
    if let Some(bic) = receiver.and_then(lt_to_bic) {
        msg.parties.push(bic_party("receiver", "block 2", bic));
    }
    for tag in &fin.tags {
        let base = tag.tag.get(..2).unwrap_or("");
        let option = tag.tag.get(2..).unwrap_or("");
        match base {
            "20" => msg.reference = tag.lines.first().map(|l| l.trim().to_string()),
            "32" if option == "A" => {
                let v = tag.lines.first().map(String::as_str).unwrap_or("");
                let d = v.get(..6).unwrap_or("");
                msg.date = Some(NaiveDate::parse_from_str(d, "%y%m%d").map_err(|_| {
                    err(source, &tag.location, format!("{v:?} does not start with a value date YYMMDD"))
                })?);
            }
            "50" | "59" => msg.parties.push(customer(tag)),
            "51" | "52" | "53" | "54" | "55" | "56" | "57" | "58" => msg.parties.push(institution(tag)),
            "70" | "72" | "77" | "23" | "26" => {
                for (i, l) in tag.lines.iter().enumerate() {
                    if !l.trim().is_empty() {
                        msg.free_text.push(FieldRef { location: format!("{} line {}", tag.location, i + 1), value: l.trim().to_string() });
                    }
                }
                if base == "77" && option == "B" {
                    for (i, l) in tag.lines.iter().enumerate() {
                        if let Some(cc) = l.split("//").nth(1).and_then(|r| r.get(..2)) {
                            msg.countries.push(FieldRef { location: format!("{} line {}", tag.location, i + 1), value: cc.to_string() });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let has = |bases: &[&str]| fin.tags.iter().any(|t| bases.iter().any(|b| t.tag.starts_with(b)));
    let mut required: Vec<(&str, &[&str])> = vec![(":20:", &["20"]), (":32A:", &["32A"])];
    if msg.format == "MT103" || msg.format == "MT202COV" {
        required.push((":50a: ordering customer", &["50"]));
        required.push((":59a: beneficiary customer", &["59"]));
    }
    if msg.format.starts_with("MT202") {
        required.push((":58a: beneficiary institution", &["58"]));
    }
    for (label, bases) in required {
        if !has(bases) {
            return Err(err(source, label, "missing (mandatory field)"));
        }
    }
    msg.parties.retain(|p| !p.is_empty());
    Ok(msg)
}

fn bic_party(role: &str, location: &str, bic: String) -> PaymentParty {
    PaymentParty {
        role: role.into(),
        location: location.into(),
        agent: true,
        bics: vec![FieldRef { location: location.into(), value: bic }],
        ..Default::default()
    }
}

fn line_ref(tag: &Tag, i: usize, value: &str) -> FieldRef {
    FieldRef { location: format!("{} line {}", tag.location, i + 1), value: value.trim().to_string() }
}

fn customer(tag: &Tag) -> PaymentParty {
    let mut p = PaymentParty { role: tag.tag.clone(), location: tag.location.clone(), ..Default::default() };
    let option = tag.tag.get(2..).unwrap_or("");
    for (i, line) in tag.lines.iter().enumerate() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        if i == 0 && l.starts_with('/') {
            let id = l.trim_start_matches('/');
            let kind = if id.len() > 4 && id.get(..2).is_some_and(|c| c.bytes().all(|b| b.is_ascii_uppercase())) && id.get(2..4).is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit())) { "iban" } else { "account" };
            p.identifiers.push((kind.into(), line_ref(tag, i, id)));
            continue;
        }
        match option {
            "A" => p.bics.push(line_ref(tag, i, l)),
            "F" => {
                let (code, value) = l.split_once('/').unwrap_or(("", l));
                match code {
                    "1" => p.names.push(line_ref(tag, i, value)),
                    "2" => p.address.push(line_ref(tag, i, value)),
                    "3" => {
                        let (cc, town) = value.split_once('/').unwrap_or((value, ""));
                        p.country = Some(line_ref(tag, i, cc));
                        if !town.is_empty() {
                            p.address.push(line_ref(tag, i, town));
                        }
                    }
                    "4" => p.birth_date = Some(line_ref(tag, i, value)),
                    "5" => p.address.push(line_ref(tag, i, value)),
                    "6" | "7" => p.identifiers.push(("registrationNumber".into(), line_ref(tag, i, value))),
                    "8" => p.names.push(line_ref(tag, i, value)),
                    _ => p.address.push(line_ref(tag, i, l)),
                }
            }
            _ => {
                // No letter or K: name on the first text line, address after it.
                if p.names.is_empty() {
                    p.names.push(line_ref(tag, i, l));
                } else {
                    p.address.push(line_ref(tag, i, l));
                }
            }
        }
    }
    p
}

fn institution(tag: &Tag) -> PaymentParty {
    let mut p = PaymentParty { role: tag.tag.clone(), location: tag.location.clone(), agent: true, ..Default::default() };
    let option = tag.tag.get(2..).unwrap_or("");
    for (i, line) in tag.lines.iter().enumerate() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        if l.starts_with('/') {
            p.identifiers.push(("account".into(), line_ref(tag, i, l.trim_start_matches('/'))));
            continue;
        }
        match option {
            "A" => p.bics.push(line_ref(tag, i, l)),
            "D" => {
                if p.names.is_empty() {
                    p.names.push(line_ref(tag, i, l));
                } else {
                    p.address.push(line_ref(tag, i, l));
                }
            }
            _ => p.address.push(line_ref(tag, i, l)),
        }
    }
    p
}
