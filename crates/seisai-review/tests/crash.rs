//! kill -9 while alerts and decisions are being written: after reopening,
//! no alert is half-written and the audit chain verifies. Runs on SQLite
//! and, when configured, PostgreSQL. The writer is this test binary run
//! again with `SEISAI_CRASH_WRITER=<database>`.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{Which, hit, person, screening};
use seisai_review::{Actor, AlertFilter, AuditFilter, Review};

/// The writer: loops forever writing screenings, proposals and approvals.
#[test]
fn crash_writer() {
    let Ok(database) = std::env::var("SEISAI_CRASH_WRITER") else { return };
    let review = Review::open(Some(&database), std::path::Path::new("/nonexistent")).expect("writer opens the store");
    let listed = person("test_list", "1", &["Ivan Petrov"], None);
    let (alice, bob) = (Actor::new("alice", None), Actor::new("bob", None));
    for i in 0u64.. {
        let mut party = person("c", &i.to_string(), &["Ivan Petrov"], None);
        party.properties.insert("idNumber".into(), vec![format!("{}-{i}", std::process::id())]);
        let out = review.record_screening(&screening(&party, vec![hit(&listed, 0.9)], None), &alice).expect("screening");
        if let Some(id) = out.alert_id {
            review.propose(&alice, &id, "false_positive", "other person").expect("propose");
            review.approve(&bob, &id, "agreed", None).expect("approve");
        }
    }
}

fn check_consistent(review: &Review) -> u64 {
    let v = review.verify().expect("verify");
    assert!(v.ok, "the chain verifies after kill -9: {v:?}");
    let (alerts, list) = review.alerts(&AlertFilter::default()).expect("alerts");
    let (created, _) = review.audit_records(&AuditFilter { action: Some("alert.created".into()), ..Default::default() }).expect("audit");
    let (screenings, _) = review.audit_records(&AuditFilter { action: Some("screening".into()), ..Default::default() }).expect("audit");
    assert_eq!(alerts, created, "every alert has its audit record and no audit record lacks its alert");
    assert_eq!(alerts, screenings, "every alert has its screening record");
    for a in list {
        let d = review.alert(&a.id).expect("alert readable");
        let actions: Vec<&str> = d.events.iter().map(|e| e.action.as_str()).collect();
        let expected: &[&str] = match a.status.as_str() {
            "open" => &["created"],
            "pending_approval" => &["created", "propose"],
            "closed_false_positive" => &["created", "propose", "approve"],
            other => panic!("unexpected status {other}"),
        };
        assert_eq!(actions, expected, "alert {} is whole", a.id);
        if a.status == "closed_false_positive" {
            assert!(d.proposal.is_some() && d.disposition.is_some());
        }
    }
    alerts
}

fn crash_rounds(which: Which) {
    let Some(fixture) = common::open(which, "crash_kill_9") else { return };
    let exe = std::env::current_exe().expect("test binary");
    let mut seen = 0;
    for round in 0..4 {
        let mut child = Command::new(&exe)
            .args(["crash_writer", "--exact", "--nocapture", "--test-threads=1"])
            .env("SEISAI_CRASH_WRITER", &fixture.database)
            .spawn()
            .expect("start the writer");
        let started = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let n = fixture.review.alerts(&AlertFilter::default()).expect("alerts").0;
            if n >= seen + 20 + round * 7 || started.elapsed() > Duration::from_secs(60) {
                break;
            }
        }
        child.kill().expect("kill -9 the writer");
        child.wait().expect("reap the writer");
        let review = Review::open(Some(&fixture.database), std::path::Path::new("/nonexistent")).expect("reopen");
        let now = check_consistent(&review);
        assert!(now > seen, "round {round}: the writer wrote alerts ({now})");
        seen = now;
    }
}

#[test]
fn kill_9_leaves_no_half_written_state_sqlite() {
    crash_rounds(Which::Sqlite);
}

#[test]
fn kill_9_leaves_no_half_written_state_postgres() {
    crash_rounds(Which::Postgres);
}
