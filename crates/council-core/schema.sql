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

CREATE TABLE block (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    sort_order INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

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

CREATE TABLE dues_adjustment (
    household_id TEXT NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    reason TEXT NOT NULL,
    PRIMARY KEY (household_id, fiscal_year)
) STRICT;

CREATE TABLE dues_payment (
    id TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    paid_on TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    collected_by TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE dues_rate (
    fiscal_year INTEGER PRIMARY KEY,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    single_elderly_amount INTEGER CHECK (single_elderly_amount >= 0),
    elderly_age INTEGER NOT NULL DEFAULT 75 CHECK (elderly_age BETWEEN 0 AND 130),
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE household (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL,
    block_id TEXT REFERENCES block (id),
    joined_on TEXT NOT NULL,
    left_on TEXT,
    leave_reason TEXT CHECK (leave_reason IN ('moved_out', 'deceased', 'withdrew', 'other')),
    notes TEXT NOT NULL DEFAULT '',
    -- Folded text of the household and all its persons (one LIKE finds a household by anyone in it),
    -- and its head's folded reading (the roster's 五十音 order); kept current by every write.
    search_key TEXT NOT NULL DEFAULT '',
    sort_key TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((left_on IS NULL) = (leave_reason IS NULL)),
    CHECK (left_on IS NULL OR left_on >= joined_on)
) STRICT;

CREATE TABLE household_block (
    household_id TEXT NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    from_date TEXT NOT NULL,
    block_id TEXT REFERENCES block (id),
    PRIMARY KEY (household_id, from_date)
) STRICT;

CREATE TABLE officer_term (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('president', 'vice_president', 'treasurer', 'secretary', 'auditor', 'block_leader', 'committee_chair', 'custom')),
    title TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES person (id),
    block_id TEXT REFERENCES block (id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (ends_on >= starts_on),
    CHECK ((role = 'block_leader') = (block_id IS NOT NULL))
) STRICT;

CREATE TABLE partner (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('npo', 'school', 'business', 'council', 'government', 'other')),
    contact_person TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE person (
    id TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kana TEXT NOT NULL,
    kana_key TEXT NOT NULL,
    is_head INTEGER NOT NULL DEFAULT 0 CHECK (is_head IN (0, 1)),
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    birth_year INTEGER,
    notes TEXT NOT NULL DEFAULT '',
    search_key TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_by_record ON audit_log (entity, entity_id, seq);

CREATE UNIQUE INDEX block_by_name ON block (name);

CREATE INDEX dues_payment_by_year ON dues_payment (fiscal_year, household_id);

CREATE INDEX household_block_by_block ON household_block (block_id);

CREATE INDEX household_by_block ON household (block_id);

CREATE INDEX household_by_sort_key ON household (sort_key, address, id);

CREATE INDEX officer_term_by_dates ON officer_term (starts_on, ends_on);

CREATE INDEX person_by_household ON person (household_id);

CREATE INDEX person_by_kana ON person (kana_key);

