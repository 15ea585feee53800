"""The shipped catalogue as arrays: tools and their categories, skills, districts with neighbours, fields."""

import json
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from graph_schema.catalogue.reference import DATA, read_catalogue

# Two districts count as neighbours when their bounding boxes (berlin_districts.json bbox_lon_lat) overlap by at
# least this many square degrees x 1e-4. A heuristic on shipped data that reproduces Berlin's real district borders
# except Charlottenburg-Wilmersdorf/Reinickendorf (missed) and Lichtenberg/Neukoelln (added).
NEIGHBOUR_MIN_OVERLAP = 5.0


@dataclass(frozen=True)
class World:
    tools: list[str]
    tool_names: list[str]
    tool_category: np.ndarray  # index into categories (the tool's primary `category`)
    categories: list[str]
    open_source: npt.NDArray[np.bool_]  # per tool
    # [tool, alternative]: `alternative` is an open-source replacement of `tool`
    alternatives: npt.NDArray[np.bool_]
    skills: list[str]
    skill_labels: list[str]  # German labels
    skill_tools: list[list[int]]  # related tools per skill
    tool_skills: list[list[int]]  # skills related to each tool
    districts: list[str]
    district_names: list[str]
    population: np.ndarray  # share of Berlin's population per district (sums to 1)
    migration: np.ndarray  # share with a migration background, 0..1
    east: np.ndarray  # 1.0 former East, 0.0 former West, 0.5 mixed
    outer: npt.NDArray[np.bool_]  # ringbahn_position == "outer"
    neighbours: list[list[int]]
    fields: list[str]
    field_labels: list[str]
    target_groups: list[str]

    def tool(self, slug: str) -> int:
        return self.tools.index(slug)

    def skill(self, slug: str) -> int:
        return self.skills.index(slug)

    def field(self, slug: str) -> int:
        return self.fields.index(slug)


def _neighbours(boxes: list[list[float]]) -> list[list[int]]:
    out: list[list[int]] = []
    for i, (ax0, ay0, ax1, ay1) in enumerate(boxes):
        row = []
        for j, (bx0, by0, bx1, by1) in enumerate(boxes):
            overlap_x, overlap_y = min(ax1, bx1) - max(ax0, bx0), min(ay1, by1) - max(ay0, by0)
            if i != j and overlap_x > 0 and overlap_y > 0 and overlap_x * overlap_y * 1e4 >= NEIGHBOUR_MIN_OVERLAP:
                row.append(j)
        out.append(row)
    return out


@cache
def load_world() -> World:
    catalogue = read_catalogue()
    tools = [t["slug"] for t in catalogue.tools]
    categories = [c["slug"] for c in catalogue.tool_categories]
    alternatives = np.zeros((len(tools), len(tools)), dtype=bool)
    for row in catalogue.alternatives:
        alternatives[tools.index(row["to"]), tools.index(row["alternative"])] = True
    skills = [s["slug"] for s in catalogue.skills]
    skill_tools = [[tools.index(t) for t in s["tools"]] for s in catalogue.skills]
    districts = json.loads((DATA / "berlin_districts.json").read_text(encoding="utf-8"))["districts"]
    population = np.array([d["population"] for d in districts], dtype=float)
    return World(
        tools=tools,
        tool_names=[t["name"] for t in catalogue.tools],
        tool_category=np.array([categories.index(t["category"]) for t in catalogue.tools]),
        categories=categories,
        open_source=np.array([bool(t["openSource"]) for t in catalogue.tools]),
        alternatives=alternatives,
        skills=skills,
        skill_labels=[s["labelDe"] for s in catalogue.skills],
        skill_tools=skill_tools,
        tool_skills=[[s for s, related in enumerate(skill_tools) if t in related] for t in range(len(tools))],
        districts=[d["slug"] for d in districts],
        district_names=[d["name"] for d in districts],
        population=population / population.sum(),
        migration=np.array([d["share_with_migration_background_pct"] / 100 for d in districts]),
        east=np.array(
            [
                1.0 if d["former_east_west"] == "east" else 0.0 if d["former_east_west"] == "west" else 0.5
                for d in districts
            ]
        ),
        outer=np.array([d["ringbahn_position"] == "outer" for d in districts]),
        neighbours=_neighbours([d["bbox_lon_lat"] for d in districts]),
        fields=[f["slug"] for f in catalogue.fields],
        field_labels=[f["labelDe"] for f in catalogue.fields],
        target_groups=[g["slug"] for g in catalogue.target_groups],
    )
