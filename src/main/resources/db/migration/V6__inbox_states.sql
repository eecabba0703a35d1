-- The whole inbox: snooze, the old places of moved notifications (for cursors), preferences, retention.

-- stored but not worth a toast (muted, quiet hours): kept so a client catching up is told too
ALTER TABLE notification ADD COLUMN silent boolean NOT NULL DEFAULT false;

-- snoozed until then: hidden from the inbox and its counts, back on top (unread, with a new seq) when it is due
ALTER TABLE notification ADD COLUMN snoozed_until timestamptz;
CREATE INDEX notification_snoozed ON notification (snoozed_until) WHERE snoozed_until IS NOT NULL;

-- retention: old notifications are found by index, so each batch of a purge starts where the last one ended (a
-- BRIN index would keep matching the block ranges already emptied and rescan them every batch); read_at is indexed
-- only for read notifications.
CREATE INDEX notification_created_at ON notification (created_at);
CREATE INDEX notification_read_at ON notification (read_at) WHERE read_at IS NOT NULL;

-- every move of a notification to a new seq (an aggregate gathering an event, a snooze ending): a cursor taken before
-- the move still finds the notification at its old place, so a paging walk neither skips nor repeats it.
-- Purged after a day; a cursor older than that may miss a notification that moved meanwhile.
CREATE TABLE notification_move (
    recipient       varchar(200) NOT NULL,
    old_seq         bigint       NOT NULL,
    new_seq         bigint       NOT NULL,
    notification_id varchar(40)  NOT NULL,
    moved_at        timestamptz  NOT NULL,
    PRIMARY KEY (recipient, old_seq)
);
CREATE INDEX notification_move_moved_at ON notification_move (moved_at);

-- the user's preferences (channels per category, mute, quiet hours, digests) as one JSON document; null = defaults
ALTER TABLE user_setting ADD COLUMN preferences text;

-- a snoozed notification does not count as unread until it is back
CREATE OR REPLACE FUNCTION notification_unread_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO user_sequence AS s (recipient, last_seq, unread)
    SELECT recipient, 0, count(*) FROM new_rows
    WHERE read_at IS NULL AND archived_at IS NULL AND snoozed_until IS NULL GROUP BY recipient
    ON CONFLICT (recipient) DO UPDATE SET unread = s.unread + EXCLUDED.unread;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION notification_unread_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE user_sequence s SET unread = s.unread + d.delta
    FROM (SELECT recipient, sum(v) AS delta FROM (
              SELECT recipient, 1 AS v FROM new_rows
              WHERE read_at IS NULL AND archived_at IS NULL AND snoozed_until IS NULL
              UNION ALL
              SELECT recipient, -1 FROM old_rows
              WHERE read_at IS NULL AND archived_at IS NULL AND snoozed_until IS NULL) x
          GROUP BY recipient HAVING sum(v) <> 0) d
    WHERE s.recipient = d.recipient;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION notification_unread_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE user_sequence s SET unread = s.unread - d.n
    FROM (SELECT recipient, count(*) AS n FROM old_rows
          WHERE read_at IS NULL AND archived_at IS NULL AND snoozed_until IS NULL GROUP BY recipient) d
    WHERE s.recipient = d.recipient;
    RETURN NULL;
END $$;
