"""Volunteers as arrays, and mentors planted to fit an association's most urgent need."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from network.synthetic import assumptions as A
from network.synthetic.associations import NONE, Associations, draw_languages
from network.synthetic.calibration import Calibration
from network.synthetic.tools import BEGINNER, EXPERT, INTERMEDIATE
from network.synthetic.world import World

SAME_DISTRICT, REMOTE = "SAME_DISTRICT", "REMOTE"
BLOCK = 50_000  # rows per block of random keys, which bounds memory (a constant, so output does not depend on it)


@dataclass
class Volunteers:
    m: int
    district: npt.NDArray[np.int16]
    remote: npt.NDArray[np.bool_]
    hours: npt.NDArray[np.int16]  # hoursPerMonth
    max_mentees: npt.NDArray[np.int8]
    heritage: npt.NDArray[np.int16]  # further language (index into assumptions.LANGUAGES), NONE where absent
    english: npt.NDArray[np.bool_]
    extra_language: npt.NDArray[np.int16]  # a language given by planting, NONE where absent
    level: npt.NDArray[np.int8]  # [m, skills]: DigComp level, 0 where not offered
    proficiency: npt.NDArray[np.int8]  # [m, tools]
    name_keys: npt.NDArray[np.int64]  # [m, 2]: first name, initial


@dataclass(frozen=True)
class PlantedMentor:
    association: int
    skill: int
    min_level: int
    volunteer: int
    location: str  # SAME_DISTRICT or REMOTE
    language: str  # a language both speak ("de", or the association's further language)


def draw_volunteers(
    m: int, world: World, cal: Calibration, need_share: np.ndarray, tool_use: np.ndarray, rng: np.random.Generator
) -> Volunteers:
    """`need_share`: share of associations needing each skill; `tool_use`: share of associations using each tool."""
    district = rng.choice(len(world.districts), size=m, p=world.population).astype(np.int16)
    hours = np.clip(np.rint(np.exp(rng.normal(cal.hours[0], cal.hours[1], m))), 1, A.HOURS_MAX).astype(np.int16)
    level = _skills(m, world, need_share, rng)
    return Volunteers(
        m=m,
        district=district,
        remote=rng.random(m) < A.REMOTE,
        hours=hours,
        max_mentees=(1 + rng.choice(3, size=m, p=A.MAX_MENTEES)).astype(np.int8),
        heritage=draw_languages(district, A.VOLUNTEER_HERITAGE_LANGUAGE * world.migration[district], world, rng),
        english=rng.random(m) < A.VOLUNTEER_ENGLISH,
        extra_language=np.full(m, NONE, dtype=np.int16),
        level=level,
        proficiency=_tools(level, world, tool_use, rng),
        name_keys=rng.integers(0, 1 << 30, size=(m, 2)),
    )


def _skills(m: int, world: World, need_share: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """1 + Binomial skills per volunteer, without repeats, weighted by demand (Gumbel top-k, in blocks)."""
    trials, p = A.VOLUNTEER_SKILLS
    count = 1 + rng.binomial(trials, p, size=m)
    weights = np.log(1 + A.SKILL_DEMAND_WEIGHT * need_share)
    ranked = np.empty((m, 1 + trials), dtype=np.int16)
    for start in range(0, m, BLOCK):
        keys = weights[None, :] + rng.gumbel(size=(min(BLOCK, m - start), len(world.skills)))
        ranked[start : start + BLOCK] = np.argsort(-keys, axis=1)[:, : 1 + trials]
    rows = np.repeat(np.arange(m), 1 + trials)
    chosen = (np.arange(1 + trials)[None, :] < count[:, None]).ravel()
    mean, sd = A.VOLUNTEER_LEVEL
    level = np.zeros((m, len(world.skills)), dtype=np.int8)
    level[rows[chosen], ranked.ravel()[chosen]] = np.clip(np.rint(rng.normal(mean, sd, chosen.sum())), 1, 8)
    return level


def _proficiency_for_level(level: np.ndarray) -> np.ndarray:
    return np.where(level >= 6, EXPERT, np.where(level >= 4, INTERMEDIATE, BEGINNER)).astype(np.int8)


def _tools(level: np.ndarray, world: World, tool_use: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A related tool per offered skill (at a proficiency that fits the level), plus a few everyday tools."""
    proficiency = np.zeros((len(level), len(world.tools)), dtype=np.int8)
    for skill, related in enumerate(world.skill_tools):
        rows = np.flatnonzero(level[:, skill])
        if not related or not len(rows):
            continue
        tools = np.array(related)[rng.integers(0, len(related), len(rows))]
        proficiency[rows, tools] = np.maximum(proficiency[rows, tools], _proficiency_for_level(level[rows, skill]))
    # everyday tools as associations use them; a repeated draw is simply one tool fewer
    everyday = rng.choice(len(world.tools), size=len(level) * A.EVERYDAY_TOOLS, p=tool_use / tool_use.sum())
    rows = np.repeat(np.arange(len(level)), A.EVERYDAY_TOOLS)
    cells = proficiency[rows, everyday]
    proficiency[rows, everyday] = np.where(cells == 0, INTERMEDIATE, cells)
    return proficiency


