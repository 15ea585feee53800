"""Whether a claimed notification should still go out, decided when it is sent: what it was about may have changed
since it was written."""

import datetime as dt

from network.mail.repository import MailRow
from network.outbox.models import ALWAYS_SENT, MailFrequency, NotificationKind

# Kinds that ask for an answer to a suggestion: pointless once it is no longer open.
ABOUT_AN_OPEN_SUGGESTION = frozenset(
    {
        NotificationKind.PEER_SUGGESTED,
        NotificationKind.MENTOR_SUGGESTED,
        NotificationKind.MENTEE_SUGGESTED,
        NotificationKind.OTHER_ACCEPTED,
        NotificationKind.SUGGESTION_REMINDER,
    }
)
ABOUT_AN_EVENT = frozenset(
    {
        NotificationKind.EVENT_INVITED,
        NotificationKind.REGISTRATION_CONFIRMED,
        NotificationKind.EVENT_REMINDER,
        NotificationKind.EVENT_CANCELLED,
        NotificationKind.EVENT_MESSAGE,
    }
)


def why_not_sent(row: MailRow, now: dt.datetime) -> str | None:
    """The reason to skip the notification (stored on it), or None when its mail should go out."""
    account = row["account"]
    if account is None:
        return "the account no longer exists"
    kind = NotificationKind(row["kind"])
    if account["frequency"] == MailFrequency.NEVER and kind not in ALWAYS_SENT:
        return "the account wants no mail"
    if row["subject"] is None:
        return "what it was about no longer exists"
    suggestion, event = row["suggestion"], row["event"]
    if kind in ABOUT_AN_OPEN_SUGGESTION or kind is NotificationKind.INTRODUCED:
        if suggestion is None:
            return "the account no longer acts for a side of the suggestion"
        if kind in ABOUT_AN_OPEN_SUGGESTION and suggestion["status"] != "PROPOSED":
            return f"the suggestion is no longer open ({suggestion['status']})"
        if kind in ABOUT_AN_OPEN_SUGGESTION and suggestion["mine"]["id"] in suggestion["acceptedBy"]:
            return "this side answered already"
    if kind is NotificationKind.EVENT_INVITED and suggestion is not None and suggestion["status"] != "PROPOSED":
        return f"the invite is no longer open ({suggestion['status']})"
    if kind in ABOUT_AN_EVENT:
        if event is None:
            return "the event no longer exists"
        if kind is not NotificationKind.EVENT_CANCELLED and event["status"] == "CANCELLED":
            return "the event was cancelled"
        if kind is NotificationKind.EVENT_MESSAGE and not event["registered"]:
            return "no longer registered for the event"
        if kind is NotificationKind.EVENT_REMINDER:
            if not event["registered"]:
                return "no longer registered for the event"
            if event["startsAt"].to_native() <= now:
                return "the event has started"
    return None
