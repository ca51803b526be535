//! Versioned schema migrations, applied in order when the store opens.
//! Each version runs in one transaction with its row in
//! `schema_migrations`; a version once released is never edited, a change
//! is a new version. The SQL is common to SQLite and PostgreSQL (BIGINT,
//! DOUBLE PRECISION, TEXT and BYTEA; times are RFC 3339 text in UTC).

use crate::db::{Backend, Exec};
use crate::error::Result;

/// The migrations: (version, statements).
pub const MIGRATIONS: &[(i64, &[&str])] = &[
    (
        1,
        &[
            "CREATE TABLE audit (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, request_id TEXT,
            action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
            "CREATE INDEX audit_at ON audit (at)",
            "CREATE TABLE alerts (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, kind TEXT NOT NULL,
            status TEXT NOT NULL, assignee TEXT, subject TEXT NOT NULL, top_score DOUBLE PRECISION NOT NULL, hits BIGINT NOT NULL,
            datasets TEXT NOT NULL, entity_ids TEXT NOT NULL, decision TEXT NOT NULL, customer_id TEXT, snapshot TEXT NOT NULL,
            proposal TEXT, disposition TEXT)",
            "CREATE INDEX alerts_created ON alerts (created_at)",
            "CREATE INDEX alerts_status ON alerts (status)",
            "CREATE INDEX alerts_customer ON alerts (customer_id)",
            "CREATE TABLE alert_events (alert_id TEXT NOT NULL REFERENCES alerts (id), seq BIGINT NOT NULL, at TEXT NOT NULL,
            actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (alert_id, seq))",
            "CREATE TABLE attachments (id TEXT PRIMARY KEY, alert_id TEXT NOT NULL REFERENCES alerts (id), name TEXT NOT NULL,
            content_type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL, data BYTEA NOT NULL, actor TEXT NOT NULL,
            at TEXT NOT NULL)",
            "CREATE INDEX attachments_alert ON attachments (alert_id)",
            "CREATE TABLE suppressions (id TEXT PRIMARY KEY, party_fp TEXT NOT NULL, entity_id TEXT NOT NULL, entity_fp TEXT NOT NULL,
            alert_id TEXT NOT NULL, subject TEXT NOT NULL, caption TEXT NOT NULL, created_at TEXT NOT NULL, proposed_by TEXT NOT NULL,
            approved_by TEXT NOT NULL, expires_at TEXT, revoked_at TEXT, revoked_by TEXT, revoke_reason TEXT)",
            "CREATE INDEX suppressions_key ON suppressions (party_fp, entity_id)",
            "CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT NOT NULL, entity TEXT NOT NULL, fingerprint TEXT NOT NULL,
            updated_at TEXT NOT NULL)",
            "CREATE TABLE monitor_state (dataset TEXT PRIMARY KEY, version TEXT NOT NULL, at TEXT NOT NULL)",
        ],
    ),
    (
        2,
        &[
            // The customer's name lookup keys, cached for delta monitoring (see `keycache`).
            "ALTER TABLE customers ADD COLUMN name_keys BYTEA",
            "ALTER TABLE customers ADD COLUMN keys_version TEXT",
        ],
    ),
];

/// Applies the migrations `db` does not have yet; returns the schema
/// version now in force.
pub fn migrate(db: &Backend) -> Result<i64> {
    db.write(|tx| {
        tx.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)", &[])?;
        let current = applied(tx)?;
        for (version, statements) in MIGRATIONS {
            if *version <= current {
                continue;
            }
            for sql in *statements {
                tx.execute(sql, &[])?;
            }
            tx.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                &[(*version).into(), crate::now_text().into()],
            )?;
        }
        applied(tx)
    })
}

fn applied(tx: &mut dyn Exec) -> Result<i64> {
    let rows = tx.query("SELECT COUNT(*), MAX(version) FROM schema_migrations", &[])?;
    match rows.first() {
        Some(r) if r.int(0)? > 0 => r.int(1),
        _ => Ok(0),
    }
}
