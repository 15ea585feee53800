"""What a mail's templates read: a claimed notification turned into plain values in the reader's language."""

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from network.mail.dates import when_text
from network.mail.reasons import Names, Reading, help_reason_text, parse_reasons, reasons_text, slugs_named
from network.mail.repository import AccountMail, MailRow
from network.outbox.models import MailLanguage, NotificationKind

# The template of each kind (the three suggestion kinds share one, worded by kind).
TEMPLATES = {
    NotificationKind.PEER_SUGGESTED: "suggested",
    NotificationKind.MENTOR_SUGGESTED: "suggested",
    NotificationKind.MENTEE_SUGGESTED: "suggested",
    NotificationKind.OTHER_ACCEPTED: "other_accepted",
    NotificationKind.INTRODUCED: "introduced",
    NotificationKind.SUGGESTION_REMINDER: "reminder",
    NotificationKind.EVENT_INVITED: "event_invited",
    NotificationKind.REGISTRATION_CONFIRMED: "registration_confirmed",
    NotificationKind.EVENT_REMINDER: "event_reminder",
    NotificationKind.EVENT_CANCELLED: "event_cancelled",
    NotificationKind.EVENT_MESSAGE: "event_message",
    NotificationKind.HELP_ROUTED: "help_routed",
    NotificationKind.HELP_ANSWERED: "help_answered",
}

# The web client's mail settings (web/src/pages/MailSettings.tsx on the "My data" page).
SETTINGS_PATH = "/me#mail-title"


@dataclass(frozen=True)
class Site:
    """Where the web client is and the time zone dates are shown in."""

    public_url: str
    timezone: str

    def link(self, path: str) -> str:
        return self.public_url.rstrip("/") + path


def language_of(account: AccountMail) -> str:
    return MailLanguage.EN.value if account["language"] == MailLanguage.EN.value else MailLanguage.DE.value


def data_of(row: MailRow) -> dict[str, Any]:
    try:
        found = json.loads(row["data"] or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def reasons_of(row: MailRow) -> list[dict[str, object]]:
    """The reasons a mail shows: a suggestion's, or why a help question went to this volunteer."""
    if row["kind"] == NotificationKind.HELP_ROUTED:
        found = data_of(row).get("reasons")
        return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []
    suggestion = row["suggestion"]
    return parse_reasons(suggestion["reasons"]) if suggestion else []


def slugs_of(rows: list[MailRow]) -> dict[str, list[str]]:
    """Every catalogue slug the mails of `rows` name, per list."""
    found: dict[str, set[str]] = {"tools": set(), "skills": set(), "fields": set(), "groups": set()}
    for row in rows:
        for key, slugs in slugs_named(reasons_of(row)).items():
            found[key] |= slugs
    return {key: sorted(slugs) for key, slugs in found.items()}


def _perspective(kind: NotificationKind, mine_label: str) -> str:
    if kind is NotificationKind.EVENT_INVITED:
        return "invite"
    return "volunteer" if mine_label == "Volunteer" else "association"


def _place(event: dict[str, Any], language: str) -> str:
    district = event.get("district")
    online = "online"
    if event.get("format") == "ONLINE":
        return online
    here = (f"in {district}" if district else "") or ("vor Ort" if language == "de" else "in person")
    if event.get("format") == "HYBRID":
        return f"{here} {'und' if language == 'de' else 'and'} {online}"
    return here


def context(row: MailRow, names: Names, site: Site) -> dict[str, Any]:
    """The values one notification's templates read; `row` must have an account (see currency.why_not_sent)."""
    account = row["account"]
    assert account is not None
    language = language_of(account)
    kind = NotificationKind(row["kind"])
    data = data_of(row)
    found: dict[str, Any] = {
        "kind": kind.value,
        "stage": row["stage"],
        "language": language,
        "links": {
            "inbox": site.link("/inbox"),
            "events": site.link("/events"),
            "home": site.link("/"),
            "settings": site.link(SETTINGS_PATH),
            "unsubscribe": unsubscribe_link(site, account["unsubscribeToken"]),
        },
        "reasons": [],
    }
    suggestion = row["suggestion"]
    if suggestion is not None:
        other = suggestion["other"]
        reading = Reading(
            perspective=_perspective(kind, suggestion["mine"]["label"]),  # type: ignore[arg-type]  # one of three
            turned=suggestion["otherIsFor"],
            other_district=other["district"],
            offers={o["skill"]: int(o["level"] or 0) for o in other["offers"]},
            needs={n["skill"]: int(n["level"] or 1) for n in other["needs"]},
        )
        found["mine"] = suggestion["mine"]["name"]
        found["other"] = {
            "name": other["name"],
            "volunteer": other["label"] == "Volunteer",
            "contact": other["contactEmail"],
        }
        found["reasons"] = reasons_text(reasons_of(row), reading, names, language)
    event = row["event"]
    if event is not None:
        found["event"] = {
            "title": event["title"],
            "when": when_text(event["startsAt"].to_native(), event["endsAt"].to_native(), site.timezone, language),
            "place": _place(dict(event), language),
        }
        found["links"]["event"] = site.link("/events/" + quote(event["slug"], safe=""))
    # where the mail's main link (and a digest's line) leads
    found["links"]["help"] = site.link("/help")
    found["links"]["main"] = (
        found["links"].get("event")
        or (found["links"]["inbox"] if suggestion else None)
        or (found["links"]["help"] if kind in (NotificationKind.HELP_ROUTED, NotificationKind.HELP_ANSWERED) else None)
        or site.link("/")
    )
    if kind is NotificationKind.EVENT_MESSAGE:
        found["message"] = {"subject": str(data.get("subject") or ""), "text": str(data.get("text") or "")}
    if kind in (NotificationKind.HELP_ROUTED, NotificationKind.HELP_ANSWERED):
        about = data.get("about") if isinstance(data.get("about"), dict) else None
        found["help"] = {
            "question": str(data.get("question") or ""),
            "about": str(about.get("name") or about.get("slug") or "") if about else "",
            "answer": str(data.get("answer") or ""),
            "answered_by": str(data.get("answeredBy") or ""),
            "asker": str(data.get("askerName") or ""),
        }
        if kind is NotificationKind.HELP_ROUTED:
            found["reasons"] = [help_reason_text(r, names, language) for r in reasons_of(row)]
    return found


def unsubscribe_link(site: Site, token: str) -> str:
    return site.link("/mail/unsubscribe/" + quote(token, safe=""))
