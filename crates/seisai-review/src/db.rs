//! The two database backends behind one small interface: SQL with `$1`
//! placeholders, values of four types, rows read by column index. Every
//! write runs in one transaction that also serialises writers (SQLite
//! `BEGIN IMMEDIATE`, a PostgreSQL advisory lock), so the audit chain has
//! one writer at a time.

use std::path::Path;
use std::sync::Mutex;

use crate::error::{Result, ReviewError};

/// A value bound to a placeholder or read from a column.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    /// BIGINT.
    Int(Option<i64>),
    /// DOUBLE PRECISION.
    Real(Option<f64>),
    /// TEXT.
    Text(Option<String>),
    /// BYTEA / BLOB.
    Bytes(Option<Vec<u8>>),
}

impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(Some(v.to_string()))
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(Some(v))
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Self {
        Val::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Self {
        Val::Text(v)
    }
}
impl From<Option<&str>> for Val {
    fn from(v: Option<&str>) -> Self {
        Val::Text(v.map(str::to_string))
    }
}
impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(Some(v))
    }
}
impl From<f64> for Val {
    fn from(v: f64) -> Self {
        Val::Real(Some(v))
    }
}
impl From<Vec<u8>> for Val {
    fn from(v: Vec<u8>) -> Self {
        Val::Bytes(Some(v))
    }
}

/// One result row.
#[derive(Clone, Debug)]
pub struct Row(pub Vec<Val>);

impl Row {
    fn col(&self, i: usize) -> Result<&Val> {
        self.0.get(i).ok_or_else(|| ReviewError::Db(format!("result row has no column {i}")))
    }

    /// Column `i` as text (NULL is an error).
    pub fn text(&self, i: usize) -> Result<String> {
        self.opt_text(i)?.ok_or_else(|| ReviewError::Db(format!("column {i} is NULL, text expected")))
    }

    /// Column `i` as optional text.
    pub fn opt_text(&self, i: usize) -> Result<Option<String>> {
        match self.col(i)? {
            Val::Text(v) => Ok(v.clone()),
            Val::Int(None) | Val::Real(None) | Val::Bytes(None) => Ok(None),
            other => Err(ReviewError::Db(format!("column {i}: text expected, found {other:?}"))),
        }
    }

    /// Column `i` as an integer.
    pub fn int(&self, i: usize) -> Result<i64> {
        match self.col(i)? {
            Val::Int(Some(v)) => Ok(*v),
            other => Err(ReviewError::Db(format!("column {i}: integer expected, found {other:?}"))),
        }
    }

    /// Column `i` as a number (integers are widened).
    pub fn real(&self, i: usize) -> Result<f64> {
        match self.col(i)? {
            Val::Real(Some(v)) => Ok(*v),
            Val::Int(Some(v)) => Ok(*v as f64),
            other => Err(ReviewError::Db(format!("column {i}: number expected, found {other:?}"))),
        }
    }

    /// Column `i` as optional bytes.
    pub fn opt_bytes(&self, i: usize) -> Result<Option<Vec<u8>>> {
        match self.col(i)? {
            Val::Bytes(v) => Ok(v.clone()),
            Val::Text(None) | Val::Int(None) | Val::Real(None) => Ok(None),
            other => Err(ReviewError::Db(format!("column {i}: bytes expected, found {other:?}"))),
        }
    }

    /// Column `i` as bytes.
    pub fn bytes(&self, i: usize) -> Result<Vec<u8>> {
        match self.col(i)? {
            Val::Bytes(Some(v)) => Ok(v.clone()),
            other => Err(ReviewError::Db(format!("column {i}: bytes expected, found {other:?}"))),
        }
    }
}

/// Runs SQL inside a transaction of either backend.
pub trait Exec {
    /// Runs a statement; returns the rows changed.
    fn execute(&mut self, sql: &str, params: &[Val]) -> Result<u64>;
    /// Runs a query; returns all rows.
    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>>;
    /// Which backend runs the SQL.
    fn kind(&self) -> BackendKind;
}

/// The backend in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackendKind {
    /// Embedded SQLite.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// A connection to either backend, and the writes waiting to share a
/// transaction (see [`Backend::write_shared`]).
pub struct Backend {
    conn: Conn,
    group: crate::group::Group,
}

enum Conn {
    /// SQLite file, one connection shared under a lock.
    Sqlite(Mutex<rusqlite::Connection>),
    /// PostgreSQL, one client (with its prepared statements) shared under a lock.
    Postgres(Mutex<PgConn>),
}

/// A PostgreSQL client and the statements prepared on it (by SQL text), so
/// each statement costs one round trip instead of two.
pub struct PgConn {
    client: postgres::Client,
    statements: std::collections::HashMap<String, postgres::Statement>,
}

