//! Japan, METI: End User List (外国ユーザーリスト), XLSX with one sheet.
//!
//! Columns (header row 1, bilingual): `No.` (a formula `=ROW()-1`, not a
//! stable id), `国名、地域名 Country or Region` (Japanese line, English
//! line), `企業名､組織名 Company or Organization`, `別名 Also Known As`
//! (one `・`-bulleted alias per line), `懸念区分 Type of WMD` (Japanese line,
//! then `B,C,M,N`), `通常兵器 Conventional Weapons` (`CW`).
//!
//! Entities: Organization (the list names companies and organisations);
//! id `jp_meti_eul-{iso}-{h}` where `iso` is the country's ISO code (`xx`
//! when it does not resolve) and `h` the first 12 hex digits of the
//! SHA-256 of the normalised name (width-folded, lower case, letters and
//! digits only), so ids survive re-ordering of the list; a repeated
//! country + name is merged by the collector with a warning. `program`:
//! `End User List: WMD concern B,C,M,N` (B biological, C chemical, M
//! missile, N nuclear) and `End User List: conventional weapons (CW)`;
//! topics `export.control`.

use calamine::{Data, Reader};
use seisai_model::{Entity, Schema, country, props};

use crate::jp_mof::text::{fold_width, has_japanese, header_key, id_key, is_placeholder, short_hash};
use crate::jp_mof::xlsx::{cell_text, open, sheet};
use crate::{Collector, Input, SourceError};

const AUTHORITY: &str = "Ministry of Economy, Trade and Industry, Japan (経済産業省)";
const SOURCE_URL: &str = "https://www.meti.go.jp/policy/anpo/law05.html";

/// The columns the loader reads.
#[derive(Default)]
struct Columns {
    country: Option<usize>,
    name: Option<usize>,
    aliases: Option<usize>,
    wmd: Option<usize>,
    cw: Option<usize>,
}

/// Loads the files of one version into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    if inputs.is_empty() {
        return Err(SourceError::Missing { detail: "jp_meti_eul needs the End User List XLSX".into() });
    }
    for input in inputs {
        load_file(input, out)?;
    }
    Ok(())
}

fn load_file(input: &Input, out: &mut Collector) -> Result<(), SourceError> {
    if !input.is_zip() {
        return Err(SourceError::format(&input.name, "start of file", "not an XLSX (zip) file", "the End User List XLSX"));
    }
    let mut book = open(input)?;
    let Some(sheet_name) = book.sheet_names().into_iter().next() else {
        return Err(SourceError::format(&input.name, "workbook", "no sheet", "one sheet ユーザーリスト"));
    };
    let range = sheet(&mut book, input, &sheet_name)?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let mut rows = range.rows().enumerate();
    let mut columns = Columns::default();
    for (_, row) in rows.by_ref() {
        columns = header_columns(row);
        if columns.name.is_some() {
            break;
        }
    }
    let (Some(name_col), Some(country_col)) = (columns.name, columns.country) else {
        return Err(SourceError::format(
            &input.name,
            format!("sheet '{sheet_name}'"),
            "no header row with Company or Organization and Country or Region",
            "the End User List header (No., Country or Region, Company or Organization, Also Known As, Type of WMD, Conventional Weapons)",
        ));
    };
    let dataset = out.dataset().to_string();
    for (i, row) in rows {
        let location = format!("sheet '{sheet_name}' row {}", first_row + i + 1);
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).map(cell_text).unwrap_or_default();
        let name = get(Some(name_col)).split_whitespace().collect::<Vec<_>>().join(" ");
        let country_cell = get(Some(country_col));
        if name.is_empty() {
            if row.iter().any(|c| !cell_text(c).trim().is_empty()) {
                out.reject(&input.name, &location, "no Company or Organization name");
            }
            continue;
        }
        let code = country_code(&country_cell);
        let source_id = format!("{}-{}", code.unwrap_or("xx"), short_hash(&id_key(&name)));
        let mut e = Entity::new(&dataset, &source_id, Schema::Organization);
        e.add(props::NAME, &name);
        for line in get(columns.aliases).lines() {
            let alias = line.trim().trim_start_matches(['・', '･', '-', '•']).trim();
            if !is_placeholder(alias) {
                e.add(props::ALIAS, alias);
            }
        }
        match code {
            Some(c) => {
                e.add(props::COUNTRY, c);
            }
            None => {
                out.warn(format!("{}: {location}: country {country_cell:?} not resolved; kept as text", input.name));
                e.add(props::COUNTRY, country_cell.replace('\n', " "));
            }
        }
        let wmd = concern_codes(&get(columns.wmd));
        if !wmd.is_empty() {
            e.add(props::PROGRAM, format!("End User List: WMD concern {}", wmd.join(",")));
            e.add(props::NOTES, format!("Type of WMD: {}", wmd.iter().map(|c| wmd_label(c)).collect::<Vec<_>>().join(", ")));
        }
        if fold_width(&get(columns.cw)).contains("CW") {
            e.add(props::PROGRAM, "End User List: conventional weapons (CW)");
        }
        if !e.has(props::PROGRAM) {
            e.add(props::PROGRAM, "End User List");
        }
        e.add(props::AUTHORITY, AUTHORITY);
        e.add(props::TOPICS, "export.control");
        e.add(props::SOURCE_URL, SOURCE_URL);
        out.entity(e, &input.name, &location);
    }
    Ok(())
}

