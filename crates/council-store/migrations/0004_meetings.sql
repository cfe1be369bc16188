-- Meetings and minutes (会議・議事録): the meeting with its invitees and their attendance, the agenda
-- (議題 and 議案 in one ordered list), papers attached to an item, the minutes with their lifecycle and
-- amendments, and action items. A paper's file lives content-addressed in the data folder's
-- attachments/ (named by its SHA-256 here), so backups and hand-overs carry it.

CREATE TABLE meeting (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('general', 'extraordinary_general', 'board', 'block_leaders', 'committee', 'other')),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    held_on TEXT NOT NULL,
    starts_at TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    chair TEXT NOT NULL DEFAULT '',
    invite TEXT NOT NULL CHECK (invite IN ('all_households', 'all_persons', 'officers', 'block_leaders', 'none')),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX meeting_by_date ON meeting (held_on);

-- Who is invited, fixed when the meeting is created (the roster may change afterwards; the meeting's
-- count of members must not), and how each attended.
CREATE TABLE meeting_invitee (
    meeting_id TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    household_id TEXT,
    person_id TEXT,
    name TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    attendance TEXT NOT NULL DEFAULT 'unrecorded'
        CHECK (attendance IN ('unrecorded', 'present', 'proxy', 'written_vote', 'absent')),
    proxy_holder TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, seq)
) STRICT;

-- One line of the agenda: a topic (議題: report, discussion) or a motion (議案) with its proposal, the
-- majority it needs and its result. Motion numbers (第1号議案…) follow the agenda order.
CREATE TABLE agenda_item (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('topic', 'motion')),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    presenter TEXT NOT NULL DEFAULT '',
    planned_minutes INTEGER CHECK (planned_minutes >= 0),
    proposal TEXT NOT NULL DEFAULT '',
    majority TEXT NOT NULL DEFAULT 'simple' CHECK (majority IN ('simple', 'two_thirds')),
    result TEXT NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'carried', 'rejected', 'continued')),
    votes_for INTEGER CHECK (votes_for >= 0),
    votes_against INTEGER CHECK (votes_against >= 0),
    votes_abstain INTEGER CHECK (votes_abstain >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX agenda_item_by_meeting ON agenda_item (meeting_id, position);

CREATE TABLE agenda_paper (
    id TEXT PRIMARY KEY,
    agenda_item_id TEXT NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL CHECK (length(trim(file_name)) > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    size INTEGER NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX agenda_paper_by_item ON agenda_paper (agenda_item_id);

-- The minutes of a meeting, or an amendment of signed minutes (`amends_id`). Signed minutes keep the
-- document exactly as signed (`signed_json`) and refuse every edit.
CREATE TABLE minutes (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    amends_id TEXT REFERENCES minutes (id),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'circulated', 'approved', 'signed')),
    chair TEXT NOT NULL DEFAULT '',
    recorder TEXT NOT NULL DEFAULT '',
    signatory1 TEXT NOT NULL DEFAULT '',
    signatory2 TEXT NOT NULL DEFAULT '',
    opening TEXT NOT NULL DEFAULT '',
    closing TEXT NOT NULL DEFAULT '',
    correction TEXT NOT NULL DEFAULT '',
    circulated_on TEXT,
    approved_on TEXT,
    signed_on TEXT,
    signed_json TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((status = 'signed') = (signed_json IS NOT NULL))
) STRICT;

CREATE UNIQUE INDEX minutes_one_original ON minutes (meeting_id) WHERE amends_id IS NULL;
CREATE UNIQUE INDEX minutes_one_amendment_each ON minutes (amends_id) WHERE amends_id IS NOT NULL;

-- The discussion recorded for each agenda item, as plain text (shown as text, never as markup).
CREATE TABLE minutes_item (
    minutes_id TEXT NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
    agenda_item_id TEXT NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    discussion TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (minutes_id, agenda_item_id)
) STRICT;

CREATE TABLE action_item (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    agenda_item_id TEXT REFERENCES agenda_item (id) ON DELETE SET NULL,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    owner TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX action_item_by_status ON action_item (status, due_on);
