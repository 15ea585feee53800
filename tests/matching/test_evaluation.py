import math

import numpy as np
import pytest

from network.matching.evaluation import (
    idf_cosine_peers,
    jaccard_peers,
    mean_over_rows,
    most_popular_peers,
    ndcg_at_k,
    precision_at_k,
    random_peers,
)
from tests.matching.builders import assoc, district_map, make_assocs, random_assocs


def test_precision_at_k():
    assert precision_at_k([1, 2, 3, 4], {2, 4, 9}, 2) == 0.5
    assert precision_at_k([1, 2, 3, 4], {2, 4, 9}, 4) == 0.5
    assert precision_at_k([2], {2}, 3) == pytest.approx(1 / 3)  # k stays the denominator


def test_ndcg_at_k():
    assert ndcg_at_k([7, 8], {7, 8}, 2) == 1.0
    assert ndcg_at_k([1, 7], {7}, 2) == pytest.approx(1 / math.log2(3))
    ideal = 1 + 1 / math.log2(3)
    assert ndcg_at_k([7, 1, 8], {7, 8}, 3) == pytest.approx((1 + 1 / math.log2(4)) / ideal)
    with pytest.raises(ValueError):
        ndcg_at_k([1], set(), 1)


def test_mean_over_rows_leaves_out_rows_without_relevant_items():
    candidates = np.array([[1, 2], [0, -1], [0, 1]])
    result = mean_over_rows(candidates, [{2}, set(), {0, 1}], k=2)
    assert result["rows"] == 2
    assert result["precision"] == pytest.approx((0.5 + 1.0) / 2)


def test_baselines_respect_exclusions():
    table = random_assocs(30, seed=2)
    excluded = np.array([[0, 1], [2, 0]])
    for result in (
        random_peers(30, 5, seed=1, excluded=excluded),
        most_popular_peers(table, 5, excluded=excluded),
        jaccard_peers(table, 5, excluded=excluded),
        idf_cosine_peers(table, 5, excluded=excluded),
    ):
        assert result.shape == (30, 5)
        for row in range(30):
            assert row not in result[row]
        assert not {1, 2} & set(result[0].tolist())
        assert 0 not in result[1] and 0 not in result[2]


def test_jaccard_and_popularity_on_a_hand_made_case():
    table = make_assocs(
        assoc("a", tools={"zoom": "EXPERT", "canva": "EXPERT"}),
        assoc("b", tools={"zoom": "BEGINNER", "canva": "BEGINNER", "pretix": "BEGINNER"}),
        assoc("c", tools={"zoom": "BEGINNER"}),
        assoc("d", tools={"etherpad": "BEGINNER"}),
    )
    assert jaccard_peers(table, 3)[0].tolist() == [1, 2, -1]  # 2/3, then 1/2; d shares nothing
    assert most_popular_peers(table, 2)[0].tolist() == [1, 2]
    assert most_popular_peers(table, 2)[1].tolist() == [0, 2]


def test_idf_cosine_ranks_a_rare_shared_tool_above_a_common_one():
    table = make_assocs(
        assoc("a", tools={"whatsapp": "EXPERT", "openslides": "EXPERT"}),
        assoc("b", tools={"whatsapp": "BEGINNER"}),
        assoc("c", tools={"openslides": "BEGINNER"}),
        assoc("d", tools={"whatsapp": "BEGINNER"}),
        assoc("e", tools={"whatsapp": "BEGINNER", "zoom": "BEGINNER"}),
    )
    assert idf_cosine_peers(table, 2)[0].tolist()[0] == 2  # openslides (1 other user) before whatsapp (3)
    assert idf_cosine_peers(table, 4, excluded=np.array([[0, 2]]))[0].tolist()[:1] != [2]


def test_idf_cosine_with_context_uses_fields_and_the_district():
    table = make_assocs(
        assoc("a", tools={"zoom": "EXPERT"}, fields=["sport"], district="mitte"),
        assoc("b", tools={"zoom": "BEGINNER"}, fields=["culture"], district="spandau"),
        assoc("c", tools={"zoom": "BEGINNER"}, fields=["sport"], district="mitte"),
        assoc("d", tools={"canva": "BEGINNER"}, fields=["social"], district="pankow"),
    )
    assert idf_cosine_peers(table, 2)[0].tolist() == [1, 2]  # tools alone: a tie, lower row first
    assert idf_cosine_peers(table, 2, districts=district_map())[0].tolist() == [2, 1]
