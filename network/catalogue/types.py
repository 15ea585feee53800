"""GraphQL types of the catalogue; built from repository rows, labels in German and English."""

from enum import Enum
from typing import Any

import strawberry

from network.kit.global_id import to_global_id

Row = dict[str, Any]


@strawberry.enum(description="Language of a label.")
class Language(Enum):
    DE = "de"
    EN = "en"


def _label(row: Row, language: Language) -> str:
    return str(row["labelDe"] if language is Language.DE else row["labelEn"])


@strawberry.type(description="A kind of tool, such as video conferencing or member management.")
class ToolCategory:
    row: strawberry.Private[Row]

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def label(self, language: Language = Language.DE) -> str:
        return _label(self.row, language)


@strawberry.type(description="A digital tool that associations use or consider.")
class Tool:
    row: strawberry.Private[Row]
    catalogue: strawberry.Private[dict[str, Row]]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Tool", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def name(self) -> str:
        return str(self.row["name"])

    @strawberry.field(description="The main category.")
    def category(self) -> ToolCategory:
        row = self.row
        return ToolCategory(row={"slug": row["category"], "labelDe": row["categoryLabelDe"],
                                 "labelEn": row["categoryLabelEn"]})

    @strawberry.field(description="Published under a free or open-source licence; null where unsure.")
    def open_source(self) -> bool | None:
        return self.row.get("openSource")

    @strawberry.field
    def license(self) -> str | None:
        return self.row.get("license")

    @strawberry.field(description="An organisation can run its own server; null where not applicable.")
    def self_hostable(self) -> bool | None:
        return self.row.get("selfHostable")

    @strawberry.field(description="How it is offered: self-hosted, saas, desktop, ...")
    def deployment(self) -> list[str]:
        return list(self.row.get("deployment") or [])

    @strawberry.field(description="Open-source tools that can replace this one.")
    def alternatives(self) -> list["Tool"]:
        return [Tool(row=self.catalogue[slug], catalogue=self.catalogue) for slug in self.row["alternatives"]]

    @strawberry.field(description="Tools that this open-source tool can replace.")
    def replaces(self) -> list["Tool"]:
        return [Tool(row=self.catalogue[slug], catalogue=self.catalogue) for slug in self.row["replaces"]]


@strawberry.type(description="A DigComp 2.2 competence (for example 3.4 Programming).")
class Competence:
    code: str
    slug: str
    title: str
    area_slug: str
    area_title: str


@strawberry.type(description="A practical digital skill a volunteer can offer or an association can need.")
class Skill:
    row: strawberry.Private[Row]
    catalogue: strawberry.Private[dict[str, Row]]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Skill", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def label(self, language: Language = Language.DE) -> str:
        return _label(self.row, language)

    @strawberry.field(description="The DigComp 2.2 competences this skill belongs to.")
    def competences(self) -> list[Competence]:
        return [
            Competence(code=c["code"], slug=c["slug"], title=c["title"], area_slug=c["areaSlug"],
                       area_title=c["areaTitle"])
            for c in self.row["competences"]
        ]

    @strawberry.field(description="Tools this skill is about.")
    def tools(self) -> list[Tool]:
        return [Tool(row=self.catalogue[slug], catalogue=self.catalogue) for slug in self.row["tools"]]


@strawberry.type(description="One of Berlin's twelve districts (Bezirke).")
class District:
    row: strawberry.Private[Row]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("District", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field(description="The official name, which is the same in every language.")
    def name(self) -> str:
        return str(self.row["name"])

    @strawberry.field(description="The official two-digit district number.")
    def number(self) -> str:
        return str(self.row["number"])

    @strawberry.field(description="Latitude of the area-weighted centroid.")
    def lat(self) -> float:
        return float(self.row["lat"])

    @strawberry.field(description="Longitude of the area-weighted centroid.")
    def lon(self) -> float:
        return float(self.row["lon"])

    @strawberry.field(description="Inside, across or outside the Ringbahn: inner, mixed or outer.")
    def ringbahn_position(self) -> str:
        return str(self.row["ringbahnPosition"])


@strawberry.type(description="A field of engagement (sport, culture, social, environment, ...).")
class Field:
    row: strawberry.Private[Row]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Field", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def label(self, language: Language = Language.DE) -> str:
        return _label(self.row, language)


@strawberry.type(description="A group that associations serve or belong to, and that outreach aims to reach.")
class TargetGroup:
    row: strawberry.Private[Row]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("TargetGroup", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def label(self, language: Language = Language.DE) -> str:
        return _label(self.row, language)

    @strawberry.field(description="'person' for people, 'organisation' for kinds of association.")
    def kind(self) -> str:
        return str(self.row["kind"])
