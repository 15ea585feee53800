"""Mentoring candidates (volunteer -> association): hard constraints, fit points and reasons.

Hard constraints of every edge: the volunteer offers a skill the association needs at a level >= its minLevel, they
share a language, and the volunteer is remote or in the association's district. The fit (weights.MentorWeights) is
computed exactly for every edge kept.

How it scales. 100k associations and 300k volunteers have about 4 * 10^9 eligible (association, need, volunteer)
triples, so with `per_need` set each need keeps `per_need` volunteers of its pool, ordered by the part of the fit
that only depends on the need (level margin, same district, hours; ties in a pseudo-random order per skill).
Associations with the same need, district, minLevel and languages share one pool: each of them takes a different
slice of the pool's best ones (see `_take`), so they do not all compete for the same few volunteers.
`per_need=None` keeps every eligible edge (exact), and the default `AUTO` does so while that stays small (about 2k
associations). The assignment (assignment.py) is optimal over the edges given; the benchmark reports how much fit
the cut costs against all eligible edges.
"""

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from network.matching.inputs import INTERMEDIATE, AssociationTable, VolunteerTable
from network.matching.reasons import Code, Reason, ordered, reason, sort_key
from network.matching.weights import MENTOR_WEIGHTS, MentorWeights

PER_NEED = 8
SPREAD = 2
AUTO: Final = (
    "auto"  # every eligible edge up to EXHAUSTIVE_UP_TO (association need, volunteer skill) pairs, else PER_NEED
)
EXHAUSTIVE_UP_TO = 3_000_000
_GOLDEN, _SALT = 0x9E3779B1, 0x85EBCA77


@dataclass(frozen=True)
class MentoringEdges:
    """Candidate edges sorted by association, best fit first, then volunteer id."""

    association: npt.NDArray[np.int64]  # [e]
    volunteer: npt.NDArray[np.int64]  # [e]
    fit: npt.NDArray[np.int64]  # [e], points
    n_associations: int
    n_volunteers: int

    def __len__(self) -> int:
        return len(self.association)


def mentoring_edges(
    assocs: AssociationTable,
    vols: VolunteerTable,
    *,
    per_need: int | Literal["auto"] | None = AUTO,
    weights: MentorWeights = MENTOR_WEIGHTS,
) -> MentoringEdges:
    if assocs.vocab != vols.vocab:
        raise ValueError("associations and volunteers must share one vocabulary")
    if per_need == AUTO:
        per_need = auto_per_need(assocs, vols)
    langsets, langset_of = _distinct_rows(assocs.languages)
    # associations speaking a language every volunteer speaks need no language filter (one group, not one per set)
    langset_of[(assocs.languages & vols.languages.all(axis=0)).any(axis=1)] = -1
    hours = hour_points(vols, weights)
    span = max(vols.m, 1)
    codes = [np.zeros(0, np.int64)]  # one int a * span + v per pair: 1-d sorts instead of row sorts
    for skill in range(len(assocs.vocab.skills)):
        needing = np.flatnonzero(assocs.need_level[:, skill] > 0)
        offering = np.flatnonzero(vols.level[:, skill] > 0)
        if len(needing) and len(offering):
            codes.extend(
                a * span + v
                for a, v in _skill_pairs(
                    assocs, vols, skill, needing, offering, langsets, langset_of, hours, per_need, weights
                )
            )
    both = np.sort(np.concatenate(codes))
    both = both[np.diff(both, prepend=-1) != 0]
    a, v = both // span, both % span
    fit = edge_fit(assocs, vols, a, v, weights)
    # by association, best fit first; the stable sort keeps the volunteers of equal fit in ascending order
    top = int(fit.max(initial=0))
    order = np.argsort(a * (top + 2) + (top - fit), kind="stable")
    return MentoringEdges(
        association=a[order], volunteer=v[order], fit=fit[order], n_associations=assocs.n, n_volunteers=vols.m
    )


def need_offer_pairs(assocs: AssociationTable, vols: VolunteerTable) -> int:
    """(association need, volunteer offering that skill) pairs: an upper bound on the eligible edges."""
    return int(assocs.need_level.astype(bool).sum(axis=0) @ vols.level.astype(bool).sum(axis=0))