fn header_columns(row: &[Data]) -> Columns {
    let mut c = Columns::default();
    for (i, cell) in row.iter().enumerate() {
        let key = header_key(&cell_text(cell)).to_lowercase();
        if key.contains("countryorregion") || key.contains("国名") {
            c.country = Some(i);
        } else if key.contains("companyororganization") || key.contains("企業名") {
            c.name = Some(i);
        } else if key.contains("alsoknownas") || key.starts_with("別名") {
            c.aliases = Some(i);
        } else if key.contains("typeofwmd") || key.contains("懸念区分") {
            c.wmd = Some(i);
        } else if key.contains("conventionalweapons") || key.contains("通常兵器") {
            c.cw = Some(i);
        }
    }
    c
}

/// The ISO code of a bilingual country cell (`イラン\nIslamic Republic of Iran`).
fn country_code(cell: &str) -> Option<&'static str> {
    cell.lines().rev().map(str::trim).filter(|l| !l.is_empty()).find_map(country::to_code)
}

/// The concern letters of a `懸念区分` cell (`生物、化学、ミサイル、核\nB,C,M,N`,
/// `ミサイルM`, `核\nＮ`), from the Latin letters or else the Japanese words.
fn concern_codes(cell: &str) -> Vec<&'static str> {
    let folded = fold_width(cell);
    let latin: String = folded.chars().filter(|c| !has_japanese(&c.to_string())).collect();
    let mut codes = Vec::new();
    for (code, word) in [("B", "生物"), ("C", "化学"), ("M", "ミサイル"), ("N", "核")] {
        let in_latin = latin.split(|c: char| !c.is_ascii_alphabetic()).any(|t| t == code);
        if in_latin || folded.contains(word) {
            codes.push(code);
        }
    }
    codes
}

fn wmd_label(code: &str) -> &'static str {
    match code {
        "B" => "biological",
        "C" => "chemical",
        "M" => "missile",
        _ => "nuclear",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, load as load_any};
    use seisai_model::testdata;

    #[test]
    fn concern_cells() {
        assert_eq!(concern_codes("生物、化学、ミサイル、核\nB,C,M,N"), ["B", "C", "M", "N"]);
        assert_eq!(concern_codes("ミサイルM"), ["M"]);
        assert_eq!(concern_codes("核\nＮ"), ["N"]);
        assert_eq!(concern_codes("ミサイル、核\nM、N"), ["M", "N"]);
        assert!(concern_codes("").is_empty());
        assert_eq!(country_code("イラン\nIslamic Republic of Iran"), Some("ir"));
    }

    #[test]
    fn not_xlsx_is_an_error() {
        let err = load_any("jp_meti_eul", Format::JpMetiEul, &[Input::new("eul.csv", "No.,Country\n")]);
        assert!(matches!(err, Err(SourceError::Format { ref file, .. }) if file == "eul.csv"), "{err:?}");
    }

    #[test]
    fn real_list() {
        let Some(dir) = testdata::dir("jp_meti_eul real list") else { return };
        let input = Input::read(&dir.join("jp/meti-end-user-list-2025-09-29.xlsx")).unwrap_or_else(|e| panic!("{e}"));
        for cut in [10, input.data.len() / 3, input.data.len() - 10] {
            let err = load_any("jp_meti_eul", Format::JpMetiEul, &[Input::new("cut.xlsx", input.data.get(..cut).unwrap_or_default().to_vec())]);
            assert!(err.as_ref().is_err_and(|e| e.to_string().starts_with("cut.xlsx")), "{:?}", err.map(|l| l.entities.len()));
        }
        let loaded = load_any("jp_meti_eul", Format::JpMetiEul, &[input]).unwrap_or_else(|e| panic!("{e}"));
        assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
        let duplicates = loaded.warnings.iter().filter(|w| w.contains("duplicate id")).count();
        assert_eq!(loaded.entities.len() + duplicates, 835, "{:?}", loaded.warnings);
        let russia = loaded.entities.iter().filter(|e| e.get(props::COUNTRY) == ["ru"]).count();
        let iran = loaded.entities.iter().filter(|e| e.get(props::COUNTRY) == ["ir"]).count();
        let cw = loaded.entities.iter().filter(|e| e.get(props::PROGRAM).iter().any(|p| p.contains("CW"))).count();
        eprintln!("jp_meti_eul: {} entities, {duplicates} repeated rows; Russia {russia}, Iran {iran}, CW {cw}", loaded.entities.len());
        assert!(cw <= 240 && cw + duplicates >= 240, "{cw} CW entities");
        assert!((95..=100).contains(&russia) && (250..=257).contains(&iran));
        let qaeda = loaded.entities.iter().find(|e| e.first(props::NAME) == Some("Al Qa'ida/Islamic Army"));
        let qaeda = qaeda.unwrap_or_else(|| panic!("Al Qa'ida/Islamic Army not loaded"));
        assert_eq!(qaeda.get(props::ALIAS).len(), 8);
        assert_eq!(qaeda.get(props::ALIAS)[0], "Al Qaeda");
        assert_eq!(qaeda.get(props::PROGRAM), ["End User List: WMD concern B,C,M,N", "End User List: conventional weapons (CW)"]);
        assert!(qaeda.id.starts_with("jp_meti_eul-af-"));
    }
}
