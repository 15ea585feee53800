"""Planted structure among associations: communities with a niche tool set, switch pairs, existing connections."""

from dataclasses import dataclass

import numpy as np

from network.synthetic import assumptions as A
from network.synthetic.associations import NONE, TIER_BEGINNER, Associations, CommunityPlan
from network.synthetic.calibration import Calibration
from network.synthetic.tools import BEGINNER, EXPERT, INTERMEDIATE, expected_use, proficiencies
from network.synthetic.variants import DEFAULT, Variant
from network.synthetic.world import World

LEARNER_CONSIDERS, LEARNER_BEGINNER = "CONSIDERS", "BEGINNER"


@dataclass(frozen=True)
class SwitchPair:
    expert: int
    learner: int
    tool: int  # the open-source tool
    replaces: int  # the proprietary tool it replaces, which a CONSIDERS learner uses
    role: str


def niche_tools(world: World, cal: Calibration) -> np.ndarray:
    """Tools expected at fewer than NICHE_MAX_SHARE of associations, with their draw weights (0 if not niche)."""
    niche = expected_use(world, cal) < A.NICHE_MAX_SHARE
    return np.where(niche, np.where(world.open_source, A.NICHE_OPEN_SOURCE_WEIGHT, 1.0), 0.0)


def plan_communities(
    n: int, world: World, cal: Calibration, rng: np.random.Generator, variant: Variant = DEFAULT
) -> CommunityPlan:
    low, high = A.COMMUNITY_SIZE
    target = round(variant.community_share * n)
    sizes = rng.integers(low, high + 1, size=target // low + 1) if target >= low else np.zeros(0, dtype=int)
    count = int(np.searchsorted(np.cumsum(sizes), target)) + 1 if len(sizes) else 0
    sizes = sizes[:count]
    while sizes.sum() > n:
        sizes = sizes[:-1]
    community = np.full(n, NONE, dtype=np.int32)
    community[rng.permutation(n)[: sizes.sum()]] = np.repeat(np.arange(len(sizes)), sizes)
    fields = np.full((len(sizes), 2), NONE, dtype=np.int16)
    fields[:, 0] = rng.choice(len(world.fields), size=len(sizes), p=cal.field_weights)
    second = rng.choice(len(world.fields), size=len(sizes), p=cal.field_weights)
    fields[:, 1] = np.where(
        (rng.random(len(sizes)) < variant.community_second_field) & (second != fields[:, 0]), second, NONE
    )
    weights = niche_tools(world, cal)
    counts = rng.integers(variant.niche_tools[0], variant.niche_tools[1] + 1, size=len(sizes))
    tools = [
        rng.choice(len(world.tools), size=k, replace=False, p=weights / weights.sum()).tolist() for k in counts.tolist()
    ]
    return CommunityPlan(
        community=community,
        home=rng.choice(len(world.districts), size=len(sizes), p=world.population),
        fields=fields,
        tools=tools,
    )


def use_niche_tools(
    assoc: Associations, plan: CommunityPlan, rng: np.random.Generator, variant: Variant = DEFAULT
) -> None:
    """Every member uses its community's anchor tool and each other niche tool with NICHE_USE."""
    rows = np.flatnonzero(assoc.community >= 0)
    for position in range(variant.niche_tools[1]):
        tool = np.array([t[position] if position < len(t) else NONE for t in plan.tools], dtype=np.int64)[
            assoc.community[rows]
        ]
        use = (tool != NONE) & ((position == 0) | (rng.random(len(rows)) < variant.niche_use))
        assoc.proficiency[rows[use], tool[use]] = proficiencies(assoc.know_how[rows[use]], rng)


def plant_switch_pairs(
    assoc: Associations, world: World, cal: Calibration, rng: np.random.Generator, variant: Variant = DEFAULT
) -> list[SwitchPair]:
    """An association EXPERT in an open-source tool, and one that considers it or uses it as a BEGINNER."""
    experienced = np.flatnonzero(assoc.know_how != TIER_BEGINNER)
    count = min(round(variant.switch_pair_share * assoc.n), len(experienced), assoc.n // 2)
    if count <= 0:
        return []
    experts = rng.choice(experienced, size=count, replace=False)
    learners = rng.choice(np.setdiff1d(np.arange(assoc.n), experts), size=count, replace=False)
    replaceable = np.flatnonzero(world.alternatives.any(axis=1))
    popularity = expected_use(world, cal)[replaceable]
    replaced = rng.choice(replaceable, size=count, p=popularity / popularity.sum())
    pick, considers = rng.random(count), rng.random(count) < A.SWITCH_LEARNER_CONSIDERS
    pairs = []
    for e, learner, old, u, consider in zip(
        experts.tolist(), learners.tolist(), replaced.tolist(), pick.tolist(), considers.tolist(), strict=True
    ):
        options = np.flatnonzero(world.alternatives[old])
        tool = int(options[min(int(u * len(options)), len(options) - 1)])
        assoc.proficiency[e, tool] = EXPERT
        assoc.considers[e, tool] = False
        if consider and assoc.proficiency[learner, tool] == 0:
            assoc.considers[learner, tool] = True
            assoc.proficiency[learner, old] = max(int(assoc.proficiency[learner, old]), INTERMEDIATE)
            role = LEARNER_CONSIDERS
        else:
            assoc.proficiency[learner, tool] = BEGINNER
            assoc.considers[learner, tool] = False
            role = LEARNER_BEGINNER
        pairs.append(SwitchPair(expert=e, learner=learner, tool=tool, replaces=old, role=role))
    return pairs


def plant_connections(assoc: Associations, plan: CommunityPlan, rng: np.random.Generator) -> np.ndarray:
    """Pairs (a < b) that already know each other: one pair in some communities, a few random ones."""
    pairs = []
    members = np.argsort(assoc.community, kind="stable")
    starts = np.searchsorted(assoc.community[members], np.arange(len(plan.tools) + 1))
    for index in np.flatnonzero(rng.random(len(plan.tools)) < A.CONNECTED_COMMUNITIES).tolist():
        group = members[starts[index] : starts[index + 1]]
        if len(group) >= 2:
            pairs.append(rng.choice(group, size=2, replace=False))
    count = round(A.RANDOM_CONNECTIONS * assoc.n) if assoc.n >= 2 else 0
    random_pairs = rng.integers(0, assoc.n, size=(count, 2))
    both = np.concatenate([np.array(pairs, dtype=np.int64).reshape(-1, 2), random_pairs])
    both = both[both[:, 0] != both[:, 1]]
    return np.unique(np.sort(both, axis=1), axis=0)
