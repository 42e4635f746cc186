-- The webhook delivery engine (DSL.md §5.6): published events (each id fanned out once), secret rotation, the
-- per-endpoint breaker, and delivery claims (claimed_until: a lease, so a crashed instance's deliveries resume).

CREATE TABLE webhook_event (
    id                   VARCHAR(64)   NOT NULL PRIMARY KEY,
    event_type           VARCHAR(255)  NOT NULL,
    deliveries           INTEGER       NOT NULL,
    created_at           TIMESTAMP     NOT NULL
);

ALTER TABLE webhook_endpoint ADD COLUMN previous_secret VARCHAR(512);
ALTER TABLE webhook_endpoint ADD COLUMN previous_secret_until TIMESTAMP;
ALTER TABLE webhook_endpoint ADD COLUMN breaker_open_until TIMESTAMP;
ALTER TABLE webhook_endpoint ADD COLUMN breaker_opened_at TIMESTAMP;

ALTER TABLE webhook_delivery ADD COLUMN claimed_until TIMESTAMP;

CREATE INDEX webhook_delivery_by_event ON webhook_delivery (event_id);
CREATE INDEX webhook_endpoint_active ON webhook_endpoint (is_active, is_healthy);
-- The claim query's index: finished deliveries have no next_retry_at, so this holds only what is still to send, in
-- the order it falls due (the (status, next_retry_at) index of V1 made every claim sort all pending rows).
CREATE INDEX webhook_delivery_next ON webhook_delivery (next_retry_at);
DROP INDEX webhook_delivery_due;
