-- what the recipient's preferences decided for a delivery, as a code (dev.herald.preference.entity.Decision.Kind):
-- deliver, hold-until, hold-muted, digest or skip. The reason beside it is prose for people; code reads this column.
-- NULL for a row no preference decided (a digest's own delivery).
ALTER TABLE delivery ADD COLUMN decision varchar(16);

-- rows planned before this column existed: the only time their reason text is read, to give them their code
UPDATE delivery SET decision = CASE
        WHEN target = 'digest' THEN NULL
        WHEN status = 'digest' OR reason LIKE '% digest' OR reason = 'seen before the digest' THEN 'digest'
        WHEN reason LIKE 'muted%' OR reason = 'released: you unmuted' THEN 'hold-muted'
        WHEN reason = 'quiet hours' THEN 'hold-until'
        WHEN status = 'skipped' THEN 'skip'
        ELSE 'deliver'
    END;
