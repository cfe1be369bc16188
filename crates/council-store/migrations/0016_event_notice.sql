-- What an event's notice for residents says besides the facts: the fee a participant pays (参加費;
-- the council's own cost of the event is not for residents' eyes) and the notice's own words.
ALTER TABLE event ADD COLUMN fee INTEGER CHECK (fee >= 0);
ALTER TABLE event ADD COLUMN notice_text TEXT NOT NULL DEFAULT '';
