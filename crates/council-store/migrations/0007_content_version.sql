-- Which version of the council's data this is: a new random id with every committed change (every
-- write goes through `Store::write`) and with every migration. Figures worked out from the data and
-- kept between openings (Home's dues and household counts, in the data folder's `cache/`) are used
-- again only while the id is the one they were worked out at; a restored backup carries the id of its
-- own content.
CREATE TABLE content_version (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id TEXT NOT NULL
) STRICT;

INSERT INTO content_version (singleton, id) VALUES (1, lower(hex(randomblob(16))));
