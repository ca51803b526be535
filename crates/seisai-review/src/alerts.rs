//! Alerts: created from screenings that need review, holding an immutable
//! snapshot; their status, assignee, notes, attachments and the four-eyes
//! proposal/approval. Every change writes an event and an audit record in
//! the same transaction.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::db::{Exec, Row, Val};
use crate::error::{Result, ReviewError};
use crate::{Actor, audit, now_text};

/// Largest attachment accepted, in bytes.
pub const MAX_ATTACHMENT: usize = 5 * 1024 * 1024;

/// Statuses an analyst may set directly.
pub const WORK_STATUSES: &[&str] = &["open", "in_review", "escalated"];
/// Every status.
pub const STATUSES: &[&str] =
    &["open", "in_review", "escalated", "pending_approval", "closed_true_match", "closed_false_positive", "closed_not_relevant"];
/// Dispositions a proposal may state.
pub const DISPOSITIONS: &[&str] = &["true_match", "false_positive", "not_relevant"];

/// One hit as it was when the alert was made.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct HitSnapshot {
    /// Listed entity id.
    pub entity_id: String,
    /// Its display name.
    pub caption: String,
    /// Its schema.
    pub schema: String,
    /// Its datasets.
    pub datasets: Vec<String>,
    /// Score in [0, 1].
    pub score: f64,
    /// Feature → {score, detail, query, candidate}.
    pub explanations: Value,
    /// The listed entity's properties.
    pub properties: Value,
    /// Fingerprint of the listed entity's data (see [`crate::entity_fingerprint`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_fingerprint: Option<String>,
}

/// A screening to record: an alert is made from it when it needs review.
#[derive(Clone, Debug)]
pub struct Screening {
    /// `party`, `trade`, `payment`, `security`, `oil`, `document`, `monitoring`.
    pub kind: String,
    /// Caption of what was screened.
    pub subject: String,
    /// The request as received.
    pub input: Value,
    /// The decision in short (`potential_match`, `block`, `review`…).
    pub decision: String,
    /// The decision as answered (stored in the snapshot).
    pub decision_detail: Value,
    /// The hits at or above the threshold.
    pub hits: Vec<HitSnapshot>,
    /// Dataset → list version used.
    pub list_versions: BTreeMap<String, String>,
    /// Policy version used, if any.
    pub policy_version: Option<String>,
    /// The customer screened (monitoring), if any.
    pub customer_id: Option<String>,
    /// Fingerprint of the screened party's data; suppressions need it.
    pub party_fingerprint: Option<String>,
    /// Review is needed even with no hit left (a measure's decision).
    pub review_without_hits: bool,
}

/// A hit left out because a suppression applied.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SuppressedHit {
    /// Listed entity id.
    pub entity_id: String,
    /// The suppression that applied.
    pub suppression_id: String,
}

/// What recording a screening did.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ScreeningOutcome {
    /// The alert made, if any.
    pub alert_id: Option<String>,
    /// Hits suppressed.
    pub suppressed: Vec<SuppressedHit>,
    /// Hits left out because an alert on them is open or was confirmed (monitoring).
    pub already_alerted: Vec<String>,
    /// The audit record of the screening.
    pub audit_seq: i64,
}

/// An alert in lists.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AlertSummary {
    /// Alert id.
    pub id: String,
    /// When made (RFC 3339).
    pub created_at: String,
    /// What was screened.
    pub kind: String,
    /// Status.
    pub status: String,
    /// Assignee.
    pub assignee: Option<String>,
    /// Caption of what was screened.
    pub subject: String,
    /// Highest hit score.
    pub top_score: f64,
    /// Number of hits.
    pub hits: i64,
    /// Datasets of the hits.
    pub datasets: Vec<String>,
    /// Decision of the screening.
    pub decision: String,
    /// Customer, for monitoring alerts.
    pub customer_id: Option<String>,
}

/// A note on an alert.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Note {
    /// Author.
    pub user: String,
    /// When.
    pub at: String,
    /// Text.
    pub text: String,
}

/// One step in an alert's history.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Event {
    /// When.
    pub at: String,
    /// Who.
    pub user: String,
    /// What (`created`, `assign`, `status`, `note`, `propose`, `approve`, `reject`, …).
    pub action: String,
    /// Details.
    pub detail: Value,
}

