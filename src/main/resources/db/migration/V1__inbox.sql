-- Herald's inbox: one row per notification per recipient, a per-user sequence, and parked records.

CREATE TABLE notification (
    id          varchar(40)  PRIMARY KEY,
    recipient   varchar(200) NOT NULL,
    seq         bigint       NOT NULL,
    source      varchar(500) NOT NULL,
    event_id    varchar(200) NOT NULL,
    type        varchar(200) NOT NULL,
    category    varchar(100) NOT NULL,
    title       text         NOT NULL,
    body        text         NOT NULL,
    data        text         NOT NULL,
    actors      text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    seen_at     timestamptz,
    read_at     timestamptz,
    archived_at timestamptz,
    CONSTRAINT notification_recipient_seq UNIQUE (recipient, seq),
    CONSTRAINT notification_event_recipient UNIQUE (source, event_id, recipient)
);

-- the unread badge and the unread filter
CREATE INDEX notification_unread ON notification (recipient, seq DESC)
    WHERE read_at IS NULL AND archived_at IS NULL;
-- the dedupe look-up by event id
CREATE INDEX notification_event_id ON notification (event_id);

-- last seq handed out per user; its row lock orders one user's writers
CREATE TABLE user_sequence (
    recipient varchar(200) PRIMARY KEY,
    last_seq  bigint       NOT NULL
);

CREATE TABLE parked_event (
    id              varchar(40)  PRIMARY KEY,
    parked_at       timestamptz  NOT NULL,
    topic           varchar(300),
    kafka_partition integer,
    kafka_offset    bigint,
    record_key      text,
    payload         text,
    reason          text         NOT NULL
);
CREATE INDEX parked_event_parked_at ON parked_event (parked_at DESC);
