//! The audit trail: append-only records, each holding the sha256 of the
//! previous one. A record's hash is sha256(prev_hash + "\n" + the JSON
//! array `[seq, at, actor, request_id, action, subject, detail]` of its
//! stored values), so changing any stored field, or removing or reordering
//! records, breaks the chain at that record.

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::{Exec, Row, Val};
use crate::error::{Result, ReviewError};
use crate::Actor;

/// The `prev_hash` of the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One stored audit record.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AuditRecord {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who (user name, or `system`).
    pub user: String,
    /// Request id of the API call or CLI run.
    pub request_id: Option<String>,
    /// What (`screening`, `alert.propose`, `suppression.applied`, …).
    pub action: String,
    /// What it concerns (alert id, dataset, customer id…).
    pub subject: String,
    /// Details (JSON).
    pub detail: serde_json::Value,
    /// Hash of this record.
    pub hash: String,
    /// Hash of the previous record.
    pub prev_hash: String,
}

/// The first record that does not verify.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Broken {
    /// Its sequence number.
    pub seq: i64,
    /// What is wrong.
    pub reason: String,
}

/// The outcome of a chain check.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct VerifyReport {
    /// Whether every record verified.
    pub ok: bool,
    /// Records checked.
    pub records: u64,
    /// The first broken record, if any.
    pub first_broken: Option<Broken>,
}

/// Filter of the audit listing and export.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// From this day (UTC), inclusive.
    pub from: Option<NaiveDate>,
    /// To this day (UTC), inclusive.
    pub to: Option<NaiveDate>,
    /// Only this action (or actions starting with `action.`).
    pub action: Option<String>,
    /// Only this user.
    pub user: Option<String>,
    /// Subject or detail containing this text (case-insensitive).
    pub q: Option<String>,
    /// Most records returned (0: no limit).
    pub limit: u64,
    /// Records skipped.
    pub offset: u64,
}

fn record_hash(prev: &str, seq: i64, at: &str, actor: &str, request_id: Option<&str>, action: &str, subject: &str, detail: &str) -> String {
    let canonical = serde_json::json!([seq, at, actor, request_id, action, subject, detail]).to_string();
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(canonical.as_bytes());
    hex::encode(h.finalize())
}

/// Appends a record inside the caller's write transaction; returns its seq.
pub fn append(tx: &mut dyn Exec, actor: &Actor, action: &str, subject: &str, detail: &serde_json::Value) -> Result<i64> {
    let last = tx.query("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &[])?;
    let (seq, prev) = match last.first() {
        Some(r) => (r.int(0)? + 1, r.text(1)?),
        None => (1, GENESIS.to_string()),
    };
    let at = crate::now_text();
    let detail = detail.to_string();
    let hash = record_hash(&prev, seq, &at, &actor.user, actor.request_id.as_deref(), action, subject, &detail);
    tx.execute(
        "INSERT INTO audit (seq, at, actor, request_id, action, subject, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            seq.into(),
            at.into(),
            actor.user.as_str().into(),
            actor.request_id.clone().into(),
            action.into(),
            subject.into(),
            detail.into(),
            prev.into(),
            hash.into(),
        ],
    )?;
    Ok(seq)
}

const COLUMNS: &str = "seq, at, actor, request_id, action, subject, detail, prev_hash, hash";

fn from_row(r: &Row) -> Result<AuditRecord> {
    let detail_text = r.text(6)?;
    Ok(AuditRecord {
        seq: r.int(0)?,
        at: r.text(1)?,
        user: r.text(2)?,
        request_id: r.opt_text(3)?,
        action: r.text(4)?,
        subject: r.text(5)?,
        detail: serde_json::from_str(&detail_text).unwrap_or(serde_json::Value::String(detail_text)),
        prev_hash: r.text(7)?,
        hash: r.text(8)?,
    })
}

