"""Feature matrices of the peer score, and the anchor keys that bound the candidates of each association.

The score of a pair is a bilinear form: score(i, j) = left[i] . right[j], with blocks
  [uses x idf points | expert x W | learner x W | fields x W | target groups x W | district row of D]   (left)
  [uses             | learner    | expert     | fields     | target groups     | district one-hot ]    (right)
where learner = uses as BEGINNER or only considers, and D[a, b] is the same/nearby district weight. The mentor
blocks are crossed (expert against learner, learner against expert), which makes CAN_MENTOR_TOOL count in both
directions. Every entry is an integer number of points, so float32 products are exact.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from network.matching.districts import DistrictMap
from network.matching.inputs import BEGINNER, EXPERT, AssociationTable
from network.matching.weights import PeerWeights


@dataclass(frozen=True)
class PeerFeatures:
    uses: npt.NDArray[np.bool_]  # [n, tools]
    expert: npt.NDArray[np.bool_]  # [n, tools]
    learner: npt.NDArray[np.bool_]  # [n, tools]
    idf_points: np.ndarray  # int [tools]
    district_points: np.ndarray  # int [d, d]: same district on the diagonal, nearby off it
    left: npt.NDArray[np.float32]  # [n, width]
    right: npt.NDArray[np.float32]  # [n, width]
    max_points: int  # no score exceeds it (right is 0/1, so a row's sum of left bounds its scores)
    keys: npt.NDArray[np.bool_]  # [n, tools + fields + groups]: what anchors are chosen from
    key_priority: np.ndarray  # float [keys]: rarer first, tools before fields and target groups


def idf_points(uses: np.ndarray, unit: int) -> npt.NDArray[np.int64]:
    """Rarity of each tool: unit x ln((1 + n) / (1 + users)), rounded to whole points."""
    n = uses.shape[0]
    points: npt.NDArray[np.int64] = np.rint(unit * np.log((1 + n) / (1 + uses.sum(axis=0)))).astype(np.int64)
    return points


def district_points(districts: DistrictMap, w: PeerWeights) -> np.ndarray:
    points = np.where(districts.neighbours, w.nearby_district, 0)
    np.fill_diagonal(points, w.same_district)
    return points.astype(np.int64)


def peer_features(table: AssociationTable, districts: DistrictMap, w: PeerWeights) -> PeerFeatures:
    if len(districts.slugs) != len(table.vocab.districts):
        raise ValueError("the district map and the vocabulary must list the same districts")
    n = table.n
    uses = table.proficiency > 0
    expert = table.proficiency == EXPERT
    learner = (table.proficiency == BEGINNER) | (table.considers & ~uses)
    idf = idf_points(uses, w.idf_unit)
    dpoints = district_points(districts, w)
    has_district = table.district >= 0
    home = np.where(has_district, table.district, 0)
    district_left = np.where(has_district[:, None], dpoints[home], 0)
    one_hot = np.zeros((n, len(districts.slugs)), np.float32)
    one_hot[np.flatnonzero(has_district), home[has_district]] = 1
    left = np.hstack(
        [
            uses * idf,
            expert * w.can_mentor_tool,
            learner * w.can_mentor_tool,
            table.fields * w.field,
            table.target_groups * w.target_group,
            district_left,
        ]
    ).astype(np.float32)
    right = np.hstack([uses, learner, expert, table.fields, table.target_groups, one_hot]).astype(np.float32)
    keys = np.hstack([uses | table.considers, table.fields, table.target_groups])
    tools = uses.shape[1]
    df = keys.sum(axis=0).astype(float)
    priority = np.where(np.arange(keys.shape[1]) < tools, df, n + 1 + df)
    return PeerFeatures(
        uses=uses,
        expert=expert,
        learner=learner,
        idf_points=idf,
        district_points=dpoints,
        left=left,
        right=right,
        max_points=int(left.sum(axis=1).max(initial=0)),
        keys=keys,
        key_priority=priority,
    )


def anchors_of(features: PeerFeatures, rows: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, key) pairs: each row's `count` rarest keys, tools first (fields and target groups fill up).

    Candidates of a row are the associations that share one of its anchors (use or consider the tool, are active in
    the field, serve the group). Ties in rarity go to the lower key index.
    """
    keys = features.keys[rows]
    priority = np.where(keys, features.key_priority[None, :], np.inf)
    order = np.argsort(priority, axis=1, kind="stable")[:, :count]
    valid = np.take_along_axis(priority, order, axis=1) < np.inf
    row_index = np.broadcast_to(rows[:, None], order.shape)
    return row_index[valid], order[valid]
