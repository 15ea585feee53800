"""Graph rows to the matching core's tables: records per row, one vocabulary for both sides."""

import json
from typing import Any

from graph_schema.catalogue.reference import DATA
from network.matching.districts import DistrictMap
from network.matching.inputs import (
    AssociationRecord,
    AssociationTable,
    Need,
    Vocabulary,
    VolunteerRecord,
    VolunteerTable,
)
from network.matching.weights import DEFAULT_MAX_MENTEES

Row = dict[str, Any]


def district_map() -> DistrictMap:
    # Bounding boxes are reference data, not graph data: the catalogue file is where they live.
    records = json.loads((DATA / "berlin_districts.json").read_text(encoding="utf-8"))["districts"]
    return DistrictMap.from_catalogue(records)


def vocabulary(catalogue: Row, districts: DistrictMap, associations: list[Row], volunteers: list[Row]) -> Vocabulary:
    # Languages are free ISO codes, not a catalogue: the vocabulary takes whatever the profiles use.
    languages = sorted({lang for row in [*associations, *volunteers] for lang in row["languages"] or []})
    return Vocabulary(tools=tuple(catalogue["tools"]), skills=tuple(catalogue["skills"]),
                      fields=tuple(catalogue["fields"]), target_groups=tuple(catalogue["targetGroups"]),
                      districts=districts.slugs, languages=tuple(languages))


def association_table(rows: list[Row], vocab: Vocabulary) -> AssociationTable:
    records = (AssociationRecord(
        key=row["id"], district=row["district"], paid_staff=int(row["paidStaff"] or 0),
        languages=tuple(row["languages"] or ()), fields=tuple(row["fields"]), target_groups=tuple(row["targetGroups"]),
        tools={slug: proficiency for slug, proficiency in row["tools"]}, considers=tuple(row["considers"]),
        needs=tuple(Need(skill=slug, min_level=int(level or 1), priority=int(priority or 2))
                    for slug, level, priority in row["needs"]))
        for row in rows)
    return AssociationTable.from_records(records, vocab)


def volunteer_table(rows: list[Row], vocab: Vocabulary) -> VolunteerTable:
    records = (VolunteerRecord(
        key=row["id"], district=row["district"], remote=bool(row["remote"]), languages=tuple(row["languages"] or ()),
        hours_per_month=int(row["hours"] or 0), max_mentees=_max_mentees(row["maxMentees"]),
        skills={slug: int(level) for slug, level in row["skills"]},
        tools={slug: proficiency for slug, proficiency in row["tools"]})
        for row in rows)
    return VolunteerTable.from_records(records, vocab)


def _max_mentees(value: Any) -> int:
    return DEFAULT_MAX_MENTEES if value is None else int(value)
