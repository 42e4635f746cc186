-- Replays of the invoke endpoint (Idempotency-Key), kept here when REDIS_URL is unset or Redis is unreachable.
-- id: SHA-256 (hex) of the caller's subject and key; times are epoch milliseconds, the same on every instance.
CREATE TABLE idempotent_request (
    id                   CHAR(64)      NOT NULL PRIMARY KEY,
    fingerprint          CHAR(64)      NOT NULL,
    owner                CHAR(36)      NOT NULL,
    state                VARCHAR(16)   NOT NULL,
    answer               TEXT,
    expires_at           BIGINT        NOT NULL,
    created_at           BIGINT        NOT NULL
);

CREATE INDEX idempotent_request_expiry ON idempotent_request (expires_at);
