-- A motion that changes the bylaws (規約) carries its 新旧対照表: each article as it reads now and as
-- proposed, kept on the motion as a JSON array of {article, current, proposed}, printed in the 総会's
-- papers under the motion.
ALTER TABLE agenda_item ADD COLUMN comparison TEXT NOT NULL DEFAULT '[]';
