"""The shape of an insight: a table of typed cells, with the period and the parties it covers."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """One cell: a label (`text`), or a count or share that may be suppressed (then `value` is None)."""

    shown: str  # what a reader sees: a label, "12", "<5", "40%", or "suppressed" for a hidden total
    value: float | None = None  # the figure, None for labels and suppressed figures
    suppressed: bool = False

    @classmethod
    def label(cls, text: str) -> "Cell":
        return cls(shown=text)


@dataclass(frozen=True)
class Table:
    """One insight: its columns, its rows, the period it covers and how many parties it covers."""

    key: str  # unmet_needs, tool_adoption, ...: the name in the CLI's output
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    covered_from: dt.datetime | None  # None for a snapshot (then covered_to is the moment it was taken)
    covered_to: dt.datetime
    parties: Cell  # how many parties (associations, volunteers, suggestions) the table was computed from
    party_kind: str
    note: str = ""
