"""Which peer weights a run uses: the latest version, refitted by the nightly run (and `network match`, and a
recompute staff start), with a new version only when the weights come out different."""

import asyncio

import numpy as np

from network.kit.authorisation import Viewer, may_read_peer_weights
from network.kit.database import Database
from network.matching.districts import DistrictMap
from network.matching.inputs import AssociationTable
from network.matching.peer_learning import fit_deployment
from network.matching.peer_stats import peer_stats
from network.matching.weights import PEER_WEIGHTS
from network.peer_model.models import PeerModel
from network.peer_model.repository import PeerModelRepository


async def latest(db: Database) -> PeerModel | None:
    return await db.read(lambda tx: PeerModelRepository(tx).latest())


async def visible_model(db: Database, viewer: Viewer) -> PeerModel | None:
    """The weights in use, as staff see them; None for everyone else."""
    return await latest(db) if may_read_peer_weights(viewer) else None


async def model_for_run(
    db: Database,
    table: AssociationTable,
    districts: DistrictMap,
    answers: list[tuple[str, bool]],
    *,
    refit: bool,
) -> PeerModel:
    """The weights and frozen statistics a run scores peers with. `answers`: (pair key, taken up) of every answered
    peer suggestion.

    Without `refit` the latest version and its statistics stay (a refresh after a profile change must not move
    every score); the first run of a deployment fits in any case. With it, the weights are fitted again and the
    statistics frozen anew from `table`: a new version when the weights come out different, else the current one
    with the new statistics."""
    current = await latest(db)
    if current is not None and not refit:
        if current.stats is None:  # a version from before statistics were frozen
            return await db.write(lambda tx: PeerModelRepository(tx).freeze(current.version, peer_stats(table)))
        return current
    index = {key: i for i, key in enumerate(table.keys)}
    kept = [
        (index[a], index[b], yes)
        for (a, b), yes in ((key.split("|", 1), yes) for key, yes in answers)
        if a in index and b in index
    ]
    pairs = np.array([(a, b) for a, b, _ in kept], np.int64).reshape(-1, 2)
    accepted = np.array([yes for _, _, yes in kept], bool)
    fit = await asyncio.to_thread(fit_deployment, table, districts, pairs, accepted, prior=PEER_WEIGHTS)
    stats = peer_stats(table)
    if current is not None and current.weights == fit.weights:
        return await db.write(lambda tx: PeerModelRepository(tx).freeze(current.version, stats))
    return await db.write(
        lambda tx: PeerModelRepository(tx).create(
            fit.weights, fit.profile_rows, fit.answers.answers, fit.answers.accepted, stats
        )
    )
