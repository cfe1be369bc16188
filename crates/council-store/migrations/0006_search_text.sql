-- Folded search text on events, grant applications and their expenses, agenda items and the minutes' discussions, kept by
-- their write paths (as `household.search_key` is), so a search compares text folded once on write
-- instead of folding every row's text in Rust on every search (a council keeps twenty years of
-- them). Fields are joined by U+001F so a match never spans two.
--
-- `council_fold(text)` is `kana::fold` (NFKC, no spaces, katakana as hiragana, ASCII lower case),
-- registered on every connection the store opens.

ALTER TABLE event ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE grant_expense ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE grant_application ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE agenda_item ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE minutes_item ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

UPDATE event SET search_text = council_fold(title) || char(31) || council_fold(place) || char(31)
    || council_fold(organiser) || char(31) || council_fold(notes);
UPDATE grant_expense SET search_text = council_fold(payee) || char(31) || council_fold(description);
UPDATE grant_application SET search_text = council_fold(project_name) || char(31) || council_fold(purpose)
    || char(31) || council_fold(content) || char(31) || council_fold(place) || char(31)
    || council_fold(target_group) || char(31) || council_fold(award_number);
UPDATE agenda_item SET search_text = council_fold(title) || char(31) || council_fold(proposal);
UPDATE minutes_item SET search_text = council_fold(discussion);

-- Expenses are the most numerous: a search reads this narrow index instead of the wide rows.
CREATE INDEX grant_expense_search ON grant_expense (search_text, paid_on, id);
