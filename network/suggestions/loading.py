"""Reading what the matching reads: both sides as the core's tables, and the pairs no run may propose."""

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np
from neo4j import AsyncManagedTransaction

from network.kit.database import Database
from network.matching.inputs import AssociationTable, VolunteerTable
from network.matching.weights import DEFAULT_MAX_MENTEES
from network.suggestions import tables
from network.suggestions.models import mentoring_key, peer_key
from network.suggestions.repository import LINKS, MatchingInputs

Row = dict[str, Any]
SIDES = ("Volunteer", "Association")  # the larger first
Read = Callable[..., Awaitable[Row]]
PAGE = 50_000  # parties per read
ENTRIES_PER_READ = 10  # catalogue entries per read of links: a few hundred thousand links at most
# Where the catalogue read lists each label's entries; districts (a dozen) are read in one go.
CATALOGUE = {"Tool": "tools", "Skill": "skills", "Field": "fields", "TargetGroup": "targetGroups"}


@dataclass(frozen=True)
class MatchingData:
    """Every party as the core's tables, pairs no run may propose, and capacity already used."""

    associations: AssociationTable
    volunteers: VolunteerTable
    peer_excluded: set[str]  # pair keys
    mentoring_excluded: set[str]
    mentors: np.ndarray  # int [n]: mentors an association has
    mentees: np.ndarray  # int [m]: associations a volunteer mentors


async def _nodes(tx: AsyncManagedTransaction, label: str, after: str) -> Row:
    inputs = MatchingInputs(tx)
    if label == "Association":
        return await inputs.associations(after, PAGE)
    return await inputs.volunteers(after, PAGE, DEFAULT_MAX_MENTEES)


async def _links(tx: AsyncManagedTransaction, label: str, relationship: str, slugs: list[str] | None) -> Row:
    return await MatchingInputs(tx).links(label, relationship, slugs)


async def _vocabulary(tx: AsyncManagedTransaction) -> Row:
    return await MatchingInputs(tx).vocabulary()


def _joined(pages: list[Row]) -> Row:
    return {key: list(chain.from_iterable(page[key] for page in pages)) for key in pages[0]}


async def _all_nodes(read: Read, label: str) -> Row:
    pages = [await read(_nodes, label, "")]
    while len(pages[-1]["id"]) == PAGE:
        pages.append(await read(_nodes, label, pages[-1]["id"][-1]))
    return _joined(pages)


async def _all_links(read: Read, label: str, relationship: str, catalogue: Row) -> Row:
    target = LINKS[label][relationship][0]
    if target not in CATALOGUE:
        return await read(_links, label, relationship, None)
    slugs = catalogue[CATALOGUE[target]]
    chunks = [slugs[i : i + ENTRIES_PER_READ] for i in range(0, len(slugs), ENTRIES_PER_READ)] or [[]]
    return _joined(await asyncio.gather(*(read(_links, label, relationship, chunk) for chunk in chunks)))


async def load_parties(db: Database, reads_at_once: int = 2) -> tuple[AssociationTable, VolunteerTable]:
    """Both sides' tables over one vocabulary.

    Reads are transactions of their own, each far below the timeout (a second or less), `reads_at_once` at a time
    so the database works while the driver decodes. Links name their nodes by internal id, which a node read of
    the same load maps to rows: links of a node created meanwhile are left out.
    """
    gate = asyncio.Semaphore(reads_at_once)

    async def read(work: Any, *args: Any) -> Row:
        async with gate:
            return await db.read(work, *args)

    catalogue = await read(_vocabulary)
    reads: dict[Any, Awaitable[Row]] = {label: _all_nodes(read, label) for label in SIDES}
    reads |= {
        (label, relationship): _all_links(read, label, relationship, catalogue)
        for label in SIDES
        for relationship in LINKS[label]
    }
    got = dict(zip(reads, await asyncio.gather(*reads.values()), strict=True))
    assocs, vols = got["Association"], got["Volunteer"]
    languages = "".join(chain(assocs["languages"], vols["languages"])).split()
    vocab = tables.vocabulary_of(catalogue, tables.district_map(), languages)
    links = {label: {relationship: got[label, relationship] for relationship in LINKS[label]} for label in SIDES}
    return (
        tables.association_table_of(assocs, links["Association"], vocab),
        tables.volunteer_table_of(vols, links["Volunteer"], vocab),
    )


async def load_matching_data(db: Database) -> MatchingData:
    (assocs, vols), excluded = await asyncio.gather(
        load_parties(db), db.read(lambda tx: MatchingInputs(tx).excluded_pairs())
    )
    return MatchingData(
        associations=assocs,
        volunteers=vols,
        peer_excluded={peer_key(a, b) for a, b in excluded["connected"]} | set(excluded["peerClosed"]),
        mentoring_excluded={mentoring_key(a, v) for a, v in excluded["mentoring"]} | set(excluded["mentoringClosed"]),
        mentors=_occurrences(assocs.keys, (a for a, _ in excluded["mentoring"])),
        mentees=_occurrences(vols.keys, (v for _, v in excluded["mentoring"])),
    )


def _occurrences(keys: tuple[str, ...], found: Iterable[str]) -> np.ndarray:
    """How often each key is among `found` (a party created since the tables were read is not)."""
    row = {key: i for i, key in enumerate(keys)}
    return np.bincount(np.array([row[key] for key in found if key in row], np.int64), minlength=len(keys))
