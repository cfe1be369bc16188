-- Folded search text on events and grant expenses, kept by their write paths (as
-- `household.search_key` is), so global search is one LIKE over each table instead of folding
-- every row's text in Rust on every search. Fields are joined by U+001F so a match never spans two.
--
-- `council_fold(text)` is `kana::fold` (NFKC, no spaces, katakana as hiragana, ASCII lower case),
-- registered on every connection the store opens.

ALTER TABLE event ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE grant_expense ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

UPDATE event SET search_text = council_fold(title) || char(31) || council_fold(place) || char(31)
    || council_fold(organiser) || char(31) || council_fold(notes);
UPDATE grant_expense SET search_text = council_fold(payee) || char(31) || council_fold(description);
