-- The conversation between an incident's reporters and its dispatchers. A message reaches the
-- reports listed as its recipients: the writer's own report, or the one (or every) report a
-- dispatcher wrote to; a merge moves reports, and their conversations go with them.
CREATE TABLE messages (
    seq               bigserial   PRIMARY KEY,
    id                uuid        NOT NULL UNIQUE,
    from_side         text        NOT NULL CHECK (from_side IN ('REPORTER', 'DISPATCHER')),
    author            text,
    report_id         uuid REFERENCES reports (id),
    to_all            boolean     NOT NULL DEFAULT false,
    client_message_id uuid,
    text              text        NOT NULL CHECK (char_length(text) BETWEEN 1 AND 1000),
    sent_at           timestamptz NOT NULL,
    UNIQUE (report_id, client_message_id)
);
CREATE TABLE message_recipients (
    message_id uuid NOT NULL REFERENCES messages (id),
    report_id  uuid NOT NULL REFERENCES reports (id),
    PRIMARY KEY (report_id, message_id)
);
CREATE INDEX message_recipients_message ON message_recipients (message_id);

ALTER TABLE incidents ADD COLUMN unread_messages integer NOT NULL DEFAULT 0 CHECK (unread_messages >= 0);
