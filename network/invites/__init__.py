"""Event invites: per upcoming event a ranked list of parties worth inviting, stored as EVENT_INVITE suggestions."""
