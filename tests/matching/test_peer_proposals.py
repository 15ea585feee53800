"""Peer proposals (pure): one per unordered pair with the better side's reasons, against the plain former walk."""

import json

import numpy as np
import pytest

from network.matching.peers import suggest_peers
from network.matching.reasons import Code, Direction, reason
from network.matching.topk import top_k_per_row
from network.matching.weights import PEER_WEIGHTS
from network.suggestions import tables
from network.suggestions.models import Proposal, SuggestionKind, peer_key
from network.suggestions.proposals.peers import better_sides, peer_proposals
from network.suggestions.proposals.reasons_json import reason_lists_json, reasons_json
from tests.matching.builders import random_assocs


def reference_proposals(table, excluded_keys, k):
    """The former implementation: walk the rows, keep a strictly better later side, JSON per suggestion."""
    index = {key: i for i, key in enumerate(table.keys)}
    pairs = [(index[a], index[b]) for a, b in (key.split("|") for key in excluded_keys)]
    found = suggest_peers(table, tables.district_map(), excluded=np.array(pairs, np.int64).reshape(-1, 2), k=k)
    best = {}
    for row in range(table.n):
        for s in found.for_association(row):
            key = peer_key(table.keys[s.association], table.keys[s.candidate])
            if key not in best or s.score > best[key].score:
                best[key] = s
    return [
        Proposal(
            SuggestionKind.PEER,
            key,
            table.keys[s.association],
            table.keys[s.candidate],
            round(s.score, 4),
            reasons_json(s.reasons),
        )
        for key, s in best.items()
    ]


@pytest.mark.parametrize(("n", "k"), [(120, 20), (300, 5)])
def test_proposals_equal_the_former_walk(n, k):
    table = random_assocs(n, seed=n, districts=6)
    excluded = {peer_key(f"a{i}", f"a{i + 3}") for i in range(0, n - 3, 7)}
    assert peer_proposals(table, excluded, PEER_WEIGHTS, k=k) == reference_proposals(table, excluded, k)


def test_the_better_side_wins_and_ties_go_to_the_lower_row():
    rows = np.array([0, 0, 1, 2, 3, 5])
    cands = np.array([1, 2, 0, 0, 5, 3])
    points = np.array([10, 30, 10, 40, 7, 9])
    kept = better_sides(rows, cands, points)
    assert [(int(rows[i]), int(cands[i])) for i in kept] == [(0, 1), (2, 0), (5, 3)]


def test_joined_reason_lists_equal_json_dumps_per_list():
    reasons = [
        reason(Code.SHARED_TOOL, "openslides", 412),
        reason(Code.SAME_DISTRICT, "mitte", 150),
        reason(Code.CAN_MENTOR_TOOL, "nextcloud", 200, Direction.RECEIVES),
    ]
    lists = [[0, 2], [], [1], [2, 1, 0], []]
    items = np.array([i for items in lists for i in items])
    owner = np.repeat(np.arange(len(lists)), [len(items) for items in lists])
    texts = reason_lists_json(reasons, items, owner, len(lists))
    assert texts == [reasons_json([reasons[i] for i in items]) for items in lists]
    assert json.loads(texts[3])[2] == {"code": "SHARED_TOOL", "detail": "openslides", "weight": 4.12}


def test_integer_and_float_scores_give_the_same_top_k():
    rng = np.random.default_rng(7)
    points = rng.integers(-1, 6, size=(40, 300))  # many ties, a few excluded (-1)
    for k in (1, 5, 20, 300):
        expected = top_k_per_row(points.astype(np.float32), k)
        for dtype in (np.int16, np.int32):
            got = top_k_per_row(points.astype(dtype), k)
            assert all((a == b).all() for a, b in zip(got, expected, strict=True))


def test_no_suggestions_keep_no_side() -> None:
    none = np.zeros(0, np.int32)
    assert better_sides(none, none, none).tolist() == []


def test_a_coarse_partition_gives_the_exact_top_k():
    rng = np.random.default_rng(8)
    scores = rng.integers(-1, 4000, size=(50, 400)).astype(np.float32)  # ties within a coarse step of 16
    coarse = np.floor(scores / 16).astype(np.int16)
    for k in (1, 5, 20, 400):
        expected = top_k_per_row(scores, k)
        got = top_k_per_row(scores, k, coarse=coarse)
        assert all((a == b).all() for a, b in zip(got, expected, strict=True))
