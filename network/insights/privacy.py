"""Counts that cannot pick out one association or volunteer: small counts become "<N", and a total that would give
a small count away by subtraction is hidden too."""

from collections.abc import Sequence

from network.insights.models import Cell

SUPPRESSED_TOTAL = "suppressed"


def count_cell(count: int, min_count: int) -> Cell:
    """A count as a reader sees it: exact from `min_count` on and at 0, "<min_count" in between."""
    if 0 < count < min_count:
        return Cell(shown=f"<{min_count}", suppressed=True)
    return Cell(shown=str(count), value=count)


def total_cell(count: int, parts: Sequence[Cell], min_count: int) -> Cell:
    """A total over `parts`: hidden as soon as one part is suppressed.

    Total minus the shown parts is the sum of the suppressed ones; whenever that sum equals their number each of
    them is 1, however many there are, so no count of suppressed parts makes an exact total safe, and rounding
    leaks at its edges. Hiding the total is the one rule that never does.
    """
    if any(part.suppressed for part in parts):
        return Cell(shown=SUPPRESSED_TOTAL, suppressed=True)
    return count_cell(count, min_count)


def share_cell(part: Cell, whole: Cell) -> Cell:
    """part / whole as a whole percentage, hidden when either is (a share and its whole give the part back)."""
    if part.suppressed or whole.suppressed or part.value is None or whole.value is None:
        return Cell(shown=SUPPRESSED_TOTAL, suppressed=True)
    if whole.value == 0:
        return Cell(shown="-")
    share = part.value / whole.value
    return Cell(shown=f"{round(share * 100)}%", value=round(share, 4))