def auto_per_need(assocs: AssociationTable, vols: VolunteerTable) -> int | None:
    """What `per_need=AUTO` means for these tables: None (every eligible edge) while that stays small."""
    return None if need_offer_pairs(assocs, vols) <= EXHAUSTIVE_UP_TO else PER_NEED


def hour_points(vols: VolunteerTable, w: MentorWeights) -> np.ndarray:
    return (np.minimum(vols.hours.astype(np.int64), w.full_hours) * w.hours) // w.full_hours


def _distinct_rows(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a bool matrix and each row's index among them (packed bytes: `np.unique(axis=0)` on a
    100k-row matrix is slow)."""
    packed = np.packbits(rows, axis=1)
    order = np.lexsort(packed.T)
    new = np.ones(len(rows), bool)
    new[1:] = (packed[order][1:] != packed[order][:-1]).any(axis=1)
    ids = np.empty(len(rows), np.int64)
    ids[order] = np.cumsum(new) - 1
    return rows[order[new]], ids


def _skill_pairs(
    assocs: AssociationTable,
    vols: VolunteerTable,
    skill: int,
    needing: np.ndarray,
    offering: np.ndarray,
    langsets: np.ndarray,
    langset_of: np.ndarray,
    hours: np.ndarray,
    per_need: int | None,
    w: MentorWeights,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(association, volunteer) pairs for one skill, group by group of (district, minLevel, language set).

    A group's pool is the eligible volunteers ordered by (need-only fit desc, pseudo-random rotation): the remote
    ones from other districts, sorted once per minLevel, merged with the few of the group's own district. The
    rotation is a bijection of the volunteer id, so the order has no ties.
    """
    level = vols.level[offering, skill].astype(np.int64)
    district, remote, hours = vols.district[offering], vols.remote[offering], hours[offering]
    rotation = (offering * _GOLDEN + skill * _SALT) & 0xFFFFFFFF
    group_key = np.stack([assocs.district[needing], assocs.need_level[needing, skill], langset_of[needing]], axis=1)
    keys, group_of = np.unique(group_key, axis=0, return_inverse=True)
    group_of = group_of.reshape(-1)
    members = np.argsort(group_of, kind="stable")
    bounds = np.searchsorted(group_of[members], np.arange(len(keys) + 1))
    used = np.unique(keys[:, 2][keys[:, 2] >= 0])
    speaks = np.zeros((len(offering), len(langsets)), bool)
    speaks[:, used] = (vols.languages[offering].astype(np.int32) @ langsets[used].T.astype(np.int32)) > 0
    far = {}  # minLevel -> remote volunteers (indices into offering) and their keys, best first
    for min_level in np.unique(keys[:, 1]).tolist():
        pool = np.flatnonzero(remote & (level >= min_level))
        key = _pool_key(level[pool], hours[pool], rotation[pool], min_level, 0, w)
        order = np.argsort(key)
        far[min_level] = pool[order], key[order]
    out = []
    for g, (home, min_level, langset) in enumerate(keys.tolist()):
        group = needing[members[bounds[g] : bounds[g + 1]]]
        pool, key = far[min_level]
        keep = (district[pool] != home) if home >= 0 else np.ones(len(pool), bool)
        near = np.flatnonzero((district == home) & (level >= min_level)) if home >= 0 else np.zeros(0, np.int64)
        if langset >= 0:
            keep &= speaks[pool, langset]
            near = near[speaks[near, langset]]
        pool, key = pool[keep], key[keep]
        size = _window(len(pool) + len(near), len(group), per_need)
        if size:
            # the best `size` of the merged pool are among the best `size` far ones and the near ones
            key = np.concatenate([key[:size], _pool_key(level[near], hours[near], rotation[near], min_level, 1, w)])
            best = np.concatenate([pool[:size], near])[np.argsort(key)[:size]]
            out.append(_take(group, offering[best], per_need))
    return out


def _pool_key(
    level: np.ndarray, hours: np.ndarray, rotation: np.ndarray, min_level: int, local: int, w: MentorWeights
) -> npt.NDArray[np.int64]:
    """One int per pool volunteer whose ascending order is (need-only fit desc, rotation asc)."""
    q = w.level_margin * np.minimum(level - min_level, w.level_margin_cap) + w.same_district * local + hours
    key: npt.NDArray[np.int64] = -q * (1 << 32) + rotation
    return key


