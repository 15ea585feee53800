"""Import is validated whole, idempotent and batched; export gives the same file back."""

from typing import Any

import pytest

from network.kit.database import Database
from network.transfer.models import RECORD_MODELS
from network.transfer.service import ImportRejected, export_document, import_document
from tests.support.cleanup import Slugs
from tests.transfer.builders import make_association, make_event, make_volunteer


def _normalised(document: dict[str, Any], prefix: str) -> dict[str, Any]:
    """Records of this test only, validated and dumped the same way, lists in a stable order."""
    out: dict[str, Any] = {}
    for kind, model in RECORD_MODELS.items():
        records = [
            model.model_validate(r).model_dump(by_alias=True, exclude_none=True, mode="json")
            for r in document.get(kind, [])
            if str(r.get("slug", r.get("a", ""))).startswith(prefix)
        ]
        for record in records:
            for key, value in record.items():
                if isinstance(value, list):
                    record[key] = sorted(value, key=repr)
                elif isinstance(value, dict):
                    record[key] = {k: sorted(v, key=repr) if isinstance(v, list) else v for k, v in value.items()}
        out[kind] = sorted(records, key=repr)
    return out


def _document(slugs: Slugs) -> dict[str, Any]:
    return {
        "associations": [
            make_association(slugs("a")),
            make_association(slugs("b"), district=None, tools=[], visibility="MEMBERS"),
        ],
        "volunteers": [make_volunteer(slugs("v"))],
        "connections": [{"a": slugs("a"), "b": slugs("b")}],
        "events": [make_event(slugs("e"))],
    }


async def test_round_trip_is_lossless(db: Database, slugs: Slugs) -> None:
    document = _document(slugs)
    report = await import_document(db, document, batch_size=1)
    assert report.written == {"associations": 2, "volunteers": 1, "events": 1}
    assert report.connections_created == 1
    exported = await export_document(db, page_size=2)
    assert _normalised(exported, slugs.prefix) == _normalised(document, slugs.prefix)


async def _stored(db: Database, prefix: str) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "MATCH (n) WHERE n.slug STARTS WITH $p OPTIONAL MATCH (n)-[r]->(m) "
            "RETURN n.slug AS slug, properties(n) AS node, type(r) AS type, m.slug AS target, properties(r) AS rel "
            "ORDER BY slug, type, target",
            p=prefix,
        )
        return [record.data() async for record in result]


async def test_importing_twice_changes_nothing(db: Database, slugs: Slugs) -> None:
    document = _document(slugs)
    await import_document(db, document)
    before = await _stored(db, slugs.prefix)
    second_report = await import_document(db, document)
    assert second_report.connections_created == 0
    after = await _stored(db, slugs.prefix)
    # every property, timestamps included, and every relationship with its properties stays as it was
    assert after == before and len(before) > 10


async def test_a_changed_record_is_updated_in_place(db: Database, slugs: Slugs) -> None:
    await import_document(db, {"associations": [make_association(slugs("a"))]})
    changed = make_association(
        slugs("a"), name="Renamed", tools=[{"tool": "jitsi-meet", "proficiency": "EXPERT"}], description=None
    )
    await import_document(db, {"associations": [changed]})
    exported = _normalised(await export_document(db), slugs.prefix)["associations"]
    assert len(exported) == 1
    assert exported[0]["name"] == "Renamed" and "description" not in exported[0]
    assert exported[0]["tools"] == [{"tool": "jitsi-meet", "proficiency": "EXPERT"}]


async def test_every_bad_record_is_reported_and_nothing_is_written(db: Database, slugs: Slugs) -> None:
    document = {
        "associations": [
            make_association(slugs("good")),
            make_association(slugs("bad-tool"), tools=[{"tool": "nextclod", "proficiency": "EXPERT"}]),
            make_association(slugs("bad-level"), needs=[{"skill": "it-security-basics", "minLevel": 9}]),
            make_association(slugs("good"), name="duplicate"),
        ],
        "volunteers": [make_volunteer(slugs("v"), district="atlantis", surname="extra")],
        "connections": [{"a": slugs("good"), "b": slugs("nobody")}],
        "events": [make_event(slugs("e"), endsAt="2026-12-10T17:00:00+01:00")],
    }
    with pytest.raises(ImportRejected) as rejected:
        await import_document(db, document)
    lines = [str(p) for p in rejected.value.problems]
    expected = [
        f"associations[1] ({slugs('bad-tool')}): tools[0].tool: unknown tool 'nextclod'",
        f"associations[2] ({slugs('bad-level')}): needs[0].minLevel: must be a DigComp 2.2 level from 1 to 8, got 9",
        f"associations[3] ({slugs('good')}): slug: '{slugs('good')}' appears more than once in associations",
        f"volunteers[0] ({slugs('v')}): surname: Extra inputs are not permitted",
        f"connections[0]: b: unknown association '{slugs('nobody')}'",
    ]
    for line in expected:
        assert line in lines, lines
    assert any(
        line.startswith(f"events[0] ({slugs('e')})") and "endsAt must be after startsAt" in line for line in lines
    )
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run("MATCH (n) WHERE n.slug STARTS WITH $p RETURN count(n) AS n", p=slugs.prefix)
        ).single()
    assert record["n"] == 0


async def test_a_file_that_is_not_an_object_is_refused(db: Database) -> None:
    with pytest.raises(ImportRejected, match="problem"):
        await import_document(db, ["not", "an", "object"])
    with pytest.raises(ImportRejected) as rejected:
        await import_document(db, {"associations": [], "members": []})
    assert [str(p) for p in rejected.value.problems] == ["file: members: Extra inputs are not permitted"]
