"""Generated data sets shared by the tests of a session (generation is deterministic, so caching is safe)."""

import json
from functools import cache
from typing import Any

from graph_schema.catalogue.reference import DATA, read_catalogue
from network.synthetic import generate


@cache
def sample(associations: int, seed: int) -> tuple[dict[str, Any], dict[str, Any]]:
    return generate(associations, seed)


@cache
def figures() -> dict[str, float]:
    """stats.json read here on its own, so that the generator is checked against the file, not against itself."""
    entries = json.loads((DATA / "stats.json").read_text(encoding="utf-8"))["stats"]
    values: dict[str, list[float]] = {}
    for entry in entries:
        values.setdefault(entry["metric"], []).append(float(entry["value"]))
    return {metric: found[0] for metric, found in values.items() if len(found) == 1}


@cache
def primary_category() -> dict[str, str]:
    return {t["slug"]: t["category"] for t in read_catalogue().tools}


def share(records: list[dict[str, Any]], test: Any) -> float:
    """Percent of records for which test(record) holds."""
    return 100 * sum(1 for r in records if test(r)) / len(records)
