"""The matching's read of the graph gives the tables the core builds from the same profiles, and rejects bad values."""

import dataclasses
from typing import Any

import numpy as np
import pytest

from network.kit.database import Database
from network.matching.inputs import AssociationRecord, AssociationTable, Need, VolunteerRecord, VolunteerTable
from network.suggestions.loading import load_matching_data, load_parties
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import import_parties, volunteer
from tests.support.cleanup import Slugs
from tests.transfer.builders import make_association


def association_record(key: str, p: dict[str, Any]) -> AssociationRecord:
    return AssociationRecord(
        key=key,
        district=p["district"],
        paid_staff=p["paidStaff"],
        languages=tuple(p["languages"]),
        fields=tuple(p["fields"]),
        target_groups=tuple(p["targetGroups"]),
        tools={t["tool"]: t["proficiency"] for t in p["tools"]},
        considers=tuple(p["considers"]),
        needs=tuple(Need(n["skill"], n["minLevel"], n["priority"]) for n in p["needs"]),
    )


def volunteer_record(key: str, p: dict[str, Any]) -> VolunteerRecord:
    return VolunteerRecord(
        key=key,
        district=p["district"],
        remote=p["remote"],
        languages=tuple(p["languages"]),
        hours_per_month=p["hoursPerMonth"],
        max_mentees=p["maxMentees"],
        skills={s["skill"]: s["level"] for s in p["skills"]},
        tools={t["tool"]: t["proficiency"] for t in p["tools"]},
    )


def assert_rows_equal(loaded: Any, expected: Any) -> None:
    """`expected`'s rows are the rows of `loaded` with the same keys, column by column."""
    rows = [loaded.keys.index(key) for key in expected.keys]
    for column in dataclasses.fields(loaded):
        value = getattr(loaded, column.name)
        if isinstance(value, np.ndarray):
            assert value.dtype == getattr(expected, column.name).dtype, column.name
            assert np.array_equal(value[rows], getattr(expected, column.name)), column.name


async def ids_of(db: Database, slugs: list[str]) -> list[str]:
    found = await cypher(
        db,
        "MATCH (n) WHERE (n:Association OR n:Volunteer) AND n.slug IN $slugs RETURN n.slug AS slug, n.id AS id",
        slugs=slugs,
    )
    by_slug = {row["slug"]: row["id"] for row in found}
    return [by_slug[slug] for slug in slugs]


async def test_loaded_tables_equal_the_tables_of_the_same_profiles(db: Database, slugs: Slugs) -> None:
    associations = [
        make_association(slugs("a")),
        make_association(
            slugs("b"),
            district="pankow",
            paidStaff=3,
            languages=["en", "de", "tr"],
            fields=["culture-music", "sport"],
            targetGroups=[],
            tools=[
                {"tool": "openslides", "proficiency": "EXPERT"},
                {"tool": "nextcloud", "proficiency": "INTERMEDIATE"},
            ],
            considers=[],
            needs=[
                {"skill": "gdpr-basics-for-associations", "minLevel": 8, "priority": 3},
                {"skill": "nextcloud-administration", "minLevel": 1, "priority": 2},
            ],
        ),
    ]
    volunteers = [
        volunteer(slugs("v")),
        volunteer(
            slugs("w"),
            remote=False,
            district="spandau",
            languages=["fr"],
            hoursPerMonth=40,
            maxMentees=0,
            skills=[
                {"skill": "nextcloud-administration", "level": 8},
                {"skill": "gdpr-basics-for-associations", "level": 1},
            ],
            tools=[{"tool": "openslides", "proficiency": "BEGINNER"}],
        ),
    ]
    await import_parties(db, associations, volunteers)
    assoc_keys = await ids_of(db, [a["slug"] for a in associations])
    vol_keys = await ids_of(db, [v["slug"] for v in volunteers])

    data = await load_matching_data(db)
    vocab = data.associations.vocab
    assert data.volunteers.vocab is vocab and {"fr", "tr"} <= set(vocab.languages)
    assert list(data.associations.keys) == sorted(data.associations.keys)  # rows in id order
    assert_rows_equal(
        data.associations,
        AssociationTable.from_records(
            [association_record(k, p) for k, p in zip(assoc_keys, associations, strict=True)], vocab
        ),
    )
    assert_rows_equal(
        data.volunteers,
        VolunteerTable.from_records([volunteer_record(k, p) for k, p in zip(vol_keys, volunteers, strict=True)], vocab),
    )
    assert len(data.mentors) == data.associations.n and len(data.mentees) == data.volunteers.m


async def test_mentorships_count_on_both_sides(db: Database, slugs: Slugs) -> None:
    a, v, w = slugs("a"), slugs("v"), slugs("w")
    await import_parties(db, [make_association(a)], [volunteer(v), volunteer(w)])
    await cypher(
        db,
        "MATCH (a:Association {slug: $a}), (v:Volunteer) WHERE v.slug IN [$v, $w] CREATE (v)-[:MENTORS]->(a)",
        a=a,
        v=v,
        w=w,
    )
    data = await load_matching_data(db)
    [a_key], [v_key] = await ids_of(db, [a]), await ids_of(db, [v])
    assert data.mentors[data.associations.keys.index(a_key)] == 2
    assert data.mentees[data.volunteers.keys.index(v_key)] == 1


@pytest.mark.parametrize(
    ("relationship", "value", "message"),
    [
        ("KNOWS", "proficiency = 'GURU'", "proficiency must be one of"),
        ("OFFERS", "level = 9", "DigComp level must be 1..8"),
    ],
)
async def test_a_bad_value_in_the_graph_is_rejected(
    db: Database, slugs: Slugs, relationship: str, value: str, message: str
) -> None:
    v = slugs("v")
    await import_parties(db, [], [volunteer(v)])
    await cypher(db, f"MATCH (:Volunteer {{slug: $v}})-[r:{relationship}]->() SET r.{value}", v=v)
    with pytest.raises(ValueError, match=message):
        await load_parties(db)
