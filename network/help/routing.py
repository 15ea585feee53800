"""Which volunteers a technical question goes to: a pure ranking of candidates with the reasons for each.

Points (out of MAX_POINTS): the topic (skill level for a skill question, tool proficiency for a tool question),
speaking the question's language, hours per month, and few claimed questions not yet answered. A volunteer with 0
hours per month is not available; one without the question's skill or tool is not a candidate for it. Equal scores
go to the volunteer with fewer open claims, then by id, so the order never depends on how rows arrived.
"""

from dataclasses import dataclass
from typing import Literal

TOPIC_POINTS = 80  # the best level or proficiency of the asked topic
SKILL_LEVELS = 8  # DigComp levels 1 to 8: level * 10 points
PROFICIENCY_POINTS = {"BEGINNER": 30, "INTERMEDIATE": 55, "EXPERT": 80}
LANGUAGE_POINTS = 40
HOURS_POINTS = 20  # reached at FULL_HOURS per month
FULL_HOURS = 20
FREE_POINTS = 20  # no open claims; each open claim takes FREE_STEP off
FREE_STEP = 10
MAX_POINTS = TOPIC_POINTS + LANGUAGE_POINTS + HOURS_POINTS + FREE_POINTS
TAKE = 3  # volunteers a question goes to


@dataclass(frozen=True)
class Topic:
    kind: Literal["tool", "skill"]
    slug: str


@dataclass(frozen=True)
class Candidate:
    """A volunteer as the ranking sees it; `skill_level` / `tool_proficiency` are for the question's topic."""

    id: str
    languages: tuple[str, ...] = ()
    hours_per_month: int | None = None  # None: not said (available, no hours points)
    skill_level: int | None = None
    tool_proficiency: str | None = None  # a Proficiency value
    open_claims: int = 0  # questions claimed and not answered yet


@dataclass(frozen=True)
class RouteReason:
    code: str
    detail: str | None
    weight: float  # this reason's share of the score

    def as_data(self) -> dict[str, str | float | None]:
        return {"code": self.code, "detail": self.detail, "weight": self.weight}


@dataclass(frozen=True)
class Route:
    volunteer_id: str
    rank: int  # 1 is the best fit
    score: float  # 0 to 1
    reasons: tuple[RouteReason, ...]  # strongest first


def _topic_points(topic: Topic | None, candidate: Candidate) -> tuple[int, RouteReason | None] | None:
    """Points and reason of the topic; None when the candidate does not fit the topic at all."""
    if topic is None:
        return 0, None
    if topic.kind == "skill":
        level = candidate.skill_level
        if not level:
            return None
        points = TOPIC_POINTS * min(level, SKILL_LEVELS) // SKILL_LEVELS
        return points, RouteReason("SKILL_MATCH", f"{topic.slug}:{level}", points / MAX_POINTS)
    proficiency = candidate.tool_proficiency
    if proficiency not in PROFICIENCY_POINTS:
        return None
    points = PROFICIENCY_POINTS[proficiency]
    return points, RouteReason("KNOWS_TOOL", f"{topic.slug}:{proficiency}", points / MAX_POINTS)


def score(topic: Topic | None, language: str, candidate: Candidate) -> tuple[float, tuple[RouteReason, ...]] | None:
    """A candidate's score and reasons, or None when it is not available or does not know the topic."""
    if candidate.hours_per_month == 0:
        return None
    found = _topic_points(topic, candidate)
    if found is None:
        return None
    points, first = found
    reasons = [first] if first else []
    if language in candidate.languages:
        points += LANGUAGE_POINTS
        reasons.append(RouteReason("COMMON_LANGUAGE", language, LANGUAGE_POINTS / MAX_POINTS))
    if candidate.hours_per_month:
        hours = HOURS_POINTS * min(candidate.hours_per_month, FULL_HOURS) // FULL_HOURS
        points += hours
        reasons.append(RouteReason("HOURS_AVAILABLE", str(candidate.hours_per_month), hours / MAX_POINTS))
    free = max(FREE_POINTS - FREE_STEP * candidate.open_claims, 0)
    if free:
        points += free
        reasons.append(RouteReason("FEW_OPEN_QUESTIONS", str(candidate.open_claims), free / MAX_POINTS))
    reasons = [RouteReason(r.code, r.detail, round(r.weight, 4)) for r in reasons]
    reasons.sort(key=lambda r: (-r.weight, r.code))
    return round(points / MAX_POINTS, 4), tuple(reasons)


def rank_volunteers(topic: Topic | None, language: str, candidates: list[Candidate], take: int = TAKE) -> list[Route]:
    """The `take` best-fitting candidates, best first, each with its score and reasons."""
    scored = []
    for candidate in candidates:
        found = score(topic, language, candidate)
        if found is not None:
            scored.append((found[0], candidate, found[1]))
    scored.sort(key=lambda item: (-item[0], item[1].open_claims, item[1].id))
    return [
        Route(volunteer_id=candidate.id, rank=rank, score=points, reasons=reasons)
        for rank, (points, candidate, reasons) in enumerate(scored[:take], start=1)
    ]
