"""Association profiles as arrays: fields, district, size, paid staff, know-how, languages and name parts."""

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

from network.synthetic import assumptions as A
from network.synthetic.calibration import Calibration
from network.synthetic.names import KINDS, LOCALITIES
from network.synthetic.world import World

NONE = -1
TIERS = ("BEGINNER", "ADVANCED", "EXPERT")  # know-how tiers 0, 1, 2; BEGINNER = little digital know-how
TIER_BEGINNER = 0
# Person target groups an association in a field tends to serve (target_groups.json slugs).
FIELD_TARGET_GROUPS = {
    "sport": ("young-people",),
    "leisure-social-life": ("older-people",),
    "social-welfare": ("low-income", "older-people", "people-with-disabilities"),
    "health": ("people-with-disabilities", "older-people"),
    "schools-childcare": ("parents-families",),
    "youth-work-adult-education": ("young-people",),
    "migration-integration": ("people-with-migration-history", "refugees", "limited-german"),
    "politics-advocacy": ("lgbtqia", "low-income"),
    "international-solidarity": ("refugees",),
    "neighbourhood-local": ("parents-families", "older-people"),
    "digital-society": ("digital-beginners", "women-flinta-in-tech"),
}
TARGET_GROUP_SHARE = 0.6  # assumption: share of associations that name a person target group of their field


@dataclass
class Associations:
    n: int
    community: npt.NDArray[np.int32]  # community index, NONE outside communities
    fields: npt.NDArray[np.int16]  # [n, 3]: primary, second, third field, NONE where absent
    district: npt.NDArray[np.int16]
    members: npt.NDArray[np.int32]
    paid_staff: npt.NDArray[np.int32]
    know_how: npt.NDArray[np.int8]  # tier
    registered: npt.NDArray[np.bool_]  # an e.V.
    languages: npt.NDArray[np.int16]  # [n, 2]: further languages (index into assumptions.LANGUAGES), NONE where absent
    members_only: npt.NDArray[np.bool_]  # visibility MEMBERS
    person_group: npt.NDArray[np.int16]  # target-group index, NONE where absent
    name_parts: npt.NDArray[np.int64]  # [n, 3]: kind key, locality key (NONE: district name), number (0: none)
    proficiency: npt.NDArray[np.int8]  # [n, tools]: 0 unused, 1 BEGINNER, 2 INTERMEDIATE, 3 EXPERT
    considers: npt.NDArray[np.bool_]  # [n, tools]
    need_level: npt.NDArray[np.int8]  # [n, skills]: minLevel, 0 where not needed
    need_priority: npt.NDArray[np.int8]  # [n, skills]


@dataclass(frozen=True)
class CommunityPlan:
    """What planted communities fix before profiles are drawn."""

    community: np.ndarray  # per association
    home: np.ndarray  # home district per community
    fields: npt.NDArray[np.int16]  # [communities, 2]: primary and second field (NONE)
    tools: list[list[int]]  # niche tools per community, the first is the anchor


def draw_profiles(
    n: int,
    world: World,
    cal: Calibration,
    plan: CommunityPlan,
    rng: np.random.Generator,
    *,
    home_district: float = A.HOME_DISTRICT,
    member_second_field: float = A.MEMBER_SECOND_FIELD,
) -> Associations:
    fields = _fields(n, world, cal, plan, rng, member_second_field)
    size = rng.standard_normal(n)
    members = _members(size, fields[:, 0] == world.field("sport"), cal, rng)
    district = _districts(n, world, plan, rng, home_district)
    return Associations(
        n=n,
        community=plan.community,
        fields=fields,
        district=district,
        members=members,
        paid_staff=_paid_staff(size, members, cal, rng),
        know_how=_know_how(size, cal, rng),
        registered=rng.random(n) < cal.registered,
        languages=_languages(fields, district, world, rng),
        members_only=rng.random(n) < A.MEMBERS_ONLY_VISIBILITY,
        person_group=_person_groups(fields, world, rng),
        name_parts=np.stack([rng.integers(0, 1 << 30, n), _locality(n, rng), _name_number(n, rng)], axis=1),
        proficiency=np.zeros((n, len(world.tools)), dtype=np.int8),
        considers=np.zeros((n, len(world.tools)), dtype=bool),
        need_level=np.zeros((n, len(world.skills)), dtype=np.int8),
        need_priority=np.zeros((n, len(world.skills)), dtype=np.int8),
    )


def _fields(
    n: int, world: World, cal: Calibration, plan: CommunityPlan, rng: np.random.Generator, member_second_field: float
) -> np.ndarray:
    count = len(world.fields)
    fields = np.full((n, 3), NONE, dtype=np.int16)
    fields[:, 0] = rng.choice(count, size=n, p=cal.field_weights)
    for column, share in ((1, A.SECOND_FIELD), (2, A.THIRD_FIELD)):
        drawn = np.where(rng.random(n) < share, rng.choice(count, size=n, p=cal.field_weights), NONE)
        duplicate = (drawn[:, None] == fields[:, :column]).any(axis=1)
        fields[:, column] = np.where(duplicate, NONE, drawn)
    inside = plan.community >= 0
    own = plan.fields[plan.community[inside]]
    fields[inside, 0] = own[:, 0]
    second = np.where((own[:, 1] != NONE) & (rng.random(len(own)) < member_second_field), own[:, 1], NONE)
    fields[inside, 1] = second
    fields[inside, 2] = np.where(
        (fields[inside, 2] == own[:, 0]) | (fields[inside, 2] == second), NONE, fields[inside, 2]
    )
    return fields


