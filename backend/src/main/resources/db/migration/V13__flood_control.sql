-- Flood control: token buckets shared by every instance, and what the console needs to order and
-- label reports without ever hiding one.

-- One bucket per key (e.g. 'report:addr:<hash>'). Unlogged: a crash refills the buckets, which
-- only forgives a flood for a moment. tokens may be fractional; they refill continuously.
CREATE UNLOGGED TABLE rate_buckets (
    key        text PRIMARY KEY CHECK (char_length(key) <= 200),
    tokens     double precision NOT NULL,
    updated_at timestamptz      NOT NULL
);
CREATE INDEX rate_buckets_updated ON rate_buckets (updated_at);

-- Takes one token from the bucket if it has one; answers how many seconds until it would have had
-- one (0 when taken). A new bucket starts full, so a first request is always taken.
CREATE FUNCTION take_token(p_key text, p_capacity double precision, p_per_second double precision)
    RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
    available double precision;
BEGIN
    INSERT INTO rate_buckets AS b (key, tokens, updated_at) VALUES (p_key, p_capacity, clock_timestamp())
    ON CONFLICT (key) DO UPDATE
        SET tokens = least(p_capacity,
                           b.tokens + extract(epoch FROM clock_timestamp() - b.updated_at) * p_per_second),
            updated_at = clock_timestamp()
    RETURNING tokens INTO available;
    IF available >= 1 THEN
        UPDATE rate_buckets SET tokens = available - 1 WHERE key = p_key;
        RETURN 0;
    END IF;
    RETURN (1 - available) / p_per_second;
END;
$$;

-- Where a report came from, kept only as a keyed hash of the network address (for counting, never
-- for showing), and how much the console should trust it (0-100), with the reasons as codes with
-- their figures, which the console words in its language, e.g. 'SOURCE_VOLUME;count=40;minutes=5'.
ALTER TABLE reports ADD COLUMN source_hash bytea;
ALTER TABLE reports ADD COLUMN trust smallint CHECK (trust BETWEEN 0 AND 100);
ALTER TABLE reports ADD COLUMN trust_reasons text[] NOT NULL DEFAULT '{}';
CREATE INDEX reports_source_recent ON reports (source_hash, received_at) WHERE source_hash IS NOT NULL;

-- An incident's trust is its most trusted report's, with that report's reasons. The source that
-- opened it lets the console group a burst of new incidents from one address.
ALTER TABLE incidents ADD COLUMN trust smallint CHECK (trust BETWEEN 0 AND 100);
ALTER TABLE incidents ADD COLUMN trust_reasons text[] NOT NULL DEFAULT '{}';
ALTER TABLE incidents ADD COLUMN opened_by_source bytea;
-- How many incidents that source had opened within 10 minutes, itself included, once 3 or more.
ALTER TABLE incidents ADD COLUMN burst_size integer CHECK (burst_size >= 3);
CREATE INDEX incidents_new_by_trust ON incidents (province, trust DESC NULLS LAST, last_report_at DESC)
    WHERE status = 'NEW';

-- Keys the server derives its keyed hashes from; made once, shared by every instance.
CREATE TABLE server_keys (
    name       text PRIMARY KEY,
    key        bytea       NOT NULL,
    created_at timestamptz NOT NULL
);
