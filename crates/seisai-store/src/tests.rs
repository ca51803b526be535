//! Tests of the store: import, unchanged re-import, versions, as-of,
//! diff, history, failed and interrupted imports, sync over HTTP.

use super::*;
use seisai_sources::Input;
use std::sync::Arc;

fn line(id: &str, schema: &str, names: &[&str], birth: Option<&str>) -> String {
    let mut props = serde_json::json!({ "name": names });
    if let Some(b) = birth {
        props["birthDate"] = serde_json::json!([b]);
    }
    serde_json::json!({ "id": id, "schema": schema, "properties": props, "datasets": ["feed"] }).to_string()
}

/// Version 1 of a small FtM feed: three persons, one company.
fn feed_v1() -> String {
    [
        line("feed-1", "Person", &["Ivan Petrov", "Иван Петров"], Some("1970")),
        line("feed-2", "Person", &["Olga Ivanova"], None),
        line("feed-3", "Company", &["朝鮮光鮮銀行", "Korea Kwangson Banking Corp"], None),
        line("feed-4", "Person", &["ヤマダ・タロウ"], None),
    ]
    .join("\n")
}

/// Version 2: feed-1 birth date changed, feed-2 removed, feed-5 added.
fn feed_v2() -> String {
    [
        line("feed-1", "Person", &["Ivan Petrov", "Иван Петров"], Some("1971")),
        line("feed-3", "Company", &["朝鮮光鮮銀行", "Korea Kwangson Banking Corp"], None),
        line("feed-4", "Person", &["ヤマダ・タロウ"], None),
        line("feed-5", "Person", &["Petr Sidorov"], None),
    ]
    .join("\n")
}

fn store() -> (tempfile::TempDir, Store) {
    let Ok(dir) = tempfile::tempdir() else { panic!("cannot create a temp dir") };
    match Store::open(dir.path()) {
        Ok(s) => (dir, s),
        Err(e) => panic!("cannot open store: {e}"),
    }
}

fn import(store: &mut Store, name: &str, text: &str, published: Option<&str>) -> ImportReport {
    let options = ImportOptions { published: published.and_then(|d| d.parse().ok()), ..ImportOptions::default() };
    match store.import("feed", &[Input::new(name, text.as_bytes().to_vec())], &options) {
        Ok(r) => r,
        Err(e) => panic!("import failed: {e}"),
    }
}

