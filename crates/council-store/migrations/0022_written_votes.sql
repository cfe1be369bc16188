-- What each member who sent a 書面表決書 voted on each motion, kept on their attendance line as a
-- JSON object (agenda item ID → "for" / "against" / "abstain"), so the votes can be tallied by motion
-- before the meeting and added to the votes cast in the hall.
ALTER TABLE meeting_invitee ADD COLUMN written_votes TEXT NOT NULL DEFAULT '{}';
