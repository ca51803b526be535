//! The customer (counterparty) registry screened by monitoring: one row
//! per customer id holding the party as an entity and its fingerprint.
//! Imports upsert by id; an unchanged customer is left as it is.

use rayon::prelude::*;
use seisai_model::Entity;
use serde::Serialize;

use crate::db::{Exec, Val};
use crate::error::Result;
use crate::keycache::KeyMaker;
use crate::{entity_fingerprint, now_text};

/// One customer.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Customer {
    /// Customer id (yours).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The party as screened.
    pub entity: Entity,
    /// Fingerprint of the party's data.
    pub fingerprint: String,
    /// When last changed.
    pub updated_at: String,
}

/// What an upsert did.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct UpsertReport {
    /// New customers.
    pub added: u64,
    /// Customers whose data changed.
    pub changed: u64,
    /// Customers with the same data as stored.
    pub unchanged: u64,
}

/// Customers per step of an import: the lookup keys of one step are made
/// (in parallel) while the previous step is written.
const IMPORT_STEP: usize = 2_000;

/// What an import does with one customer.
struct Planned<'a> {
    id: &'a str,
    party: &'a Entity,
    fingerprint: String,
    /// New or changed: written. Otherwise unchanged, only its keys are cached.
    write: bool,
}

/// Inserts or updates customers (id, entity). With `keys`, their lookup
/// keys are made and cached too (those of unchanged customers when they
/// have none of that version), so that monitoring finds them cached.
pub fn upsert(tx: &mut dyn Exec, customers: &[(String, Entity)], keys: Option<&KeyMaker>, report: &mut UpsertReport) -> Result<()> {
    let now = now_text();
    let mut pending: Option<(Vec<Planned>, Vec<Vec<u8>>)> = None;
    for step in customers.chunks(IMPORT_STEP).map(Some).chain([None]) {
        let planned = step.map(|s| plan(tx, s, keys, report)).transpose()?;
        let mut made: Vec<Vec<u8>> = Vec::new();
        // The keys of this step are made on the thread pool while the
        // previous step is written on this thread.
        rayon::in_place_scope(|scope| -> Result<()> {
            if let (Some(planned), Some(maker)) = (&planned, keys) {
                let made = &mut made;
                scope.spawn(move |_| *made = planned.par_iter().map(|p| maker.keys(p.party)).collect());
            }
            match pending.take() {
                Some((written, made)) => write(tx, &written, &made, keys.map(KeyMaker::version), &now),
                None => Ok(()),
            }
        })?;
        pending = planned.map(|p| (p, made));
    }
    Ok(())
}

/// Compares a step with the registry: who is new or changed, and who needs keys.
fn plan<'a>(tx: &mut dyn Exec, step: &'a [(String, Entity)], keys: Option<&KeyMaker>, report: &mut UpsertReport) -> Result<Vec<Planned<'a>>> {
    let mut planned = Vec::new();
    for (id, party) in step {
        let fingerprint = entity_fingerprint(party);
        let old = tx.query("SELECT fingerprint, keys_version FROM customers WHERE id = $1", &[id.into()])?;
        let write = match old.first() {
            Some(r) if r.text(0)? == fingerprint => {
                report.unchanged += 1;
                let version = r.opt_text(1)?;
                if keys.is_none_or(|k| version.as_deref() == Some(k.version())) {
                    continue;
                }
                false
            }
            Some(_) => {
                report.changed += 1;
                true
            }
            None => {
                report.added += 1;
                true
            }
        };
        planned.push(Planned { id, party, fingerprint, write });
    }
    Ok(planned)
}

