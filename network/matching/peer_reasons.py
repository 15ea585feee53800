"""Reasons of peer suggestions, for many (row, candidate) pairs in one vectorised pass.

Every reason a peer pair can have is one column of a fixed catalogue (a shared tool, a tool one side can mentor in
either direction, a shared field or target group, the same district, a nearby district), built once per result
with its Reason object. A pair's reasons are the columns its boolean vector sets; the columns are ordered as
`reasons.ordered` sorts, so the non-zero columns come out already in the published order and no Reason is built or
sorted per suggestion (2 million suggestions at 100k associations).
"""

from dataclasses import dataclass

import numpy as np

from network.matching.districts import DistrictMap
from network.matching.inputs import AssociationTable
from network.matching.peer_features import PeerFeatures
from network.matching.reasons import Code, Direction, Reason, reason, sort_key
from network.matching.weights import PeerWeights


@dataclass(frozen=True)
class ReasonColumns:
    reasons: np.ndarray  # object [columns]: the Reason of each column, in published order
    gather: np.ndarray  # int [columns]: the raw column of each published one


def reason_columns(table: AssociationTable, features: PeerFeatures, w: PeerWeights) -> ReasonColumns:
    """Raw column order: shared tools, OFFERS tools, RECEIVES tools, fields, target groups, same district (by
    district), nearby district (by the candidate's district)."""
    vocab = table.vocab
    raw = ([reason(Code.SHARED_TOOL, t, p) for t, p in zip(vocab.tools, features.idf_points.tolist(), strict=True)]
           + [reason(Code.CAN_MENTOR_TOOL, t, w.can_mentor_tool, Direction.OFFERS) for t in vocab.tools]
           + [reason(Code.CAN_MENTOR_TOOL, t, w.can_mentor_tool, Direction.RECEIVES) for t in vocab.tools]
           + [reason(Code.SHARED_FIELD, f, w.field) for f in vocab.fields]
           + [reason(Code.SHARED_TARGET_GROUP, g, w.target_group) for g in vocab.target_groups]
           + [reason(Code.SAME_DISTRICT, d, w.same_district) for d in vocab.districts]
           + [reason(Code.NEARBY_DISTRICT, d, w.nearby_district) for d in vocab.districts])
    order = sorted(range(len(raw)), key=lambda i: sort_key(raw[i]))
    published = np.empty(len(raw), object)
    published[:] = [raw[i] for i in order]
    return ReasonColumns(reasons=published, gather=np.array(order, np.int64))


def pair_reasons(table: AssociationTable, features: PeerFeatures, districts: DistrictMap, columns: ReasonColumns,
                 rows: np.ndarray, cands: np.ndarray) -> list[list[Reason]]:
    """Why cands[i] is suggested to rows[i], for every pair i; the weights add up to the score."""
    f, p = features, len(rows)
    d = len(districts.slugs)
    home, other = table.district[rows].astype(np.int64), table.district[cands].astype(np.int64)
    known = (home >= 0) & (other >= 0)
    same = np.zeros((p, d), bool)
    nearby = np.zeros((p, d), bool)
    at_home = np.flatnonzero(known & (home == other))
    same[at_home, home[at_home]] = True
    near = np.flatnonzero(known & (home != other) & districts.neighbours[np.maximum(home, 0), np.maximum(other, 0)])
    nearby[near, other[near]] = True
    raw = np.hstack([f.uses[rows] & f.uses[cands], f.expert[rows] & f.learner[cands],
                     f.learner[rows] & f.expert[cands], table.fields[rows] & table.fields[cands],
                     table.target_groups[rows] & table.target_groups[cands], same, nearby])
    pair, column = np.nonzero(raw[:, columns.gather])  # row-major: by pair, then in published order
    flat = columns.reasons[column].tolist()
    bounds = np.searchsorted(pair, np.arange(p + 1)).tolist()
    return [flat[bounds[i]:bounds[i + 1]] for i in range(p)]
