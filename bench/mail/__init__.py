"""The mail benchmark: notifications queued through the outbox, sent by the real worker through the local SMTP sink,
with the API's read latency measured while the sender is idle and while it works, and an SMTP outage mid-run."""
