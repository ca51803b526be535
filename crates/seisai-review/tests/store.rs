//! The review store's behaviour, run on SQLite and on PostgreSQL with the
//! same code: four-eyes, suppression (and re-alert on change of either
//! side), expiry and revocation, tampering, export, filters.

mod common;

use common::{Fixture, hit, person, screening};
use seisai_review::{Actor, AlertFilter, AuditFilter, ExportFormat, ReviewError};

fn alice() -> Actor {
    Actor::new("alice", Some("req-a".into()))
}
fn bob() -> Actor {
    Actor::new("bob", Some("req-b".into()))
}

fn four_eyes(f: &Fixture) {
    let r = &f.review;
    let listed = person("test_list", "1", &["Ivan Petrov"], Some("1970-01-01"));
    let party = person("cust", "c1", &["Ivan Petrov"], None);
    let out = r.record_screening(&screening(&party, vec![hit(&listed, 0.93)], None), &alice()).unwrap();
    let id = out.alert_id.expect("an alert for a hit");
    let a = r.alert(&id).unwrap();
    assert_eq!(a.summary.status, "open");
    assert_eq!(a.snapshot["hits"][0]["entity_id"], listed.id.as_str());
    assert_eq!(a.snapshot["list_versions"]["test_list"], "20260101000000");

    assert!(matches!(r.approve(&bob(), &id, "", None), Err(ReviewError::Conflict(_))), "no proposal yet");
    r.propose(&alice(), &id, "false_positive", "different person, born elsewhere").unwrap();
    assert!(matches!(r.propose(&bob(), &id, "true_match", "x"), Err(ReviewError::Conflict(_))), "one proposal at a time");
    let same = r.approve(&Actor::new("alice", Some("other-key".into())), &id, "ok", None);
    assert!(matches!(same, Err(ReviewError::SameUser(_))), "the proposer cannot approve: {same:?}");
    assert!(matches!(r.reject(&alice(), &id, "x"), Err(ReviewError::SameUser(_))));
    assert_eq!(r.alert(&id).unwrap().summary.status, "pending_approval", "a refused approval changes nothing");

    r.reject(&bob(), &id, "check the passport first").unwrap();
    let a = r.alert(&id).unwrap();
    assert_eq!((a.summary.status.as_str(), a.proposal.is_none()), ("in_review", true));

    r.propose(&alice(), &id, "true_match", "passport matches").unwrap();
    let approval = r.approve(&bob(), &id, "agreed", None).unwrap();
    assert_eq!(approval.status, "closed_true_match");
    assert!(approval.suppressions.is_empty(), "a true match suppresses nothing");
    let a = r.alert(&id).unwrap();
    assert_eq!(a.disposition.as_deref(), Some("true_match"));
    let actions: Vec<&str> = a.events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["created", "propose", "reject", "propose", "approve"]);
    assert!(matches!(r.set_status(&alice(), &id, "open"), Err(ReviewError::Conflict(_))), "closed alerts stay closed");

    let (n, records) = r.audit_records(&AuditFilter { action: Some("alert".into()), ..Default::default() }).unwrap();
    assert_eq!(n, 5);
    assert_eq!(records[4].user, "bob");
    assert_eq!(records[4].request_id.as_deref(), Some("req-b"));
    let v = r.verify().unwrap();
    assert!(v.ok && v.first_broken.is_none(), "{v:?}");
}

