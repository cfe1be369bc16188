CREATE TABLE account (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('general', 'special')),
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
, dues_posting TEXT NOT NULL DEFAULT 'payment' CHECK (dues_posting IN ('payment', 'day'))) STRICT;

CREATE TABLE account_asset (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1),
    location TEXT NOT NULL DEFAULT '',
    acquired_on TEXT,
    value INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),
    notes TEXT NOT NULL DEFAULT '',
    disposed_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE account_audit (
    account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    audited_on TEXT NOT NULL,
    auditors TEXT NOT NULL CHECK (length(trim(auditors)) > 0),
    finding TEXT NOT NULL CHECK (length(trim(finding)) > 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, fiscal_year)
) STRICT;

CREATE TABLE account_balance_check (
    book_id TEXT NOT NULL REFERENCES book (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    counted INTEGER NOT NULL CHECK (counted >= 0),
    checked_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (book_id, fiscal_year)
) STRICT;

CREATE TABLE account_budget (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    approved_on TEXT,
    meeting_id TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (account_id, fiscal_year, version)
) STRICT;

CREATE TABLE account_budget_line (
    budget_id TEXT NOT NULL REFERENCES account_budget (id) ON DELETE CASCADE,
    category_id TEXT NOT NULL REFERENCES account_category (id),
    amount INTEGER NOT NULL CHECK (amount >= 0),
    explanation TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (budget_id, category_id)
) STRICT;

CREATE TABLE account_budget_transfer (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    from_category TEXT NOT NULL REFERENCES account_category (id),
    to_category TEXT NOT NULL REFERENCES account_category (id),
    amount INTEGER NOT NULL CHECK (amount > 0),
    decided_on TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at TEXT NOT NULL,
    CHECK (from_category <> to_category)
) STRICT;

CREATE TABLE account_category (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('income', 'expense')),
    parent_id TEXT REFERENCES account_category (id),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role TEXT NOT NULL DEFAULT '' CHECK (role IN ('', 'dues', 'carry_over', 'reserve')),
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE account_month_close (
    account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    month TEXT NOT NULL CHECK (length(month) = 7),
    closed_on TEXT NOT NULL,
    PRIMARY KEY (account_id, month)
) STRICT;

CREATE TABLE account_year_close (
    account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    closed_on TEXT NOT NULL,
    carry_over INTEGER NOT NULL, approved_on TEXT, meeting_id TEXT,
    PRIMARY KEY (account_id, fiscal_year)
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
, search_text TEXT NOT NULL DEFAULT '', comparison TEXT NOT NULL DEFAULT '[]') STRICT;

CREATE TABLE agenda_paper (
    id TEXT PRIMARY KEY,
    agenda_item_id TEXT NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL CHECK (length(trim(file_name)) > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    size INTEGER NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE attachment (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    created_at TEXT NOT NULL
) STRICT;

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

CREATE TABLE book (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('cash', 'bank')),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE content_version (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id TEXT NOT NULL
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
, receipt_series INTEGER NOT NULL DEFAULT 0, receipt_no INTEGER NOT NULL DEFAULT 0) STRICT;

CREATE TABLE dues_rate (
    fiscal_year INTEGER PRIMARY KEY,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    single_elderly_amount INTEGER CHECK (single_elderly_amount >= 0),
    elderly_age INTEGER NOT NULL DEFAULT 75 CHECK (elderly_age BETWEEN 0 AND 130),
    updated_at TEXT NOT NULL
) STRICT;

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
    updated_at TEXT NOT NULL, search_text TEXT NOT NULL DEFAULT '', notice_issued_on TEXT, fee INTEGER CHECK (fee >= 0), notice_text TEXT NOT NULL DEFAULT '', notice_blocks TEXT NOT NULL DEFAULT '[]', notice_copies INTEGER NOT NULL DEFAULT 1,
    CHECK (ends_on >= starts_on)
) STRICT;

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

CREATE TABLE grant_application (
    id TEXT PRIMARY KEY,
    program_id TEXT NOT NULL REFERENCES grant_program (id),
    project_name TEXT NOT NULL CHECK (length(trim(project_name)) > 0),
    purpose TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    target_group TEXT NOT NULL DEFAULT '',
    expected_participants INTEGER CHECK (expected_participants >= 0),
    partners_text TEXT NOT NULL DEFAULT '',
    expected_effect TEXT NOT NULL DEFAULT '',
    requested_amount INTEGER NOT NULL DEFAULT 0 CHECK (requested_amount >= 0),
    completed_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'applied', 'awarded', 'in_progress',
        'change_applied', 'change_approved', 'reported', 'settled', 'claimed', 'paid', 'withdrawn', 'rejected')),
    applied_on TEXT,
    awarded_on TEXT,
    amount_granted INTEGER CHECK (amount_granted >= 0),
    award_number TEXT NOT NULL DEFAULT '',
    advance_paid_on TEXT,
    advance_amount INTEGER CHECK (advance_amount > 0),
    change_applied_on TEXT,
    change_approved_on TEXT,
    reported_on TEXT,
    settled_on TEXT,
    settled_amount INTEGER CHECK (settled_amount >= 0),
    claimed_on TEXT,
    paid_on TEXT,
    amount_paid INTEGER CHECK (amount_paid >= 0),
    closed_on TEXT,
    closed_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, search_text TEXT NOT NULL DEFAULT '', advance_claimed_on TEXT, advance_claimed_amount INTEGER,
    CHECK (ends_on >= starts_on)
) STRICT;

