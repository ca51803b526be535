//! seisai-review: what happens after a screening hit. Alerts holding an
//! immutable snapshot of the screening, four-eyes review (propose, then a
//! different user approves or rejects), a change-aware good-guy list
//! (suppressions keyed by fingerprints of both sides of a hit), the
//! customer registry for ongoing monitoring, and an append-only,
//! hash-chained audit trail. One interface, two backends: SQLite (the
//! default, `DATA_DIR/seisai.db`) and PostgreSQL (`postgres://…`).
//!
//! Every change and its audit record are written in one transaction, so a
//! crash leaves either both or neither, and the chain always verifies.

pub mod alerts;
pub mod audit;
pub mod customers;
pub mod db;
pub mod error;
pub mod fingerprint;
mod group;
pub mod import;
pub mod keycache;
pub mod migrations;
pub mod monitor;
pub mod suppress;

use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::json;

pub use alerts::{AlertDetail, AlertFilter, AlertSummary, Approval, HitSnapshot, Screening, ScreeningOutcome, SuppressedHit};
pub use audit::{AuditFilter, AuditRecord, ExportFormat, VerifyReport};
pub use customers::{Customer, UpsertReport};
pub use db::{Backend, BackendKind};
pub use error::{Result, ReviewError};
pub use fingerprint::entity_fingerprint;
pub use keycache::KeyMaker;
pub use suppress::Suppression;

/// File name of the SQLite database in the data directory.
pub const SQLITE_FILE: &str = "seisai.db";

/// Who acts, for the audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// User name (`system` for the server's own work).
    pub user: String,
    /// Request id of the API call or CLI run.
    pub request_id: Option<String>,
}

impl Actor {
    /// An actor with a request id.
    pub fn new(user: impl Into<String>, request_id: Option<String>) -> Actor {
        Actor { user: user.into(), request_id }
    }
}

