//! Georgian: the national romanisation (2002), and a variant without the
//! nominative `-i` that Georgian adds to foreign names (`პუტინი` → `putin`).

/// Renderings: national system, then with word-final `-i` after a consonant
/// dropped (not after `l`: -shvili, -eli are Georgian) when that changes anything.
pub(crate) fn renderings(text: &str) -> Vec<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let piece = match c {
            'ა' => "a",
            'ბ' => "b",
            'გ' => "g",
            'დ' => "d",
            'ე' => "e",
            'ვ' => "v",
            'ზ' => "z",
            'თ' | 'ტ' => "t",
            'ი' => "i",
            'კ' | 'ქ' => "k",
            'ლ' => "l",
            'მ' => "m",
            'ნ' => "n",
            'ო' => "o",
            'პ' | 'ფ' => "p",
            'ჟ' => "zh",
            'რ' => "r",
            'ს' => "s",
            'უ' => "u",
            'ღ' => "gh",
            'ყ' => "q",
            'შ' => "sh",
            'ჩ' | 'ჭ' => "ch",
            'ც' | 'წ' => "ts",
            'ძ' => "dz",
            'ხ' => "kh",
            'ჯ' => "j",
            'ჰ' => "h",
            other => super::fold::unlisted(other),
        };
        out.push_str(piece);
    }
    let national = super::fold::words(&out);
    let without_i: Vec<&str> = national
        .split(' ')
        .map(|w| {
            let stem = w.strip_suffix('i').unwrap_or(w);
            // Native names end in -shvili, -eli: keep those.
            let consonant_before = stem.chars().last().is_some_and(|c| !"aeioul".contains(c));
            if stem.len() >= 3 && consonant_before { stem } else { w }
        })
        .collect();
    let without_i = without_i.join(" ");
    let mut forms = vec![national];
    super::push_unique(&mut forms, [without_i]);
    forms
}

#[cfg(test)]
mod tests {
    use super::renderings;

    #[test]
    fn national_and_foreign_name_forms() {
        assert_eq!(renderings("ვლადიმერ პუტინი"), ["vladimer putini", "vladimer putin"]);
        assert_eq!(renderings("მიხეილ სააკაშვილი")[0], "mikheil saakashvili");
    }
}
