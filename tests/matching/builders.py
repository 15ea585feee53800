"""Small builders for the pure matching tests: a tiny vocabulary, records, random tables."""

import json
from pathlib import Path

import numpy as np

from network.matching.districts import DistrictMap
from network.matching.inputs import (
    AssociationRecord,
    AssociationTable,
    Need,
    Vocabulary,
    VolunteerRecord,
    VolunteerTable,
)

DATA = Path(__file__).resolve().parents[2] / "graph_schema" / "catalogue" / "data"
TOOLS = ("whatsapp", "nextcloud", "openslides", "bigbluebutton", "etherpad", "zoom", "canva", "pretix")
SKILLS = ("gdpr", "nextcloud-admin", "social-media", "web")
FIELDS = ("sport", "culture", "social")
GROUPS = ("older-people", "refugees")
LANGUAGES = ("de", "en", "tr", "ar")


def catalogue_districts() -> list[dict[str, object]]:
    return json.loads((DATA / "berlin_districts.json").read_text(encoding="utf-8"))["districts"]


def district_map() -> DistrictMap:
    return DistrictMap.from_catalogue(catalogue_districts())


def make_vocab() -> Vocabulary:
    return Vocabulary(
        tools=TOOLS,
        skills=SKILLS,
        fields=FIELDS,
        target_groups=GROUPS,
        districts=district_map().slugs,
        languages=LANGUAGES,
    )


def make_assocs(*records: AssociationRecord) -> AssociationTable:
    return AssociationTable.from_records(records, make_vocab())


def make_vols(*records: VolunteerRecord) -> VolunteerTable:
    return VolunteerTable.from_records(records, make_vocab())


def assoc(key: str, **kwargs: object) -> AssociationRecord:
    return AssociationRecord(key=key, **kwargs)  # type: ignore[arg-type]


def vol(key: str, **kwargs: object) -> VolunteerRecord:
    return VolunteerRecord(key=key, **kwargs)  # type: ignore[arg-type]


def random_assocs(n: int, seed: int, *, districts: int = 12, reports: float = 0.0) -> AssociationTable:
    """Associations with skewed tool popularity (the first tools are common), a few fields, groups and needs;
    `reports`: the chance of an approved experience report on each tool an association uses (drawn apart, so the
    rest of the table is the same with or without)."""
    rng = np.random.default_rng(seed)
    report_rng = np.random.default_rng([seed, 1])
    vocab = make_vocab()
    popularity = np.linspace(0.7, 0.08, len(TOOLS))
    records = []
    for i in range(n):
        used = [t for t, p in zip(TOOLS, popularity, strict=True) if rng.random() < p]
        tools = {t: str(rng.choice(["BEGINNER", "INTERMEDIATE", "EXPERT"])) for t in used}
        considers = tuple(t for t in TOOLS if t not in tools and rng.random() < 0.08)
        needs = tuple(Need(s, int(rng.integers(2, 6)), int(rng.integers(1, 4))) for s in SKILLS if rng.random() < 0.35)
        records.append(
            AssociationRecord(
                key=f"a{i}",
                district=vocab.districts[int(rng.integers(0, districts))],
                paid_staff=int(rng.random() < 0.3),
                languages=("de", "tr") if rng.random() < 0.2 else ("de",),
                fields=tuple(f for f in FIELDS if rng.random() < 0.35),
                target_groups=tuple(g for g in GROUPS if rng.random() < 0.2),
                tools=tools,
                considers=considers,
                needs=needs,
                reported=tuple(t for t in tools if report_rng.random() < reports),
            )
        )
    return AssociationTable.from_records(records, vocab)


def random_vols(m: int, seed: int, *, districts: int = 12) -> VolunteerTable:
    rng = np.random.default_rng(seed)
    vocab = make_vocab()
    records = []
    for i in range(m):
        skills = {s: int(rng.integers(1, 9)) for s in SKILLS if rng.random() < 0.4}
        records.append(
            VolunteerRecord(
                key=f"v{i}",
                district=vocab.districts[int(rng.integers(0, districts))],
                remote=bool(rng.random() < 0.3),
                languages=("de", "en") if rng.random() < 0.7 else ("ar",),
                hours_per_month=int(rng.integers(1, 12)),
                max_mentees=int(rng.integers(1, 4)),
                skills=skills,
                tools={t: "EXPERT" for t in TOOLS if rng.random() < 0.15},
            )
        )
    return VolunteerTable.from_records(records, vocab)
