"""A data file in the import format and its ground truth, read into the matching core's tables without a database.

Records are validated with the import's own models (so a bad file fails with the record, field and problem, as
`network import` would say it) and turned into the core's records and tables; a test checks that the graph read of
a recompute builds the same tables from the same profiles (tests/suggestions/test_loading.py).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ValidationError

from graph_schema.catalogue.reference import read_catalogue
from network.associations.models import AssociationInput
from network.associations.records import association_references
from network.kit.errors import InvalidInput, field_path
from network.matching.districts import DistrictMap
from network.matching.inputs import AssociationRecord, AssociationTable, Need, VolunteerRecord, VolunteerTable
from network.matching.weights import DEFAULT_MAX_MENTEES
from network.records.conversions import Reference, unknown_references
from network.suggestions import tables
from network.transfer.models import ConnectionInput
from network.volunteers.models import VolunteerInput
from network.volunteers.records import volunteer_references

M = TypeVar("M", bound=BaseModel)
MAX_PROBLEMS_SHOWN = 20


class DatasetRejected(InvalidInput):
    """The data or truth file has bad records; every problem is listed."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = f"\n... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        super().__init__(f"{len(problems)} problem(s):\n" + "\n".join(shown) + more)
        self.problems = problems


@dataclass(frozen=True)
class Dataset:
    associations: list[AssociationInput]
    volunteers: list[VolunteerInput]
    assocs: AssociationTable
    vols: VolunteerTable
    districts: DistrictMap
    connections: npt.NDArray[np.int64]  # [c, 2]: row ids of associations already connected


def load_dataset(document: Any) -> Dataset:
    """Validates the whole document (records, catalogue references, connections) and builds the tables."""
    if not isinstance(document, Mapping):
        raise DatasetRejected(["file: must be a JSON object with associations, volunteers, connections"])
    problems: list[str] = []
    associations = _validated(document, "associations", AssociationInput, problems)
    volunteers = _validated(document, "volunteers", VolunteerInput, problems)
    connections = _validated(document, "connections", ConnectionInput, problems)
    catalogue = _catalogue_slugs()
    references: list[tuple[str, int, str, list[Reference]]] = [
        *(("associations", i, a.slug, association_references(a)) for i, a in enumerate(associations)),
        *(("volunteers", i, v.slug, volunteer_references(v)) for i, v in enumerate(volunteers)),
    ]
    for kind, index, slug, refs in references:
        problems += [
            f"{kind}[{index}] ({slug}): {where}: {message}" for where, message in unknown_references(refs, catalogue)
        ]
    row_of = {a.slug: i for i, a in enumerate(associations)}
    for index, c in enumerate(connections):
        problems += [
            f"connections[{index}]: {side}: unknown association '{slug}'"
            for side, slug in (("a", c.a), ("b", c.b))
            if slug not in row_of
        ]
    if problems:
        raise DatasetRejected(problems)
    districts = tables.district_map()
    parties: list[AssociationInput | VolunteerInput] = [*associations, *volunteers]
    vocab = tables.vocabulary_of(_catalogue_lists(), districts, chain.from_iterable(p.languages or () for p in parties))
    pairs = np.array([(row_of[c.a], row_of[c.b]) for c in connections], np.int64).reshape(-1, 2)
    return Dataset(
        associations=associations,
        volunteers=volunteers,
        assocs=AssociationTable.from_records(map(association_record, associations), vocab),
        vols=VolunteerTable.from_records(map(volunteer_record, volunteers), vocab),
        districts=districts,
        connections=pairs,
    )


def association_record(a: AssociationInput) -> AssociationRecord:
    """What the graph read gives the core for this record once imported."""
    return AssociationRecord(
        key=a.slug,
        district=a.district,
        paid_staff=int(a.paid_staff or 0),
        languages=tuple(a.languages or ()),
        fields=tuple(a.fields),
        target_groups=tuple(a.target_groups),
        tools={t.tool: t.proficiency.value for t in a.tools},
        considers=tuple(a.considers),
        needs=tuple(
            Need(skill=n.skill, min_level=int(n.min_level or 1), priority=int(n.priority or 2)) for n in a.needs
        ),
    )


def volunteer_record(v: VolunteerInput) -> VolunteerRecord:
    """What the graph read gives the core for this record once imported."""
    return VolunteerRecord(
        key=v.slug,
        district=v.district,
        remote=bool(v.remote),
        languages=tuple(v.languages or ()),
        hours_per_month=int(v.hours_per_month or 0),
        max_mentees=DEFAULT_MAX_MENTEES if v.max_mentees is None else int(v.max_mentees),
        skills={s.skill: int(s.level) for s in v.skills},
        tools={t.tool: t.proficiency.value for t in v.tools},
    )


def _validated(document: Mapping[str, Any], kind: str, model: type[M], problems: list[str]) -> list[M]:
    raw = document.get(kind, [])
    if not isinstance(raw, list):
        problems.append(f"{kind}: must be a list")
        return []
    out: list[M] = []
    seen: set[str] = set()
    for index, record in enumerate(raw):
        try:
            item = model.model_validate(record)
        except ValidationError as error:
            problems += [
                f"{kind}[{index}]: {field_path(e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
                for e in error.errors()
            ]
            continue
        slug = getattr(item, "slug", None)
        if slug is not None and slug in seen:
            problems.append(f"{kind}[{index}]: slug: '{slug}' appears more than once in {kind}")
        seen.add(slug or "")
        out.append(item)
    return out


def _catalogue_slugs() -> dict[str, set[str]]:
    c = read_catalogue()
    return {
        "Tool": set(c.slugs("tools")),
        "Skill": set(c.slugs("skills")),
        "Field": set(c.slugs("fields")),
        "TargetGroup": set(c.slugs("target_groups")),
        "District": set(c.slugs("districts")),
    }


def _catalogue_lists() -> dict[str, list[str]]:
    """The catalogue as the graph read returns it (MatchingInputs.vocabulary): slugs sorted."""
    c = read_catalogue()
    return {
        "tools": sorted(c.slugs("tools")),
        "skills": sorted(c.slugs("skills")),
        "fields": sorted(c.slugs("fields")),
        "targetGroups": sorted(c.slugs("target_groups")),
    }
