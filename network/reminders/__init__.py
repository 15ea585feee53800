"""Reminders: suggestions left unanswered and events about to start, written to the outbox once each."""
