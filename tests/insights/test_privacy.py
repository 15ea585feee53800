"""The privacy rules alone: small counts become "<5", and no total or share gives one back by subtraction."""

import datetime as dt

from network.insights.privacy import count_cell, share_cell, total_cell
from network.insights.repository import AdoptionMonthRow, GroupCountRow, LoadRow, ReasonRow
from network.insights.service import peer_exposure, reason_acceptance, tool_adoption_by_month, volunteer_load

NOW = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)


def test_counts_below_the_threshold_read_as_less_than_it_and_zero_and_the_threshold_read_exactly() -> None:
    assert [count_cell(n, 5).shown for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]
    assert [count_cell(n, 5).value for n in (0, 1, 4, 5)] == [0, None, None, 5]
    assert count_cell(3, 3).shown == "3" and count_cell(2, 10).shown == "<10"


def test_a_total_over_a_suppressed_cell_is_hidden_however_many_are_suppressed() -> None:
    shown, small = count_cell(40, 5), count_cell(1, 5)
    assert total_cell(41, [shown, small], 5).suppressed
    assert total_cell(45, [shown, small, small, small, small, small], 5).value is None  # 5 ones: each would be 1
    assert total_cell(80, [shown, shown], 5).value == 80


def test_a_share_is_hidden_when_its_part_or_whole_is() -> None:
    assert share_cell(count_cell(2, 5), count_cell(40, 5)).suppressed
    assert share_cell(count_cell(10, 5), count_cell(40, 5)).shown == "25%"
    assert share_cell(count_cell(0, 5), count_cell(0, 5)).shown == "-"


def test_one_volunteer_in_a_band_cannot_be_recovered_from_the_row_or_the_table_total() -> None:
    rows: list[LoadRow] = [
        {"band": 10, "load": 0, "volunteers": 30},
        {"band": 10, "load": 1, "volunteers": 1},  # the one volunteer an attacker looks for
        {"band": 20, "load": 0, "volunteers": 12},
    ]
    table = volunteer_load(rows, NOW, 5)
    band = next(row for row in table.rows if row[0].shown == "10-19 h/month")
    assert [cell.shown for cell in band[1:]] == ["30", "<5", "0", "0", "suppressed"]
    assert table.parties.suppressed and table.parties.value is None
    other = next(row for row in table.rows if row[0].shown == "20+ h/month")
    assert other[-1].value == 12  # a row without a small cell keeps its total


def test_a_target_group_of_few_associations_shows_no_count_share_or_exposure() -> None:
    counted: list[GroupCountRow] = [
        {"kind": "all", "label": "", "count": 200},
        {"kind": "small", "label": "", "count": 80},
        {"kind": "group", "label": "older people", "count": 40},
        {"kind": "group", "label": "rare group", "count": 2},
    ]
    slots: list[GroupCountRow] = [
        {"kind": "all", "label": "", "count": 2000},
        {"kind": "small", "label": "", "count": 400},
        {"kind": "group", "label": "older people", "count": 400},
        {"kind": "group", "label": "rare group", "count": 30},
    ]
    table = peer_exposure(counted, slots, NOW, 5)
    rows = {row[0].shown: [cell.shown for cell in row[1:]] for row in table.rows}
    assert rows["small associations (no paid staff)"] == ["80", "40%", "400", "20%", "0.50"]
    assert rows["older people"] == ["40", "20%", "400", "20%", "1.00"]
    assert rows["rare group"] == ["<5", "suppressed", "30", "2%", "suppressed"]


def _reason(
    code: str, carrying: int, seen: int, open_: int, taken: int, connected: int, declined: int, expired: int
) -> ReasonRow:
    counts = {"seen": seen, "open": open_, "acceptedByOne": taken, "connected": connected, "declined": declined}
    counts["expired"] = expired
    return {"code": code, "carrying": carrying, **counts, "first": NOW}  # type: ignore[typeddict-item]


def test_the_one_pair_with_a_rare_reason_cannot_be_picked_out_by_its_row_or_a_difference() -> None:
    """One connected pair is the only one carrying REPORTED_ON: an attacker who knows one of the two associations
    wrote a report wants to learn from the table whether the pair connected."""
    rows = [
        _reason("", 61, 40, 30, 20, 12, 10, 9),
        _reason("SHARED_TOOL", 60, 40, 30, 19, 11, 10, 9),
        _reason("REPORTED_ON", 1, 1, 0, 1, 1, 0, 0),  # the one pair
        _reason("SAME_DISTRICT", 30, 29, 10, 29, 8, 7, 5),  # all but one seen and taken up: the one left is one pair
    ]
    table = reason_acceptance(rows, NOW, 5)
    shown = {row[0].shown: [cell.shown for cell in row[1:]] for row in table.rows}
    assert shown["REPORTED_ON"] == ["suppressed", "<5", "0", "<5", "<5", "0", "0", "suppressed"]
    assert shown["SHARED_TOOL"] == ["60", "40", "30", "19", "11", "10", "9", "32%"]
    assert shown["SAME_DISTRICT"] == ["30", "suppressed", "10", "suppressed", "8", "7", "5", "suppressed"]
    assert list(shown) == ["SHARED_TOOL", "SAME_DISTRICT", "REPORTED_ON"]  # in the order of the codes
    assert table.parties.value == 61  # rows overlap (a pair counts under each of its codes): no difference is a row
    for row in table.rows:
        assert all(cell.value is None for cell in row if cell.suppressed)
        assert 1 not in [cell.value for cell in row]


def test_adoption_by_month_sums_first_tools_up_to_each_month_and_hides_a_few_without_open_source() -> None:
    rows: list[AdoptionMonthRow] = [
        {"kind": "any", "month": 0, "associations": 100},  # recorded before the dates were kept
        {"kind": "any", "month": 202510, "associations": 7},  # before the twelve months: counts from the first
        {"kind": "any", "month": 202611, "associations": 3},
        {"kind": "any", "month": 202612, "associations": 2},
        {"kind": "open", "month": 0, "associations": 40},
        {"kind": "open", "month": 202612, "associations": 66},
    ]
    table = tool_adoption_by_month(rows, 200, NOW, 5)
    shown = [[cell.shown for cell in row] for row in table.rows]
    assert [row[0] for row in shown] == [f"2026-{m:02d}" for m in range(1, 13)]  # the twelve months up to now's
    assert shown[0] == ["2026-01", "107", "40", "37%"]
    assert shown[10] == ["2026-11", "110", "40", "36%"]
    # 112 using one, 106 of them open source: the 6 others are shown, but 3 would not be
    assert shown[11] == ["2026-12", "112", "106", "95%"]
    nearly_all = tool_adoption_by_month([*rows, {"kind": "open", "month": 202612, "associations": 3}], 200, NOW, 5)
    assert [cell.shown for cell in nearly_all.rows[11]] == ["2026-12", "112", "suppressed", "suppressed"]
    assert table.covered_from == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
