//! The service over HTTP: an in-process server on 127.0.0.1:0 with a small
//! hand-made list (and a real list when ../shared/data is present),
//! exercising every endpoint, keys and roles, hostile input, and the
//! index swap during an import.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use seisai_matching::NameContext;
use seisai_server::auth::{KeyStore, Role, key_file};
use seisai_server::{Settings, ServeOptions};
use serde_json::{Value, json};

const LIST_V1: &str = r#"{"id": "putin", "schema": "Person", "properties": {"name": ["Vladimir Vladimirovich PUTIN"], "birthDate": ["1952-10-07"], "nationality": ["ru"], "topics": ["sanction"]}}
{"id": "acme", "schema": "Company", "properties": {"name": ["Acme Trading LLC"], "country": ["ir"]}}
{"id": "northstar", "schema": "Vessel", "properties": {"name": ["NORTH STAR 5"]}}
{"id": "tanaka", "schema": "Person", "properties": {"name": ["TANAKA Taro", "田中太郎"], "birthDate": ["1970"]}}
"#;

/// Version 2 adds one entity.
fn list_v2() -> String {
    format!("{LIST_V1}{}\n", r#"{"id": "kim", "schema": "Person", "properties": {"name": ["KIM Jong Un"], "birthDate": ["1984-01-08"]}}"#)
}

struct Server {
    base: String,
    screen_key: String,
    admin_key: String,
    dir: tempfile::TempDir,
}

/// A response: status, JSON (or Null), x-request-id, the seisai-policies header.
struct Answer {
    status: u16,
    json: Value,
    text: String,
    request_id: Option<String>,
    policies: Option<String>,
}

fn send(method: &str, url: &str, key: Option<&str>, content_type: &str, body: Option<&[u8]>) -> Answer {
    let mut req = ureq::request(method, url).timeout(Duration::from_secs(60)).set("x-request-id", "test-req-1");
    if let Some(k) = key {
        req = req.set("Authorization", &format!("ApiKey {k}"));
    }
    let result = match body {
        Some(b) => req.set("Content-Type", content_type).send_bytes(b),
        None => req.call(),
    };
    let response = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{method} {url}: {e}"),
    };
    let status = response.status();
    let request_id = response.header("x-request-id").map(str::to_string);
    let policies = response.header("seisai-policies").map(str::to_string);
    let text = response.into_string().unwrap_or_default();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer { status, json, text, request_id, policies }
}

impl Server {
    fn get(&self, path: &str, key: Option<&str>) -> Answer {
        send("GET", &format!("{}{path}", self.base), key, "", None)
    }
    fn post(&self, path: &str, key: Option<&str>, body: &Value) -> Answer {
        let b = serde_json::to_vec(body).unwrap();
        send("POST", &format!("{}{path}", self.base), key, "application/json", Some(&b))
    }
    fn post_raw(&self, path: &str, key: Option<&str>, content_type: &str, body: &[u8]) -> Answer {
        send("POST", &format!("{}{path}", self.base), key, content_type, Some(body))
    }
}

#[path = "api/review.rs"]
mod review;

/// The memory-heavy work the test servers ran in their memory scope (see
/// `seisai_server::MemoryScope`): dictionaries, index builds, old indexes dropped.
static SCOPED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The test servers' memory scope: counts the work it runs.
fn counting_scope(work: &mut dyn FnMut()) {
    work();
    SCOPED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
}

fn start(open_screening: bool) -> Server {
    start_with_users(open_screening, &[]).0
}

/// A server with, besides the screen and admin keys, a key per (role, user); returns those keys too.
fn start_with_users(open_screening: bool, users: &[(Role, &str)]) -> (Server, Vec<String>) {
    start_server(open_screening, users, true)
}