fn ok<T>(r: Result<T>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn import_then_unchanged_reimport() {
    let (dir, mut store) = store();
    let first = import(&mut store, "feed.jsonl", &feed_v1(), None);
    assert_eq!(first.outcome, ImportOutcome::Created);
    assert_eq!(first.version.entities, 4);
    assert_eq!(first.version.schemata.get("Person"), Some(&3));
    assert_eq!(first.version.schemata.get("Company"), Some(&1));
    assert_eq!(first.version.scripts.get("Latin"), Some(&3), "{:?}", first.version.scripts);
    assert_eq!(first.version.scripts.get("Cyrillic"), Some(&1));
    assert_eq!(first.version.scripts.get("Han"), Some(&1));
    assert_eq!(first.version.scripts.get("Japanese"), Some(&1));
    assert_eq!(first.version.format, "ftm");
    let again = import(&mut store, "copy-of-feed.jsonl", &feed_v1(), None);
    assert_eq!(again.outcome, ImportOutcome::Unchanged);
    assert_eq!(again.version.id, first.version.id);
    let reopened = ok(Store::open(dir.path()));
    assert_eq!(reopened.versions("feed").len(), 1);
    assert_eq!(reopened.datasets(), ["feed"]);
    let entities = ok(reopened.entities(&first.version));
    assert_eq!(entities.len(), 4);
    assert!(entities.iter().all(|e| e.version.as_deref() == Some(first.version.id.as_str())));
}

#[test]
fn versions_diff_as_of_and_history() {
    let (_dir, mut store) = store();
    let v1 = import(&mut store, "feed.jsonl", &feed_v1(), Some("2024-01-10"));
    let v2 = import(&mut store, "feed.jsonl", &feed_v2(), Some("2024-03-01"));
    assert_eq!(v2.outcome, ImportOutcome::Created);
    assert_eq!(v2.previous.as_deref(), Some(v1.version.id.as_str()));
    assert_eq!(store.current("feed").map(|v| v.id.clone()), Some(v2.version.id.clone()));
    let day = |s: &str| s.parse::<NaiveDate>().unwrap_or_default();
    assert_eq!(store.as_of("feed", day("2024-02-15")).map(|v| v.id.clone()), Some(v1.version.id.clone()));
    assert_eq!(store.as_of("feed", day("2024-03-01")).map(|v| v.id.clone()), Some(v2.version.id.clone()));
    assert!(store.as_of("feed", day("2023-12-31")).is_none());

    let diff = ok(store.diff("feed", &v1.version.id, &v2.version.id));
    let captions = |v: &[EntityRef]| v.iter().map(|e| e.caption.clone()).collect::<Vec<_>>();
    assert_eq!(captions(&diff.added), ["Petr Sidorov"]);
    assert_eq!(captions(&diff.removed), ["Olga Ivanova"]);
    assert_eq!(diff.changed.len(), 1);
    assert_eq!(diff.changed[0].changes[0].prop, "birthDate");
    assert_eq!(diff.changed[0].changes[0].old, ["1970"]);
    assert_eq!(diff.changed[0].changes[0].new, ["1971"]);
    let by_date = ok(store.diff("feed", "2024-01-31", "2024-12-31"));
    assert_eq!(by_date, diff);

    let ivan = diff.changed[0].entity.id.clone();
    let history = ok(store.entity_history(&ivan));
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[0].kind, HistoryKind::Added);
    assert!(matches!(history[1].kind, HistoryKind::Changed { .. }));
    let olga = diff.removed[0].id.clone();
    let gone = ok(store.entity_history(&olga));
    assert_eq!(gone.last().map(|e| e.kind.clone()), Some(HistoryKind::Removed));
}

#[test]
fn publication_date_from_file_name() {
    let (_dir, mut store) = store();
    let r = import(&mut store, "/x/feed-2022-12-15.jsonl", &feed_v1(), None);
    assert_eq!(r.version.published, "2022-12-15".parse().ok());
    assert_eq!(r.version.published_from, Some(PublishedFrom::FileName));
    let inputs = [Input::new("sdn-2024-05-031.csv", Vec::new())];
    assert_eq!(import::date_in_file_names(&inputs), None);
}

