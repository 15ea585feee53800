"""The catalogue is loaded once with every entry and link of the shipped data; loading again changes nothing."""

import json
from typing import Any

from graph_schema.catalogue.loader import LoadCounts, load_catalogue
from graph_schema.catalogue.reference import DATA, read_catalogue
from network.kit.database import Database

LABELS = ["ToolCategory", "Tool", "CompetenceArea", "Competence", "Skill", "District", "Field", "TargetGroup"]


async def _snapshot(db: Database) -> dict[str, Any]:
    async with db.driver.session(database=db.name) as session:
        nodes = [
            r.data()
            async for r in await session.run(
                "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) "
                "RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id",
                labels=LABELS,
            )
        ]
        links = [
            r.data()
            async for r in await session.run(
                "MATCH (a)-[r]->(b) WHERE any(l IN labels(a) WHERE l IN $labels) "
                "AND any(l IN labels(b) WHERE l IN $labels) "
                "RETURN a.slug AS a, type(r) AS type, b.slug AS b ORDER BY a, type, b",
                labels=LABELS,
            )
        ]
    return {"nodes": nodes, "links": links}


async def test_every_catalogue_entry_is_in_the_graph(db: Database) -> None:
    snapshot = await _snapshot(db)
    by_label: dict[str, int] = {}
    for node in snapshot["nodes"]:
        by_label[node["labels"][0]] = by_label.get(node["labels"][0], 0) + 1
    tools = json.loads((DATA / "tools.json").read_text())
    skills = json.loads((DATA / "skills_digcomp.json").read_text())
    assert by_label == {
        "ToolCategory": len(tools["categories"]),
        "Tool": len(tools["tools"]),
        "CompetenceArea": len(skills["competence_areas"]),
        "Competence": len(skills["competences"]),
        "Skill": len(skills["practical_skills"]),
        "District": 12,
        "Field": len(json.loads((DATA / "engagement_fields.json").read_text())["fields"]),
        "TargetGroup": len(json.loads((DATA / "target_groups.json").read_text())["target_groups"]),
    }
    alternatives = {(a["alternative"], a["to"]) for a in read_catalogue().alternatives}
    assert {(link["a"], link["b"]) for link in snapshot["links"] if link["type"] == "ALTERNATIVE_TO"} == alternatives
    assert ("zoom" in {b for _, b in alternatives}) and ("bigbluebutton", "zoom") in alternatives


async def test_loading_again_changes_nothing(db: Database) -> None:
    before = await _snapshot(db)
    assert await load_catalogue(db.driver, db.name) == LoadCounts(0, 0, 0)
    assert await _snapshot(db) == before


async def test_a_link_dropped_from_the_data_is_removed_and_restored(db: Database) -> None:
    catalogue = read_catalogue()
    fewer = catalogue.__class__(**{**catalogue.__dict__, "alternatives": catalogue.alternatives[1:]})
    try:
        counts = await load_catalogue(db.driver, db.name, fewer)
        assert counts.relationships_deleted == 1
    finally:
        restored = await load_catalogue(db.driver, db.name)
    assert restored.relationships_created == 1
