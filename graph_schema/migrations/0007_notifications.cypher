// The outbox (network/outbox): one notification per key, found by id for delivery, by status for the next run.
CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT notification_key IF NOT EXISTS FOR (n:Notification) REQUIRE n.key IS UNIQUE;
CREATE INDEX notification_status IF NOT EXISTS FOR (n:Notification) ON (n.status, n.nextTryAt);
