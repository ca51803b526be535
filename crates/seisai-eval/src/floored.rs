//! A search with a minimum score skips the candidates that cannot reach it
//! (features and name bounds, see `seisai_matching::bound`); it must find
//! exactly what scoring every candidate in full and keeping those above the
//! minimum finds. Checked on the real lists with real queries.

use rayon::prelude::*;
use seisai_index::{Index, SearchOptions};
use seisai_matching::score::{Config, Prepared, rank_above, score};
use seisai_matching::NameContext;
use seisai_model::{Entity, Schema, props};

use crate::queries::{PersonRow, read_persons};

/// (entity id, score) of each result, best first.
type Results = Vec<(String, f32)>;

/// What the search must return: every candidate the index proposes,
/// scored in full (no bound, no floor), those above `opts.min_score`,
/// best first (ties by id), the first `opts.limit`.
fn reference(index: &Index, query: &Prepared, opts: &SearchOptions, config: &Config) -> Results {
    let mut all: Results = index
        .candidates(query, opts.candidates, opts)
        .into_iter()
        .filter_map(|(i, _)| index.entities().get(i as usize))
        .filter(|e| opts.as_of.is_none_or(|day| e.in_force_on(day)))
        .filter_map(|e| {
            let candidate = Prepared::from_entity(e, index.context());
            score(query, &candidate, config).map(|r| (e.id.clone(), r.score))
        })
        .filter(|(_, s)| *s > opts.min_score)
        .collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(opts.limit);
    all
}

/// The queries: persons as given (birth date, nationality, gender), the
/// same names as organisations with their country (as payment parties
/// come), and the UN positives (many results above the floors).
fn queries(eval: &std::path::Path, rows: usize) -> Vec<Entity> {
    let read = |file: &str| read_persons(&eval.join(file)).unwrap_or_else(|e| panic!("{e:#}"));
    let negatives: Vec<PersonRow> = read("negatives-global.csv").into_iter().take(rows).collect();
    let positives: Vec<PersonRow> = read("positives-un-untreated.csv").into_iter().take(rows / 2).collect();
    let organisations = negatives.iter().map(|r| {
        let mut e = Entity::new("query", "q", Schema::Organization);
        e.add(props::NAME, &r.full_name);
        if !r.nationality.trim().is_empty() {
            e.add_country(props::COUNTRY, &r.nationality);
        }
        e
    });
    negatives.iter().chain(&positives).map(PersonRow::to_query).chain(organisations).collect()
}

#[test]
fn a_floored_search_finds_what_full_scoring_finds() {
    let (Some(data), Some(eval)) =
        (seisai_model::testdata::dir("floored search exactness"), seisai_model::testdata::eval_dir("floored search exactness"))
    else {
        return;
    };
    let index = Index::build(crate::lists::entities(crate::lists::load_all(&data)), NameContext::load_default());
    let config = Config::default();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 15);
    let options = [
        SearchOptions { limit: 10, min_score: 0.7, as_of: day, ..SearchOptions::default() },
        SearchOptions { limit: 3, min_score: 0.5, ..SearchOptions::default() },
    ];
    let queries = queries(&eval, 1500);
    let above: usize = options
        .iter()
        .map(|opts| {
            queries
                .par_iter()
                .map(|q| {
                    let prepared = index.prepare(q);
                    let found: Results = index.search(&prepared, opts).into_iter().map(|h| (h.entity.id.clone(), h.result.score)).collect();
                    let expected = reference(&index, &prepared, opts, &config);
                    assert_eq!(found, expected, "{:?} ({}), min score {}", q.names().next(), q.schema, opts.min_score);
                    found.len()
                })
                .sum::<usize>()
        })
        .sum();
    // The check means something only if results above the floors are many.
    assert!(above > 500, "only {above} results above the floors");
}

#[test]
fn a_candidate_scores_above_a_floor_as_in_full() {
    let Some(eval) = seisai_model::testdata::eval_dir("floored scores on the name pairs") else { return };
    let rows = crate::pairs::read(&eval.join("name-pairs-826.csv")).unwrap_or_else(|e| panic!("{e:#}"));
    let ctx = NameContext::load_default();
    let config = Config::default();
    let entity = |name: &str, schema: &Schema| {
        let mut e = Entity::new("eval", "x", schema.clone());
        e.add(props::NAME, name);
        e
    };
    let names: Vec<(Entity, Entity)> = rows
        .iter()
        .map(|p| {
            let schema: Schema = p.schema.parse().unwrap_or(Schema::LegalEntity);
            (entity(&p.name1, &schema), entity(&p.name2, &schema))
        })
        .collect();
    let candidates: Vec<Prepared> = names.iter().flat_map(|(a, b)| [a, b]).map(|e| Prepared::from_entity(e, &ctx)).collect();
    // Each name against its pair and the next names of the file.
    let queries: Vec<&Entity> = names.iter().flat_map(|(a, b)| [a, b]).collect();
    let checked: usize = queries
        .par_iter()
        .enumerate()
        .map(|(i, q)| {
            let query = Prepared::from_entity(q, &ctx).with_matchers();
            let mut checked = 0;
            for c in candidates.iter().cycle().skip(i.saturating_sub(1)).take(40) {
                let full = score(&query, c, &config).map(|r| r.score);
                for floor in [0.3, 0.5, 0.6, 0.7, 0.8, 0.9] {
                    let ranked = rank_above(&query, c, floor).map(|r| r.score);
                    assert_eq!(ranked.filter(|s| *s > floor), full.filter(|s| *s > floor), "{:?} / floor {floor}", q.names().next());
                    checked += usize::from(full.is_some_and(|s| s > floor));
                }
            }
            checked
        })
        .sum();
    assert!(checked > 1000, "only {checked} scores above the floors");
}
