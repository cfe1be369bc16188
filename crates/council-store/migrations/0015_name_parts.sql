-- A person's name and reading in the search keys keep the boundary between family and given name
-- (U+001C between the parts), so a search matches inside one part or a full name typed from its
-- start, never across the space: 「シケン」 no longer finds こばやし けん. Every key is written again
-- by the same function that writes a changed person's key; a household's key is its own fields,
-- then each person's after U+001E (in the order of their IDs, the same on every PC).
UPDATE person SET search_key = council_person_key(name, kana, phone);
UPDATE household SET search_key =
    substr(search_key, 1, instr(search_key || char(30), char(30)) - 1)
    || coalesce((SELECT group_concat(char(30) || p.search_key, '' ORDER BY p.id)
                 FROM person p WHERE p.household_id = household.id), '');
