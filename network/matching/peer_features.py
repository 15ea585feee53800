"""Feature matrices of the peer score, and the anchor keys that bound the candidates of each association.

The score of a pair is a weighted sum of one similarity per signal (weights.PeerWeights):
- tools: the cosine of the used tools, each weighted by its rarity idf = ln((1 + n) / (1 + users)); normalised, so
  an association using 40 tools is not everyone's neighbour;
- complementarity: tools where one side is EXPERT and the other a BEGINNER or only considers the tool, rarity-weighted
  in both directions, normalised like the tools but over used, considered and reported tools; and, in the same
  signal and counted like an EXPERT, tools one side has an approved experience report on and the other only
  considers (REPORTED_ON: a report is switch help written down, so it adds to an EXPERT on the same tool), with a
  column per tool reported on when the model was frozen (PeerStats.reported_tools): without reports, no cost;
- fields and target groups: the cosine of the rarity-weighted sets;
- district: 1 for the same district, 0.5 for a neighbouring one.

Each cosine is a dot product of unit vectors, so the whole score is one bilinear form left[i] . right[j]:
  left  = [w_t u_t(i) | w_c e(i) | w_c l(i) | w_c r(i) | w_c c(i) | w_f u_f(i) | w_g u_g(i) | w_d D[district(i)]]
  right = [u_t(j)     | l(j)     | e(j)     | c(j)     | r(j)     | u_f(j)     | u_g(j)     | one-hot district(j)]
with u the unit vectors, e and l the expert and learner parts of the complementarity vector, r and c its reported
and only-considered parts (both crossed, so they count in both directions). Entries are rounded to whole multiples
of 1/QUANT, so every product is an integer in units of 1/QUANT^2 and a float32 product sums them exactly (a score is
at most (sum(weights) + 2 w_c) x QUANT^2 < 2^24): blocked, brute-force and repeated runs give bit-identical scores
and ties break the same way everywhere, and each column's product is that reason's exact share of the score. 1/256
of a unit vector's length is finer than any difference the evaluation can see, and float32 products and int32 top-k
cost half of float64 and int64 (100k associations).
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from network.matching.districts import DistrictMap
from network.matching.inputs import BEGINNER, EXPERT, AssociationTable
from network.matching.peer_stats import PeerStats, peer_stats
from network.matching.weights import PeerWeights

QUANT = 1 << 8  # resolution of the unit vectors: 1/256 of a full-length entry
UNIT = QUANT * QUANT  # score units per 1.0 of published score
NEARBY_DISTRICT = 0.5  # a neighbouring district counts half the same one
MAX_WEIGHT = 20.0  # per signal; five of them (complementarity counting three times, see below) stay below 2^24


@dataclass(frozen=True)
class PeerFeatures:
    uses: npt.NDArray[np.bool_]  # [n, tools]
    expert: npt.NDArray[np.bool_]  # [n, tools]
    learner: npt.NDArray[np.bool_]  # [n, tools]: uses as BEGINNER or only considers
    left: npt.NDArray[np.uint16]  # [n, width]: whole multiples of 1/QUANT, see the module doc
    right: npt.NDArray[np.uint16]  # [n, width]
    # column ranges of "tools", "offers", "receives", "reports_offered", "reports_received", "fields",
    # "target_groups", "district"
    blocks: dict[str, slice]
    keys: npt.NDArray[np.bool_]  # [n, tools + fields + groups]: what anchors are chosen from
    key_priority: np.ndarray  # float [keys]: rarer first, tools before fields and target groups
    coarse_step: int  # a power of two: every score / coarse_step fits int16 (for the top-k partition)
    report_tools: tuple[str, ...]  # the tools of the "reports_offered" and "reports_received" columns, in order


def idf(columns: np.ndarray) -> npt.NDArray[np.float64]:
    """Rarity of each column of a bool matrix: ln((1 + n) / (1 + count))."""
    n = columns.shape[0]
    rarity: npt.NDArray[np.float64] = np.log((1 + n) / (1 + columns.sum(axis=0)))
    return rarity


def unit_rows(values: np.ndarray) -> npt.NDArray[np.float64]:
    """Each row divided by its Euclidean length (rows of zeros stay zero)."""
    norms = np.sqrt((values * values).sum(axis=1, keepdims=True))
    unit: npt.NDArray[np.float64] = np.divide(values, norms, out=np.zeros(values.shape), where=norms > 0)
    return unit


def district_nearness(districts: DistrictMap) -> npt.NDArray[np.float64]:
    """[d, d]: 1 for the same district, NEARBY_DISTRICT for a neighbouring one, 0 otherwise."""
    nearness: npt.NDArray[np.float64] = np.where(districts.neighbours, NEARBY_DISTRICT, 0.0)
    np.fill_diagonal(nearness, 1.0)
    return nearness


def _quantised(values: np.ndarray) -> npt.NDArray[np.uint16]:
    if values.size and (values.min() < 0 or values.max() > MAX_WEIGHT):
        raise ValueError(f"peer weights must lie in [0, {MAX_WEIGHT}]")
    quantised: npt.NDArray[np.uint16] = np.rint(values * QUANT).astype(np.uint16)
    return quantised


def peer_features(
    table: AssociationTable, districts: DistrictMap, w: PeerWeights, stats: PeerStats | None = None
) -> PeerFeatures:
    """The features of every row; rarity and anchor order from `stats` (frozen, peer_stats.py), by default the
    table's own counts. Each row's features depend on that row and `stats` alone, so the features of some rows are
    those of a table of just these rows."""
    if len(districts.slugs) != len(table.vocab.districts):
        raise ValueError("the district map and the vocabulary must list the same districts")
    n, vocab = table.n, table.vocab
    stats = peer_stats(table) if stats is None else stats
    uses = table.proficiency > 0
    expert = table.proficiency == EXPERT
    learner = (table.proficiency == BEGINNER) | (table.considers & ~uses)
    considering = table.considers & ~uses
    # REPORTED_ON's columns: the tools reported on when the model was frozen, in vocabulary order
    report_tools = tuple(slug for slug in vocab.tools if slug in set(stats.reported_tools))
    report_columns = np.array([vocab.id("tools", slug) for slug in report_tools], np.int64)
    reported = np.zeros_like(table.reported)
    reported[:, report_columns] = table.reported[:, report_columns]
    tool_idf = stats.tool_idf(vocab)
    tools = unit_rows(uses * tool_idf)
    # complementarity is normalised over used, considered and reported tools, so one that only considers tools still
    # has a length, and a report on a tool no longer used does not make a longer vector
    reach = np.sqrt(((uses | table.considers | reported) * tool_idf**2).sum(axis=1, keepdims=True))

    def reaching(part: np.ndarray) -> npt.NDArray[np.float64]:
        found: npt.NDArray[np.float64] = np.divide(part * tool_idf, reach, out=np.zeros(part.shape), where=reach > 0)
        return found

    expert_part, learner_part = reaching(expert), reaching(learner)
    reports_part = reaching(reported)[:, report_columns]
    considering_part = reaching(considering)[:, report_columns]
    fields = unit_rows(table.fields * stats.field_idf(vocab))
    groups = unit_rows(table.target_groups * stats.group_idf(vocab))
    has_district = table.district >= 0
    home = np.where(has_district, table.district, 0)
    district_left = np.where(has_district[:, None], district_nearness(districts)[home], 0.0)
    one_hot = np.zeros((n, len(districts.slugs)))
    one_hot[np.flatnonzero(has_district), home[has_district]] = 1.0
    parts_left = [
        ("tools", w.tools * tools),
        ("offers", w.complementarity * expert_part),
        ("receives", w.complementarity * learner_part),
        ("reports_offered", w.complementarity * reports_part),
        ("reports_received", w.complementarity * considering_part),
        ("fields", w.fields * fields),
        ("target_groups", w.target_groups * groups),
        ("district", w.district * district_left),
    ]
    parts_right = [tools, learner_part, expert_part, considering_part, reports_part, fields, groups, one_hot]
    widths = np.cumsum([0] + [part.shape[1] for _, part in parts_left])
    blocks = {name: slice(int(a), int(b)) for (name, _), a, b in zip(parts_left, widths[:-1], widths[1:], strict=True)}
    keys = np.hstack([uses | table.considers | reported, table.fields, table.target_groups])
    # a score is at most the sum of the weights, complementarity three times (cosines are at most 1, the EXPERT part
    # at most 1, the report part at most 2 as a report may be on a tool its side only considers, and 0 without report
    # columns, where a wider bound would only coarsen the top-k partition; 5% for the rounding)
    bound = 1.05 * (sum(w.as_dict().values()) + (2 * w.complementarity if len(report_tools) else 0)) * UNIT
    coarse_step = 1 << max(0, int(np.ceil(np.log2(max(bound, 1) / np.iinfo(np.int16).max))))
    df = stats.key_counts(vocab)
    priority = np.where(np.arange(keys.shape[1]) < uses.shape[1], df, stats.associations + 1 + df)
    return PeerFeatures(
        uses=uses,
        expert=expert,
        learner=learner,
        left=np.hstack([_quantised(part) for _, part in parts_left]),
        right=np.hstack([_quantised(part) for part in parts_right]),
        blocks=blocks,
        keys=keys,
        key_priority=priority,
        coarse_step=coarse_step,
        report_tools=report_tools,
    )


def candidate_side(features: PeerFeatures, cands: np.ndarray) -> npt.NDArray[np.float32]:
    """The candidates' right-hand features as BLAS reads them (float32, transposed), gathered once per block."""
    gathered: npt.NDArray[np.float32] = features.right[cands].astype(np.float32).T
    return gathered


def scores(features: PeerFeatures, queries: np.ndarray, right_t: np.ndarray) -> npt.NDArray[np.float32]:
    """[queries, cands] scores in units of 1/UNIT against `candidate_side(cands)`: whole numbers, exact in float32
    (sums of integer products, all below 2^24), so the top k can be taken on them as they are."""
    exact: npt.NDArray[np.float32] = features.left[queries].astype(np.float32) @ right_t
    return exact


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
