"""Event curation: a ranked invite list with an outreach quota, and balanced mixed groups of registered parties.

Outreach parties: associations without paid staff (SMALL), in an outer district (OUTER_DISTRICT), or serving a
target group (the group's slug); volunteers living in an outer district who are not remote-only (OUTER_DISTRICT).
The quota counts over the whole list: at least ceil(outreach_share x length) invites go to relevant outreach parties
(relevance > 0) when that many exist; otherwise all of them are invited and `shortfall` says how many are missing.
"""

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from network.matching.districts import DistrictMap
from network.matching.inputs import EXPERT, INTERMEDIATE, AssociationTable, VolunteerTable
from network.matching.reasons import Code, Reason, ordered, reason
from network.matching.weights import DEFAULT_OUTREACH_SHARE, EVENT_WEIGHTS, POINTS, EventWeights

ASSOCIATION: Final = "ASSOCIATION"
VOLUNTEER: Final = "VOLUNTEER"
EXPERIENCED_LEVEL = 5  # DigComp level from which a volunteer counts as experienced in a topic skill


@dataclass(frozen=True)
class EventTopics:
    tools: tuple[int, ...] = ()  # vocabulary ids
    skills: tuple[int, ...] = ()
    fields: tuple[int, ...] = ()


@dataclass(frozen=True)
class Invite:
    kind: Literal["ASSOCIATION", "VOLUNTEER"]
    row: int
    score: float
    outreach: bool
    reasons: list[Reason]


@dataclass(frozen=True)
class InviteList:
    invites: list[Invite]
    outreach_needed: int
    outreach_count: int
    shortfall: int  # outreach invites missing because too few relevant outreach parties exist

    @property
    def note(self) -> str | None:
        if not self.shortfall:
            return None
        return (
            f"only {self.outreach_count} relevant outreach parties exist; the share asks for "
            f"{self.outreach_needed} ({self.shortfall} missing)"
        )


def association_points(
    assocs: AssociationTable, topics: EventTopics, w: EventWeights = EVENT_WEIGHTS
) -> npt.NDArray[np.int64]:
    tools, skills, fields = list(topics.tools), list(topics.skills), list(topics.fields)
    prof = assocs.proficiency[:, tools]
    points = ((prof > 0) * w.uses_tool + (prof == EXPERT) * w.expert_bonus).sum(axis=1)
    points += (assocs.considers[:, tools] & (prof == 0)).sum(axis=1) * w.considers_tool
    need = np.array((0, *w.needs_skill))[assocs.need_priority[:, skills]]
    points += np.where(assocs.need_level[:, skills] > 0, need, 0).sum(axis=1)
    total: npt.NDArray[np.int64] = points + assocs.fields[:, fields].sum(axis=1) * w.field
    return total


def volunteer_points(
    vols: VolunteerTable, topics: EventTopics, w: EventWeights = EVENT_WEIGHTS
) -> npt.NDArray[np.int64]:
    level = vols.level[:, list(topics.skills)].astype(np.int64)
    prof = vols.proficiency[:, list(topics.tools)]
    points = np.where(level > 0, w.offers_skill + w.offers_skill_per_level * level, 0).sum(axis=1)
    total: npt.NDArray[np.int64] = points + ((prof > 0) * w.knows_tool + (prof == EXPERT) * w.expert_bonus).sum(axis=1)
    return total


def outreach_reasons(assocs: AssociationTable, districts: DistrictMap, row: int) -> list[str]:
    kinds = ["SMALL"] if assocs.paid_staff[row] == 0 else []
    if districts.is_outer(assocs.district[row : row + 1])[0]:
        kinds.append("OUTER_DISTRICT")
    return kinds + [assocs.vocab.target_groups[g] for g in np.flatnonzero(assocs.target_groups[row]).tolist()]


def rank_invites(
    assocs: AssociationTable,
    vols: VolunteerTable,
    districts: DistrictMap,
    topics: EventTopics,
    *,
    limit: int,
    outreach_share: float = DEFAULT_OUTREACH_SHARE,
    exclude_associations: Sequence[int] = (),
    exclude_volunteers: Sequence[int] = (),
    weights: EventWeights = EVENT_WEIGHTS,
) -> InviteList:
    if not 0 <= outreach_share <= 1 or limit < 0:
        raise ValueError("outreach_share must be within 0..1 and limit not negative")
    a_points, v_points = association_points(assocs, topics, weights), volunteer_points(vols, topics, weights)
    a_points[list(exclude_associations)] = 0
    v_points[list(exclude_volunteers)] = 0
    a_outreach = (assocs.paid_staff == 0) | districts.is_outer(assocs.district) | assocs.target_groups.any(axis=1)
    v_outreach = districts.is_outer(vols.district) & ~vols.remote
    kind = np.concatenate([np.zeros(assocs.n, np.int8), np.ones(vols.m, np.int8)])
    row = np.concatenate([np.arange(assocs.n), np.arange(vols.m)])
    points = np.concatenate([a_points, v_points])
    outreach = np.concatenate([a_outreach, v_outreach])
    relevant = np.flatnonzero(points > 0)
    ranked = relevant[np.lexsort((row[relevant], kind[relevant], -points[relevant]))]
    length = min(limit, len(ranked))
    needed = math.ceil(outreach_share * length - 1e-9)
    chosen = _with_quota(ranked, outreach, length, needed)
    invites = [
        _invite(assocs, vols, districts, topics, weights, int(kind[i]), int(row[i]), int(points[i]), bool(outreach[i]))
        for i in chosen.tolist()
    ]
    available = int(outreach[ranked].sum())
    return InviteList(
        invites=invites,
        outreach_needed=needed,
        outreach_count=int(outreach[chosen].sum()),
        shortfall=max(0, needed - available),
    )


