-- Grants (交付金・補助金) from the applicant's side: the programs the council applies to, its
-- applications with their lifecycle, the budget (収支予算書) in versions, the expenses with their
-- receipts, and what the settlement (収支決算書) needs beyond them.
--
-- Money is whole yen. A receipt's file lives content-addressed in the data folder's attachments/
-- (named by its SHA-256 here), so backups and hand-overs carry it.
--
-- `event.grant_id` (0003) names the grant application that pays for an event; it has no constraint
-- there, so deleting a draft application clears it in code.

-- 助成制度: one program of one fiscal year (a program running every year is one row per year, since
-- its amounts and dates change). Its subsidy rate is a fraction (1/2, 2/3, 10/10).
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

CREATE INDEX grant_program_by_year ON grant_program (fiscal_year);

-- The expense categories (科目) a program pays for.
CREATE TABLE grant_program_category (
    program_id TEXT NOT NULL REFERENCES grant_program (id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('honorarium', 'travel', 'supplies', 'fuel', 'food', 'printing',
        'postage', 'insurance', 'commission', 'rental', 'equipment', 'other')),
    PRIMARY KEY (program_id, category)
) STRICT;

-- The documents an application must carry (規約, 役員名簿, 総会議事録 …), in order.
CREATE TABLE grant_program_document (
    program_id TEXT NOT NULL REFERENCES grant_program (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    PRIMARY KEY (program_id, position)
) STRICT;

-- An application to a program, with its lifecycle: draft → applied → awarded → in_progress →
-- (change_applied → change_approved) → reported → settled → claimed → paid; or withdrawn / rejected.
-- Each step's date and figures are kept. Once settled, the application and everything under it is
-- locked (the core refuses edits).
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
    updated_at TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
) STRICT;

CREATE INDEX grant_application_by_program ON grant_application (program_id);
CREATE INDEX grant_application_by_status ON grant_application (status);

CREATE TABLE grant_application_partner (
    application_id TEXT NOT NULL REFERENCES grant_application (id) ON DELETE CASCADE,
    partner_id TEXT NOT NULL REFERENCES partner (id),
    PRIMARY KEY (application_id, partner_id)
) STRICT;

-- The community-plan actions (事業) the project serves.
CREATE TABLE grant_application_action (
    application_id TEXT NOT NULL REFERENCES grant_application (id) ON DELETE CASCADE,
    action_id TEXT NOT NULL REFERENCES plan_action (id) ON DELETE CASCADE,
    PRIMARY KEY (application_id, action_id)
) STRICT;

-- What is done in each quarter of the fiscal year (1 = April–June … 4 = January–March).
CREATE TABLE grant_application_schedule (
    application_id TEXT NOT NULL REFERENCES grant_application (id) ON DELETE CASCADE,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    content TEXT NOT NULL CHECK (length(trim(content)) > 0),
    PRIMARY KEY (application_id, quarter)
) STRICT;

-- One version of an application's budget (収支予算書). Version 1 is the budget applied with; a change
-- application (変更申請) adds the next version. Only a draft is edited; submitted and approved versions
-- stay as they were. The current budget is the latest approved version.
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

-- Income lines: 交付金, 会費, 事業収入, 寄付金, 繰越金, その他.
CREATE TABLE grant_budget_income (
    budget_id TEXT NOT NULL REFERENCES grant_budget (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    kind TEXT NOT NULL CHECK (kind IN ('grant', 'dues', 'project_income', 'donations', 'carried_over', 'other')),
    description TEXT NOT NULL DEFAULT '',
    amount INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (budget_id, position)
) STRICT;

-- Expense lines by category (科目), each charged to the grant or to the council's own funds.
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

-- An expense line's breakdown (積算内訳): item × unit price × quantity = amount.
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

-- An expense actually paid, with its receipt (領収書): the addressee and description as written on it,
-- and the scanned file (all four receipt columns set, or none).
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
    updated_at TEXT NOT NULL,
    CHECK ((receipt_name IS NULL) = (receipt_sha256 IS NULL)
           AND (receipt_mime IS NULL) = (receipt_sha256 IS NULL)
           AND (receipt_size IS NULL) = (receipt_sha256 IS NULL))
) STRICT;

CREATE INDEX grant_expense_by_application ON grant_expense (application_id, paid_on);

-- What the settlement (収支決算書) needs beyond the expenses: the actual income by kind (entered; the
-- grant's comes from the settled amount) and the reason for a large difference (増減の理由) by income
-- kind or expense category.
CREATE TABLE grant_settlement_line (
    application_id TEXT NOT NULL REFERENCES grant_application (id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('income', 'expense')),
    key TEXT NOT NULL,
    actual INTEGER CHECK (actual >= 0),
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (application_id, side, key)
) STRICT;
