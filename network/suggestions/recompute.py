"""The full recompute: load every party, run the matching core, and write only what changed.

Declined and expired pairs are excluded before scoring (the next candidate takes their place) and never written
again; accepted ones are never touched. Writes are a difference against what is stored (`writing.py`), so a rerun
on unchanged data writes nothing and the result does not depend on what an earlier run wrote.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from threadpoolctl import threadpool_limits

from network.kit.database import Database
from network.kit.stopwatch import Stopwatch
from network.matching.weights import ALGORITHM_VERSION
from network.peer_model.service import model_for_run
from network.suggestions import tables
from network.suggestions.changes_feed import ChangesFeed
from network.suggestions.live import LiveHolder, all_proposals, build_state
from network.suggestions.live_mentoring import keep_mentoring
from network.suggestions.loading import load_matching_data
from network.suggestions.models import SuggestionKind
from network.suggestions.proposals.mentoring import proposals_of, solve_mentoring
from network.suggestions.writing import Progress, stored_suggestions, write_changes

T = TypeVar("T")
# Share of a run's time each stage takes (a rerun at 100k associations), for one progress figure from 0 to 1.
STAGE_SPAN = {"load": (0.0, 0.15), "score": (0.15, 0.8), "write peer": (0.8, 0.97), "write mentoring": (0.97, 1.0)}


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
    peer_writes: int  # of the writes above, those of peer suggestions
    peer_weights: int  # the version of the peer weights the run used
    seconds: dict[str, float] = field(default_factory=dict)  # per stage


def overall(stage: str, done: int, total: int) -> float:
    """The run's progress from 0 to 1 for `done` of `total` steps of `stage`."""
    start, end = STAGE_SPAN.get(stage, (0.0, 1.0))
    return start + (end - start) * (done / total if total else 1.0)


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress shown (the worker, tests)."""


def _one_blas_thread(score: Callable[..., T], *args: Any) -> T:
    # One BLAS thread per scoring thread: the peer scoring runs its blocks in threads of its own (one per core), and
    # OpenBLAS's own second thread mostly busy-waited on these block products (9 s of CPU at 100k associations).
    with threadpool_limits(1, "blas"):
        return score(*args)


async def recompute_all(
    db: Database,
    progress: Progress = _quiet,
    *,
    refit: bool = False,
    live: LiveHolder | None = None,
    feed: ChangesFeed | None = None,
) -> RecomputeCounts:
    """Recomputes every peer and mentoring suggestion and writes the difference; returns counts and timings.

    `refit`: fit the peer weights again to the profiles and answers and freeze new statistics (the nightly run,
    `network match`, a recompute staff start); otherwise the latest version stays (network/peer_model). `live`: keeps
    the run's peer lists and mentoring assignment there once they are written, for the changes that follow
    (live.py). `feed` tells watchers whose suggestions the writes changed (changes_feed.py).

    What is stored is read while the parties load and the core scores: that read is mostly the database's work,
    so it overlaps with ours. Scoring runs in a thread, which keeps the event loop (and with it that read, and a
    worker's other jobs) going."""
    clock = Stopwatch()
    progress("load", 0, 1)
    async with asyncio.TaskGroup() as group:
        stored_peer = group.create_task(stored_suggestions(db, SuggestionKind.PEER))
        stored_mentoring = group.create_task(stored_suggestions(db, SuggestionKind.MENTORING))
        data = await load_matching_data(db)
        progress("load", 1, 1)
        clock.lap("load")
        assocs, vols = data.associations, data.volunteers
        model = await model_for_run(db, assocs, tables.district_map(), data.peer_answers, refit=refit)
        clock.lap("peer_weights")
        state = await asyncio.to_thread(build_state, assocs, data.peer_excluded, model)
        proposals = await asyncio.to_thread(_one_blas_thread, all_proposals, state)
        clock.lap("score_peers")
        progress("score", 1, 2)
        solution = await asyncio.to_thread(
            _one_blas_thread, solve_mentoring, assocs, vols, data.mentoring_excluded, data.mentors, data.mentees
        )
        chosen = solution.assignment
        mentoring = await asyncio.to_thread(
            proposals_of, assocs, vols, chosen.association, chosen.volunteer, chosen.fit
        )
        if live is not None:  # the applier repairs this assignment from now on
            state.mentoring = await asyncio.to_thread(
                keep_mentoring, assocs, vols, solution, data.mentoring_excluded, data.mentors, data.mentees
            )
        progress("score", 2, 2)
        clock.lap("score_mentoring")
    clock.lap("read_stored")  # what the stored read took beyond scoring
    peer_written = await write_changes(
        db,
        SuggestionKind.PEER,
        "Association",
        proposals,
        state.model.algorithm_version,
        progress,
        stored_peer.result(),
        feed,
    )
    clock.lap("write_peer")
    mentor_written = await write_changes(
        db,
        SuggestionKind.MENTORING,
        "Volunteer",
        mentoring,
        ALGORITHM_VERSION,
        progress,
        stored_mentoring.result(),
        feed,
    )
    clock.lap("write_mentoring")
    if live is not None:
        live.state = state
    return RecomputeCounts(
        associations=assocs.n,
        volunteers=vols.m,
        peer=len(proposals),
        mentoring=len(mentoring),
        created=peer_written.created + mentor_written.created,
        updated=peer_written.updated + mentor_written.updated,
        dropped=peer_written.dropped + mentor_written.dropped,
        unchanged=peer_written.unchanged + mentor_written.unchanged,
        peer_writes=peer_written.created + peer_written.updated + peer_written.dropped,
        peer_weights=state.model.version,
        seconds=clock.seconds,
    )
