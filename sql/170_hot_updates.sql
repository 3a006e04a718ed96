-- Issue 23 (dispatch throughput): room on each page for HOT updates. A delivered push rewrites its outbox row
-- twice (claimed, settled) and bumps its case's version; with full pages (fillfactor 100) about half of those
-- updates found no room beside the old row version and so wrote a new entry into every index of the table
-- (cases has twelve). Pages filled to 70 % keep the new version on the same page, with no index entry, while
-- no indexed column changes. Rows already stored keep their pages until rewritten; new rows get the room.
ALTER TABLE cases SET (fillfactor = 70);
ALTER TABLE outbox SET (fillfactor = 70);
