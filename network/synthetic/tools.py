"""Tools, considered tools and needs of associations, drawn so that category shares hold around planted ones."""

import numpy as np
import numpy.typing as npt

from network.synthetic import assumptions as A
from network.synthetic.associations import Associations
from network.synthetic.calibration import Calibration
from network.synthetic.world import World

BEGINNER, INTERMEDIATE, EXPERT = 1, 2, 3  # proficiency codes in Associations.proficiency


def tool_weights(world: World) -> npt.NDArray[np.float64]:
    """Popularity of each tool within its primary category (sums to 1 per category)."""
    if set(A.TOOL_WEIGHTS) != set(world.tools):
        raise ValueError("assumptions.TOOL_WEIGHTS must name exactly the catalogue's tools")
    weights = np.array([A.TOOL_WEIGHTS[t] for t in world.tools], dtype=float)
    totals = np.bincount(world.tool_category, weights=weights)
    within: npt.NDArray[np.float64] = weights / totals[world.tool_category]
    return within


def expected_use(world: World, cal: Calibration) -> npt.NDArray[np.float64]:
    """Expected share of associations using each tool (first tool of a category only): its rarity."""
    share: npt.NDArray[np.float64] = cal.category_shares[world.tool_category] * tool_weights(world)
    return share


def proficiencies(know_how: np.ndarray, rng: np.random.Generator) -> npt.NDArray[np.int8]:
    """BEGINNER/INTERMEDIATE/EXPERT codes for rows of the given know-how tiers."""
    cumulative = np.cumsum(np.array(A.PROFICIENCY_BY_KNOW_HOW), axis=1)[know_how]
    u = rng.random(len(know_how))
    codes: npt.NDArray[np.int8] = (1 + (u >= cumulative[:, 0]) + (u >= cumulative[:, 1])).astype(np.int8)
    return codes


def draw_tools(assoc: Associations, world: World, cal: Calibration, rng: np.random.Generator) -> None:
    """Per primary category, tools for associations without a planted one, at a rate that keeps the share."""
    weights = tool_weights(world)
    for category in range(len(world.categories)):
        candidates = np.flatnonzero(world.tool_category == category)
        planted = (assoc.proficiency[:, candidates] > 0).any(axis=1)
        free = assoc.n - int(planted.sum())
        rate = (cal.category_shares[category] * assoc.n - planted.sum()) / max(free, 1)
        rows = np.flatnonzero(~planted & (rng.random(assoc.n) < np.clip(rate, 0, 1)))
        p = weights[candidates]
        first = candidates[rng.choice(len(candidates), size=len(rows), p=p)]
        extra = rng.random(len(rows)) < A.SECOND_TOOL.get(world.categories[category], A.SECOND_TOOL_DEFAULT)
        second = candidates[rng.choice(len(candidates), size=len(rows), p=p)]
        for chosen, keep in ((first, np.ones(len(rows), dtype=bool)), (second, extra & (second != first))):
            keep &= ~assoc.considers[rows, chosen]  # a planted switch learner considers, not uses, that tool
            assoc.proficiency[rows[keep], chosen[keep]] = proficiencies(assoc.know_how[rows[keep]], rng)


def draw_considers(assoc: Associations, world: World, cal: Calibration, rng: np.random.Generator) -> None:
    """Mostly open-source alternatives of used proprietary tools; a planted consideration counts towards the share."""
    planted = assoc.considers.any(axis=1)
    rate = (cal.considering * assoc.n - planted.sum()) / max(assoc.n - int(planted.sum()), 1)
    rows = np.flatnonzero(~planted & (rng.random(assoc.n) < np.clip(rate, 0, 1)))
    _consider_one(assoc, world, cal, rows, rng)
    _consider_one(assoc, world, cal, rows[rng.random(len(rows)) < A.SECOND_CONSIDER], rng)