/// A server as [`start_with_users`], with the repository's policy files or none.
fn start_server(open_screening: bool, users: &[(Role, &str)], with_policies: bool) -> (Server, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let v1 = dir.path().join("list-v1.jsonl");
    std::fs::write(&v1, LIST_V1).unwrap();
    let mut keys = KeyStore::default();
    let (screen_key, _) = keys.add(Role::Screen, None).unwrap();
    let (admin_key, _) = keys.add(Role::Admin, Some("tests".into())).unwrap();
    let user_keys: Vec<String> =
        users.iter().map(|(role, user)| keys.add_for_user(*role, Some(user.to_string()), None).unwrap().0).collect();
    keys.save(&key_file(dir.path())).unwrap();
    let settings = Settings {
        data_dir: dir.path().join("data"),
        open_screening,
        request_timeout: Duration::from_secs(30),
        body_limit: 1 << 20,
        import_limit: 64 << 20,
        sources: Default::default(),
        sync_interval: None,
        policies_dir: with_policies.then(|| seisai_model::testdata::workspace_root().join("policies")),
        database: None,
        memory_scope: seisai_server::MemoryScope(counting_scope),
    };
    std::fs::create_dir_all(&settings.data_dir).unwrap();
    std::fs::copy(key_file(dir.path()), key_file(&settings.data_dir)).unwrap();
    let options = ServeOptions { addr: "127.0.0.1:0".parse().unwrap(), settings, load: vec![("test_list".into(), v1)] };
    let (tx, rx) = std::sync::mpsc::channel::<SocketAddr>();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind(options.addr).await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let state = seisai_server::new_state(options.settings, NameContext::without_dictionaries()).unwrap();
            tokio::spawn(seisai_server::load_initial(state.clone(), options.load));
            seisai_server::serve_on(listener, state, std::future::pending()).await.unwrap();
        });
    });
    let addr = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    (Server { base: format!("http://{addr}"), screen_key, admin_key, dir }, user_keys)
}

