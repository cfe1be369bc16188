-- Members: blocks (班・組), households (世帯) with their block history, persons, officers' terms,
-- partners (連携団体), and dues (会費). History is kept, never deleted: counts for any past date stay
-- reproducible.

CREATE TABLE block (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    sort_order INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX block_by_name ON block (name);

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

CREATE INDEX household_by_block ON household (block_id);
CREATE INDEX household_by_sort_key ON household (sort_key, address, id);

-- Which block a household belonged to from which date (`household.block_id` is the latest), so
-- per-block counts for a past date are reproducible after moves.
CREATE TABLE household_block (
    household_id TEXT NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    from_date TEXT NOT NULL,
    block_id TEXT REFERENCES block (id),
    PRIMARY KEY (household_id, from_date)
) STRICT;

CREATE INDEX household_block_by_block ON household_block (block_id);

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

CREATE INDEX person_by_household ON person (household_id);
CREATE INDEX person_by_kana ON person (kana_key);

-- An officer's term in a role (会長, 班長 of a block, 防災部長 …).
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

CREATE INDEX officer_term_by_dates ON officer_term (starts_on, ends_on);

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

-- The standard dues per household for a fiscal year, and the reduced amount for a household of one
-- person aged `elderly_age` or over on the fiscal year's first day (a common council rule).
CREATE TABLE dues_rate (
    fiscal_year INTEGER PRIMARY KEY,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    single_elderly_amount INTEGER CHECK (single_elderly_amount >= 0),
    elderly_age INTEGER NOT NULL DEFAULT 75 CHECK (elderly_age BETWEEN 0 AND 130),
    updated_at TEXT NOT NULL
) STRICT;

-- A household's own amount for a year (exemption = 0, or a reduction), with the reason.
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

CREATE INDEX dues_payment_by_year ON dues_payment (fiscal_year, household_id);
