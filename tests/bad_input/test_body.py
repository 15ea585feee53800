"""The body checks on their own: depth of JSON as sent, strings and escapes included."""

import pytest

from network.kit.request_guard import body_problem, json_depth


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ('{"a": [1, {"b": []}]}', 4),
        ('{"a": "[[[[{{{{"}', 1),  # brackets in strings do not nest
        ('{"a": "\\"[[[", "b": [[]]}', 3),  # nor after an escaped quote
        ('["\\\\", [[]]]', 3),  # an escaped backslash ends before the quote
    ],
)
def test_json_depth(text: str, depth: int) -> None:
    assert json_depth(text, stop_above=64) == depth


def test_counting_stops_past_the_limit() -> None:
    assert json_depth("[" * 10_000, stop_above=64) == 65


def test_body_problems() -> None:
    assert body_problem(b'{"query": "{ districts { slug } }"}', 64) is None
    assert body_problem('{"query": "Straße"}'.encode(), 64) is None
    assert body_problem(b'{"query": "\xc3"}', 64) == (
        "the request body is not valid UTF-8 (byte 11); send JSON encoded as UTF-8"
    )
    assert body_problem(b"[" * 65 + b"]" * 65, 64) == (
        "the request body nests deeper than the limit of 64 levels; send flatter variables"
    )
    assert body_problem(b"[" * 64 + b"]" * 64, 64) is None
