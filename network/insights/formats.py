"""The insights as files: Markdown for people, CSV (one line per cell) and JSON for programs. Only the cells as
shown leave: a suppressed figure has no value here either."""

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

from network.insights.models import Cell, Table

FORMATS = ("md", "csv", "json")
CSV_COLUMNS = ["table", "covered_from", "covered_to", "parties", "party_kind", "row", "column", "shown", "suppressed"]


def render(tables: Sequence[Table], min_count: int, form: str) -> str:
    if form == "md":
        return markdown(tables, min_count)
    if form == "csv":
        return comma_separated(tables)
    return json.dumps({"minCount": min_count, "tables": [_table(t) for t in tables]}, ensure_ascii=False, indent=2)


def _when(moment: dt.datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""


def period(table: Table) -> str:
    """The period a table covers: "from ... to ..." or, for a snapshot, "as of ..."."""
    if table.covered_from:
        return f"from {_when(table.covered_from)} to {_when(table.covered_to)}"
    return f"as of {_when(table.covered_to)}"


def covers(table: Table) -> str:
    return f"{period(table)}; {table.parties.shown} {table.party_kind}"


def markdown(tables: Sequence[Table], min_count: int) -> str:
    lines = ["# Insights", "", f'Counts below {min_count} read "<{min_count}"; a total over such a count is hidden.']
    for table in tables:
        lines += ["", f"## {table.title}", "", f"Covers {covers(table)}.", ""]
        lines += [*markdown_table(table), "", table.note]
    return "\n".join(lines) + "\n"


def markdown_table(table: Table) -> list[str]:
    """The table's lines in Markdown: its columns, then each row's cells as shown."""
    lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    return lines + ["| " + " | ".join(cell.shown.replace("|", "\\|") for cell in row) + " |" for row in table.rows]


def comma_separated(tables: Sequence[Table]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for table in tables:
        meta = [table.key, _when(table.covered_from), _when(table.covered_to), table.parties.shown, table.party_kind]
        for number, row in enumerate(table.rows, start=1):
            for column, cell in zip(table.columns, row, strict=True):
                writer.writerow([*meta, number, column, cell.shown, "true" if cell.suppressed else "false"])
    return out.getvalue()


def _cell(cell: Cell) -> dict[str, Any]:
    return {"shown": cell.shown, "value": cell.value, "suppressed": cell.suppressed}


def _table(table: Table) -> dict[str, Any]:
    return {
        "key": table.key,
        "title": table.title,
        "columns": table.columns,
        "rows": [[_cell(cell) for cell in row] for row in table.rows],
        "coveredFrom": _when(table.covered_from) or None,
        "coveredTo": _when(table.covered_to),
        "parties": _cell(table.parties),
        "partyKind": table.party_kind,
        "note": table.note,
    }
