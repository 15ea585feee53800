"""What every kind of record shares: link lists for the graph, plain JSON values, and the catalogue check."""

import datetime as dt
from typing import Any

from neo4j.time import Date, DateTime

from network.records.repository import LinkRow, StoredRecord

# One record of the import format (a JSON object), as the export writes it and the models validate it.
ImportRecord = dict[str, Any]
Reference = tuple[str, str, str]  # (where in the record, catalogue label, slug)


def unknown_references(refs: list[Reference], catalogue: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(where, problem) for each reference whose slug the catalogue lacks."""
    return [
        (where, f"unknown {label_name(label)} '{slug}'")
        for where, label, slug in refs
        if slug not in catalogue.get(label, set())
    ]


def label_name(label: str) -> str:
    return {"TargetGroup": "target group"}.get(label, label.lower())


def links(slugs: list[str], props: list[dict[str, object]] | None = None) -> list[LinkRow]:
    return [{"slug": s, "props": (props[i] if props else {})} for i, s in enumerate(slugs)]


def plain(value: Any) -> Any:
    if isinstance(value, DateTime | Date):
        value = value.to_native()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def common(row: StoredRecord, keys: list[str]) -> ImportRecord:
    out = {k: row.get(k) for k in keys}
    out["district"] = row["district"][0] if row["district"] else None
    return {k: v for k, v in plain(out).items() if v is not None}
