-- Dispatcher sessions: short access tokens name their session; refresh tokens rotate within it.

-- A login. Every access token names one; the server checks on each call (within a minute) that it
-- is neither revoked nor ended and that its account is still active.
CREATE TABLE dispatcher_sessions (
    id             uuid PRIMARY KEY,
    username       text        NOT NULL REFERENCES dispatchers (username),
    created_at     timestamptz NOT NULL,
    -- The session ends here whatever happens (one shift); refreshing never extends it.
    expires_at     timestamptz NOT NULL,
    address        text,
    revoked_at     timestamptz,
    revoked_reason text CHECK (revoked_reason IN ('LOGOUT', 'REFRESH_REUSED', 'ADMIN', 'ACCOUNT_CHANGED'))
);
CREATE INDEX dispatcher_sessions_live ON dispatcher_sessions (username) WHERE revoked_at IS NULL;

-- Refresh tokens, kept only as hashes. Each is used once: using it issues the next. Presenting one
-- that was already used means it was copied, and revokes its whole session.
CREATE TABLE refresh_tokens (
    token_hash bytea PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES dispatcher_sessions (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Live tickets already used (each opens or renews one socket, once); kept until they expire.
CREATE TABLE live_tickets_used (
    jti        uuid PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX live_tickets_used_expiry ON live_tickets_used (expires_at);

-- Log-in attempts, counted before the password is checked: per (username, address) and per address,
-- in fixed windows. Unlogged: losing the counts in a crash only forgives some failures.
CREATE UNLOGGED TABLE login_attempts (
    key          text PRIMARY KEY CHECK (char_length(key) <= 200),
    attempts     integer     NOT NULL,
    window_start timestamptz NOT NULL
);
CREATE INDEX login_attempts_window ON login_attempts (window_start);

-- Where each dispatcher last logged in from: those addresses stay open to them while their
-- username is being guessed from elsewhere.
CREATE TABLE dispatcher_addresses (
    username      text        NOT NULL REFERENCES dispatchers (username),
    address       text        NOT NULL,
    last_login_at timestamptz NOT NULL,
    PRIMARY KEY (username, address)
);

-- Accounts created for the demo profile; production refuses to start while any is active.
ALTER TABLE dispatchers ADD COLUMN demo boolean NOT NULL DEFAULT false;
ALTER TABLE dispatchers ADD COLUMN changed_at timestamptz;
-- Accounts made by the demo profile before this column existed.
UPDATE dispatchers SET demo = true
WHERE username IN ('dieuphoi.dienbien', 'dieuphoi.laocai', 'dieuphoi.hanoi', 'giamsat', 'quantri');
