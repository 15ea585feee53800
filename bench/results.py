"""What every benchmark suite returns: tables for the report and the terminal, plots, and notes on method.

A suite measures; `bench/report.py` renders. Keeping them apart lets each suite run alone and the report
combine whatever ran.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]]  # one value per column; floats are rounded when rendered


@dataclass
class SuiteResult:
    name: str  # "api", "matching", "import", "insights", "soak", "mail"
    tables: list[Table] = field(default_factory=list)
    plots: list[Path] = field(default_factory=list)  # PNG files already written into the results folder
    notes: list[str] = field(default_factory=list)  # method and caveats, printed under the tables
    raw: dict[str, Any] = field(default_factory=dict)  # numbers for results.json (machine-readable)
