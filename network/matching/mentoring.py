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

import numpy as np

from network.matching.inputs import INTERMEDIATE, AssociationTable, VolunteerTable
from network.matching.reasons import Code, Reason, ordered, reason
from network.matching.weights import MENTOR_WEIGHTS, MentorWeights

PER_NEED = 8
SPREAD = 2
AUTO = "auto"  # every eligible edge up to EXHAUSTIVE_UP_TO (association need, volunteer skill) pairs, else PER_NEED
EXHAUSTIVE_UP_TO = 3_000_000
_GOLDEN, _SALT = 0x9E3779B1, 0x85EBCA77


@dataclass(frozen=True)
class MentoringEdges:
    """Candidate edges sorted by association, best fit first, then volunteer id."""

    association: np.ndarray  # int64 [e]
    volunteer: np.ndarray  # int64 [e]
    fit: np.ndarray  # int64 [e], points
    n_associations: int
    n_volunteers: int

    def __len__(self) -> int:
        return len(self.association)


def mentoring_edges(assocs: AssociationTable, vols: VolunteerTable, *, per_need: int | str | None = AUTO,
                    weights: MentorWeights = MENTOR_WEIGHTS) -> MentoringEdges:
    if assocs.vocab != vols.vocab:
        raise ValueError("associations and volunteers must share one vocabulary")
    if per_need == AUTO:
        per_need = auto_per_need(assocs, vols)
    pairs = [np.zeros((0, 2), np.int64)]
    langsets, langset_of = np.unique(assocs.languages, axis=0, return_inverse=True)
    langset_of = langset_of.reshape(-1)
    # associations speaking a language every volunteer speaks need no language filter (one group, not one per set)
    langset_of[(assocs.languages & vols.languages.all(axis=0)).any(axis=1)] = -1
    hours = hour_points(vols, weights)
    for skill in range(len(assocs.vocab.skills)):
        needing = np.flatnonzero(assocs.need_level[:, skill] > 0)
        offering = np.flatnonzero(vols.level[:, skill] > 0)
        if len(needing) and len(offering):
            pairs.extend(_skill_pairs(assocs, vols, skill, needing, offering, langsets, langset_of, hours,
                                      per_need, weights))
    found = np.concatenate(pairs)
    both = np.unique(found[:, 0] * max(vols.m, 1) + found[:, 1])  # one int per pair: a 1-d sort, not a row sort
    a, v = both // max(vols.m, 1), both % max(vols.m, 1)
    fit = edge_fit(assocs, vols, a, v, weights)
    order = np.lexsort((v, -fit, a))
    return MentoringEdges(association=a[order], volunteer=v[order], fit=fit[order], n_associations=assocs.n,
                          n_volunteers=vols.m)


def need_offer_pairs(assocs: AssociationTable, vols: VolunteerTable) -> int:
    """(association need, volunteer offering that skill) pairs: an upper bound on the eligible edges."""
    return int(assocs.need_level.astype(bool).sum(axis=0) @ vols.level.astype(bool).sum(axis=0))


def auto_per_need(assocs: AssociationTable, vols: VolunteerTable) -> int | None:
    """What `per_need=AUTO` means for these tables: None (every eligible edge) while that stays small."""
    return None if need_offer_pairs(assocs, vols) <= EXHAUSTIVE_UP_TO else PER_NEED


def hour_points(vols: VolunteerTable, w: MentorWeights) -> np.ndarray:
    return (np.minimum(vols.hours.astype(np.int64), w.full_hours) * w.hours) // w.full_hours


def _skill_pairs(assocs: AssociationTable, vols: VolunteerTable, skill: int, needing: np.ndarray,
                 offering: np.ndarray, langsets: np.ndarray, langset_of: np.ndarray, hours: np.ndarray,
                 per_need: int | None, w: MentorWeights) -> list[np.ndarray]:
    """(association, volunteer) pairs for one skill, group by group of (district, minLevel, language set)."""
    level = vols.level[offering, skill].astype(np.int64)
    district, remote = vols.district[offering], vols.remote[offering]
    speaks = (vols.languages[offering].astype(np.int32) @ langsets.T.astype(np.int32)) > 0  # [offering, sets]
    rotation = (offering * _GOLDEN + skill * _SALT) & 0xFFFFFFFF
    group_key = np.stack([assocs.district[needing], assocs.need_level[needing, skill], langset_of[needing]], axis=1)
    keys, group_of = np.unique(group_key, axis=0, return_inverse=True)
    group_of = group_of.reshape(-1)
    members = np.argsort(group_of, kind="stable")
    bounds = np.searchsorted(group_of[members], np.arange(len(keys) + 1))
    out = []
    for g, (home, min_level, langset) in enumerate(keys.tolist()):
        group = needing[members[bounds[g]:bounds[g + 1]]]
        local = (district == home) if home >= 0 else np.zeros(len(offering), bool)
        eligible = (level >= min_level) & (remote | local)
        if langset >= 0:
            eligible &= speaks[:, langset]
        pool = np.flatnonzero(eligible)
        if len(pool) == 0:
            continue
        q = (w.level_margin * np.minimum(level[pool] - min_level, w.level_margin_cap)
             + w.same_district * local[pool] + hours[offering[pool]])
        order = np.lexsort((rotation[pool], -q))
        pool, q = pool[order], q[order]
        out.append(_take(group, offering[pool], per_need))
    return out


