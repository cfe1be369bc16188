-- The council itself: exactly one row per database (one council per data folder).
CREATE TABLE council (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('jichikai', 'chonaikai', 'chiku_shinkokai', 'machizukuri_kyogikai', 'other')),
    kind_other TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL,
    district TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    representative_title TEXT NOT NULL DEFAULT '会長',
    representative_name TEXT NOT NULL,
    fiscal_year_start_month INTEGER NOT NULL DEFAULT 4 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- Preferences of this data folder (language, text size, the operator's name).
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Who changed what, when: every write appends here in the same transaction as the change.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
    summary TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
) STRICT;

CREATE INDEX audit_log_by_record ON audit_log (entity, entity_id, seq);
