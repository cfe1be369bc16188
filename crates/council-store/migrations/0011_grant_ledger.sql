-- A grant's money in the council's books: an application whose money goes through one of the books
-- (its advance and payment that book's income on the 科目 chosen, its expenses that book's expenses
-- on the council's 科目 its grant 科目 map to). The books read the grant's own records, never a copy.

CREATE TABLE grant_ledger (
    application_id TEXT PRIMARY KEY REFERENCES grant_application (id) ON DELETE CASCADE,
    book_id TEXT NOT NULL REFERENCES book (id),
    income_category_id TEXT NOT NULL REFERENCES account_category (id),
    expense_category_id TEXT NOT NULL REFERENCES account_category (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX grant_ledger_by_book ON grant_ledger (book_id);

-- A grant 科目 booked on another of the council's 科目 than the application's expense 科目.
CREATE TABLE grant_ledger_category (
    application_id TEXT NOT NULL REFERENCES grant_ledger (application_id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    category_id TEXT NOT NULL REFERENCES account_category (id),
    PRIMARY KEY (application_id, category)
) STRICT;