/// Lock id that serialises writers on PostgreSQL.
const PG_WRITE_LOCK: i64 = 0x5e15a1;

impl Backend {
    /// Opens (creating) an SQLite database at `path` in WAL mode.
    pub fn open_sqlite(path: &Path) -> Result<Backend> {
        let conn = rusqlite::Connection::open(path)
            .map_err(|e| ReviewError::Db(format!("{}: cannot open the SQLite database: {e}", path.display())))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        Ok(Backend { conn: Conn::Sqlite(Mutex::new(conn)), group: Default::default() })
    }

    /// Connects to PostgreSQL at `url` (`postgres://user:pass@host/db`).
    pub fn open_postgres(url: &str) -> Result<Backend> {
        let client = postgres::Client::connect(url, postgres::NoTls)
            .map_err(|e| ReviewError::Db(format!("cannot connect to PostgreSQL at {}: {e}", redact(url))))?;
        Ok(Backend { conn: Conn::Postgres(Mutex::new(PgConn { client, statements: Default::default() })), group: Default::default() })
    }

    /// Which backend this is.
    pub fn kind(&self) -> BackendKind {
        match self.conn {
            Conn::Sqlite(_) => BackendKind::Sqlite,
            Conn::Postgres(_) => BackendKind::Postgres,
        }
    }

    /// Runs `f` in one write transaction, committed when `f` succeeds and
    /// rolled back otherwise. Writers are serialised.
    pub fn write<T>(&self, f: impl FnOnce(&mut dyn Exec) -> Result<T>) -> Result<T> {
        let mut f = Some(f);
        let mut value = None;
        self.write_group(1, &mut |_, tx| {
            let v = f.take().map(|f| f(tx));
            let failed = !matches!(v, Some(Ok(_)));
            value = v;
            failed
        })?;
        value.unwrap_or_else(|| Err(ReviewError::Db("the write did not run".into())))
    }

    /// Like [`Backend::write`], but concurrent callers share one
    /// transaction (group commit): while one transaction commits, the
    /// writes arriving meanwhile queue, and the next caller runs them all
    /// in the next transaction, each in its own savepoint (a failing write
    /// is rolled back alone). Every caller returns only after the commit
    /// holding its write, so durability is that of `write`; the writes
    /// still run one after the other, so the audit chain stays linear.
    pub fn write_shared<T: Send + 'static>(&self, f: impl FnOnce(&mut dyn Exec) -> Result<T> + Send + 'static) -> Result<T> {
        self.group.run(self, f)
    }

    /// Runs `job(0..n)` in one transaction (each in a savepoint when there
    /// are several); returns the indexes of the jobs that failed and were
    /// rolled back. A job returns whether it failed. An error means the
    /// transaction itself failed and nothing of it was kept.
    pub(crate) fn write_group(&self, n: usize, job: &mut dyn FnMut(usize, &mut dyn Exec) -> bool) -> Result<Vec<usize>> {
        let single = n == 1;
        let mut failed = Vec::new();
        match &self.conn {
            Conn::Sqlite(conn) => {
                let mut conn = conn.lock().map_err(|_| ReviewError::Db("the connection lock is poisoned".into()))?;
                let mut tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                for i in 0..n {
                    if single {
                        if job(i, &mut SqliteExec(&tx)) {
                            return Ok(vec![i]);
                        }
                        continue;
                    }
                    let sp = tx.savepoint()?;
                    if job(i, &mut SqliteExec(&sp)) {
                        sp.finish()?;
                        failed.push(i);
                    } else {
                        sp.commit()?;
                    }
                }
                tx.commit()?;
            }
            Conn::Postgres(client) => {
                let mut guard = client.lock().map_err(|_| ReviewError::Db("the connection lock is poisoned".into()))?;
                let conn = &mut *guard;
                let mut tx = conn.client.transaction()?;
                tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PG_WRITE_LOCK])?;
                for i in 0..n {
                    if single {
                        if job(i, &mut PgExec { tx: &mut tx, statements: &mut conn.statements }) {
                            return Ok(vec![i]);
                        }
                        continue;
                    }
                    let mut sp = tx.savepoint("seisai_write")?;
                    if job(i, &mut PgExec { tx: &mut sp, statements: &mut conn.statements }) {
                        sp.rollback()?;
                        failed.push(i);
                    } else {
                        sp.commit()?;
                    }
                }
                tx.commit()?;
            }
        }
        Ok(failed)
    }

    /// Runs `f` for reading (a consistent snapshot on PostgreSQL).
    pub fn read<T>(&self, f: impl FnOnce(&mut dyn Exec) -> Result<T>) -> Result<T> {
        match &self.conn {
            Conn::Sqlite(conn) => {
                let mut conn = conn.lock().map_err(|_| ReviewError::Db("the connection lock is poisoned".into()))?;
                let tx = conn.transaction()?;
                let value = f(&mut SqliteExec(&tx))?;
                tx.commit()?;
                Ok(value)
            }
            Conn::Postgres(client) => {
                let mut guard = client.lock().map_err(|_| ReviewError::Db("the connection lock is poisoned".into()))?;
                let conn = &mut *guard;
                let mut tx = conn.client.build_transaction().read_only(true).start()?;
                let value = f(&mut PgExec { tx: &mut tx, statements: &mut conn.statements })?;
                tx.commit()?;
                Ok(value)
            }
        }
    }
}