CREATE TABLE grant_application_action (
    application_id TEXT NOT NULL REFERENCES grant_application (id) ON DELETE CASCADE,
    action_id TEXT NOT NULL REFERENCES plan_action (id) ON DELETE CASCADE,
    PRIMARY KEY (application_id, action_id)
) STRICT;

CREATE TABLE grant_application_partner (
    application_id TEXT NOT NULL REFERENCES grant_application (id) ON DELETE CASCADE,
    partner_id TEXT NOT NULL REFERENCES partner (id),
    PRIMARY KEY (application_id, partner_id)
) STRICT;

CREATE TABLE grant_application_schedule (
    application_id TEXT NOT NULL REFERENCES grant_application (id) ON DELETE CASCADE,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    content TEXT NOT NULL CHECK (length(trim(content)) > 0),
    PRIMARY KEY (application_id, quarter)
) STRICT;

CREATE TABLE grant_budget (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES grant_application (id) ON DELETE CASCADE,
    version INTEGER NOT NULL CHECK (version >= 1),
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'approved', 'declined')),
    reason TEXT NOT NULL DEFAULT '',
    submitted_on TEXT,
    decided_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (application_id, version)
) STRICT;

CREATE TABLE grant_budget_expense (
    budget_id TEXT NOT NULL REFERENCES grant_budget (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    category TEXT NOT NULL CHECK (category IN ('honorarium', 'travel', 'supplies', 'fuel', 'food', 'printing',
        'postage', 'insurance', 'commission', 'rental', 'equipment', 'other')),
    description TEXT NOT NULL DEFAULT '',
    charged_to_grant INTEGER NOT NULL CHECK (charged_to_grant IN (0, 1)),
    amount INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (budget_id, position)
) STRICT;

CREATE TABLE grant_budget_income (
    budget_id TEXT NOT NULL REFERENCES grant_budget (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    kind TEXT NOT NULL CHECK (kind IN ('grant', 'dues', 'project_income', 'donations', 'carried_over', 'other')),
    description TEXT NOT NULL DEFAULT '',
    amount INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (budget_id, position)
) STRICT;

CREATE TABLE grant_budget_item (
    budget_id TEXT NOT NULL,
    line_position INTEGER NOT NULL,
    position INTEGER NOT NULL CHECK (position >= 1),
    item TEXT NOT NULL DEFAULT '',
    unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
    quantity INTEGER NOT NULL CHECK (quantity >= 0),
    unit TEXT NOT NULL DEFAULT '',
    amount INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (budget_id, line_position, position),
    FOREIGN KEY (budget_id, line_position) REFERENCES grant_budget_expense (budget_id, position) ON DELETE CASCADE
) STRICT;

CREATE TABLE grant_expense (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES grant_application (id) ON DELETE CASCADE,
    paid_on TEXT NOT NULL,
    payee TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL CHECK (category IN ('honorarium', 'travel', 'supplies', 'fuel', 'food', 'printing',
        'postage', 'insurance', 'commission', 'rental', 'equipment', 'other')),
    amount INTEGER NOT NULL CHECK (amount > 0),
    from_grant INTEGER NOT NULL CHECK (from_grant IN (0, 1)),
    addressee TEXT NOT NULL DEFAULT '',
    receipt_name TEXT,
    receipt_mime TEXT CHECK (receipt_mime IN ('application/pdf', 'image/jpeg', 'image/png')),
    receipt_size INTEGER CHECK (receipt_size >= 0),
    receipt_sha256 TEXT CHECK (length(receipt_sha256) = 64),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, search_text TEXT NOT NULL DEFAULT '',
    CHECK ((receipt_name IS NULL) = (receipt_sha256 IS NULL)
           AND (receipt_mime IS NULL) = (receipt_sha256 IS NULL)
           AND (receipt_size IS NULL) = (receipt_sha256 IS NULL))
) STRICT;

CREATE TABLE grant_ledger (
    application_id TEXT PRIMARY KEY REFERENCES grant_application (id) ON DELETE CASCADE,
    book_id TEXT NOT NULL REFERENCES book (id),
    income_category_id TEXT NOT NULL REFERENCES account_category (id),
    expense_category_id TEXT NOT NULL REFERENCES account_category (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE grant_ledger_category (
    application_id TEXT NOT NULL REFERENCES grant_ledger (application_id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    category_id TEXT NOT NULL REFERENCES account_category (id),
    PRIMARY KEY (application_id, category)
) STRICT;

CREATE TABLE grant_program (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    grantor TEXT NOT NULL DEFAULT '',
    fiscal_year INTEGER NOT NULL,
    max_amount INTEGER CHECK (max_amount > 0),
    rate_numerator INTEGER NOT NULL CHECK (rate_numerator > 0),
    rate_denominator INTEGER NOT NULL CHECK (rate_denominator > 0),
    change_threshold_percent INTEGER NOT NULL DEFAULT 20 CHECK (change_threshold_percent BETWEEN 0 AND 100),
    application_due TEXT,
    report_days INTEGER CHECK (report_days > 0),
    report_no_later_than TEXT,
    claim_days INTEGER CHECK (claim_days > 0),
    advance_payment INTEGER NOT NULL DEFAULT 0 CHECK (advance_payment IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (rate_numerator <= rate_denominator)
) STRICT;

CREATE TABLE grant_program_category (
    program_id TEXT NOT NULL REFERENCES grant_program (id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('honorarium', 'travel', 'supplies', 'fuel', 'food', 'printing',
        'postage', 'insurance', 'commission', 'rental', 'equipment', 'other')),
    PRIMARY KEY (program_id, category)
) STRICT;

CREATE TABLE grant_program_document (
    program_id TEXT NOT NULL REFERENCES grant_program (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    PRIMARY KEY (program_id, position)
) STRICT;

CREATE TABLE grant_settlement_line (
    application_id TEXT NOT NULL REFERENCES grant_application (id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('income', 'expense')),
    key TEXT NOT NULL,
    actual INTEGER CHECK (actual >= 0),
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (application_id, side, key)
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
    updated_at TEXT NOT NULL, route_position INTEGER,
    CHECK ((left_on IS NULL) = (leave_reason IS NULL)),
    CHECK (left_on IS NULL OR left_on >= joined_on)
) STRICT;

CREATE TABLE household_block (
    household_id TEXT NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    from_date TEXT NOT NULL,
    block_id TEXT REFERENCES block (id),
    PRIMARY KEY (household_id, from_date)
) STRICT;

CREATE TABLE ledger_entry (
    id TEXT PRIMARY KEY,
    book_id TEXT NOT NULL REFERENCES book (id),
    fiscal_year INTEGER NOT NULL,
    entry_date TEXT NOT NULL,
    category_id TEXT REFERENCES account_category (id),
    description TEXT NOT NULL DEFAULT '',
    amount_in INTEGER NOT NULL DEFAULT 0 CHECK (amount_in >= 0),
    amount_out INTEGER NOT NULL DEFAULT 0 CHECK (amount_out >= 0),
    voucher_no INTEGER NOT NULL CHECK (voucher_no >= 1),
    counterparty TEXT NOT NULL DEFAULT '',
    receipt TEXT,
    transfer_id TEXT,
    reverses TEXT REFERENCES ledger_entry (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, grant_application_id TEXT, grant_income_kind TEXT,
    CHECK ((amount_in > 0) <> (amount_out > 0)),
    CHECK ((category_id IS NULL) = (transfer_id IS NOT NULL))
) STRICT;

CREATE TABLE local_setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

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
, notice_issued_on TEXT, results_issued_on TEXT) STRICT;

CREATE TABLE meeting_invitee (
    meeting_id TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    household_id TEXT,
    person_id TEXT,
    name TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    attendance TEXT NOT NULL DEFAULT 'unrecorded'
        CHECK (attendance IN ('unrecorded', 'present', 'proxy', 'written_vote', 'absent')),
    proxy_holder TEXT NOT NULL DEFAULT '', written_votes TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (meeting_id, seq)
) STRICT;

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

CREATE TABLE minutes_item (
    minutes_id TEXT NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
    agenda_item_id TEXT NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    discussion TEXT NOT NULL DEFAULT '', search_text TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (minutes_id, agenda_item_id)
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
, relation TEXT NOT NULL DEFAULT '') STRICT;

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

CREATE TABLE plan_action_partner (
    action_id TEXT NOT NULL REFERENCES plan_action (id) ON DELETE CASCADE,
    partner_id TEXT NOT NULL REFERENCES partner (id),
    PRIMARY KEY (action_id, partner_id)
) STRICT;

CREATE TABLE plan_action_review (
    action_id TEXT NOT NULL REFERENCES plan_action (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'paused')),
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (action_id, fiscal_year)
) STRICT;

CREATE TABLE plan_action_schedule (
    action_id TEXT NOT NULL REFERENCES plan_action (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    PRIMARY KEY (action_id, fiscal_year, quarter)
) STRICT;

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

CREATE TABLE plan_indicator_actual (
    indicator_id TEXT NOT NULL REFERENCES plan_indicator (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (indicator_id, fiscal_year)
) STRICT;

CREATE TABLE plan_measure (
    id TEXT PRIMARY KEY,
    policy_id TEXT NOT NULL REFERENCES plan_policy (id) ON DELETE CASCADE,
    lineage TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    current_state TEXT NOT NULL DEFAULT '',
    UNIQUE (policy_id, number)
) STRICT;

CREATE TABLE plan_policy (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    lineage TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description TEXT NOT NULL DEFAULT '',
    UNIQUE (plan_id, number)
) STRICT;

CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

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

CREATE TABLE sync_device (
    id TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    officer TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('chair', 'treasurer', 'secretary', 'auditor', 'block_leader', 'reader')),
    block_id TEXT,
    added_at TEXT NOT NULL,
    revoked_clock INTEGER
, series INTEGER NOT NULL DEFAULT 0) STRICT;

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
    sent INTEGER NOT NULL DEFAULT 0, touched INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (device, seq)
) STRICT;

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

CREATE TABLE sync_touch (
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,
    clock INTEGER NOT NULL,
    device TEXT NOT NULL,
    seq INTEGER NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    PRIMARY KEY (table_name, row_key, clock, device, seq)
) STRICT;

CREATE INDEX account_budget_transfer_by_year ON account_budget_transfer (account_id, fiscal_year);

CREATE INDEX account_category_by_account ON account_category (account_id, side, position);

CREATE UNIQUE INDEX account_one_general ON account (kind) WHERE kind = 'general';

CREATE INDEX action_item_by_status ON action_item (status, due_on);

CREATE INDEX agenda_item_by_meeting ON agenda_item (meeting_id, position);

CREATE INDEX agenda_paper_by_item ON agenda_paper (agenda_item_id);

CREATE INDEX attachment_by_sha256 ON attachment (sha256);

CREATE INDEX audit_log_by_record ON audit_log (entity, entity_id, seq);

CREATE UNIQUE INDEX block_by_name ON block (name);

CREATE INDEX dues_payment_by_year ON dues_payment (fiscal_year, household_id);

CREATE INDEX event_by_action ON event (action_id);

CREATE INDEX event_by_date ON event (starts_on);

CREATE INDEX grant_application_by_program ON grant_application (program_id);

CREATE INDEX grant_application_by_status ON grant_application (status);

CREATE INDEX grant_expense_by_application ON grant_expense (application_id, paid_on);

CREATE INDEX grant_expense_search ON grant_expense (search_text, paid_on, id);

CREATE INDEX grant_ledger_by_book ON grant_ledger (book_id);

CREATE INDEX grant_program_by_year ON grant_program (fiscal_year);

CREATE INDEX household_block_by_block ON household_block (block_id);

CREATE INDEX household_by_block ON household (block_id);

CREATE INDEX household_by_sort_key ON household (sort_key, address, id);

CREATE INDEX ledger_entry_balances ON ledger_entry (book_id, entry_date, amount_in, amount_out);

CREATE INDEX ledger_entry_by_book ON ledger_entry (book_id, entry_date, voucher_no);

CREATE INDEX ledger_entry_by_year ON ledger_entry (fiscal_year, category_id);

CREATE INDEX ledger_entry_grant ON ledger_entry (grant_application_id) WHERE grant_application_id IS NOT NULL;

CREATE INDEX ledger_entry_reversals ON ledger_entry (reverses) WHERE reverses IS NOT NULL;

CREATE INDEX meeting_by_date ON meeting (held_on);

CREATE UNIQUE INDEX minutes_one_amendment_each ON minutes (amends_id) WHERE amends_id IS NOT NULL;

CREATE UNIQUE INDEX minutes_one_original ON minutes (meeting_id) WHERE amends_id IS NULL;

CREATE INDEX officer_term_by_dates ON officer_term (starts_on, ends_on);

CREATE INDEX person_by_household ON person (household_id);

CREATE INDEX person_by_kana ON person (kana_key);

CREATE INDEX plan_action_by_lineage ON plan_action (lineage);

CREATE INDEX plan_indicator_by_action ON plan_indicator (action_id);

CREATE INDEX plan_indicator_by_measure ON plan_indicator (measure_id);

CREATE INDEX sync_log_order ON sync_log (clock, device);

CREATE INDEX sync_log_untouched ON sync_log (device, seq) WHERE touched = 0;