fn wait_ready(s: &Server) -> Value {
    let started = Instant::now();
    loop {
        let a = s.get("/readyz", None);
        if a.status == 200 {
            return a.json;
        }
        assert_eq!(a.status, 503, "{}", a.text);
        assert!(started.elapsed() < Duration::from_secs(60), "not ready after 60 s: {}", a.text);
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn match_body(name: &str) -> Value {
    json!({"queries": {"q1": {"schema": "Person", "properties": {"name": [name], "birthDate": ["1952-10-07"]}}}})
}

fn version_of(answer: &Value) -> String {
    answer["seisai"]["versions"]["test_list"].as_str().unwrap_or_default().to_string()
}

#[test]
fn the_service_end_to_end() {
    let s = start(false);
    let ready = wait_ready(&s);
    let v1 = ready["versions"]["test_list"].as_str().unwrap().to_string();
    let screen = Some(s.screen_key.as_str());
    let admin = Some(s.admin_key.as_str());

    // Operations: open, request id echoed.
    let h = s.get("/healthz", None);
    assert_eq!(h.status, 200);
    assert_eq!(h.request_id.as_deref(), Some("test-req-1"));
    let doc = s.get("/openapi.json", None);
    assert_eq!(doc.status, 200);
    for path in ["/match/{dataset}", "/search/{dataset}", "/entities/{id}", "/reconcile/{dataset}", "/admin/import", "/screen/party"] {
        assert!(doc.json["paths"].get(path).is_some(), "openapi lacks {path}");
    }
    assert!(s.get("/docs", None).text.contains("/openapi.json"));

    // Keys and roles.
    assert_eq!(s.post("/match/default", None, &match_body("Vladimir Putin")).status, 401);
    assert_eq!(s.post("/match/default", Some("sk_wrong"), &match_body("Vladimir Putin")).status, 401);
    assert_eq!(s.get("/search/default?q=putin", None).status, 401);
    assert_eq!(s.post("/admin/sync", screen, &json!({})).status, 403);
    assert_eq!(s.post("/admin/import", None, &json!({})).status, 401);

    // Matching, yente shape.
    let m = s.post("/match/default?limit=3", screen, &match_body("Vladimir Putin"));
    assert_eq!(m.status, 200, "{}", m.text);
    let r = &m.json["responses"]["q1"];
    assert_eq!(r["status"], 200);
    let top = &r["results"][0];
    assert_eq!(top["id"], "test_list-putin", "{}", m.text);
    assert_eq!(top["match"], true);
    assert!(top["score"].as_f64().unwrap() > 0.8);
    assert_eq!(top["schema"], "Person");
    assert_eq!(top["datasets"][0], "test_list");
    assert!(top["explanations"]["name"]["score"].as_f64().unwrap() > 0.8);
    assert!(top["explanations"]["birth_date"].is_object(), "{}", top["explanations"]);
    assert_eq!(r["total"]["relation"], "eq");
    assert_eq!(r["query"]["schema"], "Person");
    assert_eq!(m.json["limit"], 3);
    assert_eq!(version_of(&m.json), v1);
    // Filters: excluding the dataset or the schema leaves nothing.
    let m = s.post("/match/default?exclude_dataset=test_list", screen, &match_body("Vladimir Putin"));
    assert_eq!(m.json["responses"]["q1"]["results"].as_array().unwrap().len(), 0, "{}", m.text);
    let m = s.post("/match/default?topics=crime", screen, &match_body("Vladimir Putin"));
    assert_eq!(m.json["responses"]["q1"]["results"].as_array().unwrap().len(), 0);
    let m = s.post("/match/default?topics=sanction&exclude_entity_ids=test_list-tanaka", screen, &match_body("Vladimir Putin"));
    assert_eq!(m.json["responses"]["q1"]["results"][0]["id"], "test_list-putin");
    assert_eq!(s.post("/match/sanctions", screen, &match_body("Putin")).status, 200);
    assert_eq!(s.post("/match/test_list", screen, &match_body("Putin")).status, 200);
    assert_eq!(s.post("/match/nowhere", screen, &match_body("Putin")).status, 404);

    // Hostile input.
    let bad = s.post_raw("/match/default", screen, "application/json", b"{\"queries\": ");
    assert_eq!(bad.status, 400, "{}", bad.text);
    assert!(bad.json["detail"].as_str().unwrap().contains("match request body"));
    let bad = s.post("/match/default", screen, &json!({"q": 1}));
    assert_eq!(bad.status, 422);
    assert!(bad.json["detail"].as_str().unwrap().contains("queries"), "{}", bad.text);
    let bad = s.post("/match/default", screen, &json!({"queries": {"a": {"schema": "Spaceship", "properties": {"name": "x"}}}}));
    assert_eq!(bad.status, 422);
    assert!(bad.json["detail"].as_str().unwrap().contains("queries.a.schema"), "{}", bad.text);
    let bad = s.post("/match/default", screen, &json!({"queries": {"a": {"schema": "Person", "properties": {"name": [{"x": 1}]}}}}));
    assert!(bad.json["detail"].as_str().unwrap().contains("queries.a.properties.name"), "{}", bad.text);
    let bad = s.post("/match/default", screen, &json!({"queries": {"a": {"schema": "Person", "properties": {}}}}));
    assert_eq!(bad.status, 422);
    let many: serde_json::Map<String, Value> =
        (0..101).map(|i| (format!("q{i}"), json!({"schema": "Person", "properties": {"name": ["x"]}}))).collect();
    let bad = s.post("/match/default", screen, &json!({ "queries": many }));
    assert_eq!(bad.status, 422);
    assert!(bad.text.contains("at most 100"));
    assert_eq!(s.post("/match/default?limit=501", screen, &match_body("x")).status, 422);
    assert_eq!(s.post("/match/default?threshold=2", screen, &match_body("x")).status, 422);
    assert_eq!(s.post("/match/default?algorithm=magic", screen, &match_body("x")).status, 422);
    let m = s.post("/match/default?algorithm=logic-v1&changed_since=2024-01-01", screen, &match_body("Putin"));
    assert_eq!(m.status, 200);
    assert_eq!(m.json["seisai"]["ignored"], json!([]), "changed_since is applied: {}", m.text);
    let m = s.post("/match/default", screen, &json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Putin"]}}}, "weights": {}, "config": {}}));
    assert_eq!(m.json["seisai"]["ignored"], json!([]), "empty weights and config (yente-client's default) are no note: {}", m.text);
    weights_change_scores(&s, screen);
    cutoff_leaves_out_low_scores(&s, screen);
    // An oversized body is refused: with 413, or — when the server answers
    // before the client has finished sending — by closing the connection.
    let huge = vec![b' '; 2 << 20];
    let mut req = ureq::post(&format!("{}/match/default", s.base)).timeout(Duration::from_secs(60));
    if let Some(k) = screen {
        req = req.set("Authorization", &format!("ApiKey {k}"));
    }
    match req.set("Content-Type", "application/json").send_bytes(&huge) {
        Err(ureq::Error::Status(code, _)) => assert_eq!(code, 413),
        Err(ureq::Error::Transport(t)) => assert!(t.to_string().contains("Broken pipe") || t.to_string().contains("reset"), "{t}"),
        Ok(r) => panic!("oversized body accepted with status {}", r.status()),
    }
    let bad = s.post_raw("/match/default", screen, "application/json", &[0xff, 0xfe, 0x00]);
    assert_eq!(bad.status, 400);

    // Search, entities, catalog, algorithms.
    let found = s.get("/search/default?q=acme%20trading&limit=2", screen);
    assert_eq!(found.status, 200, "{}", found.text);
    assert_eq!(found.json["results"][0]["id"], "test_list-acme");
    let found = s.get("/search/default?q=acme%20trading&countries=ru", screen);
    assert_eq!(found.json["total"]["value"], 0, "{}", found.text);
    let found = s.get("/search/default?q=tanaka%20taro&schema=Person&offset=1", screen);
    assert_eq!(found.json["offset"], 1);
    assert_eq!(s.get("/search/default", screen).status, 422);
    let e = s.get("/entities/test_list-putin", screen);
    assert_eq!(e.status, 200, "{}", e.text);
    assert_eq!(e.json["caption"], "Vladimir Vladimirovich PUTIN");
    assert_eq!(e.json["history"].as_array().unwrap().len(), 1, "{}", e.text);
    assert_eq!(s.get("/entities/nobody", screen).status, 404);
    let cat = s.get("/catalog", screen);
    assert_eq!(cat.status, 200);
    assert!(cat.json["datasets"].as_array().unwrap().iter().any(|d| d["name"] == "test_list" && d["version"] == v1.as_str()));
    assert!(cat.json["datasets"].as_array().unwrap().iter().any(|d| d["name"] == "jp" && d["type"] == "collection"));
    assert_eq!(s.get("/algorithms", screen).json["best"], "seisai-v1");

    // Reconciliation: manifest, form and JSON queries.
    let man = s.get("/reconcile/default", screen);
    assert_eq!(man.json["versions"][0], "0.2");
    let queries = json!({"q0": {"query": "Acme Trading", "type": "Company"}, "q1": {"query": "KIM Jong Un", "limit": 2}});
    let form = format!("queries={}", url_encode(&queries.to_string()));
    let rec = s.post_raw("/reconcile/default", screen, "application/x-www-form-urlencoded", form.as_bytes());
    assert_eq!(rec.status, 200, "{}", rec.text);
    assert_eq!(rec.json["q0"]["result"][0]["id"], "test_list-acme");
    assert!(rec.json["q0"]["result"][0]["score"].as_f64().unwrap() > 80.0);
    let rec = s.post("/reconcile/default", screen, &json!({ "queries": queries }));
    assert_eq!(rec.json["q0"]["result"][0]["type"][0]["id"], "Company");
    assert_eq!(s.post("/reconcile/default", screen, &json!({"queries": {"q": {"query": ""}}})).status, 422);

    // Party screening.
    let p = s.post("/screen/party", screen, &json!({"party": {"schema": "Person", "properties": {"name": ["Vladimir Vladimirovich Putin"]}}, "reference": "cust-9"}));
    assert_eq!(p.status, 200, "{}", p.text);
    assert_eq!(p.json["decision"], "potential_match");
    assert_eq!(p.json["review_status"], "pending_review");
    assert_eq!(p.json["reference"], "cust-9");
    assert_eq!(p.json["screening_id"], "test-req-1");
    assert_eq!(p.json["measures"]["document"], "party", "the measures engine answers too: {}", p.text);
    let p = s.post("/screen/party", screen, &json!({"party": {"schema": "Person", "properties": {"name": ["Maria Gonzalez"]}}}));
    assert_eq!(p.json["decision"], "clear");
    assert_eq!(p.json["measures"]["outcome"], "CLEAR", "{}", p.text);
    let bad = s.post("/screen/party?as_of=yesterday", screen, &json!({"party": {"schema": "Person", "properties": {"name": ["X"]}}}));
    assert_eq!(bad.status, 400, "{}", bad.text);

    // changed_since: every entity of the only version changed on its import day.
    let m = s.post("/match/default?changed_since=2000-01-01", screen, &match_body("Vladimir Putin"));
    assert_eq!(m.json["responses"]["q1"]["results"][0]["id"], "test_list-putin", "{}", m.text);
    assert!(m.json["responses"]["q1"]["results"][0]["last_change"].is_string(), "{}", m.text);
    let m = s.post("/match/default?changed_since=2999-01-01", screen, &match_body("Vladimir Putin"));
    assert_eq!(m.json["responses"]["q1"]["results"].as_array().map(Vec::len), Some(0), "{}", m.text);
    assert_eq!(s.post("/match/default?changed_since=soon", screen, &match_body("Vladimir Putin")).status, 422);

    // Measures: the same export of semiconductors to a Russian end user is
    // CLEAR before 2022-03-18 and PROHIBITED from that day.
    let trade = json!({"kind": "trade", "direction": "export",
        "lines": [{"hs_code": "8542.31", "description": "microcontrollers", "quantity": 1000, "value": 2000000, "currency": "JPY"}],
        "end_user": {"name": "OOO Almaz Electronics", "country": "RU", "address": {"town": "Moscow", "country": "RU"}},
        "importer": {"name": "OOO Almaz Electronics", "country": "RU", "address": {"town": "Moscow", "country": "RU"}}});
    let before = s.post("/screen/trade?as_of=2022-03-10", screen, &trade);
    assert_eq!(before.status, 200, "{}", before.text);
    assert_eq!(before.json["outcome"], "CLEAR", "{}", before.text);
    let after = s.post("/screen/trade?as_of=2022-03-18", screen, &trade);
    assert_eq!(after.json["outcome"], "PROHIBITED", "{}", after.text);
    assert!(after.json["alert_id"].is_string(), "a prohibited trade makes an alert: {}", after.text);
    assert!(before.json["alert_id"].is_null(), "a clear trade makes none");
    assert_eq!(s.post("/screen/trade?as_of=18.3.2022", screen, &trade).status, 400);
    assert_eq!(s.post_raw("/screen/payment", screen, "application/xml", b"<Document><broken").status, 422);
    let m = s.get("/measures?as_of=2022-03-18", screen);
    assert_eq!(m.status, 200, "{}", m.text);
    assert!(m.json.as_array().is_some_and(|a| !a.is_empty()), "{}", m.text);
    assert!(m.policies.as_deref().is_some_and(|p| p.contains("jp-russia@")), "{:?}", m.policies);
    let semiconductors = m.json.as_array().and_then(|a| a.iter().find(|x| x["id"] == "JP-2022-10")).cloned().unwrap_or_default();
    assert!(semiconductors["title_ja"].as_str().is_some_and(|t| t.contains("輸出禁止")), "{semiconductors}");
    assert_eq!(semiconductors["legal_basis_ja"][0], "外国為替及び外国貿易法第48条第3項（輸出承認）");
    assert!(after.json["reasons"].as_array().is_some_and(|r| r.iter().any(|r| r["title_ja"].is_string())), "decisions cite the Japanese title: {}", after.text);

    // Lists before any update: one version, no diff yet.
    let lists = s.get("/lists", screen);
    assert_eq!(lists.json["datasets"]["test_list"]["serving"]["version"], v1.as_str());
    assert_eq!(s.get("/lists/test_list/diff", screen).status, 422);
    assert_eq!(s.get("/lists/nothing/diff", screen).status, 404);

    // The swap: import version 2 while requests run; every answer names
    // the version it used and carries that version's entity set.
    let v2_path = s.dir.path().join("list-v2.jsonl");
    std::fs::write(&v2_path, list_v2()).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let base = s.base.clone();
    let key = s.screen_key.clone();
    let flag = stop.clone();
    let runner = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let body = serde_json::to_vec(&json!({"queries": {"k": {"schema": "Person", "properties": {"name": ["Kim Jong Un"]}}}})).unwrap();
        while !flag.load(std::sync::atomic::Ordering::Relaxed) {
            let a = send("POST", &format!("{base}/match/default"), Some(&key), "application/json", Some(&body));
            assert_eq!(a.status, 200, "{}", a.text);
            let found_kim = a.json["responses"]["k"]["results"].as_array().unwrap().iter().any(|r| r["id"] == "test_list-kim");
            seen.push((version_of(&a.json), found_kim));
        }
        seen
    });
    std::thread::sleep(Duration::from_millis(100));
    let scoped = SCOPED.load(std::sync::atomic::Ordering::SeqCst);
    assert!(scoped >= 1, "the first index was built in the memory scope");
    let imp = s.post("/admin/import", admin, &json!({"dataset": "test_list", "paths": [v2_path.display().to_string()]}));
    assert_eq!(imp.status, 200, "{}", imp.text);
    assert!(SCOPED.load(std::sync::atomic::Ordering::SeqCst) > scoped, "the update's index was built in the memory scope");
    let v2 = imp.json["versions"]["test_list"].as_str().unwrap().to_string();
    assert_ne!(v1, v2);
    std::thread::sleep(Duration::from_millis(200));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = runner.join().unwrap();
    assert!(seen.iter().any(|(v, _)| v == &v2), "no request saw the new version");
    for (v, kim) in &seen {
        assert!(v == &v1 || v == &v2, "unknown version {v}");
        assert_eq!(*kim, v == &v2, "version {v} answered with the wrong entity set");
    }
    let diff = s.get("/lists/test_list/diff", screen);
    assert_eq!(diff.status, 200, "{}", diff.text);
    assert_eq!(diff.json["added"][0]["id"], "test_list-kim");
    assert_eq!(s.get("/entities/test_list-kim", screen).json["history"][0]["version"], v2.as_str());

    // A failed import keeps version 2 serving and is reported.
    let bad = s.post_raw("/admin/import?dataset=test_list&filename=junk.jsonl", admin, "application/octet-stream", b"{not json\n{\"also\": \"bad\"}\n");
    assert_eq!(bad.status, 422, "{}", bad.text);
    let lists = s.get("/lists", screen);
    assert_eq!(lists.json["last_failure"]["failed"], true, "{}", lists.text);
    assert_eq!(lists.json["datasets"]["test_list"]["serving"]["version"], v2.as_str());
    assert_eq!(wait_ready(&s)["versions"]["test_list"], v2.as_str());
    let m = s.post("/match/default", screen, &match_body("Vladimir Putin"));
    assert_eq!(version_of(&m.json), v2);
    let bad = s.post("/admin/import", admin, &json!({"dataset": "test_list", "paths": ["/nonexistent/file.csv"]}));
    assert_eq!(bad.status, 422);
    assert!(bad.text.contains("/nonexistent/file.csv"));
    let bad = s.post("/admin/import", admin, &json!({"dataset": "test_list", "paths": [], "extra": 1}));
    assert_eq!(bad.status, 422);

    // Metrics after all this.
    let metrics = s.get("/metrics", None);
    assert!(metrics.text.contains("seisai_index_entities 5"), "{}", metrics.text);
    assert!(metrics.text.contains("seisai_http_requests_total{route=\"/match/{dataset}\",status=\"200\"}"));
    assert!(metrics.text.contains("seisai_list_age_seconds{dataset=\"test_list\""));

    real_list(&s);
}

/// With ../shared/data present: import the OFAC SDN list while serving
/// and find a listed person.
fn real_list(s: &Server) {
    let Some(dir) = seisai_model::testdata::dir("server: OFAC SDN import") else { return };
    let sdn: PathBuf = dir.join("ofac/sdn-2024-05-03.csv");
    if !Path::new(&sdn).is_file() {
        return;
    }
    let admin = Some(s.admin_key.as_str());
    let imp = s.post("/admin/import", admin, &json!({"dataset": "us_ofac_sdn", "paths": [sdn.display().to_string()]}));
    assert_eq!(imp.status, 200, "{}", imp.text);
    let m = s.post("/match/us_ofac_sdn", Some(&s.screen_key), &match_body("Vladimir Putin"));
    assert_eq!(m.status, 200);
    let top = &m.json["responses"]["q1"]["results"][0];
    assert!(top["caption"].as_str().unwrap().to_uppercase().contains("PUTIN"), "{}", m.text);
    assert!(m.json["seisai"]["versions"]["us_ofac_sdn"].is_string());
    let m = s.post("/match/jp", Some(&s.screen_key), &match_body("Vladimir Putin"));
    assert_eq!(m.json["responses"]["q1"]["results"].as_array().unwrap().len(), 0, "jp holds no OFAC entity");

    // With Japan's MOF list loaded, a party screening names the asset freeze and its legal basis.
    let mof = dir.join("jp/mof-asset-freeze-2026-03-05.xlsx");
    if !mof.is_file() {
        return;
    }
    let imp = s.post("/admin/import", admin, &json!({"dataset": "jp_mof", "paths": [mof.display().to_string()]}));
    assert_eq!(imp.status, 200, "{}", imp.text);
    let party = json!({"party": {"schema": "Person", "properties": {"name": ["Vladimir Putin"], "birthDate": ["1952-10-07"]}}});
    let p = s.post("/screen/party?as_of=2023-01-10", Some(&s.screen_key), &party);
    assert_eq!(p.status, 200, "{}", p.text);
    assert_eq!(p.json["decision"], "potential_match");
    let measures = &p.json["measures"];
    assert_ne!(measures["outcome"], "CLEAR", "{}", p.text);
    let freeze = measures["reasons"].as_array().and_then(|r| r.iter().find(|r| r["kind"] == "asset_freeze"));
    let freeze = freeze.unwrap_or_else(|| panic!("no asset-freeze reason: {}", p.text));
    assert!(freeze["legal_basis"].as_array().is_some_and(|b| !b.is_empty()), "{}", p.text);
    assert_eq!(freeze["list"]["dataset"], "jp_mof", "{}", p.text);
}

/// `cutoff` (default 0.5) leaves out low scores but never a match: it is
/// capped at the threshold.
fn cutoff_leaves_out_low_scores(s: &Server, key: Option<&str>) {
    let body = json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Vladimir Putin"], "birthDate": ["1960-01-01"]}}}});
    let ids = |params: &str| {
        let m = s.post(&format!("/match/default{params}"), key, &body);
        assert_eq!(m.status, 200, "{}", m.text);
        let results = m.json["responses"]["q"]["results"].as_array().cloned().unwrap_or_default();
        results.iter().map(|r| (r["id"].as_str().unwrap_or("").to_string(), r["score"].as_f64().unwrap_or(-1.0))).collect::<Vec<_>>()
    };
    let all = ids("?cutoff=0");
    let putin = all.iter().find(|r| r.0 == "test_list-putin").map_or(-1.0, |r| r.1);
    assert!(putin > 0.0 && putin < 0.8, "a contradicting birth date: no match: {all:?}");
    let has_putin = |params: &str| ids(params).iter().any(|r| r.0 == "test_list-putin");
    assert_eq!(has_putin(""), putin >= 0.5, "default cutoff 0.5: {all:?}");
    assert!(has_putin(&format!("?cutoff={putin}")), "a score equal to the cutoff stays");
    assert!(!has_putin(&format!("?cutoff={}", putin + 0.01)));
    // A cutoff above the threshold keeps the matches.
    assert!(has_putin(&format!("?threshold={}&cutoff=0.99", putin - 0.01)));
}

/// yente's `weights`: a feature's contribution is multiplied by its
/// weight (yente's names relative to their default weight). The query's
/// contradicting birth date scores it below the default cutoff, so the
/// requests ask for every scored result.
fn weights_change_scores(s: &Server, key: Option<&str>) {
    let top = |weights: Value| {
        let body = json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Vladimir Putin"], "birthDate": ["1960-01-01"]}}}, "weights": weights});
        let m = s.post("/match/default?cutoff=0", key, &body);
        assert_eq!(m.status, 200, "{}", m.text);
        let first = m.json["responses"]["q"]["results"][0].clone();
        assert_eq!(first["id"], "test_list-putin", "{}", m.text);
        (first["score"].as_f64().unwrap_or(-1.0), first["explanations"]["birth_date"].clone(), m.json["seisai"]["ignored"].clone())
    };
    let (plain, dob, _) = top(json!({}));
    let penalty = dob["score"].as_f64().unwrap_or(0.0);
    assert!(penalty < 0.0, "a contradicting birth date is a penalty: {dob}");
    let (unchanged, _, ignored) = top(json!({"name": 1.0, "address_entity_match": 0.98}));
    assert!((unchanged - plain).abs() < 1e-6, "weight 1 changes nothing: {unchanged} vs {plain}");
    assert!(ignored[0].as_str().is_some_and(|t| t.starts_with("weights.address_entity_match")), "{ignored}");
    let (without_dob, dob0, _) = top(json!({"birth_date": 0}));
    assert!((without_dob - (plain - penalty).min(1.0)).abs() < 1e-4, "birth date ignored: {without_dob} vs {plain} - {penalty}");
    assert_eq!(dob0["score"].as_f64(), Some(0.0), "{dob0}");
    let (doubled, dob2, _) = top(json!({"dob_year_disjoint": -0.3}));
    assert!((doubled - (plain + penalty).max(0.0)).abs() < 1e-4, "yente's -0.3 is twice its default -0.15: {doubled} vs {plain}");
    assert!(dob2["detail"].as_str().is_some_and(|d| d.contains("weight")), "{dob2}");
    let body = json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Putin"]}}}, "weights": {"name": "high"}});
    let bad = s.post("/match/default", key, &body);
    assert_eq!(bad.status, 422, "{}", bad.text);
    assert!(bad.text.contains("weights.name"), "{}", bad.text);
}

#[test]
fn open_screening_needs_no_key_for_screening_only() {
    let (s, _) = start_server(true, &[], false);
    wait_ready(&s);
    let m = s.get("/measures", None);
    assert_eq!((m.status, m.json.clone(), m.policies.as_deref()), (200, json!([]), Some("none")), "without policy files: {}", m.text);
    assert_eq!(s.post("/match/default", None, &match_body("Vladimir Putin")).status, 200);
    assert_eq!(s.get("/search/default?q=acme", None).status, 200);
    for path in ["/screen/party", "/screen/document", "/screen/payment"] {
        let a = s.post_raw(path, None, "application/json", b"");
        assert_eq!(a.status, 400, "{path} is screening, open without a key (the empty body is the only fault): {}", a.text);
    }
    assert_eq!(s.post("/admin/sync", None, &json!({})).status, 401);
    assert_eq!(s.post("/admin/import", Some(&s.screen_key), &json!({})).status, 403);
}

fn url_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
