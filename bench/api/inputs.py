"""The inputs every side gets: association slugs, tool pairs with a district, search words, tool sets, inboxes and
suggestions to answer, drawn with a fixed seed from the data in the graph (after the match), so ours, the floor and
the peer answer exactly the same requests."""

import random
import re
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncDriver

from bench.api.repository import (
    ASSOCIATIONS_WITH_SUGGESTIONS,
    PUBLIC_ASSOCIATIONS,
    TOOL_SLUGS,
    UNANSWERED,
    VOLUNTEERS_WITH_SUGGESTIONS,
)

PROFICIENCIES = ["BEGINNER", "INTERMEDIATE", "EXPERT"]
WORD = re.compile(r"[^\W\d_]{4,}")  # letters only: no "e.V.", no numbers
ANSWERING = 5  # associations whose inboxes the mutation (g) answers


@dataclass(frozen=True)
class Inputs:
    page_slugs: list[str]
    list_filters: list[tuple[str, str, str]]  # (tool, tool, district): every filter finds at least one association
    search_words: list[str]
    tool_sets: list[tuple[str, list[dict[str, Any]]]]  # (slug, [{tool, proficiency}]) for the mutation
    inbox_slugs: list[str]  # associations with suggestions, none of them answering ones
    mentee_slugs: list[str]  # volunteers with mentee suggestions
    answers: list[tuple[str, str]]  # (suggestion id, id of the answering side) for the accept (g)
    answering: list[str]  # slugs of the associations (g) answers for: the caller of (g) acts for these


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
    inboxes, mentees, answers, answering = await _inbox_inputs(driver, database, rng, count)
    return Inputs(pages, filters, search_words, tool_sets, inboxes, mentees, answers, answering)


async def _inbox_inputs(
    driver: AsyncDriver, database: str, rng: random.Random, count: int
) -> tuple[list[str], list[str], list[tuple[str, str]], list[str]]:
    """Inboxes to read (e) and (f), and unanswered suggestions that a few associations accept (g); all empty on a
    graph without them (`missing_inbox_inputs` says so where they are needed).

    A decline is final (a second answer to it is refused), so the cycling load only accepts: a repeated accept
    changes nothing and is no error. Each suggestion answered has exactly one side among the answering associations,
    so the caller, who acts for all of them, never accepts both sides at once (no connection is made). Those
    associations' inboxes are not read: an accept changes only the accepting side's view (`youAccepted`), so the
    inboxes read look as imported while (g) runs.
    """
    found, _, _ = await driver.execute_query(ASSOCIATIONS_WITH_SUGGESTIONS, database_=database, routing_="r")
    associations = [record.data() for record in found]
    found, _, _ = await driver.execute_query(VOLUNTEERS_WITH_SUGGESTIONS, database_=database, routing_="r")
    volunteers = [record["slug"] for record in found]
    found, _, _ = await driver.execute_query(UNANSWERED, database_=database, routing_="r")
    unanswered = [record.data() for record in found]
    if len(associations) < 2 or not volunteers:  # no match ran (the mail and soak suites read profiles only)
        return [], [], [], []
    chosen = rng.sample(associations, min(ANSWERING, len(associations) // 2))
    answering = {row["id"] for row in chosen}
    answers = [
        (row["id"], row["party"] if row["party"] in answering else row["candidate"])
        for row in unanswered
        if (row["party"] in answering) != (row["candidate"] in answering)
    ]
    if not answers:
        return [], [], [], []
    readable = [row["slug"] for row in associations if row["id"] not in answering]
    return (
        [rng.choice(readable) for _ in range(count)],
        [rng.choice(volunteers) for _ in range(count)],
        [rng.choice(answers) for _ in range(count)],
        sorted(row["slug"] for row in chosen),
    )


def missing_inbox_inputs(inputs: Inputs) -> str | None:
    """Why the inbox operations cannot be measured on this graph, or None when they can."""
    if not inputs.inbox_slugs or not inputs.mentee_slugs:
        return "the API suite needs associations and volunteers with suggestions; run the match first"
    if not inputs.answers:
        return "no unanswered suggestion with one side among the answering associations for the accept mutation"
    return None
