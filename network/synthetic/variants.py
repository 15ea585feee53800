"""World variants: the same generator with the strength of each peer signal moved on its own.

Matching is judged on worlds nobody tuned it to, so `network evaluate --variants` scores it on worlds where each
signal is strong, weak or pure noise: niche tool stacks, fields, districts, target groups, proficiency and
"considers", associations with very many tools, more or fewer popular tools. A signal made *noise* is drawn as
before and then shuffled across associations (its marginal shares stay, its link to the planted peers goes).
"""

from dataclasses import dataclass, replace

import numpy as np

from network.synthetic import assumptions as A
from network.synthetic.associations import Associations
from network.synthetic.calibration import Calibration
from network.synthetic.tools import BEGINNER, EXPERT, expected_use
from network.synthetic.world import World


@dataclass(frozen=True)
class Variant:
    name: str = "default"
    about: str = "the calibrated generator as it is"
    community_share: float = A.COMMUNITY_SHARE
    niche_tools: tuple[int, int] = A.NICHE_TOOLS
    niche_use: float = A.NICHE_USE
    home_district: float = A.HOME_DISTRICT
    community_second_field: float = A.COMMUNITY_SECOND_FIELD
    member_second_field: float = A.MEMBER_SECOND_FIELD
    switch_pair_share: float = A.SWITCH_PAIR_SHARE
    shuffle_fields: bool = False
    shuffle_districts: bool = False
    shuffle_target_groups: bool = False
    random_proficiency: bool = False  # levels of used tools drawn uniformly: they carry no signal
    shuffle_considers: bool = False
    hub_share: float = 0.0  # associations that also use `hub_tools` random tools
    hub_tools: tuple[int, int] = (25, 40)
    popular_boost: float = 0.0  # the most used tools: each further association uses each with this chance
    popular_drop: float = 0.0  # uses of common (non-niche) tools dropped with this chance


DEFAULT = Variant()
WEAK_NICHE_TOOLS, WEAK_NICHE_USE = (1, 2), 0.5

VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        DEFAULT,
        replace(
            DEFAULT,
            name="weak-stacks",
            about="communities share 1-2 niche tools, used by half",
            niche_tools=WEAK_NICHE_TOOLS,
            niche_use=WEAK_NICHE_USE,
        ),
        replace(
            DEFAULT,
            name="strong-stacks",
            about="communities share 4-6 niche tools, used by 95%",
            niche_tools=(4, 6),
            niche_use=0.95,
        ),
        replace(
            DEFAULT,
            name="context-noise",
            about="fields, districts and target groups are noise",
            shuffle_fields=True,
            shuffle_districts=True,
            shuffle_target_groups=True,
        ),
        replace(
            DEFAULT,
            name="context-strong",
            about="weak stacks; members nearly always share both fields and the home district",
            home_district=0.95,
            community_second_field=1.0,
            member_second_field=1.0,
            niche_tools=WEAK_NICHE_TOOLS,
            niche_use=WEAK_NICHE_USE,
        ),
        replace(
            DEFAULT,
            name="proficiency-noise",
            about="proficiency and 'considers' are noise, no switch pairs (like the held-out world)",
            random_proficiency=True,
            shuffle_considers=True,
            switch_pair_share=0.0,
        ),
        replace(
            DEFAULT,
            name="complementarity",
            about="few communities, weak stacks; many switch pairs (an EXPERT next to a learner) are the signal",
            community_share=0.1,
            switch_pair_share=0.3,
            niche_tools=WEAK_NICHE_TOOLS,
            niche_use=WEAK_NICHE_USE,
        ),
        replace(
            DEFAULT,
            name="hubs",
            about="10% of associations use 25-40 further tools each",
            hub_share=0.1,
        ),
        replace(
            DEFAULT,
            name="popular-heavy",
            about="the 20 most used tools are each used by 40% more associations",
            popular_boost=0.4,
        ),
        replace(
            DEFAULT,
            name="few-popular",
            about="70% of the uses of common tools are gone",
            popular_drop=0.7,
        ),
    )
}


def reshape(assoc: Associations, world: World, cal: Calibration, variant: Variant, rng: np.random.Generator) -> None:
    """Turns signals into noise and adds hubs and popular tools, in place, after the profiles and tools are drawn."""
    n = assoc.n
    if variant.shuffle_fields:
        assoc.fields = assoc.fields[rng.permutation(n)]
    if variant.shuffle_districts:
        assoc.district = assoc.district[rng.permutation(n)]
    if variant.shuffle_target_groups:
        assoc.person_group = assoc.person_group[rng.permutation(n)]
    common = expected_use(world, cal) >= A.NICHE_MAX_SHARE
    if variant.popular_drop:
        dropped = common[None, :] & (rng.random(assoc.proficiency.shape) < variant.popular_drop)
        assoc.proficiency[dropped] = 0
    if variant.popular_boost:
        top = np.argsort(-(assoc.proficiency > 0).sum(axis=0), kind="stable")[:20]
        added = (rng.random((n, len(top))) < variant.popular_boost) & (assoc.proficiency[:, top] == 0)
        block = assoc.proficiency[:, top]
        block[added] = rng.integers(BEGINNER, EXPERT + 1, size=int(added.sum()))
        assoc.proficiency[:, top] = block
    if variant.hub_share:
        hubs = np.flatnonzero(rng.random(n) < variant.hub_share)
        tools = assoc.proficiency.shape[1]
        for row in hubs.tolist():
            count = int(rng.integers(variant.hub_tools[0], variant.hub_tools[1] + 1))
            extra = rng.choice(tools, size=min(count, tools), replace=False)
            fresh = extra[assoc.proficiency[row, extra] == 0]
            assoc.proficiency[row, fresh] = rng.integers(BEGINNER, EXPERT + 1, size=len(fresh))
    assoc.considers &= assoc.proficiency == 0  # a tool is used or considered, never both
    if variant.shuffle_considers:
        assoc.considers = assoc.considers[rng.permutation(n)] & (assoc.proficiency == 0)
    if variant.random_proficiency:
        used = assoc.proficiency > 0
        assoc.proficiency[used] = rng.integers(BEGINNER, EXPERT + 1, size=int(used.sum()))
