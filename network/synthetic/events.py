"""A handful of events about tools that associations consider or share, with a related skill and maybe a field."""

import datetime as dt
from math import sqrt
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from network.synthetic import assumptions as A
from network.synthetic.associations import Associations
from network.synthetic.calibration import Calibration
from network.synthetic.world import World

BERLIN = ZoneInfo("Europe/Berlin")
FORMATS = ("ONLINE", "IN_PERSON", "HYBRID")


def event_count(associations: int) -> int:
    low, high = A.EVENTS
    return int(min(max(round(sqrt(associations) / 6), low), high))


def plan_events(
    assoc: Associations, world: World, cal: Calibration, slugs: list[str], rng: np.random.Generator
) -> list[dict[str, Any]]:
    """Records in the import format; `slugs` gives one slug per event."""
    interest = assoc.considers.sum(axis=0) + (assoc.proficiency == 1).sum(axis=0) + 1.0
    topics = rng.choice(
        len(world.tools), size=len(slugs), replace=len(slugs) > len(world.tools), p=interest / interest.sum()
    )
    formats = rng.choice(3, size=len(slugs), p=cal.event_formats)
    districts = rng.choice(len(world.districts), size=len(slugs), p=world.population)
    events = []
    for i, (slug, tool, form, district) in enumerate(
        zip(slugs, topics.tolist(), formats.tolist(), districts.tolist(), strict=True)
    ):
        related = world.tool_skills[tool]
        skill = related[int(rng.integers(len(related)))] if related else None
        field = int(rng.choice(len(world.fields), p=cal.field_weights)) if rng.random() < A.EVENT_FIELD else None
        day = A.AS_OF + dt.timedelta(days=14 + 7 * i + int(rng.integers(0, 5)))
        starts = dt.datetime(day.year, day.month, day.day, 18, 0, tzinfo=BERLIN)
        hours = 3 if skill is not None else 2
        title = _title(world, tool, skill, field, int(rng.integers(3)))
        event: dict[str, Any] = {
            "slug": slug,
            "title": title,
            "description": f"{title}: Austausch und Praxis für Berliner Vereine und Initiativen.",
            "startsAt": starts.isoformat(),
            "endsAt": (starts + dt.timedelta(hours=hours)).isoformat(),
            "format": FORMATS[form],
        }
        if FORMATS[form] != "ONLINE":
            event["district"] = world.districts[district]
        low, high = A.EVENT_CAPACITY
        event["capacity"] = int(rng.integers(low // 5, high // 5 + 1)) * 5
        event["about"] = {
            "tools": [world.tools[tool]],
            "skills": [world.skills[skill]] if skill is not None else [],
            "fields": [world.fields[field]] if field is not None else [],
        }
        events.append(event)
    return events


def _title(world: World, tool: int, skill: int | None, field: int | None, variant: int) -> str:
    name = world.tool_names[tool]
    if field is not None and variant == 0:
        return f"Vernetzungstreffen {world.field_labels[field]}: {name}"
    if skill is not None and variant == 1:
        return f"Workshop: {world.skill_labels[skill]}"
    return f"{name} für Vereine: Einstieg und Erfahrungen"