/// Writes a planned step, with its keys (`made`, in the same order) when
/// they were made under `version`.
fn write(tx: &mut dyn Exec, planned: &[Planned], made: &[Vec<u8>], version: Option<&str>, now: &str) -> Result<()> {
    let mut keys_only = Vec::new();
    for (i, p) in planned.iter().enumerate() {
        let keys = made.get(i).cloned();
        if !p.write {
            keys_only.extend(keys.map(|k| (p.id.to_string(), p.fingerprint.clone(), k)));
            continue;
        }
        tx.execute(
            "INSERT INTO customers (id, name, entity, fingerprint, updated_at, name_keys, keys_version) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, entity = excluded.entity, fingerprint = excluded.fingerprint,
                updated_at = excluded.updated_at, name_keys = excluded.name_keys, keys_version = excluded.keys_version",
            &[
                p.id.into(),
                p.party.caption().into(),
                serde_json::to_string(p.party)?.into(),
                p.fingerprint.as_str().into(),
                now.into(),
                Val::Bytes(keys.clone()),
                keys.and(version).into(),
            ],
        )?;
    }
    if let Some(version) = version {
        store_keys(tx, version, &keys_only)?;
    }
    Ok(())
}

/// Reads up to `limit` customers with id after `after` (keyset paging, id order).
pub fn page(tx: &mut dyn Exec, after: &str, limit: i64) -> Result<Vec<Customer>> {
    monitor_page(tx, after, limit)?.iter().map(StoredCustomer::parse).collect()
}

/// A customer as monitoring reads it: the party still as JSON (parsed only
/// when screened) and the cached lookup keys with their version.
#[derive(Clone, Debug)]
pub struct StoredCustomer {
    /// Customer id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The party, JSON.
    pub entity_json: String,
    /// Fingerprint of the party's data.
    pub fingerprint: String,
    /// When last changed.
    pub updated_at: String,
    /// Cached lookup keys (see `keycache`), if any.
    pub name_keys: Option<Vec<u8>>,
    /// The key version they were made under.
    pub keys_version: Option<String>,
}

impl StoredCustomer {
    /// The customer with its party parsed.
    pub fn parse(&self) -> Result<Customer> {
        Ok(Customer {
            id: self.id.clone(),
            name: self.name.clone(),
            entity: serde_json::from_str(&self.entity_json)
                .map_err(|e| crate::ReviewError::Db(format!("customer {}: the stored party is not valid: {e}", self.id)))?,
            fingerprint: self.fingerprint.clone(),
            updated_at: self.updated_at.clone(),
        })
    }
}

/// Reads up to `limit` customers for monitoring with id after `after` (keyset paging, id order).
pub fn monitor_page(tx: &mut dyn Exec, after: &str, limit: i64) -> Result<Vec<StoredCustomer>> {
    let rows = tx.query(
        "SELECT id, name, entity, fingerprint, updated_at, name_keys, keys_version FROM customers WHERE id > $1 ORDER BY id LIMIT $2",
        &[after.into(), limit.into()],
    )?;
    rows.iter()
        .map(|r| {
            Ok(StoredCustomer {
                id: r.text(0)?,
                name: r.text(1)?,
                entity_json: r.text(2)?,
                fingerprint: r.text(3)?,
                updated_at: r.text(4)?,
                name_keys: r.opt_bytes(5)?,
                keys_version: r.opt_text(6)?,
            })
        })
        .collect()
}

/// Stores refreshed lookup keys: (id, fingerprint the keys were made from,
/// keys). A customer changed meanwhile (another fingerprint) keeps none.
pub fn store_keys(tx: &mut dyn Exec, version: &str, keys: &[(String, String, Vec<u8>)]) -> Result<()> {
    for (id, fingerprint, bytes) in keys {
        tx.execute(
            "UPDATE customers SET name_keys = $1, keys_version = $2 WHERE id = $3 AND fingerprint = $4",
            &[bytes.clone().into(), version.into(), id.into(), fingerprint.into()],
        )?;
    }
    Ok(())
}

/// Number of customers.
pub fn count(tx: &mut dyn Exec) -> Result<u64> {
    Ok(tx.query("SELECT COUNT(*) FROM customers", &[])?.first().map(|r| r.int(0)).transpose()?.unwrap_or(0) as u64)
}
