"""The vectorised peer reasons against a plain per-reason reference (the former implementation)."""

import numpy as np
import pytest

from network.matching.peer_features import UNIT
from network.matching.peers import REASON_BLOCK, PeerSuggestions, suggest_peers
from network.matching.reasons import Code, Direction, Reason, ordered
from tests.matching.builders import district_map, random_assocs


def reference_reasons(result: PeerSuggestions, row: int, cands: list[int]) -> list[list[Reason]]:
    """Per candidate, a reason for every feature column with a share of the score, named column by column, and
    SHARED_PEERS for the neighbourhood support."""
    f, t = result.features, result.table
    vocab = t.vocab
    names = (
        [(Code.SHARED_TOOL, x, None) for x in vocab.tools]
        + [(Code.CAN_MENTOR_TOOL, x, Direction.OFFERS) for x in vocab.tools]
        + [(Code.CAN_MENTOR_TOOL, x, Direction.RECEIVES) for x in vocab.tools]
        + [(Code.REPORTED_ON, x, Direction.OFFERS) for x in vocab.tools]
        + [(Code.REPORTED_ON, x, Direction.RECEIVES) for x in vocab.tools]
        + [(Code.SHARED_FIELD, x, None) for x in vocab.fields]
        + [(Code.SHARED_TARGET_GROUP, x, None) for x in vocab.target_groups]
    )
    out: list[list[Reason]] = []
    support = result.support_of(np.full(len(cands), row), np.array(cands, np.int64))
    for c, supported in zip(cands, support.tolist(), strict=True):
        found = []
        for column in range(f.left.shape[1]):
            units = int(f.left[row, column]) * int(f.right[c, column])
            weight = round(units / UNIT, 4)
            if weight == 0:
                continue
            if column < len(names):
                code, detail, direction = names[column]
            else:
                district = column - len(names)
                code = Code.SAME_DISTRICT if t.district[row] == district else Code.NEARBY_DISTRICT
                detail, direction = vocab.districts[district], None
            found.append(Reason(code, detail, weight, direction))
        if round(supported / UNIT, 4):
            found.append(Reason(Code.SHARED_PEERS, None, round(supported / UNIT, 4)))
        out.append(ordered(found))
    return out


@pytest.mark.parametrize("seed", range(3))
def test_vectorised_reasons_equal_the_reference_and_add_up_to_the_score(seed):
    table = random_assocs(80, seed, districts=5, reports=0.3)
    result = suggest_peers(table, district_map(), k=10)
    for row in range(table.n):
        suggestions = result.for_association(row)
        expected = reference_reasons(result, row, [s.candidate for s in suggestions])
        assert [s.reasons for s in suggestions] == expected
        for s in suggestions:
            assert sum(r.weight for r in s.reasons) == pytest.approx(s.score, abs=1e-3)


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
