import itertools

import numpy as np
import pytest

from network.matching.peer_features import MAX_WEIGHT
from network.matching.peer_stats import PeerStats, peer_stats
from network.matching.peer_support import SUPPORT_PEERS
from network.matching.peers import suggest_peers
from network.matching.reasons import Code, Direction
from network.matching.weights import PEER_SIGNALS, PEER_WEIGHTS, PeerWeights
from tests.matching.builders import assoc, district_map, make_assocs, random_assocs

DISTRICTS = district_map()


def ids(result, row):
    return [s.candidate for s in result.for_association(row)]


def test_never_oneself_a_connection_or_a_declined_pair():
    table = random_assocs(60, seed=1)
    before = suggest_peers(table, DISTRICTS, anchors=None)
    first, second = ids(before, 0)[:2]
    other = ids(before, 5)[0]
    excluded = np.array([[0, first], [second, 0], [other, 5]])  # connected or declined, either side, any order
    result = suggest_peers(table, DISTRICTS, excluded=excluded, anchors=None)
    for row in range(table.n):
        found = ids(result, row)
        assert row not in found
        assert len(found) == len(set(found))
    assert not {first, second} & set(ids(result, 0))
    assert 0 not in ids(result, first) and 0 not in ids(result, second)
    assert other not in ids(result, 5) and 5 not in ids(result, other)
    assert len(ids(result, 0)) == len(ids(before, 0))  # the next ones move up


def test_sharing_a_niche_tool_ranks_above_sharing_whatsapp():
    base = [assoc(f"filler{i}", tools={"whatsapp": "INTERMEDIATE"}) for i in range(20)]
    table = make_assocs(
        assoc("me", tools={"whatsapp": "INTERMEDIATE", "openslides": "INTERMEDIATE"}),
        assoc("messenger-twin", tools={"whatsapp": "INTERMEDIATE"}),
        assoc("niche-twin", tools={"openslides": "BEGINNER"}),
        *base,
    )
    result = suggest_peers(table, DISTRICTS, anchors=None)
    ranked = ids(result, 0)
    assert ranked.index(2) < ranked.index(1)
    best = result.for_association(0)[0]
    assert best.reasons[0].code == Code.SHARED_TOOL and best.reasons[0].detail == "openslides"


def test_can_mentor_tool_in_both_directions():
    table = make_assocs(
        assoc("expert", tools={"nextcloud": "EXPERT"}),
        assoc("beginner", tools={"nextcloud": "BEGINNER"}),
        assoc("considers", considers=("nextcloud",)),
        assoc("intermediate", tools={"nextcloud": "INTERMEDIATE"}),
    )
    result = suggest_peers(table, DISTRICTS, anchors=None)

    def mentor_reasons(a, b):
        for s in result.for_association(a):
            if s.candidate == b:
                return {(r.detail, r.direction) for r in s.reasons if r.code == Code.CAN_MENTOR_TOOL}
        return None

    assert mentor_reasons(0, 1) == {("nextcloud", Direction.OFFERS)}
    assert mentor_reasons(0, 2) == {("nextcloud", Direction.OFFERS)}
    assert mentor_reasons(1, 0) == {("nextcloud", Direction.RECEIVES)}
    assert mentor_reasons(2, 0) == {("nextcloud", Direction.RECEIVES)}
    assert mentor_reasons(0, 3) == set()  # intermediate users need no mentor
    assert mentor_reasons(2, 3) is None  # considering and using, without an expert: nothing in common


def test_a_report_on_a_tool_the_other_considers_is_switch_help_like_an_expert():
    table = make_assocs(
        assoc("considers", considers=("pretix",)),
        assoc("reported", tools={"pretix": "INTERMEDIATE"}, reported=("pretix",)),
        assoc("expert", tools={"pretix": "EXPERT"}),
        assoc("reported-expert", tools={"pretix": "EXPERT"}, reported=("pretix",)),
        assoc("uses", tools={"pretix": "BEGINNER"}),
        *[assoc(f"filler{i}", tools={"whatsapp": "INTERMEDIATE"}) for i in range(6)],
    )
    result = suggest_peers(table, DISTRICTS, anchors=None, support_peers=0)

    def switch_help(a, b):
        for s in result.for_association(a):
            if s.candidate == b:
                return {
                    (r.code, r.detail, r.direction): r.weight
                    for r in s.reasons
                    if r.code in (Code.REPORTED_ON, Code.CAN_MENTOR_TOOL)
                }
        return None

    received, offered = switch_help(0, 1), switch_help(1, 0)
    assert set(received) == {(Code.REPORTED_ON, "pretix", Direction.RECEIVES)}
    assert set(offered) == {(Code.REPORTED_ON, "pretix", Direction.OFFERS)}
    expert = switch_help(0, 2)
    assert set(expert) == {(Code.CAN_MENTOR_TOOL, "pretix", Direction.RECEIVES)}
    assert (
        received[Code.REPORTED_ON, "pretix", Direction.RECEIVES]
        == expert[Code.CAN_MENTOR_TOOL, "pretix", Direction.RECEIVES]
    )  # a report counts like an EXPERT
    both = switch_help(0, 3)  # an EXPERT that reported: the two add up, so it ranks first
    assert set(both) == {
        (Code.REPORTED_ON, "pretix", Direction.RECEIVES),
        (Code.CAN_MENTOR_TOOL, "pretix", Direction.RECEIVES),
    }
    assert [s.candidate for s in result.for_association(0)][:1] == [3]
    assert switch_help(4, 1) == {}  # a BEGINNER uses the tool: a report is for those deciding to switch


