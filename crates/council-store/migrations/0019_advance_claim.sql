-- An advance (概算払) is claimed before it is paid: the claim's day and amount are kept on the
-- application, so its 請求書 carries the day it went to the city and the amount asked for, not a
-- blank line or the day the money came.
ALTER TABLE grant_application ADD COLUMN advance_claimed_on TEXT;
ALTER TABLE grant_application ADD COLUMN advance_claimed_amount INTEGER;