#[test]
fn failed_imports_keep_the_previous_version() {
    let (dir, mut store) = store();
    let v1 = import(&mut store, "feed.jsonl", &feed_v1(), None);
    let garbage = [Input::new("feed.bin", b"\x00\x01 not a list".to_vec())];
    let err = store.import("feed", &garbage, &ImportOptions::default());
    let msg = err.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(msg.contains("feed") && msg.contains("--format"), "{msg}");
    let broken_xml = [Input::new("consolidated.xml", b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIV".to_vec())];
    let err = store.import("un_sc", &broken_xml, &ImportOptions::default());
    assert!(err.is_err(), "a truncated UN XML was accepted");
    let empty = store.import("feed", &[Input::new("e.jsonl", b"{\"id\":1}\n".to_vec())], &ImportOptions::default());
    assert!(empty.is_err());
    let reopened = ok(Store::open(dir.path()));
    assert_eq!(reopened.current("feed").map(|v| v.id.clone()), Some(v1.version.id));
    assert!(reopened.current("un_sc").is_none());
}

#[test]
fn leftovers_of_a_killed_import_are_ignored_and_removed() {
    let (dir, mut store) = store();
    let v1 = import(&mut store, "feed.jsonl", &feed_v1(), None);
    let orphan = dir.path().join("versions/feed/20990101T000000Z-deadbeef.ftm.jsonl.gz");
    let temp = dir.path().join("manifest.json.999.tmp");
    assert!(std::fs::write(&orphan, b"half").is_ok() && std::fs::write(&temp, b"{").is_ok());
    let mut reopened = ok(Store::open(dir.path()));
    assert_eq!(reopened.versions("feed").len(), 1);
    let v2 = import(&mut reopened, "feed.jsonl", &feed_v2(), None);
    assert_ne!(v2.version.id, v1.version.id);
    assert!(!orphan.exists() && !temp.exists());
}

#[test]
fn altered_version_file_is_detected() {
    let (dir, mut store) = store();
    let v1 = import(&mut store, "feed.jsonl", &feed_v1(), None);
    assert!(std::fs::write(dir.path().join(&v1.version.file), b"tampered").is_ok());
    let msg = store.entities(&v1.version).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(msg.contains("checksum"), "{msg}");
}

#[test]
fn bad_dataset_names_are_refused() {
    let (_dir, mut store) = store();
    for name in ["../x", "", ".hidden", "a/b"] {
        let r = store.import(name, &[Input::new("f.jsonl", feed_v1().into_bytes())], &ImportOptions::default());
        assert!(matches!(r, Err(StoreError::Invalid(_))), "{name:?} accepted");
    }
}

/// A test HTTP server answering each request with the next of `answers`
/// (status, ETag, body); returns its base URL and the requests' If-None-Match headers.
fn server(answers: Vec<(u16, Option<&'static str>, Vec<u8>)>) -> (String, std::thread::JoinHandle<Vec<Option<String>>>) {
    let server = match tiny_http::Server::http("127.0.0.1:0") {
        Ok(s) => s,
        Err(e) => panic!("cannot start test server: {e}"),
    };
    let addr = server.server_addr().to_ip().map(|a| a.to_string()).unwrap_or_default();
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for (status, etag, body) in answers {
            let Ok(request) = server.recv() else { break };
            let inm = request.headers().iter().find(|h| h.field.equiv("If-None-Match")).map(|h| h.value.to_string());
            seen.push(inm);
            let mut response = tiny_http::Response::from_data(body).with_status_code(status);
            if let Some(tag) = etag {
                if let Ok(h) = tiny_http::Header::from_bytes(&b"ETag"[..], tag.as_bytes()) {
                    response = response.with_header(h);
                }
            }
            let _ = request.respond(response);
        }
        seen
    });
    (format!("http://{addr}"), handle)
}

fn config(url: &str) -> SourcesConfig {
    let text = format!(
        "[fetch]\nretries = 1\nbackoff_ms = 10\nmax_bytes = 4000\n[datasets.feed]\nurls = [\"{url}/feed.jsonl\"]\nformat = \"ftm\"\n"
    );
    ok(SourcesConfig::parse(&text, "test sources.toml"))
}

#[test]
fn sync_imports_then_uses_etag_and_survives_failures() {
    let v1 = feed_v1().into_bytes();
    let v2 = feed_v2().into_bytes();
    let (url, handle) = server(vec![
        (200, Some("\"a\""), v1.clone()),
        (304, None, Vec::new()),
        (500, None, b"oops".to_vec()),
        (500, None, b"oops".to_vec()),
        (200, Some("\"b\""), b"{\"id\": \"feed-1\", \"sch".to_vec()),
        (200, Some("\"c\""), vec![b' '; 5000]),
        (200, Some("\"d\""), v2.clone()),
    ]);
    let (_dir, mut store) = store();
    let cfg = config(&url);
    let names = ["feed".to_string()];
    let first = store.sync(&names, &cfg);
    let Some(SyncOutcome::Imported { report, .. }) = first.first().map(|r| &r.outcome) else { panic!("{first:?}") };
    assert_eq!(report.outcome, ImportOutcome::Created);
    let good = report.version.id.clone();
    let second = store.sync(&names, &cfg);
    assert_eq!(second.first().map(|r| &r.outcome), Some(&SyncOutcome::NotModified));
    for what in ["server error", "corrupt body", "oversized body"] {
        let failed = store.sync(&names, &cfg);
        let outcome = failed.first().map(|r| r.outcome.clone());
        assert!(matches!(outcome, Some(SyncOutcome::Failed { .. })), "{what}: {outcome:?}");
        assert_eq!(store.current("feed").map(|v| v.id.clone()), Some(good.clone()), "{what}");
        assert_eq!(failed.first().and_then(|r| r.current.clone()), Some(good.clone()));
    }
    let last = store.sync(&names, &cfg);
    let Some(SyncOutcome::Imported { report, .. }) = last.first().map(|r| &r.outcome) else { panic!("{last:?}") };
    assert_eq!(report.outcome, ImportOutcome::Created);
    let seen = handle.join().unwrap_or_default();
    assert_eq!(seen.first(), Some(&None));
    assert_eq!(seen.get(1), Some(&Some("\"a\"".to_string())), "{seen:?}");
    assert_eq!(store.record("feed").and_then(|r| r.validators.values().next()).and_then(|v| v.etag.clone()), Some("\"d\"".into()));
}

#[test]
fn sync_without_url_says_import_by_hand() {
    let (_dir, mut store) = store();
    let r = store.sync(&["eu_journal".to_string()], &SourcesConfig::default());
    assert_eq!(r.first().map(|r| &r.outcome), Some(&SyncOutcome::NoUrl));
    let unknown = store.sync(&["nope".to_string()], &SourcesConfig::default());
    assert!(matches!(unknown.first().map(|r| &r.outcome), Some(SyncOutcome::Failed { .. })));
}

#[test]
fn sources_config_errors_name_the_file() {
    let err = SourcesConfig::parse("[datasets.x]\nurl = 1\n", "my.toml").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.starts_with("my.toml:"), "{err}");
    let err = SourcesConfig::parse("[datasets.x]\nformat = \"pdf\"\n", "my.toml").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("datasets.x.format"), "{err}");
    let err = SourcesConfig::parse("[fetch]\nmax_byte = 1\n", "my.toml").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("max_byte"), "{err}");
}

