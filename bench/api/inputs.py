"""The inputs every side gets: association slugs, tool pairs with a district, search words and tool sets, drawn
with a fixed seed from the data in the graph, so ours, the floor and the peer answer exactly the same requests."""

import random
import re
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncDriver

from bench.api.repository import PUBLIC_ASSOCIATIONS, TOOL_SLUGS

PROFICIENCIES = ["BEGINNER", "INTERMEDIATE", "EXPERT"]
WORD = re.compile(r"[^\W\d_]{4,}")  # letters only: no "e.V.", no numbers


@dataclass(frozen=True)
class Inputs:
    page_slugs: list[str]
    list_filters: list[tuple[str, str, str]]  # (tool, tool, district): every filter finds at least one association
    search_words: list[str]
    tool_sets: list[tuple[str, list[dict[str, Any]]]]  # (slug, [{tool, proficiency}]) for the mutation


async def draw_inputs(driver: AsyncDriver, database: str, seed: int, count: int = 200) -> Inputs:
    records, _, _ = await driver.execute_query(PUBLIC_ASSOCIATIONS, database_=database, routing_="r")
    rows = [record.data() for record in records]
    tools, _, _ = await driver.execute_query(TOOL_SLUGS, database_=database, routing_="r")
    tool_slugs = [record["slug"] for record in tools]
    if not rows or len(tool_slugs) < 3:
        raise RuntimeError("the API suite needs public associations and the catalogue in the graph; import data first")
    rng = random.Random(seed)
    mutated = rng.sample(rows, max(1, len(rows) // 4))  # the mutation (d) changes only these
    tool_sets = [
        (
            rng.choice(mutated)["slug"],
            [{"tool": tool, "proficiency": rng.choice(PROFICIENCIES)} for tool in sorted(rng.sample(tool_slugs, 3))],
        )
        for _ in range(count)
    ]
    pages = [rng.choice(rows)["slug"] for _ in range(count)]
    # Filters come from associations the mutation leaves alone, so each keeps finding one after (d) changed tools.
    changed = {row["slug"] for row in mutated}
    listable = [row for row in rows if len(row["tools"]) >= 2 and row["district"] and row["slug"] not in changed]
    if not listable:
        raise RuntimeError("no public association with two tools and a district for the filtered list")
    filters = []
    for _ in range(count):
        row = rng.choice(listable)
        first, second = sorted(rng.sample(row["tools"], 2))
        filters.append((first, second, row["district"]))
    words = [word for row in rows for word in WORD.findall(row["name"])]
    search_words = [rng.choice(words) for _ in range(count)]
    return Inputs(pages, filters, search_words, tool_sets)
