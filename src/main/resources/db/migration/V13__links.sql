-- Links back into the product (issue 26): where a notification leads (an absolute URL rendered from its type's link and
-- the newest event's data), null for none. Views carry it; email and push lead there through Herald's signed
-- /api/open/{token}, which marks the notification read first.
ALTER TABLE notification ADD COLUMN link text;
