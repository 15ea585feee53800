"""The difference a run writes, as a pure function: only PROPOSED suggestions move, answered pairs stay."""

from network.suggestions.diff import changes, digest, stored_code
from network.suggestions.models import Proposal, SuggestionKind

VERSION = "v-test"


def proposal(key: str, score: float = 1.0, reasons: str = '[{"code": "SAME_DISTRICT"}]') -> Proposal:
    party, candidate = key.split("|")
    return Proposal(SuggestionKind.PEER, key, party, candidate, score, reasons)


def stored(
    key: str,
    status: str = "PROPOSED",
    score: float = 1.0,
    reasons: str = '[{"code": "SAME_DISTRICT"}]',
    answered: bool = False,
    version: str = VERSION,
) -> tuple[str, str]:
    """(pair key, code) as a run wrote `proposal(key, score, reasons)` with `version`."""
    return key, stored_code(status, digest(proposal(key, score, reasons), version), answered)


def by_key(*items: tuple[str, str]) -> dict[str, str]:
    return dict(items)


def test_the_same_proposals_again_write_nothing() -> None:
    plan = changes([proposal("a|b"), proposal("a|c", 2.0)], by_key(stored("a|b"), stored("a|c", score=2.0)), VERSION)
    assert (plan.create, plan.update, plan.delete, plan.unchanged) == ([], [], [], 2)


def test_new_pairs_are_created_changed_ones_rescored_and_gone_ones_deleted() -> None:
    plan = changes(
        [proposal("a|b", 1.5), proposal("a|c"), proposal("a|d", reasons="[]")],
        by_key(stored("a|b"), stored("a|d"), stored("a|e")),
        VERSION,
    )
    assert [p.pair_key for p in plan.create] == ["a|c"]
    assert [(p.pair_key, p.score, p.reasons) for p in plan.update] == [
        ("a|b", 1.5, plan.update[0].reasons),
        ("a|d", 1.0, "[]"),
    ]
    assert plan.delete == ["a|e"]
    assert plan.writes == 4


def test_a_new_algorithm_version_rescores_even_an_equal_score() -> None:
    plan = changes([proposal("a|b")], by_key(stored("a|b", version="older")), VERSION)
    assert [p.pair_key for p in plan.update] == ["a|b"]


def test_a_last_bit_difference_in_the_score_is_no_change() -> None:
    plan = changes([proposal("a|b", 1.0 + 1e-12)], by_key(stored("a|b")), VERSION)
    assert plan.writes == 0


def test_answered_and_closed_pairs_are_never_written() -> None:
    existing = by_key(
        stored("a|b", "ACCEPTED", score=9.0),
        stored("a|c", "DECLINED"),
        stored("a|d", "EXPIRED"),
        stored("a|e", answered=True),
        stored("a|f", "ACCEPTED"),
    )
    # a run that still proposes b, c and d with other scores, and no longer proposes e and f
    plan = changes([proposal("a|b", 1.0), proposal("a|c", 3.0), proposal("a|d", 3.0)], existing, VERSION)
    assert (plan.create, plan.update, plan.delete) == ([], [], [])
    assert plan.unchanged == 3