/// A pending or approved disposition.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Proposal {
    /// Proposer.
    pub user: String,
    /// `true_match`, `false_positive` or `not_relevant`.
    pub disposition: String,
    /// Why.
    pub reason: String,
    /// When.
    pub at: String,
}

/// An attachment's description (the content is fetched separately).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AttachmentInfo {
    /// Attachment id.
    pub id: String,
    /// File name.
    pub name: String,
    /// Media type.
    pub content_type: String,
    /// Size in bytes.
    pub size: i64,
    /// sha256 of the content.
    pub sha256: String,
    /// Who added it.
    pub user: String,
    /// When.
    pub at: String,
}

/// An alert with its snapshot and history.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AlertDetail {
    /// The summary fields.
    #[serde(flatten)]
    pub summary: AlertSummary,
    /// The immutable snapshot: input, decision, hits, list and policy versions.
    pub snapshot: Value,
    /// Notes, oldest first.
    pub notes: Vec<Note>,
    /// Full history, oldest first.
    pub events: Vec<Event>,
    /// The pending (or approved) proposal.
    pub proposal: Option<Proposal>,
    /// The approved disposition.
    pub disposition: Option<String>,
    /// Attachments.
    pub attachments: Vec<AttachmentInfo>,
}

/// Filter of the alert listing.
#[derive(Clone, Debug, Default)]
pub struct AlertFilter {
    /// Status (`open`…, or `closed` for any closed status, `active` for any other).
    pub status: Option<String>,
    /// Kind.
    pub kind: Option<String>,
    /// A dataset among the hits.
    pub dataset: Option<String>,
    /// Top score at least.
    pub min_score: Option<f64>,
    /// Made on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Made on or before this day (UTC).
    pub to: Option<NaiveDate>,
    /// Assignee.
    pub assignee: Option<String>,
    /// Text in the subject or the hits' names (case-insensitive).
    pub q: Option<String>,
    /// Customer.
    pub customer_id: Option<String>,
    /// A listed entity among the hits.
    pub entity_id: Option<String>,
    /// Most returned.
    pub limit: u64,
    /// Skipped.
    pub offset: u64,
}

pub(crate) fn new_id(prefix: &str) -> Result<String> {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).map_err(|e| ReviewError::Db(format!("cannot draw random bytes: {e}")))?;
    Ok(format!("{prefix}{}{}", chrono::Utc::now().format("%y%m%d"), hex::encode(b)))
}

fn comma_list(items: impl IntoIterator<Item = String>) -> String {
    let v: Vec<String> = items.into_iter().collect();
    format!(",{},", v.join(","))
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',').filter(|x| !x.is_empty()).map(str::to_string).collect()
}

/// Writes an event on `alert_id` and its audit record; returns the seq.
pub(crate) fn event(tx: &mut dyn Exec, actor: &Actor, alert_id: &str, action: &str, detail: Value) -> Result<i64> {
    let seq = audit::append(tx, actor, &format!("alert.{action}"), alert_id, &detail)?;
    tx.execute(
        "INSERT INTO alert_events (alert_id, seq, at, actor, action, detail) VALUES ($1, $2, $3, $4, $5, $6)",
        &[alert_id.into(), seq.into(), now_text().into(), actor.user.as_str().into(), action.into(), detail.to_string().into()],
    )?;
    Ok(seq)
}

