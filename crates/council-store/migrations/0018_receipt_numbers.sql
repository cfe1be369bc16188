-- Dues receipts carry a readable number per fiscal year (令和8年度 第0123号), kept on the payment so
-- that a receipt printed again shows the number its counterfoil (控え) has. A council shared between
-- PCs numbers the receipts of each PC the chair's PC invited in that PC's own series (第2-0015号),
-- given once when the PC is added, so two PCs never hand out the same number; the PC that set up
-- the sharing keeps the plain numbers (series 0), which go on from before.
ALTER TABLE dues_payment ADD COLUMN receipt_series INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dues_payment ADD COLUMN receipt_no INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_device ADD COLUMN series INTEGER NOT NULL DEFAULT 0;

-- Payments recorded before this version are numbered in the order they were recorded.
UPDATE dues_payment SET receipt_no = (
    SELECT count(*) FROM dues_payment p
    WHERE p.fiscal_year = dues_payment.fiscal_year
      AND (p.created_at < dues_payment.created_at
           OR (p.created_at = dues_payment.created_at AND p.id <= dues_payment.id))
);

-- PCs already sharing get their series in the order they were added, the first PC 0.
UPDATE sync_device SET series = (
    SELECT count(*) - 1 FROM sync_device d
    WHERE d.added_at < sync_device.added_at OR (d.added_at = sync_device.added_at AND d.id <= sync_device.id)
);