/// A time as stored: RFC 3339 in UTC with microseconds (sorts as text).
pub fn time_text(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// The current time as stored.
pub fn now_text() -> String {
    time_text(Utc::now())
}

/// The review store.
pub struct Review {
    db: Backend,
}

impl Review {
    /// Opens `database` (a `postgres://` or `postgresql://` URL, a
    /// `sqlite:` path, or a file path), or without one the SQLite file in
    /// `data_dir`; applies pending migrations.
    pub fn open(database: Option<&str>, data_dir: &Path) -> Result<Review> {
        let db = match database {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => Backend::open_postgres(url)?,
            Some(path) => Backend::open_sqlite(Path::new(path.strip_prefix("sqlite:").unwrap_or(path)))?,
            None => {
                std::fs::create_dir_all(data_dir)
                    .map_err(|e| ReviewError::Db(format!("{}: cannot create the data directory: {e}", data_dir.display())))?;
                Backend::open_sqlite(&data_dir.join(SQLITE_FILE))?
            }
        };
        migrations::migrate(&db)?;
        Ok(Review { db })
    }

    /// The backend, for direct SQL (tests, benchmarks, tooling).
    pub fn backend(&self) -> &Backend {
        &self.db
    }

    /// Records a screening: applies suppressions to its hits, makes an
    /// alert when review is still needed, and writes the audit records,
    /// all in one transaction.
    pub fn record_screening(&self, s: &Screening, actor: &Actor) -> Result<ScreeningOutcome> {
        let (s, actor) = (s.clone(), actor.clone());
        self.db.write_shared(move |tx| record(tx, &s, &actor))
    }

    /// Records many screenings in one transaction (monitoring batches).
    pub fn record_screenings(&self, screenings: &[Screening], actor: &Actor) -> Result<Vec<ScreeningOutcome>> {
        self.db.write(|tx| screenings.iter().map(|s| record(tx, s, actor)).collect())
    }

    /// Lists alerts; returns (total, page).
    pub fn alerts(&self, f: &AlertFilter) -> Result<(u64, Vec<AlertSummary>)> {
        self.db.read(|tx| alerts::list(tx, f))
    }

    /// One alert with its snapshot and history.
    pub fn alert(&self, id: &str) -> Result<AlertDetail> {
        self.db.read(|tx| alerts::get(tx, id))
    }

    /// Assigns alerts (all or none).
    pub fn assign(&self, actor: &Actor, ids: &[String], assignee: Option<&str>) -> Result<u64> {
        let (actor, ids, assignee) = (actor.clone(), ids.to_vec(), assignee.map(str::to_string));
        self.db.write_shared(move |tx| alerts::assign(tx, &actor, &ids, assignee.as_deref()))
    }

    /// Sets an alert's work status.
    pub fn set_status(&self, actor: &Actor, id: &str, status: &str) -> Result<()> {
        let (actor, id, status) = (actor.clone(), id.to_string(), status.to_string());
        self.db.write_shared(move |tx| alerts::set_status(tx, &actor, &id, &status))
    }

    /// Adds a note to an alert.
    pub fn note(&self, actor: &Actor, id: &str, text: &str) -> Result<()> {
        let (actor, id, text) = (actor.clone(), id.to_string(), text.to_string());
        self.db.write_shared(move |tx| alerts::note(tx, &actor, &id, &text))
    }

    /// Attaches a file to an alert.
    pub fn attach(&self, actor: &Actor, id: &str, name: &str, content_type: &str, data: Vec<u8>) -> Result<String> {
        self.db.write(|tx| alerts::attach(tx, actor, id, name, content_type, data))
    }

    /// Reads an attachment.
    pub fn attachment(&self, alert_id: &str, att_id: &str) -> Result<(alerts::AttachmentInfo, Vec<u8>)> {
        self.db.read(|tx| alerts::attachment(tx, alert_id, att_id))
    }

    /// Proposes a disposition (four-eyes, step one).
    pub fn propose(&self, actor: &Actor, id: &str, disposition: &str, reason: &str) -> Result<()> {
        let (actor, id, disposition, reason) = (actor.clone(), id.to_string(), disposition.to_string(), reason.to_string());
        self.db.write_shared(move |tx| alerts::propose(tx, &actor, &id, &disposition, &reason))
    }

    /// Approves the pending proposal; refused for its proposer.
    pub fn approve(&self, actor: &Actor, id: &str, comment: &str, suppress_until: Option<DateTime<Utc>>) -> Result<Approval> {
        let (actor, id, comment) = (actor.clone(), id.to_string(), comment.to_string());
        self.db.write_shared(move |tx| alerts::approve(tx, &actor, &id, &comment, suppress_until))
    }

    /// Rejects the pending proposal; refused for its proposer.
    pub fn reject(&self, actor: &Actor, id: &str, reason: &str) -> Result<()> {
        let (actor, id, reason) = (actor.clone(), id.to_string(), reason.to_string());
        self.db.write_shared(move |tx| alerts::reject(tx, &actor, &id, &reason))
    }

    /// Lists suppressions; returns (total, page).
    pub fn suppressions(&self, active_only: bool, limit: u64, offset: u64) -> Result<(u64, Vec<Suppression>)> {
        self.db.read(|tx| suppress::list(tx, active_only, limit, offset))
    }

    /// Revokes a suppression.
    pub fn revoke_suppression(&self, actor: &Actor, id: &str, reason: &str) -> Result<()> {
        self.db.write(|tx| suppress::revoke(tx, actor, id, reason))
    }

    /// Appends an audit record on its own (list imports, configuration changes…).
    pub fn audit(&self, actor: &Actor, action: &str, subject: &str, detail: &serde_json::Value) -> Result<i64> {
        self.db.write(|tx| audit::append(tx, actor, action, subject, detail))
    }

    /// Lists audit records; returns (total, page).
    pub fn audit_records(&self, f: &AuditFilter) -> Result<(u64, Vec<AuditRecord>)> {
        self.db.read(|tx| audit::list(tx, f))
    }

    /// Checks the whole audit chain.
    pub fn verify(&self) -> Result<VerifyReport> {
        self.db.read(|tx| audit::verify(&mut |after, limit| audit::page(tx, after, limit)))
    }

    /// Exports the audit records of a date range.
    pub fn export(&self, f: &AuditFilter, format: ExportFormat) -> Result<Vec<u8>> {
        let mut all = f.clone();
        all.limit = 0;
        all.offset = 0;
        let (_, records) = self.audit_records(&all)?;
        audit::export(&records, format)
    }

    /// Imports customers (upsert by id) and records the import in the audit
    /// trail. With `keys`, the customers' lookup keys are cached as well
    /// (made in parallel), so that the next monitoring run need not make them.
    pub fn upsert_customers(
        &self,
        actor: &Actor,
        customers: &[(String, seisai_model::Entity)],
        source: &str,
        keys: Option<&KeyMaker>,
    ) -> Result<UpsertReport> {
        self.db.write(|tx| {
            let mut report = UpsertReport::default();
            customers::upsert(tx, customers, keys, &mut report)?;
            audit::append(tx, actor, "customers.import", source, &serde_json::to_value(&report)?)?;
            Ok(report)
        })
    }

    /// Reads customers after id `after`, in id order.
    pub fn customers_page(&self, after: &str, limit: i64) -> Result<Vec<Customer>> {
        self.db.read(|tx| customers::page(tx, after, limit))
    }

    /// Reads customers for monitoring after id `after`, in id order.
    pub fn monitor_page(&self, after: &str, limit: i64) -> Result<Vec<customers::StoredCustomer>> {
        self.db.read(|tx| customers::monitor_page(tx, after, limit))
    }

    /// Caches customers' lookup keys: (id, fingerprint, encoded keys) made under `version`.
    pub fn store_customer_keys(&self, version: &str, keys: &[(String, String, Vec<u8>)]) -> Result<()> {
        self.db.write(|tx| customers::store_keys(tx, version, keys))
    }

    /// Number of customers.
    pub fn customer_count(&self) -> Result<u64> {
        self.db.read(customers::count)
    }

    /// Notes removed list entries on the alerts that hit them (see [`alerts::entities_removed`]).
    pub fn entities_removed(
        &self,
        actor: &Actor,
        removed: &std::collections::BTreeSet<String>,
        dataset: &str,
        version: &str,
    ) -> Result<alerts::RemovedReport> {
        self.db.write(|tx| alerts::entities_removed(tx, actor, removed, dataset, version))
    }

    /// The list version last monitored, per dataset.
    pub fn monitored_versions(&self) -> Result<std::collections::BTreeMap<String, String>> {
        self.db.read(|tx| {
            tx.query("SELECT dataset, version FROM monitor_state", &[])?.iter().map(|r| Ok((r.text(0)?, r.text(1)?))).collect()
        })
    }

    /// Records that `dataset` was monitored up to `version`.
    pub fn set_monitored(&self, actor: &Actor, dataset: &str, version: &str, summary: &serde_json::Value) -> Result<()> {
        self.db.write(|tx| {
            tx.execute(
                "INSERT INTO monitor_state (dataset, version, at) VALUES ($1, $2, $3)
                 ON CONFLICT (dataset) DO UPDATE SET version = excluded.version, at = excluded.at",
                &[dataset.into(), version.into(), now_text().into()],
            )?;
            audit::append(tx, actor, "monitor.run", dataset, &json!({"version": version, "summary": summary}))?;
            Ok(())
        })
    }
}

/// Monitoring statuses under which a hit already alerted is not alerted again.
const KNOWN: &[&str] = &["open", "in_review", "escalated", "pending_approval", "closed_true_match"];

fn record(tx: &mut dyn db::Exec, s: &Screening, actor: &Actor) -> Result<ScreeningOutcome> {
    let mut kept = Vec::new();
    let mut suppressed = Vec::new();
    let mut already_alerted = Vec::new();
    for hit in &s.hits {
        if let Some(fp) = &s.party_fingerprint {
            if let Some(id) = suppress::find_active(tx, fp, hit)? {
                audit::append(
                    tx,
                    actor,
                    "suppression.applied",
                    &id,
                    &json!({"subject": s.subject, "entity_id": hit.entity_id, "customer_id": s.customer_id}),
                )?;
                suppressed.push(SuppressedHit { entity_id: hit.entity_id.clone(), suppression_id: id });
                continue;
            }
        }
        if let Some(customer) = &s.customer_id {
            let f = AlertFilter { customer_id: Some(customer.clone()), entity_id: Some(hit.entity_id.clone()), ..Default::default() };
            let (_, existing) = alerts::list(tx, &f)?;
            if existing.iter().any(|a| KNOWN.contains(&a.status.as_str())) {
                already_alerted.push(hit.entity_id.clone());
                continue;
            }
        }
        kept.push(hit.clone());
    }
    let needs_alert = !kept.is_empty() || s.review_without_hits;
    let alert_id = if needs_alert { Some(alerts::create(tx, actor, s, &kept)?) } else { None };
    let audit_seq = audit::append(
        tx,
        actor,
        "screening",
        &s.subject,
        &json!({"kind": s.kind, "decision": s.decision, "hits": s.hits.len(), "alert_id": alert_id,
            "suppressed": suppressed, "already_alerted": already_alerted, "customer_id": s.customer_id,
            "list_versions": s.list_versions, "policy_version": s.policy_version}),
    )?;
    Ok(ScreeningOutcome { alert_id, suppressed, already_alerted, audit_seq })
}