/// `url` without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

struct SqliteExec<'a>(&'a rusqlite::Connection);

/// `$1` placeholders as SQLite's numbered `?1`.
fn sqlite_sql(sql: &str) -> String {
    sql.replace('$', "?")
}

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        Ok(match self {
            Val::Int(Some(v)) => ToSqlOutput::Owned(Value::Integer(*v)),
            Val::Real(Some(v)) => ToSqlOutput::Owned(Value::Real(*v)),
            Val::Text(Some(v)) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
            Val::Bytes(Some(v)) => ToSqlOutput::Borrowed(ValueRef::Blob(v)),
            _ => ToSqlOutput::Owned(Value::Null),
        })
    }
}

impl Exec for SqliteExec<'_> {
    fn execute(&mut self, sql: &str, params: &[Val]) -> Result<u64> {
        let mut stmt = self.0.prepare_cached(&sqlite_sql(sql))?;
        Ok(stmt.execute(rusqlite::params_from_iter(params.iter()))? as u64)
    }

    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>> {
        use rusqlite::types::ValueRef;
        let mut stmt = self.0.prepare_cached(&sqlite_sql(sql))?;
        let n = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let mut vals = Vec::with_capacity(n);
            for i in 0..n {
                vals.push(match row.get_ref(i)? {
                    ValueRef::Null => Val::Text(None),
                    ValueRef::Integer(v) => Val::Int(Some(v)),
                    ValueRef::Real(v) => Val::Real(Some(v)),
                    ValueRef::Text(v) => Val::Text(Some(String::from_utf8_lossy(v).into_owned())),
                    ValueRef::Blob(v) => Val::Bytes(Some(v.to_vec())),
                });
            }
            out.push(Row(vals));
        }
        Ok(out)
    }

    fn kind(&self) -> BackendKind {
        BackendKind::Sqlite
    }
}

struct PgExec<'a, 'b> {
    tx: &'a mut postgres::Transaction<'b>,
    statements: &'a mut std::collections::HashMap<String, postgres::Statement>,
}

impl PgExec<'_, '_> {
    fn statement(&mut self, sql: &str) -> Result<postgres::Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(sql)?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

impl postgres::types::ToSql for Val {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Val::Int(v) => v.to_sql(ty, out),
            Val::Real(v) => v.to_sql(ty, out),
            Val::Text(v) => v.to_sql(ty, out),
            Val::Bytes(v) => v.to_sql(ty, out),
        }
    }

    fn accepts(_ty: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

fn pg_params(params: &[Val]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn postgres::types::ToSql + Sync)).collect()
}

impl Exec for PgExec<'_, '_> {
    fn execute(&mut self, sql: &str, params: &[Val]) -> Result<u64> {
        let stmt = self.statement(sql)?;
        Ok(self.tx.execute(&stmt, &pg_params(params))?)
    }

    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>> {
        use postgres::types::Type;
        let stmt = self.statement(sql)?;
        let rows = self.tx.query(&stmt, &pg_params(params))?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut vals = Vec::with_capacity(row.len());
            for (i, col) in row.columns().iter().enumerate() {
                let ty = col.type_();
                vals.push(if *ty == Type::INT8 {
                    Val::Int(row.try_get(i)?)
                } else if *ty == Type::INT4 {
                    Val::Int(row.try_get::<_, Option<i32>>(i)?.map(i64::from))
                } else if *ty == Type::FLOAT8 {
                    Val::Real(row.try_get(i)?)
                } else if *ty == Type::BYTEA {
                    Val::Bytes(row.try_get(i)?)
                } else {
                    Val::Text(row.try_get(i)?)
                });
            }
            out.push(Row(vals));
        }
        Ok(out)
    }

    fn kind(&self) -> BackendKind {
        BackendKind::Postgres
    }
}
