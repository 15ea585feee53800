"""The bounds the cost counts for lists without paging hold for the catalogue as loaded into the graph."""

from network.kit.database import Database
from network.kit.limits.measures import CATALOGUE_ITEMS

# The graph label whose count bounds each list item type: a tool's usage or knowledge is one per tool.
LABELS = {
    "Tool": "Tool",
    "ToolUsage": "Tool",
    "ToolKnowledge": "Tool",
    "ToolCategory": "ToolCategory",
    "Skill": "Skill",
    "SkillNeed": "Skill",
    "SkillOffer": "Skill",
    "Competence": "Competence",
    "District": "District",
    "Field": "Field",
    "TargetGroup": "TargetGroup",
}


async def test_every_catalogue_kind_fits_its_bound(db: Database) -> None:
    assert set(LABELS) == set(CATALOGUE_ITEMS)
    async with db.driver.session(database=db.name) as session:
        counts = {
            label: (await (await session.run(f"MATCH (n:{label}) RETURN count(n) AS n")).single())["n"]  # type: ignore[index]
            for label in set(LABELS.values())
        }
    assert counts["Tool"] == 73 and counts["District"] == 12  # the catalogue is loaded, not empty
    over = {
        kind: (counts[label], CATALOGUE_ITEMS[kind])
        for kind, label in LABELS.items()
        if counts[label] > CATALOGUE_ITEMS[kind]
    }
    assert over == {}, f"catalogue kinds larger than the cost counts them (count, bound): {over}"
