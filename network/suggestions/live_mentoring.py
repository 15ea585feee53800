"""Live mentoring suggestions: the applier keeps the full run's assignment and repairs it locally after each change
(matching/live_mentoring.py), then writes the pairs the repair moved.

Like the peer lists, a change is read from the graph as it is now: the volunteers it names, and the mentoring side
(mentorships, declined or expired pairs) of every party it names or of a mentoring suggestion it names. Applying
one twice changes nothing the second time. Unlike the peer lists the result is not the full run's: a repair is
exact in its neighbourhood, and the nightly run restores the global optimum (the benchmark measures the gap).
"""

import asyncio
import dataclasses
from collections.abc import Iterable
from typing import Any

import numpy as np
from neo4j import AsyncManagedTransaction

from network.kit import freshness
from network.kit.database import Database
from network.matching.inputs import AssociationTable, VolunteerTable
from network.matching.live_mentoring import LiveMentoring, MentoringChange
from network.matching.weights import DEFAULT_MAX_MENTEES
from network.suggestions import tables
from network.suggestions.models import Proposal
from network.suggestions.proposals.mentoring import MentoringSolution, pair_rows, proposals_of
from network.suggestions.repository import LINKS, LinkColumns, MatchingInputs, MentoringState


class UnknownEntry(ValueError):
    """A changed volunteer names a catalogue entry or language the state has not seen."""


def keep_mentoring(
    assocs: AssociationTable,
    vols: VolunteerTable,
    solution: MentoringSolution,
    excluded_keys: set[str],
    mentors: np.ndarray,
    mentees: np.ndarray,
) -> LiveMentoring:
    """The full run's assignment as a live state, over copies of the tables (the state writes its rows)."""
    excluded = _excluded_rows(assocs, vols, excluded_keys)
    return LiveMentoring(
        _copy(assocs),
        _copy(vols),
        solution.edges,
        solution.assignment.chosen,
        mentors,
        mentees,
        excluded,
    )


def _copy(table: Any) -> Any:
    return dataclasses.replace(
        table,
        **{f.name: getattr(table, f.name).copy() for f in dataclasses.fields(table) if f.name not in ("vocab", "keys")},
    )


def _excluded_rows(assocs: AssociationTable, vols: VolunteerTable, keys: set[str]) -> list[tuple[int, int]]:
    a_row = {key: i for i, key in enumerate(assocs.keys)}
    v_row = {key: i for i, key in enumerate(vols.keys)}
    return [pair for key in keys for pair in pair_rows(key, a_row, v_row)]


async def read_change(db: Database, state: LiveMentoring, ids: list[str]) -> MentoringChange:
    """What the changes of `ids` mean for mentoring, read now, but for the associations: the peer side reads them
    (live.py adds them). An empty `ids` (an expiry run) re-reads every exclusion and mentorship."""
    wanted = [key for key in ids if not key.startswith(freshness.ACCOUNT)]
    nodes = await db.read(lambda tx: MatchingInputs(tx).volunteers_of(wanted, DEFAULT_MAX_MENTEES))
    present = set(nodes["id"])
    removed = [key for key in wanted if key in state.v_row and key not in present]
    if len(wanted) < len(ids):  # an account went, and with it its volunteer profile
        existing = set(await db.read(lambda tx: MatchingInputs(tx).volunteer_ids()))
        removed += [key for key, v in state.v_row.items() if not state.v_gone[v] and key not in existing]
    volunteers = None
    if nodes["id"]:
        relationships = list(LINKS["Volunteer"])
        found = await asyncio.gather(*(db.read(_links_of, name, nodes["node"]) for name in relationships))
        try:
            volunteers = tables.volunteer_table_of(
                nodes, dict(zip(relationships, found, strict=True)), state.vols.vocab
            )
        except ValueError as error:
            raise UnknownEntry(str(error)) from error
    if ids:
        named = await db.read(lambda tx: MatchingInputs(tx).mentoring_state(wanted))
        mentors, mentees, excluded, included = _party_state(state, named)
    else:
        mentors, mentees, excluded, included = await _whole_state(db, state)
    return MentoringChange(
        volunteers=volunteers,
        removed_volunteers=tuple(sorted(set(removed))),
        mentors=mentors,
        mentees=mentees,
        excluded=tuple(sorted(excluded)),
        included=tuple(sorted(included)),
    )


async def _links_of(tx: AsyncManagedTransaction, relationship: str, nodes: list[int]) -> LinkColumns:
    return await MatchingInputs(tx).links("Volunteer", relationship, None, nodes)


Counts = dict[str, int]
Pairs = set[tuple[str, str]]


def _party_state(state: LiveMentoring, named: MentoringState) -> tuple[Counts, Counts, Pairs, Pairs]:
    """Counts and exclusions of the parties read, against what the state holds for them."""
    associations, volunteers = set(named["associations"]), set(named["volunteers"])
    mentorships = [(str(a), str(v)) for a, v in named["mentorships"]]
    now = set(mentorships) | {(str(a), str(v)) for a, v in named["closed"]}
    held = {(a, v) for a, v in state.excluded_keys() if a in associations or v in volunteers}
    return (
        {key: sum(a == key for a, _ in mentorships) for key in associations},
        {key: sum(v == key for _, v in mentorships) for key in volunteers},
        now - held,
        held - now,
    )


async def _whole_state(db: Database, state: LiveMentoring) -> tuple[Counts, Counts, Pairs, Pairs]:
    """Every mentorship and closed mentoring pair, against the whole state (after an expiry run)."""
    read = await db.read(lambda tx: MatchingInputs(tx).excluded_pairs())
    mentorships = [(str(a), str(v)) for a, v in read["mentoring"]]
    closed = {
        (state.assocs.keys[a], state.vols.keys[v])
        for key in read["mentoringClosed"]
        for a, v in pair_rows(key, state.a_row, state.v_row)
    }
    now = set(mentorships) | closed
    held = state.excluded_keys()
    mentors = {key: 0 for key in state.a_row}
    mentees = {key: 0 for key in state.v_row}
    for a, v in mentorships:
        if a in mentors:
            mentors[a] += 1
        if v in mentees:
            mentees[v] += 1
    return mentors, mentees, now - held, held - now


def proposals_for(state: LiveMentoring, pairs: Iterable[tuple[str, str]]) -> list[Proposal]:
    """The proposals the state holds among `pairs` (the others are no longer proposed)."""
    rows = [(state.a_row[a], state.v_row[v]) for a, v in pairs if a in state.a_row and v in state.v_row]
    assigned = [(a, v) for a, v in rows if state.mentor[a] == v]
    if not assigned:
        return []
    a = np.array([a for a, _ in assigned], np.int64)
    v = np.array([v for _, v in assigned], np.int64)
    fit = np.array([state.fit_of(x, y) for x, y in assigned], np.int64)
    return proposals_of(state.assocs, state.vols, a, v, fit)
