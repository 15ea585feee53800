"""A volunteer profile as a record: its row for the graph, its import-format record, the catalogue slugs it names."""

import uuid

from network.records.conversions import ImportRecord, Reference, common, links
from network.records.repository import NodeRow, StoredVolunteer
from network.records.writes import Kind
from network.volunteers.models import VolunteerInput


def volunteer_row(v: VolunteerInput) -> NodeRow:
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
            "skills": links([s.skill for s in v.skills], [{"level": s.level} for s in v.skills]),
            "tools": links([t.tool for t in v.tools], [{"proficiency": t.proficiency.value} for t in v.tools]),
            "district": links([v.district] if v.district else []),
        },
    }


def exported_volunteer(row: StoredVolunteer) -> ImportRecord:
    return common(
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


def volunteer_references(item: VolunteerInput) -> list[Reference]:
    """The catalogue slugs the record names, with where it names them."""
    refs: list[Reference] = [("district", "District", item.district)] if item.district else []
    refs += [(f"skills[{i}].skill", "Skill", s.skill) for i, s in enumerate(item.skills)]
    refs += [(f"tools[{i}].tool", "Tool", t.tool) for i, t in enumerate(item.tools)]
    return refs


KIND = Kind("Volunteer", "volunteer", VolunteerInput, exported_volunteer, volunteer_row, volunteer_references)
