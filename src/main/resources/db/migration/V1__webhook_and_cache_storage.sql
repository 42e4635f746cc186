-- Storage for webhook endpoints and deliveries, the external API response cache and rate-limit buckets.
-- Plain SQL accepted by both H2 (embedded default) and PostgreSQL; identifiers are UUID text (36 chars).

CREATE TABLE webhook_endpoint (
    id                   CHAR(36)      NOT NULL PRIMARY KEY,
    name                 VARCHAR(255)  NOT NULL,
    url                  VARCHAR(2048) NOT NULL,
    secret               VARCHAR(512),
    events               TEXT          NOT NULL,
    is_active            BOOLEAN       NOT NULL DEFAULT TRUE,
    is_healthy           BOOLEAN       NOT NULL DEFAULT TRUE,
    consecutive_failures INTEGER       NOT NULL DEFAULT 0,
    retry_count          INTEGER       NOT NULL DEFAULT 5,
    timeout_seconds      INTEGER       NOT NULL DEFAULT 30,
    last_delivery_at     TIMESTAMP,
    last_failure_at      TIMESTAMP,
    created_at           TIMESTAMP     NOT NULL,
    updated_at           TIMESTAMP     NOT NULL
);

CREATE TABLE webhook_delivery (
    id                   CHAR(36)      NOT NULL PRIMARY KEY,
    endpoint_id          CHAR(36)      NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event_id             VARCHAR(64)   NOT NULL,
    event_type           VARCHAR(255)  NOT NULL,
    payload              TEXT          NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    attempt_count        INTEGER       NOT NULL DEFAULT 0,
    max_attempts         INTEGER       NOT NULL,
    next_retry_at        TIMESTAMP,
    last_attempt_at      TIMESTAMP,
    response_status_code INTEGER,
    response_body        TEXT,
    error                TEXT,
    duration_ms          BIGINT,
    created_at           TIMESTAMP     NOT NULL,
    updated_at           TIMESTAMP     NOT NULL
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (status, next_retry_at);
CREATE INDEX webhook_delivery_by_endpoint ON webhook_delivery (endpoint_id, created_at);

CREATE TABLE webhook_delivery_attempt (
    id                   CHAR(36)      NOT NULL PRIMARY KEY,
    delivery_id          CHAR(36)      NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempt_number       INTEGER       NOT NULL,
    request_headers      TEXT,
    response_status_code INTEGER,
    response_body        TEXT,
    duration_ms          BIGINT,
    error                TEXT,
    created_at           TIMESTAMP     NOT NULL
);

CREATE INDEX webhook_delivery_attempt_by_delivery ON webhook_delivery_attempt (delivery_id, attempt_number);

CREATE TABLE external_api_cache (
    id                   CHAR(36)      NOT NULL PRIMARY KEY,
    service              VARCHAR(255)  NOT NULL,
    endpoint             VARCHAR(255)  NOT NULL,
    cache_key            VARCHAR(512)  NOT NULL UNIQUE,
    response             TEXT          NOT NULL,
    status_code          INTEGER       NOT NULL,
    content_type         VARCHAR(255),
    expires_at           TIMESTAMP     NOT NULL,
    created_at           TIMESTAMP     NOT NULL
);

CREATE INDEX external_api_cache_expiry ON external_api_cache (expires_at);

CREATE TABLE rate_limit_bucket (
    service              VARCHAR(255)     NOT NULL PRIMARY KEY,
    tokens               DOUBLE PRECISION NOT NULL,
    last_refill          TIMESTAMP        NOT NULL,
    window_start         TIMESTAMP
);
