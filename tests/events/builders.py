"""Event records at times no other test uses, and the event operations the tests send."""

import datetime as dt
from typing import Any

from tests.associations.builders import make_event
from tests.support.cleanup import Slugs

PROFILE = (
    "id slug title description startsAt endsAt format status visibility capacity registeredCount "
    "outreachShare district { slug } tools { slug } skills { slug } fields { slug } canEdit"
)
PAGE = "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { slug } }"
ERRORS = "errors { field code message }"

EVENT = f"query($slug: String!) {{ event(slug: $slug) {{ {PROFILE} }} }}"
EVENTS = (
    "query($filter: EventFilterInput, $first: Int, $after: String) "
    f"{{ events(filter: $filter, first: $first, after: $after) {{ {PAGE} }} }}"
)
CREATE = f"mutation($input: CreateEventInput!) {{ createEvent(input: $input) {{ event {{ {PROFILE} }} {ERRORS} }} }}"
UPDATE = (
    "mutation($slug: String!, $input: UpdateEventInput!) "
    f"{{ updateEvent(slug: $slug, input: $input) {{ event {{ {PROFILE} }} {ERRORS} }} }}"
)
CANCEL = f"mutation($slug: String!) {{ cancelEvent(slug: $slug) {{ event {{ {PROFILE} }} {ERRORS} }} }}"
REGISTER = (
    "mutation($event: String!, $party: String!) { registerForEvent(eventSlug: $event, partySlug: $party) "
    f"{{ event {{ slug registeredCount }} {ERRORS} }} }}"
)


def base_time(slugs: Slugs) -> dt.datetime:
    """Midnight UTC of a day far in the future that only this test's prefix maps to (most likely)."""
    return dt.datetime(2200, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=int(slugs.prefix[1:], 16) % 200_000)


def at(slugs: Slugs, hours: float) -> str:
    """An ISO time `hours` after this test's base time, in UTC."""
    return (base_time(slugs) + dt.timedelta(hours=hours)).isoformat()


def timed_event(slugs: Slugs, name: str, hours: float, length: float = 2, **overrides: Any) -> dict[str, Any]:
    """An import record of an event starting `hours` after the test's base time."""
    return make_event(slugs(name), **{"startsAt": at(slugs, hours), "endsAt": at(slugs, hours + length), **overrides})


def window(slugs: Slugs, **more: Any) -> dict[str, Any]:
    """A filter on this test's base day and the week after it (so only this test's events are listed)."""
    return {"startsFrom": at(slugs, 0), "startsUntil": at(slugs, 24 * 7), **more}
