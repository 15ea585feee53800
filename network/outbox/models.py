"""Kinds, states and delivery frequencies of notifications."""

from enum import StrEnum


class NotificationKind(StrEnum):
    PEER_SUGGESTED = "PEER_SUGGESTED"  # a new peer suggestion, to both associations
    MENTOR_SUGGESTED = "MENTOR_SUGGESTED"  # a new mentoring suggestion, to the association
    MENTEE_SUGGESTED = "MENTEE_SUGGESTED"  # the same suggestion, to the volunteer
    OTHER_ACCEPTED = "OTHER_ACCEPTED"  # the other side said yes; this side has not answered yet
    INTRODUCED = "INTRODUCED"  # both said yes: here is the contact to write to
    SUGGESTION_REMINDER = "SUGGESTION_REMINDER"  # a suggestion this side has not answered (first and last)
    EVENT_INVITED = "EVENT_INVITED"  # an invite to an event
    REGISTRATION_CONFIRMED = "REGISTRATION_CONFIRMED"  # registered for an event
    EVENT_REMINDER = "EVENT_REMINDER"  # a registered event starts soon
    EVENT_CANCELLED = "EVENT_CANCELLED"  # sent whatever the frequency
    EVENT_MESSAGE = "EVENT_MESSAGE"  # staff write to those who take part in an event
    HELP_ROUTED = "HELP_ROUTED"  # a technical question for a volunteer who fits it
    HELP_ANSWERED = "HELP_ANSWERED"  # the answer, to the person who asked


# Kinds that reach a person even when they chose to receive no mail: they change plans already made.
ALWAYS_SENT = frozenset({NotificationKind.EVENT_CANCELLED})


class NotificationStatus(StrEnum):
    PENDING = "PENDING"  # waiting for delivery (now, or in the account's next digest)
    SENDING = "SENDING"  # claimed by a delivery run until `claimedUntil`; a run that died leaves it to the next
    SENT = "SENT"
    FAILED = "FAILED"  # refused for good, or out of tries: `error` says why
    SKIPPED = "SKIPPED"  # not sent: the account wants no mail, or what it was about is gone: `error` says which


class MailFrequency(StrEnum):
    IMMEDIATE = "IMMEDIATE"
    DAILY = "DAILY"  # one digest a day of what is pending
    WEEKLY = "WEEKLY"  # one digest on Mondays
    NEVER = "NEVER"


class MailLanguage(StrEnum):
    DE = "de"
    EN = "en"
