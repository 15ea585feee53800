"""Live peer suggestions: the worker keeps every association's peer list in memory and applies each change as it
comes, writing only the pairs it touched.

The state is built by a full run (recompute.py) under the model's frozen statistics, so it equals what that run
wrote. A change names what changed (an association, a suggestion answered, an account deleted); applying it reads
that from the graph as it is now, so applying a change twice, or after a later one, leaves the same lists: the feed
may deliver at least once and in any order. The lists then equal what a full run with the same model would write
(matching/live_peers.py proves it per change).

What the state cannot express makes it stale, and the next full run rebuilds it: a catalogue entry or a language
code it has not seen, and a new model (the nightly run refits the weights and freezes new statistics).
"""

import asyncio
import dataclasses
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction
from threadpoolctl import threadpool_limits

from network.kit import freshness
from network.kit.database import Database
from network.kit.stopwatch import Stopwatch
from network.matching.inputs import AssociationTable
from network.matching.live_mentoring import LiveMentoring, MentoringChange
from network.matching.live_peers import LivePeers
from network.matching.peers import SCORING_THREADS
from network.matching.weights import ALGORITHM_VERSION
from network.peer_model.models import PeerModel
from network.suggestions import tables
from network.suggestions.changes_feed import ChangesFeed, tell
from network.suggestions.diff import changes
from network.suggestions.live_mentoring import UnknownEntry, proposals_for, read_change
from network.suggestions.models import Proposal, ProposalWrite, SuggestionKind, mentoring_key, peer_key
from network.suggestions.notifying import tell_new
from network.suggestions.proposals.peers import better_sides, proposals_of
from network.suggestions.repository import LINKS, LinkColumns, MatchingInputs, SuggestionWrites

WRITE_BATCH = 2_000  # pairs per write transaction, as the full run's batches


class Stale(Exception):
    """The live state cannot apply a change (an unknown catalogue entry or language): a full run rebuilds it."""


class Broken(Exception):
    """Applying a change to the state failed midway: the state is no longer known to be right."""


@dataclass
class LiveState:
    peers: LivePeers
    model: PeerModel
    # pairs the state moved whose writes have not committed yet (a write that failed): written with the next change
    unwritten: set[tuple[str, str]] = field(default_factory=set)
    mentoring: LiveMentoring | None = None  # the mentoring assignment, repaired locally (live_mentoring.py)
    mentoring_unwritten: set[tuple[str, str]] = field(default_factory=set)  # (association, volunteer)

    def nbytes(self) -> int:
        return self.peers.nbytes() + (0 if self.mentoring is None else self.mentoring.nbytes())

    def is_for(self, model: PeerModel | None) -> bool:
        """Built under `model` as it is now (same weights version, same frozen statistics)?"""
        return (
            model is not None
            and model.version == self.model.version
            and model.stats_frozen_at == self.model.stats_frozen_at
        )


@dataclass
class LiveHolder:
    """What the worker keeps: the state, once a full run built it (None before, or after it went stale)."""

    state: LiveState | None = None


@dataclass(frozen=True)
class LiveCounts:
    associations: int  # read again (new or changed)
    removed: int
    pairs: int  # excluded pairs set or lifted
    rows: int  # lists scored again
    created: int
    updated: int
    dropped: int
    unchanged: int
    seconds: dict[str, float] = field(default_factory=dict)
    mentoring: dict[str, int] = field(default_factory=dict)  # the repair's size and the mentoring writes


@dataclass(frozen=True)
class _Changes:
    changed: AssociationTable | None  # the associations that exist, as they are now
    removed: list[str]
    excluded: list[tuple[str, str]]
    included: list[tuple[str, str]]


def build_state(
    table: AssociationTable, excluded_keys: set[str], model: PeerModel, mentoring: LiveMentoring | None = None
) -> LiveState:
    """A full run's peer lists, kept (in a thread: the scoring releases the GIL), with its mentoring assignment."""
    if model.stats is None:
        raise ValueError("a live state needs the model's frozen statistics")
    pairs = [(a, b) for a, b in (key.split("|", 1) for key in excluded_keys)]
    with threadpool_limits(1, "blas"):
        peers = LivePeers(
            table, tables.district_map(), model.weights, model.stats, excluded=pairs, threads=SCORING_THREADS
        )
    return LiveState(peers, model, mentoring=mentoring)


