//! What a database file from outside (a backup, a hand-over's payload) must show before any of it is
//! trusted: that its content is what was written (a checksum over every row), that its schema is
//! exactly what this app's migrations make for its version (no trigger, view, table or index the app
//! did not make), and that every attached file is the file its name says it is.
//!
//! SQLite's own `integrity_check` finds a damaged file, not a changed or planted one: a flipped bit
//! inside a text or a number, or a trigger added with any SQLite tool, passes it.

use std::collections::BTreeMap;

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

use crate::error::Result;

/// Tables only backups and hand-overs have, beside the council's own: their metadata, the attached
/// files, and a hand-over's keys and outbox. They are dropped before the data is put in place.
pub(crate) const CONTAINER_TABLES: &[&str] = &["backup_meta", "backup_file", "handover_key", "handover_outbox"];

/// The `backup_meta` key of the content checksum.
pub(crate) const CONTENT_KEY: &str = "content_sha256";

/// A checksum of every row of every table (each table by name, its rows in storage order, each value
/// with its type), leaving out only the checksum's own row. Two files with the same rows have the
/// same checksum whatever their pages look like; one changed value changes it.
pub(crate) fn content_digest(conn: &Connection) -> Result<String> {
    let mut hash = Sha256::new();
    let tables: Vec<(String, String)> = {
        let mut stmt = conn.prepare(
            "SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    for (table, sql) in tables {
        hash.update(b"T");
        put_bytes(&mut hash, table.as_bytes());
        let order = if sql.to_ascii_uppercase().contains("WITHOUT ROWID") { "1" } else { "rowid" };
        let filter = if table == "backup_meta" { format!(" WHERE key <> '{CONTENT_KEY}'") } else { String::new() };
        let mut stmt =
            conn.prepare(&format!("SELECT * FROM \"{}\"{filter} ORDER BY {order}", table.replace('"', "\"\"")))?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            hash.update(b"R");
            for i in 0..columns {
                match row.get_ref(i)? {
                    ValueRef::Null => hash.update(b"n"),
                    ValueRef::Integer(v) => {
                        hash.update(b"i");
                        hash.update(v.to_le_bytes());
                    }
                    ValueRef::Real(v) => {
                        hash.update(b"r");
                        hash.update(v.to_bits().to_le_bytes());
                    }
                    ValueRef::Text(t) => {
                        hash.update(b"t");
                        put_bytes(&mut hash, t);
                    }
                    ValueRef::Blob(b) => {
                        hash.update(b"b");
                        put_bytes(&mut hash, b);
                    }
                }
            }
        }
    }
    Ok(hex(&hash.finalize()))
}

fn put_bytes(hash: &mut Sha256, bytes: &[u8]) {
    hash.update((bytes.len() as u64).to_le_bytes());
    hash.update(bytes);
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The schema objects of a database: `(type, name) → SQL` (`""` for SQLite's automatic indexes),
/// leaving out SQLite's own and the container tables.
fn objects(conn: &Connection) -> Result<BTreeMap<(String, String), String>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(((r.get::<_, String>(0)?, r.get::<_, String>(1)?), r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let ((kind, name), table, sql) = row?;
        // A container table and its automatic index; a trigger on one is still compared (and refused).
        if CONTAINER_TABLES.contains(&name.as_str()) || (kind == "index" && CONTAINER_TABLES.contains(&table.as_str()))
        {
            continue;
        }
        out.insert((kind, name), normalise(&sql));
    }
    Ok(out)
}

/// SQL text with runs of white space as one space (SQLite keeps a statement's text as written).
fn normalise(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Compares the schema of `conn` with what this app's migrations make at `version`: `None` when they
/// are the same object for object, else what differs first, in words.
pub(crate) fn schema_difference(conn: &Connection, version: i64) -> Result<Option<String>> {
    let expected = {
        let reference = Connection::open_in_memory()?;
        crate::store::migrate_to(&reference, version)?;
        objects(&reference)?
    };
    let actual = objects(conn)?;
    for (key, sql) in &actual {
        match expected.get(key) {
            None => return Ok(Some(format!("{} {}", key.0, key.1))),
            Some(want) if want != sql => return Ok(Some(format!("{} {} (changed)", key.0, key.1))),
            Some(_) => {}
        }
    }
    Ok(expected.keys().find(|k| !actual.contains_key(*k)).map(|k| format!("{} {} (missing)", k.0, k.1)))
}

/// Whether `name` is an attached file's name as the app gives it: the SHA-256 of the content, in 64
/// lower-case hex digits (files of other names in the folder are a person's own, never read by the app).
pub(crate) fn is_content_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether an attached file's bytes are what its name says: a file named by a SHA-256 must hold
/// exactly the bytes of that SHA-256 (the app reads it as that content, a receipt or a photo).
pub(crate) fn attachment_matches(name: &str, bytes: &[u8]) -> bool {
    !is_content_name(name) || hex(&Sha256::digest(bytes)) == name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_value_changes_the_checksum_and_the_checksum_s_own_row_does_not() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(
            "CREATE TABLE t (a TEXT, b INTEGER); INSERT INTO t VALUES ('山田', 1), ('佐藤', 2);
             CREATE TABLE backup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
        )
        .expect("fill");
        let before = content_digest(&conn).expect("digest");
        conn.execute("INSERT INTO backup_meta VALUES (?1, ?2)", [CONTENT_KEY, &before]).expect("meta");
        assert_eq!(content_digest(&conn).expect("digest"), before, "the checksum's own row is left out");
        conn.execute("UPDATE t SET b = 3 WHERE a = '佐藤'", []).expect("change");
        assert_ne!(content_digest(&conn).expect("digest"), before, "one changed number");
        conn.execute("UPDATE t SET b = 2, a = '佐膝' WHERE a = '佐藤'", []).expect("change");
        assert_ne!(content_digest(&conn).expect("digest"), before, "one changed character");
    }

    #[test]
    fn the_app_s_own_schema_matches_and_a_planted_trigger_does_not() {
        let conn = Connection::open_in_memory().expect("db");
        crate::store::migrate_to(&conn, crate::store::latest_version()).expect("migrate");
        assert_eq!(schema_difference(&conn, crate::store::latest_version()).expect("compare"), None);
        assert!(schema_difference(&conn, 1).expect("compare").is_some(), "a schema is not an older version's");
        conn.execute_batch("CREATE TRIGGER t AFTER INSERT ON audit_log BEGIN DELETE FROM person; END;").expect("plant");
        let difference = schema_difference(&conn, crate::store::latest_version()).expect("compare");
        assert_eq!(difference.as_deref(), Some("trigger t"), "the planted object is named");
    }

    #[test]
    fn an_attachment_must_be_named_by_its_content() {
        let bytes = b"receipt";
        let name = hex(&Sha256::digest(bytes));
        assert!(attachment_matches(&name, bytes));
        assert!(!attachment_matches(&name, b"receipts"), "other bytes under a content name");
        assert!(attachment_matches("photo.jpg", bytes), "a person's own file is not the app's to judge");
        assert!(!is_content_name(&name.to_uppercase()), "the app writes lower case");
    }
}