/// Creates an alert from `s` with `hits` (the hits left after suppression).
pub(crate) fn create(tx: &mut dyn Exec, actor: &Actor, s: &Screening, hits: &[HitSnapshot]) -> Result<String> {
    let id = new_id("al_")?;
    let now = now_text();
    let top = hits.iter().map(|h| h.score).fold(0.0, f64::max);
    let mut datasets: Vec<String> = hits.iter().flat_map(|h| h.datasets.iter().cloned()).collect();
    datasets.sort();
    datasets.dedup();
    let snapshot = json!({
        "input": s.input, "decision": s.decision_detail, "hits": hits, "list_versions": s.list_versions,
        "policy_version": s.policy_version, "party_fingerprint": s.party_fingerprint,
    });
    tx.execute(
        "INSERT INTO alerts (id, created_at, updated_at, kind, status, assignee, subject, top_score, hits, datasets, entity_ids,
            decision, customer_id, snapshot, proposal, disposition)
         VALUES ($1, $2, $3, $4, 'open', NULL, $5, $6, $7, $8, $9, $10, $11, $12, NULL, NULL)",
        &[
            id.as_str().into(),
            now.as_str().into(),
            now.as_str().into(),
            s.kind.as_str().into(),
            s.subject.as_str().into(),
            top.into(),
            (hits.len() as i64).into(),
            comma_list(datasets).into(),
            comma_list(hits.iter().map(|h| h.entity_id.clone())).into(),
            s.decision.as_str().into(),
            s.customer_id.clone().into(),
            snapshot.to_string().into(),
        ],
    )?;
    let detail = json!({"kind": s.kind, "subject": s.subject, "decision": s.decision, "hits": hits.len(),
        "entities": hits.iter().map(|h| &h.entity_id).collect::<Vec<_>>(), "customer_id": s.customer_id});
    event(tx, actor, &id, "created", detail)?;
    Ok(id)
}

const SUMMARY: &str = "id, created_at, kind, status, assignee, subject, top_score, hits, datasets, decision, customer_id";

fn summary(r: &Row) -> Result<AlertSummary> {
    Ok(AlertSummary {
        id: r.text(0)?,
        created_at: r.text(1)?,
        kind: r.text(2)?,
        status: r.text(3)?,
        assignee: r.opt_text(4)?,
        subject: r.text(5)?,
        top_score: r.real(6)?,
        hits: r.int(7)?,
        datasets: split_list(&r.text(8)?),
        decision: r.text(9)?,
        customer_id: r.opt_text(10)?,
    })
}

fn where_clause(f: &AlertFilter) -> Result<(String, Vec<Val>)> {
    let mut conds: Vec<String> = Vec::new();
    let mut params: Vec<Val> = Vec::new();
    let mut add = |cond: &str, v: Val, params: &mut Vec<Val>| {
        params.push(v);
        conds.push(cond.replace('#', &format!("${}", params.len())));
    };
    match f.status.as_deref() {
        None => {}
        Some("closed") => add("status LIKE #", "closed_%".into(), &mut params),
        Some("active") => add("status NOT LIKE #", "closed_%".into(), &mut params),
        Some(s) if STATUSES.contains(&s) => add("status = #", s.into(), &mut params),
        Some(s) => return Err(ReviewError::Invalid(format!("status={s:?}: expected one of {}, closed, active", STATUSES.join(", ")))),
    }
    if let Some(k) = &f.kind {
        add("kind = #", k.into(), &mut params);
    }
    if let Some(d) = &f.dataset {
        add("datasets LIKE #", format!("%,{d},%").into(), &mut params);
    }
    if let Some(e) = &f.entity_id {
        add("entity_ids LIKE #", format!("%,{e},%").into(), &mut params);
    }
    if let Some(m) = f.min_score {
        add("top_score >= #", m.into(), &mut params);
    }
    if let Some(d) = f.from {
        add("created_at >= #", d.to_string().into(), &mut params);
    }
    if let Some(d) = f.to {
        let next = d.succ_opt().ok_or_else(|| ReviewError::Invalid(format!("to={d}: date out of range")))?;
        add("created_at < #", next.to_string().into(), &mut params);
    }
    if let Some(a) = &f.assignee {
        add("assignee = #", a.into(), &mut params);
    }
    if let Some(c) = &f.customer_id {
        add("customer_id = #", c.into(), &mut params);
    }
    if let Some(q) = &f.q {
        add("(LOWER(subject) LIKE # OR LOWER(snapshot) LIKE #)", format!("%{}%", q.to_lowercase()).into(), &mut params);
    }
    let clause = if conds.is_empty() { String::new() } else { format!(" WHERE {}", conds.join(" AND ")) };
    Ok((clause, params))
}

