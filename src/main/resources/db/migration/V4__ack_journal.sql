-- The embedded H2 database writes its file lazily; what an ack promised is kept in a journal file beside it
-- (store/AckJournal). Each commit holding journal entries stores its batch number here, so that at start the
-- entries H2 lost are told from those it wrote. Unused on PostgreSQL, whose commits are written at once.
CREATE TABLE ack_journal (
    position BIGINT NOT NULL
);

INSERT INTO ack_journal (position) VALUES (0);
