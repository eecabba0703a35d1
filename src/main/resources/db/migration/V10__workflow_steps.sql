-- Workflow steps (issue 26): a delivery a type's workflow holds is 'delayed' until due_at, when the relay decides the
-- user's preferences again and queues it, or cancels it ('cancelled') when the notification was seen, read or
-- archived first. step: which step held it (kept after it moved on, for the user's story); unless_state: what cancels
-- it (seen, read, archived).
ALTER TABLE delivery ADD COLUMN step varchar(10), ADD COLUMN unless_state varchar(10);

-- the step runner's scan: due delayed rows, oldest first (the relay's delivery_due index does not list 'delayed', so
-- the relay never publishes a row no step has released)
CREATE INDEX delivery_delayed ON delivery (due_at) WHERE status = 'delayed';

-- retention purges cancelled rows like the other settled ones
DROP INDEX delivery_settled;
CREATE INDEX delivery_settled ON delivery (updated_at) WHERE status IN ('sent', 'delivered', 'skipped', 'dead', 'cancelled');