/// Lists alerts matching `f`, newest first; returns (total, page).
pub fn list(tx: &mut dyn Exec, f: &AlertFilter) -> Result<(u64, Vec<AlertSummary>)> {
    let (clause, mut params) = where_clause(f)?;
    let total = tx.query(&format!("SELECT COUNT(*) FROM alerts{clause}"), &params)?.first().map(|r| r.int(0)).transpose()?.unwrap_or(0);
    let limit = if f.limit == 0 { i64::MAX } else { f.limit as i64 };
    params.push(limit.into());
    params.push((f.offset as i64).into());
    let n = params.len();
    let sql = format!("SELECT {SUMMARY} FROM alerts{clause} ORDER BY created_at DESC, id DESC LIMIT ${} OFFSET ${n}", n - 1);
    let rows = tx.query(&sql, &params)?;
    Ok((total as u64, rows.iter().map(summary).collect::<Result<_>>()?))
}

struct Current {
    status: String,
    proposal: Option<Proposal>,
    snapshot: Value,
    subject: String,
}

fn current(tx: &mut dyn Exec, id: &str) -> Result<Current> {
    let rows = tx.query("SELECT status, proposal, snapshot, subject FROM alerts WHERE id = $1", &[id.into()])?;
    let r = rows.first().ok_or_else(|| ReviewError::NotFound(format!("alert {id:?} does not exist")))?;
    let proposal = match r.opt_text(1)? {
        Some(p) => Some(serde_json::from_str(&p)?),
        None => None,
    };
    Ok(Current { status: r.text(0)?, proposal, snapshot: serde_json::from_str(&r.text(2)?)?, subject: r.text(3)? })
}

fn attachment_info(a: &Row) -> Result<AttachmentInfo> {
    Ok(AttachmentInfo {
        id: a.text(0)?,
        name: a.text(1)?,
        content_type: a.text(2)?,
        size: a.int(3)?,
        sha256: a.text(4)?,
        user: a.text(5)?,
        at: a.text(6)?,
    })
}

/// Reads one alert with its history.
pub fn get(tx: &mut dyn Exec, id: &str) -> Result<AlertDetail> {
    let rows = tx.query(&format!("SELECT {SUMMARY}, snapshot, proposal, disposition FROM alerts WHERE id = $1"), &[id.into()])?;
    let r = rows.first().ok_or_else(|| ReviewError::NotFound(format!("alert {id:?} does not exist")))?;
    let summary = summary(r)?;
    let snapshot: Value = serde_json::from_str(&r.text(11)?)?;
    let proposal = match r.opt_text(12)? {
        Some(p) => Some(serde_json::from_str(&p)?),
        None => None,
    };
    let disposition = r.opt_text(13)?;
    let mut events = Vec::new();
    let mut notes = Vec::new();
    for e in tx.query("SELECT at, actor, action, detail FROM alert_events WHERE alert_id = $1 ORDER BY seq", &[id.into()])? {
        let detail: Value = serde_json::from_str(&e.text(3)?)?;
        let ev = Event { at: e.text(0)?, user: e.text(1)?, action: e.text(2)?, detail };
        if ev.action == "note" {
            let text = ev.detail.get("text").and_then(Value::as_str).unwrap_or_default().to_string();
            notes.push(Note { user: ev.user.clone(), at: ev.at.clone(), text });
        }
        events.push(ev);
    }
    let attachments = tx
        .query("SELECT id, name, content_type, size, sha256, actor, at FROM attachments WHERE alert_id = $1 ORDER BY at, id", &[id.into()])?
        .iter()
        .map(attachment_info)
        .collect::<Result<Vec<_>>>()?;
    Ok(AlertDetail { summary, snapshot, notes, events, proposal, disposition, attachments })
}

fn set(tx: &mut dyn Exec, id: &str, sql_set: &str, params: Vec<Val>) -> Result<()> {
    let mut params = params;
    params.push(now_text().into());
    params.push(id.into());
    let n = params.len();
    tx.execute(&format!("UPDATE alerts SET {sql_set}, updated_at = ${} WHERE id = ${n}", n - 1), &params)?;
    Ok(())
}

fn require_open(c: &Current, id: &str, what: &str) -> Result<()> {
    if c.status.starts_with("closed_") {
        return Err(ReviewError::Conflict(format!("alert {id} is {}; it cannot be {what}", c.status)));
    }
    Ok(())
}

