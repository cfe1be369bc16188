-- The council's own accounts (会計): the 一般会計 and any 特別会計, each with its chart of 科目 (款,
-- optionally 項 under one), its books (現金出納帳, a 預金出納帳 per bank or postal account), its budget
-- (収支予算書) in versions per fiscal year, the entries of its books, and the years that are closed.
--
-- Money is whole yen. Dues payments (0002) are not copied into the books: they are read as the 会費
-- income of the general account's cash book, so the same money is recorded once. The 前年度繰越金 of
-- a year is read from the books too (what they held when the year began).

CREATE TABLE account (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('general', 'special')),
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- Only one general account.
CREATE UNIQUE INDEX account_one_general ON account (kind) WHERE kind = 'general';

-- A 科目: a 款 (no parent) or a 項 under a 款 of the same side. `role` marks the lines the app fills
-- itself: 会費 (dues), 前年度繰越金 (carry_over), and 予備費 (reserve, which takes a budget's
-- difference).
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

CREATE INDEX account_category_by_account ON account_category (account_id, side, position);

-- A book: cash (現金出納帳) or a bank or postal account (預金出納帳).
CREATE TABLE book (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('cash', 'bank')),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- A budget of one account and fiscal year; a 補正予算 is the next version. `approved_on` is set when
-- the 総会 (or the meeting named) approved it.
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

-- One line of a book. Income or expense on a 科目, or one half of a transfer between two books of
-- the account (`transfer_id` pairs them; no 科目). A correction after the fact is a reversing entry
-- (`reverses`). `voucher_no` is numbered per account and fiscal year; `receipt` names an attachment.
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
    updated_at TEXT NOT NULL,
    CHECK ((amount_in > 0) <> (amount_out > 0)),
    CHECK ((category_id IS NULL) = (transfer_id IS NOT NULL))
) STRICT;

CREATE INDEX ledger_entry_by_book ON ledger_entry (book_id, entry_date, voucher_no);
CREATE INDEX ledger_entry_by_year ON ledger_entry (fiscal_year, category_id);

-- A closed fiscal year of an account: its books no longer change; `carry_over` is what it handed to
-- the next year (次年度繰越金).
CREATE TABLE account_year_close (
    account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    closed_on TEXT NOT NULL,
    carry_over INTEGER NOT NULL,
    PRIMARY KEY (account_id, fiscal_year)
) STRICT;