def all_proposals(state: LiveState) -> list[Proposal]:
    """Every peer proposal of the state, as the full run writes them."""
    found = state.peers.suggestions()
    rows, cands, points = found.pairs()
    kept = better_sides(rows, cands, points)
    return proposals_of(found, rows[kept], cands[kept], points[kept])


async def apply(db: Database, state: LiveState, ids: list[str], feed: ChangesFeed | None = None) -> LiveCounts:
    """Applies the changes of `ids` (see the module doc; an empty list re-reads every excluded pair) and writes the
    pairs they touched. Raises Stale when the state cannot express them and Broken when applying failed midway
    (the state must be rebuilt); when reading or writing fails the state stays right, and pairs it could not write
    are written with the next change. `feed` tells the parties of the pairs written (changes_feed.py)."""
    clock = Stopwatch(digits=4)
    found, mentoring = await asyncio.gather(_read(db, state, ids), _read_mentoring(db, state, ids))  # a failure
    clock.lap("read")  # here leaves the state as it was
    repair = None
    try:
        touched, rows = await asyncio.to_thread(_applied, state, found)
        clock.lap("peers")
        if state.mentoring is not None and mentoring is not None:
            change = dataclasses.replace(
                mentoring, associations=found.changed, removed_associations=tuple(found.removed)
            )
            repair = await asyncio.to_thread(state.mentoring.apply, change)
            clock.lap("mentoring")
    except Exception as error:
        raise Broken(f"{type(error).__name__}: {error}") from error
    state.unwritten |= touched
    if repair is not None:
        state.mentoring_unwritten |= repair.pairs
    written = await _write(db, SuggestionKind.PEER, _peer_proposals(state), state.model.algorithm_version, feed)
    state.unwritten.clear()  # a failure above leaves them for the next change
    clock.lap("write")
    mentoring_written = await _write(db, SuggestionKind.MENTORING, _mentoring_proposals(state), ALGORITHM_VERSION, feed)
    state.mentoring_unwritten.clear()
    clock.lap("write mentoring")
    return LiveCounts(
        associations=0 if found.changed is None else found.changed.n,
        removed=len(found.removed),
        pairs=len(found.excluded) + len(found.included),
        rows=rows,
        created=written["created"],
        updated=written["updated"],
        dropped=written["dropped"],
        unchanged=written["unchanged"],
        seconds=clock.seconds,
        mentoring={
            "local": 0 if repair is None else repair.local,
            **{name: count for name, count in mentoring_written.items() if name != "unchanged"},
        },
    )


async def _read_mentoring(db: Database, state: LiveState, ids: list[str]) -> MentoringChange | None:
    if state.mentoring is None:
        return None
    try:
        return await read_change(db, state.mentoring, ids)
    except UnknownEntry as error:
        raise Stale(str(error)) from error


async def _read(db: Database, state: LiveState, ids: list[str]) -> _Changes:
    peers = state.peers
    wanted = [key for key in ids if not key.startswith(freshness.ACCOUNT)]
    nodes = await db.read(lambda tx: MatchingInputs(tx).associations_of(wanted))
    present = set(nodes["id"])
    removed = [key for key in wanted if key not in present and peers.row(key) is not None]
    if len(wanted) < len(ids):  # an account went, and with it the associations only it acted for
        existing = set(await db.read(lambda tx: MatchingInputs(tx).association_ids()))
        removed += [key for key in peers.table.keys if peers.row(key) is not None and key not in existing]
    changed = None
    if nodes["id"]:
        relationships = list(LINKS["Association"])  # read side by side: one round trip's wait, not one per link
        found = await asyncio.gather(*(db.read(_links_of, name, nodes["node"]) for name in relationships))
        links = dict(zip(relationships, found, strict=True))
        try:
            changed = tables.association_table_of(nodes, links, peers.table.vocab)
        except ValueError as error:  # a catalogue entry or language code the state has not seen
            raise Stale(str(error)) from error
    if ids:
        flips = await db.read(lambda tx: MatchingInputs(tx).peer_pairs(wanted))
    else:  # an expiry run: which pairs it closed is read whole
        flips = await _every_flip(db, state)
    return _Changes(
        changed=changed,
        removed=sorted(set(removed)),
        excluded=[(a, b) for a, b, out in flips if out],
        included=[(a, b) for a, b, out in flips if not out],
    )


