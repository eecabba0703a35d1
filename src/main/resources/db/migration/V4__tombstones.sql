-- The idempotency key of a deleted notification outlives its row, so the same event redelivered by Kafka or retried
-- by a client does not bring it back. Purged after HERALD_DEDUPE_RETENTION_DAYS.
CREATE TABLE notification_tombstone (
    source     varchar(500) NOT NULL,
    event_id   varchar(200) NOT NULL,
    recipient  varchar(200) NOT NULL,
    deleted_at timestamptz  NOT NULL,
    PRIMARY KEY (event_id, source, recipient)
);
CREATE INDEX notification_tombstone_deleted_at ON notification_tombstone (deleted_at);
