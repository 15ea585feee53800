"""page_size(): the one rule for how many items a connection may return."""

import pytest

from network.kit.errors import InvalidInput
from network.kit.limits import MAX_PAGE_SIZE, page_size


def test_no_first_gives_the_default() -> None:
    assert page_size(None) == 20
    assert page_size(None, default=5) == 5


@pytest.mark.parametrize("first", [1, 37, MAX_PAGE_SIZE])
def test_first_within_the_range_is_taken_as_asked(first: int) -> None:
    assert page_size(first) == first


@pytest.mark.parametrize("first", [0, -1, MAX_PAGE_SIZE + 1, 10_000])
def test_first_outside_the_range_is_refused_naming_the_field_and_the_range(first: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        page_size(first)
    assert refused.value.field == "first"
    assert str(refused.value) == f"first must be between 1 and 100, got {first}"


def test_the_cap_is_one_hundred() -> None:
    assert MAX_PAGE_SIZE == 100
