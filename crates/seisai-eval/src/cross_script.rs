//! Real cross-script pairs: Japan's MOF list writes most of the people it
//! lists twice, in katakana and in Latin letters (`ドミートリー・ゴルダ` /
//! `Dmitrii (Dmitry) GOLDA`). Each katakana name, screened against an
//! index holding only the Latin names of those entries, should find its
//! own entry: what a Japanese bank needs when its customer records are in
//! katakana and the lists it screens are in Latin letters. Unlike the
//! katakana of [`crate::katakana`], these renderings were written by the
//! ministry's staff, with their own habits.

use std::sync::Arc;

use seisai_index::{Index, SearchOptions};
use seisai_matching::NameContext;
use seisai_model::{Entity, Schema};
use crate::perturb::KindReport;

/// The list whose entries carry both scripts.
pub const DATASET: &str = "jp_mof";

/// Whether a name is written in katakana (at least one katakana letter).
fn has_katakana(name: &str) -> bool {
    name.chars().any(|c| matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{FF66}'..='\u{FF9D}'))
}

/// Whether a name is written in Latin letters: most of its letters (an
/// Arabic original in brackets may follow, as the list writes it).
fn is_latin(name: &str) -> bool {
    seisai_names::script::dominant(name) == seisai_names::script::NameScript::Latin
}

/// The pairs of [`DATASET`]'s people: per entry with both, the first
/// katakana name as a query and an entity with the entry's Latin names
/// (names only: the measure is of names), numbered alike: the query of
/// source id `n` is of the entry `{DATASET}-{n}`.
pub fn pairs(entities: &[Arc<Entity>]) -> (Vec<Entity>, Vec<Arc<Entity>>) {
    let (mut queries, mut listed) = (Vec::new(), Vec::new());
    for e in entities.iter().filter(|e| e.dataset() == DATASET && e.schema == Schema::Person) {
        let Some((_, katakana)) = e.names().find(|(_, n)| has_katakana(n)) else { continue };
        let latin: Vec<(&str, &str)> = e.names().filter(|(_, n)| is_latin(n)).collect();
        if latin.is_empty() {
            continue;
        }
        let id = listed.len().to_string();
        let mut query = Entity::new("query", &id, Schema::Person);
        query.add(seisai_model::props::NAME, katakana);
        let mut entry = Entity::new(DATASET, &id, Schema::Person);
        for (prop, name) in latin {
            entry.add(prop, name);
        }
        queries.push(query);
        listed.push(Arc::new(entry));
    }
    (queries, listed)
}

/// Screens every katakana name against the Latin names of the entries
/// (see the module documentation): how many find their entry as a match
/// and among the results, as for a kind of misspelling.
pub fn run(entities: &[Arc<Entity>], ctx: &NameContext) -> KindReport {
    let (queries, listed) = pairs(entities);
    let index = Index::build(listed, ctx.clone());
    let opts = SearchOptions::default();
    let mut report = KindReport { queries: queries.len(), found: 0, in_results: 0, misses: Vec::new() };
    for query in &queries {
        let own = seisai_model::entity_id(DATASET, query.source_id.as_deref().unwrap_or(""));
        let hits = index.search(&index.prepare(query), &opts);
        let mine = hits.iter().find(|h| h.entity.id == own);
        report.found += usize::from(mine.is_some_and(|h| h.result.is_match));
        report.in_results += usize::from(mine.is_some());
        if !mine.is_some_and(|h| h.result.is_match) {
            let name = query.first(seisai_model::props::NAME).unwrap_or("");
            let latin = |e: &Entity| e.names().map(|(_, n)| n).next().unwrap_or("").to_string();
            let expected = index.get(&own).map(|e| latin(e)).unwrap_or_default();
            let best = hits.first().map(|h| format!("{} {:.3}", latin(&h.entity), h.result.score)).unwrap_or_default();
            report.misses.push(format!("{name:?} (listed {expected:?}) -> {best}"));
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_take_the_katakana_name_as_query_and_the_latin_names_as_the_entry() {
        let mut e = Entity::new(DATASET, "1", Schema::Person);
        e.add(seisai_model::props::NAME, "ドミートリー・ゴルダ");
        e.add(seisai_model::props::NAME, "Dmitrii (Dmitry) GOLDA");
        e.add(seisai_model::props::ALIAS, "Dmitry Golda");
        let mut kanji = Entity::new(DATASET, "2", Schema::Person);
        kanji.add(seisai_model::props::NAME, "金正恩");
        kanji.add(seisai_model::props::NAME, "KIM Jong Un");
        let mut other = Entity::new("un_sc", "3", Schema::Person);
        other.add(seisai_model::props::NAME, "ドミートリー");
        other.add(seisai_model::props::NAME, "Dmitry");
        let (queries, listed) = pairs(&[Arc::new(e), Arc::new(kanji), Arc::new(other)]);
        assert_eq!(queries.len(), 1);
        assert_eq!(queries[0].get(seisai_model::props::NAME), ["ドミートリー・ゴルダ"]);
        assert_eq!(listed[0].get(seisai_model::props::NAME), ["Dmitrii (Dmitry) GOLDA"]);
        assert_eq!(listed[0].get(seisai_model::props::ALIAS), ["Dmitry Golda"]);
        assert_eq!(Some(listed[0].id.as_str()).zip(queries[0].source_id.as_deref()), Some(("jp_mof-0", "0")));
    }

    #[test]
    fn a_katakana_name_finds_its_latin_entry() {
        let mut e = Entity::new(DATASET, "1", Schema::Person);
        e.add(seisai_model::props::NAME, "ウラジーミル・プーチン");
        e.add(seisai_model::props::NAME, "Vladimir PUTIN");
        let mut f = Entity::new(DATASET, "2", Schema::Person);
        f.add(seisai_model::props::NAME, "セルゲイ・ラブロフ");
        f.add(seisai_model::props::NAME, "Sergei LAVROV");
        let report = run(&[Arc::new(e), Arc::new(f)], &NameContext::without_dictionaries());
        assert_eq!((report.queries, report.found), (2, 2), "{:?}", report.misses);
    }
}