#[test]
fn index_of_current_or_as_of_versions_with_change_dates() {
    let (_dir, mut store) = store();
    let v1 = import(&mut store, "feed.jsonl", &feed_v1(), Some("2024-01-10"));
    let v2 = import(&mut store, "feed.jsonl", &feed_v2(), Some("2024-03-01"));
    let ctx = || seisai_matching::NameContext::without_dictionaries();
    let day = |s: &str| s.parse::<NaiveDate>().ok();

    let past = ok(store.build_index(&Selection::as_of(day("2024-02-15"), &[]), ctx()));
    assert_eq!(past.version_ids().get("feed"), Some(&v1.version.id));
    assert!(past.index.get("feed-feed-2").is_some(), "Olga is listed in the first version");
    assert!(past.index.get("feed-feed-5").is_none(), "Sidorov is listed from the second version on");

    let selection = Selection { mark_changes: true, ..Selection::current() };
    let now = ok(store.build_index(&selection, ctx()));
    assert_eq!(now.version_ids().get("feed"), Some(&v2.version.id));
    assert!(now.index.get("feed-feed-2").is_none());
    let dated = |id: &str, field: &str| now.index.get(id).and_then(|e| changes::stated(e, field).map(|d| d.into_owned()));
    assert_eq!(dated("feed-feed-5", changes::FIRST_SEEN).as_deref(), Some("2024-03-01"), "added in the second version");
    assert_eq!(dated("feed-feed-1", changes::LAST_CHANGE).as_deref(), Some("2024-03-01"), "birth date changed");
    assert_eq!(dated("feed-feed-3", changes::LAST_CHANGE).as_deref(), Some("2024-01-10"), "unchanged: the oldest version compared");
    assert_eq!(dated("feed-feed-3", changes::FIRST_SEEN), None);

    let before = ok(store.build_index(&Selection::as_of(day("2023-12-31"), &[]), ctx()));
    assert!(before.index.is_empty() && before.versions.is_empty(), "no version in force yet");
    let unknown = store.build_index(&Selection::as_of(None, &["nope".to_string()]), ctx());
    assert!(matches!(&unknown, Err(StoreError::NotFound(m)) if m.contains("\"nope\"") && m.contains("feed")));
}

