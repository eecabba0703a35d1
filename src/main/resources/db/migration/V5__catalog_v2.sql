-- Catalog v2: JSON columns, priority and locale, aggregation in place, user settings, precise parking reasons.

ALTER TABLE notification
    ALTER COLUMN data TYPE jsonb USING data::jsonb,
    ALTER COLUMN actors TYPE jsonb USING actors::jsonb,
    ADD COLUMN priority       varchar(10)  NOT NULL DEFAULT 'normal',
    ADD COLUMN locale         varchar(35),
    -- aggregation: the group the notification gathers events of, until when, and how many it gathered
    ADD COLUMN group_key      varchar(500),
    ADD COLUMN window_ends_at timestamptz,
    ADD COLUMN actor_count    integer      NOT NULL DEFAULT 0,
    ADD COLUMN event_count    integer      NOT NULL DEFAULT 1;

UPDATE notification SET actor_count = jsonb_array_length(actors) WHERE jsonb_typeof(actors) = 'array';

-- the newest aggregate of a (recipient, type, group)
CREATE INDEX notification_aggregate ON notification (recipient, type, group_key, seq DESC)
    WHERE group_key IS NOT NULL;

-- every distinct actor of an aggregate, so the same actor twice counts once however many there are
CREATE TABLE notification_actor (
    notification_id varchar(40)  NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    actor_id        varchar(200) NOT NULL,
    PRIMARY KEY (notification_id, actor_id)
);

-- the idempotency key of every event an aggregate absorbed (its first event is the notification's own key); kept
-- like a tombstone, so a redelivered event is never counted twice, and purged after HERALD_DEDUPE_RETENTION_DAYS
CREATE TABLE absorbed_event (
    source          varchar(500) NOT NULL,
    event_id        varchar(200) NOT NULL,
    recipient       varchar(200) NOT NULL,
    notification_id varchar(40)  NOT NULL,
    absorbed_at     timestamptz  NOT NULL,
    PRIMARY KEY (event_id, source, recipient)
);
CREATE INDEX absorbed_event_absorbed_at ON absorbed_event (absorbed_at);

-- each user's own settings: the locale notifications are rendered in, the time zone
CREATE TABLE user_setting (
    recipient  varchar(200) PRIMARY KEY,
    locale     varchar(35),
    time_zone  varchar(64),
    updated_at timestamptz  NOT NULL
);

-- the precise reasons a record was parked: [{pointer, detail}]
ALTER TABLE parked_event ADD COLUMN errors text;
-- a binary-mode record's envelope is in its headers: kept as a JSON object
ALTER TABLE parked_event ADD COLUMN headers text;
