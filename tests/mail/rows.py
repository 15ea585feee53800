"""Claimed notifications as the delivery repository reads them, for the pure rendering tests."""

import datetime as dt
import json
from typing import Any

from neo4j.time import DateTime

from network.mail.reasons import Names
from network.mail.repository import AccountMail, EventMail, MailRow, SuggestionMail

NAMES = Names(
    tools={"nextcloud": ["Nextcloud", "Nextcloud"]},
    skills={"newsletter": ["Newsletter schreiben", "Writing newsletters"]},
    fields={"sport": ["Sport", "Sports"]},
    groups={"seniors": ["Ältere Menschen", "Older people"]},
    districts={"neukoelln": ["Neukölln", "Neukölln"], "mitte": ["Mitte", "Mitte"]},
    tool_shares={"nextcloud": 0.02},
)


def account(language: str = "de", frequency: str = "IMMEDIATE") -> AccountMail:
    return {
        "id": "acc-1",
        "email": "reader@example.org",
        "language": language,
        "frequency": frequency,
        "unsubscribeToken": "ab" * 32,
    }


def suggestion(other_name: str = "Sportverein Nord", contact: str | None = None, **extra: Any) -> SuggestionMail:
    found: SuggestionMail = {
        "id": "sug-1",
        "kind": "PEER",
        "status": "PROPOSED",
        "reasons": json.dumps(
            [
                {"code": "SHARED_TOOL", "detail": "nextcloud", "weight": 0.4},
                {"code": "SAME_DISTRICT", "detail": "neukoelln", "weight": 0.2},
                {"code": "CAN_MENTOR_TOOL", "detail": "nextcloud", "weight": 0.1, "direction": "OFFERS"},
            ]
        ),
        "acceptedBy": [],
        "otherIsFor": False,
        "mine": {"id": "assoc-1", "label": "Association", "slug": "mine", "name": "Kiezchor"},
        "other": {
            "id": "assoc-2",
            "label": "Association",
            "slug": "other",
            "name": other_name,
            "district": "mitte",
            "offers": [],
            "needs": [],
            "contactEmail": contact,
        },
    }
    found.update(extra)  # type: ignore[typeddict-item]
    return found


def event(title: str = "Nextcloud-Einsteigerkurs", status: str = "SCHEDULED") -> EventMail:
    start = dt.datetime(2026, 12, 7, 17, 0, tzinfo=dt.UTC)  # 18:00 in Berlin
    return {
        "id": "ev-1",
        "slug": "nextcloud-kurs",
        "title": title,
        "startsAt": DateTime.from_native(start),
        "endsAt": DateTime.from_native(start + dt.timedelta(hours=2)),
        "format": "HYBRID",
        "status": status,
        "district": "Neukölln",
        "registered": True,
    }


def row(kind: str, language: str = "de", **parts: Any) -> MailRow:
    found: MailRow = {
        "id": "11111111-2222-3333-4444-555555555555",
        "kind": kind,
        "stage": "",
        "data": "{}",
        "tries": 0,
        "account": account(language),
        "subject": "Suggestion",
        "suggestion": None,
        "event": None,
    }
    found.update(parts)  # type: ignore[typeddict-item]
    return found
