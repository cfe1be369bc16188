-- The council's accounts through the year and at its end: the months whose entries are settled
-- (月次締め: after it a correction is a reversing entry), the transfers between budget lines (流用,
-- 予備費充用) with their reasons, the auditors' check of each book against the passbook or the cash
-- counted (通帳残高照合) and their finding (監査), the 総会's approval of a settlement, the named
-- equipment the 財産目録 lists, and how dues payments appear in the cash book.

-- A month of an account whose entries are settled; months close in order, so the latest one closed
-- says up to which day nothing changes.
CREATE TABLE account_month_close (
    account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    month TEXT NOT NULL CHECK (length(month) = 7),
    closed_on TEXT NOT NULL,
    PRIMARY KEY (account_id, month)
) STRICT;

-- 流用 (from one 科目 to another) or 予備費充用 (from the reserve): the budget in force stays as
-- approved, and these move amounts between its lines for the year (予算現額).
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

CREATE INDEX account_budget_transfer_by_year ON account_budget_transfer (account_id, fiscal_year);

-- What the auditors found at a book's year end: the passbook's balance (a bank book) or the cash
-- counted (the cash book), and the day they looked.
CREATE TABLE account_balance_check (
    book_id TEXT NOT NULL REFERENCES book (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    counted INTEGER NOT NULL CHECK (counted >= 0),
    checked_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (book_id, fiscal_year)
) STRICT;

-- The audit (監査) of an account's year: the day, the auditors' names as they sign, and their finding.
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

-- The 総会 that approved a closed year's settlement (its motion recorded 可決).
ALTER TABLE account_year_close ADD COLUMN approved_on TEXT;
ALTER TABLE account_year_close ADD COLUMN meeting_id TEXT;

-- Named equipment (備品) for the 財産目録: what, how many, where, bought when and for how much.
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

-- Dues payments in the general account's cash book: one line per payment, or one per collection day.
ALTER TABLE account ADD COLUMN dues_posting TEXT NOT NULL DEFAULT 'payment' CHECK (dues_posting IN ('payment', 'day'));
