-- One-time tickets that open a live socket: the SHA-256 of the ticket, never the ticket itself.
CREATE TABLE live_ticket (
    id               varchar(64)  PRIMARY KEY,
    recipient        varchar(200) NOT NULL,
    token_expires_at timestamptz  NOT NULL,
    expires_at       timestamptz  NOT NULL
);
CREATE INDEX live_ticket_expires_at ON live_ticket (expires_at);