/// Assigns alerts to `assignee` (None: unassigns); returns how many changed.
pub fn assign(tx: &mut dyn Exec, actor: &Actor, ids: &[String], assignee: Option<&str>) -> Result<u64> {
    let mut n = 0;
    for id in ids {
        let c = current(tx, id)?;
        require_open(&c, id, "assigned")?;
        set(tx, id, "assignee = $1", vec![assignee.into()])?;
        event(tx, actor, id, "assign", json!({"assignee": assignee}))?;
        n += 1;
    }
    Ok(n)
}

/// Sets the work status (`open`, `in_review`, `escalated`).
pub fn set_status(tx: &mut dyn Exec, actor: &Actor, id: &str, status: &str) -> Result<()> {
    if !WORK_STATUSES.contains(&status) {
        return Err(ReviewError::Invalid(format!(
            "status {status:?}: expected one of {} (closing goes through propose and approve)",
            WORK_STATUSES.join(", ")
        )));
    }
    let c = current(tx, id)?;
    require_open(&c, id, "changed")?;
    if c.status == "pending_approval" {
        return Err(ReviewError::Conflict(format!("alert {id} awaits approval of a proposal; approve or reject it first")));
    }
    set(tx, id, "status = $1", vec![status.into()])?;
    event(tx, actor, id, "status", json!({"from": c.status, "to": status}))?;
    Ok(())
}

/// Adds a note.
pub fn note(tx: &mut dyn Exec, actor: &Actor, id: &str, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(ReviewError::Invalid("text: the note is empty".into()));
    }
    current(tx, id)?;
    set(tx, id, "assignee = assignee", vec![])?;
    event(tx, actor, id, "note", json!({"text": text}))?;
    Ok(())
}

/// Stores an attachment (at most [`MAX_ATTACHMENT`] bytes); returns its id.
pub fn attach(tx: &mut dyn Exec, actor: &Actor, id: &str, name: &str, content_type: &str, data: Vec<u8>) -> Result<String> {
    if data.len() > MAX_ATTACHMENT {
        return Err(ReviewError::Invalid(format!("attachment {name:?}: {} bytes, at most {MAX_ATTACHMENT} accepted", data.len())));
    }
    if name.trim().is_empty() {
        return Err(ReviewError::Invalid("name: the attachment needs a file name".into()));
    }
    current(tx, id)?;
    use sha2::Digest;
    let sha = hex::encode(sha2::Sha256::digest(&data));
    let att = new_id("at_")?;
    tx.execute(
        "INSERT INTO attachments (id, alert_id, name, content_type, size, sha256, data, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            att.as_str().into(),
            id.into(),
            name.into(),
            content_type.into(),
            (data.len() as i64).into(),
            sha.as_str().into(),
            data.into(),
            actor.user.as_str().into(),
            now_text().into(),
        ],
    )?;
    event(tx, actor, id, "attach", json!({"attachment": att, "name": name, "size_sha256": sha}))?;
    Ok(att)
}

/// Reads an attachment: (info, content).
pub fn attachment(tx: &mut dyn Exec, alert_id: &str, att_id: &str) -> Result<(AttachmentInfo, Vec<u8>)> {
    let rows = tx.query(
        "SELECT id, name, content_type, size, sha256, actor, at, data FROM attachments WHERE alert_id = $1 AND id = $2",
        &[alert_id.into(), att_id.into()],
    )?;
    let a = rows.first().ok_or_else(|| ReviewError::NotFound(format!("alert {alert_id:?} has no attachment {att_id:?}")))?;
    Ok((attachment_info(a)?, a.bytes(7)?))
}

/// An analyst proposes a disposition; the alert awaits approval.
pub fn propose(tx: &mut dyn Exec, actor: &Actor, id: &str, disposition: &str, reason: &str) -> Result<()> {
    if !DISPOSITIONS.contains(&disposition) {
        return Err(ReviewError::Invalid(format!("disposition {disposition:?}: expected one of {}", DISPOSITIONS.join(", "))));
    }
    if reason.trim().is_empty() {
        return Err(ReviewError::Invalid("reason: a proposal needs a reason".into()));
    }
    let c = current(tx, id)?;
    require_open(&c, id, "proposed for closing")?;
    if c.status == "pending_approval" {
        return Err(ReviewError::Conflict(format!("alert {id} already has a proposal awaiting approval")));
    }
    let p = Proposal { user: actor.user.clone(), disposition: disposition.into(), reason: reason.into(), at: now_text() };
    set(tx, id, "status = 'pending_approval', proposal = $1", vec![serde_json::to_string(&p)?.into()])?;
    event(tx, actor, id, "propose", json!({"disposition": disposition, "reason": reason}))?;
    Ok(())
}

