"""The full recompute: load every party, run the matching core, and write only what changed.

Declined and expired pairs are excluded before scoring (the next candidate takes their place) and never written
again; accepted ones are never touched. Writes are a difference against what is stored (`writing.py`), so a rerun
on unchanged data writes nothing and the result does not depend on what an earlier run wrote.
"""

import json
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from network.kit.database import Database
from network.matching.assignment import assign_mentors
from network.matching.inputs import AssociationTable, VolunteerTable
from network.matching.mentoring import MentoringEdges, mentoring_edges, mentoring_reasons
from network.matching.peers import suggest_peers
from network.matching.reasons import Reason
from network.matching.weights import ALGORITHM_VERSION, PEER_TOP_K, POINTS
from network.suggestions import tables
from network.suggestions.models import Proposal, SuggestionKind, mentoring_key, peer_key
from network.suggestions.repository import MatchingInputs
from network.suggestions.writing import Progress, write_changes

Row = dict[str, Any]
READ_BATCH = 5_000
# Share of a run's time each stage takes (measured at 10k associations), for one progress figure from 0 to 1.
STAGE_SPAN = {"load": (0.0, 0.45), "score": (0.45, 0.75), "write peer": (0.75, 0.95), "write mentoring": (0.95, 1.0)}


@dataclass(frozen=True)
class RecomputeCounts:
    associations: int
    volunteers: int
    peer: int  # proposals of the run, by kind
    mentoring: int
    created: int  # writes of the run: new pairs, re-scored pairs, pairs no longer proposed
    updated: int
    dropped: int
    unchanged: int
    seconds: dict[str, float] = field(default_factory=dict)  # per stage


