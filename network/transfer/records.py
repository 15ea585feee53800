"""Conversions between validated input records, rows for the graph, and records read back from it."""

import datetime as dt
import uuid
from typing import Any

from neo4j.time import Date, DateTime

from network.associations.models import AssociationInput
from network.events.models import EventInput
from network.kit.models import InputModel
from network.transfer.repository import Row
from network.volunteers.models import VolunteerInput


def unknown_references(item: InputModel, catalogue: dict[str, set[str]]) -> list[tuple[str, str]]:
    refs: list[tuple[str, str, str]] = []  # (where, catalogue label, slug)
    district = getattr(item, "district", None)
    if district:
        refs.append(("district", "District", district))
    if isinstance(item, AssociationInput):
        refs += [(f"tools[{i}].tool", "Tool", t.tool) for i, t in enumerate(item.tools)]
        refs += [(f"considers[{i}]", "Tool", s) for i, s in enumerate(item.considers)]
        refs += [(f"needs[{i}].skill", "Skill", n.skill) for i, n in enumerate(item.needs)]
        refs += [(f"fields[{i}]", "Field", s) for i, s in enumerate(item.fields)]
        refs += [(f"targetGroups[{i}]", "TargetGroup", s) for i, s in enumerate(item.target_groups)]
    elif isinstance(item, VolunteerInput):
        refs += [(f"skills[{i}].skill", "Skill", s.skill) for i, s in enumerate(item.skills)]
        refs += [(f"tools[{i}].tool", "Tool", t.tool) for i, t in enumerate(item.tools)]
    elif isinstance(item, EventInput):
        refs += [(f"about.tools[{i}]", "Tool", s) for i, s in enumerate(item.about.tools)]
        refs += [(f"about.skills[{i}]", "Skill", s) for i, s in enumerate(item.about.skills)]
        refs += [(f"about.fields[{i}]", "Field", s) for i, s in enumerate(item.about.fields)]
    return [
        (where, f"unknown {label_name(label)} '{slug}'")
        for where, label, slug in refs
        if slug not in catalogue.get(label, set())
    ]


def label_name(label: str) -> str:
    return {"TargetGroup": "target group"}.get(label, label.lower())


def _links(slugs: list[str], props: list[dict[str, Any]] | None = None) -> list[Row]:
    return [{"slug": s, "props": (props[i] if props else {})} for i, s in enumerate(slugs)]


def association_row(a: AssociationInput) -> Row:
    return {
        "id": str(uuid.uuid4()),
        "slug": a.slug,
        "props": {
            "name": a.name,
            "description": a.description,
            "members": a.members,
            "paidStaff": a.paid_staff,
            "languages": a.languages,
            "contactEmail": a.contact_email,
            "visibility": a.visibility.value,
        },
        "links": {
            "uses": _links(
                [t.tool for t in a.tools], [{"proficiency": t.proficiency.value, "since": t.since} for t in a.tools]
            ),
            "considers": _links(a.considers),
            "needs": _links(
                [n.skill for n in a.needs], [{"minLevel": n.min_level, "priority": n.priority} for n in a.needs]
            ),
            "fields": _links(a.fields),
            "targetGroups": _links(a.target_groups),
            "district": _links([a.district] if a.district else []),
        },
    }


def volunteer_row(v: VolunteerInput) -> Row:
    return {
        "id": str(uuid.uuid4()),
        "slug": v.slug,
        "props": {
            "displayName": v.display_name,
            "bio": v.bio,
            "languages": v.languages,
            "remote": v.remote,
            "hoursPerMonth": v.hours_per_month,
            "maxMentees": v.max_mentees,
            "contactEmail": v.contact_email,
        },
        "links": {
            "skills": _links([s.skill for s in v.skills], [{"level": s.level} for s in v.skills]),
            "tools": _links([t.tool for t in v.tools], [{"proficiency": t.proficiency.value} for t in v.tools]),
            "district": _links([v.district] if v.district else []),
        },
    }


def event_row(e: EventInput) -> Row:
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
            "tools": _links(e.about.tools),
            "skills": _links(e.about.skills),
            "fields": _links(e.about.fields),
            "district": _links([e.district] if e.district else []),
        },
    }


def plain(value: Any) -> Any:
    if isinstance(value, DateTime | Date):
        value = value.to_native()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _common(row: Row, keys: list[str]) -> Row:
    out = {k: row.get(k) for k in keys}
    out["district"] = row["district"][0] if row["district"] else None
    return {k: v for k, v in plain(out).items() if v is not None}


def exported_association(row: Row) -> Row:
    return _common(
        row,
        [
            "slug",
            "name",
            "description",
            "members",
            "paidStaff",
            "languages",
            "fields",
            "targetGroups",
            "tools",
            "considers",
            "needs",
            "contactEmail",
            "visibility",
        ],
    )


def exported_volunteer(row: Row) -> Row:
    return _common(
        row,
        [
            "slug",
            "displayName",
            "bio",
            "languages",
            "remote",
            "hoursPerMonth",
            "maxMentees",
            "skills",
            "tools",
            "contactEmail",
        ],
    )


def exported_event(row: Row) -> Row:
    out = _common(
        row, ["slug", "title", "description", "startsAt", "endsAt", "format", "capacity", "outreachShare", "visibility"]
    )
    out["about"] = {"tools": row["tools"], "skills": row["skills"], "fields": row["fields"]}
    return out
