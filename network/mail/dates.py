"""Dates and times in mails, in the service's time zone and the reader's language."""

import datetime as dt
from zoneinfo import ZoneInfo

_WEEKDAYS = {
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
_MONTHS = {
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}  # fmt: skip


def when_text(start: dt.datetime, end: dt.datetime | None, timezone: str, language: str) -> str:
    """ "Montag, 7. Dezember 2026, 18:00 bis 20:00 Uhr" / "Monday, 7 December 2026, 18:00 to 20:00"; an end on
    another day is named with its date."""
    zone = ZoneInfo(timezone)
    lang = "en" if language == "en" else "de"
    local = start.astimezone(zone)
    day = f"{_WEEKDAYS[lang][local.weekday()]}, {local.day}{'.' if lang == 'de' else ''} "
    day += f"{_MONTHS[lang][local.month - 1]} {local.year}"
    text = f"{day}, {local:%H:%M}"
    if end is not None:
        finish = end.astimezone(zone)
        until = f"{finish:%H:%M}" if finish.date() == local.date() else f"{finish.day}.{finish.month}.{finish.year}, "
        if finish.date() != local.date():
            until += f"{finish:%H:%M}"
        text += f" bis {until}" if lang == "de" else f" to {until}"
    return text + (" Uhr" if lang == "de" else "")