def _window(pool: int, group: int, per_need: int | None) -> int:
    """How many of a pool's best volunteers a group of associations shares: all with `per_need` None or a pool of
    at most per_need, else max(per_need, |group| x per_need / SPREAD), so each volunteer of the window is offered
    to about SPREAD associations of the group instead of all of them."""
    if per_need is None or pool <= per_need:
        return pool
    return min(pool, max(per_need, -(-group * per_need // SPREAD)))


def _take(group: np.ndarray, window: np.ndarray, per_need: int | None) -> tuple[np.ndarray, np.ndarray]:
    """(associations, volunteers) of each association of `group` with its share of the ordered `window`.

    With at most per_need volunteers every association takes them all; else association i of the group takes
    per_need consecutive ones starting at i x per_need (wrapping).
    """
    if per_need is None or len(window) <= per_need:
        return np.repeat(group, len(window)), np.tile(window, len(group))
    offsets = (np.arange(len(group))[:, None] * per_need + np.arange(per_need)[None, :]) % len(window)
    return np.repeat(group, per_need), window[offsets].reshape(-1)


@dataclass(frozen=True)
class PackedVolunteers:
    """What `edge_fit` derives from a whole volunteer table, once: kept by a caller that scores a few associations
    against many volunteers again and again (live_mentoring.py), so each call gathers rows instead of packing them."""

    languages: npt.NDArray[np.uint64]  # [m, words]
    known: npt.NDArray[np.uint64]  # [m, words]: tools at INTERMEDIATE or above
    hours: npt.NDArray[np.int64]  # [m]: hour points

    @classmethod
    def of(cls, vols: VolunteerTable, w: MentorWeights) -> "PackedVolunteers":
        return cls(_words(vols.languages), _words(vols.proficiency >= INTERMEDIATE), hour_points(vols, w))


def edge_fit(
    assocs: AssociationTable,
    vols: VolunteerTable,
    a: np.ndarray,
    v: np.ndarray,
    w: MentorWeights,
    packed: PackedVolunteers | None = None,
) -> np.ndarray:
    """Fit points of each (a[i], v[i]); -1 where a hard constraint fails (never for edges built here). `packed`:
    `PackedVolunteers.of(vols, w)`, when the caller keeps it.

    Per edge only the association's own needs are looked at (a few of the 35 skills), and languages and tools are
    compared as packed bits: the dense [edges, skills] and [edges, tools] matrices cost most of the time before.
    """
    packed = packed or PackedVolunteers.of(vols, w)
    best, count = _need_points(assocs, vols, a, v, w)
    same = (assocs.district[a] >= 0) & (assocs.district[a] == vols.district[v])
    main = np.zeros_like(assocs.languages)
    main[np.flatnonzero(assocs.main_language >= 0), assocs.main_language[assocs.main_language >= 0]] = True
    shared = _words(assocs.languages)[a] & packed.languages[v]
    further = (shared & ~_words(main)[a]).any(axis=1)
    known = _words((assocs.proficiency > 0) | assocs.considers)[a] & packed.known[v]
    tools = np.minimum(np.bitwise_count(known).sum(axis=1, dtype=np.int64), w.tool_cap)
    fit = (
        best
        + w.extra_need * np.maximum(count - 1, 0)
        + w.same_district * same
        + w.further_language * further
        + w.tool * tools
        + packed.hours[v]
    )
    ok = (count > 0) & shared.any(axis=1) & (vols.remote[v] | same)
    return np.where(ok, fit, -1)


def _words(rows: np.ndarray) -> np.ndarray:
    """A bool matrix as 64-bit words per row, so that per-edge set operations gather a word or two, not a row."""
    packed = np.packbits(rows, axis=1)
    padded = np.zeros((len(rows), -(-packed.shape[1] // 8) * 8), np.uint8)
    padded[:, : packed.shape[1]] = packed
    return padded.view(np.uint64)


def _need_points(
    assocs: AssociationTable, vols: VolunteerTable, a: np.ndarray, v: np.ndarray, w: MentorWeights
) -> tuple[np.ndarray, np.ndarray]:
    """Per edge: the points of the best need the volunteer covers (-1 if none) and how many needs they cover."""
    needs = assocs.need_level > 0
    n_needs = needs.sum(axis=1)
    skills = np.argsort(~needs, axis=1, kind="stable")  # each association's needed skills first
    priority = np.array((0, *w.priority), np.int64)
    rows_all = np.arange(assocs.n)
    offered = vols.level.reshape(-1)
    # edges by their association's need count, descending: the edges with a k-th need are a prefix
    perm = np.argsort(-n_needs[a].astype(np.int8), kind="stable")  # a radix sort on 8-bit keys
    ap, vp = a[perm], v[perm] * vols.level.shape[1]
    with_k = np.cumsum(np.bincount(n_needs[a], minlength=1)[::-1])[::-1]  # with_k[k]: edges with >= k needs
    best_p, count_p = np.full(len(a), -1, np.int64), np.zeros(len(a), np.int64)  # in `perm` order
    for k in range(1, len(with_k)):
        skill = skills[:, k - 1]  # per association, so that edges gather 1-d arrays
        need = assocs.need_level[rows_all, skill].astype(np.int64)
        base = priority[assocs.need_priority[rows_all, skill]]
        ar = ap[: with_k[k]]
        margin = offered[vp[: with_k[k]] + skill[ar]] - need[ar]
        points = base[ar] + w.level_margin * np.minimum(margin, w.level_margin_cap)
        best_p[: with_k[k]] = np.maximum(best_p[: with_k[k]], np.where(margin >= 0, points, -1))
        count_p[: with_k[k]] += margin >= 0
    best, count = np.empty_like(best_p), np.empty_like(count_p)
    best[perm], count[perm] = best_p, count_p
    return best, count


def mentoring_reasons(
    assocs: AssociationTable, vols: VolunteerTable, a: int, v: int, weights: MentorWeights = MENTOR_WEIGHTS
) -> list[Reason]:
    """Why volunteer v fits association a; the weights add up to the fit."""
    w, vocab = weights, assocs.vocab
    need, offer = assocs.need_level[a].astype(int), vols.level[v].astype(int)
    matched = np.flatnonzero((need > 0) & (offer >= need))
    points = {
        s: w.priority[assocs.need_priority[a, s] - 1] + w.level_margin * min(offer[s] - need[s], w.level_margin_cap)
        for s in matched.tolist()
    }
    best = min(points, key=lambda s: (-points[s], s)) if points else None
    out = [reason(Code.SKILL_MATCH, vocab.skills[s], points[s] if s == best else w.extra_need) for s in points]
    shared = np.flatnonzero(assocs.languages[a] & vols.languages[v]).tolist()
    further = [x for x in shared if x != assocs.main_language[a]]
    if further:
        out.append(reason(Code.COMMON_LANGUAGE, vocab.languages[further[0]], w.further_language))
    elif shared:
        out.append(reason(Code.COMMON_LANGUAGE, vocab.languages[shared[0]], 0))
    if assocs.district[a] >= 0 and assocs.district[a] == vols.district[v]:
        out.append(reason(Code.SAME_DISTRICT, vocab.districts[assocs.district[a]], w.same_district))
    wanted = (assocs.proficiency[a] > 0) | assocs.considers[a]
    known = np.flatnonzero(wanted & (vols.proficiency[v] >= INTERMEDIATE))[: w.tool_cap].tolist()
    out += [reason(Code.KNOWS_TOOL, vocab.tools[t], w.tool) for t in known]
    hours = min(int(vols.hours[v]), w.full_hours) * w.hours // w.full_hours  # as hour_points, for one volunteer
    if hours:
        out.append(reason(Code.HOURS_AVAILABLE, str(int(vols.hours[v])), hours))
    return ordered(out)


@dataclass(frozen=True)
class EdgeReasons:
    """The reasons of many edges at once: edge i has `reasons[j]` for j in `ids[start[i]:start[i + 1]]`, in the
    order of `reasons.ordered`. `reasons` holds each distinct reason once (a few hundred for 100k edges)."""

    reasons: list[Reason]
    ids: npt.NDArray[np.int64]
    start: npt.NDArray[np.int64]  # [edges + 1]

    def of(self, i: int) -> list[Reason]:
        return [self.reasons[j] for j in self.ids[self.start[i] : self.start[i + 1]].tolist()]


def edge_reasons(
    assocs: AssociationTable,
    vols: VolunteerTable,
    a: np.ndarray,
    v: np.ndarray,
    weights: MentorWeights = MENTOR_WEIGHTS,
) -> EdgeReasons:
    """`mentoring_reasons` of every (a[i], v[i]), computed for all edges at once."""
    w, vocab = weights, assocs.vocab
    same = np.flatnonzero((assocs.district[a] >= 0) & (assocs.district[a] == vols.district[v]))
    known = ((assocs.proficiency[a] > 0) | assocs.considers[a]) & (vols.proficiency[v] >= INTERMEDIATE)
    tool_row, tool = np.nonzero(known & (np.cumsum(known, axis=1) <= w.tool_cap))  # the first tool_cap tools
    hours = hour_points(vols, w)[v]
    timed = np.flatnonzero(hours > 0)
    parts = [
        _skill_reasons(assocs, vols, a, v, w),
        _language_reasons(assocs, vols, a, v, w),
        (Code.SAME_DISTRICT, same, assocs.district[a[same]], np.full(len(same), w.same_district)),
        (Code.KNOWS_TOOL, tool_row, tool, np.full(len(tool), w.tool)),
        (Code.HOURS_AVAILABLE, timed, vols.hours[v[timed]], hours[timed]),
    ]  # (code, edges, details, points)
    codes = list(Code)
    rows = np.concatenate([p[1] for p in parts])
    kinds = np.concatenate([np.full(len(p[1]), codes.index(p[0])) for p in parts])
    items = np.concatenate([p[2].astype(np.int64) for p in parts])
    points = np.concatenate([p[3].astype(np.int64) for p in parts])
    # one int per (code, detail, points): each distinct reason is built once, then ranked as `ordered` sorts them
    span_points, span_items = int(points.max(initial=0)) + 1, int(items.max(initial=0)) + 1
    distinct, inverse = np.unique((kinds * span_items + items) * span_points + points, return_inverse=True)
    details = {
        Code.SKILL_MATCH: vocab.skills,
        Code.COMMON_LANGUAGE: vocab.languages,
        Code.SAME_DISTRICT: vocab.districts,
        Code.KNOWS_TOOL: vocab.tools,
    }
    table = []
    for combined in distinct.tolist():
        rest, pts = divmod(combined, span_points)
        kind, item = divmod(rest, span_items)
        code = codes[kind]
        table.append(reason(code, details[code][item] if code in details else str(item), pts))
    rank = np.empty(len(table), np.int64)
    rank[sorted(range(len(table)), key=lambda i: sort_key(table[i]))] = np.arange(len(table))
    order = np.lexsort((rank[inverse], rows))
    return EdgeReasons(
        reasons=table, ids=inverse[order].astype(np.int64), start=np.searchsorted(rows[order], np.arange(len(a) + 1))
    )


def _skill_reasons(
    assocs: AssociationTable, vols: VolunteerTable, a: np.ndarray, v: np.ndarray, w: MentorWeights
) -> tuple[Code, np.ndarray, np.ndarray, np.ndarray]:
    """SKILL_MATCH per covered need: the best need (lowest skill among equal points) its points, others extra_need."""
    need, offer = assocs.need_level[a].astype(np.int64), vols.level[v].astype(np.int64)
    matched = (need > 0) & (offer >= need)
    points = np.array((0, *w.priority), np.int64)[assocs.need_priority[a]] + w.level_margin * np.minimum(
        offer - need, w.level_margin_cap
    )
    best = np.where(matched, points, -1).argmax(axis=1)
    row, skill = np.nonzero(matched)
    return Code.SKILL_MATCH, row, skill, np.where(skill == best[row], points[row, skill], w.extra_need)


def _language_reasons(
    assocs: AssociationTable, vols: VolunteerTable, a: np.ndarray, v: np.ndarray, w: MentorWeights
) -> tuple[Code, np.ndarray, np.ndarray, np.ndarray]:
    """COMMON_LANGUAGE: the first shared further language (further_language points), else the first shared one (0)."""
    shared = assocs.languages[a] & vols.languages[v]
    main = assocs.main_language[a]
    further = shared.copy()
    further[np.flatnonzero(main >= 0), main[main >= 0]] = False
    has_further = further.any(axis=1)
    row = np.flatnonzero(shared.any(axis=1))
    language = np.where(has_further, further.argmax(axis=1), shared.argmax(axis=1))
    return Code.COMMON_LANGUAGE, row, language[row], np.where(has_further[row], w.further_language, 0)
