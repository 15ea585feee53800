"""Reading what the matching reads: both sides as the core's tables, and the pairs no run may propose."""

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, ParamSpec, Protocol, TypeVar, cast

import numpy as np
from neo4j import AsyncManagedTransaction

from network.kit.database import Database, Work
from network.matching.inputs import AssociationTable, VolunteerTable
from network.matching.weights import DEFAULT_MAX_MENTEES
from network.suggestions import tables
from network.suggestions.models import mentoring_key, peer_key
from network.suggestions.repository import (
    LINKS,
    AssociationColumns,
    CatalogueSlugs,
    LinkColumns,
    MatchingInputs,
    VolunteerColumns,
)

P = ParamSpec("P")
T = TypeVar("T")
Columns = TypeVar("Columns", AssociationColumns, VolunteerColumns, LinkColumns)
NodeColumns = TypeVar("NodeColumns", AssociationColumns, VolunteerColumns)
SIDES = ("Volunteer", "Association")  # the larger first
PAGE = 50_000  # parties per read
ENTRIES_PER_READ = 10  # catalogue entries per read of links: a few hundred thousand links at most
# Where the catalogue read lists each label's entries; districts (a dozen) are read in one go.
CATALOGUE = {"Tool": "tools", "Skill": "skills", "Field": "fields", "TargetGroup": "targetGroups"}


class Read(Protocol):
    """`Database.read` of one load: the load's reads share a gate."""

    def __call__(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> Awaitable[T]: ...


@dataclass(frozen=True)
class MatchingData:
    """Every party as the core's tables, pairs no run may propose, and capacity already used."""

    associations: AssociationTable
    volunteers: VolunteerTable
    peer_excluded: set[str]  # pair keys
    mentoring_excluded: set[str]
    mentors: np.ndarray  # int [n]: mentors an association has
    mentees: np.ndarray  # int [m]: associations a volunteer mentors
    peer_answers: list[tuple[str, bool]]  # (pair key, taken up) of every answered peer suggestion


async def _associations(tx: AsyncManagedTransaction, after: str) -> AssociationColumns:
    return await MatchingInputs(tx).associations(after, PAGE)


async def _volunteers(tx: AsyncManagedTransaction, after: str) -> VolunteerColumns:
    return await MatchingInputs(tx).volunteers(after, PAGE, DEFAULT_MAX_MENTEES)


async def _links(tx: AsyncManagedTransaction, label: str, relationship: str, slugs: list[str] | None) -> LinkColumns:
    return await MatchingInputs(tx).links(label, relationship, slugs)


async def _vocabulary(tx: AsyncManagedTransaction) -> CatalogueSlugs:
    return await MatchingInputs(tx).vocabulary()


def _joined(pages: list[Columns]) -> Columns:
    columns: Sequence[Mapping[str, Any]] = pages  # every page has the same columns
    # each column of the pages, joined: the pages' TypedDict, which mypy cannot tell from a dict built key by key
    return cast(Columns, {key: list(chain.from_iterable(page[key] for page in columns)) for key in columns[0]})


async def _all_nodes(
    read: Read, nodes: Callable[[AsyncManagedTransaction, str], Awaitable[NodeColumns]]
) -> NodeColumns:
    pages = [await read(nodes, "")]
    while len(pages[-1]["id"]) == PAGE:
        pages.append(await read(nodes, pages[-1]["id"][-1]))
    return _joined(pages)


async def _all_links(read: Read, label: str, relationship: str, catalogue: CatalogueSlugs) -> LinkColumns:
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

    async def read(work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        async with gate:
            return await db.read(work, *args, **kwargs)

    catalogue = await read(_vocabulary)
    # All at once, started in this order: the nodes of each side (the larger first), then the links of each side.
    vol_nodes = asyncio.create_task(_all_nodes(read, _volunteers))
    assoc_nodes = asyncio.create_task(_all_nodes(read, _associations))
    link_reads = {
        label: {
            relationship: asyncio.create_task(_all_links(read, label, relationship, catalogue))
            for relationship in LINKS[label]
        }
        for label in SIDES
    }
    await asyncio.gather(vol_nodes, assoc_nodes, *(task for side in link_reads.values() for task in side.values()))
    assocs, vols = assoc_nodes.result(), vol_nodes.result()
    languages = "".join(chain(assocs["languages"], vols["languages"])).split()
    vocab = tables.vocabulary_of(catalogue, tables.district_map(), languages)
    links = {
        label: {relationship: task.result() for relationship, task in side.items()}
        for label, side in link_reads.items()
    }
    return (
        tables.in_key_order(tables.association_table_of(assocs, links["Association"], vocab)),
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
        peer_answers=[(str(key), bool(yes)) for key, yes in excluded["peerAnswers"]],
    )


def _occurrences(keys: tuple[str, ...], found: Iterable[str]) -> np.ndarray:
    """How often each key is among `found` (a party created since the tables were read is not)."""
    row = {key: i for i, key in enumerate(keys)}
    return np.bincount(np.array([row[key] for key in found if key in row], np.int64), minlength=len(keys))