def overall(stage: str, done: int, total: int) -> float:
    """The run's progress from 0 to 1 for `done` of `total` steps of `stage`."""
    start, end = STAGE_SPAN.get(stage, (0.0, 1.0))
    return start + (end - start) * (done / total if total else 1.0)


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress shown (the worker, tests)."""


async def _page(tx: Any, side: str, after: str) -> list[Row]:
    inputs = MatchingInputs(tx)
    read = inputs.associations if side == "associations" else inputs.volunteers
    return await read(after, READ_BATCH)


async def load_all(db: Database, side: str) -> list[Row]:
    """Every association's or volunteer's row the matching reads, in keyset pages (also for event invites)."""
    rows: list[Row] = []
    after = ""
    while True:
        batch = await db.read(_page, side, after)
        rows += batch
        if len(batch) < READ_BATCH:
            return rows
        after = batch[-1]["id"]


@lru_cache(maxsize=1 << 14)  # a few hundred distinct reasons recur in every list
def _reason_dict(r: Reason) -> dict[str, Any]:
    # the fields in their order, by hand: `dataclasses.asdict` deep-copies and cost 90% of a 10k run's scoring
    found = {"code": r.code, "detail": r.detail, "weight": r.weight, "direction": r.direction}
    return {k: v for k, v in found.items() if v is not None}


def _reasons_json(reasons: list[Reason]) -> str:
    return json.dumps([_reason_dict(r) for r in reasons])


def peer_proposals(assocs: AssociationTable, excluded_keys: set[str], k: int = PEER_TOP_K) -> list[Proposal]:
    """One proposal per unordered pair (the better-scored side's view when both sides found it)."""
    index = {key: i for i, key in enumerate(assocs.keys)}
    pairs = [(index[a], index[b]) for a, b in (key.split("|") for key in excluded_keys) if a in index and b in index]
    found = suggest_peers(assocs, tables.district_map(), excluded=np.array(pairs, np.int64).reshape(-1, 2), k=k)
    best: dict[str, Any] = {}  # pair key -> the better side's suggestion; reasons become JSON once, for it only
    for row in range(assocs.n):
        for s in found.for_association(row):
            key = peer_key(assocs.keys[s.association], assocs.keys[s.candidate])
            if key not in best or s.score > best[key].score:
                best[key] = s
    return [Proposal(SuggestionKind.PEER, key, assocs.keys[s.association], assocs.keys[s.candidate], s.score,
                     _reasons_json(s.reasons)) for key, s in best.items()]


def mentoring_proposals(assocs: AssociationTable, vols: VolunteerTable, excluded_keys: set[str],
                        mentors: np.ndarray, mentees: np.ndarray) -> list[Proposal]:
    """The optimal assignment over the eligible edges, with capacity already used by mentorships subtracted."""
    edges = mentoring_edges(assocs, vols)
    keep = np.array([mentoring_key(assocs.keys[a], vols.keys[v]) not in excluded_keys
                     for a, v in zip(edges.association.tolist(), edges.volunteer.tolist(), strict=True)], bool)
    edges = MentoringEdges(association=edges.association[keep], volunteer=edges.volunteer[keep],
                           fit=edges.fit[keep], n_associations=edges.n_associations, n_volunteers=edges.n_volunteers)
    cap_v = np.maximum(vols.max_mentees.astype(np.int64) - mentees, 0)
    cap_a = np.maximum(1 - mentors, 0)  # one mentor per association; one already mentored needs no suggestion
    chosen = assign_mentors(edges, cap_v, cap_a)
    out = []
    for a, v, fit in zip(chosen.association.tolist(), chosen.volunteer.tolist(), chosen.fit.tolist(), strict=True):
        association, volunteer = assocs.keys[a], vols.keys[v]
        out.append(Proposal(SuggestionKind.MENTORING, mentoring_key(association, volunteer), association, volunteer,
                            fit / POINTS, _reasons_json(mentoring_reasons(assocs, vols, a, v))))
    return out


class _Stopwatch:
    """Seconds per stage, rounded for a job run's counts."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(now - self._last, 3)
        self._last = now


async def recompute_all(db: Database, progress: Progress = _quiet) -> RecomputeCounts:
    """Recomputes every peer and mentoring suggestion and writes the difference; returns counts and timings."""
    clock = _Stopwatch()
    progress("load", 0, 3)
    catalogue = await db.read(lambda tx: MatchingInputs(tx).vocabulary())
    assoc_rows = await load_all(db, "associations")
    progress("load", 1, 3)
    vol_rows = await load_all(db, "volunteers")
    progress("load", 2, 3)
    excluded = await db.read(lambda tx: MatchingInputs(tx).excluded_pairs())
    progress("load", 3, 3)
    clock.lap("load")
    vocab = tables.vocabulary(catalogue, tables.district_map(), assoc_rows, vol_rows)
    assocs, vols = tables.association_table(assoc_rows, vocab), tables.volunteer_table(vol_rows, vocab)
    peer_excluded = {peer_key(a, b) for a, b in excluded["connected"]} | set(excluded["peerClosed"])
    mentor_excluded = {mentoring_key(a, v) for a, v in excluded["mentoring"]} | set(excluded["mentoringClosed"])
    peers = peer_proposals(assocs, peer_excluded) if assocs.n > 1 else []
    progress("score", 1, 2)
    clock.lap("score_peers")
    mentoring = [] if not (assocs.n and vols.m) else mentoring_proposals(assocs, vols, mentor_excluded,
                                    np.array([int(r["mentors"]) for r in assoc_rows], np.int64),
                                    np.array([int(r["mentees"]) for r in vol_rows], np.int64))
    progress("score", 2, 2)
    clock.lap("score_mentoring")
    peer_written = await write_changes(db, SuggestionKind.PEER, "Association", peers, ALGORITHM_VERSION, progress)
    clock.lap("write_peer")
    mentor_written = await write_changes(db, SuggestionKind.MENTORING, "Volunteer", mentoring, ALGORITHM_VERSION,
                                         progress)
    clock.lap("write_mentoring")
    return RecomputeCounts(
        associations=assocs.n, volunteers=vols.m, peer=len(peers), mentoring=len(mentoring),
        created=peer_written.created + mentor_written.created, updated=peer_written.updated + mentor_written.updated,
        dropped=peer_written.dropped + mentor_written.dropped,
        unchanged=peer_written.unchanged + mentor_written.unchanged, seconds=clock.seconds)
