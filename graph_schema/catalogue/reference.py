"""Reads the shipped reference data (data/*.json, sources in data/SOURCES.md) into rows for the graph."""

import json
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypedDict

DATA = Path(__file__).parent / "data"
# Catalogue ids are derived from label and slug, so every installation gives a catalogue node the same id.
_ID_NAMESPACE = uuid.UUID("5b0c1a52-39d4-4a0e-9c55-2f8f8a6f3e11")


class ToolCategoryRow(TypedDict):
    id: str
    slug: str
    labelDe: str
    labelEn: str


class ToolRow(TypedDict):
    id: str
    slug: str
    name: str
    category: str  # the primary category's slug
    categories: list[str]
    openSource: bool
    license: str | None
    selfHostable: bool | None
    deployment: list[str]
    notes: str | None


class AlternativeRow(TypedDict):
    alternative: str  # a tool slug: an open-source replacement of `to`
    to: str


class CompetenceAreaRow(TypedDict):
    id: str
    slug: str
    code: str
    title: str


class CompetenceRow(TypedDict):
    id: str
    slug: str
    code: str
    title: str
    area: str  # the competence area's code


class SkillRow(TypedDict):
    id: str
    slug: str
    labelDe: str
    labelEn: str
    competences: list[str]  # DigComp competence codes
    tools: list[str]  # related tool slugs


class DistrictRow(TypedDict):
    id: str
    slug: str
    number: str
    name: str
    lat: float
    lon: float
    areaKm2: float
    population: int
    ringbahnPosition: str


class FieldRow(TypedDict):
    id: str
    slug: str
    labelDe: str
    labelEn: str


class TargetGroupRow(TypedDict):
    id: str
    slug: str
    labelDe: str
    labelEn: str
    kind: str


def catalogue_id(label: str, slug: str) -> str:
    return str(uuid.uuid5(_ID_NAMESPACE, f"{label}:{slug}"))


@dataclass(frozen=True)
class Catalogue:
    tool_categories: list[ToolCategoryRow]
    tools: list[ToolRow]
    alternatives: list[AlternativeRow]
    competence_areas: list[CompetenceAreaRow]
    competences: list[CompetenceRow]
    skills: list[SkillRow]
    districts: list[DistrictRow]
    fields: list[FieldRow]
    target_groups: list[TargetGroupRow]

    def slugs(self, kind: str) -> frozenset[str]:
        return frozenset(row["slug"] for row in getattr(self, kind))


def _read(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@cache
def read_catalogue() -> Catalogue:
    tools = _read("tools.json")
    skills = _read("skills_digcomp.json")
    return Catalogue(
        tool_categories=[
            {
                "id": catalogue_id("ToolCategory", c["slug"]),
                "slug": c["slug"],
                "labelDe": c["label_de"],
                "labelEn": c["label_en"],
            }
            for c in tools["categories"]
        ],
        tools=[
            {
                "id": catalogue_id("Tool", t["slug"]),
                "slug": t["slug"],
                "name": t["name"],
                "category": t["category"],
                "categories": t["categories"],
                "openSource": t["open_source"],
                "license": t["license"],
                "selfHostable": t["self_hostable"],
                "deployment": t["deployment"],
                "notes": t.get("notes"),
            }
            for t in tools["tools"]
        ],
        alternatives=[
            {"alternative": alternative, "to": t["slug"]}
            for t in tools["tools"]
            for alternative in t["open_source_alternatives"]
        ],
        competence_areas=[
            {"id": catalogue_id("CompetenceArea", a["slug"]), "slug": a["slug"], "code": a["id"], "title": a["title"]}
            for a in skills["competence_areas"]
        ],
        competences=[
            {
                "id": catalogue_id("Competence", c["slug"]),
                "slug": c["slug"],
                "code": c["id"],
                "title": c["title"],
                "area": c["area_id"],
            }
            for c in skills["competences"]
        ],
        skills=[
            {
                "id": catalogue_id("Skill", s["slug"]),
                "slug": s["slug"],
                "labelDe": s["label_de"],
                "labelEn": s["label_en"],
                "competences": s["digcomp_ids"],
                "tools": s["related_tool_slugs"],
            }
            for s in skills["practical_skills"]
        ],
        districts=[
            {
                "id": catalogue_id("District", d["slug"]),
                "slug": d["slug"],
                "number": d["id"],
                "name": d["name"],
                "lat": d["centroid"]["lat"],
                "lon": d["centroid"]["lon"],
                "areaKm2": d["area_km2"],
                "population": d["population"],
                "ringbahnPosition": d["ringbahn_position"],
            }
            for d in _read("berlin_districts.json")["districts"]
        ],
        fields=[
            {
                "id": catalogue_id("Field", f["slug"]),
                "slug": f["slug"],
                "labelDe": f["label_de"],
                "labelEn": f["label_en"],
            }
            for f in _read("engagement_fields.json")["fields"]
        ],
        target_groups=[
            {
                "id": catalogue_id("TargetGroup", g["slug"]),
                "slug": g["slug"],
                "labelDe": g["label_de"],
                "labelEn": g["label_en"],
                "kind": g["kind"],
            }
            for g in _read("target_groups.json")["target_groups"]
        ],
    )
