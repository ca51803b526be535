//! The customer (counterparty) registry screened by monitoring: one row
//! per customer id holding the party as an entity and its fingerprint.
//! Imports upsert by id; an unchanged customer is left as it is.

use seisai_model::Entity;
use serde::Serialize;

use crate::db::Exec;
use crate::error::Result;
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

/// Inserts or updates customers (id, entity).
pub fn upsert(tx: &mut dyn Exec, customers: &[(String, Entity)], report: &mut UpsertReport) -> Result<()> {
    let now = now_text();
    for (id, entity) in customers {
        let fp = entity_fingerprint(entity);
        let old = tx.query("SELECT fingerprint FROM customers WHERE id = $1", &[id.into()])?;
        match old.first() {
            Some(r) if r.text(0)? == fp => {
                report.unchanged += 1;
                continue;
            }
            Some(_) => report.changed += 1,
            None => report.added += 1,
        }
        tx.execute(
            "INSERT INTO customers (id, name, entity, fingerprint, updated_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, entity = excluded.entity,
                fingerprint = excluded.fingerprint, updated_at = excluded.updated_at, name_keys = NULL, keys_version = NULL",
            &[id.into(), entity.caption().into(), serde_json::to_string(entity)?.into(), fp.into(), now.as_str().into()],
        )?;
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
