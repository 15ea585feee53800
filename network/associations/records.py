"""An association as a record: its row for the graph, its import-format record, and the catalogue slugs it names."""

import uuid

from network.associations.models import AssociationInput
from network.records.conversions import ImportRecord, Reference, common, links
from network.records.repository import NodeRow, StoredAssociation
from network.records.writes import Kind


def association_row(a: AssociationInput) -> NodeRow:
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
            "uses": links(
                [t.tool for t in a.tools], [{"proficiency": t.proficiency.value, "since": t.since} for t in a.tools]
            ),
            "considers": links(a.considers),
            "needs": links(
                [n.skill for n in a.needs], [{"minLevel": n.min_level, "priority": n.priority} for n in a.needs]
            ),
            "fields": links(a.fields),
            "targetGroups": links(a.target_groups),
            "district": links([a.district] if a.district else []),
        },
    }


def exported_association(row: StoredAssociation) -> ImportRecord:
    return common(
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


def association_references(item: AssociationInput) -> list[Reference]:
    """The catalogue slugs the record names, with where it names them."""
    refs: list[Reference] = [("district", "District", item.district)] if item.district else []
    refs += [(f"tools[{i}].tool", "Tool", t.tool) for i, t in enumerate(item.tools)]
    refs += [(f"considers[{i}]", "Tool", s) for i, s in enumerate(item.considers)]
    refs += [(f"needs[{i}].skill", "Skill", n.skill) for i, n in enumerate(item.needs)]
    refs += [(f"fields[{i}]", "Field", s) for i, s in enumerate(item.fields)]
    refs += [(f"targetGroups[{i}]", "TargetGroup", s) for i, s in enumerate(item.target_groups)]
    return refs


KIND = Kind(
    "Association", "association", AssociationInput, exported_association, association_row, association_references
)
