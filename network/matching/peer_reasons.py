"""Reasons of peer suggestions, for many (row, candidate) pairs in one vectorised pass.

Every reason a peer pair can have is one column of a fixed catalogue (a shared tool, a tool one side can mentor in
either direction, a shared field or target group, the same district, a nearby district), built once per result
with its Reason object. Each column is an AND of what the party brings and what the candidate brings (a nearby
district: the party's district borders the column's district, which is the candidate's), so a pair's reasons are
the columns where party[row] & candidate[cand] is set. The columns are ordered as `reasons.ordered` sorts, so the
set columns come out already in the published order and no Reason is built or sorted per suggestion (2 million
suggestions at 100k associations); callers that only need text can map the column ids instead of Reason objects.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from network.matching.districts import DistrictMap
from network.matching.inputs import AssociationTable
from network.matching.peer_features import PeerFeatures
from network.matching.reasons import Code, Direction, Reason, reason, sort_key
from network.matching.weights import PeerWeights

PAIR_BLOCK = 1 << 15  # pairs whose [pairs, columns] bool matrix is built at once (~9 MB)


@dataclass(frozen=True)
class ReasonColumns:
    reasons: np.ndarray  # object [columns]: the Reason of each column, in published order
    party: npt.NDArray[np.bool_]  # [n, columns]: what each row brings to a column as the party
    candidate: npt.NDArray[np.bool_]  # [n, columns]: what each row brings to a column as the candidate


def reason_columns(
    table: AssociationTable, features: PeerFeatures, districts: DistrictMap, w: PeerWeights
) -> ReasonColumns:
    """Raw column order: shared tools, OFFERS tools, RECEIVES tools, fields, target groups, same district (by
    district), nearby district (by the candidate's district)."""
    vocab, f = table.vocab, features
    raw = (
        [reason(Code.SHARED_TOOL, t, p) for t, p in zip(vocab.tools, f.idf_points.tolist(), strict=True)]
        + [reason(Code.CAN_MENTOR_TOOL, t, w.can_mentor_tool, Direction.OFFERS) for t in vocab.tools]
        + [reason(Code.CAN_MENTOR_TOOL, t, w.can_mentor_tool, Direction.RECEIVES) for t in vocab.tools]
        + [reason(Code.SHARED_FIELD, s, w.field) for s in vocab.fields]
        + [reason(Code.SHARED_TARGET_GROUP, g, w.target_group) for g in vocab.target_groups]
        + [reason(Code.SAME_DISTRICT, d, w.same_district) for d in vocab.districts]
        + [reason(Code.NEARBY_DISTRICT, d, w.nearby_district) for d in vocab.districts]
    )
    order = sorted(range(len(raw)), key=lambda i: sort_key(raw[i]))
    home = np.zeros((table.n, len(districts.slugs)), bool)  # one-hot; neighbours has a False diagonal
    known = np.flatnonzero(table.district >= 0)
    home[known, table.district[known]] = True
    borders = home.astype(np.uint8) @ districts.neighbours.astype(np.uint8) > 0
    party = np.hstack([f.uses, f.expert, f.learner, table.fields, table.target_groups, home, borders])
    candidate = np.hstack([f.uses, f.learner, f.expert, table.fields, table.target_groups, home, home])
    published = np.empty(len(raw), object)
    published[:] = [raw[i] for i in order]
    return ReasonColumns(
        reasons=published,
        party=np.ascontiguousarray(party[:, order]),
        candidate=np.ascontiguousarray(candidate[:, order]),
    )


def reason_entries(columns: ReasonColumns, rows: np.ndarray, cands: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(pair, column) of every reason of the pairs (rows[i], cands[i]): by pair, then in published order."""
    width = len(columns.reasons)
    pairs, cols = [], []
    for start in range(0, len(rows), PAIR_BLOCK):
        both = columns.party[rows[start : start + PAIR_BLOCK]] & columns.candidate[cands[start : start + PAIR_BLOCK]]
        pair, column = np.divmod(np.flatnonzero(both), width)  # row-major: by pair, then column
        pairs.append(pair + start)
        cols.append(column)
    if not pairs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(pairs), np.concatenate(cols)


def pair_reasons(columns: ReasonColumns, rows: np.ndarray, cands: np.ndarray) -> list[list[Reason]]:
    """Why cands[i] is suggested to rows[i], for every pair i; the weights add up to the score."""
    pair, column = reason_entries(columns, rows, cands)
    flat = columns.reasons[column].tolist()
    bounds = np.searchsorted(pair, np.arange(len(rows) + 1)).tolist()
    return [flat[bounds[i] : bounds[i + 1]] for i in range(len(rows))]
