//! Alerts, four-eyes, suppressions and the audit trail over HTTP
//! (the contract in ALERTS_API.md), on the default SQLite store.

use serde_json::json;

use super::{start_with_users, wait_ready};
use seisai_server::auth::Role;

#[test]
fn alerts_four_eyes_suppression_and_audit_over_http() {
    let users = [(Role::Analyst, "alice"), (Role::Approver, "bob"), (Role::Approver, "alice"), (Role::Screen, "sam")];
    let (s, keys) = start_with_users(false, &users);
    wait_ready(&s);
    let (alice, bob, alice_approver, sam) = (Some(keys[0].as_str()), Some(keys[1].as_str()), Some(keys[2].as_str()), Some(keys[3].as_str()));

    let me = s.get("/me", alice);
    assert_eq!((me.status, me.json["user"].as_str(), me.json["role"].as_str()), (200, Some("alice"), Some("analyst")), "{}", me.text);
    assert_eq!(s.get("/me", None).status, 401);
    assert_eq!(s.get("/me", Some(&s.screen_key)).json["user"], s.get("/me", Some(&s.screen_key)).json["key_id"], "no user: the key id");

    // A hit makes an alert with a snapshot.
    let party = json!({"party": {"schema": "Person", "properties": {"name": ["Vladimir Vladimirovich Putin"], "birthDate": ["1952-10-07"]}}});
    let p = s.post("/screen/party", sam, &party);
    assert_eq!(p.status, 200, "{}", p.text);
    let id = p.json["alert_id"].as_str().expect("an alert for a potential match").to_string();
    assert_eq!(p.json["suppressed"], json!([]));
    let clear = s.post("/screen/party", sam, &json!({"party": {"schema": "Person", "properties": {"name": ["Maria Gonzalez"]}}}));
    assert_eq!(clear.json["alert_id"], serde_json::Value::Null);

    assert_eq!(s.get("/alerts", sam).status, 403, "reading alerts needs analyst");
    let list = s.get("/alerts?status=open&kind=party", alice);
    assert_eq!(list.json["total"], 1, "{}", list.text);
    assert_eq!(list.json["alerts"][0]["id"], id.as_str());
    assert_eq!(list.json["alerts"][0]["datasets"], json!(["test_list"]));
    assert_eq!(s.get("/alerts?min_score=2", alice).status, 422);
    assert_eq!(s.get("/alerts?q=putin", alice).json["total"], 1);
    let a = s.get(&format!("/alerts/{id}"), alice);
    assert_eq!(a.json["snapshot"]["hits"][0]["entity_id"], "test_list-putin", "{}", a.text);
    assert!(a.json["snapshot"]["hits"][0]["explanations"]["name"]["score"].is_number());
    assert!(a.json["snapshot"]["list_versions"]["test_list"].is_string());
    assert_eq!(a.json["snapshot"]["input"], party);
    assert_eq!(s.get("/alerts/al_none", alice).status, 404);

    // Work on it.
    assert_eq!(s.post("/alerts/assign", alice, &json!({"ids": [id], "assignee": "alice"})).json["updated"], 1);
    assert_eq!(s.post(&format!("/alerts/{id}/status"), alice, &json!({"status": "in_review"})).json["status"], "in_review");
    assert_eq!(s.post(&format!("/alerts/{id}/status"), alice, &json!({"status": "closed_true_match"})).status, 422);
    let n = s.post(&format!("/alerts/{id}/notes"), alice, &json!({"text": "different birth place"}));
    assert_eq!(n.json["notes"][0]["user"], "alice", "{}", n.text);
    let att = s.post_raw(&format!("/alerts/{id}/attachments?name=memo.txt"), alice, "text/plain", b"memo");
    let att_id = att.json["id"].as_str().expect("attachment id").to_string();
    assert_eq!(s.get(&format!("/alerts/{id}/attachments/{att_id}"), alice).text, "memo");

    // Four-eyes.
    assert_eq!(s.post(&format!("/alerts/{id}/approve"), bob, &json!({})).status, 409, "nothing proposed yet");
    let pr = s.post(&format!("/alerts/{id}/propose"), alice, &json!({"disposition": "false_positive", "reason": "other person"}));
    assert_eq!(pr.json["status"], "pending_approval", "{}", pr.text);
    assert_eq!(s.post(&format!("/alerts/{id}/approve"), alice, &json!({})).status, 403, "an analyst cannot approve");
    let own = s.post(&format!("/alerts/{id}/approve"), alice_approver, &json!({"comment": "mine"}));
    assert_eq!(own.status, 403, "the proposer cannot approve with another key: {}", own.text);
    let ok = s.post(&format!("/alerts/{id}/approve"), bob, &json!({"comment": "agreed"}));
    assert_eq!(ok.json["status"], "closed_false_positive", "{}", ok.text);
    assert_eq!(ok.json["proposal"]["user"], "alice");
    let events: Vec<&str> = ok.json["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(events, ["created", "assign", "status", "note", "attach", "propose", "approve"]);

    // The good-guy list.
    let again = s.post("/screen/party", sam, &party);
    assert_eq!(again.json["alert_id"], serde_json::Value::Null, "{}", again.text);
    assert_eq!(again.json["review_status"], "suppressed");
    let sup_id = again.json["suppressed"][0]["suppression_id"].as_str().expect("suppressed").to_string();
    let changed = json!({"party": {"schema": "Person", "properties": {"name": ["Vladimir Vladimirovich Putin", "V. Putin"], "birthDate": ["1952-10-07"]}}});
    assert!(s.post("/screen/party", sam, &changed).json["alert_id"].is_string(), "a new alias alerts again");
    assert_eq!(s.get("/suppressions?active=true", alice).json["total"], 1);
    assert_eq!(s.post(&format!("/suppressions/{sup_id}/revoke"), alice, &json!({"reason": "x"})).status, 403);
    assert_eq!(s.post(&format!("/suppressions/{sup_id}/revoke"), bob, &json!({"reason": "new information"})).status, 200);
    assert!(s.post("/screen/party", sam, &party).json["alert_id"].is_string(), "revoked: alerts again");

    // The audit trail.
    let v = s.get("/audit/verify", alice);
    assert_eq!((v.json["ok"].as_bool(), v.json["first_broken"].is_null()), (Some(true), true), "{}", v.text);
    let approvals = s.get("/audit?action=alert.approve", alice);
    assert_eq!(approvals.json["records"][0]["user"], "bob", "{}", approvals.text);
    assert_eq!(approvals.json["records"][0]["request_id"], "test-req-1");
    assert_eq!(s.get("/audit?action=list.update", alice).json["total"], 1, "the start-up import is recorded");
    assert_eq!(s.get("/audit?action=screening&user=sam", alice).json["total"], 5);
    assert_eq!(s.get("/audit/export?format=json", alice).status, 403, "export needs approver");
    let today = chrono::Utc::now().date_naive();
    let csv = s.get(&format!("/audit/export?from={today}&to={today}&format=csv"), bob);
    assert_eq!(csv.status, 200);
    assert!(csv.text.starts_with("seq,at,user,request_id,action"), "{}", csv.text);
    let json_export = s.get(&format!("/audit/export?from={today}&format=json"), bob);
    assert_eq!(json_export.json.as_array().map(Vec::len), s.get("/audit/verify", alice).json["records"].as_u64().map(|n| n as usize));
    assert_eq!(s.get("/audit/export?format=xml", bob).status, 422);

    // Customers and monitoring.
    let admin = Some(s.admin_key.as_str());
    let csv = b"CustNo,Name,DOB\nk1,Taro Tanaka,1970\nk2,Maria Gonzalez,1980-01-01\n";
    assert_eq!(s.post_raw("/customers/import?format=csv&map=id=CustNo,name=Name,birth_date=DOB", alice, "text/csv", csv).status, 403);
    let imp = s.post_raw("/customers/import?format=csv&map=id=CustNo,name=Name,birth_date=DOB", admin, "text/csv", csv);
    assert_eq!(imp.json["added"], 2, "{}", imp.text);
    let bad = s.post_raw("/customers/import?format=csv&map=id=Nope,name=Name", admin, "text/csv", csv);
    assert_eq!(bad.status, 422, "{}", bad.text);
    assert!(bad.text.contains("request body:2"), "{}", bad.text);
    assert_eq!(s.get("/customers?limit=1", alice).json["total"], 2);
    let run = s.post("/monitor/delta", admin, &json!({}));
    assert_eq!(run.status, 200, "{}", run.text);
    assert_eq!(run.json["customers"], 2, "{}", run.text);
    assert_eq!(run.json["alerts"], 1, "Taro Tanaka is listed: {}", run.text);
    let again = s.post("/monitor/delta", admin, &json!({}));
    assert_eq!(again.json["entries_screened"], 0, "nothing new since: {}", again.text);
    let full = s.post("/monitor/rescreen", admin, &json!({}));
    assert_eq!((full.json["alerts"].as_u64(), full.json["already_alerted"].as_u64()), (Some(0), Some(1)), "{}", full.text);
    assert_eq!(s.get("/alerts?kind=monitoring&customer_id=k1", alice).json["total"], 1);

    let doc = s.get("/openapi.json", None);
    for path in ["/alerts", "/alerts/{id}/approve", "/audit/verify", "/suppressions", "/me", "/customers/import", "/monitor/delta"] {
        assert!(doc.json["paths"][path].is_object(), "{path} in the OpenAPI document");
    }
}