def _districts(n: int, world: World, plan: CommunityPlan, rng: np.random.Generator, home_share: float) -> np.ndarray:
    district = rng.choice(len(world.districts), size=n, p=world.population).astype(np.int16)
    inside = np.flatnonzero(plan.community >= 0)
    home = plan.home[plan.community[inside]]
    pick = rng.random(len(inside))
    for row, home_district, u in zip(inside.tolist(), home.tolist(), pick.tolist(), strict=True):
        around = world.neighbours[home_district]
        if u < home_share or not around:
            district[row] = home_district
        else:  # the rest of [0, 1) spread evenly over the neighbours
            district[row] = around[
                min(int((u - home_share) / max(1 - home_share, 1e-9) * len(around)), len(around) - 1)
            ]
    return district


def _members(size: np.ndarray, sport: np.ndarray, cal: Calibration, rng: np.random.Generator) -> np.ndarray:
    mu = np.where(sport, cal.members_sport[0], cal.members_other[0])
    sigma = np.where(sport, cal.members_sport[1], cal.members_other[1])
    members = np.rint(np.exp(mu + sigma * size))
    small = rng.integers(A.MEMBERS_SMALL[0], A.MEMBERS_SMALL[1] + 1, size=len(size))
    members = np.where(members < A.MEMBERS_MIN, small, members)
    return np.minimum(members, A.MEMBERS_MAX).astype(np.int32)


def _correlated(size: np.ndarray, rho: float, rng: np.random.Generator) -> npt.NDArray[np.float64]:
    latent: npt.NDArray[np.float64] = rho * size + np.sqrt(1 - rho * rho) * rng.standard_normal(len(size))
    return latent


def _paid_staff(size: np.ndarray, members: np.ndarray, cal: Calibration, rng: np.random.Generator) -> np.ndarray:
    paid = _correlated(size, A.PAID_SIZE_CORRELATION, rng) > NormalDist().inv_cdf(cal.no_paid_staff)
    staff = np.minimum(1 + rng.poisson(members / A.STAFF_PER_MEMBERS), A.STAFF_MAX)
    return np.where(paid, staff, 0).astype(np.int32)


def _know_how(size: np.ndarray, cal: Calibration, rng: np.random.Generator) -> np.ndarray:
    latent = _correlated(size, A.KNOW_HOW_SIZE_CORRELATION, rng)
    z = NormalDist()
    cuts = [z.inv_cdf(cal.know_how[0]), z.inv_cdf(cal.know_how[0] + cal.know_how[1])]
    return np.searchsorted(cuts, latent).astype(np.int8)


def language_weights(world: World) -> npt.NDArray[np.float64]:
    """Probabilities of the further languages per district, between the West and the East profile."""
    west = np.array(A.LANGUAGE_WEIGHTS_WEST, dtype=float)
    east = np.array(A.LANGUAGE_WEIGHTS_EAST, dtype=float)
    weights = (1 - world.east)[:, None] * west / west.sum() + world.east[:, None] * east / east.sum()
    probabilities: npt.NDArray[np.float64] = weights / weights.sum(axis=1, keepdims=True)
    return probabilities


def draw_languages(district: np.ndarray, chance: np.ndarray, world: World, rng: np.random.Generator) -> np.ndarray:
    """One further language with `chance`, drawn from the district's mix (NONE otherwise)."""
    weights = language_weights(world)
    cumulative = np.cumsum(weights, axis=1)
    drawn = (rng.random(len(district))[:, None] > cumulative[district]).sum(axis=1)
    drawn = np.minimum(drawn, len(A.LANGUAGES) - 1)
    return np.where(rng.random(len(district)) < chance, drawn, NONE).astype(np.int16)


def _languages(fields: np.ndarray, district: np.ndarray, world: World, rng: np.random.Generator) -> np.ndarray:
    migration = (fields == world.field("migration-integration")).any(axis=1)
    chance = np.where(migration, A.MIGRATION_FIELD_LANGUAGE, A.ASSOCIATION_LANGUAGE_FACTOR * world.migration[district])
    first = draw_languages(district, chance, world, rng)
    second = draw_languages(district, np.where(first != NONE, A.SECOND_EXTRA_LANGUAGE, 0.0), world, rng)
    return np.stack([first, np.where(second == first, NONE, second)], axis=1)


def _person_groups(fields: np.ndarray, world: World, rng: np.random.Generator) -> np.ndarray:
    out = np.full(len(fields), NONE, dtype=np.int16)
    pick, u = rng.random(len(fields)), rng.random(len(fields))
    for field, groups in FIELD_TARGET_GROUPS.items():
        rows = (fields[:, 0] == world.field(field)) & (u < TARGET_GROUP_SHARE)
        chosen = np.minimum((pick[rows] * len(groups)).astype(int), len(groups) - 1)
        out[rows] = np.array([world.target_groups.index(g) for g in groups])[chosen]
    return out


def _locality(n: int, rng: np.random.Generator) -> np.ndarray:
    """NONE: the district's name; otherwise a key into the district's localities."""
    return np.where(rng.random(n) < 0.3, rng.integers(0, 1 << 30, n), NONE)


def _name_number(n: int, rng: np.random.Generator) -> np.ndarray:
    """0: no number; 1-99: a club number; 1880-2024: a founding year."""
    kind = rng.random(n)
    return np.where(kind < 0.5, 0, np.where(kind < 0.75, rng.integers(1, 100, n), rng.integers(1880, 2025, n)))


def association_name(
    parts: tuple[int, int, int], primary_field: str, district: str, district_name: str, registered: bool
) -> str:
    kinds = KINDS.get(primary_field, ("Verein",))
    localities = LOCALITIES.get(district, ())
    kind_key, locality_key, number = parts
    place = localities[locality_key % len(localities)] if locality_key != NONE and localities else district_name
    name = f"{kinds[kind_key % len(kinds)]} {place}" + (f" {number}" if number else "")
    return f"{name} e.V." if registered else name
