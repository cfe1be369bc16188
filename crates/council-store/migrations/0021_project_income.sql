-- Income the books received for a grant's project (参加費, 協賛金, the council's own share moved into
-- a project book): an entry may be marked as that project's income of one kind, so the grant's
-- settlement (収支決算書) takes its income actuals from the books instead of a figure typed twice.
ALTER TABLE ledger_entry ADD COLUMN grant_application_id TEXT;
ALTER TABLE ledger_entry ADD COLUMN grant_income_kind TEXT;
CREATE INDEX ledger_entry_grant ON ledger_entry (grant_application_id) WHERE grant_application_id IS NOT NULL;