fn workflow_and_filters(f: &Fixture) {
    let r = &f.review;
    let listed = person("test_list", "1", &["Ivan Petrov"], None);
    let other = person("other_list", "9", &["Maria Lopez"], None);
    let a1 = r.record_screening(&screening(&person("c", "1", &["Ivan Petrov"], None), vec![hit(&listed, 0.95)], None), &alice()).unwrap();
    let a2 = r.record_screening(&screening(&person("c", "2", &["Maria Lopes"], None), vec![hit(&other, 0.75)], None), &alice()).unwrap();
    let clear = r.record_screening(&screening(&person("c", "3", &["Nobody Atall"], None), vec![], None), &alice()).unwrap();
    assert!(clear.alert_id.is_none(), "a clear screening makes no alert");
    let (id1, id2) = (a1.alert_id.unwrap(), a2.alert_id.unwrap());
    assert_eq!(r.assign(&alice(), &[id1.clone(), id2.clone()], Some("carol")).unwrap(), 2);
    r.set_status(&alice(), &id1, "escalated").unwrap();
    assert!(matches!(r.set_status(&alice(), &id1, "closed_true_match"), Err(ReviewError::Invalid(_))));
    r.note(&alice(), &id1, "called the branch").unwrap();
    let att = r.attach(&alice(), &id1, "passport.pdf", "application/pdf", b"%PDF-1.4 test".to_vec()).unwrap();
    let too_big = vec![0u8; seisai_review::alerts::MAX_ATTACHMENT + 1];
    assert!(matches!(r.attach(&alice(), &id1, "big.bin", "application/octet-stream", too_big), Err(ReviewError::Invalid(_))));
    let (info, data) = r.attachment(&id1, &att).unwrap();
    assert_eq!((info.name.as_str(), data.as_slice()), ("passport.pdf", b"%PDF-1.4 test".as_slice()));

    let d = r.alert(&id1).unwrap();
    assert_eq!(d.notes.len(), 1);
    assert_eq!(d.notes[0].text, "called the branch");
    assert_eq!(d.attachments.len(), 1);
    assert_eq!(d.summary.assignee.as_deref(), Some("carol"));

    let count = |f: AlertFilter| r.alerts(&f).unwrap().0;
    assert_eq!(count(AlertFilter::default()), 2);
    assert_eq!(count(AlertFilter { status: Some("escalated".into()), ..Default::default() }), 1);
    assert_eq!(count(AlertFilter { dataset: Some("other_list".into()), ..Default::default() }), 1);
    assert_eq!(count(AlertFilter { min_score: Some(0.9), ..Default::default() }), 1);
    assert_eq!(count(AlertFilter { q: Some("maria".into()), ..Default::default() }), 1);
    assert_eq!(count(AlertFilter { assignee: Some("carol".into()), ..Default::default() }), 2);
    let today = chrono::Utc::now().date_naive();
    assert_eq!(count(AlertFilter { from: Some(today), to: Some(today), ..Default::default() }), 2);
    assert_eq!(count(AlertFilter { to: today.pred_opt(), ..Default::default() }), 0);
    assert!(r.alerts(&AlertFilter { status: Some("bogus".into()), ..Default::default() }).is_err());
    let (_, page) = r.alerts(&AlertFilter { limit: 1, ..Default::default() }).unwrap();
    assert_eq!(page.len(), 1);
    assert!(matches!(r.alert("al_nope"), Err(ReviewError::NotFound(_))));
}

/// Proposes and approves a false positive for `party` × `listed`.
fn confirm_false_positive(f: &Fixture, party: &seisai_model::Entity, listed: &seisai_model::Entity, until: Option<chrono::DateTime<chrono::Utc>>) -> Vec<String> {
    let out = f.review.record_screening(&screening(party, vec![hit(listed, 0.9)], None), &alice()).unwrap();
    let id = out.alert_id.expect("alert");
    f.review.propose(&alice(), &id, "false_positive", "other person").unwrap();
    f.review.approve(&bob(), &id, "agreed", until).unwrap().suppressions
}

