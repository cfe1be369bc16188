-- The day a paper went out (発出日), kept on its record: set when the paper is first printed or saved
-- as a PDF (or typed by the secretary), then kept, so a 総会 notice printed again in December still
-- carries the April day it was issued.
ALTER TABLE meeting ADD COLUMN notice_issued_on TEXT;
ALTER TABLE meeting ADD COLUMN results_issued_on TEXT;
ALTER TABLE event ADD COLUMN notice_issued_on TEXT;
