-- Channels: where users can be reached outside the app, the deliveries outbox with its attempts, and dead letters.

-- a user's email address and phone number: from their token's claims or set by them or an admin (the latter win)
CREATE TABLE contact (
    recipient  varchar(200) PRIMARY KEY,
    email      varchar(320),
    phone      varchar(16),
    source     varchar(10)  NOT NULL, -- token | user | admin
    updated_at timestamptz  NOT NULL
);

-- browsers that subscribed to web push (RFC 8030): the push service's endpoint and the keys to encrypt for it
CREATE TABLE push_subscription (
    id         varchar(40)  PRIMARY KEY,
    recipient  varchar(200) NOT NULL,
    endpoint   text         NOT NULL UNIQUE,
    p256dh     varchar(120) NOT NULL,
    auth       varchar(40)  NOT NULL,
    created_at timestamptz  NOT NULL
);
CREATE INDEX push_subscription_recipient ON push_subscription (recipient);

-- webhook endpoints: a user's own (owner = the user) or the application's (owner null: every recipient's
-- notifications of types sent by webhook). Two secrets are valid while a rotated one expires.
CREATE TABLE webhook_endpoint (
    id              varchar(40)  PRIMARY KEY,
    owner           varchar(200),
    url             text         NOT NULL,
    description     varchar(200),
    secret          varchar(100) NOT NULL,
    previous_secret varchar(100),
    previous_until  timestamptz,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL
);
CREATE INDEX webhook_endpoint_owner ON webhook_endpoint (owner);

-- the outbox: one row per notification, channel and target, written in the intake transaction. Its id is the
-- idempotency key sent to providers. held/queued/failed rows are due at due_at; the relay publishes due rows to
-- herald.channel.<channel> and notes when (dispatched_at); a worker takes a queued row (sending), then records the
-- outcome: sent, delivered, failed (a retry is due at due_at), dead, or skipped.
CREATE TABLE delivery (
    id              varchar(40)  PRIMARY KEY,
    notification_id varchar(40)  NOT NULL,
    recipient       varchar(200) NOT NULL,
    channel         varchar(10)  NOT NULL,
    target          varchar(40),
    status          varchar(10)  NOT NULL,
    reason          text,
    due_at          timestamptz,
    dispatched_at   timestamptz,
    attempts        integer      NOT NULL DEFAULT 0,
    budget_from     integer      NOT NULL DEFAULT 0, -- attempts before the last replay: a replay gets a fresh budget
    digest_id       varchar(40), -- for a row in status 'digest': the digest delivery (target 'digest') listing it
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL
);
CREATE INDEX delivery_due ON delivery (due_at) WHERE status IN ('held', 'queued', 'failed', 'sending');
CREATE INDEX delivery_notification ON delivery (notification_id);
CREATE INDEX delivery_digest ON delivery (recipient) WHERE status = 'digest';
CREATE INDEX delivery_in_digest ON delivery (digest_id) WHERE digest_id IS NOT NULL;

-- every attempt of a delivery: when, how it ended, the provider's status and answer (shortened)
CREATE TABLE delivery_attempt (
    delivery_id varchar(40)  NOT NULL,
    attempt     integer      NOT NULL,
    started_at  timestamptz  NOT NULL,
    finished_at timestamptz,
    outcome     varchar(10),  -- delivered | sent | transient | permanent | (null: did not finish)
    status_code integer,
    answer      text,
    PRIMARY KEY (delivery_id, attempt)
);

-- deliveries that failed for good (a permanent failure or retries exhausted); published to herald.channel.dlq
-- through this table, kept until replayed or discarded by an admin
CREATE TABLE dead_letter (
    delivery_id  varchar(40)  PRIMARY KEY,
    channel      varchar(10)  NOT NULL,
    recipient    varchar(200) NOT NULL,
    error        text         NOT NULL,
    dead_at      timestamptz  NOT NULL,
    published_at timestamptz,
    resolution   varchar(10), -- replayed | discarded
    resolved_at  timestamptz,
    resolved_by  varchar(200)
);
CREATE INDEX dead_letter_open ON dead_letter (dead_at) WHERE resolution IS NULL;
CREATE INDEX dead_letter_unpublished ON dead_letter (dead_at) WHERE published_at IS NULL;

-- email digests: one row per user with an email digest due; it lists that user's deliveries in status 'digest'
CREATE TABLE digest (
    recipient  varchar(200) NOT NULL,
    channel    varchar(10)  NOT NULL,
    due_at     timestamptz  NOT NULL,
    PRIMARY KEY (recipient, channel)
);
CREATE INDEX digest_due ON digest (due_at);

-- delivery retention: settled deliveries are deleted after HERALD_CHANNEL_RETENTION_DAYS, found by this index
CREATE INDEX delivery_settled ON delivery (updated_at) WHERE status IN ('sent', 'delivered', 'skipped', 'dead');
-- deliveries held while their user muted everything have no due time; found by user when they unmute
CREATE INDEX delivery_muted ON delivery (recipient) WHERE status = 'held' AND due_at IS NULL;