def _consider_one(
    assoc: Associations, world: World, cal: Calibration, rows: np.ndarray, rng: np.random.Generator
) -> None:
    free = (assoc.proficiency[rows] == 0) & ~assoc.considers[rows]
    used = (assoc.proficiency[rows] > 0).astype(np.float32)
    alternative = (used @ world.alternatives.astype(np.float32) > 0) & free
    key = rng.random(alternative.shape, dtype=np.float32)
    chosen = np.where(alternative, key, -1.0).argmax(axis=1)
    # without a used proprietary tool that has an unused alternative: a popular open-source tool (Gumbel-max draw)
    fallback = free & world.open_source
    popularity = np.log(expected_use(world, cal) + 1e-9) + rng.gumbel(size=alternative.shape)
    other = np.where(fallback, popularity, -np.inf).argmax(axis=1)
    chosen = np.where(alternative.any(axis=1), chosen, other)
    ok = alternative.any(axis=1) | fallback.any(axis=1)
    assoc.considers[rows[ok], chosen[ok]] = True


def _skill_for_tools(tools: np.ndarray, world: World, rng: np.random.Generator) -> np.ndarray:
    """A skill related to each tool (specific skills preferred), -1 where the catalogue relates none."""
    out = np.full(len(tools), -1)
    for tool in np.unique(tools).tolist():
        related = world.tool_skills[tool]
        if not related:
            continue
        weights = np.array([1 / len(world.skill_tools[s]) for s in related])
        rows = np.flatnonzero(tools == tool)
        out[rows] = np.array(related)[rng.choice(len(related), size=len(rows), p=weights / weights.sum())]
    return out


def draw_needs(assoc: Associations, world: World, cal: Calibration, rng: np.random.Generator) -> None:
    """Skills for considered tools and for some tools used as a beginner, GDPR (a figure) and common needs."""
    need = np.zeros(assoc.need_level.shape, dtype=bool)
    rows, tools = np.nonzero(assoc.considers)
    beginner_rows, beginner_tools = np.nonzero(assoc.proficiency == BEGINNER)
    keep = rng.random(len(beginner_rows)) < A.NEED_FROM_BEGINNER_TOOL
    rows = np.concatenate([rows, beginner_rows[keep]])
    skills = _skill_for_tools(np.concatenate([tools, beginner_tools[keep]]), world, rng)
    need[rows[skills >= 0], skills[skills >= 0]] = True
    need[:, world.skill("gdpr-basics-for-associations")] |= rng.random(assoc.n) < cal.need_gdpr
    for skill, share in A.COMMON_NEEDS.items():
        need[:, world.skill(skill)] |= rng.random(assoc.n) < share
    training = np.array(A.DIGITAL_TRAINING_NEED)[assoc.know_how]
    need[:, world.skill("digital-skills-training")] |= rng.random(assoc.n) < training
    member_software = np.flatnonzero(world.tool_category == world.categories.index("member-management"))
    without = ~(assoc.proficiency[:, member_software] > 0).any(axis=1)
    rollout = without & (rng.random(assoc.n) < A.MEMBER_SOFTWARE_NEED)
    need[:, world.skill("member-management-software-rollout")] |= rollout
    mean, sd, low, high = A.MIN_LEVEL
    level = np.clip(np.rint(rng.normal(mean, sd, need.shape)), low, high).astype(np.int8)
    level[:, [world.skill(s) for s in A.ADVANCED_SKILLS]] += 1
    assoc.need_level[:] = np.where(need, level, 0)
    priority = 1 + (rng.random(need.shape)[..., None] >= np.cumsum(A.PRIORITY)[:2]).sum(axis=-1)
    assoc.need_priority[:] = np.where(need, priority, 0)


def draw_since(assoc: Associations, rng: np.random.Generator) -> list[str | None]:
    """`since` dates for every used tool in row-major order of np.nonzero(proficiency); None where not given."""
    rows, tools = np.nonzero(assoc.proficiency)
    beginner = assoc.proficiency[rows, tools] == BEGINNER
    end = np.datetime64(A.AS_OF.isoformat())
    span = int((end - np.datetime64(A.SINCE_FIRST.isoformat())).astype(int))
    days_back = np.where(
        beginner,
        rng.integers(0, A.BEGINNER_RECENT_DAYS, len(rows)),
        rng.integers(A.BEGINNER_RECENT_DAYS // 2, span, len(rows)),
    )
    dates = np.datetime_as_string(end - days_back.astype("timedelta64[D]"), unit="D").tolist()
    given = (rng.random(len(rows)) < A.SINCE_GIVEN).tolist()
    return [d if g else None for d, g in zip(dates, given, strict=True)]
