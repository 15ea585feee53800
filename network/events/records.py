"""An event as a record: its row for the graph, its import-format record, and the catalogue slugs it names."""

import uuid

from network.events.models import EventInput
from network.records.conversions import ImportRecord, Reference, common, links
from network.records.repository import NodeRow, StoredEvent
from network.records.writes import Kind


def event_row(e: EventInput) -> NodeRow:
    return {
        "id": str(uuid.uuid4()),
        "slug": e.slug,
        "props": {
            "title": e.title,
            "description": e.description,
            "startsAt": e.starts_at,
            "endsAt": e.ends_at,
            "format": e.format.value,
            "capacity": e.capacity,
            "outreachShare": e.outreach_share,
            "visibility": e.visibility.value,
            "status": "SCHEDULED",
        },
        "links": {
            "tools": links(e.about.tools),
            "skills": links(e.about.skills),
            "fields": links(e.about.fields),
            "district": links([e.district] if e.district else []),
        },
    }


def exported_event(row: StoredEvent) -> ImportRecord:
    out = common(
        row, ["slug", "title", "description", "startsAt", "endsAt", "format", "capacity", "outreachShare", "visibility"]
    )
    out["about"] = {"tools": row["tools"], "skills": row["skills"], "fields": row["fields"]}
    return out


def event_references(item: EventInput) -> list[Reference]:
    """The catalogue slugs the record names, with where it names them."""
    refs: list[Reference] = [("district", "District", item.district)] if item.district else []
    refs += [(f"about.tools[{i}]", "Tool", s) for i, s in enumerate(item.about.tools)]
    refs += [(f"about.skills[{i}]", "Skill", s) for i, s in enumerate(item.about.skills)]
    refs += [(f"about.fields[{i}]", "Field", s) for i, s in enumerate(item.about.fields)]
    return refs


KIND = Kind("Event", "event", EventInput, exported_event, event_row, event_references)