def _with_quota(ranked: np.ndarray, outreach: np.ndarray, length: int, needed: int) -> np.ndarray:
    """The best `length` of `ranked`, where the weakest non-outreach ones give way to the best outreach ones left
    out until `needed` outreach parties are in (or none are left). Returned in rank order."""
    top, rest = ranked[:length], ranked[length:]
    missing = needed - int(outreach[top].sum())
    if missing > 0:
        extra = rest[outreach[rest]][:missing]
        drop = top[~outreach[top]][::-1][: len(extra)]
        top = np.concatenate([top[~np.isin(top, drop)], extra])
        position = {int(x): i for i, x in enumerate(ranked.tolist())}
        top = np.array(sorted(top.tolist(), key=position.__getitem__), dtype=np.int64)
    return top


def _invite(
    assocs: AssociationTable,
    vols: VolunteerTable,
    districts: DistrictMap,
    topics: EventTopics,
    w: EventWeights,
    kind: int,
    row: int,
    points: int,
    outreach: bool,
) -> Invite:
    vocab = assocs.vocab
    out: list[Reason] = []
    if kind == 0:
        for t in topics.tools:
            p = int(assocs.proficiency[row, t])
            if p:
                out.append(reason(Code.USES_TOOL, vocab.tools[t], w.uses_tool + (w.expert_bonus if p == EXPERT else 0)))
            elif assocs.considers[row, t]:
                out.append(reason(Code.CONSIDERS_TOOL, vocab.tools[t], w.considers_tool))
        out += [
            reason(Code.NEEDS_SKILL, vocab.skills[s], w.needs_skill[assocs.need_priority[row, s] - 1])
            for s in topics.skills
            if assocs.need_level[row, s] > 0
        ]
        out += [reason(Code.ACTIVE_IN_FIELD, vocab.fields[f], w.field) for f in topics.fields if assocs.fields[row, f]]
        kinds = outreach_reasons(assocs, districts, row) if outreach else []
    else:
        out += [
            reason(
                Code.OFFERS_SKILL, vocab.skills[s], w.offers_skill + w.offers_skill_per_level * int(vols.level[row, s])
            )
            for s in topics.skills
            if vols.level[row, s] > 0
        ]
        out += [
            reason(
                Code.KNOWS_TOOL,
                vocab.tools[t],
                w.knows_tool + (w.expert_bonus if vols.proficiency[row, t] == EXPERT else 0),
            )
            for t in topics.tools
            if vols.proficiency[row, t] > 0
        ]
        kinds = ["OUTER_DISTRICT"] if outreach else []
    out += [reason(Code.OUTREACH, k, 0) for k in kinds]
    return Invite(
        kind=ASSOCIATION if kind == 0 else VOLUNTEER,
        row=row,
        score=points / POINTS,
        outreach=outreach,
        reasons=ordered(out),
    )


def experienced_associations(assocs: AssociationTable, topics: EventTopics) -> npt.NDArray[np.bool_]:
    """Uses a topic tool at INTERMEDIATE or EXPERT level."""
    return np.asarray((assocs.proficiency[:, list(topics.tools)] >= INTERMEDIATE).any(axis=1))


def experienced_volunteers(vols: VolunteerTable, topics: EventTopics) -> npt.NDArray[np.bool_]:
    """Offers a topic skill at level >= EXPERIENCED_LEVEL or knows a topic tool at INTERMEDIATE or EXPERT level."""
    return np.asarray(
        (vols.level[:, list(topics.skills)] >= EXPERIENCED_LEVEL).any(axis=1)
        | (vols.proficiency[:, list(topics.tools)] >= INTERMEDIATE).any(axis=1)
    )


def form_groups(parties: Sequence[Hashable], experienced: Sequence[bool], size: int) -> list[list[Hashable]]:
    """Groups of at most `size`: ceil(N / size) groups, every party in exactly one, sizes differ by at most one.

    Experienced parties are dealt round-robin first, then the new ones continue the same round, so each group's
    count of experienced (and of new) parties differs by at most one from any other's, and as many groups as the
    registrations allow hold both (min(E, N - E, groups, N - groups) for E experienced of N).
    Order inside each kind is the given order (pass it sorted for a deterministic result).
    """
    if size < 1:
        raise ValueError("group size must be at least 1")
    if len(parties) != len(experienced) or len(set(parties)) != len(parties):
        raise ValueError("one experienced flag per party, and every party once")
    count = math.ceil(len(parties) / size)
    dealt = [p for p, e in zip(parties, experienced, strict=True) if e]
    dealt += [p for p, e in zip(parties, experienced, strict=True) if not e]
    groups: list[list[Hashable]] = [[] for _ in range(count)]
    for position, party in enumerate(dealt):
        groups[position % count].append(party)
    return groups