def plant_mentors(assoc: Associations, vols: Volunteers, world: World, rng: np.random.Generator) -> list[PlantedMentor]:
    """For some associations' most urgent need, a distinct volunteer that fits: level, language, place."""
    has_need = (assoc.need_level > 0).any(axis=1)
    chosen = np.flatnonzero(has_need & (rng.random(assoc.n) < A.PLANTED_MENTOR_SHARE))
    ties = rng.random(assoc.need_level[chosen].shape)
    urgency = np.where(assoc.need_level[chosen] > 0, assoc.need_priority[chosen] + ties, 99)
    skills = urgency.argmin(axis=1)
    same = rng.random(len(chosen)) < A.PLANTED_SAME_DISTRICT
    volunteer = np.full(len(chosen), NONE)
    local_pools = {
        d: rng.permutation(np.flatnonzero(~vols.remote & (vols.district == d))) for d in range(len(world.districts))
    }
    for d, pool in local_pools.items():
        rows = np.flatnonzero(same & (assoc.district[chosen] == d))
        taken = min(len(rows), len(pool))
        volunteer[rows[:taken]] = pool[:taken]
    remote_pool = rng.permutation(np.flatnonzero(vols.remote))
    rows = np.flatnonzero(volunteer == NONE)
    taken = min(len(rows), len(remote_pool))
    volunteer[rows[:taken]] = remote_pool[:taken]
    margin, shared = rng.integers(0, A.PLANTED_LEVEL_MARGIN + 1, len(chosen)), rng.random(len(chosen))
    planted = []
    for i in np.flatnonzero(volunteer != NONE).tolist():
        planted.append(
            _fit(
                assoc,
                vols,
                world,
                int(chosen[i]),
                int(skills[i]),
                int(volunteer[i]),
                int(margin[i]),
                shared[i] < A.PLANTED_SHARED_LANGUAGE,
            )
        )
    return planted


def _fit(
    assoc: Associations, vols: Volunteers, world: World, a: int, skill: int, v: int, margin: int, share_language: bool
) -> PlantedMentor:
    """Makes volunteer v fit association a's need for `skill`; the need itself is left as drawn."""
    min_level = int(assoc.need_level[a, skill])
    vols.level[v, skill] = max(int(vols.level[v, skill]), min(8, min_level + margin))
    wanted = [t for t in world.skill_tools[skill] if assoc.considers[a, t] or assoc.proficiency[a, t]]
    if wanted:
        tool = wanted[0]
        vols.proficiency[v, tool] = max(
            int(vols.proficiency[v, tool]),
            int(_proficiency_for_level(np.array([vols.level[v, skill]]))[0]),
            INTERMEDIATE,
        )
    language = "de"
    further = int(assoc.languages[a, 0])
    if share_language and further != NONE:
        if further != int(vols.heritage[v]):
            vols.extra_language[v] = further
        language = A.LANGUAGES[further]
    location = SAME_DISTRICT if vols.district[v] == assoc.district[a] else REMOTE
    return PlantedMentor(
        association=a, skill=skill, min_level=min_level, volunteer=v, location=location, language=language
    )
