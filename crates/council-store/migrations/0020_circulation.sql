-- A 回覧 travels a block in its own order (the route its 班長 walks, house by house), not the
-- roster's 五十音順: a household's place on its block's route, empty until the route is set.
ALTER TABLE household ADD COLUMN route_position INTEGER;
-- An event's notice goes to the blocks chosen (an empty list: every block), in as many sets per
-- block as it has copies, each set with its own part of the route on its 回覧確認表.
ALTER TABLE event ADD COLUMN notice_blocks TEXT NOT NULL DEFAULT '[]';
ALTER TABLE event ADD COLUMN notice_copies INTEGER NOT NULL DEFAULT 1;
