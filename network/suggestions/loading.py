"""Reading what the matching reads: every party's row in keyset pages, as the core's tables."""

from dataclasses import dataclass
from typing import Any

import numpy as np

from network.kit.database import Database
from network.matching.inputs import AssociationTable, VolunteerTable
from network.suggestions import tables
from network.suggestions.models import mentoring_key, peer_key
from network.suggestions.repository import MatchingInputs

Row = dict[str, Any]
READ_BATCH = 5_000


@dataclass(frozen=True)
class MatchingData:
    """Every party as the core's tables, pairs no run may propose, and capacity already used."""

    associations: AssociationTable
    volunteers: VolunteerTable
    peer_excluded: set[str]  # pair keys
    mentoring_excluded: set[str]
    mentors: np.ndarray  # int [n]: mentors an association has
    mentees: np.ndarray  # int [m]: associations a volunteer mentors


async def _page(tx: Any, side: str, after: str) -> list[Row]:
    inputs = MatchingInputs(tx)
    read = inputs.associations if side == "associations" else inputs.volunteers
    return await read(after, READ_BATCH)


async def load_all(db: Database, side: str) -> list[Row]:
    """Every association's or volunteer's row the matching reads, in keyset pages."""
    rows: list[Row] = []
    after = ""
    while True:
        batch = await db.read(_page, side, after)
        rows += batch
        if len(batch) < READ_BATCH:
            return rows
        after = batch[-1]["id"]


async def load_parties(db: Database) -> tuple[AssociationTable, VolunteerTable, list[Row], list[Row]]:
    """Both sides' tables over one vocabulary, with the rows they were built from."""
    catalogue = await db.read(lambda tx: MatchingInputs(tx).vocabulary())
    assoc_rows, vol_rows = await load_all(db, "associations"), await load_all(db, "volunteers")
    vocab = tables.vocabulary(catalogue, tables.district_map(), assoc_rows, vol_rows)
    return tables.association_table(assoc_rows, vocab), tables.volunteer_table(vol_rows, vocab), assoc_rows, vol_rows


async def load_matching_data(db: Database) -> MatchingData:
    assocs, vols, assoc_rows, vol_rows = await load_parties(db)
    excluded = await db.read(lambda tx: MatchingInputs(tx).excluded_pairs())
    return MatchingData(
        associations=assocs, volunteers=vols,
        peer_excluded={peer_key(a, b) for a, b in excluded["connected"]} | set(excluded["peerClosed"]),
        mentoring_excluded={mentoring_key(a, v) for a, v in excluded["mentoring"]} | set(excluded["mentoringClosed"]),
        mentors=np.array([int(r["mentors"]) for r in assoc_rows], np.int64),
        mentees=np.array([int(r["mentees"]) for r in vol_rows], np.int64))