/// Checks the whole chain, reading it in pages; stops at the first broken record.
pub fn verify(read: &mut dyn FnMut(i64, i64) -> Result<Vec<Row>>) -> Result<VerifyReport> {
    const PAGE: i64 = 5000;
    let mut expected_seq = 1;
    let mut prev = GENESIS.to_string();
    let mut records = 0u64;
    loop {
        let rows = read(expected_seq - 1, PAGE)?;
        if rows.is_empty() {
            return Ok(VerifyReport { ok: true, records, first_broken: None });
        }
        for r in &rows {
            let seq = r.int(0)?;
            let broken = |reason: String| Ok(VerifyReport { ok: false, records, first_broken: Some(Broken { seq, reason }) });
            if seq != expected_seq {
                return broken(format!("sequence gap: record {seq} follows record {}", expected_seq - 1));
            }
            let stored_prev = r.text(7)?;
            if stored_prev != prev {
                return broken(format!("prev_hash {stored_prev} does not match the hash of record {} ({prev})", seq - 1));
            }
            let (at, actor, rid, action, subject, detail) = (r.text(1)?, r.text(2)?, r.opt_text(3)?, r.text(4)?, r.text(5)?, r.text(6)?);
            let computed = record_hash(&prev, seq, &at, &actor, rid.as_deref(), &action, &subject, &detail);
            let stored = r.text(8)?;
            if computed != stored {
                return broken(format!("the record's content does not match its hash (stored {stored}, computed {computed}): it was changed after it was written"));
            }
            prev = stored;
            expected_seq += 1;
            records += 1;
        }
    }
}

/// Reads the page of records after `after_seq` (used by [`verify`]).
pub fn page(tx: &mut dyn Exec, after_seq: i64, limit: i64) -> Result<Vec<Row>> {
    tx.query(&format!("SELECT {COLUMNS} FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2"), &[after_seq.into(), limit.into()])
}

fn where_clause(f: &AuditFilter) -> Result<(String, Vec<Val>)> {
    let mut conds = Vec::new();
    let mut params: Vec<Val> = Vec::new();
    if let Some(from) = f.from {
        params.push(format!("{from}").into());
        conds.push(format!("at >= ${}", params.len()));
    }
    if let Some(to) = f.to {
        let next = to.succ_opt().ok_or_else(|| ReviewError::Invalid(format!("to={to}: date out of range")))?;
        params.push(format!("{next}").into());
        conds.push(format!("at < ${}", params.len()));
    }
    if let Some(a) = &f.action {
        params.push(a.into());
        params.push(format!("{a}.%").into());
        conds.push(format!("(action = ${} OR action LIKE ${})", params.len() - 1, params.len()));
    }
    if let Some(u) = &f.user {
        params.push(u.into());
        conds.push(format!("actor = ${}", params.len()));
    }
    if let Some(q) = &f.q {
        params.push(format!("%{}%", q.to_lowercase()).into());
        conds.push(format!("(LOWER(subject) LIKE ${0} OR LOWER(detail) LIKE ${0})", params.len()));
    }
    let clause = if conds.is_empty() { String::new() } else { format!(" WHERE {}", conds.join(" AND ")) };
    Ok((clause, params))
}

/// Lists records matching `f` in chain order; returns (total, page).
pub fn list(tx: &mut dyn Exec, f: &AuditFilter) -> Result<(u64, Vec<AuditRecord>)> {
    let (clause, mut params) = where_clause(f)?;
    let total = tx.query(&format!("SELECT COUNT(*) FROM audit{clause}"), &params)?.first().map(|r| r.int(0)).transpose()?.unwrap_or(0);
    let limit = if f.limit == 0 { i64::MAX } else { f.limit as i64 };
    params.push(limit.into());
    params.push((f.offset as i64).into());
    let n = params.len();
    let rows = tx.query(&format!("SELECT {COLUMNS} FROM audit{clause} ORDER BY seq LIMIT ${} OFFSET ${n}", n - 1), &params)?;
    let records = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    Ok((total as u64, records))
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One row per record, detail as JSON text.
    Csv,
    /// A JSON array of records.
    Json,
}

impl std::str::FromStr for ExportFormat {
    type Err = ReviewError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "csv" => Ok(ExportFormat::Csv),
            "json" => Ok(ExportFormat::Json),
            other => Err(ReviewError::Invalid(format!("format={other:?}: expected csv or json"))),
        }
    }
}

/// Writes `records` in `format`.
pub fn export(records: &[AuditRecord], format: ExportFormat) -> Result<Vec<u8>> {
    match format {
        ExportFormat::Json => Ok(serde_json::to_vec_pretty(records)?),
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let io = |e: csv::Error| ReviewError::Db(format!("cannot write CSV: {e}"));
            w.write_record(["seq", "at", "user", "request_id", "action", "subject", "detail", "prev_hash", "hash"]).map_err(io)?;
            for r in records {
                w.write_record([
                    r.seq.to_string(),
                    r.at.clone(),
                    r.user.clone(),
                    r.request_id.clone().unwrap_or_default(),
                    r.action.clone(),
                    r.subject.clone(),
                    r.detail.to_string(),
                    r.prev_hash.clone(),
                    r.hash.clone(),
                ])
                .map_err(io)?;
            }
            w.into_inner().map_err(|e| ReviewError::Db(format!("cannot write CSV: {e}")))
        }
    }
}
