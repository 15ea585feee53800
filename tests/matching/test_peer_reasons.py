"""The vectorised peer reasons against a plain per-reason reference (the former implementation)."""

import numpy as np
import pytest

from network.matching.peers import REASON_BLOCK, PeerSuggestions, suggest_peers
from network.matching.reasons import Code, Direction, Reason, ordered, reason
from tests.matching.builders import district_map, random_assocs


def reference_reasons(result: PeerSuggestions, row: int, cands: list[int]) -> list[list[Reason]]:
    f, t, w = result.features, result.table, result.weights
    vocab = t.vocab
    out: list[list[Reason]] = []
    for c in cands:
        found = []
        for x in range(len(vocab.tools)):
            if f.uses[row, x] and f.uses[c, x]:
                found.append(reason(Code.SHARED_TOOL, vocab.tools[x], f.idf_points[x]))
            if f.expert[row, x] and f.learner[c, x]:
                found.append(reason(Code.CAN_MENTOR_TOOL, vocab.tools[x], w.can_mentor_tool, Direction.OFFERS))
            if f.learner[row, x] and f.expert[c, x]:
                found.append(reason(Code.CAN_MENTOR_TOOL, vocab.tools[x], w.can_mentor_tool, Direction.RECEIVES))
        found += [
            reason(Code.SHARED_FIELD, s, w.field)
            for x, s in enumerate(vocab.fields)
            if t.fields[row, x] and t.fields[c, x]
        ]
        found += [
            reason(Code.SHARED_TARGET_GROUP, s, w.target_group)
            for x, s in enumerate(vocab.target_groups)
            if t.target_groups[row, x] and t.target_groups[c, x]
        ]
        home, other = int(t.district[row]), int(t.district[c])
        if home >= 0 and other == home:
            found.append(reason(Code.SAME_DISTRICT, vocab.districts[home], w.same_district))
        elif home >= 0 and other >= 0 and result.districts.neighbours[home, other]:
            found.append(reason(Code.NEARBY_DISTRICT, vocab.districts[other], w.nearby_district))
        out.append(ordered(found))
    return out


@pytest.mark.parametrize("seed", range(3))
def test_vectorised_reasons_equal_the_reference_and_add_up_to_the_score(seed):
    table = random_assocs(80, seed, districts=5)
    result = suggest_peers(table, district_map(), k=10)
    for row in range(table.n):
        suggestions = result.for_association(row)
        expected = reference_reasons(result, row, [s.candidate for s in suggestions])
        assert [s.reasons for s in suggestions] == expected
        for s in suggestions:
            assert sum(r.weight for r in s.reasons) == pytest.approx(s.score)


def test_rows_without_a_district_get_no_district_reasons():
    table = random_assocs(30, 4, districts=3)
    table.district[:10] = -1
    result = suggest_peers(table, district_map(), k=5)
    for row in range(10):
        codes = {r.code for s in result.for_association(row) for r in s.reasons}
        assert not codes & {Code.SAME_DISTRICT, Code.NEARBY_DISTRICT}
    assert np.any(
        [r.code == Code.SAME_DISTRICT for row in range(10, 30) for s in result.for_association(row) for r in s.reasons]
    )


def test_rows_read_out_of_order_across_reason_blocks_are_the_same():
    table = random_assocs(REASON_BLOCK + 40, 5, districts=4)
    result = suggest_peers(table, district_map(), k=5)
    in_order = {row: result.for_association(row) for row in range(table.n)}
    fresh = suggest_peers(table, district_map(), k=5)
    for row in (REASON_BLOCK + 3, 2, REASON_BLOCK + 39, 2, 0):
        assert fresh.for_association(row) == in_order[row]
        assert all(s.association == row for s in in_order[row])
