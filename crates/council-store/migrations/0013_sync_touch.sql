-- Which shared records touched which row (local, worked out from the records themselves): the
-- conflict list names who changed a row before, and a row deleted on another PC is brought back
-- from the record that deleted it, without reading every record the council ever made.
CREATE TABLE sync_touch (
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,
    clock INTEGER NOT NULL,
    device TEXT NOT NULL,
    seq INTEGER NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    PRIMARY KEY (table_name, row_key, clock, device, seq)
) STRICT;

-- Whether a record's rows are in sync_touch yet (records taken in before this version are added
-- at the next sync).
ALTER TABLE sync_log ADD COLUMN touched INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sync_log_untouched ON sync_log (device, seq) WHERE touched = 0;