fn pending(c: &Current, id: &str, actor: &Actor, what: &str) -> Result<Proposal> {
    let p = match (&c.proposal, c.status.as_str()) {
        (Some(p), "pending_approval") => p.clone(),
        _ => return Err(ReviewError::Conflict(format!("alert {id} has no proposal awaiting approval (status {})", c.status))),
    };
    if p.user == actor.user {
        return Err(ReviewError::SameUser(format!(
            "four-eyes: {} proposed this disposition and cannot {what} it; another user with the approver role must",
            actor.user
        )));
    }
    Ok(p)
}

/// What approval did.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Approval {
    /// The new status.
    pub status: String,
    /// Suppressions created (false positives).
    pub suppressions: Vec<String>,
}

/// A different user approves the pending proposal. A confirmed false
/// positive adds a suppression per hit (see [`crate::suppress`]).
pub fn approve(
    tx: &mut dyn Exec,
    actor: &Actor,
    id: &str,
    comment: &str,
    suppress_until: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Approval> {
    let c = current(tx, id)?;
    let p = pending(&c, id, actor, "approve")?;
    let status = format!("closed_{}", p.disposition);
    set(tx, id, "status = $1, disposition = $2", vec![status.as_str().into(), p.disposition.as_str().into()])?;
    event(tx, actor, id, "approve", json!({"disposition": p.disposition, "proposed_by": p.user, "comment": comment}))?;
    let mut suppressions = Vec::new();
    if p.disposition == "false_positive" {
        suppressions = crate::suppress::create_for_alert(tx, actor, id, &c.subject, &c.snapshot, &p.user, suppress_until)?;
    }
    Ok(Approval { status, suppressions })
}

/// A different user rejects the pending proposal; the alert goes back to review.
pub fn reject(tx: &mut dyn Exec, actor: &Actor, id: &str, reason: &str) -> Result<()> {
    let c = current(tx, id)?;
    let p = pending(&c, id, actor, "reject")?;
    set(tx, id, "status = 'in_review', proposal = NULL", vec![])?;
    event(tx, actor, id, "reject", json!({"disposition": p.disposition, "proposed_by": p.user, "reason": reason}))?;
    Ok(())
}

/// What handling removed list entries did.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct RemovedReport {
    /// Active alerts noted (an event `list_entry_removed`).
    pub annotated: u64,
    /// Open alerts closed as not relevant because every entity they hit was removed.
    pub closed: u64,
}

/// Notes the removal of listed entities on the active alerts that hit
/// them; an alert still `open` whose every hit was removed is closed as
/// not relevant (the list no longer names anyone it hit).
pub fn entities_removed(
    tx: &mut dyn Exec,
    actor: &Actor,
    removed: &std::collections::BTreeSet<String>,
    dataset: &str,
    version: &str,
) -> Result<RemovedReport> {
    let mut report = RemovedReport::default();
    let mut seen = std::collections::BTreeSet::new();
    for entity in removed {
        let f = AlertFilter { status: Some("active".into()), entity_id: Some(entity.clone()), ..Default::default() };
        for a in list(tx, &f)?.1 {
            if !seen.insert(a.id.clone()) {
                continue;
            }
            let rows = tx.query("SELECT entity_ids FROM alerts WHERE id = $1", &[a.id.as_str().into()])?;
            let ids = split_list(&rows.first().map(|r| r.text(0)).transpose()?.unwrap_or_default());
            let gone: Vec<&String> = ids.iter().filter(|i| removed.contains(*i)).collect();
            event(tx, actor, &a.id, "list_entry_removed", json!({"dataset": dataset, "version": version, "entities": gone}))?;
            report.annotated += 1;
            if a.status == "open" && gone.len() == ids.len() {
                set(tx, &a.id, "status = 'closed_not_relevant', disposition = 'not_relevant'", vec![])?;
                event(tx, actor, &a.id, "auto_close", json!({"reason": "every listed entity it hit was removed from the list", "version": version}))?;
                report.closed += 1;
            }
        }
    }
    Ok(report)
}
