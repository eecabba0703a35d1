-- Each user's unread count kept beside their sequence, so the badge is one row read instead of a count over the
-- inbox (which grew with every unread notification and dominated the intake's database time). Statement-level
-- triggers keep it true for every write to notification, whichever code path makes it.
ALTER TABLE user_sequence ADD COLUMN unread bigint NOT NULL DEFAULT 0;

UPDATE user_sequence s SET unread = c.n
FROM (SELECT recipient, count(*) AS n FROM notification
      WHERE read_at IS NULL AND archived_at IS NULL GROUP BY recipient) c
WHERE c.recipient = s.recipient;

CREATE FUNCTION notification_unread_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO user_sequence AS s (recipient, last_seq, unread)
    SELECT recipient, 0, count(*) FROM new_rows
    WHERE read_at IS NULL AND archived_at IS NULL GROUP BY recipient
    ON CONFLICT (recipient) DO UPDATE SET unread = s.unread + EXCLUDED.unread;
    RETURN NULL;
END $$;

CREATE FUNCTION notification_unread_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE user_sequence s SET unread = s.unread + d.delta
    FROM (SELECT recipient, sum(v) AS delta FROM (
              SELECT recipient, 1 AS v FROM new_rows WHERE read_at IS NULL AND archived_at IS NULL
              UNION ALL
              SELECT recipient, -1 FROM old_rows WHERE read_at IS NULL AND archived_at IS NULL) x
          GROUP BY recipient HAVING sum(v) <> 0) d
    WHERE s.recipient = d.recipient;
    RETURN NULL;
END $$;

CREATE FUNCTION notification_unread_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE user_sequence s SET unread = s.unread - d.n
    FROM (SELECT recipient, count(*) AS n FROM old_rows
          WHERE read_at IS NULL AND archived_at IS NULL GROUP BY recipient) d
    WHERE s.recipient = d.recipient;
    RETURN NULL;
END $$;

CREATE TRIGGER notification_unread_on_insert AFTER INSERT ON notification
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notification_unread_inserted();
CREATE TRIGGER notification_unread_on_update AFTER UPDATE ON notification
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION notification_unread_updated();
CREATE TRIGGER notification_unread_on_delete AFTER DELETE ON notification
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notification_unread_deleted();