#[test]
fn an_index_built_after_another_takes_the_unchanged_lists_from_it_and_is_the_same() {
    let (_dir, mut store) = store();
    let import_into = |store: &mut Store, dataset: &str, text: &str, published: &str| {
        let options = ImportOptions { published: published.parse().ok(), ..ImportOptions::default() };
        ok(store.import(dataset, &[Input::new("feed.jsonl", text.as_bytes().to_vec())], &options))
    };
    // "other" keeps two versions (so its entities are dated from the older),
    // and holds an entity that is not indexed (a sanction record).
    let sanction = serde_json::json!({"id": "s-1", "schema": "Sanction", "properties": {"program": ["x"]}}).to_string();
    import_into(&mut store, "other", &feed_v1(), "2024-01-01");
    import_into(&mut store, "other", &[feed_v2(), sanction].join("\n"), "2024-02-01");
    import_into(&mut store, "feed", &feed_v1(), "2024-01-10");
    let ctx = || seisai_matching::NameContext::without_dictionaries();
    let selection = Selection { mark_changes: true, ..Selection::current() };
    let first = ok(store.build_index(&selection, ctx()));
    assert_eq!(first.spans.len(), 2);
    assert_eq!(first.spans.values().map(|s| s.positions.len()).sum::<usize>(), first.index.len());

    import_into(&mut store, "feed", &feed_v2(), "2024-03-01");
    let reusing = ok(store.build_index_reusing(&selection, ctx(), Some((&first.index, &first.spans))));
    let fresh = ok(store.build_index(&selection, ctx()));
    assert_eq!(reusing.version_ids(), fresh.version_ids());
    assert_eq!(reusing.spans, fresh.spans);
    let described = |lists: &IndexedLists| -> Vec<seisai_model::Entity> { lists.index.entities().iter().map(|e| seisai_model::Entity::clone(e)).collect() };
    assert_eq!(described(&reusing), described(&fresh), "entity for entity, dates included");

    // The unchanged list's entities are the same allocations; the updated one's are new.
    let shared = |lists: &IndexedLists, dataset: &str| -> Vec<bool> {
        let now = &lists.spans[dataset];
        let before = &first.spans[dataset];
        let (now, before) = (&lists.index.entities()[now.positions.clone()], &first.index.entities()[before.positions.clone()]);
        now.iter().map(|e| before.iter().any(|b| Arc::ptr_eq(b, e))).collect()
    };
    assert!(shared(&reusing, "other").iter().all(|&s| s), "taken from the index before");
    assert!(shared(&reusing, "feed").iter().all(|&s| !s), "the updated list is read anew");
    assert!(shared(&fresh, "other").iter().all(|&s| !s));

    // Searches answer alike.
    for name in ["Ivan Petrov", "Petr Sidorov", "Korea Kwangson Banking"] {
        let mut q = seisai_model::Entity::new("q", "q", seisai_model::Schema::Person);
        q.add(seisai_model::props::NAME, name);
        let hits = |lists: &IndexedLists| -> Vec<(String, u32)> {
            let index = &lists.index;
            let opts = seisai_index::SearchOptions { limit: 10, ..seisai_index::SearchOptions::default() };
            index.search(&index.prepare(&q), &opts).iter().map(|h| (h.entity.id.clone(), h.result.score.to_bits())).collect()
        };
        assert_eq!(hits(&reusing), hits(&fresh), "{name}");
    }

    // Spans that do not describe the index given are not trusted: here
    // "other" is said to lie where "feed" does.
    let mut wrong = reusing.spans.clone();
    if let (Some(other), Some(feed)) = (wrong.get("other").cloned(), reusing.spans.get("feed")) {
        wrong.insert("other".into(), indexing::Span { version: other.version, positions: feed.positions.clone() });
    }
    let mistaken = ok(store.build_index_reusing(&selection, ctx(), Some((&reusing.index, &wrong))));
    assert_eq!(described(&mistaken), described(&fresh));
    let taken = |lists: &IndexedLists| lists.index.entities().iter().filter(|e| reusing.index.entities().iter().any(|r| Arc::ptr_eq(r, e))).count();
    assert_eq!(taken(&mistaken), reusing.spans["feed"].positions.len(), "only feed's entities, from their own span");
}