def test_a_report_counts_from_the_freeze_that_saw_a_report_on_its_tool():
    """REPORTED_ON has feature columns only for the tools reported on when the model was frozen: the features stay
    as narrow as before while reports are few, and a report on another tool counts from the next freeze."""
    before = make_assocs(
        assoc("considers", considers=("pretix",)),
        assoc("reported", tools={"pretix": "INTERMEDIATE"}),
        *[assoc(f"filler{i}", tools={"whatsapp": "INTERMEDIATE"}) for i in range(6)],
    )
    frozen = peer_stats(before)
    assert frozen.reported_tools == ()
    after = make_assocs(
        assoc("considers", considers=("pretix",)),
        assoc("reported", tools={"pretix": "INTERMEDIATE"}, reported=("pretix",)),
        *[assoc(f"filler{i}", tools={"whatsapp": "INTERMEDIATE"}) for i in range(6)],
    )

    def reported_on(stats):
        result = suggest_peers(after, DISTRICTS, anchors=None, support_peers=0, stats=stats)
        return {(r.code, r.detail) for s in result.for_association(0) for r in s.reasons if r.code == Code.REPORTED_ON}

    assert reported_on(frozen) == set()  # the model frozen before the report has no column for it
    refrozen = peer_stats(after)
    assert refrozen.reported_tools == ("pretix",)
    assert reported_on(refrozen) == {(Code.REPORTED_ON, "pretix")}
    assert PeerStats.from_json(refrozen.as_json()) == refrozen  # kept with the frozen model
    older = {key: value for key, value in refrozen.as_json().items() if key != "reportedTools"}
    assert PeerStats.from_json(older).reported_tools == ()  # a model frozen before reports: no columns for them


def test_same_and_neighbouring_districts():
    mitte = DISTRICTS.slugs.index("mitte")
    neighbour = DISTRICTS.slugs[int(np.flatnonzero(DISTRICTS.neighbours[mitte])[0])]
    far = next(s for i, s in enumerate(DISTRICTS.slugs) if i != mitte and not DISTRICTS.neighbours[mitte, i])
    table = make_assocs(
        *(
            assoc(k, district=d, fields=("sport",))
            for k, d in (("me", "mitte"), ("far", far), ("near", neighbour), ("same", "mitte"))
        ),
        assoc("elsewhere", fields=("culture",)),  # so that sport is not a field everyone has (rarity 0)
    )
    result = suggest_peers(table, DISTRICTS, anchors=None, support_peers=0)
    ranked = result.for_association(0)
    assert [s.candidate for s in ranked] == [3, 2, 1]
    assert {r.code for r in ranked[0].reasons} == {Code.SHARED_FIELD, Code.SAME_DISTRICT}
    near = [r for r in ranked[1].reasons if r.code == Code.NEARBY_DISTRICT]
    assert [r.detail for r in near] == [neighbour]
    assert Code.NEARBY_DISTRICT not in {r.code for r in ranked[2].reasons}


def test_at_most_k_per_association_and_ties_by_lower_row():
    table = make_assocs(
        *(assoc(f"a{i}", tools={"openslides": "INTERMEDIATE"}) for i in range(30)),
        *(assoc(f"other{i}", tools={"zoom": "INTERMEDIATE"}) for i in range(30)),
    )
    result = suggest_peers(table, DISTRICTS)
    assert all(len(result.for_association(r)) == 20 for r in range(60))
    assert ids(result, 0) == list(range(1, 21))  # all tie: lower row ids first
    assert ids(result, 29) == list(range(20))
    assert ids(suggest_peers(table, DISTRICTS, k=5), 3) == [0, 1, 2, 4, 5]


def test_reasons_add_up_to_the_score():
    table = random_assocs(80, seed=3)
    result = suggest_peers(table, DISTRICTS, anchors=None)
    for s in itertools.islice(result, 300):
        assert sum(r.weight for r in s.reasons) == pytest.approx(s.score, abs=1e-3)  # weights have 4 decimals


