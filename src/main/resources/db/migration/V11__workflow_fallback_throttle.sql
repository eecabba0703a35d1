-- Workflows (issue 26), second part. fallback_of: the channel a delayed fallback row backs up; when that channel's
-- delivery fails for good (or finds no one to send to), the fallback goes at once instead of at its time.
ALTER TABLE delivery ADD COLUMN fallback_of varchar(10);

-- Throttles: how many messages of a scope (e.g. 'type:comment.replied') went to a recipient on a channel in one fixed
-- period. Purged by the delivery retention two days after the period started.
CREATE TABLE send_quota (
    recipient    varchar(200) NOT NULL,
    channel      varchar(10)  NOT NULL,
    scope        varchar(220) NOT NULL,
    period_start timestamptz  NOT NULL,
    used         integer      NOT NULL,
    PRIMARY KEY (recipient, channel, scope, period_start)
);
CREATE INDEX send_quota_period ON send_quota (period_start);
