//! A changeset read into plain values: what a record would do, row by row, so that it can be checked
//! (roles, signed minutes) before it is applied and described to people.

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator as _;
use rusqlite::hooks::Action;
use rusqlite::session::{ChangesetItem, ChangesetIter};
use rusqlite::types::{Value, ValueRef};

use crate::error::Result;

/// What a row change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// A new row.
    Insert,
    /// A changed row.
    Update,
    /// A removed row.
    Delete,
}

/// One row's change.
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    /// The table.
    pub table: String,
    /// What it does.
    pub op: Op,
    /// Which columns make the primary key.
    pub pk: Vec<bool>,
    /// The values before (all columns of a delete; the key and changed columns of an update).
    pub old: Vec<Option<Value>>,
    /// The values after (all columns of an insert; the changed columns of an update).
    pub new: Vec<Option<Value>>,
}

impl RowChange {
    /// The primary key's values.
    pub fn key(&self) -> Vec<Value> {
        let side = if self.op == Op::Insert { &self.new } else { &self.old };
        self.pk.iter().zip(side).filter(|(is_pk, _)| **is_pk).map(|(_, v)| v.clone().unwrap_or(Value::Null)).collect()
    }

    /// The value of column `i` after the change (before it, for a delete; unchanged columns of an
    /// update are `None`).
    pub fn value(&self, i: usize) -> Option<&Value> {
        match self.op {
            Op::Delete => self.old.get(i).and_then(Option::as_ref),
            _ => self.new.get(i).and_then(Option::as_ref),
        }
    }
}

/// Reads every row change of `changeset`.
pub fn read(changeset: &[u8]) -> Result<Vec<RowChange>> {
    let mut input: &[u8] = changeset;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut iter = ChangesetIter::start_strm(&reader)?;
    let mut out = Vec::new();
    while let Some(item) = iter.next()? {
        out.push(row_change(item)?);
    }
    Ok(out)
}

/// The tables a changeset changes, in order (a table once per run of its changes), without reading
/// the values: enough to see at once that a write needs no closer look.
pub fn tables(changeset: &[u8]) -> Result<Vec<String>> {
    let mut input: &[u8] = changeset;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut iter = ChangesetIter::start_strm(&reader)?;
    let mut out: Vec<String> = Vec::new();
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        if out.last().is_none_or(|t| t != op.table_name()) {
            out.push(op.table_name().to_owned());
        }
    }
    Ok(out)
}

/// One item of a changeset (or of a conflict) as plain values.
pub fn row_change(item: &ChangesetItem) -> Result<RowChange> {
    let op = item.op()?;
    let n = op.number_of_columns() as usize;
    let table = op.table_name().to_owned();
    let op = match op.code() {
        Action::SQLITE_INSERT => Op::Insert,
        Action::SQLITE_DELETE => Op::Delete,
        _ => Op::Update,
    };
    let pk = item.pk()?.iter().map(|b| *b != 0).collect();
    let owned = |v: rusqlite::Result<ValueRef<'_>>| v.ok().map(owned);
    let old = (0..n).map(|i| if op == Op::Insert { None } else { owned(item.old_value(i)) }).collect();
    let new = (0..n).map(|i| if op == Op::Delete { None } else { owned(item.new_value(i)) }).collect();
    Ok(RowChange { table, op, pk, old, new })
}

/// An owned copy of a value read from SQLite.
pub fn owned(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// A value as JSON (kept in the conflict list, and turned back into the same value).
pub fn to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => serde_json::json!(i),
        Value::Real(f) => serde_json::json!(f),
        Value::Text(s) => serde_json::json!(s),
        Value::Blob(b) => serde_json::json!({ "blob": hex::encode(b) }),
    }
}

/// The value a JSON value stands for.
pub fn from_json(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Object(o) => {
            Value::Blob(o.get("blob").and_then(|b| b.as_str()).and_then(|h| hex::decode(h).ok()).unwrap_or_default())
        }
        serde_json::Value::Array(_) => Value::Null,
    }
}

/// A value for people: text as it is, numbers as numbers, nothing as 「（空）」.
pub fn display(v: &Value) -> String {
    match v {
        Value::Null => "（空）".to_owned(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(b) => format!("（{} バイト）", b.len()),
    }
}

/// The column names of `table`, in order.
pub fn columns(conn: &rusqlite::Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = stmt.query_map([table], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}
