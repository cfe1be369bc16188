-- Each person's relation to the head of the household (続柄: 世帯主, 妻, 長男 …), as a 加入届 and
-- the city's forms ask for it.
ALTER TABLE person ADD COLUMN relation TEXT NOT NULL DEFAULT '';