fn suppression_and_change(f: &Fixture) {
    let r = &f.review;
    let listed = person("test_list", "7", &["Ali Hassan"], Some("1960-05-05"));
    let party = person("cust", "c7", &["Ali Hassan"], Some("1988-02-02"));
    let sup = confirm_false_positive(f, &party, &listed, None);
    assert_eq!(sup.len(), 1);

    let again = r.record_screening(&screening(&party, vec![hit(&listed, 0.9)], None), &alice()).unwrap();
    assert_eq!(again.alert_id, None, "the same hit on the same data is suppressed");
    assert_eq!(again.suppressed.len(), 1);
    assert_eq!(again.suppressed[0].suppression_id, sup[0]);
    let (n, _) = r.audit_records(&AuditFilter { action: Some("suppression.applied".into()), ..Default::default() }).unwrap();
    assert_eq!(n, 1, "the suppression is recorded");

    let mut new_alias = party.clone();
    new_alias.properties.get_mut("name").unwrap().push("Ali Al-Hassan".into());
    let out = r.record_screening(&screening(&new_alias, vec![hit(&listed, 0.9)], None), &alice()).unwrap();
    assert!(out.alert_id.is_some() && out.suppressed.is_empty(), "a changed party alerts again");

    let mut amended = listed.clone();
    amended.properties.insert("birthDate".into(), vec!["1960-05-05".into(), "1988-02-02".into()]);
    let out = r.record_screening(&screening(&party, vec![hit(&amended, 0.9)], None), &alice()).unwrap();
    assert!(out.alert_id.is_some(), "an amended list entry alerts again");

    let mut reordered = party.clone();
    reordered.properties.get_mut("name").unwrap().insert(0, " Ali Hassan".into());
    let out = r.record_screening(&screening(&reordered, vec![hit(&listed, 0.9)], None), &alice()).unwrap();
    assert!(out.alert_id.is_none(), "the same data in another order or spacing is the same data");

    r.revoke_suppression(&bob(), &sup[0], "customer changed business").unwrap();
    assert!(matches!(r.revoke_suppression(&bob(), &sup[0], "twice"), Err(ReviewError::Conflict(_))));
    let out = r.record_screening(&screening(&party, vec![hit(&listed, 0.9)], None), &alice()).unwrap();
    assert!(out.alert_id.is_some(), "a revoked suppression no longer applies");
    let (total, list) = r.suppressions(false, 0, 0).unwrap();
    assert_eq!((total, list[0].active, list[0].revoked_by.as_deref()), (1, false, Some("bob")));
    assert!(r.verify().unwrap().ok);
}

fn expiry(f: &Fixture) {
    let listed = person("test_list", "8", &["Chen Wei"], None);
    let party = person("cust", "c8", &["Chen Wei"], Some("1990-01-01"));
    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    assert_eq!(confirm_false_positive(f, &party, &listed, Some(past)).len(), 1);
    let out = f.review.record_screening(&screening(&party, vec![hit(&listed, 0.9)], None), &alice()).unwrap();
    assert!(out.alert_id.is_some(), "an expired suppression no longer applies");

    let later = chrono::Utc::now() + chrono::Duration::days(30);
    let party2 = person("cust", "c9", &["Chen Wei"], Some("1991-01-01"));
    confirm_false_positive(f, &party2, &listed, Some(later));
    let out = f.review.record_screening(&screening(&party2, vec![hit(&listed, 0.9)], None), &alice()).unwrap();
    assert!(out.alert_id.is_none(), "a suppression applies until it expires");
    assert_eq!(f.review.suppressions(true, 0, 0).unwrap().0, 1);
}

fn tampering(f: &Fixture) {
    let r = &f.review;
    let listed = person("test_list", "1", &["Ivan Petrov"], None);
    for i in 0..5 {
        r.record_screening(&screening(&person("c", &i.to_string(), &["Ivan Petrov"], None), vec![hit(&listed, 0.9)], None), &alice()).unwrap();
    }
    let before = r.verify().unwrap();
    assert!(before.ok);
    assert_eq!(before.records, 10);
    r.backend().write(|tx| tx.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 6", &[])).unwrap();
    let v = r.verify().unwrap();
    assert!(!v.ok);
    assert_eq!(v.first_broken.as_ref().map(|b| b.seq), Some(6), "{v:?}");
    r.backend().write(|tx| tx.execute("UPDATE audit SET actor = 'alice' WHERE seq = 6", &[])).unwrap();
    assert!(r.verify().unwrap().ok, "restored, it verifies again");
    r.backend().write(|tx| tx.execute("DELETE FROM audit WHERE seq = 4", &[])).unwrap();
    let v = r.verify().unwrap();
    assert_eq!(v.first_broken.map(|b| b.seq), Some(5), "a removed record is named by the one after the gap");
}

fn export(f: &Fixture) {
    let r = &f.review;
    r.audit(&alice(), "config.threshold", "server", &serde_json::json!({"from": 0.7, "to": 0.75})).unwrap();
    r.audit(&bob(), "list.import", "us_ofac_sdn", &serde_json::json!({"version": "v1"})).unwrap();
    let today = chrono::Utc::now().date_naive();
    let filter = AuditFilter { from: Some(today), to: Some(today), ..Default::default() };
    let csv = String::from_utf8(r.export(&filter, ExportFormat::Csv).unwrap()).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.starts_with("seq,at,user,request_id,action,subject,detail,prev_hash,hash"));
    let json: serde_json::Value = serde_json::from_slice(&r.export(&filter, ExportFormat::Json).unwrap()).unwrap();
    assert_eq!(json[1]["action"], "list.import");
    assert_eq!(json[1]["prev_hash"], json[0]["hash"]);
    let yesterday = AuditFilter { to: today.pred_opt(), ..Default::default() };
    assert_eq!(r.export(&yesterday, ExportFormat::Json).unwrap(), b"[]");
    let (n, _) = r.audit_records(&AuditFilter { user: Some("bob".into()), ..Default::default() }).unwrap();
    assert_eq!(n, 1);
    let (n, _) = r.audit_records(&AuditFilter { q: Some("OFAC".into()), ..Default::default() }).unwrap();
    assert_eq!(n, 1);
}

