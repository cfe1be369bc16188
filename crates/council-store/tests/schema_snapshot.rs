//! Applies every migration to an empty database file and compares the schema with the committed
//! snapshot (`schema.sql`), so a schema change is always a deliberate, reviewed change.
//! Regenerate with `UPDATE_SNAPSHOTS=1 cargo test -p council-store --test schema_snapshot`.

use council_store::store::{Store, schema_sql};

#[test]
fn schema_matches_the_committed_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("council.sqlite3")).expect("open");
    let actual = schema_sql(store.conn()).expect("schema");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.sql");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        actual, expected,
        "the migrated schema differs from crates/council-store/schema.sql; if the change is intended, \
         add a new migration (never edit a shipped one) and run UPDATE_SNAPSHOTS=1 cargo test -p council-store --test schema_snapshot"
    );
}
