"""Reasons of peer suggestions, for many (row, candidate) pairs in one vectorised pass.

Every column of the peer score (peer_features.py) is one reason: a shared tool, a tool one side can mentor (either
direction), a tool one side reported on and the other considers (REPORTED_ON, either direction), a shared field or
target group, a district. The product left[row, column] x right[cand, column] is the
reason's exact share of the pair's score, so a pair's reasons are its columns with a non-zero product, and their
weights add up to its score. A district column is SAME_DISTRICT when it is the party's own district and
NEARBY_DISTRICT (naming the candidate's district) otherwise. The neighbourhood support (peer_support.py) is one more
reason, SHARED_PEERS, weighted by that part of the score.

Reasons are identified by an id into a fixed catalogue (`ReasonColumns.reasons`), and the published order (weight
descending, then code, detail, direction) is one integer sort of (pair, weight, rank), so no Reason object is built
or sorted per suggestion (2 million suggestions at 100k associations): callers that write JSON cut each reason's
text around its weight and join strings (suggestions/proposals/reasons_json.py).
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from network.matching.inputs import AssociationTable
from network.matching.peer_features import UNIT, PeerFeatures
from network.matching.reasons import Code, Direction, Reason
from network.matching.topk import lexsort_ints

PAIR_BLOCK = 1 << 13  # pairs whose [pairs, columns] products are built at once (~14 MB)
WEIGHT_DIGITS = 4  # a reason's weight is published with this many decimals, like the score
WEIGHT_UNIT = 10**WEIGHT_DIGITS


@dataclass(frozen=True)
class ReasonColumns:
    # object [reasons]: a Reason per id, weight 0 (the weight is the pair's); a feature column's id is its index
    # (a district column's: SAME_DISTRICT, NEARBY_DISTRICT is nearby_offset further)
    reasons: np.ndarray
    rank: npt.NDArray[np.int64]  # [reasons]: position in (code, detail, direction) order, the tie order
    district_columns: slice  # feature columns of the districts
    nearby_offset: int  # id of NEARBY_DISTRICT d = id of SAME_DISTRICT d + nearby_offset
    shared_peers: int  # id of SHARED_PEERS, the last one
    home: npt.NDArray[np.int16]  # [n]: each row's district, -1 when unknown


def reason_columns(table: AssociationTable, features: PeerFeatures) -> ReasonColumns:
    vocab = table.vocab
    catalogue = (
        [Reason(Code.SHARED_TOOL, t) for t in vocab.tools]
        + [Reason(Code.CAN_MENTOR_TOOL, t, direction=Direction.OFFERS) for t in vocab.tools]
        + [Reason(Code.CAN_MENTOR_TOOL, t, direction=Direction.RECEIVES) for t in vocab.tools]
        + [Reason(Code.REPORTED_ON, t, direction=Direction.OFFERS) for t in features.report_tools]
        + [Reason(Code.REPORTED_ON, t, direction=Direction.RECEIVES) for t in features.report_tools]
        + [Reason(Code.SHARED_FIELD, s) for s in vocab.fields]
        + [Reason(Code.SHARED_TARGET_GROUP, g) for g in vocab.target_groups]
        + [Reason(Code.SAME_DISTRICT, d) for d in vocab.districts]
        + [Reason(Code.NEARBY_DISTRICT, d) for d in vocab.districts]
        + [Reason(Code.SHARED_PEERS)]
    )
    width = features.left.shape[1]
    districts = features.blocks["district"]
    if districts.stop != width or width != len(catalogue) - len(vocab.districts) - 1:
        raise ValueError("the reason catalogue does not fit the peer feature columns")
    order = sorted(
        range(len(catalogue)),
        key=lambda i: (catalogue[i].code, catalogue[i].detail or "", catalogue[i].direction or ""),
    )
    rank = np.empty(len(catalogue), np.int64)
    rank[order] = np.arange(len(catalogue))
    reasons = np.empty(len(catalogue), object)
    reasons[:] = catalogue
    return ReasonColumns(
        reasons=reasons,
        rank=rank,
        district_columns=districts,
        nearby_offset=len(vocab.districts),
        shared_peers=len(catalogue) - 1,
        home=table.district,
    )


def reason_entries(
    columns: ReasonColumns,
    features: PeerFeatures,
    rows: np.ndarray,
    cands: np.ndarray,
    support: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(pair, reason id, weight in 1/WEIGHT_UNIT) of every reason of the pairs (rows[i], cands[i]), by pair, then in
    published order: weight descending, then code, detail and direction. `support`: each pair's neighbourhood
    support in 1/UNIT (SHARED_PEERS), none when omitted."""
    pairs, ids, units = [], [], []
    width = features.left.shape[1]
    first_district = columns.district_columns.start
    for start in range(0, len(rows), PAIR_BLOCK):
        block_rows, block_cands = rows[start : start + PAIR_BLOCK], cands[start : start + PAIR_BLOCK]
        share = np.multiply(features.left[block_rows], features.right[block_cands], dtype=np.uint32)
        pair, column = np.divmod(np.flatnonzero(share), width)  # row-major: by pair, then column
        found = column.astype(np.int64)
        nearby = (column >= first_district) & (columns.home[block_rows[pair]] != column - first_district)
        found[nearby] += columns.nearby_offset
        pairs.append(pair + start)
        ids.append(found)
        units.append(share[pair, column])
    if support is not None and len(rows):
        pairs.append(np.arange(len(rows)))
        ids.append(np.full(len(rows), columns.shared_peers, np.int64))
        units.append(np.asarray(support, np.int64))
    if not pairs:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty
    pair, found = np.concatenate(pairs), np.concatenate(ids)
    weight = np.rint(np.concatenate(units).astype(np.float64) * WEIGHT_UNIT / UNIT).astype(np.int64)
    shown = weight > 0  # below half a unit of the last published digit: true, but it adds nothing one could see
    pair, found, weight = pair[shown], found[shown], weight[shown]
    order = lexsort_ints((columns.rank[found], weight.max(initial=0) - weight, pair))
    return pair[order], found[order], weight[order]


@lru_cache(maxsize=1 << 16)  # the Reason lists of one block of rows share many (reason, weight) pairs
def weighted(template: Reason, weight: int) -> Reason:
    return Reason(code=template.code, detail=template.detail, weight=weight / WEIGHT_UNIT, direction=template.direction)


def pair_reasons(
    columns: ReasonColumns,
    features: PeerFeatures,
    rows: np.ndarray,
    cands: np.ndarray,
    support: np.ndarray | None = None,
) -> list[list[Reason]]:
    """Why cands[i] is suggested to rows[i], for every pair i; the weights add up to the score (up to rounding)."""
    pair, found, weight = reason_entries(columns, features, rows, cands, support)
    flat = [weighted(columns.reasons[r], w) for r, w in zip(found.tolist(), weight.tolist(), strict=True)]
    bounds = np.searchsorted(pair, np.arange(len(rows) + 1)).tolist()
    return [flat[bounds[i] : bounds[i + 1]] for i in range(len(rows))]