def test_exhaustive_scores_match_a_naive_computation():
    table = random_assocs(40, seed=4)
    result = suggest_peers(table, DISTRICTS, k=39, anchors=None, support_peers=0)
    f = result.features
    for i in range(table.n):
        naive = {}
        for j in range(table.n):
            if i != j:
                score = int(f.left[i].astype(np.int64) @ f.right[j].astype(np.int64))
                if score > 0:
                    naive[j] = score
        expected = sorted(naive, key=lambda j: (-naive[j], j))
        assert ids(result, i) == expected
        assert [p for p in result.points[i] if p] == [naive[j] for j in expected]


def test_anchored_search_scores_like_the_exhaustive_one():
    table = random_assocs(150, seed=5)
    exact = suggest_peers(table, DISTRICTS, anchors=None, support_peers=0)
    anchored = suggest_peers(table, DISTRICTS, anchors=1, support_peers=0)
    exact_points = {
        (i, c): p for i in range(table.n) for c, p in zip(exact.candidates[i], exact.points[i], strict=True) if c >= 0
    }
    full = suggest_peers(table, DISTRICTS, anchors=None, k=table.n, support_peers=0)
    all_points = {
        (i, c): p for i in range(table.n) for c, p in zip(full.candidates[i], full.points[i], strict=True) if c >= 0
    }
    for i in range(table.n):
        for c, p in zip(anchored.candidates[i], anchored.points[i], strict=True):
            if c >= 0:
                assert all_points[(i, int(c))] == p
    kept = anchored.points.sum() / exact.points.sum()
    assert 0.5 < kept <= 1.0
    assert len(exact_points) > 0


def test_threads_find_the_same_suggestions_as_one():
    table = random_assocs(150, seed=7)
    one = suggest_peers(table, DISTRICTS, anchors=1, threads=1)
    several = suggest_peers(table, DISTRICTS, anchors=1, threads=3)
    assert (one.candidates == several.candidates).all() and (one.points == several.points).all()
    assert (one.candidates >= 0).sum() > 1000


def test_rows_limits_the_work_to_some_associations():
    table = random_assocs(50, seed=6)
    some = suggest_peers(table, DISTRICTS, rows=np.array([3, 7]), anchors=None)
    everyone = suggest_peers(table, DISTRICTS, anchors=None)
    assert (some.candidates[[3, 7]] == everyone.candidates[[3, 7]]).all()
    assert (some.candidates[0] == -1).all()


@pytest.mark.parametrize("weight", [None, MAX_WEIGHT])  # the largest weights need float64 sums to stay exact
def test_support_is_the_mean_score_with_the_other_closest_peers(weight):
    table = random_assocs(60, seed=8)
    weights = PEER_WEIGHTS if weight is None else PeerWeights(*[weight] * len(PEER_SIGNALS))
    result = suggest_peers(table, DISTRICTS, anchors=None, weights=weights)
    own = suggest_peers(table, DISTRICTS, anchors=None, support_peers=0, k=SUPPORT_PEERS, weights=weights)
    f = result.features
    naive = f.left.astype(np.int64) @ f.right.astype(np.int64).T
    checked = 0
    for i in range(table.n):
        closest = [int(j) for j in own.candidates[i] if j >= 0]
        for c, points, support in zip(result.candidates[i], result.points[i], result.support[i], strict=True):
            if c < 0:
                continue
            others = [j for j in closest if j != c]
            expected = round(sum(naive[j, c] for j in others) / len(others)) if others else 0
            assert support == expected
            assert points == naive[i, c] + support
            checked += 1
    assert checked > 300


def test_support_ranks_a_member_of_the_community_above_a_pair_that_shares_one_rare_tool():
    """X shares one tool with `me`, Y another, and directly Y scores higher (X's further tools dilute its cosine);
    but X shares most of its tools with me's closest peers, so with their support X comes first."""
    community = ("nextcloud", "openslides", "bigbluebutton", "etherpad", "zoom")

    def uses(*tools: str) -> dict[str, str]:
        return dict.fromkeys(tools, "INTERMEDIATE")

    table = make_assocs(
        assoc("me", tools=uses(*community[:3], "canva")),
        assoc("b1", tools=uses(*community)),
        assoc("b2", tools=uses(*community)),
        assoc("x", tools=uses(*community[2:])),
        assoc("y", tools=uses("canva")),
        *(assoc(f"elsewhere{i}", tools=uses(("pretix", "whatsapp")[i % 2])) for i in range(6)),  # rarity > 0
    )
    alone = suggest_peers(table, DISTRICTS, anchors=None, support_peers=0)
    assert ids(alone, 0).index(4) < ids(alone, 0).index(3)
    supported = suggest_peers(table, DISTRICTS, anchors=None)
    assert ids(supported, 0).index(3) < ids(supported, 0).index(4)
    x = next(s for s in supported.for_association(0) if s.candidate == 3)
    assert Code.SHARED_PEERS in {r.code for r in x.reasons}
    assert sum(r.weight for r in x.reasons) == pytest.approx(x.score, abs=1e-3)