fn reopen_keeps_state(f: &Fixture) {
    let listed = person("test_list", "1", &["Ivan Petrov"], None);
    f.review.record_screening(&screening(&person("c", "1", &["Ivan Petrov"], None), vec![hit(&listed, 0.9)], None), &alice()).unwrap();
    let again = seisai_review::Review::open(Some(&f.database), std::path::Path::new("/nonexistent")).unwrap();
    assert_eq!(again.alerts(&AlertFilter::default()).unwrap().0, 1, "migrations are not re-applied");
    assert!(again.verify().unwrap().ok);
}

/// Decisions from several threads share transactions (group commit): a
/// refused approval in a group is rolled back alone, every other decision
/// holds, and the audit chain stays linear.
fn concurrent_decisions(f: &Fixture) {
    let r = &f.review;
    let listed = person("test_list", "1", &["Ivan Petrov"], None);
    let ids: Vec<String> = (0..48)
        .map(|i| {
            let party = person("c", &i.to_string(), &["Ivan Petrov"], None);
            r.record_screening(&screening(&party, vec![hit(&listed, 0.9)], None), &alice()).unwrap().alert_id.unwrap()
        })
        .collect();
    let (records_before, _) = r.audit_records(&AuditFilter::default()).unwrap();
    std::thread::scope(|scope| {
        for t in 0..8 {
            let ids = &ids;
            scope.spawn(move || {
                let (analyst, approver) = (Actor::new(format!("analyst{t}"), None), Actor::new(format!("approver{t}"), None));
                for id in ids.iter().skip(t).step_by(8) {
                    r.propose(&analyst, id, "false_positive", "another person").unwrap();
                    let own = r.approve(&analyst, id, "self", None);
                    assert!(matches!(own, Err(ReviewError::SameUser(_))), "{own:?}");
                    r.approve(&approver, id, "agreed", None).unwrap();
                }
            });
        }
    });
    for id in &ids {
        let a = r.alert(id).unwrap();
        let actions: Vec<&str> = a.events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!((a.summary.status.as_str(), actions.as_slice()), ("closed_false_positive", ["created", "propose", "approve"].as_slice()));
    }
    let (records_after, _) = r.audit_records(&AuditFilter::default()).unwrap();
    assert_eq!(records_after - records_before, 2 * ids.len() as u64 + r.suppressions(false, 1, 0).unwrap().0, "refused approvals left no record");
    let v = r.verify().unwrap();
    assert!(v.ok, "{v:?}");
}

both_backends! {
    concurrent_decisions_share_transactions => concurrent_decisions;
    four_eyes_is_enforced_by_the_store => four_eyes;
    alerts_workflow_and_filters => workflow_and_filters;
    suppression_realerts_when_either_side_changes => suppression_and_change;
    suppressions_expire => expiry;
    tampering_names_the_record => tampering;
    audit_export_by_date_range => export;
    reopen_keeps_state_and_schema => reopen_keeps_state;
}
