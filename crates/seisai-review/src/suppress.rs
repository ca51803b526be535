//! The good-guy list: a confirmed false positive suppresses the same hit
//! on the same data. A suppression is keyed by the fingerprint of the
//! screened party's data, the listed entity id and the fingerprint of the
//! listed entity's data: when either side changes, the fingerprints no
//! longer match and the hit alerts again. Suppressions may expire and be
//! revoked; each use is recorded in the audit trail.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use crate::alerts::{HitSnapshot, new_id};
use crate::db::{Exec, Row};
use crate::error::{Result, ReviewError};
use crate::{Actor, audit, now_text, time_text};

/// One suppression.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Suppression {
    /// Suppression id.
    pub id: String,
    /// Fingerprint of the screened party's data.
    pub party_fingerprint: String,
    /// Listed entity id.
    pub entity_id: String,
    /// Fingerprint of the listed entity's data.
    pub entity_fingerprint: String,
    /// The alert whose approval made it.
    pub alert_id: String,
    /// What was screened.
    pub subject: String,
    /// The listed entity's name.
    pub caption: String,
    /// When made.
    pub created_at: String,
    /// Who proposed the false positive.
    pub proposed_by: String,
    /// Who approved it.
    pub approved_by: String,
    /// When it stops applying.
    pub expires_at: Option<String>,
    /// When it was revoked.
    pub revoked_at: Option<String>,
    /// Who revoked it.
    pub revoked_by: Option<String>,
    /// Why.
    pub revoke_reason: Option<String>,
    /// Whether it applies now.
    pub active: bool,
}

const COLUMNS: &str = "id, party_fp, entity_id, entity_fp, alert_id, subject, caption, created_at, proposed_by, approved_by, \
                       expires_at, revoked_at, revoked_by, revoke_reason";

fn from_row(r: &Row, now: &str) -> Result<Suppression> {
    let expires_at = r.opt_text(10)?;
    let revoked_at = r.opt_text(11)?;
    let active = revoked_at.is_none() && expires_at.as_deref().is_none_or(|e| e > now);
    Ok(Suppression {
        id: r.text(0)?,
        party_fingerprint: r.text(1)?,
        entity_id: r.text(2)?,
        entity_fingerprint: r.text(3)?,
        alert_id: r.text(4)?,
        subject: r.text(5)?,
        caption: r.text(6)?,
        created_at: r.text(7)?,
        proposed_by: r.text(8)?,
        approved_by: r.text(9)?,
        expires_at,
        revoked_at,
        revoked_by: r.opt_text(12)?,
        revoke_reason: r.opt_text(13)?,
        active,
    })
}

/// Makes the suppressions of an approved false positive: one per hit
/// whose data and the party's data have fingerprints.
pub(crate) fn create_for_alert(
    tx: &mut dyn Exec,
    actor: &Actor,
    alert_id: &str,
    subject: &str,
    snapshot: &Value,
    proposed_by: &str,
    until: Option<DateTime<Utc>>,
) -> Result<Vec<String>> {
    let Some(party_fp) = snapshot.get("party_fingerprint").and_then(Value::as_str) else {
        return Ok(Vec::new());
    };
    let hits: Vec<HitSnapshot> = serde_json::from_value(snapshot.get("hits").cloned().unwrap_or(Value::Null)).unwrap_or_default();
    let expires = until.map(time_text);
    let mut ids = Vec::new();
    for h in hits {
        let Some(entity_fp) = &h.entity_fingerprint else { continue };
        let id = new_id("su_")?;
        tx.execute(
            &format!("INSERT INTO suppressions ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL, NULL)"),
            &[
                id.as_str().into(),
                party_fp.into(),
                h.entity_id.as_str().into(),
                entity_fp.as_str().into(),
                alert_id.into(),
                subject.into(),
                h.caption.as_str().into(),
                now_text().into(),
                proposed_by.into(),
                actor.user.as_str().into(),
                expires.clone().into(),
            ],
        )?;
        audit::append(
            tx,
            actor,
            "suppression.create",
            &id,
            &json!({"alert_id": alert_id, "entity_id": h.entity_id, "party_fingerprint": party_fp,
                "entity_fingerprint": entity_fp, "expires_at": expires, "proposed_by": proposed_by}),
        )?;
        ids.push(id);
    }
    Ok(ids)
}

/// The active suppression of `hit` for a party with `party_fp`, if any.
pub(crate) fn find_active(tx: &mut dyn Exec, party_fp: &str, hit: &HitSnapshot) -> Result<Option<String>> {
    let Some(entity_fp) = &hit.entity_fingerprint else { return Ok(None) };
    let rows = tx.query(
        "SELECT id FROM suppressions WHERE party_fp = $1 AND entity_id = $2 AND entity_fp = $3 AND revoked_at IS NULL
            AND (expires_at IS NULL OR expires_at > $4) ORDER BY created_at LIMIT 1",
        &[party_fp.into(), hit.entity_id.as_str().into(), entity_fp.as_str().into(), now_text().into()],
    )?;
    rows.first().map(|r| r.text(0)).transpose()
}

/// Lists suppressions, newest first (`active_only`: those that apply now).
pub fn list(tx: &mut dyn Exec, active_only: bool, limit: u64, offset: u64) -> Result<(u64, Vec<Suppression>)> {
    let now = now_text();
    let (clause, params): (&str, Vec<crate::db::Val>) = if active_only {
        (" WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $1)", vec![now.as_str().into()])
    } else {
        ("", vec![])
    };
    let total = tx.query(&format!("SELECT COUNT(*) FROM suppressions{clause}"), &params)?.first().map(|r| r.int(0)).transpose()?.unwrap_or(0);
    let mut p = params;
    p.push((if limit == 0 { i64::MAX } else { limit as i64 }).into());
    p.push((offset as i64).into());
    let n = p.len();
    let rows = tx.query(&format!("SELECT {COLUMNS} FROM suppressions{clause} ORDER BY created_at DESC, id LIMIT ${} OFFSET ${n}", n - 1), &p)?;
    Ok((total as u64, rows.iter().map(|r| from_row(r, &now)).collect::<Result<_>>()?))
}

/// Revokes a suppression: the hit alerts again from now on.
pub fn revoke(tx: &mut dyn Exec, actor: &Actor, id: &str, reason: &str) -> Result<()> {
    let rows = tx.query("SELECT revoked_at FROM suppressions WHERE id = $1", &[id.into()])?;
    let r = rows.first().ok_or_else(|| ReviewError::NotFound(format!("suppression {id:?} does not exist")))?;
    if let Some(at) = r.opt_text(0)? {
        return Err(ReviewError::Conflict(format!("suppression {id} was already revoked at {at}")));
    }
    tx.execute(
        "UPDATE suppressions SET revoked_at = $1, revoked_by = $2, revoke_reason = $3 WHERE id = $4",
        &[now_text().into(), actor.user.as_str().into(), reason.into(), id.into()],
    )?;
    audit::append(tx, actor, "suppression.revoke", id, &json!({"reason": reason}))?;
    Ok(())
}
