"""A generated file imports into the real database as it is; the test removes what it wrote."""

import uuid

from network.kit.database import Database
from network.synthetic import generate
from network.transfer.service import import_document

LABELS = {"associations": "Association", "volunteers": "Volunteer", "events": "Event"}


async def _delete(db: Database, slugs: dict[str, list[str]]) -> None:
    async with db.driver.session(database=db.name) as session:
        for kind, label in LABELS.items():
            await (
                await session.run(f"MATCH (n:{label}) WHERE n.slug IN $slugs DETACH DELETE n", slugs=slugs[kind])
            ).consume()


async def _count(db: Database, label: str, slugs: list[str]) -> tuple[int, int]:
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run(
                f"MATCH (n:{label}) WHERE n.slug IN $slugs OPTIONAL MATCH (n)-[r]->() "
                "RETURN count(DISTINCT n) AS nodes, count(r) AS links",
                slugs=slugs,
            )
        ).single()
    assert record is not None
    return record["nodes"], record["links"]


async def test_a_generated_file_of_300_associations_imports(db: Database) -> None:
    document, _ = generate(300, 42, slug_prefix=f"t{uuid.uuid4().hex[:8]}-")
    slugs = {kind: [r["slug"] for r in document[kind]] for kind in LABELS}
    try:
        report = await import_document(db, document)
        assert report.written == {kind: len(document[kind]) for kind in LABELS}
        assert report.connections_created == len(document["connections"]) > 0
        nodes, links = await _count(db, "Association", slugs["associations"])
        expected = sum(
            len(a["tools"]) + len(a["considers"]) + len(a["needs"]) + len(a["fields"]) + len(a["targetGroups"]) + 1
            for a in document["associations"]
        )
        assert nodes == 300 and links == expected + len(document["connections"])
        nodes, links = await _count(db, "Volunteer", slugs["volunteers"])
        assert nodes == len(document["volunteers"])
        assert links == sum(len(v["skills"]) + len(v["tools"]) + 1 for v in document["volunteers"])
    finally:
        await _delete(db, slugs)
    for kind, label in LABELS.items():
        assert (await _count(db, label, slugs[kind]))[0] == 0
