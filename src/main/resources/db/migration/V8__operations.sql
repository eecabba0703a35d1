-- Operations (issue 13): the intake switch and catalog generation every instance follows, the admins' audit trail, and what each instance
-- last reported about itself for the console.

-- one row: whether intake is paused on every instance, who changed it and when
-- (version counts the changes, so an instance can tell an older read from its own newer change whatever the clocks)
CREATE TABLE intake_control (
    id         smallint     PRIMARY KEY CHECK (id = 1),
    paused     boolean      NOT NULL,
    changed_by varchar(200),
    changed_at timestamptz  NOT NULL,
    version    bigint       NOT NULL
);
INSERT INTO intake_control (id, paused, changed_by, changed_at, version) VALUES (1, false, NULL, now(), 0);

-- one row: the catalog's generation; an admin's reload on one instance raises it and every other instance reloads
-- its own catalog file when it sees a higher one
CREATE TABLE catalog_generation (
    id         smallint     PRIMARY KEY CHECK (id = 1),
    generation bigint       NOT NULL
);
INSERT INTO catalog_generation (id, generation) VALUES (1, 0);

-- every admin action: who, when, what; rows are only ever added
CREATE TABLE audit_entry (
    id      bigserial    PRIMARY KEY,
    at      timestamptz  NOT NULL,
    actor   varchar(200) NOT NULL,
    action  varchar(60)  NOT NULL,
    target  text,
    details jsonb        NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_entry_at ON audit_entry (at DESC);

CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END $$;
CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

-- each instance's last report (sockets, frames, intake rates, lag), written every few seconds
CREATE TABLE instance_report (
    instance    varchar(200) PRIMARY KEY,
    reported_at timestamptz  NOT NULL,
    report      jsonb        NOT NULL
);
