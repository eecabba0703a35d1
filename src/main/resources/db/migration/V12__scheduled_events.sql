-- Scheduled send (issue 26): an event whose CloudEvents extension attribute deliverat is in the future is held here,
-- as the record it came as, until then; it then takes the intake path (and gets its notifications) once. A producer
-- can cancel it until it fires; a cancel that comes before the event leaves a tombstone (status 'cancelled', no
-- payload), and the event is dropped when it arrives. settled_at: when it fired or was cancelled (purged with the
-- other idempotency keys after herald.dedupe.retention-days).
CREATE TABLE scheduled_event (
    source       varchar(500) NOT NULL,
    event_id     varchar(200) NOT NULL,
    type         varchar(200),
    deliver_at   timestamptz,
    status       varchar(10)  NOT NULL,
    payload      text,
    headers      jsonb,
    created_at   timestamptz  NOT NULL,
    settled_at   timestamptz,
    cancelled_by varchar(200),
    PRIMARY KEY (source, event_id)
);
CREATE INDEX scheduled_event_due ON scheduled_event (deliver_at) WHERE status = 'scheduled';
CREATE INDEX scheduled_event_settled ON scheduled_event (settled_at) WHERE settled_at IS NOT NULL;
