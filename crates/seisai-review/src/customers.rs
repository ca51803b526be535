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
                fingerprint = excluded.fingerprint, updated_at = excluded.updated_at",
            &[id.into(), entity.caption().into(), serde_json::to_string(entity)?.into(), fp.into(), now.as_str().into()],
        )?;
    }
    Ok(())
}

/// Reads up to `limit` customers with id after `after` (keyset paging, id order).
pub fn page(tx: &mut dyn Exec, after: &str, limit: i64) -> Result<Vec<Customer>> {
    let rows = tx.query(
        "SELECT id, name, entity, fingerprint, updated_at FROM customers WHERE id > $1 ORDER BY id LIMIT $2",
        &[after.into(), limit.into()],
    )?;
    rows.iter()
        .map(|r| {
            Ok(Customer {
                id: r.text(0)?,
                name: r.text(1)?,
                entity: serde_json::from_str(&r.text(2)?)?,
                fingerprint: r.text(3)?,
                updated_at: r.text(4)?,
            })
        })
        .collect()
}

/// Number of customers.
pub fn count(tx: &mut dyn Exec) -> Result<u64> {
    Ok(tx.query("SELECT COUNT(*) FROM customers", &[])?.first().map(|r| r.int(0)).transpose()?.unwrap_or(0) as u64)
}