def _take(group: np.ndarray, pool: np.ndarray, per_need: int | None) -> np.ndarray:
    """Pairs of each association of `group` with its window of the ordered `pool` (best first).

    The window is the pool's best max(per_need, |group| x per_need / SPREAD) volunteers; association i of the group
    takes per_need consecutive ones starting at i x per_need (wrapping), so each volunteer of the window is offered
    to about SPREAD associations of the group instead of all of them.
    """
    if per_need is None or len(pool) <= per_need:
        return np.stack([np.repeat(group, len(pool)), np.tile(pool, len(group))], axis=1)
    window = min(len(pool), max(per_need, -(-len(group) * per_need // SPREAD)))
    offsets = (np.arange(len(group))[:, None] * per_need + np.arange(per_need)[None, :]) % window
    return np.stack([np.repeat(group, per_need), pool[offsets].reshape(-1)], axis=1)


def edge_fit(assocs: AssociationTable, vols: VolunteerTable, a: np.ndarray, v: np.ndarray,
             w: MentorWeights) -> np.ndarray:
    """Fit points of each (a[i], v[i]); -1 where a hard constraint fails (never for edges built here)."""
    out = np.empty(len(a), np.int64)
    for start in range(0, len(a), 1 << 18):
        s = slice(start, start + (1 << 18))
        out[s] = _fit_chunk(assocs, vols, a[s], v[s], w)
    return out


def _fit_chunk(assocs: AssociationTable, vols: VolunteerTable, a: np.ndarray, v: np.ndarray,
               w: MentorWeights) -> np.ndarray:
    need, offer = assocs.need_level[a].astype(np.int64), vols.level[v].astype(np.int64)
    matched = (need > 0) & (offer >= need)
    priority = np.array((0, *w.priority), np.int64)[assocs.need_priority[a]]
    need_points = priority + w.level_margin * np.minimum(offer - need, w.level_margin_cap)
    best = np.where(matched, need_points, -1).max(axis=1)
    count = matched.sum(axis=1)
    same = (assocs.district[a] >= 0) & (assocs.district[a] == vols.district[v])
    shared = assocs.languages[a] & vols.languages[v]
    further = shared.copy()
    main = assocs.main_language[a]
    further[np.flatnonzero(main >= 0), main[main >= 0]] = False
    wanted = (assocs.proficiency[a] > 0) | assocs.considers[a]
    tools = np.minimum((wanted & (vols.proficiency[v] >= INTERMEDIATE)).sum(axis=1), w.tool_cap)
    fit = (best + w.extra_need * np.maximum(count - 1, 0) + w.same_district * same
           + w.further_language * further.any(axis=1) + w.tool * tools + hour_points(vols, w)[v])
    ok = (count > 0) & shared.any(axis=1) & (vols.remote[v] | same)
    return np.where(ok, fit, -1)


def mentoring_reasons(assocs: AssociationTable, vols: VolunteerTable, a: int, v: int,
                      weights: MentorWeights = MENTOR_WEIGHTS) -> list[Reason]:
    """Why volunteer v fits association a; the weights add up to the fit."""
    w, vocab = weights, assocs.vocab
    need, offer = assocs.need_level[a].astype(int), vols.level[v].astype(int)
    matched = np.flatnonzero((need > 0) & (offer >= need))
    points = {s: w.priority[assocs.need_priority[a, s] - 1] + w.level_margin * min(offer[s] - need[s],
                                                                                  w.level_margin_cap)
              for s in matched.tolist()}
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
    known = np.flatnonzero(wanted & (vols.proficiency[v] >= INTERMEDIATE))[:w.tool_cap].tolist()
    out += [reason(Code.KNOWS_TOOL, vocab.tools[t], w.tool) for t in known]
    hours = min(int(vols.hours[v]), w.full_hours) * w.hours // w.full_hours  # as hour_points, for one volunteer
    if hours:
        out.append(reason(Code.HOURS_AVAILABLE, str(int(vols.hours[v])), hours))
    return ordered(out)
