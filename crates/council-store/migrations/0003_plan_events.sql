-- Events (行事), the community plan (地域まちづくり計画) with its indicators, and attached files.
--
-- Attached files (photos) live in the data folder as `attachments/<sha256>`: content-addressed, so the
-- same photo attached twice is stored once and a record never points at an outside path that can
-- vanish. This table names them.
CREATE TABLE attachment (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX attachment_by_sha256 ON attachment (sha256);

-- A plan version. Revising a plan copies its tree into a new version (same `lineage`, next
-- `version`) and locks the earlier one: earlier versions stay readable and printable, never edited.
CREATE TABLE plan (
    id TEXT PRIMARY KEY,
    lineage TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    start_year INTEGER NOT NULL,
    end_year INTEGER NOT NULL,
    vision TEXT NOT NULL DEFAULT '',
    revision_note TEXT NOT NULL DEFAULT '',
    locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (end_year >= start_year),
    UNIQUE (lineage, version)
) STRICT;

-- 基本方針. `lineage` (here and below) is the ID of the node in the plan's first version, kept by
-- every copy, so events and reviews follow an action across revisions.
CREATE TABLE plan_policy (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    lineage TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description TEXT NOT NULL DEFAULT '',
    UNIQUE (plan_id, number)
) STRICT;

-- 施策, with 現状と課題.
CREATE TABLE plan_measure (
    id TEXT PRIMARY KEY,
    policy_id TEXT NOT NULL REFERENCES plan_policy (id) ON DELETE CASCADE,
    lineage TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    current_state TEXT NOT NULL DEFAULT '',
    UNIQUE (policy_id, number)
) STRICT;

-- 事業: number, name, content, main activities, responsible parties (主体), status.
CREATE TABLE plan_action (
    id TEXT PRIMARY KEY,
    measure_id TEXT NOT NULL REFERENCES plan_measure (id) ON DELETE CASCADE,
    lineage TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    content TEXT NOT NULL DEFAULT '',
    main_activities TEXT NOT NULL DEFAULT '',
    responsible TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done', 'paused')),
    UNIQUE (measure_id, number)
) STRICT;

CREATE INDEX plan_action_by_lineage ON plan_action (lineage);

CREATE TABLE plan_action_partner (
    action_id TEXT NOT NULL REFERENCES plan_action (id) ON DELETE CASCADE,
    partner_id TEXT NOT NULL REFERENCES partner (id),
    PRIMARY KEY (action_id, partner_id)
) STRICT;

-- When an action runs: a fiscal year and a quarter (1 = April–June … 4 = January–March).
CREATE TABLE plan_action_schedule (
    action_id TEXT NOT NULL REFERENCES plan_action (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    PRIMARY KEY (action_id, fiscal_year, quarter)
) STRICT;

-- The yearly review (進捗管理) of an action: its status in a fiscal year and the council's comment.
CREATE TABLE plan_action_review (
    action_id TEXT NOT NULL REFERENCES plan_action (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'paused')),
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (action_id, fiscal_year)
) STRICT;

-- 指標 on a measure or on an action (exactly one): baseline (現状値) and target (目標値) with their
-- fiscal years, and the reasoning (設定の考え方).
CREATE TABLE plan_indicator (
    id TEXT PRIMARY KEY,
    measure_id TEXT REFERENCES plan_measure (id) ON DELETE CASCADE,
    action_id TEXT REFERENCES plan_action (id) ON DELETE CASCADE,
    lineage TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit TEXT NOT NULL DEFAULT '',
    baseline_value REAL NOT NULL,
    baseline_year INTEGER NOT NULL,
    target_value REAL NOT NULL,
    target_year INTEGER NOT NULL,
    reasoning TEXT NOT NULL DEFAULT '',
    CHECK ((measure_id IS NULL) <> (action_id IS NULL)),
    CHECK (target_year >= baseline_year)
) STRICT;

CREATE INDEX plan_indicator_by_measure ON plan_indicator (measure_id);
CREATE INDEX plan_indicator_by_action ON plan_indicator (action_id);

-- The actual value of an indicator in a fiscal year.
CREATE TABLE plan_indicator_actual (
    indicator_id TEXT NOT NULL REFERENCES plan_indicator (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (indicator_id, fiscal_year)
) STRICT;

-- 行事. A single-day event has ends_on = starts_on; times are local Japan time (HH:MM) or absent for an
-- all-day event. `grant_id` names the grant that pays for it once grants exist (no constraint yet).
CREATE TABLE event (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    category TEXT NOT NULL CHECK (category IN ('festival', 'cleanup', 'disaster_drill', 'seniors', 'children', 'lecture', 'sports', 'other')),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    start_time TEXT,
    end_time TEXT,
    place TEXT NOT NULL DEFAULT '',
    organiser TEXT NOT NULL DEFAULT '',
    expected_participants INTEGER CHECK (expected_participants >= 0),
    actual_participants INTEGER CHECK (actual_participants >= 0),
    volunteers INTEGER CHECK (volunteers >= 0),
    cost INTEGER CHECK (cost >= 0),
    notes TEXT NOT NULL DEFAULT '',
    action_id TEXT REFERENCES plan_action (id) ON DELETE SET NULL,
    grant_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
) STRICT;

CREATE INDEX event_by_date ON event (starts_on);
CREATE INDEX event_by_action ON event (action_id);

CREATE TABLE event_partner (
    event_id TEXT NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    partner_id TEXT NOT NULL REFERENCES partner (id),
    PRIMARY KEY (event_id, partner_id)
) STRICT;

CREATE TABLE event_photo (
    event_id TEXT NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    attachment_id TEXT NOT NULL REFERENCES attachment (id),
    sort_order INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, attachment_id)
) STRICT;
