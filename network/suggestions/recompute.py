"""The full recompute: load every party, run the matching core, write the suggestions in batches.

A run marks what it produced; PROPOSED suggestions it did not produce (and nobody accepted yet) are deleted after.
Declined pairs are excluded before scoring and never written again; accepted ones are never touched.
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
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
from network.suggestions.repository import MatchingInputs, SuggestionWrites

Row = dict[str, Any]
Progress = Callable[[str, int, int], None]  # (stage, done, total)
READ_BATCH = 5_000
WRITE_BATCH = 1_000


@dataclass(frozen=True)
class RecomputeCounts:
    associations: int
    volunteers: int
    peer: int
    mentoring: int
    dropped: int


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress shown (the worker, tests)."""


async def _page(tx: Any, side: str, after: str) -> list[Row]:
    inputs = MatchingInputs(tx)
    read = inputs.associations if side == "associations" else inputs.volunteers
    return await read(after, READ_BATCH)


async def _load_all(db: Database, side: str) -> list[Row]:
    rows: list[Row] = []
    after = ""
    while True:
        batch = await db.read(_page, side, after)
        rows += batch
        if len(batch) < READ_BATCH:
            return rows
        after = batch[-1]["id"]


def _reasons_json(reasons: list[Reason]) -> str:
    return json.dumps([{k: v for k, v in asdict(r).items() if v is not None} for r in reasons])


def peer_proposals(assocs: AssociationTable, excluded_keys: set[str], k: int = PEER_TOP_K) -> list[Proposal]:
    """One proposal per unordered pair (the better-scored side's view when both sides found it)."""
    index = {key: i for i, key in enumerate(assocs.keys)}
    pairs = [(index[a], index[b]) for a, b in (key.split("|") for key in excluded_keys) if a in index and b in index]
    found = suggest_peers(assocs, tables.district_map(), excluded=np.array(pairs, np.int64).reshape(-1, 2), k=k)
    best: dict[str, Proposal] = {}
    for row in range(assocs.n):
        for s in found.for_association(row):
            party, candidate = assocs.keys[s.association], assocs.keys[s.candidate]
            key = peer_key(party, candidate)
            if key not in best or s.score > best[key].score:
                best[key] = Proposal(SuggestionKind.PEER, key, party, candidate, s.score, _reasons_json(s.reasons))
    return list(best.values())


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


async def _save(tx: Any, kind: SuggestionKind, candidate_label: str, rows: list[Row], run: str) -> None:
    await SuggestionWrites(tx).save(kind, candidate_label, rows, run, ALGORITHM_VERSION)


async def _drop_stale(tx: Any, kind: SuggestionKind, run: str) -> int:
    return await SuggestionWrites(tx).drop_stale(kind, run, WRITE_BATCH)


async def _write(db: Database, proposals: list[Proposal], kind: SuggestionKind, candidate_label: str, run: str,
                 progress: Progress) -> int:
    rows = [p.as_row() for p in proposals]
    for start in range(0, len(rows), WRITE_BATCH):
        batch = rows[start:start + WRITE_BATCH]
        await db.write(_save, kind, candidate_label, batch, run)
        progress(f"write {kind.lower()}", start + len(batch), len(rows))
    dropped = 0
    while removed := await db.write(_drop_stale, kind, run):
        dropped += removed
    return dropped


async def recompute_all(db: Database, progress: Progress = _quiet) -> RecomputeCounts:
    """Recomputes every peer and mentoring suggestion; returns how many were produced and dropped."""
    progress("load", 0, 3)
    catalogue = await db.read(lambda tx: MatchingInputs(tx).vocabulary())
    assoc_rows = await _load_all(db, "associations")
    progress("load", 1, 3)
    vol_rows = await _load_all(db, "volunteers")
    progress("load", 2, 3)
    excluded = await db.read(lambda tx: MatchingInputs(tx).excluded_pairs())
    progress("load", 3, 3)
    vocab = tables.vocabulary(catalogue, tables.district_map(), assoc_rows, vol_rows)
    assocs, vols = tables.association_table(assoc_rows, vocab), tables.volunteer_table(vol_rows, vocab)
    peer_excluded = {peer_key(a, b) for a, b in excluded["connected"]} | set(excluded["peerDeclined"])
    mentor_excluded = {mentoring_key(a, v) for a, v in excluded["mentoring"]} | set(excluded["mentoringDeclined"])
    peers = peer_proposals(assocs, peer_excluded) if assocs.n > 1 else []
    progress("score", 1, 2)
    mentoring = [] if not (assocs.n and vols.m) else mentoring_proposals(assocs, vols, mentor_excluded,
                                    np.array([int(r["mentors"]) for r in assoc_rows], np.int64),
                                    np.array([int(r["mentees"]) for r in vol_rows], np.int64))
    progress("score", 2, 2)
    run = uuid.uuid4().hex
    dropped = await _write(db, peers, SuggestionKind.PEER, "Association", run, progress)
    dropped += await _write(db, mentoring, SuggestionKind.MENTORING, "Volunteer", run, progress)
    return RecomputeCounts(associations=assocs.n, volunteers=vols.m, peer=len(peers), mentoring=len(mentoring),
                           dropped=dropped)
