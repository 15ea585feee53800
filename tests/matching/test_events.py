import itertools
import math

import pytest

from network.matching.events import EventTopics, form_groups, rank_invites
from network.matching.reasons import Code
from tests.matching.builders import assoc, district_map, make_assocs, make_vols, vol

DISTRICTS = district_map()
NEXTCLOUD = EventTopics(tools=(1,))  # "nextcloud" in the test vocabulary


def staffed_inner(key, proficiency="INTERMEDIATE"):
    return assoc(key, district="mitte", paid_staff=3, tools={"nextcloud": proficiency})


def small(key):
    return assoc(key, district="mitte", paid_staff=0, tools={"nextcloud": "BEGINNER"})


def test_invites_meet_the_outreach_share_when_enough_outreach_parties_exist():
    # 10 staffed inner-city experts outrank 6 small beginners; 30% of 10 invites must still be outreach
    assocs = make_assocs(*(staffed_inner(f"s{i}", "EXPERT") for i in range(10)), *(small(f"k{i}") for i in range(6)))
    result = rank_invites(assocs, make_vols(), DISTRICTS, NEXTCLOUD, limit=10)
    assert len(result.invites) == 10
    assert result.outreach_needed == 3 and result.outreach_count == 3 and result.shortfall == 0
    assert result.note is None
    outreach = [i for i in result.invites if i.outreach]
    assert [i.row for i in outreach] == [10, 11, 12]  # the best outreach ones, lowest rows on ties
    assert all(any(r.code == Code.OUTREACH and r.detail == "SMALL" for r in i.reasons) for i in outreach)
    assert [i.row for i in result.invites if not i.outreach] == list(range(7))  # the weakest non-outreach gave way
    scores = [i.score for i in result.invites]
    assert scores == sorted(scores, reverse=True)


def test_invites_say_when_too_few_outreach_parties_exist():
    assocs = make_assocs(
        *(staffed_inner(f"s{i}") for i in range(10)), small("k0"), assoc("irrelevant-small", paid_staff=0)
    )
    result = rank_invites(assocs, make_vols(), DISTRICTS, NEXTCLOUD, limit=10, outreach_share=0.5)
    assert result.outreach_needed == 5 and result.outreach_count == 1 and result.shortfall == 4
    assert "4 missing" in result.note
    assert 11 not in [i.row for i in result.invites]  # irrelevant parties never fill the quota


def test_outer_districts_target_groups_and_volunteers():
    assocs = make_assocs(
        assoc("outer", district="spandau", paid_staff=2, tools={"nextcloud": "BEGINNER"}),
        assoc("group", district="mitte", paid_staff=2, target_groups=("refugees",), considers=("nextcloud",)),
    )
    vols = make_vols(
        vol("v-outer", district="spandau", tools={"nextcloud": "EXPERT"}),
        vol("v-remote", district="spandau", remote=True, tools={"nextcloud": "EXPERT"}),
    )
    result = rank_invites(assocs, vols, DISTRICTS, NEXTCLOUD, limit=4)
    by_key = {(i.kind, i.row): i for i in result.invites}
    assert {r.detail for r in by_key[("ASSOCIATION", 0)].reasons if r.code == Code.OUTREACH} == {"OUTER_DISTRICT"}
    assert {r.detail for r in by_key[("ASSOCIATION", 1)].reasons if r.code == Code.OUTREACH} == {"refugees"}
    assert by_key[("VOLUNTEER", 0)].outreach and not by_key[("VOLUNTEER", 1)].outreach
    assert any(r.code == Code.CONSIDERS_TOOL for r in by_key[("ASSOCIATION", 1)].reasons)


def best_mixed(flags, count, sizes):
    """Most groups holding both kinds over every assignment into groups of the given sizes (tiny cases only)."""
    best = 0
    for labels in itertools.product(range(count), repeat=len(flags)):
        if sorted([labels.count(g) for g in range(count)]) != sorted(sizes):
            continue
        groups = [[flags[i] for i in range(len(flags)) if labels[i] == g] for g in range(count)]
        best = max(best, sum(1 for g in groups if any(g) and not all(g)))
    return best


@pytest.mark.parametrize(
    ("n", "experienced", "size"),
    [(5, 1, 2), (5, 2, 2), (6, 3, 4), (7, 5, 3), (4, 0, 2), (6, 6, 4), (7, 2, 2), (8, 1, 3)],
)
def test_groups_cover_everyone_once_balanced_and_as_mixed_as_possible(n, experienced, size):
    parties = [f"p{i}" for i in range(n)]
    flags = [i < experienced for i in range(n)]
    groups = form_groups(parties, flags, size)
    assert len(groups) == math.ceil(n / size)
    assert sorted(p for g in groups for p in g) == sorted(parties)
    sizes = [len(g) for g in groups]
    assert max(sizes) - min(sizes) <= 1 and max(sizes) <= size
    expert = [sum(flags[parties.index(p)] for p in g) for g in groups]
    assert max(expert) - min(expert) <= 1
    mixed = sum(1 for g, e in zip(groups, expert, strict=True) if 0 < e < len(g))
    assert mixed == best_mixed(flags, len(groups), sizes)
