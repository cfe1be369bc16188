-- Reading a year of a book fast however many years lie behind it: the entry that reverses another is
-- found through an index instead of a scan of every entry, and the balance a book brings into a year
-- is summed from an index that holds the amounts (no row is read for it).
CREATE INDEX ledger_entry_reversals ON ledger_entry (reverses) WHERE reverses IS NOT NULL;
CREATE INDEX ledger_entry_balances ON ledger_entry (book_id, entry_date, amount_in, amount_out);
