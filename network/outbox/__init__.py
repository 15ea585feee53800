"""The outbox: what should reach a person by mail, written as `Notification` nodes in the transaction of the change
that causes it, and delivered later by the worker (network/mail, jobs/tasks/mail.py)."""
