"""The generated data sets the suites load: one file per scale and seed, made once, reused (same seed, same data)."""

import json
from pathlib import Path

from network.synthetic import build

RECORD_KINDS = ("associations", "volunteers", "connections", "events")


def dataset_file(folder: Path, associations: int, seed: int) -> Path:
    """The import file for `associations` and `seed` in `folder`, generated when missing."""
    file = folder / f"synthetic-{associations}-{seed}.json"
    if not file.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = file.with_suffix(".partial")  # a run stopped half-way leaves no truncated data set behind
        build(associations, seed).write(partial, folder / f"synthetic-{associations}-{seed}.truth.json")
        partial.replace(file)
    return file


def record_count(file: Path) -> int:
    document = json.loads(file.read_text(encoding="utf-8"))
    return sum(len(document.get(kind, [])) for kind in RECORD_KINDS)


def public_slugs(file: Path) -> list[str]:
    """Slugs of associations an anonymous caller may see."""
    document = json.loads(file.read_text(encoding="utf-8"))
    return [a["slug"] for a in document["associations"] if a.get("visibility", "PUBLIC") == "PUBLIC"]
