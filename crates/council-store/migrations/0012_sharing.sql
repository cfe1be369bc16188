-- Sharing one council's data between officers' PCs.
--
-- This PC's own preferences (language, text size, the operator at the keyboard, template folder,
-- date style), when a copy of the data last left it, and the fingerprint of the signing key in its
-- data folder move out of `setting` into `local_setting`: `setting` holds the council's rules and is
-- shared with the other PCs, while a preference of one PC never travels.
CREATE TABLE local_setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

INSERT INTO local_setting (key, value)
    SELECT key, value FROM setting
    WHERE key IN ('language', 'text_scale', 'operator_name', 'template_dir', 'date_style', 'backup_copied_at',
                  'signing_key_fingerprint');
DELETE FROM setting WHERE key IN ('language', 'text_scale', 'operator_name', 'template_dir', 'date_style',
                                  'backup_copied_at', 'signing_key_fingerprint');

-- The PCs (devices) sharing the council, shared with every PC: each device's public signing key,
-- the officer using it and their role. Only a 会長's device may add, change or revoke one (a
-- device may change its own officer name); a record signed after its device's revocation is refused.
CREATE TABLE sync_device (
    id TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    officer TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('chair', 'treasurer', 'secretary', 'auditor', 'block_leader', 'reader')),
    block_id TEXT,
    added_at TEXT NOT NULL,
    revoked_clock INTEGER
) STRICT;

-- This PC's place in the sharing (local, never shared): which device it is, the shared folder, the
-- hybrid logical clock and the next record's number. No row: the council is not shared.
CREATE TABLE sync_state (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    sharing_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    clock INTEGER NOT NULL DEFAULT 0,
    next_seq INTEGER NOT NULL DEFAULT 1,
    remote_json TEXT NOT NULL,
    last_sync TEXT,
    last_error TEXT
) STRICT;

-- Every change record this PC knows (local): its own (captured by the write context, `sent` once
-- uploaded) and the other PCs' (downloaded). Applied records keep `undo`, the exact inverse of what
-- applying them did, so that a record arriving late can be put in its place in (clock, device) order.
CREATE TABLE sync_log (
    device TEXT NOT NULL,
    seq INTEGER NOT NULL,
    clock INTEGER NOT NULL,
    officer TEXT NOT NULL,
    schema INTEGER NOT NULL,
    changeset BLOB NOT NULL,
    history_json TEXT NOT NULL DEFAULT '[]',
    header BLOB,
    signature BLOB,
    hash TEXT,
    undo BLOB,
    state TEXT NOT NULL CHECK (state IN ('applied', 'refused', 'waiting')),
    reason TEXT,
    sent INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (device, seq)
) STRICT;
CREATE INDEX sync_log_order ON sync_log (clock, device);

-- What two PCs changed at the same time (local: each PC works them out the same way): the value
-- kept, the value set aside, who and when, until someone has looked at it.
CREATE TABLE sync_conflict (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('field', 'deleted', 'double_entry', 'refused')),
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,
    column_name TEXT NOT NULL DEFAULT '',
    kept_value TEXT,
    other_value TEXT,
    kept_device TEXT NOT NULL DEFAULT '',
    kept_clock INTEGER NOT NULL DEFAULT 0,
    other_device TEXT NOT NULL DEFAULT '',
    other_clock INTEGER NOT NULL DEFAULT 0,
    detail TEXT NOT NULL DEFAULT '',
    resolved_at TEXT,
    UNIQUE (kind, table_name, row_key, column_name, kept_device, kept_clock)
) STRICT;
