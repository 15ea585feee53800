"""Reason codes and the Reason that every suggestion carries, so people see why."""

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from network.matching.weights import POINTS


class Code(StrEnum):
    # peers
    SHARED_TOOL = "SHARED_TOOL"
    SHARED_FIELD = "SHARED_FIELD"
    SHARED_TARGET_GROUP = "SHARED_TARGET_GROUP"
    SAME_DISTRICT = "SAME_DISTRICT"
    NEARBY_DISTRICT = "NEARBY_DISTRICT"
    CAN_MENTOR_TOOL = "CAN_MENTOR_TOOL"
    REPORTED_ON = "REPORTED_ON"  # an approved experience report on a tool the other side considers
    SHARED_PEERS = "SHARED_PEERS"  # both resemble the same associations (matching/peer_support.py)
    # mentoring
    SKILL_MATCH = "SKILL_MATCH"
    COMMON_LANGUAGE = "COMMON_LANGUAGE"
    KNOWS_TOOL = "KNOWS_TOOL"
    HOURS_AVAILABLE = "HOURS_AVAILABLE"
    # events
    USES_TOOL = "USES_TOOL"
    CONSIDERS_TOOL = "CONSIDERS_TOOL"
    NEEDS_SKILL = "NEEDS_SKILL"
    OFFERS_SKILL = "OFFERS_SKILL"
    ACTIVE_IN_FIELD = "ACTIVE_IN_FIELD"
    OUTREACH = "OUTREACH"


class Direction(StrEnum):
    """For CAN_MENTOR_TOOL and REPORTED_ON: who can help whom, seen from the party the suggestion is for."""

    OFFERS = "OFFERS"  # the party can mentor the candidate (REPORTED_ON: the party reported on the tool)
    RECEIVES = "RECEIVES"  # the candidate can mentor the party (REPORTED_ON: the candidate reported on it)


@dataclass(frozen=True, order=True)
class Reason:
    code: Code
    detail: str | None = None  # a catalogue slug (tool, field, group, district, skill), a language or an outreach kind
    weight: float = 0.0  # this reason's share of the score (0 for reasons that explain a constraint)
    direction: Direction | None = None


@lru_cache(maxsize=1 << 14)  # a few hundred distinct reasons recur millions of times; a Reason is immutable
def reason(code: Code, detail: str | None, points: float, direction: Direction | None = None) -> Reason:
    return Reason(code=code, detail=detail, weight=round(float(points) / POINTS, 4), direction=direction)


def sort_key(r: Reason) -> tuple[float, str, str, str]:
    """Strongest first; equal weights by code, then detail, so the order never depends on dict or array order."""
    return (-r.weight, r.code, r.detail or "", r.direction or "")


def ordered(reasons: list[Reason]) -> list[Reason]:
    return sorted(reasons, key=sort_key)
