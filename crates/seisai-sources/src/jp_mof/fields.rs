//! The columns of the MOF list, by normalised header, for both editions.
//!
//! Headers differ per sheet and edition (`別名` / `別称・別名` / `別名・別称（英語）`,
//! `住所` / `所在地`, spaces between characters in older sheets); they are
//! compared after [`header_key`](super::text::header_key) (whitespace removed,
//! full-width ASCII folded) and mapped to a [`Field`].

/// Which language column of the CSV edition a value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    /// `（日本語）`, or a sheet column holding both languages.
    Ja,
    /// `（英語）`.
    En,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// `区分`: regime number (CSV edition).
    Regime,
    /// `番号`: `NNN-NNNNNN` (CSV edition).
    Number,
    /// `告示日付`.
    NoticeDate,
    /// `告示番号`: the party's number within its regime.
    NoticeNumber,
    /// `個人・団体`.
    Kind,
    /// `日本語表記`, `氏名（日本語）`.
    NameJa,
    /// `英語表記`, `氏名（英語）`.
    NameEn,
    /// `別名`, `別称`, `別称・旧称`…
    Alias,
    /// `旧称`, `以前の別名`, `過去の別名`…
    FormerName,
    /// `確定に十分でない別名` (low-quality alias).
    WeakAlias,
    /// `称号`, `肩書`.
    Title,
    /// `役職`, `肩書等`.
    Position,
    /// `生年月日`.
    BirthDate,
    /// `出生地`.
    BirthPlace,
    /// `生年月日・出生地` (one sheet has both in one cell).
    BirthDateAndPlace,
    /// `国籍`.
    Nationality,
    /// `旅券番号`.
    Passport,
    /// `ID番号`, `身分登録番号`, `身分証番号`.
    IdNumber,
    /// `住所`, `所在地`, `住所・所在地`… (whole address).
    Address,
    /// `住所・所在地（国）` (CSV edition).
    AddressCountry(Lang),
    /// `住所・所在地（都市その他の情報）` (CSV edition).
    AddressDetail(Lang),
    /// `電話`, `電話番号`.
    Phone,
    /// A column kept as a labelled note (`その他の情報` has the empty label).
    Note(&'static str),
}

/// Maps a normalised header to its field; `None` for an unknown header.
pub(crate) fn field_of(key: &str) -> Option<Field> {
    use Field::*;
    let f = match key {
        "区分" => Regime,
        "番号" => Number,
        "告示日付" => NoticeDate,
        "告示番号" => NoticeNumber,
        "個人・団体" | "個人団体" => Kind,
        "日本語表記" | "氏名(日本語)" | "名称(日本語)" => NameJa,
        "英語表記" | "氏名(英語)" | "名称(英語)" => NameEn,
        "別名" | "別称" | "別名・別称" | "別称・別名" | "別称・旧称" | "確定可能な別名" | "別名・別称(日本語)"
        | "別名・別称(英語)" => Alias,
        "旧称" | "旧称・以前の呼称" | "以前の別名" | "過去の別名" | "旧称(日本語)" | "旧称(英語)" => FormerName,
        "確定に十分でない別名" | "確定に十分でない別名(日本語)" | "確定に十分でない別名(英語)" => WeakAlias,
        "称号" | "肩書" | "称号(日本語)" | "称号(英語)" => Title,
        "役職" | "肩書等" | "役職(日本語)" | "役職(英語)" => Position,
        "生年月日" => BirthDate,
        "出生地" | "出生地・出身地" | "出生地(日本語)" | "出生地(英語)" => BirthPlace,
        "生年月日・出生地" => BirthDateAndPlace,
        "国籍" | "国籍(日本語)" | "国籍(英語)" => Nationality,
        "旅券番号" => Passport,
        "ID番号" | "身分登録番号" | "身分証番号" | "身分証明書番号" => IdNumber,
        "住所" | "所在地" | "住所・所在地" | "住所等" | "所在地・住所登録された事務所の住所" | "活動地域・住所" => Address,
        "住所・所在地(国)(日本語)" => AddressCountry(Lang::Ja),
        "住所・所在地(国)(英語)" => AddressCountry(Lang::En),
        "住所・所在地(都市その他の情報)(日本語)" => AddressDetail(Lang::Ja),
        "住所・所在地(都市その他の情報)(英語)" => AddressDetail(Lang::En),
        "電話" | "電話番号" => Phone,
        "FAX" => Note("FAX"),
        "国連参照番号" => Note("UN reference number"),
        "リスト掲載日" => Note("UN listing date"),
        "国連制裁委員会による指定日" | "国連制裁員会による指定日" => Note("UN committee designation date"),
        "決議1483上の根拠" | "指定の根拠" => Note("basis of designation"),
        "外務省告示情報" => Note("MOFA notice"),
        "その他の情報" | "詳細" => Note(""),
        _ => return None,
    };
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::super::text::header_key;
    use super::*;

    #[test]
    fn every_csv_edition_header_is_known() {
        let header = "区分,番号,告示日付,告示番号,個人・団体,氏名（日本語）,氏名（英語）,別名・別称（日本語）,別名・別称（英語）,旧称（日本語）,旧称（英語）,確定に十分でない別名（日本語）,確定に十分でない別名（英語）,称号（日本語）,称号（英語）,役職（日本語）,役職（英語）,生年月日,出生地（日本語）,出生地（英語）,国籍（日本語）,国籍（英語）,旅券番号,身分証番号,住所・所在地（国）（日本語）,住所・所在地（都市その他の情報）（日本語）,住所・所在地（国）（英語）,住所・所在地（都市その他の情報）（英語）,国連参照番号,リスト掲載日,その他の情報,外務省告示情報";
        for h in header.split(',') {
            assert!(field_of(&header_key(h)).is_some(), "{h}");
        }
        assert_eq!(field_of(&header_key("告 示 日 付")), Some(Field::NoticeDate));
    }
}
