-- Followers of the log keep their position here, by name: the live relay ("live", moved from
-- relay_position) and the push relay ("push", which starts at the log's end: nothing already
-- written is announced to phones when this version is deployed).
CREATE TABLE log_positions (
    name     text PRIMARY KEY,
    last_seq bigint      NOT NULL,
    moved_at timestamptz NOT NULL
);
INSERT INTO log_positions (name, last_seq, moved_at) SELECT 'live', last_seq, moved_at FROM relay_position;
INSERT INTO log_positions (name, last_seq, moved_at) SELECT 'push', last_seq, now() FROM event_sequence;
DROP TABLE relay_position;