async def _links_of(tx: AsyncManagedTransaction, relationship: str, nodes: list[int]) -> LinkColumns:
    return await MatchingInputs(tx).links("Association", relationship, None, nodes)


async def _every_flip(db: Database, state: LiveState) -> list[list[Any]]:
    """[a, b, excluded] for every pair whose exclusion differs between the graph and the state."""
    read = await db.read(lambda tx: MatchingInputs(tx).excluded_pairs())
    now = {tuple(pair) for pair in read["connected"]} | {tuple(key.split("|", 1)) for key in read["peerClosed"]}
    peers = state.peers
    held = {
        (a, b) if a < b else (b, a)
        for row, others in peers.excluded.items()
        for a, b in ((peers.table.keys[row], peers.table.keys[other]) for other in others)
    }
    return [[a, b, True] for a, b in now - held] + [[a, b, False] for a, b in held - now]


def _applied(state: LiveState, found: _Changes) -> tuple[frozenset[tuple[str, str]], int]:
    peers = state.peers
    touched: set[tuple[str, str]] = set()
    rows = 0
    with threadpool_limits(1, "blas"):
        for applied in (
            peers.upsert(found.changed) if found.changed is not None else None,
            peers.remove(found.removed) if found.removed else None,
            peers.set_excluded(found.excluded) if found.excluded else None,
            peers.set_excluded(found.included, excluded=False) if found.included else None,
        ):
            if applied is not None:
                touched |= applied.pairs
                rows += len(applied.rows)
    return frozenset(touched), rows


def _peer_proposals(state: LiveState) -> dict[str, Proposal | None]:
    """By pair key, what the state proposes now for each peer pair it moved (None: no longer proposed)."""
    touched = frozenset(state.unwritten)
    views = state.peers.views(touched)
    found = {p.pair_key: p for p in proposals_of(state.peers.suggestions(), views.rows, views.cands, views.points)}
    return {key: found.get(key) for key in (peer_key(a, b) for a, b in touched)}


def _mentoring_proposals(state: LiveState) -> dict[str, Proposal | None]:
    """The same for the (association, volunteer) pairs the mentoring repair moved."""
    if state.mentoring is None or not state.mentoring_unwritten:
        return {}
    touched = frozenset(state.mentoring_unwritten)
    found = {p.pair_key: p for p in proposals_for(state.mentoring, touched)}
    return {key: found.get(key) for key in (mentoring_key(a, v) for a, v in touched)}


async def _write(
    db: Database, kind: SuggestionKind, proposals: dict[str, Proposal | None], version: str, feed: ChangesFeed | None
) -> dict[str, int]:
    """The pairs as a full run would write them, WRITE_BATCH pairs per transaction. A change is one batch unless it
    touches more (a burst of changes applied together); when a later transaction fails, the applier drops its
    state and rebuilds, which writes the rest."""
    keys = sorted(proposals)
    total = dict.fromkeys(("created", "updated", "dropped", "unchanged"), 0)
    for start in range(0, len(keys), WRITE_BATCH):
        batch = keys[start : start + WRITE_BATCH]
        proposed = [p for p in (proposals[k] for k in batch) if p is not None]
        found = await db.write(_write_batch, batch, proposed, version, kind)
        await tell(feed, kind, batch if sum(found.values()) > found["unchanged"] else [])  # committed
        for name, count in found.items():
            total[name] += count
    return total


async def _write_batch(
    tx: AsyncManagedTransaction,
    keys: list[str],
    proposals: list[Proposal],
    version: str,
    kind: SuggestionKind = SuggestionKind.PEER,
) -> dict[str, int]:
    """One batch of pairs of `kind` (peer or mentoring) as the full run writes them: a difference."""
    label = "Association" if kind == SuggestionKind.PEER else "Volunteer"  # the candidate's
    writes = SuggestionWrites(tx)
    plan = changes(proposals, await writes.stored_of(kind, keys), version)

    def rows(items: list[Proposal]) -> list[ProposalWrite]:
        return [{**p.as_row(), "digest": plan.digests[p.pair_key]} for p in items]

    created = await writes.create(kind, label, rows(plan.create), version) if plan.create else []
    await tell_new(tx, kind, created)
    updated = await writes.rescore(kind, rows(plan.update), version) if plan.update else 0
    dropped = await writes.delete_unanswered(kind, plan.delete) if plan.delete else 0
    return {"created": len(created), "updated": updated, "dropped": dropped, "unchanged": plan.unchanged}
